/**
 * Households: the population, as struct-of-arrays (one typed array per field, allocated once).
 *
 * Each agent stands for `weight` US households (132 million / count); money amounts are the agent's
 * total, in billions of model dollars per month for flows. Holdings are ledger books (sim/ledger.ts):
 * this module reads them and owns the households' decisions, never moving money itself.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

/** US households represented by the whole population (Census 2024: ~132 million). */
export const US_HOUSEHOLDS = 132e6;

/** Employer kinds. */
export const EmployerKind = { none: 0, sme: 1, large: 2 } as const;

/** The population in the exchange lessons: money only. */
export interface Households {
  readonly count: number;
  /** US households each agent stands for. */
  readonly weight: number;
  /** Central-bank money (notes) held, in money units. */
  readonly currency: Book;
}

/** Allocate a population of `count` households with empty books. */
export function createHouseholds(ledger: Ledger, count: number): Households {
  return {
    count,
    weight: US_HOUSEHOLDS / count,
    currency: ledger.open('households.currency', Instrument.currency, Sector.households, 'asset', count),
  };
}

/** Funds whose units households hold: the passive index fund, the three sector pools of direct holdings, the gold and bitcoin trusts. */
export const FUND_COUNT = 6;

/** The population in the economy model. */
export interface EconomyHouseholds extends Households {
  /** Relative productivity (lognormal, mean 1): wage = employer's wage per unit of skill × skill. */
  readonly skill: Float64Array;
  /** EmployerKind of each household's job. */
  readonly employerKind: Uint8Array;
  /** Index of the employer among SMEs or large firms (−1 when unemployed). */
  readonly employer: Int32Array;
  /** The household's bank (deposits and loans). */
  readonly bank: Int32Array;
  /** Bank deposits, billions. */
  readonly deposits: Book;
  /** Treasury bills (face), billions. */
  readonly bills: Book;
  /** Treasury bonds (face), billions; valued at the bond price. */
  readonly bonds: Book;
  /** Large-firm bonds (par), billions. */
  readonly corporateBonds: Book;
  /** Units of each fund (passive index, growth, defensive, real assets pools, gold and bitcoin trusts), valued at net asset value. */
  readonly fundUnits: readonly Book[];
  /** Housing, valued at the house-price index. */
  readonly housing: Book;
  /** Bank loans owed (mortgages, consumer credit), billions. */
  readonly loans: Book;
  /** Gross wage this month (0 when unemployed), billions. */
  readonly wage: Float64Array;
  /** Wage of the last job (for unemployment benefits), billions per month. */
  readonly lastWage: Float64Array;
  /** Gross money income this month: wages + transfers + interest + dividends (Census money income, before tax). */
  readonly income: Float64Array;
  /** Disposable income this month: money income − taxes − interest paid on loans. */
  readonly disposableIncome: Float64Array;
  /** Expected monthly disposable income (adaptive). */
  readonly expectedIncome: Float64Array;
  /** Target loan in years of wage (0 for households without a loan). */
  readonly loanToIncome: Float64Array;
  /** Net worth this month (filled for the distribution statistics). */
  readonly netWorth: Float64Array;
  /** skill^(1 − τ), the household's factor in the progressive labour tax (set once skill is drawn). */
  readonly skillTaxPower: Float64Array;
  /** skill^ε, the household's factor in its retirement contribution rate (set once skill is drawn). */
  readonly contributionPower: Float64Array;
  /** Risky assets the household takes part in, one bit each (sector pools 0–2, gold 3, bitcoin 4). */
  readonly participation: Uint8Array;
}

export function createEconomyHouseholds(
  ledger: Ledger,
  count: number,
  prices: { bonds: Float64Array; funds: readonly Float64Array[]; housing: Float64Array },
): EconomyHouseholds {
  const bank = new Int32Array(count);
  const open = (name: string, instrument: Instrument, side: 'asset' | 'liability', options = {}) =>
    ledger.open(`households.${name}`, instrument, Sector.households, side, count, options);
  return {
    ...createHouseholds(ledger, count),
    skill: new Float64Array(count),
    employerKind: new Uint8Array(count),
    employer: new Int32Array(count).fill(-1),
    bank,
    deposits: open('deposits', Instrument.deposits, 'asset', { money: 'deposit', issuerOf: bank }),
    bills: open('bills', Instrument.bills, 'asset'),
    bonds: open('bonds', Instrument.bonds, 'asset', { price: prices.bonds }),
    corporateBonds: open('corporateBonds', Instrument.corporateBonds, 'asset'),
    fundUnits: prices.funds.map((price, k) => open(`fundUnits[${k}]`, Instrument.fundUnits, 'asset', { price })),
    housing: open('housing', Instrument.capital, 'asset', { price: prices.housing }),
    loans: open('loans', Instrument.loans, 'liability', { issuerOf: bank }),
    wage: new Float64Array(count),
    lastWage: new Float64Array(count),
    income: new Float64Array(count),
    disposableIncome: new Float64Array(count),
    expectedIncome: new Float64Array(count),
    loanToIncome: new Float64Array(count),
    netWorth: new Float64Array(count),
    skillTaxPower: new Float64Array(count),
    contributionPower: new Float64Array(count),
    participation: new Uint8Array(count),
  };
}

