/**
 * Phase 3 of the month: production plans and the labour market. Wages per unit of skill follow expected
 * inflation, productivity and labour-market tightness (with less bargaining power at SMEs); firms set the
 * labour they want; jobs end (separations, downsizing); the unemployed are matched to vacancies by an
 * aggregate matching function; wages are paid, with the labour tax withheld.
 */
import { EmployerKind, labourTaxFactored } from '../../agents/households.js';
import { automatedWageBargaining } from '../../agents/largeFirms.js';
import type { EconomyWorld } from '../economyWorld.js';
import { Flow, type Book } from '../ledger.js';
import { Regime } from '../regimes.js';
import { fillUniforms } from '../rng.js';

/**
 * Nominal wage growth per year: expected inflation + productivity growth + φ·ln(θ/θ₀), θ = vacancies /
 * unemployed, the log gap bounded to [−1, 1.5] (a wage curve in labour-market tightness: Blanchflower &
 * Oswald 1994; Blanchard & Galí 2010; φ smaller where bargaining power is weaker), never below zero.
 */
export function wageGrowth(expectedInflation: number, productivityGrowth: number, bargaining: number, tightness: number, normalTightness: number): number {
  const gap = Math.max(-1, Math.min(1.5, Math.log(Math.max(1e-9, tightness) / normalTightness)));
  // Downward nominal wage rigidity: wages per unit of skill do not fall (Akerlof, Dickens & Perry 1996).
  return Math.max(0, expectedInflation + productivityGrowth + bargaining * gap);
}

/**
 * Share of its wanted hires a firm posts as vacancies: 1 − freeze·uncertainty. Under uncertainty the option
 * to wait is worth more than a hire, so firms hold hiring back while separations go on (Bloom 2009).
 */
export function postedVacancyShare(freeze: number, uncertainty: number): number {
  return 1 - freeze * Math.max(0, Math.min(1, uncertainty));
}

/**
 * Firms' uncertainty this month: 1 in a panic, otherwise last month's decayed with the given half-life in
 * months (a geometric decay; in Bloom 2009 uncertainty shocks fade within a few months).
 */
export function hiringUncertainty(previous: number, inPanic: boolean, halfLifeMonths: number): number {
  return inPanic ? 1 : previous * Math.pow(0.5, 1 / halfLifeMonths);
}

/** Hires per month from a Cobb–Douglas matching function: H = min(U, V, μ·√(U·V)) (Petrongolo & Pissarides 2001). */
export function matches(unemployed: number, vacancies: number, efficiency: number): number {
  return Math.max(0, Math.min(unemployed, vacancies, efficiency * Math.sqrt(unemployed * vacancies)));
}

/** Wages and productivity move for the month. */
export function updateWagesAndProductivity(world: EconomyWorld): void {
  const { market, smes, large, scenario } = world;
  const sme = scenario.sme;
  const lf = scenario.large;
  // Wages follow the economy's productivity, not each sector's: one labour market (Baumol 1967). Where
  // productivity grows faster (large firms), unit costs and relative prices fall.
  const smeShare = scenario.start.sme_employment_share;
  const productivity = smeShare * sme.productivity_growth + (1 - smeShare) * lf.productivity_growth;
  market.smeWage *= 1 + wageGrowth(market.expectedInflation, productivity, sme.wage_bargaining, market.tightness, market.normalTightness) / 12;
  market.largeWage *= 1 + wageGrowth(market.expectedInflation, productivity, automatedWageBargaining(lf.wage_bargaining, lf.automation), market.tightness, market.normalTightness) / 12;
  const smeGrowth = Math.pow(1 + sme.productivity_growth, 1 / 12);
  scaleInPlace(smes.productivity, smeGrowth, smes.count);
  const largeGrowth = Math.pow(1 + lf.productivity_growth, 1 / 12);
  scaleInPlace(large.productivity, largeGrowth, large.count);
}

