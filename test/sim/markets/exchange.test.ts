import { describe, expect, it } from 'vitest';
import { Instrument, Ledger, Sector } from '../../../sim/ledger.js';
import { boltzmannExchange, yardSaleStake, yardSaleWinProbability } from '../../../sim/markets/exchange.js';
import { createStream } from '../../../sim/rng.js';

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

describe('Boltzmann exchange', () => {
  /** The rule as the lesson states it, on a plain array: draw ⌊u·(n − 1)⌋, step past the giver. */
  function plainBoltzmann(wealth: Float64Array, unit: number, next: () => number): void {
    const n = wealth.length;
    for (let i = 0; i < n; i++) {
      if (wealth[i] < unit) continue;
      let j = Math.floor(next() * (n - 1));
      if (j >= i) j++;
      wealth[i] -= unit;
      wealth[j] += unit;
    }
  }

  it('moves money through the ledger exactly as the plain rule does, draw for draw', () => {
    for (const [n, unit, initial] of [
      [2, 1, 1],
      [3, 1, 2],
      [17, 1, 3],
      [1000, 1, 5],
      [1000, 2.5, 10],
    ] as const) {
      const ledger = new Ledger();
      const money = ledger.open('households.currency', Instrument.currency, Sector.households, 'asset', n);
      money.values.fill(initial);
      const expected = new Float64Array(n).fill(initial);
      const engineStream = createStream(11, 'exchange');
      const plainStream = createStream(11, 'exchange');
      for (let month = 0; month < 40; month++) {
        boltzmannExchange(ledger, money, unit, engineStream);
        plainBoltzmann(expected, unit, () => plainStream.next());
      }
      expect(Array.from(money.values)).toEqual(Array.from(expected));
      expect(engineStream.next()).toBe(plainStream.next()); // the same number of draws
    }
  });
});
