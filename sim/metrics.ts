/**
 * Distribution statistics over typed arrays: Gini, top and bottom shares, Lorenz points, quantiles.
 *
 * Hand-written loops (mathjs does not take typed arrays). Each recorded month sorts one copy of the wealth
 * vector at most, into a scratch buffer allocated once (`DistributionScratch`), and `summarizeDistribution`
 * reads every statistic off it. Whole-number data (the money-unit lessons) needs no sort: its histogram
 * gives the same numbers. Anything else is sorted by a bucket sort on the IEEE-754 bit patterns (linear
 * time on the data the model makes; the same order as a comparison sort).
 */

/** Buffers reused every month for one population size. */
export interface DistributionScratch {
  readonly sorted: Float64Array;
  /** Second buffer for the radix sort's ping-pong passes. */
  readonly spare: Float64Array;
  /** Counting-sort histogram (grown at most a few times over a run). */
  histogram: Uint32Array;
  /** Value of the histogram's first bin and its number of bins (0: not in use). */
  histogramMin: number;
  histogramRange: number;
  /** The bucket sort's counts (allocated on first use, then reused). */
  buckets: Uint32Array;
  /** The bucket sort's last buckets over the keys' high words: first key and shift (−1: none to reuse). */
  bucketLow: number;
  bucketShift: number;
  /**
   * The band of keys shared by magnitudes far below the data's largest (see `compressKey`): keys in
   * (tinyKey, tinyKey + tinyGap) count as tinyKey, keys above move down by tinyGap. NO_BAND: none.
   */
  tinyKey: number;
  tinyGap: number;
}

