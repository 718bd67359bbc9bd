import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim/engine.js';
import { loadScenario } from '../../sim/scenario.js';
import type { SeriesColumn } from '../../sim/runData.js';

// Month-0 wealth distribution of the baseline (CALIBRATION.md bands), seeds 1–5 at 20,000 households.
const BANDS: Array<[SeriesColumn, number, number]> = [
  ['wealth_gini', 0.8, 0.86],
  ['top1_share', 0.29, 0.34],
  ['top10_share', 0.64, 0.7],
  ['bottom50_share', 0.015, 0.035],
  ['top10_equity_share', 0.84, 0.91],
  ['negative_networth_share', 0.05, 0.11],
  ['top10_firms_value_share', 0.35, 0.45],
  ['profit_top10_share', 0.25, 0.35],
  ['passive_share', 0.5, 0.62],
  ['income_gini', 0.45, 0.55],
];

describe('baseline month-0 wealth distribution', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`is inside the calibration bands (seed ${seed})`, () => {
      const { scenario } = loadScenario('scenarios/baseline-2025.yaml', { set: ['months=1', 'households=20000', `seed=${seed}`] });
      const output = simulate(scenario, { strict: true });
      for (const [column, low, high] of BANDS) {
        const value = output.values.get(column)![0];
        expect(value, `${column} (seed ${seed})`).toBeGreaterThanOrEqual(low);
        expect(value, `${column} (seed ${seed})`).toBeLessThanOrEqual(high);
      }
    });
  }
});
