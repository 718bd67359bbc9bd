/**
 * Per-phase timing of the economy's month (ms per month), for finding where the month loop spends its time.
 * Runs the calls of `stepEconomyMonth` (sim/step.ts) in the same order, timing each; then the distribution
 * statistics (`prepareEconomyMonth`). Keep the list in step with sim/step.ts. JSON on stdout.
 *
 * Options: --households N (default 100000), --months M (default 60), --split-assets (phase 7's asset
 * markets timed step by step — keep those steps in step with `assetMarkets` in sim/markets/equities.ts),
 * --trace NAME (the CPU ms of that phase in each month, on stderr). Also reports bytes allocated per
 * month by each phase (heap growth across the call; a call during which the heap shrank, a garbage
 * collection, is left out of that average): run with --max-semi-space-size=256 so that few calls are.
 * Wall time and process CPU time per phase (CPU time moves less when other work shares the cores), and
 * each phase's fastest month.
 */
import { join } from 'node:path';
import { closeMonthRecords, createEconomyWorld, prepareEconomyMonth } from '../sim/economyModel.js';
import type { EconomyWorld } from '../sim/economyWorld.js';
import { financeGovernment, householdLiquidity, openFiscalMonth } from '../sim/fiscal.js';
import { payInterest, payProfits, settleTransfersAndCapitalTax, smeTurnover } from '../sim/income.js';
import { householdCredit, largeFirmFinance, setLendingStandards, smeCredit } from '../sim/markets/credit.js';
import { governmentPurchases, householdConsumption, investment, recordSales, setPrices, updateSmeMarketShares } from '../sim/markets/goods.js';
import { coverOverdrafts, labourMarket, payWages, updateWagesAndProductivity } from '../sim/markets/labour.js';
import { centralBankOperations, repriceAssets } from '../sim/markets/treasuries.js';
import {
  assetMarkets,
  convertToPassive,
  countNewBuyers,
  executeBuybacks,
  formExpectations,
  participationEntries,
  passiveTrades,
  rebalancePortfolios,
  retirementFlows,
  revalueFundUnits,
  setAssetPrices,
  setClassTargets,
  settlePools,
} from '../sim/markets/equities.js';
import { updatePoliticalPressure } from '../sim/indices.js';
import { rekeyStreams } from '../sim/rng.js';
import { setPolicyRate, setRegime } from '../sim/policy.js';
import { loadScenario } from '../sim/scenario.js';
import { SFC_TOLERANCE } from '../sim/step.js';
import { PROJECT_ROOT } from '../sim/version.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const households = Number(option('households') ?? 100000);
const months = Number(option('months') ?? 60);
const splitAssets = process.argv.includes('--split-assets');
const traced = option('trace');

/** Phase 7's asset-market steps, in the order of `assetMarkets` (recording months). */
const assetMarketSteps: Array<[string, (w: EconomyWorld) => void]> = [
  ['am.convertToPassive', (w) => (w.scratch.largeAmounts.fill(0), convertToPassive(w))],
  ['am.formExpectations+setClassTargets', (w) => (formExpectations(w), setClassTargets(w))],
  ['am.participationEntries', participationEntries],
  ['am.rebalancePortfolios', rebalancePortfolios],
  ['am.retirementFlows', (w) => void retirementFlows(w)],
  ['am.executeBuybacks+passiveTrades', (w) => (executeBuybacks(w, w.scratch.largeAmounts), passiveTrades(w, w.scratch.largeAmounts))],
  ['am.settlePools', settlePools],
  [
    'am.setAssetPrices',
    (w) => {
      const fin = w.finance;
      fin.equityNetFlow = fin.sectorIntent[0] + fin.sectorIntent[1] + fin.sectorIntent[2] + fin.passiveFlow;
      setAssetPrices(w, w.scratch.largeAmounts);
    },
  ],
  ['am.revalueFundUnits', revalueFundUnits],
  ['am.countNewBuyers', countNewBuyers],
];

