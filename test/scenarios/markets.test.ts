/**
 * Financial markets and the K (DESIGN.md §11), as outcomes of the shipped scenarios, for every one of five
 * seeds: QE into a bubble against QT, the passive share and the price response to flows, wealth
 * concentration over endogenous cycles, redistribution under political pressure, and stock-flow
 * consistency of every shipped scenario over its whole length.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationOutput } from '../../sim/engine.js';
import { loadScenario } from '../../sim/scenario.js';
import { findScenarioFiles } from '../../sim/scenarioFiles.js';
import { join } from 'node:path';

const SEEDS = [1, 2, 3, 4, 5];

function run(file: string, set: string[]): SimulationOutput {
  return simulate(loadScenario(`scenarios/${file}`, { set }).scenario, { strict: true });
}
const series = (o: SimulationOutput, column: string) => o.values.get(column as never)! as ArrayLike<number>;
const at = (o: SimulationOutput, column: string, month: number) => series(o, column)[month];
/** Mean of a column over months `from`–`to`. */
function mean(o: SimulationOutput, column: string, from: number, to: number): number {
  let total = 0;
  for (let m = from; m <= to; m++) total += series(o, column)[m];
  return total / (to - from + 1);
}
/** Sum of a monthly flow column over months 1–`to`. */
function total(o: SimulationOutput, column: string, to: number): number {
  let sum = 0;
  for (let m = 1; m <= to; m++) sum += series(o, column)[m];
  return sum;
}
const change = (a: number, b: number) => a / b - 1;

describe('QE into a bubble vs QT continuing (20,000 households, 24 months, common random numbers)', () => {
  const set = (seed: number) => ['households=20000', 'months=24', `seed=${seed}`];
  it.each(SEEDS)('asset prices, P/E, gold and the top tenth’s share rise, real yields fall, the K opens; real wages and SMEs barely move; large firms borrow and buy back more (seed %i)', (seed) => {
    const qe = run('qe-into-bubble.yaml', set(seed));
    const qt = run('qt-continues.yaml', set(seed));
    const m = 24;
    const equity = change(at(qe, 'equity_index', m), at(qt, 'equity_index', m));
    expect(equity).toBeGreaterThan(0.02);
    expect(at(qe, 'pe_ratio', m)).toBeGreaterThan(at(qt, 'pe_ratio', m));
    expect(at(qe, 'gold_price', m)).toBeGreaterThan(at(qt, 'gold_price', m));
    expect(at(qe, 'top10_share', m)).toBeGreaterThan(at(qt, 'top10_share', m));
    expect(at(qe, 'real_yield_10y', m)).toBeLessThan(at(qt, 'real_yield_10y', m) - 0.002);
    expect(at(qe, 'k_gap', m)).toBeGreaterThan(at(qt, 'k_gap', m));
    // The percentage effect on equities is several times the effect on real wages and on SME output.
    const wages = Math.abs(change(at(qe, 'wage_real_index', m), at(qt, 'wage_real_index', m)));
    const sme = Math.abs(change(at(qe, 'sme_output', m), at(qt, 'sme_output', m)));
    expect(equity).toBeGreaterThan(3 * wages);
    expect(equity).toBeGreaterThan(3 * sme);
    // Large firms issue more bonds and buy back more shares over the two years.
    expect(total(qe, 'large_bond_issuance', m)).toBeGreaterThan(total(qt, 'large_bond_issuance', m));
    expect(total(qe, 'buybacks', m)).toBeGreaterThan(total(qt, 'buybacks', m));
  });
});

describe('the passive share (DESIGN.md §11.4)', () => {
  // Figures printed (month 24, 20,000 households, seeds 1–5, after the recalibration of 03652fb and 4a061d9): QE − QT
  // in the top-10 firms' share of market value, +0.59 to +0.85 points with a passive share of 0.3 and +1.15 to +2.32
  // with 0.75.
  it.each(SEEDS)('the same QE moves equity prices more per unit of net flow, and concentrates market value in the largest firms more, when the passive share is higher (seed %i)', (seed) => {
    /** Effect of QE on equity market value per unit of its effect on cumulative net flows into equities, and on the top-10 firms' share. */
    const effects = (passive: number) => {
      const set = ['households=20000', 'months=24', `seed=${seed}`, `start.passive_share=${passive}`];
      const qe = run('qe-into-bubble.yaml', set);
      const qt = run('qt-continues.yaml', set);
      const value = at(qe, 'equity_market_value', 24) - at(qt, 'equity_market_value', 24);
      const flow = total(qe, 'equity_net_flow', 24) - total(qt, 'equity_net_flow', 24);
      expect(flow).toBeGreaterThan(0);
      return { response: value / flow, concentration: at(qe, 'top10_firms_value_share', 24) - at(qt, 'top10_firms_value_share', 24) };
    };
    const low = effects(0.3);
    const high = effects(0.75);
    expect(high.response).toBeGreaterThan(2 * low.response);
    // QE's inflow lifts the largest firms most (active investors lean least against flows into them)…
    expect(low.concentration).toBeGreaterThan(0.005);
    // …and more so when more of the market is passive.
    expect(high.concentration).toBeGreaterThan(low.concentration);
  });

  // Figures printed (5,000 households, seeds 1–5, after 03652fb and 4a061d9): passive share at the end 0.80–0.91;
  // the top-10 firms' share of market value averages 0.557–0.627 over the 15 years, 0.057–0.106 above its month-0
  // value (0.486–0.537), and ends at 0.49–0.73 (a late crash takes seed 2 below its start). Not shown (figures from before 03652fb): that the rising passive share
  // causes it — the same runs without conversion (passive share near 0.2) concentrated more, their boom running on
  // without the late crashes. The passive share's own part is the per-flow QE test above.
  it.each(SEEDS)('passive-rising: the passive share climbs from 20% to over 70%, and market value is more concentrated in the largest firms over the run than at its start (seed %i)', (seed) => {
    const o = run('passive-rising.yaml', ['households=5000', `seed=${seed}`]);
    const last = series(o, 'month').length - 1;
    expect(at(o, 'passive_share', 0)).toBeCloseTo(0.2, 2);
    expect(at(o, 'passive_share', last)).toBeGreaterThan(0.7);
    expect(mean(o, 'top10_firms_value_share', 1, last)).toBeGreaterThan(at(o, 'top10_firms_value_share', 0) + 0.01);
  });
});

