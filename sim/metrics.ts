/**
 * Distribution statistics over typed arrays: Gini, top and bottom shares, Lorenz points, quantiles.
 *
 * Hand-written loops (mathjs does not take typed arrays). Each recorded month sorts one copy of the wealth
 * vector at most, into a scratch buffer allocated once (`DistributionScratch`), and `summarizeDistribution`
 * reads every statistic off it. Whole-number data (the money-unit lessons) needs no sort: its histogram
 * gives the same numbers. Anything else is sorted by a bucket sort on the IEEE-754 bit patterns (linear
 * time on the data the model makes; the same order as a comparison sort), which in the usual month reuses
 * last month's grid and order to number and group the entries in a single pass (`numberAndGroup`).
 */

/** Buffers reused every month for one population size. */
export interface DistributionScratch {
  readonly sorted: Float64Array;
  /**
   * Second buffer: the bucket sort's entries in order of their buckets' high digit (`sortByBuckets`), or in
   * the regions of their high digits (`numberAndGroup`: grown past n, to the regions' total, on first use).
   */
  spare: Float64Array;
  /** Counting-sort histogram (grown at most a few times over a run). */
  histogram: Uint32Array;
  /** Value of the histogram's first bin and its number of bins (0: not in use). */
  histogramMin: number;
  histogramRange: number;
  /** The low-word sort's bucket counts (allocated on first use, then reused). */
  lowWordBuckets: Uint32Array;
  /**
   * The bucket sort's grid over the keys' high words: its first key and the shift of a key's offset that
   * gives its segment (−1: no grid to reuse). See `planBuckets`.
   */
  gridLow: number;
  gridShift: number;
  /** Entries in each segment of the grid at its last pass (the counts next month's plan is made from). */
  readonly segmentCounts: Uint32Array;
  /** The plan: each segment's first bucket (and after the last, the number of buckets), and the shift within it. */
  readonly segmentFirst: Uint32Array;
  readonly segmentSplit: Uint8Array;
  /**
   * Each entry's bucket number (allocated on first use); and the low digit of the bucket number of each entry
   * of `spare`, all that `sortGroup` reads of it (two bytes: LOW_BITS_LIMIT; less to write and read back than
   * the whole number).
   */
  bucketOf: Uint32Array;
  spareLowDigit: Uint16Array;
  /** Bits of a bucket number's low digit, the counts (then slots) of each low and high digit, and the number of high digits. */
  lowDigitBits: number;
  lowDigits: Uint32Array;
  highDigits: Uint32Array;
  highDigitCount: number;
  /**
   * The regions of `spare` that `numberAndGroup` gives the high digits: each one's first slot, the slot
   * after its last, and the next free slot (allocated on first use, grown with the number of high digits).
   */
  regionStart: Uint32Array;
  regionEnd: Uint32Array;
  regionNext: Uint32Array;
  /**
   * The band of keys shared by magnitudes far below the data's largest (see `compressKey`): keys in
   * (tinyKey, tinyKey + tinyGap) count as tinyKey, keys above move down by tinyGap. NO_BAND: none.
   */
  tinyKey: number;
  tinyGap: number;
}

export function createDistributionScratch(size: number): DistributionScratch {
  return {
    sorted: new Float64Array(size),
    spare: new Float64Array(size),
    histogram: new Uint32Array(1024),
    histogramMin: 0,
    histogramRange: 0,
    lowWordBuckets: new Uint32Array(0),
    gridLow: 0,
    gridShift: -1,
    segmentCounts: new Uint32Array(SEGMENTS),
    segmentFirst: new Uint32Array(SEGMENTS + 1),
    segmentSplit: new Uint8Array(SEGMENTS),
    bucketOf: new Uint32Array(0),
    spareLowDigit: new Uint16Array(0),
    lowDigitBits: 0,
    lowDigits: new Uint32Array(0),
    highDigits: new Uint32Array(0),
    highDigitCount: 0,
    regionStart: new Uint32Array(0),
    regionEnd: new Uint32Array(0),
    regionNext: new Uint32Array(0),
    tinyKey: NO_BAND,
    tinyGap: 0,
  };
}

/** The statistics every recorded month reports about a distribution (shares of the total, 0–1). */
export interface DistributionSummary {
  count: number;
  total: number;
  gini: number;
  top1Share: number;
  top10Share: number;
  bottom50Share: number;
  /** Share of entries at or below zero. */
  nonPositiveShare: number;
  /**
   * The entries at ranks ⌊0.5·n⌋, ⌊0.9·n⌋ and ⌊0.99·n⌋ of the ascending order (0-based): the thresholds
   * above which the top 50%, 10% and 1% lie (the median, for p50, of an odd count).
   */
  p50: number;
  p90: number;
  p99: number;
}

export function emptySummary(): DistributionSummary {
  return { count: 0, total: 0, gini: 0, top1Share: 0, top10Share: 0, bottom50Share: 0, nonPositiveShare: 0, p50: 0, p90: 0, p99: 0 };
}

/** 0-based rank of the entry reported as quantile q of n entries: ⌊q·n⌋, at most n − 1. */
function quantileRank(n: number, q: number): number {
  return Math.min(n - 1, Math.floor(q * n));
}

/** Largest integer range sorted by counting rather than radix. */
const COUNTING_RANGE_LIMIT = 1 << 22;

/** Range of the data, and whether every entry is a whole number. */
function scan(values: Float64Array): { min: number; max: number; integral: boolean } {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && v !== Math.floor(v)) integral = false;
  }
  return { min, max, integral };
}

/**
 * Copy `values` into `scratch.sorted` in ascending order and return it.
 * NaN makes no sense in a wealth distribution: the caller checks for it before.
 */
export function sortInto(values: Float64Array, scratch: DistributionScratch): Float64Array {
  const n = values.length;
  const sorted = scratch.sorted;
  if (sorted.length !== n) throw new Error(`metrics: scratch holds ${sorted.length} values, data has ${n}`);
  if (n === 0) return sorted;
  const { min, max, integral } = scan(values);
  if (integral && max - min < COUNTING_RANGE_LIMIT) {
    countingSort(values, min, max, scratch);
  } else {
    bucketSort(values, min, max, scratch);
  }
  return sorted;
}

/**
 * Summarize a distribution with at most one sort. Whole-number data within a modest range (the
 * money-unit lessons) is summarized from its histogram without sorting at all.
 */
