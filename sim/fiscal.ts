/**
 * Phase 6 of the month: public finance. The month's deficit is measured; the treasury borrows to bring
 * its account back to target, in bills and bonds (more bills when the term premium says long-end demand
 * is weak); banks take their usual share of new bills, households buy the rest out of deposits beyond a
 * month of income; a surplus retires bills (never all of them). Bonds refinanced at the market yield move the average coupon.
 */
import { billShareOfIssuance, refinancedCoupon } from '../agents/government.js';
import type { EconomyWorld } from './economyWorld.js';
import { FINANCIAL } from './ledger.js';

/** Share of new bills that banks take (their share of bills at month 0, set by the initialisation). */
export const BANK_BILL_SHARE = 0.08;

/** Months of expected income below which a household sells treasuries for cash, and above which it buys them. */
export const LIQUIDITY_FLOOR_MONTHS = 2;
export const LIQUIDITY_CEILING_MONTHS = 4;

/**
 * Households short of cash (deposits below two months of expected income) sell bills, then bonds, to their
 * bank at the market price to restore the floor — a buffer-stock rule (Carroll 1997) for liquidity.
 */
export function householdLiquidity(world: EconomyWorld): void {
  const { households: h, banks, ledger } = world;
  const bondPrice = world.prices.bonds[0];
  const n = h.count;
  // A scan of its own finds each household short of cash (a sale moves only that household's deposits).
  for (let i = nextShort(h.deposits.values, h.expectedIncome, 0, n); i < n; i = nextShort(h.deposits.values, h.expectedIncome, i + 1, n)) {
    const floor = LIQUIDITY_FLOOR_MONTHS * Math.max(0, h.expectedIncome[i]);
    let shortfall = floor - h.deposits.values[i];
    const bank = h.bank[i];
    const bills = Math.min(shortfall, h.bills.values[i]);
    if (bills > 0) {
      ledger.trade(h.bills, i, banks.bills, bank, bills, 1, banks.reserves, h.deposits);
      shortfall -= bills;
    }
    const bonds = Math.min(shortfall / bondPrice, h.bonds.values[i]);
    if (bonds > 0) ledger.trade(h.bonds, i, banks.bonds, bank, bonds, bondPrice, banks.reserves, h.deposits);
  }
}

/** The first household i in start…n − 1 with deposits below the liquidity floor (as `householdLiquidity` tests it), or n. */
function nextShort(deposits: Float64Array, expectedIncome: Float64Array, start: number, n: number): number {
  for (let i = start; i < n; i++) {
    if (!(LIQUIDITY_FLOOR_MONTHS * Math.max(0, expectedIncome[i]) - deposits[i] <= 0)) return i;
  }
  return n;
}