describe('the-cycle: thirty years of endogenous regimes (5,000 households)', () => {
  /** Each seed's run, made once for the two tests that read it (tests in a file run one after another). */
  const cycleRuns = new Map<number, SimulationOutput>();
  const cycle = (seed: number): SimulationOutput => {
    if (!cycleRuns.has(seed)) cycleRuns.set(seed, run('the-cycle.yaml', ['households=5000', `seed=${seed}`]));
    return cycleRuns.get(seed)!;
  };
  it.each(SEEDS)('the top tenth’s wealth share is higher after each completed cycle than before it; SME output does not regain its pre-panic peak (seed %i)', (seed) => {
    const o = cycle(seed);
    const regimes = o.regimes!;
    const panics: number[] = [];
    for (let m = 1; m < regimes.length; m++) if (regimes[m] === 'panic' && regimes[m - 1] !== 'panic') panics.push(m);
    expect(panics.length).toBeGreaterThanOrEqual(2);
    // A cycle runs from one panic to the next: concentration before each panic exceeds that before the last.
    for (let k = 1; k < panics.length; k++) expect(at(o, 'top10_share', panics[k] - 1)).toBeGreaterThan(at(o, 'top10_share', panics[k - 1] - 1));
    const last = regimes.length - 1;
    expect(at(o, 'top10_share', last)).toBeGreaterThan(at(o, 'top10_share', 0));
    // After the first panic, equities regain their pre-panic peak; SMEs' output never regains its own.
    const p = panics[0];
    const peak = (column: string) => Math.max(...Array.from(series(o, column)).slice(Math.max(0, p - 12), p));
    const recovered = (column: string) => Array.from(series(o, column)).slice(p + 1, panics[1]).some((x) => x >= peak(column));
    expect(recovered('equity_index')).toBe(true);
    expect(recovered('sme_output')).toBe(false);
  });

  /** Months from panic start p until `values` regains its peak over months from … p − 1 (Infinity if never). */
  function monthsToRegainSince(values: ArrayLike<number>, from: number, p: number): number {
    let peak = -Infinity;
    for (let m = from; m < p; m++) peak = Math.max(peak, values[m]);
    for (let m = p; m < values.length; m++) if (values[m] >= peak) return m - p;
    return Infinity;
  }
  /** Months from panic start p until `values` regains its peak over months p − 12 … p − 1 (Infinity if never). */
  const monthsToRegain = (values: ArrayLike<number>, p: number) => monthsToRegainSince(values, Math.max(0, p - 12), p);

  // Figures printed (`node dist/bench/panicRecoveries.js`): every panic of seeds 1–5 (25 of 25) and of seeds 6–10
  // with 24 months of run after it (27 of 27; 28 of all 29) has equities regaining their peak of the 12 months
  // before the panic strictly first — equities in 0–3 months, real wage income (real wage index × employment rate)
  // in 6–13 (seeds 1–5). Two timings make it:
  // prices take discount-rate news at once while the policy rate reaches consumption with a lag, and firms hold
  // back hiring while uncertain after a panic (wait-and-see) as quits and layoffs go on. (Before the production
  // taxes and the smooth start of 03652fb: 13 of 13 and 19 of 19; without the hiring freeze then 12 of 14, without
  // either 9 of 18.)
  it.each(SEEDS)('asset holders recover first (DESIGN.md §11.5): after every panic equities regain their peak of the 12 months before it within a year, and strictly before real wage income (seed %i)', (seed) => {
    const o = cycle(seed);
    const regimes = o.regimes!;
    const wageReal = series(o, 'wage_real_index');
    const unemployment = series(o, 'unemployment');
    const wageIncome = Float64Array.from(wageReal, (w, m) => w * (1 - unemployment[m]));
    const recoveries: { panic: number; equities: number; wages: number }[] = [];
    // Panics with 24 months of run left after them (a later one may end before either has recovered).
    for (let p = 1; p < regimes.length - 24; p++) {
      if (regimes[p] !== 'panic' || regimes[p - 1] === 'panic') continue;
      recoveries.push({ panic: p, equities: monthsToRegain(series(o, 'equity_index'), p), wages: monthsToRegain(wageIncome, p) });
    }
    expect(recoveries.length).toBeGreaterThanOrEqual(2);
    for (const r of recoveries) {
      expect(r.equities, `panic at month ${r.panic}`).toBeLessThanOrEqual(12);
      expect(r.equities, `panic at month ${r.panic}: equities ${r.equities} months, wage income ${r.wages}`).toBeLessThan(r.wages);
    }
  });

  // Stricter: the peak since the previous panic ended (or since month 0), not of the last 12 months — equities slide
  // through the long tightening before a drawdown-led panic, so their peak can lie two years back. Printed: 24 of 24
  // panics of seeds 1–5 and 26 of 27 of seeds 6–10 (with 24 months of run left after them) have equities strictly
  // first; the miss, seed 9's panic at month 285: equities 12 months, wage income 10 (before 03652fb: 9 of 13 and
  // 10 of 15, the misses ties and slides).
  it.each(SEEDS)('asset holders recover first, measured from the peak since the previous panic (seed %i)', (seed) => {
    const o = cycle(seed);
    const regimes = o.regimes!;
    const equities = series(o, 'equity_index');
    const wageReal = series(o, 'wage_real_index');
    const unemployment = series(o, 'unemployment');
    const wageIncome = Float64Array.from(wageReal, (w, m) => w * (1 - unemployment[m]));
    let previousPanicEnd = 0;
    let panics = 0;
    for (let p = 1; p < regimes.length - 24; p++) {
      if (regimes[p] !== 'panic' || regimes[p - 1] === 'panic') continue;
      const equitiesBack = monthsToRegainSince(equities, previousPanicEnd, p);
      const wagesBack = monthsToRegainSince(wageIncome, previousPanicEnd, p);
      expect(equitiesBack, `panic at month ${p}: equities ${equitiesBack} months, wage income ${wagesBack}`).toBeLessThan(wagesBack);
      panics++;
      let end = p;
      while (end < regimes.length && regimes[end] === 'panic') end++;
      previousPanicEnd = end;
    }
    expect(panics).toBeGreaterThanOrEqual(2);
  });
});