export function summarizeDistribution(values: Float64Array, scratch: DistributionScratch, out: DistributionSummary): DistributionSummary {
  const n = values.length;
  if (n === 0) return Object.assign(out, emptySummary());
  // One pass when the data is whole numbers inside last month's histogram range (the usual case).
  if (scratch.histogramRange > 0 && tryHistogram(values, scratch)) {
    return summarizeHistogram(scratch.histogram, scratch.histogramMin, scratch.histogramRange, n, out);
  }
  // Last month's grid fits most months' data: then the buckets are numbered in the pass that checks for
  // whole numbers, with a plan made from last month's counts — made again from this month's (one more pass)
  // if the data has moved so far that it crowds the buckets. The extremes are needed only when that pass
  // finds entries outside the grid (a fresh sort) or whole numbers only (a histogram): a pass of their own.
  let numbered = false;
  let min = 0;
  let max = 0;
  let integral = true;
  if (scratch.gridShift >= 0) {
    // The usual month: numbered and put in the regions of their groups in one pass (`numberAndGroup`).
    if (numberAndGroup(values, scratch)) {
      fusedPassStats.taken++;
      sortGroupedRegions(scratch);
      return summarizeSorted(scratch.sorted, out);
    }
    fusedPassStats.fellBack++;
    const misses = numberAndCheck(values, scratch);
    numbered = misses === 0;
    integral = wholeNumbers[0] === 1;
  }
  if (!numbered || integral) ({ min, max, integral } = scan(values));
  if (integral && max - min < COUNTING_RANGE_LIMIT) {
    // Leave headroom so next month's small moves still fit.
    const headroom = Math.max(16, Math.ceil((max - min) / 4));
    scratch.histogramMin = min - headroom;
    scratch.histogramRange = max - min + 1 + 2 * headroom;
    fillHistogram(values, scratch.histogramMin, scratch.histogramRange, scratch);
    return summarizeHistogram(scratch.histogram, scratch.histogramMin, scratch.histogramRange, n, out);
  }
  scratch.histogramRange = 0;
  if (numbered) {
    if (planCrowded(scratch, n)) {
      planBuckets(scratch);
      numberBuckets(values, scratch);
    }
    sortByBuckets(values, scratch);
  } else bucketSort(values, min, max, scratch);
  return summarizeSorted(scratch.sorted, out);
}

/**
 * Fill the histogram in one pass; false (histogram unusable) as soon as an entry does not fit. An entry
 * fits when its offset from the histogram's first value is a whole number in [0, range): range < 2³¹, so
 * such an offset is its own int32 truncation (`| 0`), and a fraction, NaN, ±∞ or anything out of range is
 * not, or fails the bounds. This pass runs every recorded month over every household, so it takes four
 * entries a turn, after the n mod 4 first ones. (That remainder comes first: a remainder loop after the
 * main one is never reached before V8 compiles the main loop on stack replacement, and the compiled code
 * then deoptimized at its end every month.)
 */
function tryHistogram(values: Float64Array, scratch: DistributionScratch): boolean {
  const histogram = scratch.histogram;
  const min = scratch.histogramMin;
  const range = scratch.histogramRange;
  histogram.fill(0, 0, range);
  const n = values.length;
  const head = n & 3;
  let i = 0;
  for (; i < head; i++) {
    const offset = values[i] - min;
    const bin = offset | 0;
    if (bin !== offset || bin < 0 || bin >= range) return false;
    histogram[bin]++;
  }
  for (; i < n; i += 4) {
    const o0 = values[i] - min;
    const o1 = values[i + 1] - min;
    const o2 = values[i + 2] - min;
    const o3 = values[i + 3] - min;
    const b0 = o0 | 0;
    const b1 = o1 | 0;
    const b2 = o2 | 0;
    const b3 = o3 | 0;
    if (b0 !== o0 || b1 !== o1 || b2 !== o2 || b3 !== o3) return false;
    if ((b0 | b1 | b2 | b3) < 0 || b0 >= range || b1 >= range || b2 >= range || b3 >= range) return false;
    histogram[b0]++;
    histogram[b1]++;
    histogram[b2]++;
    histogram[b3]++;
  }
  return true;
}

function fillHistogram(values: Float64Array, min: number, range: number, scratch: DistributionScratch): void {
  if (scratch.histogram.length < range) scratch.histogram = new Uint32Array(Math.max(range, scratch.histogram.length * 2));
  const histogram = scratch.histogram;
  histogram.fill(0, 0, range);
  for (let i = 0; i < values.length; i++) histogram[values[i] - min]++;
}

/**
 * Summary of an ascending array, in one pass plus the top shares' partial sums. The pass carries the same
 * sums, with the same operations in the same order, as `rangeSum` (the total, compensated; the bottom half's
 * sum is its value halfway) and `giniSorted` (its weighted and plain sums): the same numbers as those.
 */
export function summarizeSorted(sorted: Float64Array, out: DistributionSummary): DistributionSummary {
  const n = sorted.length;
  const half = Math.min(n, shareCount(n, 0.5));
  const sums = sortedSums;
  sums.fill(0);
  accumulateSorted(sorted, 0, half, n, sums);
  const bottom = sums[0] + sums[1];
  accumulateSorted(sorted, half, n, n, sums);
  const total = sums[0] + sums[1];
  const weighted = sums[2];
  const plain = sums[3];
  out.count = n;
  out.total = total;
  out.gini = n === 0 || plain === 0 ? 0 : weighted / (n * plain);
  out.top1Share = total === 0 ? 0 : rangeSum(sorted, n - shareCount(n, 0.01), n) / total;
  out.top10Share = total === 0 ? 0 : rangeSum(sorted, n - shareCount(n, 0.1), n) / total;
  out.bottom50Share = total === 0 ? 0 : bottom / total;
  out.nonPositiveShare = nonPositiveShareSorted(sorted);
  out.p50 = n > 0 ? sorted[quantileRank(n, 0.5)] : 0;
  out.p90 = n > 0 ? sorted[quantileRank(n, 0.9)] : 0;
  out.p99 = n > 0 ? sorted[quantileRank(n, 0.99)] : 0;
  return out;
}

/** The running sums of `summarizeSorted` (sum, its compensation, the weighted and the plain sum). */
const sortedSums = new Float64Array(4);

/**
 * `summarizeSorted`'s pass over ranks from…to−1, carrying its sums in `sums` (sum, compensation, weighted,
 * plain), in chunks of CHUNK ranks (`accumulateSortedChunk`; the sums stored and reloaded between chunks,
 * the same additions in the same order).
 */
function accumulateSorted(sorted: Float64Array, from: number, to: number, n: number, sums: Float64Array): void {
  for (let start = from; start < to; start += CHUNK) accumulateSortedChunk(sorted, start, Math.min(to, start + CHUNK), n, sums);
}