/*
 * The firms' loops of `updateWagesAndProductivity` and `labourMarket` are functions of their own. Written in
 * the once-a-month function, the first loop's code compiled on stack met the code after it, never run when
 * it was compiled (V8: insufficient type feedback), deoptimised, and was entered and deoptimised again month
 * after month (~4 times a month in `labourMarket`, the rest of it interpreted: months of 7-14 ms, not ~4.8).
 */

/** v[k] *= factor for k < n. */
function scaleInPlace(v: Float64Array, factor: number, n: number): void {
  for (let k = 0; k < n; k++) v[k] *= factor;
}

/** out[k] = numerator[k] / denominator[k] for k < n. */
function quotients(out: Float64Array, numerator: Float64Array, denominator: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) out[k] = numerator[k] / denominator[k];
}

/** Each firm's downsizing probability (`downsizingProbability`), for firms k < n, at out[offset + k]. */
function downsizingProbabilities(out: Float64Array, offset: number, labour: Float64Array, desired: Float64Array, maximum: number, n: number): void {
  for (let k = 0; k < n; k++) out[offset + k] = downsizingProbability(labour[k], desired[k], maximum);
}

/** Each firm's posted vacancies, for firms k < n, added in firm order to `labourSums[0]`. */
function postedVacancies(out: Float64Array, desired: Float64Array, labour: Float64Array, posted: number, n: number): void {
  const sums = labourSums;
  for (let k = 0; k < n; k++) {
    out[k] = posted * Math.max(0, desired[k] - labour[k]);
    sums[0] += out[k];
  }
}

/**
 * The running sums of `postedVacancies` (added as it goes, in a typed array: no boxed double) and of
 * `leaversOf` (the unemployed's skill, carried over the chunks).
 */
const labourSums = new Float64Array(2);

/**
 * Jobs end and begin. Each employed household separates with the separation rate, or when its employer
 * is downsizing with probability (L − L*)/L; then each unemployed household is hired with probability
 * H/U, by a firm drawn in proportion to its vacancies.
 */
export function labourMarket(world: EconomyWorld): void {
  const { households: h, smes, large, scratch, streams } = world;
  const rng = streams.labour;
  const p = world.scenario.household;
  // Large firms' labour plans (SMEs' were set in the credit phase).
  quotients(large.desiredLabour, large.expectedSales, large.productivity, large.count);
  // Downsizing probabilities (per worker) from the current labour force, in one table: 0 at entry 0 (for
  // the unemployed), then the SMEs', then the large firms'.
  const smeCount = smes.count;
  const fire = fireTable(1 + smeCount + large.count);
  fire[0] = 0;
  downsizingProbabilities(fire, 1, smes.labour, smes.desiredLabour, 0.2, smeCount);
  downsizingProbabilities(fire, 1 + smeCount, large.labour, large.desiredLabour, 0.1, large.count);
  fireOffsetByKind[EmployerKind.none] = 0;
  fireOffsetByKind[EmployerKind.sme] = 1;
  fireOffsetByKind[EmployerKind.large] = 1 + smeCount;
  // Separations; in the same pass, the skill of everyone then unemployed (summed in household order).
  const n = h.count;
  const employerKind = h.employerKind;
  const employer = h.employer;
  const skills = h.skill;
  const smeLabour = smes.labour;
  const largeLabour = large.labour;
  const separationRate = p.separation_rate;
  const draws = labourDraws;
  const movers = labourMovers;
  labourSums[1] = 0;
  for (let start = 0; start < n; start += LABOUR_CHUNK) {
    const end = Math.min(n, start + LABOUR_CHUNK);
    fillUniforms(rng, draws, 0, end - start);
    const leaving = leaversOf(start, end, draws, employerKind, employer, skills, fire, separationRate, movers);
    separate(leaving, movers, employerKind, employer, skills, smeLabour, largeLabour);
  }
  const unemployedSkill = labourSums[1];
  // Vacancies: the wanted hires, less what firms hold back while uncertain after a panic.
  const market = world.market;
  // (Not in the burn-in, whose policy is held fixed: a scenario that opens in panic starts its uncertainty at month 1.)
  market.hiringUncertainty = world.recording ? hiringUncertainty(market.hiringUncertainty, market.regime === Regime.panic, p.hiring_freeze_half_life) : 0;
  const posted = postedVacancyShare(p.hiring_freeze, market.hiringUncertainty);
  const smeVacancies = scratch.smeVacancies;
  const largeVacancies = scratch.largeVacancies;
  labourSums[0] = 0;
  postedVacancies(smeVacancies, smes.desiredLabour, smes.labour, posted, smes.count);
  const smeVacancyTotal = labourSums[0];
  postedVacancies(largeVacancies, large.desiredLabour, large.labour, posted, large.count);
  const vacancies = labourSums[0];
  const hires = matches(unemployedSkill, vacancies, market.matchingEfficiency);
  const hireProbability = unemployedSkill > 0 ? hires / unemployedSkill : 0;
  world.month_.vacancies = vacancies;
  market.tightness = unemployedSkill > 0 ? vacancies / unemployedSkill : market.normalTightness;
  // Hiring: a firm drawn in proportion to its vacancies at the start of the round (binary search on the
  // cumulative vacancies; a firm may take one more hire than it posted, and sheds it next month).
  const smeCdf = cumulative(smeVacancies, scratch.smeCdf);
  const largeCdf = cumulative(largeVacancies, scratch.largeCdf);
  for (let start = 0; start < n; start += LABOUR_CHUNK) {
    const end = Math.min(n, start + LABOUR_CHUNK);
    fillUniforms(rng, draws, 0, end - start);
    const hiredCount = hiredOf(start, end, draws, employerKind, hireProbability, movers);
    hire(hiredCount, movers, start, draws, employerKind, employer, skills, smeLabour, largeLabour, smeCdf, largeCdf, vacancies, smeVacancyTotal, hireProbability);
  }
}

