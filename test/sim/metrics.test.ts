import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bottomShareSorted,
  createDistributionScratch,
  type DistributionScratch,
  emptySummary,
  fusedPassStats,
  giniSorted,
  lorenzPoints,
  quantileSorted,
  sortInto,
  summarizeDistribution,
  summarizeSorted,
  topShareSorted,
} from '../../sim/metrics.js';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('distribution statistics', () => {
  it('Gini: 0 for equality, (n−1)/n when one holds everything, 1/3 for a uniform 0…n−1 ladder (large n)', () => {
    expect(giniSorted(sorted([5, 5, 5, 5]))).toBe(0);
    expect(giniSorted(sorted([0, 0, 0, 8]))).toBeCloseTo(0.75, 15);
    const ladder = Float64Array.from({ length: 100_000 }, (_, i) => i);
    expect(giniSorted(ladder)).toBeCloseTo(1 / 3, 4);
  });

  it('top and bottom shares, quantiles and the Lorenz curve of a known array', () => {
    const xs = sorted(Array.from({ length: 10 }, (_, i) => i + 1)); // 1…10, total 55
    expect(topShareSorted(xs, 0.1)).toBeCloseTo(10 / 55, 15);
    expect(topShareSorted(xs, 0.01)).toBeCloseTo(10 / 55, 15); // at least one agent
    expect(bottomShareSorted(xs, 0.5)).toBeCloseTo(15 / 55, 15);
    expect(quantileSorted(xs, 0.5)).toBe(5.5);
    const lorenz = lorenzPoints(xs, 10);
    expect(lorenz[0]).toEqual([0, 0]);
    expect(lorenz[10][1]).toBeCloseTo(1, 15);
    expect(lorenz[5][1]).toBeCloseTo(15 / 55, 15);
  });

  it('radix sort orders any doubles, negatives and −0 included, as a comparison sort does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 400 }), (xs) => {
        const values = Float64Array.from(xs.map((x) => x + 0.5)); // non-integers force the radix path
        values[0] = values[0] + 0.25;
        const scratch = createDistributionScratch(values.length);
        const mine = Array.from(sortInto(values, scratch));
        const reference = Array.from(values).sort((a, b) => a - b);
        expect(mine).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('the histogram summary of whole numbers equals the sorted summary (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 500 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const values = Float64Array.from(xs);
        const scratch = createDistributionScratch(values.length);
        const fromHistogram = summarizeDistribution(values, scratch, emptySummary());
        const fromSort = summarizeSorted(Float64Array.from(xs).sort(), emptySummary());
        for (const key of Object.keys(fromSort) as (keyof typeof fromSort)[]) {
          expect(fromHistogram[key]).toBeCloseTo(fromSort[key], 10);
        }
        // Second month through the one-pass path (reuses last month's range).
        const again = summarizeDistribution(values, scratch, emptySummary());
        expect(again.gini).toBeCloseTo(fromSort.gini, 10);
      }),
      { numRuns: 300 },
    );
  });

  it("a month that leaves last month's histogram (a fraction, a value out of range) is summarized afresh", () => {
    const scratch = createDistributionScratch(6);
    const first = Float64Array.from([0, 1, 2, 3, 4, 5]);
    summarizeDistribution(first, scratch, emptySummary()); // sets the histogram's range
    for (const next of [
      [0, 1, 2, 3, 4, 5.5], // a fraction: sorted path
      [0, 1, 2, 3, 4, 1e6], // whole but far outside the range: a new range
      [-1e6, 1, 2, 3, 4, 5],
      [-0, 1, 2, 3, 4, 5], // −0 is bin 0
      [0, 1, 2, 3, 4, 2 ** 40], // beyond int32
      [0, 1, 2, 2 ** 40, 4, 5], // each of these in the first four entries as well
      [0.5, 1, 2, 3, 4, 5],
      [0, 1, 1e6, 3, 4, 5],
    ]) {
      const values = Float64Array.from(next);
      const summary = summarizeDistribution(values, scratch, emptySummary());
      const reference = summarizeSorted(Float64Array.from(next).sort(), emptySummary());
      for (const key of Object.keys(reference) as (keyof typeof reference)[]) {
        expect(summary[key]).toBeCloseTo(reference[key], 12);
      }
      summarizeDistribution(first, scratch, emptySummary()); // back to small whole numbers
    }
  });

  it('sorts month after month with one scratch as a comparison sort does, whatever the data does (reused grid, stale plans, misses, ties, ±0)', () => {
    const n = 5000;
    const scratch = createDistributionScratch(n);
    const values = new Float64Array(n);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const months: Array<(i: number) => number> = [
      () => Math.exp(4 * random()) - 1.5, // mostly positive, spread over binades
      () => Math.exp(4 * random()) - 1.4, // nearly the same: the grid and plan of last month reused
      (i) => (i < n / 2 ? 1e-3 * random() : 50 + random()), // the mass moves between segments: a crowded plan
      () => 1 + 2 ** -30 * Math.floor(random() * 1000), // all high words equal: the low-word sort
      () => (random() < 0.3 ? 0 : random() < 0.5 ? -0 : random() - 0.5), // ±0 and ties
      () => Math.floor(random() * 10) / 7, // few distinct values, many equal
      () => 1e12 * (random() - 0.5), // far outside the last grid
      () => (random() - 0.5) * 1e-300, // subnormal-adjacent magnitudes
      (i) => (i % 3 === 0 ? -Infinity : i % 3 === 1 ? Infinity : random()),
      () => Math.exp(4 * random()) - 1.5,
    ];
    for (let round = 0; round < 3; round++) {
      for (const draw of months) {
        for (let i = 0; i < n; i++) values[i] = draw(i);
        if (round === 1) values[0] += 0.5; // a fraction: never the histogram path
        summarizeDistribution(values, scratch, emptySummary());
        const reference = Float64Array.from(values).sort();
        for (let i = 0; i < n; i++) if (!Object.is(scratch.sorted[i], reference[i])) expect(`${i}: ${scratch.sorted[i]}`).toBe(`${i}: ${reference[i]}`);
      }
    }
  });

  it('counts households with net worth at or below zero', () => {
    const summary = summarizeSorted(sorted([-3, 0, 0, 1, 2, 5, 7, 9, 10, 11]), emptySummary());
    expect(summary.nonPositiveShare).toBeCloseTo(0.3, 15);
  });
});