/**
 * Loops over whole populations are called in chunks of this many entries: a function called once or twice
 * a month with one long loop runs in code compiled on stack (V8's OSR), which Node 20 keeps reusing although
 * it deoptimizes on every call where the code after the loop (never run when it was compiled) begins; the
 * chunk functions are called many times and compiled whole.
 */
const CHUNK = 4096;

/** `accumulateSorted` for ranks from…to−1: the sums loaded from `sums`, carried, and stored back. */
function accumulateSortedChunk(sorted: Float64Array, from: number, to: number, n: number, sums: Float64Array): void {
  let sum = sums[0];
  let compensation = sums[1];
  let weighted = sums[2];
  let plain = sums[3];
  for (let i = from; i < to; i++) {
    const v = sorted[i];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
    weighted += (2 * i - n + 1) * v;
    plain += v;
  }
  sums[0] = sum;
  sums[1] = compensation;
  sums[2] = weighted;
  sums[3] = plain;
}

/**
 * Summary from a histogram of whole numbers (bin b holds the count of value min + b): the same numbers as
 * `summarizeSorted` on the sorted data, in time proportional to the range. For a run of c equal values
 * starting at rank k, Σ (2i − n + 1) over the run is c·(2k + c − n).
 */
function summarizeHistogram(histogram: Uint32Array, min: number, range: number, n: number, out: DistributionSummary): DistributionSummary {
  let total = 0;
  let weighted = 0;
  let rank = 0;
  let nonPositive = 0;
  for (let b = 0; b < range; b++) {
    const c = histogram[b];
    if (c === 0) continue;
    const v = min + b;
    total += v * c;
    weighted += v * c * (2 * rank + c - n);
    if (v <= 0) nonPositive += c;
    rank += c;
  }
  /** Sum of the `count` smallest (fromTop false) or largest entries. */
  const extremeSum = (count: number, fromTop: boolean): number => {
    let remaining = count;
    let sum = 0;
    for (let k = 0; k < range && remaining > 0; k++) {
      const b = fromTop ? range - 1 - k : k;
      const take = Math.min(histogram[b], remaining);
      sum += take * (min + b);
      remaining -= take;
    }
    return sum;
  };
  out.count = n;
  out.total = total;
  out.gini = total === 0 ? 0 : weighted / (n * total);
  out.top1Share = total === 0 ? 0 : extremeSum(shareCount(n, 0.01), true) / total;
  out.top10Share = total === 0 ? 0 : extremeSum(shareCount(n, 0.1), true) / total;
  out.bottom50Share = total === 0 ? 0 : extremeSum(shareCount(n, 0.5), false) / total;
  out.nonPositiveShare = nonPositive / n;
  out.p50 = valueAtRank(histogram, min, range, quantileRank(n, 0.5));
  out.p90 = valueAtRank(histogram, min, range, quantileRank(n, 0.9));
  out.p99 = valueAtRank(histogram, min, range, quantileRank(n, 0.99));
  return out;
}

/** The entry at 0-based `rank` of the ascending order, from a histogram of whole numbers. */
function valueAtRank(histogram: Uint32Array, min: number, range: number, rank: number): number {
  let seen = 0;
  for (let b = 0; b < range; b++) {
    seen += histogram[b];
    if (seen > rank) return min + b;
  }
  return min + range - 1;
}

/** Number of agents in the top or bottom `fraction` of a population of n (at least one). */
function shareCount(n: number, fraction: number): number {
  return Math.max(1, Math.round(n * fraction));
}

function countingSort(values: Float64Array, min: number, max: number, scratch: DistributionScratch): void {
  const range = max - min + 1;
  fillHistogram(values, min, range, scratch);
  const histogram = scratch.histogram;
  const sorted = scratch.sorted;
  let k = 0;
  for (let b = 0; b < range; b++) {
    const count = histogram[b];
    if (count === 0) continue;
    sorted.fill(b + min, k, k + count);
    k += count;
  }
}

/**
 * Buckets of more entries than this are merge-sorted before the insertion pass that puts each group in
 * order (see `sortGroup`); smaller ones are left to it.
 */
const INSERTION_LIMIT = 24;
/**
 * Bits of a bucket number's high digit (the rest are the low digit): 256 groups, so that the pass putting
 * the entries in order of their high digits writes 512 streams (entries and their numbers), whose lines stay
 * in the first-level cache (a thousand-odd did not, at half the bits each: ~0.2 ms more per sort at 200,000
 * entries, ~1.7 ms at 1,000,000).
 */
const HIGH_BITS = 8;
/**
 * Most bits of a bucket number's low digit, so that it fits the two bytes each entry of `spare` keeps of its
 * number (`spareLowDigit`): reached only past some eight million entries, whose bucket numbers then get
 * more than HIGH_BITS bits of high digit (more, smaller groups).
 */
const LOW_BITS_LIMIT = 16;

/**
 * Segments of the bucket sort's grid: the range of keys is cut into this many equal segments, and each
 * segment into as many buckets as its entries need (see `planBuckets`). A few thousand: the tables of the
 * plan (`segmentFirst`, `segmentSplit`) and the segment counts stay in the first-level cache.
 */
const SEGMENTS = 4096;
/**
 * Entries per bucket the plan aims at: a segment of c entries gets the power of two of buckets at or just
 * above c / BUCKET_TARGET, so a bucket of a segment whose entries are spread evenly holds ½–1 of them on
 * average (the fewer entries share a bucket, the less the final insertion pass has to move; 2 was slower).
 */
const BUCKET_TARGET = 1;
/**
 * A plan made from last month's counts is made again from this month's when more than a sixteenth of the
 * entries fall in segments that hold more than CROWDED_FACTOR times the entries the plan gave them buckets
 * for (the data moved between segments: those buckets would hold many entries each).
 */
const CROWDED_FACTOR = 4;

/**
 * Order-preserving key of a float64's high word `hi` (read as a signed 32-bit integer): the bits of a
 * non-negative number as they are, those of a negative one with all but the sign flipped, so that larger
 * magnitudes come lower. −0 has key −1 and +0 key 0. (Signed, so that V8 keeps keys in integer registers:
 * an unsigned key above 2³¹ would be a double.)
 */
function keyOf(hi: number): number {
  return hi ^ ((hi >> 31) & 0x7fffffff);
}

/** `a` sorts before `b`: numeric order, with −0 before +0 (as a typed array's default sort). NaN is excluded by the caller. */
function before(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}