/*
 * Separations and hiring take one draw per household, employed or not: a household's draw does not depend
 * on others' states, so two counterfactual runs draw the same number for the same household (common random
 * numbers). The draws are made a chunk of households at a time (`fillUniforms`: the numbers, in order, of
 * as many `rng.next()` calls), and each chunk's movers are listed without a branch on the household's state
 * (k += whether it moves) before they move, in household order. Whether a household is employed, and by an
 * SME or a large firm, is as good as random from one household to the next: a branch on it was mispredicted
 * for a large share of households, while few move in a month.
 */

/** Households per chunk of the labour passes. */
const LABOUR_CHUNK = 4096;

/** A chunk's draws (`labourDraws[i − start]` is household i's) and its movers' indices, in household order. */
const labourDraws = new Float64Array(LABOUR_CHUNK);
const labourMovers = new Int32Array(LABOUR_CHUNK);

/** Where each employer kind's downsizing probabilities start in the table `fireTable` returns (entry 0 is 0). */
const fireOffsetByKind = new Int32Array(3);

/** The downsizing table, at least `length` long (grown, never shrunk: made anew only when firms outgrow it). */
let fireByPlace = new Float64Array(0);
function fireTable(length: number): Float64Array {
  if (fireByPlace.length < length) fireByPlace = new Float64Array(length);
  return fireByPlace;
}

/**
 * Lists in `leavers` the employed households of start…end − 1 whose draw is below the separation rate plus
 * their employer's downsizing probability (`fire`, entry fireOffsetByKind[kind] + employer; an unemployed
 * household reads entry 0 and is not listed), and adds to `labourSums[1]` the skill of everyone unemployed
 * after the separations, in household order (times 0 for those still employed: +0, which leaves the sum as
 * it is, as it never is −0). Returns how many are listed.
 */
