/**
 * Diagnostic for DESIGN.md §11.3 (automation and the leak of QE into CPI): QE − QT (qe-into-bubble against
 * qt-continues, common random numbers) at month M for each seed and automation level, with the channels —
 * price indices, wages, consumption, investment, nominal GDP, unemployment, capacity utilisation — and the
 * large firms' target price split into its parts (size-weighted): markup, labour cost per unit, capital
 * cost per unit (user cost × capital per unit × price of capital goods). One JSON line per (automation, seed).
 *
 * Options: --households N (20000), --months M (24), --seeds 1,2,3,4,5, --automation 0.3,0.6,
 * --set key=value (repeatable, applied to both scenarios). Run after `npm run build`:
 *   node dist/bench/automationChannels.js --seeds 1,2
 */
import { join } from 'node:path';
import { createEconomyWorld, prepareEconomyMonth } from '../sim/economyModel.js';
import type { EconomyWorld } from '../sim/economyWorld.js';
import { normalUserCost, smeSpendingShare } from '../sim/markets/goods.js';
import { automatedCapacityPressure } from '../agents/largeFirms.js';
import { loadScenario } from '../sim/scenario.js';
import { stepEconomyMonth } from '../sim/step.js';
import { PROJECT_ROOT } from '../sim/version.js';
import { option, repeatedOption } from './options.js';

const sets = repeatedOption('set');
const households = option('households', '20000');
const months = Number(option('months', '24'));
const seeds = option('seeds', '1,2,3,4,5').split(',').map(Number);
const levels = option('automation', '0.3,0.6').split(',').map(Number);

/** The month's readings: levels whose QE/QT ratio (log, %) or difference is reported. */
function readings(w: EconomyWorld) {
  const { market: m, large, month_: mo, scenario } = w;
  const lf = scenario.large;
  const markups = [lf.markups.growth, lf.markups.defensive, lf.markups.real_assets];
  const userCost = normalUserCost(w);
  let size = 0, markup = 0, labourCost = 0, capitalCost = 0, sales = 0, capacity = 0;
  for (let f = 0; f < large.count; f++) {
    const cap = large.capital.values[f] / large.capitalPerOutput[f];
    const u = cap > 0 ? Math.min(2, large.realSales[f] / cap) : lf.normal_utilisation;
    const s = large.size[f];
    size += s;
    markup += s * (markups[large.sector[f]] + automatedCapacityPressure(lf.capacity_pressure, lf.automation) * Math.max(0, u - lf.normal_utilisation));
    labourCost += (s * m.largeWage) / large.productivity[f];
    capitalCost += s * (userCost / 12) * large.capitalPerOutput[f] * large.capital.price[0];
    sales += large.realSales[f];
    capacity += cap;
  }
  return {
    levels: { cpi: m.cpi, smePrice: m.smePriceIndex, largePrice: m.largePriceIndex, smeWage: m.smeWage, largeWage: m.largeWage, consumption: mo.consumption, investment: mo.investment, nominalGdp: mo.nominalGdp, labourCost: labourCost / size, capitalCost: capitalCost / size },
    shares: { unemployment: mo.unemployed / Math.max(1, mo.unemployed + mo.employed), utilisation: sales / capacity, markup: markup / size, userCost, smeSpendingShare: smeSpendingShare(w), yield10y: m.yield10y },
  };
}

function run(file: string, seed: number, automation: number) {
  const set = [`households=${households}`, `months=${months}`, `seed=${seed}`, `large.automation=${automation}`, ...sets];
  const world = createEconomyWorld(loadScenario(join(PROJECT_ROOT, 'scenarios', file), { set }).scenario as never);
  for (let t = 1; t <= months; t++) {
    stepEconomyMonth(world);
    prepareEconomyMonth(world); // as the engine does each month (distribution statistics feed later decisions)
  }
  return readings(world);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
for (const automation of levels) {
  for (const seed of seeds) {
    const qe = run('qe-into-bubble.yaml', seed, automation);
    const qt = run('qt-continues.yaml', seed, automation);
    const logPercent: Record<string, number> = {};
    for (const k of Object.keys(qe.levels) as (keyof typeof qe.levels)[]) logPercent[k] = round(100 * Math.log(qe.levels[k] / qt.levels[k]));
    const differencePoints: Record<string, number> = {};
    for (const k of Object.keys(qe.shares) as (keyof typeof qe.shares)[]) differencePoints[k] = round(100 * (qe.shares[k] - qt.shares[k]));
    console.log(JSON.stringify({ automation, seed, months, qeMinusQt: { logPercent, differencePoints }, qtLevels: { markup: round(qt.shares.markup), labourCost: round(qt.levels.labourCost), capitalCost: round(qt.levels.capitalCost), utilisation: round(qt.shares.utilisation) } }));
  }
}
