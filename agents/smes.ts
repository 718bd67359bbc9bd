/**
 * Small and medium enterprises: labour-only producers financed by their owners and by bank credit
 * (no bond market), as struct-of-arrays. Output per unit of labour grows with productivity; price is a
 * markup over unit labour cost that rises with demand pressure; employment follows expected orders;
 * owners keep little equity in the firm, so working capital is borrowed on a bank credit line, rationed by
 * lending standards; a firm delivers at most what its labour produces, so a rationed firm that cannot pay
 * for the workers its orders need turns orders away; an SME whose net worth falls too far exits, its loans
 * written off, and a new one takes its place.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export interface Smes {
  readonly count: number;
  /** The household that owns the firm (receives its dividends, holds its equity). */
  readonly owner: Int32Array;
  /** The firm's bank. */
  readonly bank: Int32Array;
  readonly deposits: Book;
  /** Bank loans owed. */
  readonly loans: Book;
  /** Share of SME consumer spending the firm gets (sums to 1 over SMEs). */
  readonly marketShare: Float64Array;
  /**
   * Share of this month's SME consumer spending the firm receives: its market share times a transitory
   * order shock, renormalised (sums to 1). Lumpy orders that do not carry into next month's market share.
   */
  readonly orderShare: Float64Array;
  /** Labour employed, in units of skill. */
  readonly labour: Float64Array;
  /** Output per unit of labour per month (real units). */
  readonly productivity: Float64Array;
  readonly price: Float64Array;
  /** Expected real orders per month (adaptive). */
  readonly expectedOrders: Float64Array;
  /** Real orders (= sales) this month and last month. */
  readonly orders: Float64Array;
  readonly lastOrders: Float64Array;
  /** Nominal sales this month. */
  readonly sales: Float64Array;
  /** Wage bill this month. */
  readonly wageBill: Float64Array;
  /** Profit this month: sales − wages − interest. */
  readonly profit: Float64Array;
  /** Interest rate on the firm's loans (per year). */
  readonly loanRate: Float64Array;
  /** Labour the firm wants (units of skill), after credit. */
  readonly desiredLabour: Float64Array;
  /** Labour the firm can pay for this month given its credit. */
  readonly affordableLabour: Float64Array;
  /** Credit asked for this month and refused (request − granted): the quantity rationed. */
  readonly creditShortfall: Float64Array;
  /** Nominal orders this month the firm could not fill (beyond what its labour can produce). */
  readonly unfilledOrders: Float64Array;
}

export function createSmes(ledger: Ledger, count: number): Smes {
  const bank = new Int32Array(count);
  return {
    count,
    owner: new Int32Array(count),
    bank,
    deposits: ledger.open('smes.deposits', Instrument.deposits, Sector.smes, 'asset', count, { money: 'deposit', issuerOf: bank }),
    loans: ledger.open('smes.loans', Instrument.loans, Sector.smes, 'liability', count, { issuerOf: bank }),
    marketShare: new Float64Array(count),
    orderShare: new Float64Array(count),
    labour: new Float64Array(count),
    productivity: new Float64Array(count),
    price: new Float64Array(count),
    expectedOrders: new Float64Array(count),
    orders: new Float64Array(count),
    lastOrders: new Float64Array(count),
    sales: new Float64Array(count),
    wageBill: new Float64Array(count),
    profit: new Float64Array(count),
    loanRate: new Float64Array(count),
    desiredLabour: new Float64Array(count),
    affordableLabour: new Float64Array(count),
    creditShortfall: new Float64Array(count),
    unfilledOrders: new Float64Array(count),
  };
}

/**
 * Target price: a markup over unit labour cost that rises with demand pressure,
 *   p* = (1 + μ·(1 + κ·(orders/expected − 1))) · w / a,
 * with the markup kept within [0, 3μ] (Kalecki's markup pricing; demand-sensitive markups as in
 * Dosi et al. 2010's K+S model and Assenza, Delli Gatti & Grazzini 2015).
 */
export function smeTargetPrice(markup: number, demandSensitivity: number, ordersRatio: number, wagePerSkill: number, productivity: number): number {
  const pressure = Math.max(-1, Math.min(2, ordersRatio - 1));
  const effectiveMarkup = Math.max(0, Math.min(3 * markup, markup * (1 + demandSensitivity * pressure)));
  return ((1 + effectiveMarkup) * wagePerSkill) / productivity;
}

/** Labour needed for expected orders: L* = E[orders] / a. */
export function smeDesiredLabour(expectedOrders: number, productivity: number): number {
  return expectedOrders / productivity;
}