/** 32-bit words of a float64 array (little-endian: word 2i is the low half of entry i), one view per array. */
const wordViews = new WeakMap<Float64Array, Uint32Array>();
function wordsOf(values: Float64Array): Uint32Array {
  let words = wordViews.get(values);
  if (words === undefined) {
    words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
    wordViews.set(values, words);
  }
  return words;
}
/** The same words read as signed integers (the high words' keys: `keyOf`). */
const signedWordViews = new WeakMap<Float64Array, Int32Array>();
function signedWordsOf(values: Float64Array): Int32Array {
  let words = signedWordViews.get(values);
  if (words === undefined) {
    words = new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
    signedWordViews.set(values, words);
  }
  return words;
}

/** Key of the lowest and of the highest value, ±0 taken as −0 at the bottom and +0 at the top. */
function lowKey(min: number): number {
  minMaxWords[0] = min;
  return min === 0 ? -1 : keyOf(minMaxSigned[1]);
}
function highKey(max: number): number {
  minMaxWords[0] = max;
  return max === 0 ? 0 : keyOf(minMaxSigned[1]);
}

/** No band of tiny magnitudes: every key is at or below it. */
const NO_BAND = 0x7fffffff;

/**
 * A key with the band of tiny magnitudes (|v| below 2⁻⁴⁰ of the largest, either sign) collapsed to one
 * key: data of both signs would otherwise spread the grid over the thousand empty binades between its
 * smallest negative and positive magnitudes, and crowd the data into a few of its segments. The map is
 * monotone, so the buckets stay in order (entries of one bucket are sorted among themselves).
 */
function compressKey(key: number, tinyKey: number, tinyGap: number): number {
  return key <= tinyKey ? key : key >= tinyKey + tinyGap ? key - tinyGap : tinyKey;
}

/**
 * `compressKey` without branches, for the passes over every entry (the sign of an entry, which decides the
 * branch, is random from one household to the next), given tinyTop = tinyKey + tinyGap: the smaller of the
 * key and tinyKey, plus how far the key lies above tinyTop. Key ≤ tinyKey: key + 0. Key ≥ tinyTop:
 * tinyKey + key − tinyTop = key − tinyGap. Between: tinyKey + 0. Every term and partial sum is a 32-bit
 * integer (tinyGap ≥ 0, so tinyKey ≤ tinyTop; max(key, tinyTop) − tinyTop lies in [0, 2³¹)), so V8 keeps
 * it in integer registers.
 */
function compressKeyFlat(key: number, tinyKey: number, tinyTop: number): number {
  return Math.min(key, tinyKey) + (Math.max(key, tinyTop) - tinyTop);
}

/** Set the band of tiny magnitudes for data whose largest magnitude is `largest`. */
function setTinyBand(scratch: DistributionScratch, largest: number): void {
  const tiny = largest * 2 ** -40;
  if (!(tiny > 0) || !Number.isFinite(tiny)) {
    scratch.tinyKey = NO_BAND;
    scratch.tinyGap = 0;
    return;
  }
  minMaxWords[0] = tiny;
  const high = minMaxSigned[1];
  const negative = keyOf(high | 0x80000000);
  scratch.tinyKey = negative;
  scratch.tinyGap = keyOf(high) - negative;
}

/** Smallest shift that maps a key span onto `bucketCount` buckets. */
function shiftFor(span: number, bucketCount: number): number {
  let shift = 0;
  while (span >>> shift >= bucketCount) shift++;
  return shift;
}

/**
 * The buckets of each segment of the grid, from its count of entries (`scratch.segmentCounts`, of the
 * grid's last pass): as many as the count over BUCKET_TARGET, rounded up to a power of two, and at most one
 * per key of the segment (2^gridShift). Bucket b of segment s holds the keys whose offset within the
 * segment, shifted right by `segmentSplit[s]`, is b − segmentFirst[s]: monotone in the key, so the buckets
 * are in key order. Some 2n/BUCKET_TARGET + SEGMENTS buckets at most (n the entries counted). Also splits a
 * bucket's number into two digits (`sortByBuckets`) and allocates the arrays of the numbers.
 */
function planBuckets(scratch: DistributionScratch): void {
  const counts = scratch.segmentCounts;
  const first = scratch.segmentFirst;
  const split = scratch.segmentSplit;
  const shift = scratch.gridShift;
  let total = 0;
  for (let s = 0; s < SEGMENTS; s++) {
    first[s] = total;
    let bits = 0;
    while (bits < shift && BUCKET_TARGET << bits < counts[s]) bits++;
    split[s] = shift - bits;
    total += 1 << bits;
  }
  first[SEGMENTS] = total;
  let bits = 0;
  while ((total - 1) >>> bits > 0) bits++;
  const lowBits = Math.min(LOW_BITS_LIMIT, Math.max(0, bits - HIGH_BITS));
  scratch.lowDigitBits = lowBits;
  if (scratch.lowDigits.length < 1 << lowBits) scratch.lowDigits = new Uint32Array(1 << lowBits);
  scratch.highDigitCount = 1 << (bits - lowBits);
  if (scratch.highDigits.length < scratch.highDigitCount) scratch.highDigits = new Uint32Array(scratch.highDigitCount);
  const n = scratch.sorted.length;
  if (scratch.bucketOf.length < n) {
    scratch.bucketOf = new Uint32Array(n);
    scratch.spareLowDigit = new Uint16Array(n);
  }
}

/** Whether the entries just counted crowd the plan's buckets (see CROWDED_FACTOR): then it is made again from their counts. */
function planCrowded(scratch: DistributionScratch, n: number): boolean {
  const counts = scratch.segmentCounts;
  const first = scratch.segmentFirst;
  let crowded = 0;
  for (let s = 0; s < SEGMENTS; s++) if (counts[s] > CROWDED_FACTOR * BUCKET_TARGET * (first[s + 1] - first[s])) crowded += counts[s];
  return crowded > n >>> 4;
}

/**
 * Bucket sort of float64 values into scratch.sorted, afresh (no grid of last month's to reuse), on the top
 * bits of the order-preserving 64-bit key (the IEEE-754 bits with the sign handled: −0 before +0). A grid of
 * SEGMENTS segments over the range of keys the data spans (with a margin, so that next month's data usually
 * fits the same grid: see `numberAndCheck`); a pass counts each segment's entries, and each segment gets
 * buckets for them (`planBuckets`), so the buckets are as fine as the data is dense; a pass numbers each
 * entry's bucket (`numberBuckets`), and the entries are put in order of their buckets, and within them
 * (`sortByBuckets`). The result is the ascending order, the same as a comparison sort. `min` and `max` are
 * the data's extremes (from `scan`).
 */
