/**
 * Large firms, as struct-of-arrays, in three sectors: growth/AI-tech, defensive, real assets.
 * They produce with labour and capital; `automation` substitutes capital for labour (more output per
 * worker, more capital per unit of output); they price with market power (higher markups, rising with
 * capacity utilisation), invest toward a desired capital stock, borrow in bonds at the 10-year yield plus
 * a spread, and pay dividends out of after-tax profit to their shareholders (the funds).
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export const LargeSector = { growth: 0, defensive: 1, realAssets: 2 } as const;
export type LargeSector = (typeof LargeSector)[keyof typeof LargeSector];
export const LARGE_SECTOR_NAMES = ['growth', 'defensive', 'real_assets'] as const;

export interface LargeFirms {
  readonly count: number;
  readonly sector: Uint8Array;
  readonly bank: Int32Array;
  readonly deposits: Book;
  /** Real capital, valued at cost. */
  readonly capital: Book;
  /** Bonds issued (par), billions. */
  readonly bonds: Book;
  /** Shares outstanding; the book's per-entry prices are the share prices. */
  readonly shares: Book;
  /** Bank loans (an overdraft line when cash runs short between bond issues). */
  readonly loans: Book;
  /** Average coupon of the firm's bonds (per year). */
  readonly coupon: Float64Array;
  /** Base market share within the large-firm sector (size; sums to 1). */
  readonly size: Float64Array;
  /** Labour employed, in units of skill. */
  readonly labour: Float64Array;
  /** Output per unit of labour per month (real units), automation included. */
  readonly productivity: Float64Array;
  /** Capital (at month-0 prices) per unit of monthly output at normal utilisation. */
  readonly capitalPerOutput: Float64Array;
  readonly price: Float64Array;
  /** Price at month 0 (real output = nominal sales / this × price index ratio). */
  readonly basePrice: Float64Array;
  readonly expectedSales: Float64Array;
  /** Slow-moving trend of real sales: what capacity is planned for. */
  readonly trendSales: Float64Array;
  /** Real sales this month (consumption, government and investment goods). */
  readonly realSales: Float64Array;
  /** Nominal sales this month. */
  readonly sales: Float64Array;
  readonly wageBill: Float64Array;
  /** Profit before tax this month: sales − wages − interest − depreciation − taxes on production. */
  readonly profit: Float64Array;
  readonly dividends: Float64Array;
  readonly investment: Float64Array;
  /** Bonds issued this month (par). */
  readonly bondIssuance: Float64Array;
  readonly desiredLabour: Float64Array;
  /** After-tax profit this month. */
  readonly earnings: Float64Array;
  /** Buybacks planned this month (financed in the credit phase) and carried out (the asset-market phase). */
  readonly buybackPlan: Float64Array;
  readonly buybacks: Float64Array;
  /** 1 for members of the stock index the passive fund tracks (the largest firms by month-0 market value). */
  readonly inIndex: Uint8Array;
}

export function createLargeFirms(ledger: Ledger, count: number, sharePrices: Float64Array): LargeFirms {
  const bank = new Int32Array(count);
  return {
    count,
    sector: new Uint8Array(count),
    bank,
    deposits: ledger.open('largeFirms.deposits', Instrument.deposits, Sector.largeFirms, 'asset', count, { money: 'deposit', issuerOf: bank }),
    capital: ledger.open('largeFirms.capital', Instrument.capital, Sector.largeFirms, 'asset', count),
    bonds: ledger.open('largeFirms.bonds', Instrument.corporateBonds, Sector.largeFirms, 'liability', count),
    shares: ledger.open('largeFirms.shares', Instrument.equities, Sector.largeFirms, 'liability', count, { perEntryPrices: true, price: sharePrices }),
    loans: ledger.open('largeFirms.loans', Instrument.loans, Sector.largeFirms, 'liability', count, { issuerOf: bank }),
    coupon: new Float64Array(count),
    size: new Float64Array(count),
    labour: new Float64Array(count),
    productivity: new Float64Array(count),
    capitalPerOutput: new Float64Array(count),
    price: new Float64Array(count),
    basePrice: new Float64Array(count),
    expectedSales: new Float64Array(count),
    trendSales: new Float64Array(count),
    realSales: new Float64Array(count),
    sales: new Float64Array(count),
    wageBill: new Float64Array(count),
    profit: new Float64Array(count),
    dividends: new Float64Array(count),
    investment: new Float64Array(count),
    bondIssuance: new Float64Array(count),
    desiredLabour: new Float64Array(count),
    earnings: new Float64Array(count),
    buybackPlan: new Float64Array(count),
    buybacks: new Float64Array(count),
    inIndex: new Uint8Array(count),
  };
}

/**
 * Capital per unit of output under automation α, and how fast it wears out. The tasks taken from labour
 * need machines (Acemoglu & Restrepo 2018), and automation capital is mostly equipment and software, which
 * depreciate several times faster than the rest of the stock (BEA depreciation rates: own-account and custom
 * software 0.33 a year, computers 0.31; Fraumeni 1997): δ_A against δ₀. Automating a share α of the tasks
 * costs per unit of output what κ₀·α of ordinary capital would (its user cost per unit is kept), so
 *   κ_A = κ₀·α·u₀ / (u₀ − δ₀ + δ_A),  κ = κ₀ + κ_A,  δ = (κ₀·δ₀ + κ_A·δ_A) / κ,
 * with u₀ the normal user cost of ordinary capital (δ₀ + the normal financing cost). At given markups a
 * higher capital cost per unit leaves a smaller labour share of unit cost. A short-lived stock is also
 * less sensitive to interest rates: a change in the financing rate is a smaller part of its user cost
 * (Hall & Jorgenson 1967), so automation does not make the investment response to QE larger in proportion.
 */