/**
 * Working-capital loan an SME asks for: enough to pay next month's wage bill and interest and keep a cash
 * buffer, less the deposits it has (Delli Gatti et al. 2010: firms borrow to fill the financing gap).
 */
export function smeLoanRequest(wageBill: number, interestDue: number, bufferMonths: number, deposits: number): number {
  return Math.max(0, wageBill * (1 + bufferMonths) + interestDue - deposits);
}

/**
 * Credit limit under lending standards s ∈ [0, 1]: the most a bank lends is (1 − s) × the maximum
 * leverage × expected monthly sales (Stiglitz & Weiss 1981: rationing by quantity rather than price),
 *   L_max = (1 − s)·m·E[sales],
 * m the line at the easiest standards in months of sales (working-capital lines are commonly about 10% of
 * annual sales, m ≈ 1.2; receivables and inventory are the collateral).
 */
export function smeCreditLimit(standards: number, maxLeverageMonths: number, expectedSales: number): number {
  return Math.max(0, (1 - Math.min(1, Math.max(0, standards))) * maxLeverageMonths * expectedSales);
}

/** Exit rule: net worth below −threshold × monthly sales (negative equity the owner will not cover). */
export function smeIsInsolvent(netWorth: number, monthlySales: number, thresholdMonths: number): boolean {
  return netWorth < -thresholdMonths * Math.max(monthlySales, 1e-12);
}

/**
 * Hours an SME can add beyond its workforce's normal output (overtime, part-timers working longer), as a
 * share of normal hours: about 10% (BLS: average weekly overtime in manufacturing ≈ 4 of ~41 hours).
 */
export const SME_HOURS_FLEX = 0.1;

/**
 * Most an SME can deliver this month, in real units: what its labour produces at full stretch,
 *   Y_max = a·L·(1 + h),
 * a the output per unit of labour, L the labour employed, h the hours flex. Output is the lesser of orders
 * and this capacity (a short-side rule: Barro & Grossman 1971; Malinvaud 1977). An SME that cannot pay
 * for the workers its orders need — a firm rationed by its bank — turns orders away (the real effect of
 * credit rationing: Campello, Graham & Harvey 2010; Chodorow-Reich 2014).
 */
export function smeCapacity(labour: number, productivity: number, hoursFlex: number): number {
  return Math.max(0, labour) * productivity * (1 + hoursFlex);
}

/**
 * Equity the owner takes out of the firm at the start of the month: net worth beyond the equity buffer,
 *   E = clamp((D − L) − b·W, 0, D),
 * D deposits, L loans, b the buffer in months of wage bill W. Owner-managers keep in the firm only the
 * equity it needs and finance working capital on a bank line (small firms hold about 27 days of outflows
 * in cash: JPMorgan Chase Institute 2016; owners' draws and pass-through distributions take the rest), so
 * an SME's payroll depends on its line — and on its bank's standards (Bernanke, Gertler & Gilchrist 1996:
 * firms with little net worth depend on bank credit).
 */
export function smeEquityWithdrawal(deposits: number, loans: number, bufferMonths: number, wageBill: number): number {
  return Math.max(0, Math.min(deposits, deposits - loans - bufferMonths * wageBill));
}

/**
 * The part of a credit line above its limit that the bank calls this month, out of the firm's cash:
 *   C = min(r·max(0, L − L_max), max(0, D)),
 * L the loans, L_max the limit, D the deposits, r the share of lines up for review a month (borrowing
 * bases and covenants checked about quarterly). Banks cut lines as they come up for renewal rather than
 * all at once (Ivashina & Scharfstein 2010; Chodorow-Reich 2014 on the lines cut in 2008–09).
 */
export function smeLineCut(loans: number, limit: number, deposits: number, renewalShare: number): number {
  return Math.min(renewalShare * Math.max(0, loans - limit), Math.max(0, deposits));
}

/**
 * Labour an SME can commit to: the payroll its cash covers after interest, with the buffer it keeps,
 *   L_aff = max(0, D − i) / ((1 + b)·w),
 * D the deposits, i the interest due, b the buffer in months of payroll, w the wage per unit of labour.
 * A firm short of liquidity plans fewer workers (Campello, Graham & Harvey 2010).
 */
export function smeAffordableLabour(deposits: number, interestDue: number, bufferMonths: number, wage: number): number {
  return Math.max(0, deposits - interestDue) / ((1 + bufferMonths) * Math.max(wage, 1e-12));
}
