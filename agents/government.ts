/**
 * The government (treasury): one agent, a plain object. It buys goods, pays transfers and interest,
 * taxes labour and capital income and profits, and finances its deficit with bills and bonds, shifting
 * issuance toward bills when long-end demand is weak (a high term premium). Its account is at the
 * central bank. State and local governments are folded in with a balanced budget of their own; federal
 * revenue excludes their share.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export interface Government {
  /** Central-bank money held by the treasury in the exchange lessons. */
  readonly currency: Book;
}

export function createGovernment(ledger: Ledger): Government {
  return { currency: ledger.open('government.currency', Instrument.currency, Sector.government, 'asset', 1) };
}

export interface EconomyGovernment extends Government {
  /** The treasury's account at the central bank (settlement money). */
  readonly account: Book;
  /** Bills outstanding (face). */
  readonly bills: Book;
  /** Bonds outstanding (face), valued at the bond price. */
  readonly bonds: Book;
  /** Average coupon of the bonds outstanding (per year); drifts toward the market yield as bonds are refinanced. */
  coupon: number;
  /** Level λ of the labour tax (set at month 0 for the target average rate). */
  labourTaxLevel: number;
  /** The treasury's estimate of potential real growth (per year): potential GDP grows at it each month. */
  potentialGrowth: number;
  /** Account balance the treasury keeps (cash management target), billions. */
  accountTarget: number;
  /** This month's flows, billions. */
  revenue: number;
  federalRevenue: number;
  interestPaid: number;
  interestToCentralBank: number;
  remittances: number;
  spending: number;
  deficit: number;
}

export function createEconomyGovernment(ledger: Ledger, bondPrice: Float64Array): EconomyGovernment {
  return {
    ...createGovernment(ledger),
    account: ledger.open('government.account', Instrument.reserves, Sector.government, 'asset', 1, { money: 'reserveAccount' }),
    bills: ledger.open('government.bills', Instrument.bills, Sector.government, 'liability', 1),
    bonds: ledger.open('government.bonds', Instrument.bonds, Sector.government, 'liability', 1, { price: bondPrice }),
    coupon: 0,
    labourTaxLevel: 1,
    potentialGrowth: 0.02,
    accountTarget: 0,
    revenue: 0,
    federalRevenue: 0,
    interestPaid: 0,
    interestToCentralBank: 0,
    remittances: 0,
    spending: 0,
    deficit: 0,
  };
}

/**
 * Bill share of new borrowing: b = clamp(b̄ + β·(TP − TP₀), 0.05, 0.95) — the treasury shortens
 * maturity when the term premium says long-end demand is weak (Greenwood et al. 2015 on debt management).
 */
export function billShareOfIssuance(target: number, sensitivity: number, termPremium: number, normalTermPremium: number): number {
  return Math.max(0.05, Math.min(0.95, target + sensitivity * (termPremium - normalTermPremium)));
}

/**
 * Average coupon after refinancing: a share 1/(12·M) of the bonds matures each month; it and any net new
 * issuance ΔB are refinanced at the market yield y, the rest keeps its coupon:
 *   c' = (c·(B − m) + y·(m + ΔB)) / (B + ΔB),  m = B/(12M);  when ΔB < −m, only old bonds remain: c' = c.
 */
export function refinancedCoupon(coupon: number, bondsFace: number, maturityYears: number, marketYield: number, newFace: number): number {
  const maturing = bondsFace / (12 * maturityYears);
  const refinanced = maturing + newFace;
  const total = bondsFace + newFace;
  if (refinanced <= 0 || total <= 0) return coupon;
  return (coupon * (bondsFace - maturing) + marketYield * refinanced) / total;
}

/**
 * The treasury's estimate of potential real growth, moved each month toward the trend growth of output per
 * worker g_t (its annual rate over the past five years, a window that spans a cycle):
 *   ĝ_t = clamp(ĝ_{t−1} + (g_t − ĝ_{t−1}) / (12·T), −0.1, 0.2), T ≥ 1 the adaptation time in years.
 * Potential output is potential labour productivity times the potential labour force (after CBO 2001,
 * "CBO's Method for Estimating Potential Output", which adjusts productivity for the cycle; a five-year
 * average is this model's plainer stand-in); the model's labour force is fixed, so its potential grows with
 * trend productivity. Purchases and transfers are indexed to potential GDP: fixed at a growth rate the
 * economy outgrows, they would shrink as a share of GDP and the budget would drift into balance.
 */
export function estimatedPotentialGrowth(previous: number, trendProductivityGrowth: number, adaptationYears: number): number {
  const next = previous + (trendProductivityGrowth - previous) / (12 * adaptationYears);
  return Math.min(0.2, Math.max(-0.1, next));
}