describe('percentiles of the distribution summary (p50, p90, p99)', () => {
  /** The entry at rank floor(q·n) of the ascending order, at most n − 1. */
  const reference = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))];
  };
  it('equal the entries at ranks floor(q·n) of the ascending order, for real and for whole-number data', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
          fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }),
        ),
        (xs) => {
          const values = Float64Array.from(xs);
          const summary = summarizeDistribution(values, createDistributionScratch(values.length), emptySummary());
          // Compared as numbers: a percentile of −0 may come back as +0 (the same wealth); `toBe` alone
          // (Object.is) would fail on that sign whenever the generator draws a median of −0.
          expect(summary.p50 + 0).toBe(reference(xs, 0.5) + 0);
          expect(summary.p90 + 0).toBe(reference(xs, 0.9) + 0);
          expect(summary.p99 + 0).toBe(reference(xs, 0.99) + 0);
        },
      ),
    );
  });

  it('follow the data from month to month with the same scratch (reused buckets)', () => {
    const scratch = createDistributionScratch(1000);
    const values = new Float64Array(1000);
    for (let month = 0; month < 40; month++) {
      for (let i = 0; i < values.length; i++) values[i] = Math.sin(i * 12.9898 + month) * 1000 * (1 + month / 10) + (i % 7) * month;
      const summary = summarizeDistribution(values, scratch, emptySummary());
      const xs = Array.from(values);
      expect(summary.p90).toBe(reference(xs, 0.9));
      expect(summary.p50).toBe(reference(xs, 0.5));
    }
  });
});

