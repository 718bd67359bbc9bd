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
 * The channels (DESIGN.md Appendix A: "automation lowers labour per unit and flattens unit cost in demand"),
 * each a decision rule of agents/largeFirms.ts with its source: automation capital is short-lived equipment
 * and software, so the stock's user cost is less sensitive to the 10-year yield and QE's investment impulse
 * does not grow with automation (`automatedCapitalIntensity`, `automatedDepreciation`); automation weakens
 * workers' bargaining power, so wages answer tightness less (`automatedWageBargaining`); the markup's
 * response to utilisation falls with it (`automatedCapacityPressure`). Common random numbers hold month by
 * month (streams re-keyed each month; one labour-market draw per household), so the QE − QT difference is
 * policy, not a drift of the draws.
 *
 * What the model printed (20,000 households, 24 months, seeds 1–5, after 03652fb and 4a061d9), QE − QT in log CPI (%):
 *   automation 0.3: 0.383 0.303 0.264 0.566 0.510
 *   automation 0.6: 0.198 0.201 0.232 0.309 0.364
 * bench/automationChannels.ts prints the channels (prices, wages, investment, nominal GDP, unemployment,
 * utilisation, the parts of unit cost) for each seed and level.
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

describe('automation: the same QE leaks less into CPI (DESIGN.md §11.3; 20,000 households, 24 months)', () => {
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