function bucketSort(values: Float64Array, min: number, max: number, scratch: DistributionScratch): void {
  const n = values.length;
  const lowHigh = lowKey(min);
  const highHigh = highKey(max);
  if (highHigh === lowHigh) {
    scratch.gridShift = -1;
    lowWordSort(values, highHigh, scratch);
    return;
  }
  // The grid over the (compressed) range plus an eighth of it either side, remembered for next month.
  setTinyBand(scratch, Math.max(Math.abs(min), Math.abs(max)));
  if (compressKey(highHigh, scratch.tinyKey, scratch.tinyGap) === compressKey(lowHigh, scratch.tinyKey, scratch.tinyGap)) {
    scratch.tinyKey = NO_BAND;
    scratch.tinyGap = 0;
  }
  const tinyKey = scratch.tinyKey;
  const tinyGap = scratch.tinyGap;
  const lowCompressed = compressKey(lowHigh, tinyKey, tinyGap);
  const highCompressed = compressKey(highHigh, tinyKey, tinyGap);
  const margin = (highCompressed - lowCompressed) >>> 3;
  const low = Math.max(-(2 ** 31), lowCompressed - margin);
  const shift = shiftFor(Math.min(2 ** 31 - 1, highCompressed + margin) - low, SEGMENTS);
  scratch.gridLow = low;
  scratch.gridShift = shift;
  const segmentCounts = scratch.segmentCounts;
  segmentCounts.fill(0);
  const words = signedWordsOf(values);
  for (let start = 0; start < n; start += CHUNK) countSegmentsChunk(words, segmentCounts, low, shift, tinyKey, tinyGap, start, Math.min(n, start + CHUNK));
  planBuckets(scratch);
  numberBuckets(values, scratch);
  sortByBuckets(values, scratch);
}

/** Buckets of the low-word sort (all high words equal): a power of two near n / 2, at least 256 and at most 2²⁰. */
function lowWordBucketCount(n: number): number {
  let count = 1 << 8;
  while (count < 1 << 20 && count < n >>> 1) count <<= 1;
  return count;
}

/**
 * All high words equal (a distribution narrower than one part in 2²⁰; `key` their key): a bucket sort on
 * the low words instead, in the order of the numbers (ascending for positive numbers, descending for
 * negative ones).
 */
