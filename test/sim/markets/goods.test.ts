/** The goods market's pure rules. */
import { describe, expect, it } from 'vitest';
import { transmittedRate } from '../../../sim/markets/goods.js';

describe('the lag with which the policy rate reaches spending', () => {
  it('moves 1/L of the way each month: at once with L = 1; after a step, about 1 − e^(−t/L) of the way by month t', () => {
    expect(transmittedRate(0.01, 0.03, 1)).toBe(0.03);
    expect(transmittedRate(0.01, 0.03, 4)).toBeCloseTo(0.015, 12);
    let r = 0;
    for (let month = 0; month < 6; month++) r = transmittedRate(r, 1, 6);
    // Six months after a one-point step, two-thirds of it has reached spending (1 − (5/6)^6 ≈ 0.665).
    expect(r).toBeCloseTo(1 - (5 / 6) ** 6, 12);
    expect(r).toBeGreaterThan(0.6);
    expect(r).toBeLessThan(0.7);
  });
});
