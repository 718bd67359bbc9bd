/**
 * Automation and the leak of liquidity into goods prices (DESIGN.md §11.3, Appendix A "Wages and prices"):
 * the same QE (qe-into-bubble against qt-continues, common random numbers, same seed) should raise CPI
 * less when large firms are more automated (`large.automation` 0.6 against the default 0.3).
 *
 * Measure: the effect of QE on the CPI price level after 24 months, log(P_QE(24) / P_QT(24)), in percent
 * (equivalently, twice the effect on average inflation over the two years). The price level integrates the
 * whole leak over the horizon; year-on-year inflation at month 24 would depend on when in the cycle the
 * leak arrives (a response that comes early and fades shows up as *lower* inflation at month 24). P(24)/P(0)
 * is read from the year-on-year column: (1 + π(12)) · (1 + π(24)).
 *
 * What the model printed (20,000 households, 24 months, seeds 1–5), QE − QT in log CPI (%):
 *   automation 0.3: 0.248 0.243 0.226 0.367 0.286
 *   automation 0.6: 0.329 0.374 0.305 0.412 0.286
 * — the wrong way in four seeds of five, a tie in the fifth. The channel: QE lowers the 10-year yield and the spread, so the
 * user cost of capital falls and large firms' desired capital rises (Jorgenson); with more capital per unit
 * of output (automation) the same rise is a larger investment impulse and a stronger accelerator (QE−QT
 * investment +9–11% at 0.3, +13–15% at 0.6; nominal GDP +1.2–1.7% against +2.0–2.5%). With the investment
 * channel switched off (`large.investment_rate_elasticity=0`) QE does not raise CPI at either level. The
 * extra demand reaches prices mostly through the capital part of unit cost — capital priced at current
 * replacement cost (the large-firm price index) at a nominal user cost with long-run expected inflation in
 * it — whose weight automation raises. What was tried is in the closing note of issue 4 (session of 2026-11-29).
 *
 * The test is the acceptance test of that open issue: it is skipped until the model passes it, so the suite
 * stays green; remove `.skip` to run it. It must not be weakened to pass.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationOutput } from '../../sim/engine.js';
import { loadScenario } from '../../sim/scenario.js';

const SEEDS = [1, 2, 3, 4, 5];

function run(file: string, set: string[]): SimulationOutput {
  return simulate(loadScenario(`scenarios/${file}`, { set }).scenario, { strict: true });
}
const at = (o: SimulationOutput, column: string, month: number) => (o.values.get(column as never)! as ArrayLike<number>)[month];
/** Log of the CPI level at month 24 relative to month 0, from the year-on-year inflation column. */
const logPriceLevel24 = (o: SimulationOutput) => Math.log(1 + at(o, 'cpi_inflation', 12)) + Math.log(1 + at(o, 'cpi_inflation', 24));

describe.skip('automation: the same QE leaks less into CPI (DESIGN.md §11.3; 20,000 households, 24 months)', () => {
  /** QE − QT effect on the log CPI level at month 24, in percent. */
  const cpiEffect = (seed: number, automation: number) => {
    const set = ['households=20000', 'months=24', `seed=${seed}`, `large.automation=${automation}`];
    return 100 * (logPriceLevel24(run('qe-into-bubble.yaml', set)) - logPriceLevel24(run('qt-continues.yaml', set)));
  };
  it.each(SEEDS)('QE raises the CPI level, and raises it less at automation 0.6 than at 0.3 (seed %i)', (seed) => {
    const low = cpiEffect(seed, 0.3);
    const high = cpiEffect(seed, 0.6);
    console.log(`seed ${seed}: QE − QT log CPI at month 24 (%): automation 0.3 ${low.toFixed(3)}, 0.6 ${high.toFixed(3)}`);
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(low);
  }, 600_000);
});