function lowWordSort(values: Float64Array, key: number, scratch: DistributionScratch): void {
  const n = values.length;
  const sorted = scratch.sorted;
  const words = wordsOf(values);
  const bucketCount = lowWordBucketCount(n);
  if (scratch.lowWordBuckets.length < bucketCount) scratch.lowWordBuckets = new Uint32Array(bucketCount);
  const counts = scratch.lowWordBuckets;
  counts.fill(0, 0, bucketCount);
  let lo = 0xffffffff;
  let hi = 0;
  const flip = key < 0 ? 0xffffffff : 0;
  for (let i = 0; i < n; i++) {
    const k = (words[2 * i] ^ flip) >>> 0;
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const shift = shiftFor(hi - lo, bucketCount);
  for (let i = 0; i < n; i++) counts[(((words[2 * i] ^ flip) >>> 0) - lo) >>> shift]++;
  startsFromCounts(counts, bucketCount);
  for (let i = 0; i < n; i++) sorted[counts[(((words[2 * i] ^ flip) >>> 0) - lo) >>> shift]++] = values[i];
  let start = 0;
  for (let b = 0; b < bucketCount; b++) {
    const end = counts[b];
    if (end - start > 1) mergeSort(sorted, scratch.spare, start, end);
    start = end;
  }
}

/** The grid's counting pass over entries start…end − 1 (a chunk: see CHUNK): each entry's segment counted. */
function countSegmentsChunk(words: Int32Array, segmentCounts: Uint32Array, low: number, shift: number, tinyKey: number, tinyGap: number, start: number, end: number): void {
  const tinyTop = tinyKey + tinyGap;
  for (let i = start; i < end; i++) segmentCounts[((compressKeyFlat(keyOf(words[2 * i + 1]), tinyKey, tinyTop) - low) | 0) >>> shift]++;
}

/**
 * Each entry's bucket number under the plan (`scratch.bucketOf`; every entry inside the grid), and the
 * count of each high digit of the numbers.
 */
function numberBuckets(values: Float64Array, scratch: DistributionScratch): void {
  const n = values.length;
  const words = signedWordsOf(values);
  scratch.highDigits.fill(0);
  for (let start = 0; start < n; start += CHUNK) {
    numberBucketsChunk(words, scratch.bucketOf, scratch.highDigits, scratch.lowDigitBits, scratch.segmentFirst, scratch.segmentSplit, scratch.gridLow, scratch.gridShift, scratch.tinyKey, scratch.tinyGap, start, Math.min(n, start + CHUNK));
  }
}

/** `numberBuckets` over entries start…end − 1 (a chunk: see CHUNK). */
function numberBucketsChunk(
  words: Int32Array,
  bucketOf: Uint32Array,
  highDigits: Uint32Array,
  lowBits: number,
  first: Uint32Array,
  split: Uint8Array,
  low: number,
  shift: number,
  tinyKey: number,
  tinyGap: number,
  start: number,
  end: number,
): void {
  const mask = (1 << shift) - 1;
  const tinyTop = tinyKey + tinyGap;
  for (let i = start; i < end; i++) {
    const offset = (compressKeyFlat(keyOf(words[2 * i + 1]), tinyKey, tinyTop) - low) | 0;
    const s = offset >>> shift;
    const bucket = first[s] + ((offset & mask) >>> split[s]);
    bucketOf[i] = bucket;
    highDigits[bucket >>> lowBits]++;
  }
}

/**
 * `numberBuckets`, the grid's segment counts and whether every entry is a whole number (1 or 0 in
 * `wholeNumbers`), in one pass, with last month's grid (`scratch.gridLow` and `gridShift`, which must be set)
 * and a plan made from last month's segment counts. Returns the number of entries outside the grid: the
 * bucket numbers are usable when none is (otherwise the caller sorts afresh).
 */
function numberAndCheck(values: Float64Array, scratch: DistributionScratch): number {
  const n = values.length;
  const words = signedWordsOf(values);
  planBuckets(scratch);
  scratch.segmentCounts.fill(0);
  scratch.highDigits.fill(0);
  wholeNumbers[0] = 1;
  wholeNumbers[1] = 0;
  for (let start = 0; start < n; start += CHUNK) {
    numberAndCheckChunk(
      values, words, scratch.bucketOf, scratch.highDigits, scratch.lowDigitBits, scratch.segmentCounts, scratch.segmentFirst, scratch.segmentSplit,
      scratch.gridLow, scratch.gridShift, scratch.tinyKey, scratch.tinyGap, start, Math.min(n, start + CHUNK),
    );
  }
  return wholeNumbers[1];
}

/** `numberAndCheck` over entries start…end − 1 (a chunk: see CHUNK): whether all are whole numbers (1 or 0), and the misses, kept in `wholeNumbers`. */
function numberAndCheckChunk(
  values: Float64Array,
  words: Int32Array,
  bucketOf: Uint32Array,
  highDigits: Uint32Array,
  lowBits: number,
  segmentCounts: Uint32Array,
  first: Uint32Array,
  split: Uint8Array,
  low: number,
  shift: number,
  tinyKey: number,
  tinyGap: number,
  start: number,
  end: number,
): void {
  const mask = (1 << shift) - 1;
  const tinyTop = tinyKey + tinyGap;
  let whole = wholeNumbers[0];
  let misses = 0;
  for (let i = start; i < end; i++) {
    if (whole === 1) {
      const v = values[i];
      if (v !== Math.floor(v)) whole = 0;
    }
    // Keys below the grid give offsets below zero, which `>>>` turns into segments past the last. The
    // offset is taken modulo 2³² (`| 0`: the same bits for `>>>` and `&`, in an integer register).
    const offset = (compressKeyFlat(keyOf(words[2 * i + 1]), tinyKey, tinyTop) - low) | 0;
    const s = offset >>> shift;
    if (s < SEGMENTS) {
      segmentCounts[s]++;
      const bucket = first[s] + ((offset & mask) >>> split[s]);
      bucketOf[i] = bucket;
      highDigits[bucket >>> lowBits]++;
    } else misses++;
  }
  wholeNumbers[0] = whole;
  wholeNumbers[1] += misses;
}

/** `numberAndCheck`'s verdict on whole numbers (1 or 0) and count of misses. */
const wholeNumbers = new Int32Array(2);

/** Turn counts into each one's first slot. */
function startsFromCounts(counts: Uint32Array, count: number): void {
  let offset = 0;
  for (let b = 0; b < count; b++) {
    const c = counts[b];
    counts[b] = offset;
    offset += c;
  }
}

/**
 * The entries, numbered with their buckets (`numberBuckets`), into scratch.sorted in order. A pass puts
 * them (and their numbers) in order of the high digit of the number, into `scratch.spare`: a few hundred
 * streams of writes (HIGH_BITS), where one stream per bucket (one or two entries each) would land nearly
 * every entry in another line of memory. Then each high digit's group, some hundreds or thousands of
 * entries, goes in order into its place in `sorted` in cache (`sortGroup`).
 */
function sortByBuckets(values: Float64Array, scratch: DistributionScratch): void {
  const n = values.length;
  const groups = scratch.highDigits;
  const groupCount = scratch.highDigitCount;
  const lowBits = scratch.lowDigitBits;
  startsFromCounts(groups, groupCount);
  for (let start = 0; start < n; start += CHUNK) scatterGroupsChunk(values, scratch.bucketOf, scratch.spare, scratch.spareLowDigit, groups, lowBits, start, Math.min(n, start + CHUNK));
  // `groups[g]` is now the end of group g.
  let start = 0;
  for (let g = 0; g < groupCount; g++) {
    const end = groups[g];
    if (end - start > 1) sortGroup(scratch.spare, scratch.spareLowDigit, scratch.sorted, scratch.lowDigits, lowBits, start, end, start);
    else if (end > start) scratch.sorted[start] = scratch.spare[start];
    start = end;
  }
}

/** `sortByBuckets`' first pass over entries start…end − 1 (a chunk: see CHUNK): each entry and its number's low digit to the next slot of its group. */
function scatterGroupsChunk(values: Float64Array, bucketOf: Uint32Array, spare: Float64Array, spareLowDigit: Uint16Array, slots: Uint32Array, lowBits: number, start: number, end: number): void {
  const lowMask = (1 << lowBits) - 1;
  for (let i = start; i < end; i++) {
    const bucket = bucketOf[i];
    const slot = slots[bucket >>> lowBits]++;
    spare[slot] = values[i];
    spareLowDigit[slot] = bucket & lowMask;
  }
}

/**
 * One group of entries (start…end − 1 of `spare`, with the same high digit of their bucket numbers) in
 * order into `sorted` from slot `at` on (at ≤ start; the same places when at = start): counted and placed
 * by the low digit (`slots`, one per low digit), buckets of more than INSERTION_LIMIT entries merge-sorted,
 * then one insertion pass moves each entry back past the larger ones of its bucket (a few at most: the
 * buckets are in order).
 */
function sortGroup(spare: Float64Array, spareLowDigit: Uint16Array, sorted: Float64Array, slots: Uint32Array, lowBits: number, start: number, end: number, at: number): void {
  const digits = 1 << lowBits;
  slots.fill(0, 0, digits);
  for (let k = start; k < end; k++) slots[spareLowDigit[k]]++;
  let offset = at;
  let largest = 0;
  for (let d = 0; d < digits; d++) {
    const c = slots[d];
    if (c > largest) largest = c;
    slots[d] = offset;
    offset += c;
  }
  for (let k = start; k < end; k++) sorted[slots[spareLowDigit[k]]++] = spare[k];
  if (largest > INSERTION_LIMIT) {
    // `slots[d]` is now the end of bucket d of this group. The merge sort's buffer is spare[from, to), within
    // at…at + (end − start) − 1 of `spare`: this group's own entries (all placed by now) or earlier groups'.
    let from = at;
    for (let d = 0; d < digits; d++) {
      const to = slots[d];
      if (to - from > INSERTION_LIMIT) mergeSort(sorted, spare, from, to);
      from = to;
    }
  }
  insertionPass(sorted, at, at + end - start);
}

/**
 * Counts of the months summarized through `numberAndGroup` (taken) and of those it handed back to the
 * passes of their own (fell back: data outside the grid, whole numbers or a region overrun).
 * For tests and benchmarks; no result depends on them.
 */
export const fusedPassStats = { taken: 0, fellBack: 0 };

/**
 * Extra room of each high digit's region in `numberAndGroup`, over its count in last month's data: an
 * eighth of that count plus REGION_MARGIN slots (a month whose groups outgrow it is sorted by the passes of
 * their own instead: the same order, one pass more).
 */
const REGION_SLACK_SHIFT = 3;
const REGION_MARGIN = 48;

/**
 * The usual month's first pass, with last month's grid (`scratch.gridShift` ≥ 0) and a plan made from last
 * month's segment counts: each entry numbered with its bucket, as `numberAndCheck` does, and at once put
 * (with its number) into the next free slot of its high digit's region of `spare` — the regions sized from
 * where last month's ascending data (still in `scratch.sorted`) falls under this plan (`planRegions`), with
 * room to spare. So the entries need not be read again to be put in order of their high digits, as
 * `sortByBuckets` does after `numberAndCheck`. The grid's segment counts (next month's plan) are left to
 * `sortGroupedRegions`, which has each bucket's count anyway; and the plan is not checked for crowding
 * (`planCrowded`): data that moved far between segments overruns regions sized on last month's, and data
 * that moved within a region costs that month some merge sorts (`sortGroup`), next month's plan following it.
 * True when the regions hold every entry, in order of their high digits (`sortGroupedRegions` goes on); false
 * — nothing of the sort is usable — when every entry is a whole number, an entry lies outside the grid, or a
 * region overflows. Whatever comes back, only the time taken depends on it: every path gives the same
 * ascending order.
 *
 * The pass over the entries is kept to what it must do for each (it had eight arrays and a dozen numbers to
 * keep at hand, more than the processor's registers; ~4% of the sort's time went with them): whole numbers are
 * looked for before it, in a loop that stops at the first fraction (the first entry, in the usual month);
 * and a full region is not looked for at each entry but once after the pass. An entry past its region's end
 * is written over the next region's first slots (or past the end of `spare`, where typed arrays drop the
 * write), which is harmless: any region whose next free slot ends up past its end sends the month to the
 * passes of their own, which start again from `values`.
 */
function numberAndGroup(values: Float64Array, scratch: DistributionScratch): boolean {
  const n = values.length;
  if (allWholeNumbers(values)) return false;
  const words = signedWordsOf(values);
  planBuckets(scratch);
  planRegions(scratch, n);
  let misses = 0;
  for (let start = 0; start < n; start += CHUNK) {
    misses += numberAndGroupChunk(
      values, words, scratch.spare, scratch.spareLowDigit, scratch.regionNext, scratch.lowDigitBits,
      scratch.segmentFirst, scratch.segmentSplit, scratch.gridLow, scratch.gridShift, scratch.tinyKey, scratch.tinyGap, start, Math.min(n, start + CHUNK),
    );
  }
  if (misses > 0) return false;
  for (let g = 0; g < scratch.highDigitCount; g++) if (scratch.regionNext[g] > scratch.regionEnd[g]) return false;
  return true;
}

/** Whether every entry is a whole number (false at the first that is not: a fraction, NaN or ±∞). */
function allWholeNumbers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== Math.floor(v)) return false;
  }
  return true;
}

