import { describe, expect, it } from 'vitest';
import { yardSaleStake, yardSaleWinProbability } from '../../../sim/markets/exchange.js';

describe('exchange rules', () => {
  it('the yard-sale stake is a fraction of the poorer party, never of a negative balance', () => {
    expect(yardSaleStake(0.1, 50, 1000)).toBe(5);
    expect(yardSaleStake(0.1, 1000, 50)).toBe(5);
    expect(yardSaleStake(0.1, -3, 50)).toBe(0);
  });

  it('the coin is fair without wealth-attained advantage and leans to the richer party with it', () => {
    expect(yardSaleWinProbability(0, 0.1, 500, 10, 100)).toBe(0.5);
    const richer = yardSaleWinProbability(0.01, 0.1, 150, 50, 100);
    expect(richer).toBeCloseTo(0.5 * (1 + (0.01 * 100) / (0.1 * 100)), 15);
    expect(yardSaleWinProbability(0.01, 0.1, 50, 150, 100)).toBeCloseTo(1 - richer, 15);
    expect(yardSaleWinProbability(10, 0.1, 1e6, 0, 1)).toBe(1); // clamped to a probability
  });
});