export function financeGovernment(world: EconomyWorld): void {
  const { government: g, households: h, banks, ledger, market, scratch, scenario } = world;
  const p = scenario.government;
  const bondPrice = world.prices.bonds[0];
  g.deficit = g.spending - g.revenue - g.remittances;
  const stateLocal = p.state_local_gdp * potentialGdpPerMonth(world);
  g.federalRevenue = g.revenue - stateLocal;
  world.history.deficit.push(g.deficit);
  world.history.federalRevenue.push(g.federalRevenue);
  world.history.interestNet.push(g.interestPaid - g.remittances);

  const need = g.accountTarget - g.account.values[0];
  let newBondFace = 0;
  if (need > 0) {
    const billShare = billShareOfIssuance(p.bill_share_target, p.bill_share_term_premium_sensitivity, market.termPremium, scenario.bonds.term_premium_base);
    const bills = need * billShare;
    const bondProceeds = need - bills;
    // Banks take their share of bills out of reserves.
    const bankBills = bills * BANK_BILL_SHARE;
    for (let b = 0; b < banks.count; b++) {
      const amount = bankBills / banks.count;
      ledger.pay(banks.reserves, b, g.account, 0, amount, FINANCIAL);
      ledger.issue(banks.bills, b, g.bills, 0, amount);
    }
    // Households buy out of deposits beyond four months of expected income, in proportion to that excess,
    // taking at most a quarter of it in a month; banks take what households do not.
    const capacity = scratch.householdAmounts;
    const total = spareCash(capacity, h.deposits.values, h.expectedIncome, h.count);
    const householdBills = bills - bankBills;
    const offered = householdBills + bondProceeds;
    const householdSpend = Math.min(offered, 0.25 * total);
    const scale = total > 0 ? householdSpend / total : 0;
    const billFraction = householdSpend > 0 ? householdBills / householdSpend : 0;
    // Each buyer's spending, new bills and bonds (arithmetic only), then the ledger in household order, a
    // chunk at a time while the chunk's amounts are still in cache (`subscribeEach`: the bills, the bonds
    // and the payments, each balance with the same additions in the same order as one pass of each).
    const billParts = scratch.householdAmounts2;
    const faces = scratch.householdAmounts3;
    fiscalSums[0] = 0;
    fiscalSums[1] = 0;
    for (let start = 0; start < h.count; start += CHUNK) {
      const end = Math.min(h.count, start + CHUNK);
      newIssuePurchases(capacity, billParts, faces, scale, billFraction, bondPrice, start, end);
      ledger.subscribeEach(h.bills, billParts, g.bills, h.bonds, faces, g.bonds, 0, h.deposits, capacity, g.account, 0, start, end);
    }
    const placedBills = fiscalSums[0];
    let placedBondFace = fiscalSums[1];
    // What households did not take, banks buy (bills first, then bonds) out of reserves.
    const leftBills = householdBills - placedBills;
    const leftBondProceeds = bondProceeds - placedBondFace * bondPrice;
    for (let b = 0; b < banks.count; b++) {
      const billsPart = Math.max(0, leftBills) / banks.count;
      const bondsPart = Math.max(0, leftBondProceeds) / banks.count;
      if (billsPart > 0) {
        ledger.pay(banks.reserves, b, g.account, 0, billsPart, FINANCIAL);
        ledger.issue(banks.bills, b, g.bills, 0, billsPart);
      }
      if (bondsPart > 0) {
        ledger.pay(banks.reserves, b, g.account, 0, bondsPart, FINANCIAL);
        ledger.issue(banks.bonds, b, g.bonds, 0, bondsPart / bondPrice);
        placedBondFace += bondsPart / bondPrice;
      }
    }
    newBondFace = placedBondFace;
  } else if (need < 0) {
    // A surplus retires bills, pro rata to holders, down to the bills the treasury always keeps outstanding;
    // beyond them the surplus stays in its account.
    const outstanding = g.bills.values[0];
    const floor = p.min_bills_gdp * 12 * potentialGdpPerMonth(world);
    const retire = Math.min(-need, Math.max(0, outstanding - floor));
    if (retire > 0) {
      const fraction = retire / outstanding;
      for (let i = 0; i < h.count; i++) {
        const amount = h.bills.values[i] * fraction;
        if (amount <= 0) continue;
        ledger.redeem(h.bills, i, g.bills, 0, amount);
        ledger.pay(g.account, 0, h.deposits, i, amount, FINANCIAL);
      }
      for (let b = 0; b < banks.count; b++) {
        const amount = banks.bills.values[b] * fraction;
        if (amount <= 0) continue;
        ledger.redeem(banks.bills, b, g.bills, 0, amount);
        ledger.pay(g.account, 0, banks.reserves, b, amount, FINANCIAL);
      }
    }
  }
  g.coupon = refinancedCoupon(g.coupon, g.bonds.values[0], scenario.bonds.maturity_years, market.yield10y, newBondFace);
}

/** Deposits beyond four months of expected income, per household, a chunk at a time; returns the total (summed in household order). */
function spareCash(out: Float64Array, deposits: Float64Array, expectedIncome: Float64Array, n: number): number {
  fiscalSums[0] = 0;
  for (let start = 0; start < n; start += CHUNK) spareCashOf(out, deposits, expectedIncome, start, Math.min(n, start + CHUNK));
  return fiscalSums[0];
}