/**
 * `numberAndGroup` over entries start…end − 1 (a chunk: see CHUNK): each entry and its bucket number's low
 * digit put in the next slot of its group's region, whether or not that slot lies inside the region (see
 * `numberAndGroup`). Returns the number of entries outside the grid, which are left out.
 */
function numberAndGroupChunk(
  values: Float64Array,
  words: Int32Array,
  spare: Float64Array,
  spareLowDigit: Uint16Array,
  regionNext: Uint32Array,
  lowBits: number,
  first: Uint32Array,
  split: Uint8Array,
  low: number,
  shift: number,
  tinyKey: number,
  tinyGap: number,
  start: number,
  end: number,
): number {
  const mask = (1 << shift) - 1;
  const lowMask = (1 << lowBits) - 1;
  const tinyTop = tinyKey + tinyGap;
  let misses = 0;
  for (let i = start; i < end; i++) {
    // As in `numberAndCheckChunk`: keys below the grid give segments past the last.
    const offset = (compressKeyFlat(keyOf(words[2 * i + 1]), tinyKey, tinyTop) - low) | 0;
    const s = offset >>> shift;
    if (s < SEGMENTS) {
      const bucket = first[s] + ((offset & mask) >>> split[s]);
      const slot = regionNext[bucket >>> lowBits];
      spare[slot] = values[i];
      spareLowDigit[slot] = bucket & lowMask;
      regionNext[bucket >>> lowBits] = slot + 1;
    } else misses++;
  }
  return misses;
}

/**
 * The regions of `spare` for `numberAndGroup`, one per high digit of the bucket numbers under the current
 * plan, in order: each sized by the count of last month's entries (scratch.sorted, ascending) with that high
 * digit, plus REGION_SLACK_SHIFT's and REGION_MARGIN's room. Bucket numbers rise with the value, so each
 * high digit's entries of last month are a run of `sorted`, found by binary search (`bucketRankBound`).
 * Grows `spare` and `spareLowDigit` to the regions' total when short.
 */
function planRegions(scratch: DistributionScratch, n: number): void {
  const groupCount = scratch.highDigitCount;
  if (scratch.regionStart.length < groupCount) {
    scratch.regionStart = new Uint32Array(groupCount);
    scratch.regionEnd = new Uint32Array(groupCount);
    scratch.regionNext = new Uint32Array(groupCount);
  }
  const lowBits = scratch.lowDigitBits;
  let rank = 0;
  let slot = 0;
  for (let g = 0; g < groupCount; g++) {
    const next = g === groupCount - 1 ? n : bucketRankBound(scratch, rank, n, (g + 1) << lowBits);
    const count = next - rank;
    scratch.regionStart[g] = slot;
    scratch.regionNext[g] = slot;
    slot += count + (count >>> REGION_SLACK_SHIFT) + REGION_MARGIN;
    scratch.regionEnd[g] = slot;
    rank = next;
  }
  if (scratch.spare.length < slot) scratch.spare = new Float64Array(slot + (slot >>> 3));
  if (scratch.spareLowDigit.length < slot) scratch.spareLowDigit = new Uint16Array(slot + (slot >>> 3));
}

/**
 * First rank r in from…to − 1 of `scratch.sorted` (ascending) whose bucket under the current plan is at
 * least `bucket` (`to` when none is): keys below the grid count as below every bucket, above it as above.
 */
