/**
 * Diagnostic for DESIGN.md §11.5 (asset holders recover first from each panic): runs the-cycle for each
 * seed and, for every panic (the first month of each spell of the `panic` regime), the months until the
 * equity index and until real wage income (`wage_real_index × (1 − unemployment)`) regain their peak of the
 * 12 months before the panic, with each one's trough over the next 24 months. One line per panic, then the
 * count of panics in which equities recover strictly first (and of those with 24 months left in the run).
 *
 * Options: --households N (5000), --seeds 1,2,3,4,5, --scenario scenarios/the-cycle.yaml,
 * --set key=value (repeatable). Run after `npm run build`: node dist/bench/panicRecoveries.js --seeds 1,2
 */
import { simulate, type SimulationOutput } from '../sim/engine.js';
import { loadScenario } from '../sim/scenario.js';
import { option, repeatedOption } from './options.js';

const sets = repeatedOption('set');
const households = option('households', '5000');
const seeds = option('seeds', '1,2,3,4,5').split(',').map(Number);
const file = option('scenario', 'scenarios/the-cycle.yaml');

const column = (o: SimulationOutput, name: string) => Array.from(o.values.get(name as never)! as ArrayLike<number>);

/** Months from `start` until `series` is back at its peak of the 12 months before `start` (Infinity: never). */
function monthsToRegainPeak(series: number[], start: number): number {
  const peak = Math.max(...series.slice(Math.max(0, start - 12), start));
  for (let m = start; m < series.length; m++) if (series[m] >= peak) return m - start;
  return Infinity;
}

/** Lowest value over the 24 months from `start`, relative to the pre-panic peak. */
function trough(series: number[], start: number): number {
  const peak = Math.max(...series.slice(Math.max(0, start - 12), start));
  return Math.min(...series.slice(start, start + 24)) / peak - 1;
}

let first = 0;
let total = 0;
let firstWithRoom = 0;
let totalWithRoom = 0;
for (const seed of seeds) {
  const o = simulate(loadScenario(file, { set: [`households=${households}`, `seed=${seed}`, ...sets] }).scenario, { strict: true });
  const regimes = o.regimes!;
  const equity = column(o, 'equity_index');
  const realWage = column(o, 'wage_real_index');
  const unemployment = column(o, 'unemployment');
  const wageIncome = realWage.map((w, m) => w * (1 - unemployment[m]));
  for (let p = 1; p < regimes.length; p++) {
    if (regimes[p] !== 'panic' || regimes[p - 1] === 'panic') continue;
    const equityMonths = monthsToRegainPeak(equity, p);
    const wageMonths = monthsToRegainPeak(wageIncome, p);
    const equitiesFirst = equityMonths < wageMonths;
    const room = regimes.length - p > 24;
    total++;
    if (equitiesFirst) first++;
    if (room) {
      totalWithRoom++;
      if (equitiesFirst) firstWithRoom++;
    }
    console.log(
      `seed ${seed} panic at month ${p}: equities regain their 12-month peak in ${equityMonths} months (trough ${(100 * trough(equity, p)).toFixed(1)}%), ` +
        `real wage income in ${wageMonths} (trough ${(100 * trough(wageIncome, p)).toFixed(1)}%); unemployment ${(100 * unemployment[p - 1]).toFixed(1)}% → ` +
        `${(100 * Math.max(...unemployment.slice(p, p + 12))).toFixed(1)}%${equitiesFirst ? '' : '  ← wages first or tied'}`,
    );
  }
}
console.log(`equities recover strictly first in ${first} of ${total} panics (${firstWithRoom} of ${totalWithRoom} with 24 months left in the run)`);