function leaversOf(
  start: number,
  end: number,
  draws: Float64Array,
  employerKind: Uint8Array,
  employer: Int32Array,
  skills: Float64Array,
  fire: Float64Array,
  separationRate: number,
  leavers: Int32Array,
): number {
  const offsets = fireOffsetByKind;
  let unemployedSkill = labourSums[1];
  let k = 0;
  for (let i = start; i < end; i++) {
    const kind = employerKind[i];
    const employed = (kind + 1) >> 1; // 0 for EmployerKind.none, 1 for sme and large
    const place = (offsets[kind] + employer[i]) & -employed;
    const leaves = employed & Number(draws[i - start] < separationRate + fire[place]);
    leavers[k] = i;
    k += leaves;
    unemployedSkill += skills[i] * ((employed ^ 1) | leaves);
  }
  labourSums[1] = unemployedSkill;
  return k;
}

/** The listed households leave their employers (whose labour loses their skill) and are unemployed. */
function separate(count: number, leavers: Int32Array, employerKind: Uint8Array, employer: Int32Array, skills: Float64Array, smeLabour: Float64Array, largeLabour: Float64Array): void {
  for (let m = 0; m < count; m++) {
    const i = leavers[m];
    const e = employer[i];
    if (employerKind[i] === EmployerKind.sme) smeLabour[e] -= skills[i];
    else largeLabour[e] -= skills[i];
    employerKind[i] = EmployerKind.none;
    employer[i] = -1;
  }
}

/**
 * Lists in `hired` the unemployed households of start…end − 1 whose draw is not at or above the hire
 * probability (written so, not as draw < p, to be the same test for every number). Returns how many.
 */
function hiredOf(start: number, end: number, draws: Float64Array, employerKind: Uint8Array, hireProbability: number, hired: Int32Array): number {
  let k = 0;
  for (let i = start; i < end; i++) {
    hired[k] = i;
    k += Number(employerKind[i] === EmployerKind.none) & Number(!(draws[i - start] >= hireProbability));
  }
  return k;
}

/**
 * The listed households are hired, in household order: a hire's draw, uniform below the hire probability,
 * rescaled to [0, 1) picks where, a firm drawn in proportion to its vacancies (`draws[i − start]` is
 * household i's).
 */
function hire(
  count: number,
  hired: Int32Array,
  start: number,
  draws: Float64Array,
  employerKind: Uint8Array,
  employer: Int32Array,
  skills: Float64Array,
  smeLabour: Float64Array,
  largeLabour: Float64Array,
  smeCdf: Float64Array,
  largeCdf: Float64Array,
  vacancies: number,
  smeVacancyTotal: number,
  hireProbability: number,
): void {
  for (let m = 0; m < count; m++) {
    const i = hired[m];
    const where = (draws[i - start] / hireProbability) * vacancies;
    const skill = skills[i];
    if (where < smeVacancyTotal) {
      const j = searchCumulative(smeCdf, where);
      employerKind[i] = EmployerKind.sme;
      employer[i] = j;
      smeLabour[j] += skill;
    } else {
      const f = searchCumulative(largeCdf, where - smeVacancyTotal);
      employerKind[i] = EmployerKind.large;
      employer[i] = f;
      largeLabour[f] += skill;
    }
  }
}

/** Slack a firm tolerates before it lets workers go (labour hoarding: Oi 1962). */
export const LABOUR_SLACK = 0.05;

/**
 * Probability that each worker of a firm is let go: the excess of labour over the plan beyond the slack,
 * as a share of the labour force, at most `maximum` a month.
 */
export function downsizingProbability(labour: number, desired: number, maximum: number): number {
  if (labour <= 0) return 0;
  return Math.max(0, Math.min(maximum, (labour - desired * (1 + LABOUR_SLACK)) / labour));
}

/** Running sums of `weights` into `out`. */
function cumulative(weights: Float64Array, out: Float64Array): Float64Array {
  let running = 0;
  for (let k = 0; k < weights.length; k++) {
    running += weights[k];
    out[k] = running;
  }
  return out;
}