function bucketRankBound(scratch: DistributionScratch, from: number, to: number, bucket: number): number {
  const sorted = scratch.sorted;
  const low = scratch.gridLow;
  const shift = scratch.gridShift;
  const first = scratch.segmentFirst;
  const split = scratch.segmentSplit;
  const mask = (1 << shift) - 1;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    minMaxWords[0] = sorted[mid];
    const offset = compressKey(keyOf(minMaxSigned[1]), scratch.tinyKey, scratch.tinyGap) - low;
    let b: number;
    if (offset < 0) b = -1;
    else if (offset >>> shift >= SEGMENTS) b = first[SEGMENTS];
    else b = first[offset >>> shift] + ((offset & mask) >>> split[offset >>> shift]);
    if (b < bucket) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The entries `numberAndGroup` put in the regions of their high digits, in order into scratch.sorted: the
 * regions in order of their high digits, each (`regionStart` up to `regionNext`) sorted into the next
 * slots of `sorted` by `sortGroup`. Every slot of `sorted` is written (the regions hold all n entries).
 */
function sortGroupedRegions(scratch: DistributionScratch): void {
  const groupCount = scratch.highDigitCount;
  const spare = scratch.spare;
  const sorted = scratch.sorted;
  const lowBits = scratch.lowDigitBits;
  const slots = scratch.lowDigits;
  const first = scratch.segmentFirst;
  const counts = scratch.segmentCounts;
  // Segment s's count is the rank where its first bucket, first[s], begins, subtracted from the next
  // segment's: `segment` is the next segment whose beginning is still to be found, `segmentRank` where the
  // last one found begins.
  let segment = 0;
  let segmentRank = 0;
  let at = 0;
  for (let g = 0; g < groupCount; g++) {
    const start = scratch.regionStart[g];
    const end = scratch.regionNext[g];
    const lastBucket = ((g + 1) << lowBits) - 1;
    if (end - start > 1) {
      sortGroup(spare, scratch.spareLowDigit, sorted, slots, lowBits, start, end, at);
      // `slots[d]` is now where bucket (g << lowBits) + d ends: a segment beginning at bucket b of this
      // group, after the first, begins where bucket b − 1 ends.
      while (segment < SEGMENTS && first[segment] <= lastBucket) {
        const rank = first[segment] === g << lowBits ? at : slots[first[segment] - 1 - (g << lowBits)];
        if (segment > 0) counts[segment - 1] = rank - segmentRank;
        segmentRank = rank;
        segment++;
      }
    } else {
      if (end > start) sorted[at] = spare[start];
      const bucket = end > start ? (g << lowBits) + scratch.spareLowDigit[start] : -1;
      while (segment < SEGMENTS && first[segment] <= lastBucket) {
        const rank = first[segment] <= bucket ? at : at + end - start;
        if (segment > 0) counts[segment - 1] = rank - segmentRank;
        segmentRank = rank;
        segment++;
      }
    }
    at += end - start;
  }
  // Every segment has a bucket at least, below the last group's end: all their beginnings were found.
  if (at !== sorted.length || segment !== SEGMENTS) throw new Error(`metrics: the regions held ${at} entries of ${sorted.length}`);
  counts[SEGMENTS - 1] = at - segmentRank;
}

/**
 * Entries start…end − 1 in order by insertion: each moved back past the larger ones before it. The largest
 * entry so far, which each entry is first compared with, is kept in `largest` rather than read back from
 * a[i − 1] (where it stays when a smaller entry moves back past it).
 */
function insertionPass(a: Float64Array, start: number, end: number): void {
  let largest = a[start];
  for (let i = start + 1; i < end; i++) {
    const v = a[i];
    if (!before(v, largest)) {
      largest = v;
      continue;
    }
    let j = i - 1;
    do {
      a[j + 1] = a[j];
      j--;
    } while (j >= start && before(v, a[j]));
    a[j + 1] = v;
  }
}

const minMaxWords = new Float64Array(1);
const minMaxSigned = new Int32Array(minMaxWords.buffer);

function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && before(v, a[j])) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Stable bottom-up merge sort of a[from, to) through spare[from, to) (runs of 16 sorted by insertion first). */
function mergeSort(a: Float64Array, spare: Float64Array, from: number, to: number): void {
  const RUN = 16;
  for (let s = from; s < to; s += RUN) insertionSort(a, s, Math.min(to, s + RUN));
  let source = a;
  let target = spare;
  for (let width = RUN; width < to - from; width *= 2) {
    for (let left = from; left < to; left += 2 * width) {
      const middle = Math.min(to, left + width);
      const right = Math.min(to, left + 2 * width);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) target[k++] = before(source[j], source[i]) ? source[j++] : source[i++];
      while (i < middle) target[k++] = source[i++];
      while (j < right) target[k++] = source[j++];
    }
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== a) for (let k = from; k < to; k++) a[k] = source[k];
}

/** Sum of a sorted array's entries from `from` (inclusive) to `to` (exclusive), compensated. */
function rangeSum(sorted: Float64Array, from: number, to: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = from; i < to; i++) {
    const v = sorted[i];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Gini coefficient of an ascending array: G = Σᵢ (2i − n + 1)·xᵢ / (n·Σx), i = 0…n−1.
 * Equals the mean absolute difference over twice the mean; with negative entries it can exceed 1.
 * Returns 0 when total wealth is zero.
 */
export function giniSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    weighted += (2 * i - n + 1) * sorted[i];
    total += sorted[i];
  }
  return total === 0 ? 0 : weighted / (n * total);
}

/** Share of the total held by the richest `fraction` of the population (ascending input). */
export function topShareSorted(sorted: Float64Array, fraction: number, total = rangeSum(sorted, 0, sorted.length)): number {
  const n = sorted.length;
  const count = shareCount(n, fraction);
  return total === 0 ? 0 : rangeSum(sorted, n - count, n) / total;
}

/** Share of the total held by the poorest `fraction` of the population (ascending input). */
export function bottomShareSorted(sorted: Float64Array, fraction: number, total = rangeSum(sorted, 0, sorted.length)): number {
  const n = sorted.length;
  const count = shareCount(n, fraction);
  return total === 0 ? 0 : rangeSum(sorted, 0, count) / total;
}

/** Empirical quantile (linear interpolation between order statistics, "type 7") of an ascending array. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

/**
 * Lorenz curve at `count` + 1 evenly spaced population shares (0, 1/count, …, 1): the cumulative share of
 * the total held by the poorest p of the population. Allocates (called for a few months of a run only).
 */
export function lorenzPoints(sorted: Float64Array, count = 50): Array<[number, number]> {
  const n = sorted.length;
  const total = rangeSum(sorted, 0, n);
  const points: Array<[number, number]> = [[0, 0]];
  let cumulative = 0;
  let index = 0;
  for (let k = 1; k <= count; k++) {
    const upTo = Math.round((k / count) * n);
    cumulative += rangeSum(sorted, index, upTo);
    index = upTo;
    points.push([k / count, total === 0 ? k / count : cumulative / total]);
  }
  return points;
}

/** Share of entries at or below zero (ascending input). */
export function nonPositiveShareSorted(sorted: Float64Array): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= 0) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length === 0 ? 0 : lo / sorted.length;
}