/**
 * Households per chunk of `economyNetWorth`: its two loops take turns over this many households, so that the
 * second reads back, from the first-level or second-level cache, the sums the first just wrote.
 */
const NET_WORTH_CHUNK = 4096;

/**
 * Net worth of each household in the economy: deposits, notes, bills, bonds and corporate bonds, fund
 * units and housing at current prices, less loans; plus the book value of the SME it owns (`smeEquity`,
 * the owner's claim on the firm, added by the caller).
 */
export function economyNetWorth(h: EconomyHouseholds, out: Float64Array): Float64Array {
  const bondPrice = h.bonds.price[0];
  const housePrice = h.housing.price[0];
  const deposits = h.deposits.values;
  const currency = h.currency.values;
  const bills = h.bills.values;
  const bonds = h.bonds.values;
  const corporate = h.corporateBonds.values;
  const housing = h.housing.values;
  const loans = h.loans.values;
  const funds = h.fundUnits;
  // The model's six funds (FUND_COUNT), written out in the chunks' second loop (the same additions, in fund order).
  if (funds.length !== 6) throw new Error(`economyNetWorth: written out for the model's 6 funds (FUND_COUNT ${FUND_COUNT}), found ${funds.length}`);
  // Chunk by chunk (NET_WORTH_CHUNK): the holdings less loans of each household of the chunk, then its six
  // funds added to them. The same additions in the same order as one loop over all fourteen arrays (the sum
  // is stored as a double between the two and read back unchanged), but each loop has seven or eight arrays
  // to keep at hand, which fit the processor's registers, where one loop over fifteen (the likely reason)
  // ran slower: 1.8 against 1.5 CPU ms a month at 200,000 households.
  const n = h.count;
  for (let start = 0; start < n; start += NET_WORTH_CHUNK) {
    const end = Math.min(n, start + NET_WORTH_CHUNK);
    holdingsLessLoansChunk(out, start, end, deposits, currency, bills, bonds, corporate, housing, loans, bondPrice, housePrice);
    addSixFundsChunk(
      out, start, end, funds[0].values, funds[1].values, funds[2].values, funds[3].values, funds[4].values, funds[5].values,
      funds[0].price[0], funds[1].price[0], funds[2].price[0], funds[3].price[0], funds[4].price[0], funds[5].price[0],
    );
  }
  return out;
}

/** Households start…end − 1: deposits, currency, bills, bonds and corporate bonds, and housing at current prices, less loans. */
function holdingsLessLoansChunk(
  out: Float64Array,
  start: number,
  end: number,
  deposits: Float64Array,
  currency: Float64Array,
  bills: Float64Array,
  bonds: Float64Array,
  corporate: Float64Array,
  housing: Float64Array,
  loans: Float64Array,
  bondPrice: number,
  housePrice: number,
): void {
  for (let i = start; i < end; i++) {
    out[i] = deposits[i] + currency[i] + bills[i] + bonds[i] * bondPrice + corporate[i] + housing[i] * housePrice - loans[i];
  }
}

/** Households start…end − 1: the six funds' units at their net asset values added to `out`, in fund order. */
function addSixFundsChunk(
  out: Float64Array,
  start: number,
  end: number,
  units0: Float64Array,
  units1: Float64Array,
  units2: Float64Array,
  units3: Float64Array,
  units4: Float64Array,
  units5: Float64Array,
  nav0: number,
  nav1: number,
  nav2: number,
  nav3: number,
  nav4: number,
  nav5: number,
): void {
  for (let i = start; i < end; i++) {
    let worth = out[i];
    worth += nav0 * units0[i];
    worth += nav1 * units1[i];
    worth += nav2 * units2[i];
    worth += nav3 * units3[i];
    worth += nav4 * units4[i];
    worth += nav5 * units5[i];
    out[i] = worth;
  }
}