/** First index whose cumulative weight exceeds `point` (the last one if rounding runs over). */
function searchCumulative(cdf: Float64Array, point: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > point) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Wages paid by employers, with the labour tax withheld and paid to the government. */
export function payWages(world: EconomyWorld): void {
  const { households: h, smes, large, government, ledger, market } = world;
  const taxLevel = government.labourTaxLevel;
  const progressivity = world.scenario.government.labour_tax_progressivity;
  smes.wageBill.fill(0);
  large.wageBill.fill(0);
  // Mean wage for the tax schedule: the mean over employed households of wage per skill × skill.
  wageSums.fill(0);
  wageRateByKind[EmployerKind.sme] = market.smeWage;
  wageRateByKind[EmployerKind.large] = market.largeWage;
  for (let start = 0; start < h.count; start += CHUNK) wagesOf(start, Math.min(h.count, start + CHUNK), h.employerKind, h.skill, h.wage, h.lastWage);
  const wageSum = wageSums[0];
  const employed = wageSums[1];
  const smeEmployed = wageSums[2];
  const meanWage = employed > 0 ? wageSum / employed : 0;
  // λ·ȳ^τ·W^(1−τ) per employer kind: the tax is wage − that × skill^(1−τ) (labourTax, factored).
  const meanPower = taxLevel * Math.pow(meanWage, progressivity);
  const smeScale = meanPower * Math.pow(market.smeWage, 1 - progressivity);
  const largeScale = meanPower * Math.pow(market.largeWage, 1 - progressivity);
  taxScaleByKind[EmployerKind.sme] = smeScale;
  taxScaleByKind[EmployerKind.large] = largeScale;
  // Chunk by chunk, the taxes (arithmetic only), then the chunk's payments through the ledger while its
  // wages and taxes are still in cache: in household order, as one pass of each would be (the two touch
  // different numbers — wage bills and incomes; deposits, banks and the flow record).
  const taxes = world.scratch.householdAmounts;
  const wages = h.wage;
  const employer = h.employer;
  const employerKind = h.employerKind;
  const skillTaxPower = h.skillTaxPower;
  const smeWageBill = smes.wageBill;
  const largeWageBill = large.wageBill;
  const income = h.income;
  const disposable = h.disposableIncome;
  const employers = employerBooks(smes.deposits, large.deposits);
  wageSums[3] = 0;
  for (let start = 0; start < h.count; start += CHUNK) {
    const end = Math.min(h.count, start + CHUNK);
    taxesOf(start, end, wages, employer, employerKind, skillTaxPower, smeWageBill, largeWageBill, taxes, income, disposable);
    ledger.payWithWithholding(employers, employerKind, employer, h.deposits, wages, Flow.wages, taxes, government.account, Flow.taxes, start, end);
  }
  const labourTaxes = wageSums[3];
  world.month_.wages = wageSum;
  world.month_.employed = employed;
  world.month_.smeEmployed = smeEmployed;
  world.month_.unemployed = h.count - employed;
  government.revenue += labourTaxes;
}

/**
 * The sums of `wagesOf` (the wage bill, employed households, those at SMEs) and of `taxesOf` (the labour
 * taxes), added as they go, in household order.
 */
const wageSums = new Float64Array(4);

/**
 * Per EmployerKind (none, sme, large): the wage per unit of skill, for `wagesOf`, and the factored tax's
 * scale, for `taxesOf`. Read by kind rather than chosen by a branch: a household's employer kind is as good
 * as random from one household to the next, and the processor mispredicted that branch about half the time.
 */
const wageRateByKind = new Float64Array(3);
const taxScaleByKind = new Float64Array(3);

/**
 * Households per call of the wage passes: called many times a month, they are compiled whole rather than on
 * stack (once a month with one long loop, the code compiled on stack boxed every household's numbers).
 */
const CHUNK = 4096;

/**
 * Each household's wage (0 when unemployed, and its last wage otherwise), for households start…end − 1: the
 * first loop of `payWages`. Adds the wage bill and the employed to `wageSums` (the count at SMEs adds 1 for
 * an SME's worker and 0 for a large firm's: the same count, without a branch on the kind).
 */
