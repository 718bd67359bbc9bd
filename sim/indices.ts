/**
 * The composite indices of DESIGN.md §6: political pressure (which decides redistribution) and the bubble
 * index (Dalio's bubble gauges), and the distributional measures that need the month's wealth ranking
 * (top-10% share of equities, the K gap).
 */
import { FIRST_POOL, PASSIVE_FUND } from '../agents/funds.js';
import type { EconomyWorld } from './economyWorld.js';
import { sumArray, sumOnto } from './kernels.js';
import { unemploymentRate } from './policy.js';

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 0);

/** Weight of this month in the smoothed political pressure (voters' memory of about ten months). */
const PRESSURE_MEMORY = 0.1;
/** Pressure must fall this far below the threshold before redistribution stops (hysteresis). */
const PRESSURE_HYSTERESIS = 0.05;

/**
 * Political pressure, 0–1: a weighted mean of four strains, each scaled to 0–1 (DESIGN.md §6) —
 * real-wage stagnation (year-on-year real wage growth from +2% down to −2%), unemployment (from 4% up to
 * 10%), the bottom half's wealth share (from 4% down to 0) and the top tenth's (from 50% up to 80%).
 * Weights 0.35, 0.25, 0.2, 0.2 (stagnant wages first: the essays' "without real wage growth voters
 * demand change"; Funke, Schularick & Trebesch 2016 on the politics after crises).
 */
export function politicalPressureIndex(realWageGrowth: number, unemployment: number, bottom50Share: number, top10Share: number): number {
  const wages = clamp01((0.02 - realWageGrowth) / 0.04);
  const jobs = clamp01((unemployment - 0.04) / 0.06);
  const bottom = clamp01((0.04 - bottom50Share) / 0.04);
  const top = clamp01((top10Share - 0.5) / 0.3);
  return 0.35 * wages + 0.25 * jobs + 0.2 * bottom + 0.2 * top;
}

/**
 * Bubble index, 0–1: the mean of five of Dalio's gauges, each scaled to 0–1 — valuation against bonds
 * (equity risk premium from 4% down to −1%), momentum (the index's year-on-year rise from 0 to 30%),
 * credit spreads near lows (large-firm spread from 2% down to 0.5%), leverage growth (year-on-year growth
 * of large-firm bonds and household loans from 0 to 10%) and new buyers (households entering equities or
 * bitcoin over the year, from 0 to 5% of households).
 */
export function bubbleIndexValue(equityRiskPremium: number, equityGrowth: number, spread: number, leverageGrowth: number, newBuyerShare: number): number {
  return (
    (clamp01((0.04 - equityRiskPremium) / 0.05) +
      clamp01(equityGrowth / 0.3) +
      clamp01((0.02 - spread) / 0.015) +
      clamp01(leverageGrowth / 0.1) +
      clamp01(newBuyerShare / 0.05)) /
    5
  );
}

/** Phase 6: pressure from last month's readings, smoothed; redistribution switches on above the threshold. */
export function updatePoliticalPressure(world: EconomyWorld): void {
  const fin = world.finance;
  const wages = world.history.meanRealWage;
  const growth = wages.size >= 13 ? wages.ago(0) / wages.ago(12) - 1 : 0;
  const w = world.wealth.summary;
  const reading = politicalPressureIndex(growth, unemploymentRate(world), w.bottom50Share, w.top10Share);
  fin.politicalPressure = world.recording ? fin.politicalPressure + PRESSURE_MEMORY * (reading - fin.politicalPressure) : reading;
  const threshold = world.scenario.government.redistribution_threshold;
  if (!world.recording) fin.redistributing = false;
  else if (fin.politicalPressure > threshold) fin.redistributing = true;
  else if (fin.politicalPressure < threshold - PRESSURE_HYSTERESIS) fin.redistributing = false;
}

/** Market value of the large firms' shares. */
export function equityMarketValue(world: EconomyWorld): number {
  const prices = world.prices.shares;
  const shares = world.large.shares.values;
  let value = 0;
  for (let f = 0; f < shares.length; f++) value += prices[f] * shares[f];
  return value;
}

/** Trailing annual after-tax earnings of all large firms. */
export function totalAnnualEarnings(world: EconomyWorld): number {
  let total = 0;
  for (const e of world.finance.annualEarnings) total += e;
  return total;
}

/** Phase 8: the bubble index and the histories it reads. */
export function updateBubbleIndex(world: EconomyWorld): void {
  const fin = world.finance;
  const { large, households: h, market } = world;
  // The large firms' bonds, then the households' loans, summed left to right (kernels of their own: the
  // household loop was compiled on stack replacement and the rest of the function then deoptimized).
  const leverage = sumOnto(sumArray(large.bonds.values, large.count), h.loans.values, h.count);
  fin.leverage.push(leverage);
  fin.newBuyerHistory.push(fin.newBuyers);
  fin.equityIndexHistory.push(fin.equityIndex);
  const value = equityMarketValue(world);
  const earningsYield = value > 0 ? totalAnnualEarnings(world) / value : 0;
  const leverageGrowth = fin.leverage.size >= 13 ? leverage / fin.leverage.ago(12) - 1 : 0;
  const equityGrowth = fin.equityIndexHistory.size >= 13 ? fin.equityIndex / fin.equityIndexHistory.ago(12) - 1 : 0;
  fin.bubbleIndex = bubbleIndexValue(earningsYield - market.yield10y, equityGrowth, market.spreadLarge, leverageGrowth, fin.newBuyerHistory.sum(12) / h.count);
}

/**
 * After the month's wealth ranking: the top-10% households' share of equities and fund shares (passive
 * and direct), and the log ratio of the top-10%'s mean net worth to the bottom-50%'s.
 */
