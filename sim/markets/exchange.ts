/**
 * Exchange economies: the classroom lessons in which households only trade money among themselves.
 *
 * Each rule is a pure function for the amount or the odds, plus a market loop that draws the pairs from
 * the `exchange` random stream and moves the money through the ledger.
 */
import type { Book, Ledger } from '../ledger.js';
import { accurateSum, Flow } from '../ledger.js';
import type { RandomStream } from '../rng.js';

/** A uniformly drawn other household: j ∈ {0…n−1} \ {i}. */
function otherThan(i: number, n: number, stream: RandomStream): number {
  const j = Math.floor(stream.next() * (n - 1));
  return j >= i ? j + 1 : j;
}

/** Largest population whose indices the int32 arithmetic of `boltzmannExchange` covers. */
const MAX_INDEXED = 2 ** 31;

/**
 * Boltzmann–Gibbs money game (Drăgulescu & Yakovenko 2000, "Statistical mechanics of money"):
 * each month, in turn, every household with at least `unit` money gives `unit` to a household drawn at
 * random. Money is conserved, so the stationary distribution is the one of maximum entropy under that
 * constraint: exponential, P(m) ∝ exp(−m/T) with T the mean; for whole units of mean m it is geometric,
 * with Gini (m + 1)/(2m + 1) → 1/2.
 *
 * This loop is what `npm run bench` compares with a bare typed-array loop, so it is written for V8:
 * - The generator is read once. A stream's `next` is a plain closure over its generator's state
 *   (sim/rng.ts) and needs no receiver. Called as `stream.next()` behind the `continue`, V8 redid the
 *   property load, the stream's map check, the closure check and the loads of its context and generator
 *   object on every draw (no load is available on every path into the loop, so nothing is reused).
 *   Read into a local, the load and the map check go; TurboFan still checks the closure per call.
 * - The receiver j = ⌊u·(n − 1)⌋, moved past i, is computed without a branch: `| 0` is ⌊·⌋ for
 *   0 ≤ u·(n − 1) < 2³¹, and (i − j − 1) >>> 31 is 1 exactly when j ≥ i. Written `if (j >= i) j++`,
 *   the branch is taken with probability (n − i)/n, a coin flip in the middle of the population, and
 *   its mispredictions cost about a third of the step. Same draws, same receivers, same results.
 */
export function boltzmannExchange(ledger: Ledger, money: Book, unit: number, stream: RandomStream): void {
  const wealth = money.values;
  const n = wealth.length;
  if (n > MAX_INDEXED) {
    boltzmannExchangeHuge(ledger, money, unit, stream);
    return;
  }
  const others = n - 1;
  const next = stream.next;
  for (let i = 0; i < n; i++) {
    if (wealth[i] < unit) continue;
    const j = (next() * others) | 0; // a uniform draw among the others, otherThan(i, n, stream) written out
    ledger.transferWithin(money, i, j + ((i - j - 1) >>> 31), unit);
  }
}

/** The same game for populations beyond int32 indices (plain arithmetic). */
function boltzmannExchangeHuge(ledger: Ledger, money: Book, unit: number, stream: RandomStream): void {
  const wealth = money.values;
  const n = wealth.length;
  for (let i = 0; i < n; i++) {
    if (wealth[i] < unit) continue;
    ledger.transferWithin(money, i, otherThan(i, n, stream), unit);
  }
}

/** Stake of a yard-sale trade: a fraction of the poorer party's wealth (Chakraborti 2002; Hayes 2002). */
export function yardSaleStake(stakeFraction: number, wealthA: number, wealthB: number): number {
  return stakeFraction * Math.max(0, Math.min(wealthA, wealthB));
}

/**
 * Probability that party A wins a yard-sale trade. A fair coin, biased toward the richer party by the
 * wealth-attained advantage ζ (Boghosian et al. 2017, "Oligarchy as a phase transition"):
 *   P(A wins) = ½·(1 + clamp(ζ·(w_A − w_B) / (f·W̄), −1, 1)),
 * scaled by the stake fraction f so that the expected drift per trade is ζ·min(w_A, w_B)·(w_A − w_B)/W̄,
 * as in the model's Fokker–Planck limit.
 */
export function yardSaleWinProbability(zeta: number, stakeFraction: number, wealthA: number, wealthB: number, meanWealth: number): number {
  if (zeta === 0 || stakeFraction === 0 || meanWealth <= 0) return 0.5;
  const bias = (zeta * (wealthA - wealthB)) / (stakeFraction * meanWealth);
  return 0.5 * (1 + Math.max(-1, Math.min(1, bias)));
}

/**
 * Yard-sale market: `tradesPerMonth` rounds in which every household, in turn, meets a household drawn
 * at random and the pair stake `yardSaleStake` on a coin that A wins with `yardSaleWinProbability`.
 * Each trade is a wager paid through the ledger. Mean wealth is conserved, so it is computed once.
 */
export function yardSaleExchange(
  ledger: Ledger,
  money: Book,
  stakeFraction: number,
  zeta: number,
  tradesPerMonth: number,
  stream: RandomStream,
): void {
  const wealth = money.values;
  const n = wealth.length;
  const meanWealth = accurateSum(wealth) / n;
  for (let round = 0; round < tradesPerMonth; round++) {
    for (let a = 0; a < n; a++) {
      const b = otherThan(a, n, stream);
      const stake = yardSaleStake(stakeFraction, wealth[a], wealth[b]);
      if (stake <= 0) {
        stream.next(); // keep one coin per meeting, so draws stay aligned across counterfactuals
        continue;
      }
      const aWins = stream.next() < yardSaleWinProbability(zeta, stakeFraction, wealth[a], wealth[b], meanWealth);
      if (aWins) ledger.transferWithin(money, b, a, stake);
      else ledger.transferWithin(money, a, b, stake);
    }
  }
}

/**
 * Redistribution toward the mean (Boghosian et al. 2017): every household pays a flat tax χ·wᵢ to the
 * government, which pays the proceeds back in equal shares, so wᵢ → wᵢ + χ·(W̄ − wᵢ).
 * Both legs go through the ledger; the government ends the month with what rounding leaves (nothing).
 */
export function redistributeTowardMean(ledger: Ledger, money: Book, treasury: Book, chi: number): void {
  if (chi === 0) return;
  const wealth = money.values;
  const n = wealth.length;
  for (let i = 0; i < n; i++) {
    const tax = chi * wealth[i];
    if (tax !== 0) ledger.transfer(money, i, treasury, 0, tax, Flow.taxes);
  }
  const share = treasury.values[0] / n;
  for (let i = 0; i < n; i++) ledger.transfer(treasury, 0, money, i, share, Flow.redistribution);
}