function wagesOf(start: number, end: number, employerKind: Uint8Array, skill: Float64Array, wage: Float64Array, lastWage: Float64Array): void {
  // The sums are added into `wageSums`, never carried in local variables across the loop: code compiled on
  // stack (V8's OSR, which keeps running these passes) would keep such doubles as allocated numbers.
  const sums = wageSums;
  const rates = wageRateByKind;
  for (let i = start; i < end; i++) {
    const kind = employerKind[i];
    if (kind === EmployerKind.none) {
      wage[i] = 0;
      continue;
    }
    const w = rates[kind] * skill[i];
    wage[i] = w;
    lastWage[i] = w;
    sums[0] += w;
    sums[1]++;
    sums[2] += kind & EmployerKind.sme;
  }
}

/**
 * Each employed household's labour tax and incomes, and the employers' wage bills, for households
 * start…end − 1: the second loop of `payWages`. Adds the taxes to `wageSums[3]`.
 *
 * Without a branch on the employer's kind: the wage goes to both wage bills, times 1 for the employer's
 * kind and times 0 for the other (at entry 0 of the other's bills). Adding +0 leaves a number unchanged bit
 * for bit unless it is −0, and a wage bill never is: it starts at +0 each month and only wages (> 0) and +0
 * are added to it.
 */
function taxesOf(
  start: number,
  end: number,
  wages: Float64Array,
  employer: Int32Array,
  employerKind: Uint8Array,
  skillTaxPower: Float64Array,
  smeWageBill: Float64Array,
  largeWageBill: Float64Array,
  taxes: Float64Array,
  income: Float64Array,
  disposable: Float64Array,
): void {
  const sums = wageSums;
  const scales = taxScaleByKind;
  for (let i = start; i < end; i++) {
    const wage = wages[i];
    if (wage === 0) continue;
    const e = employer[i];
    const kind = employerKind[i];
    const atSme = kind & EmployerKind.sme;
    const atLarge = kind >> 1;
    smeWageBill[e * atSme] += wage * atSme;
    largeWageBill[e * atLarge] += wage * atLarge;
    const tax = labourTaxFactored(wage, scales[kind], skillTaxPower[i]);
    taxes[i] = tax;
    sums[3] += tax;
    income[i] += wage;
    disposable[i] += wage - tax;
  }
}

/** Employers' deposit books by EmployerKind (none, sme, large), made once. */
let employerBookList: Book[] = [];
function employerBooks(smeDeposits: Book, largeDeposits: Book): readonly Book[] {
  if (employerBookList[1] !== smeDeposits || employerBookList[2] !== largeDeposits) employerBookList = [largeDeposits, smeDeposits, largeDeposits];
  return employerBookList;
}

/** Firms whose deposits went below zero draw on their bank's credit line: the overdraft becomes a loan. */
export function coverOverdrafts(world: EconomyWorld): void {
  const { smes, large, households: h, banks, ledger } = world;
  for (let j = 0; j < smes.count; j++) {
    const d = smes.deposits.values[j];
    if (d < 0) ledger.lend(banks.loans, smes.bank[j], smes.loans, j, smes.deposits, -d);
  }
  for (let f = 0; f < large.count; f++) {
    const d = large.deposits.values[f];
    if (d < 0) ledger.lend(banks.loans, large.bank[f], large.loans, f, large.deposits, -d);
  }
  // Households: few are overdrawn; a scan of its own finds each (a loan moves only the borrower's deposits).
  const n = h.count;
  for (let i = nextNegative(h.deposits.values, 0, n); i < n; i = nextNegative(h.deposits.values, i + 1, n)) {
    ledger.lend(banks.loans, h.bank[i], h.loans, i, h.deposits, -h.deposits.values[i]);
  }
}

/** The first k in start…n − 1 with values[k] < 0, or n. */
function nextNegative(values: Float64Array, start: number, n: number): number {
  for (let k = start; k < n; k++) if (values[k] < 0) return k;
  return n;
}