const phases: Array<[string, (w: EconomyWorld) => void]> = [
  [
    'open',
    (w) => {
      w.month += 1;
      w.clock += 1;
      rekeyStreams(w.streams, w.scenario.seed, w.clock);
      w.ledger.clearFlows();
      openFiscalMonth(w);
      w.households.income.fill(0);
      w.households.disposableIncome.fill(0);
      w.smes.profit.fill(0);
      w.large.profit.fill(0);
    },
  ],
  ['setRegime+setPolicyRate', (w) => (setRegime(w), setPolicyRate(w))],
  ['setLendingStandards', setLendingStandards],
  ['smeCredit', smeCredit],
  ['householdCredit', householdCredit],
  ['largeFirmFinance', largeFirmFinance],
  ['updateWagesAndProductivity', updateWagesAndProductivity],
  ['labourMarket', labourMarket],
  ['payWages', payWages],
  ['coverOverdrafts(1)', coverOverdrafts],
  ['setPrices', setPrices],
  ['updateSmeMarketShares', updateSmeMarketShares],
  ['householdConsumption', householdConsumption],
  ['governmentPurchases', governmentPurchases],
  ['investment', investment],
  ['recordSales', recordSales],
  ['payInterest', payInterest],
  ['payProfits', payProfits],
  ['settleTransfersAndCapitalTax', settleTransfersAndCapitalTax],
  ['smeTurnover', smeTurnover],
  ['coverOverdrafts(2)', coverOverdrafts],
  ['householdLiquidity', householdLiquidity],
  ['financeGovernment', financeGovernment],
  ['updatePoliticalPressure', updatePoliticalPressure],
  ['centralBankOperations', centralBankOperations],
  ['repriceAssets', repriceAssets],
  ...(splitAssets ? assetMarketSteps : [['assetMarkets', assetMarkets] as [string, (w: EconomyWorld) => void]]),
  [
    'check+closeMonthRecords',
    (w) => {
      const check = w.ledger.check(SFC_TOLERANCE);
      w.sfcError = check.sfcError;
      if (!(check.sfcError <= SFC_TOLERANCE)) throw new Error(`sfc_error ${check.sfcError} at month ${w.month}`);
      closeMonthRecords(w);
    },
  ],
  ['prepareEconomyMonth', prepareEconomyMonth],
];

const { scenario } = loadScenario(join(PROJECT_ROOT, 'scenarios/baseline-2025.yaml'), { set: [`households=${households}`, `months=${months}`] });
const started = performance.now();
const world = createEconomyWorld(scenario as never);
const initialised = performance.now();
const totals = new Float64Array(phases.length);
const cpuTotals = new Float64Array(phases.length);
const allocated = new Float64Array(phases.length);
const measured = new Float64Array(phases.length);
const cpuMin = new Float64Array(phases.length).fill(Infinity);
for (let m = 0; m < months; m++) {
  for (let k = 0; k < phases.length; k++) {
    const heap = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const t = performance.now();
    phases[k][1](world);
    totals[k] += performance.now() - t;
    const used = process.cpuUsage(cpu);
    cpuTotals[k] += (used.user + used.system) / 1000;
    cpuMin[k] = Math.min(cpuMin[k], (used.user + used.system) / 1000);
    if (phases[k][0] === traced) console.error(`month ${m}: ${traced} ${((used.user + used.system) / 1000).toFixed(2)} ms, heap ${((process.memoryUsage().heapUsed - heap) / 1000).toFixed(0)} KB`);
    const grown = process.memoryUsage().heapUsed - heap;
    if (grown >= 0) {
      allocated[k] += grown;
      measured[k]++;
    }
  }
}
const perMonth: Record<string, number> = {};
const cpuPerMonth: Record<string, number> = {};
let cpuTotal = 0;
const kbPerMonth: Record<string, number> = {};
const cpuMinPerMonth: Record<string, number> = {};
let total = 0;
for (let k = 0; k < phases.length; k++) {
  perMonth[phases[k][0]] = Math.round((100 * totals[k]) / months) / 100;
  cpuPerMonth[phases[k][0]] = Math.round((100 * cpuTotals[k]) / months) / 100;
  cpuTotal += cpuTotals[k];
  cpuMinPerMonth[phases[k][0]] = Math.round(100 * cpuMin[k]) / 100;
  kbPerMonth[phases[k][0]] = measured[k] > 0 ? Math.round(allocated[k] / measured[k] / 1000) : -1;
  total += totals[k];
}
console.log(
  JSON.stringify(
    {
      households,
      months,
      initialisation_seconds: Math.round(initialised - started) / 1000,
      ms_per_month_total: Math.round((100 * total) / months) / 100,
      ms_per_month: perMonth,
      cpu_ms_per_month_total: Math.round((100 * cpuTotal) / months) / 100,
      cpu_ms_per_month: cpuPerMonth,
      cpu_ms_fastest_month: cpuMinPerMonth,
      allocated_kb_per_month: kbPerMonth,
      sfc_error_last_month: world.sfcError,
    },
    null,
    2,
  ),
);