export function createDistributionScratch(size: number): DistributionScratch {
  return { sorted: new Float64Array(size), spare: new Float64Array(size), histogram: new Uint32Array(1024), histogramMin: 0, histogramRange: 0, buckets: new Uint32Array(0), bucketLow: 0, bucketShift: -1, tinyKey: NO_BAND, tinyGap: 0 };
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
  // Last month's buckets fit most months' data: then the scan counts the buckets in the same pass.
  let counted = false;
  let min: number;
  let max: number;
  let integral: boolean;
  if (scratch.bucketShift >= 0 && scratch.buckets.length > bucketCountFor(n)) {
    counted = scanAndCount(values, scratch) === 0 && bucketsStillFit(scratch, bucketCountFor(n));
    min = scanned[0];
    max = scanned[1];
    integral = scanned[2] === 1;
  } else {
    ({ min, max, integral } = scan(values));
  }
  if (integral && max - min < COUNTING_RANGE_LIMIT) {
    // Leave headroom so next month's small moves still fit.
    const headroom = Math.max(16, Math.ceil((max - min) / 4));
    scratch.histogramMin = min - headroom;
    scratch.histogramRange = max - min + 1 + 2 * headroom;
    fillHistogram(values, scratch.histogramMin, scratch.histogramRange, scratch);
    return summarizeHistogram(scratch.histogram, scratch.histogramMin, scratch.histogramRange, n, out);
  }
  scratch.histogramRange = 0;
  if (counted) scatterHigh(values, scratch, bucketCountFor(n));
  else bucketSort(values, min, max, scratch);
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

/** Largest run of one bucket sorted by insertion; longer runs are merge-sorted. */
const INSERTION_LIMIT = 48;
/** Fewest and most buckets of the bucket sort (a power of two near half the population in between). */
const MIN_BUCKETS = 1 << 8;
const MAX_BUCKETS = 1 << 20;

/** Order-preserving high word of a float64 (given its high 32 bits): flip all bits of negatives, the sign bit of the rest. */
function keyHigh(hi: number): number {
  return (hi & 0x80000000 ? ~hi : hi | 0x80000000) >>> 0;
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

/** Number of buckets for n entries: a power of two near n / 2, within [MIN_BUCKETS, MAX_BUCKETS]. */
function bucketCountFor(n: number): number {
  let count = MIN_BUCKETS;
  while (count < MAX_BUCKETS && count < n >>> 1) count <<= 1;
  return count;
}

/** Key of a float64's high word for the bucket range, ±0 taken as −0 at the bottom and +0 at the top. */
function lowKey(min: number): number {
  minMaxWords[0] = min;
  return min === 0 ? 0x7fffffff : keyHigh(minMaxWords32[1]);
}
function highKey(max: number): number {
  minMaxWords[0] = max;
  return max === 0 ? 0x80000000 : keyHigh(minMaxWords32[1]);
}

/** No band of tiny magnitudes: every key is below it. */
const NO_BAND = 2 ** 32;

/**
 * A bucket key with the band of tiny magnitudes (|v| below 2⁻⁴⁰ of the largest, either sign) collapsed to
 * one key: data of both signs would otherwise spread the buckets over the thousand empty binades between
 * its smallest negative and positive magnitudes, and crowd the data into a few hundred of them. The map
 * is monotone, so the buckets stay in order (entries of one bucket are sorted among themselves).
 */
function compressKey(key: number, tinyKey: number, tinyGap: number): number {
  return key <= tinyKey ? key : key >= tinyKey + tinyGap ? key - tinyGap : tinyKey;
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
  const high = minMaxWords32[1];
  const negative = keyHigh(high | 0x80000000);
  scratch.tinyKey = negative;
  scratch.tinyGap = keyHigh(high) - negative;
}

/** Smallest shift that maps a key span onto `bucketCount` buckets. */
function shiftFor(span: number, bucketCount: number): number {
  let shift = 0;
  while (span >>> shift >= bucketCount) shift++;
  return shift;
}

/**
 * Bucket sort of float64 values into scratch.sorted: one counting pass and one scattering pass on the
 * top bits of the order-preserving 64-bit key (the IEEE-754 bits with the sign handled: −0 before +0),
 * over the range of keys the data actually spans (with a margin, so that next month's data usually fits
 * the same buckets: see `scanAndCount`), so the buckets are fine where the data is; then each bucket (a
 * few entries on average, ordered among themselves) is sorted in place: by insertion when short, by a
 * merge sort through `scratch.spare` otherwise. Two passes over memory instead of a radix sort's four to
 * six, the rest in cache. The result is the ascending order, the same as a comparison sort. `min` and
 * `max` are the data's extremes (from `scan`).
 */
function bucketSort(values: Float64Array, min: number, max: number, scratch: DistributionScratch): void {
  const n = values.length;
  const sorted = scratch.sorted;
  const words = wordsOf(values);
  const bucketCount = bucketCountFor(n);
  if (scratch.buckets.length < bucketCount + 1) scratch.buckets = new Uint32Array(bucketCount + 1);
  const counts = scratch.buckets;
  counts.fill(0, 0, bucketCount + 1);
  const lowHigh = lowKey(min);
  const highHigh = highKey(max);
  const range = highHigh - lowHigh;
  if (range === 0) {
    // All high words equal: bucket on the low words instead (a distribution narrower than one part in 2²⁰).
    scratch.bucketShift = -1;
    let lo = 0xffffffff;
    let hi = 0;
    const flip = highHigh & 0x80000000 ? 0 : 0xffffffff;
    for (let i = 0; i < n; i++) {
      const k = (words[2 * i] ^ flip) >>> 0;
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    const shift = shiftFor(hi - lo, bucketCount);
    for (let i = 0; i < n; i++) counts[(((words[2 * i] ^ flip) >>> 0) - lo) >>> shift]++;
    startsFromCounts(counts, bucketCount);
    for (let i = 0; i < n; i++) sorted[counts[(((words[2 * i] ^ flip) >>> 0) - lo) >>> shift]++] = values[i];
    sortBuckets(sorted, scratch.spare, counts, bucketCount);
    return;
  }
  // Buckets over the (compressed) range plus an eighth of it either side, remembered for next month.
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
  const low = Math.max(0, lowCompressed - margin);
  const shift = shiftFor(Math.min(0xffffffff, highCompressed + margin) - low, bucketCount);
  scratch.bucketLow = low;
  scratch.bucketShift = shift;
  for (let start = 0; start < n; start += CHUNK) countHighChunk(words, counts, low, shift, tinyKey, tinyGap, start, Math.min(n, start + CHUNK));
  scatterHigh(values, scratch, bucketCount);
}

/** The bucket sort's counting pass over entries start…end − 1 (a chunk: see CHUNK). */
function countHighChunk(words: Uint32Array, counts: Uint32Array, low: number, shift: number, tinyKey: number, tinyGap: number, start: number, end: number): void {
  for (let i = start; i < end; i++) counts[(compressKey(keyHigh(words[2 * i + 1]), tinyKey, tinyGap) - low) >>> shift]++;
}

/**
 * `scan` and the bucket sort's counting pass in one, with last month's buckets (`scratch.bucketLow` and
 * `bucketShift`, which must be set). Writes min, max and integral (1 or 0) to `scanned`; returns the number
 * of entries outside those buckets. The counts are usable when none is and `bucketsStillFit` (otherwise the
 * caller sorts afresh).
 */
function scanAndCount(values: Float64Array, scratch: DistributionScratch): number {
  const n = values.length;
  const words = wordsOf(values);
  const bucketCount = bucketCountFor(n);
  const counts = scratch.buckets;
  counts.fill(0, 0, bucketCount + 1);
  scanned[0] = Infinity;
  scanned[1] = -Infinity;
  scanned[2] = 1;
  scanned[3] = 0;
  for (let start = 0; start < n; start += CHUNK) {
    scanAndCountChunk(values, words, counts, scratch.bucketLow, scratch.bucketShift, bucketCount, scratch.tinyKey, scratch.tinyGap, start, Math.min(n, start + CHUNK));
  }
  return scanned[3];
}

/** `scanAndCount` over entries start…end − 1 (a chunk: see CHUNK): min, max, integral (1 or 0) and misses kept in `scanned`. */
function scanAndCountChunk(
  values: Float64Array,
  words: Uint32Array,
  counts: Uint32Array,
  low: number,
  shift: number,
  bucketCount: number,
  tinyKey: number,
  tinyGap: number,
  start: number,
  end: number,
): void {
  // Read and written in `scanned` itself, not carried in local variables across the loop: this loop runs in
  // code compiled on stack (V8's OSR), which keeps a carried double as an allocated number every turn.
  const extremes = scanned;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v < extremes[0]) extremes[0] = v;
    if (v > extremes[1]) extremes[1] = v;
    if (extremes[2] === 1 && v !== Math.floor(v)) extremes[2] = 0;
    const offset = compressKey(keyHigh(words[2 * i + 1]), tinyKey, tinyGap) - low;
    const b = offset >>> shift;
    if (offset >= 0 && b < bucketCount) counts[b]++;
    else extremes[3]++;
  }
}

/** Whether last month's buckets suit this month's data (after `scanAndCount` found no misses): at most twice as coarse as its own range would give. */
function bucketsStillFit(scratch: DistributionScratch, bucketCount: number): boolean {
  const range = compressKey(highKey(scanned[1]), scratch.tinyKey, scratch.tinyGap) - compressKey(lowKey(scanned[0]), scratch.tinyKey, scratch.tinyGap);
  return range > 0 && shiftFor(range, bucketCount) + 1 >= scratch.bucketShift;
}
/** `scanAndCount`'s min, max, integral (1 or 0) and misses. */
const scanned = new Float64Array(4);

/** Turn bucket counts into each bucket's first slot. */
function startsFromCounts(counts: Uint32Array, bucketCount: number): void {
  let offset = 0;
  for (let b = 0; b < bucketCount; b++) {
    const c = counts[b];
    counts[b] = offset;
    offset += c;
  }
}

/** Scatter by the high-word buckets `scratch.bucketLow`/`bucketShift` (counts already taken), then sort each bucket. */
function scatterHigh(values: Float64Array, scratch: DistributionScratch, bucketCount: number): void {
  const n = values.length;
  const counts = scratch.buckets;
  startsFromCounts(counts, bucketCount);
  const words = wordsOf(values);
  for (let start = 0; start < n; start += CHUNK) {
    scatterHighChunk(values, words, scratch.sorted, counts, scratch.bucketLow, scratch.bucketShift, scratch.tinyKey, scratch.tinyGap, start, Math.min(n, start + CHUNK));
  }
  sortBuckets(scratch.sorted, scratch.spare, counts, bucketCount);
}

/** `scatterHigh`'s pass over entries start…end − 1 (a chunk: see CHUNK): each to the next slot of its bucket. */
function scatterHighChunk(values: Float64Array, words: Uint32Array, sorted: Float64Array, counts: Uint32Array, low: number, shift: number, tinyKey: number, tinyGap: number, start: number, end: number): void {
  for (let i = start; i < end; i++) sorted[counts[(compressKey(keyHigh(words[2 * i + 1]), tinyKey, tinyGap) - low) >>> shift]++] = values[i];
}

/** Each bucket in place (`ends[b]` is the end of bucket b, the start of bucket b + 1), CHUNK buckets at a time. */
function sortBuckets(sorted: Float64Array, spare: Float64Array, ends: Uint32Array, bucketCount: number): void {
  for (let first = 0; first < bucketCount; first += CHUNK) sortBucketRange(sorted, spare, ends, first, Math.min(bucketCount, first + CHUNK));
}

/** Buckets first…last − 1 sorted in place: by insertion when short, by a merge sort otherwise. */
function sortBucketRange(sorted: Float64Array, spare: Float64Array, ends: Uint32Array, first: number, last: number): void {
  let start = first === 0 ? 0 : ends[first - 1];
  for (let b = first; b < last; b++) {
    const end = ends[b];
    const size = end - start;
    if (size > 1) {
      if (size <= INSERTION_LIMIT) insertionSort(sorted, start, end);
      else mergeSort(sorted, spare, start, end);
    }
    start = end;
  }
}
const minMaxWords = new Float64Array(1);
const minMaxWords32 = new Uint32Array(minMaxWords.buffer);

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