describe('redistribution-backlash (20,000 households, 48 months)', () => {
  it.each(SEEDS)('pressure triggers redistribution, which raises the deficit and inflation against the same run without it (seed %i)', (seed) => {
    // (At 10,000 households month 0's pressure varies with the seed from 0.24 to 0.32 — real wage growth over the
    // burn-in's last year is noisy — and seed 5 started above the threshold; at 20,000 it reads 0.27–0.29.)
    const set = ['households=20000', `seed=${seed}`];
    const backlash = run('redistribution-backlash.yaml', set);
    const never = run('redistribution-backlash.yaml', [...set, 'government.redistribution_threshold=1']);
    const on = Array.from(series(backlash, 'redistributing'));
    const first = on.indexOf(1);
    expect(first).toBeGreaterThan(0);
    const threshold = loadScenario('scenarios/redistribution-backlash.yaml').scenario.government.redistribution_threshold;
    expect(threshold).toBeLessThan(1);
    // The tightening raises the pressure past the threshold: it starts below it.
    expect(at(backlash, 'political_pressure', 0)).toBeLessThan(threshold);
    expect(at(backlash, 'political_pressure', first)).toBeGreaterThan(threshold);
    expect(Math.max(...Array.from(series(never, 'redistributing')))).toBe(0);
    const last = on.length - 1;
    // The deficit rises in the first year of redistribution (later, the boom it feeds brings revenue
    // back); inflation is higher from then on.
    expect(mean(backlash, 'deficit_gdp', first, Math.min(last, first + 12))).toBeGreaterThan(mean(never, 'deficit_gdp', first, Math.min(last, first + 12)) + 0.003);
    expect(mean(backlash, 'cpi_inflation', first, last)).toBeGreaterThan(mean(never, 'cpi_inflation', first, last));
  });
});

describe('stock-flow consistency of every shipped economy scenario', () => {
  const files = findScenarioFiles(join(process.cwd(), 'scenarios')).filter((f) => !f.includes('lessons'));
  it.each(files.map((f) => [f.slice(process.cwd().length + 1)]))('%s: sfc_error ≤ 1e-9 in every month of its full length (2,000 households)', (file) => {
    const { scenario } = loadScenario(file, { set: ['households=2000'] });
    const o = simulate(scenario, { strict: true });
    expect(Math.max(...Array.from(series(o, 'sfc_error')))).toBeLessThanOrEqual(1e-9);
    expect(series(o, 'month').length).toBe(scenario.months + 1);
  });
});