/**
 * Propensity to consume out of expected disposable income, falling with wealth (Carroll 1997's buffer
 * stock; Kaplan & Violante 2014 on high MPCs of households with little liquid wealth):
 *   mpc = mpc_high + (mpc_low − mpc_high) / (1 + wealth / (scale · annual income)).
 */
export function propensityToConsume(mpcLow: number, mpcHigh: number, scaleYears: number, wealth: number, meanAnnualIncome: number): number {
  const relative = Math.max(0, wealth) / (scaleYears * meanAnnualIncome);
  return mpcHigh + (mpcLow - mpcHigh) / (1 + relative);
}

/**
 * Desired consumption this month: C = mpc · E[YD] + α_w/12 · max(0, net financial wealth), capped by the
 * deposits at hand (Godley & Lavoie 2007, ch. 3: consumption out of expected disposable income and
 * wealth).
 */
export function desiredConsumption(mpc: number, expectedIncome: number, wealthEffectPerYear: number, financialWealth: number, depositsAtHand: number): number {
  const wanted = mpc * Math.max(0, expectedIncome) + (wealthEffectPerYear / 12) * Math.max(0, financialWealth);
  return Math.max(0, Math.min(wanted, depositsAtHand));
}

/**
 * The wealth the wealth effect acts on, saturating for the wealthy: W / (1 + W / (S·ȳ)), ȳ mean annual
 * income. Households with wealth far above S years of mean income consume a smaller share of it — saving
 * rates rise with wealth (Dynan, Skinner & Zeldes 2004; Saez & Zucman 2016 on top savers) — so r > g
 * concentrates wealth (Piketty 2014).
 */
export function wealthEffectBase(financialWealth: number, saturationYears: number, meanAnnualIncome: number): number {
  const w = Math.max(0, financialWealth);
  return w / (1 + w / (saturationYears * meanAnnualIncome));
}

/**
 * A household's bank borrowing this month: > 0 a new loan, < 0 a repayment, 0 nothing. Its target loan is
 * `ratio` years of its wage, less the share of lending its bank's standards s (0 … 1) hold back, and none
 * without a job; it closes the share a (`adjustment`) of the gap each month — borrowing only with a job,
 * repaying out of at most half its deposits D and never more than it owes: a partial adjustment of debt
 * toward a norm of debt to income (the stock-flow norms of Godley & Lavoie 2007), the norm scaled down as
 * banks tighten standards (Lown & Morgan 2006: household lending falls as the Senior Loan Officer Survey's
 * standards tighten):
 *   L* = ratio · 12 · wage · (1 − s) (0 when not employed),
 *   ΔL = a · (L* − L)                            when L* > L and employed,
 *   ΔL = −min(a · (L − L*), max(0, D / 2), L)    when L* < L, if that repayment is > 0.
 * A household with no target (ratio 0) and no loan takes none.
 */
export function householdLoanChange(ratio: number, loans: number, deposits: number, employed: boolean, wage: number, standards: number, adjustment: number): number {
  const target = employed ? ratio * 12 * wage * (1 - standards) : 0;
  const gap = target - loans;
  if (gap > 0 && employed) return adjustment * gap;
  if (gap < 0) {
    const repayment = Math.min(-gap * adjustment, Math.max(0, deposits * 0.5), loans);
    if (repayment > 0) return -repayment;
  }
  return 0;
}

/** Adaptive expectations: E_t = E_{t−1} + λ·(x_t − E_{t−1}) (Cagan 1956; Nerlove 1958). */
export function adaptiveExpectation(previous: number, observed: number, weight: number): number {
  return previous + weight * (observed - previous);
}

/**
 * Labour income tax of the Heathcote–Storesletten–Violante (2017) form: after-tax income λ·y^(1−τ)·ȳ^τ,
 * so the tax is y − λ·y^(1−τ)·ȳ^τ; τ is the progressivity, λ sets the level.
 */
export function labourTax(wage: number, meanWage: number, level: number, progressivity: number): number {
  if (wage <= 0) return 0;
  return wage - level * Math.pow(wage, 1 - progressivity) * Math.pow(meanWage, progressivity);
}

/**
 * The same tax with the powers factored (the month loop's form): with wage = W·skill,
 * λ·y^(1−τ)·ȳ^τ = λ·ȳ^τ·W^(1−τ) · skill^(1−τ), and skill^(1−τ) computed once per household.
 */
export function labourTaxFactored(wage: number, scale: number, skillPower: number): number {
  return wage <= 0 ? 0 : wage - scale * skillPower;
}