export function automatedCapitalIntensity(baseCapitalOutput: number, automation: number, baseUserCost: number, baseDepreciation: number, automationDepreciation: number): number {
  return baseCapitalOutput * (1 + automationCapitalShare(automation, baseUserCost, baseDepreciation, automationDepreciation));
}

/** The composite depreciation rate of that stock: δ = (κ₀·δ₀ + κ_A·δ_A) / (κ₀ + κ_A). */
export function automatedDepreciation(automation: number, baseUserCost: number, baseDepreciation: number, automationDepreciation: number): number {
  const a = automationCapitalShare(automation, baseUserCost, baseDepreciation, automationDepreciation);
  return (baseDepreciation + a * automationDepreciation) / (1 + a);
}

/** Automation capital per unit of ordinary capital, κ_A / κ₀ = α·u₀ / (u₀ − δ₀ + δ_A). */
function automationCapitalShare(automation: number, baseUserCost: number, baseDepreciation: number, automationDepreciation: number): number {
  return (automation * baseUserCost) / (baseUserCost - baseDepreciation + automationDepreciation);
}

/**
 * Target price: markup over unit cost (labour plus the user cost of capital), the markup rising with
 * capacity utilisation above normal (Kalecki; Rotemberg & Woodford 1999 on cyclical markups):
 *   p* = (1 + μ + θ·max(0, u − ū)) · (w/a + (δ + r)·κ·p₀/12)
 */
export function largeTargetPrice(
  markup: number,
  pressure: number,
  utilisation: number,
  normalUtilisation: number,
  wagePerSkill: number,
  productivity: number,
  userCostPerYear: number,
  capitalPerOutput: number,
): number {
  const effectiveMarkup = markup + pressure * Math.max(0, utilisation - normalUtilisation);
  return (1 + effectiveMarkup) * (wagePerSkill / productivity + (userCostPerYear / 12) * capitalPerOutput);
}

/**
 * Investment: replace depreciation and close part of the gap to desired capital (a flexible accelerator,
 * Chenery 1952; Koyck 1954): I = δK/12 + γ·(K* − K), K* = κ·E[real sales]·p₀ / ū, never negative.
 */
export function largeInvestment(capital: number, depreciationPerYear: number, adjustment: number, desiredCapital: number): number {
  return Math.max(0, (depreciationPerYear / 12) * capital + adjustment * (desiredCapital - capital));
}

/**
 * Credit spread of large-firm bonds: a normal spread plus a default-risk premium rising with
 * unemployment above its month-0 level (Gilchrist & Zakrajšek 2012: spreads move with the cycle).
 */
export function largeBondSpread(normalSpread: number, sensitivity: number, unemployment: number, unemploymentAtStart: number): number {
  return Math.max(0.001, normalSpread + sensitivity * (unemployment - unemploymentAtStart));
}

/**
 * Credit spread with search for yield: the cyclical spread, compressed in proportion when the 10-year
 * real yield falls below its month-0 level — investors reaching for yield compress wide spreads most
 * (Gilchrist & Zakrajšek 2013 on QE and credit spreads): s = s_cyc · exp(−k·(r₀ − r)).
 */
export function searchForYieldSpread(cyclicalSpread: number, semiElasticity: number, realYield: number, realYieldAtStart: number): number {
  return Math.max(0.001, cyclicalSpread * Math.exp(-semiElasticity * (realYieldAtStart - realYield)));
}

/**
 * Automation flattens marginal cost in demand: the tasks machines do scale without the bidding for
 * scarce labour that raises costs when utilisation is high, so the markup's response to utilisation
 * falls with the automated share α: θ_eff = θ·(1 − α) (DESIGN.md Appendix A; Acemoglu & Restrepo 2018).
 */
export function automatedCapacityPressure(pressure: number, automation: number): number {
  return pressure * (1 - automation);
}

/**
 * Automation weakens workers' bargaining power: when machines can take over a task, the firm's outside
 * option in wage bargaining improves, so wages respond less to labour-market tightness (Leduc & Liu 2024,
 * "Automation, bargaining power, and labor market fluctuations"; Acemoglu & Restrepo 2018 on the displacement
 * effect). The slope of large-firm wage growth on tightness falls with the automated share α: φ_eff = φ·(1 − α).
 */
export function automatedWageBargaining(bargaining: number, automation: number): number {
  return bargaining * (1 - automation);
}

/**
 * Buybacks per month as a share of market value: a firm whose earnings yield exceeds its after-tax cost
 * of debt borrows to buy back shares (the debt-for-equity swap of Farre-Mensa, Michaely & Schmalz 2020):
 *   b = min(b_max, s/12 · max(0, E/V − r_d·(1 − τ))).
 */
export function buybackShare(earningsYield: number, costOfDebt: number, corporateTax: number, sensitivityPerYear: number, maxPerMonth: number): number {
  const gap = earningsYield - costOfDebt * (1 - corporateTax);
  return gap > 0 ? Math.min(maxPerMonth, (sensitivityPerYear / 12) * gap) : 0;
}