/**
 * `spareCash` for households start…end − 1, added to `fiscalSums[0]` (carried in a local within the chunk: the
 * same additions). Math.max(0, s) is taken as s · (s > 0) + 0 — s where s > 0, +0 where s is below zero or
 * ±0 (−0 + 0 is +0), NaN where s is NaN — without the branch V8's Math.max takes on its sign. Only s = −∞
 * (a deposit of −∞ or an income of +∞) differs (∞ · 0 is NaN, the maximum 0); the NaN reaches the chunk's
 * sum, and such a chunk is taken again with Math.max.
 */
function spareCashOf(out: Float64Array, deposits: Float64Array, expectedIncome: Float64Array, start: number, end: number): void {
  const before = fiscalSums[0];
  let sum = before;
  for (let i = start; i < end; i++) {
    const excess = deposits[i] - LIQUIDITY_CEILING_MONTHS * Math.max(0, expectedIncome[i]);
    const spare = excess * Number(excess > 0) + 0;
    out[i] = spare;
    sum += spare;
  }
  if (sum !== sum) {
    sum = before;
    for (let i = start; i < end; i++) {
      const spare = Math.max(0, deposits[i] - LIQUIDITY_CEILING_MONTHS * Math.max(0, expectedIncome[i]));
      out[i] = spare;
      sum += spare;
    }
  }
  fiscalSums[0] = sum;
}

/**
 * The running sums of the fiscal household passes, across chunks (within a chunk they are carried in local
 * variables: a chunk function is compiled whole, and keeps them in registers).
 */
const fiscalSums = new Float64Array(2);

/**
 * Households per call of the fiscal passes: called many times a month, they are compiled whole rather than
 * on stack (where a double carried across the loop would be an allocated number every turn), and a chunk's
 * amounts are still in cache when the ledger takes them.
 */
const CHUNK = 4096;

/**
 * Each household's purchase of new treasuries, for households start…end − 1: spending (in place of its
 * spare cash), the bills' part and the bonds' face (0 where it buys nothing). Adds the bills placed to
 * `fiscalSums[0]` and the bonds' faces placed to `fiscalSums[1]` (in household order, over the buyers).
 */
function newIssuePurchases(spend: Float64Array, billParts: Float64Array, faces: Float64Array, scale: number, billFraction: number, bondPrice: number, start: number, end: number): void {
  let placedBills = fiscalSums[0];
  let placedFaces = fiscalSums[1];
  for (let i = start; i < end; i++) {
    const amount = spend[i] * scale;
    spend[i] = amount;
    if (amount <= 0) {
      billParts[i] = 0;
      faces[i] = 0;
      continue;
    }
    const billPart = amount * billFraction;
    const face = (amount - billPart) / bondPrice;
    billParts[i] = billPart;
    faces[i] = face;
    placedBills += billPart;
    if (amount > 0) placedFaces += face;
  }
  fiscalSums[0] = placedBills;
  fiscalSums[1] = placedFaces;
}

/** Potential nominal GDP per month: real potential (grown month by month at the estimated potential growth) at the CPI. */
export function potentialGdpPerMonth(world: EconomyWorld): number {
  const m = world.market;
  return m.potentialReal * (m.cpi / m.potentialBaseCpi);
}

/** Reset the month's fiscal flows (as the month starts). */
export function openFiscalMonth(world: EconomyWorld): void {
  const g = world.government;
  g.revenue = 0;
  g.federalRevenue = 0;
  g.interestPaid = 0;
  g.interestToCentralBank = 0;
  g.remittances = 0;
  g.spending = 0;
  g.deficit = 0;
  const s = world.scenario;
  world.market.potentialReal *= Math.pow(1 + world.government.potentialGrowth, 1 / 12);
  const potential = potentialGdpPerMonth(world);
  world.market.governmentPurchases = s.government.purchases_gdp * potential;
  world.market.transferPerHousehold = (world.market.transferShareOfPotential * potential) / world.households.count;
}