describe("the usual month's fused pass (numbered and grouped at once, regions sized on last month's order)", () => {
  /** Each segment's count of entries under the scratch's grid, counted directly (as `countSegmentsChunk`). */
  const directSegmentCounts = (values: Float64Array, scratch: DistributionScratch): number[] => {
    const words = new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
    const counts = new Array<number>(scratch.segmentCounts.length).fill(0);
    for (let i = 0; i < values.length; i++) {
      const hi = words[2 * i + 1];
      const key = hi ^ ((hi >> 31) & 0x7fffffff);
      const { tinyKey, tinyGap } = scratch;
      const compressed = key <= tinyKey ? key : key >= tinyKey + tinyGap ? key - tinyGap : tinyKey;
      counts[(compressed - scratch.gridLow) >>> scratch.gridShift]++;
    }
    return counts;
  };

  /**
   * Month after month of drifting data: the same order and summary as a comparison sort, bit for bit. (A
   * month of whole numbers only is summarized from its histogram, another path, not checked here.)
   */
  const followMonths = (months: Float64Array[]): number => {
    const n = months[0].length;
    const scratch = createDistributionScratch(n);
    let taken = 0;
    for (const values of months) {
      const before = fusedPassStats.taken;
      const summary = summarizeDistribution(values, scratch, emptySummary());
      if (values.every((x) => Number.isInteger(x))) continue;
      const reference = Float64Array.from(values).sort();
      for (let i = 0; i < n; i++) if (!Object.is(scratch.sorted[i], reference[i])) expect(`${i}: ${scratch.sorted[i]}`).toBe(`${i}: ${reference[i]}`);
      const expected = summarizeSorted(reference, emptySummary());
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) expect(Object.is(summary[key], expected[key]) ? 'same' : `${key}: ${summary[key]} vs ${expected[key]}`).toBe('same');
      if (fusedPassStats.taken > before) {
        taken++;
        // The segment counts it derives from the buckets' ends (next month's plan) are the counts.
        expect(Array.from(scratch.segmentCounts)).toEqual(directSegmentCounts(values, scratch));
      }
    }
    return taken;
  };

  it('gives the order and summary of a comparison sort on drifting data with ties, zeros of both signs and negatives (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e7, noNaN: true }), fc.constantFrom(0, -0, 1.5, -2.25, 1e6 + 0.5)), { minLength: 2, maxLength: 600 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (xs, seed, move) => {
          let state = seed;
          const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
          const months = [Float64Array.from(xs, (x) => x + 0.25)];
          for (let m = 1; m < 8; m++) {
            const last = months[m - 1];
            // Most entries drift by a little, some jump, some stay put (ties with last month's values).
            months.push(Float64Array.from(last, (x) => (random() < 0.2 ? x : random() < 0.05 ? x * (1 + 4 * move * (random() - 0.5)) : x * (1 + move * 0.01 * (random() - 0.5)) + 0.125)));
          }
          followMonths(months);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is the path of a wealth-like population drifting month to month, and leaves it for data that moved away', () => {
    const n = 20000;
    let state = 12345;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const base = Float64Array.from({ length: n }, () => (random() < 0.07 ? -Math.exp(8 * random()) : Math.exp(4 + 8 * random())));
    const months: Float64Array[] = [];
    for (let m = 0; m < 10; m++) months.push(Float64Array.from(base, (x, i) => x * (1 + 0.004 * m) + 50 * Math.sin(i + m)));
    // The mass moves far: the regions overflow, and the month is sorted by the passes of their own.
    months.push(Float64Array.from(base, (x, i) => (i % 2 === 0 ? x : 3 * Math.abs(x) + 1e5)));
    months.push(months[months.length - 1].slice());
    const fellBack = fusedPassStats.fellBack;
    const taken = followMonths(months);
    expect(taken).toBeGreaterThanOrEqual(9);
    expect(fusedPassStats.fellBack).toBeGreaterThan(fellBack);
  });

  it('overflowing regions (written past into the next ones, or past the end of the buffer) send the month to the other passes, and the next months are right', () => {
    const n = 5000;
    let state = 777;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const spread = Float64Array.from({ length: n }, () => Math.exp(14 * random()) - 0.5);
    const months = [spread, spread.map((x) => x * 1.001)];
    // Everything crowds into the lowest groups (their regions overflow into the following ones), then into
    // the highest (its region runs past the end of the buffer), inside last month's grid both times; then
    // back to the spread data, with a whole-number month in between.
    months.push(Float64Array.from({ length: n }, () => 0.5 + random()));
    months.push(spread.slice());
    months.push(Float64Array.from({ length: n }, () => 1e6 * (1 + random() * 0.01)));
    months.push(spread.map((x) => Math.round(x)));
    months.push(spread.map((x) => x * 0.999), spread.map((x) => x * 0.998));
    const fellBack = fusedPassStats.fellBack;
    const taken = followMonths(months);
    // Fell back: the two crowded months, the months after them (regions sized on the crowded order) and the
    // whole-number month; taken: the second month and the last.
    expect(fusedPassStats.fellBack - fellBack).toBeGreaterThanOrEqual(5);
    expect(taken).toBeGreaterThanOrEqual(2);
  });
});