export function wealthRankingMeasures(world: EconomyWorld): { top10EquityShare: number; kRatio: number } {
  const { households: h } = world;
  const threshold = world.wealth.summary.p90;
  const median = world.wealth.summary.p50;
  const netWorth = h.netWorth;
  const passive = h.fundUnits[PASSIVE_FUND].values;
  const growth = h.fundUnits[FIRST_POOL].values;
  const defensive = h.fundUnits[FIRST_POOL + 1].values;
  const realAssets = h.fundUnits[FIRST_POOL + 2].values;
  const navPassive = h.fundUnits[PASSIVE_FUND].price[0];
  const navGrowth = h.fundUnits[FIRST_POOL].price[0];
  const navDefensive = h.fundUnits[FIRST_POOL + 1].price[0];
  const navRealAssets = h.fundUnits[FIRST_POOL + 2].price[0];
  const sums = rankingSums;
  rankingSumsOf(netWorth, passive, growth, defensive, realAssets, navPassive, navGrowth, navDefensive, navRealAssets, threshold, median, h.count, sums);
  const top = sums[0];
  const all = sums[1];
  const topWorth = sums[2];
  const topCount = sums[3];
  const bottomWorth = sums[4];
  const bottomCount = sums[5];
  const topMean = topCount > 0 ? topWorth / topCount : 0;
  const bottomMean = bottomCount > 0 ? bottomWorth / bottomCount : 0;
  return {
    top10EquityShare: all > 0 ? top / all : 0,
    kRatio: Math.log(Math.max(1e-12, topMean) / Math.max(1e-12 * Math.max(1, topMean), bottomMean)),
  };
}

/**
 * wealthRankingMeasures' sums: [0] top equity, [1] all equity, [2] top worth, [3] top count, [4] bottom
 * worth, [5] bottom count.
 */
const rankingSums = new Float64Array(6);

/** Households per call of `rankingChunk`. */
const RANKING_CHUNK = 4096;

/**
 * `rankingChunk`'s lists of the chunk's households in the top tenth and in the bottom half (household
 * numbers, ascending), and each household's equity (by its place in the chunk): one chunk's worth each.
 */
const topHouseholds = new Int32Array(RANKING_CHUNK);
const bottomHouseholds = new Int32Array(RANKING_CHUNK);
const chunkEquity = new Float64Array(RANKING_CHUNK);

/** wealthRankingMeasures' loop: its sums, in household order, into `sums` (see `rankingSums`; chunks compiled as ordinary functions, not on stack). Exported for its test. */
export function rankingSumsOf(
  netWorth: Float64Array,
  passive: Float64Array,
  growth: Float64Array,
  defensive: Float64Array,
  realAssets: Float64Array,
  navPassive: number,
  navGrowth: number,
  navDefensive: number,
  navRealAssets: number,
  threshold: number,
  median: number,
  n: number,
  sums: Float64Array,
): void {
  sums.fill(0);
  for (let start = 0; start < n; start += RANKING_CHUNK) {
    rankingChunk(netWorth, passive, growth, defensive, realAssets, navPassive, navGrowth, navDefensive, navRealAssets, threshold, median, sums, start, Math.min(n, start + RANKING_CHUNK));
  }
}

/**
 * Households start…end − 1 of `rankingSumsOf` (at most RANKING_CHUNK of them). Whether a household is in
 * the top tenth or the bottom half is random from one household to the next, so instead of branching on it
 * a first loop sums all equity, keeps each household's equity, and appends each household to the list of
 * the top or of the bottom (written at the list's end every time; the end moves on by the comparison's 0 or
 * 1); then a loop over each list adds its households' equity, worth and count. Each sum gets the same
 * additions in the same (household) order as with the branches, carried in registers rather than in
 * `sums` (whose slots, read and written by every household, made one long chain of memory round trips).
 */
function rankingChunk(
  netWorth: Float64Array,
  passive: Float64Array,
  growth: Float64Array,
  defensive: Float64Array,
  realAssets: Float64Array,
  navPassive: number,
  navGrowth: number,
  navDefensive: number,
  navRealAssets: number,
  threshold: number,
  median: number,
  sums: Float64Array,
  start: number,
  end: number,
): void {
  const tops = topHouseholds;
  const bottoms = bottomHouseholds;
  const equities = chunkEquity;
  let allEquity = sums[1];
  let topCount = 0;
  let bottomCount = 0;
  for (let i = start; i < end; i++) {
    let equity = 0;
    equity += passive[i] * navPassive;
    equity += growth[i] * navGrowth;
    equity += defensive[i] * navDefensive;
    equity += realAssets[i] * navRealAssets;
    allEquity += equity;
    equities[i - start] = equity;
    const worth = netWorth[i];
    const top = +(worth >= threshold);
    // In the bottom: below the median and not in the top (the branches' `else if`).
    const bottom = +(worth < median) * (1 - top);
    tops[topCount] = i;
    topCount += top;
    bottoms[bottomCount] = i;
    bottomCount += bottom;
  }
  sums[1] = allEquity;
  let topEquity = sums[0];
  let topWorth = sums[2];
  let topSeen = sums[3];
  for (let k = 0; k < topCount; k++) {
    const i = tops[k];
    topEquity += equities[i - start];
    topWorth += netWorth[i];
    topSeen++;
  }
  sums[0] = topEquity;
  sums[2] = topWorth;
  sums[3] = topSeen;
  let bottomWorth = sums[4];
  let bottomSeen = sums[5];
  for (let k = 0; k < bottomCount; k++) {
    bottomWorth += netWorth[bottoms[k]];
    bottomSeen++;
  }
  sums[4] = bottomWorth;
  sums[5] = bottomSeen;
}
