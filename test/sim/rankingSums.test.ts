import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankingSumsOf } from '../../sim/indices.js';

/** The sums as the loop once made them: one household at a time, with branches. */
function reference(netWorth: Float64Array, units: Float64Array[], navs: number[], threshold: number, median: number): number[] {
  let topEquity = 0;
  let allEquity = 0;
  let topWorth = 0;
  let topCount = 0;
  let bottomWorth = 0;
  let bottomCount = 0;
  for (let i = 0; i < netWorth.length; i++) {
    let equity = 0;
    for (let k = 0; k < 4; k++) equity += units[k][i] * navs[k];
    allEquity += equity;
    const worth = netWorth[i];
    if (worth >= threshold) {
      topEquity += equity;
      topWorth += worth;
      topCount++;
    } else if (worth < median) {
      bottomWorth += worth;
      bottomCount++;
    }
  }
  return [topEquity, allEquity, topWorth, topCount, bottomWorth, bottomCount];
}

describe('wealth ranking sums (top tenth equity and worth, bottom half worth)', () => {
  it('equal the one-household-at-a-time loop bit for bit, across chunks, ties at the thresholds and zeros of both signs (property)', () => {
    const value = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom(0, -0, 1, -1, 1e6 + 0.5));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9000 }),
        fc.array(value, { minLength: 1, maxLength: 64 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, pool, navs, seed) => {
          let state = seed + 1;
          const pick = () => pool[(state = (state * 48271) % 2147483647) % pool.length];
          const netWorth = Float64Array.from({ length: n }, pick);
          const units = [0, 1, 2, 3].map(() => Float64Array.from({ length: n }, pick));
          const sorted = Float64Array.from(netWorth).sort();
          const threshold = sorted[Math.min(n - 1, Math.floor(0.9 * n))];
          const median = sorted[Math.min(n - 1, Math.floor(0.5 * n))];
          const sums = new Float64Array(6);
          rankingSumsOf(netWorth, units[0], units[1], units[2], units[3], navs[0], navs[1], navs[2], navs[3], threshold, median, n, sums);
          const expected = reference(netWorth, units, navs, threshold, median);
          for (let k = 0; k < 6; k++) expect(Object.is(sums[k], expected[k]) ? 'same' : `sum ${k}: ${sums[k]} vs ${expected[k]}`).toBe('same');
        },
      ),
      { numRuns: 200 },
    );
  });
});
