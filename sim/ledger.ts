/**
 * The ledger: the only place money and securities move (DESIGN.md §3).
 *
 * Every holding is a *book*: one typed array of quantities for one instrument, held (asset side) or owed
 * (liability side) by the agents of one sector. Books are allocated once, when a population is created,
 * and registered here; agent modules read them freely but change them only through the ledger's
 * operations, each of which is double-entry:
 *
 * - `transfer`  a current flow (wages, taxes, interest, a gift): the payer's holding falls, the payee's
 *               rises, and each sector's *saving* is recorded in the month's flow matrix.
 * - `transferWithin` the same between two agents of one sector (net zero for the sector).
 * - `issue`     a new claim: the holder's asset and the issuer's liability both rise (a loan, a bond,
 *               a banknote); `redeem` is its reverse. Net worth does not change.
 * - `revalue`   a change in a book's unit price, recorded as *revaluation* per sector.
 *
 * After each month `check()` verifies, with compensated sums:
 * 1. every instrument's assets equal its liabilities (units held = units outstanding);
 * 2. every sector's change in net worth equals its recorded saving plus revaluation;
 * 3. the economy's net worth equals its real assets (financial claims cancel).
 * The largest relative discrepancy is the month's `sfc_error`.
 */

/** Sectors of the economy, in the order of Godley's balance-sheet matrix columns. */
export const Sector = {
  households: 0,
  smes: 1,
  largeFirms: 2,
  funds: 3,
  banks: 4,
  government: 5,
  centralBank: 6,
} as const;
export type Sector = (typeof Sector)[keyof typeof Sector];
export const SECTOR_COUNT = 7;
export const SECTOR_NAMES: readonly string[] = [
  'households',
  'smes',
  'largeFirms',
  'funds',
  'banks',
  'government',
  'centralBank',
];

/** Instruments (rows of the balance-sheet matrix). `real` instruments have no issuer. */
export const Instrument = {
  currency: 0,
  deposits: 1,
  reserves: 2,
  loans: 3,
  bills: 4,
  bonds: 5,
  corporateBonds: 6,
  equities: 7,
  fundUnits: 8,
  gold: 9,
  bitcoin: 10,
  capital: 11,
} as const;
export type Instrument = (typeof Instrument)[keyof typeof Instrument];
export const INSTRUMENT_COUNT = 12;
export const INSTRUMENT_NAMES: readonly string[] = [
  'currency',
  'deposits',
  'reserves',
  'loans',
  'bills',
  'bonds',
  'corporateBonds',
  'equities',
  'fundUnits',
  'gold',
  'bitcoin',
  'capital',
];
/** Instruments that are nobody's liability: they make up the economy's net worth. */
const REAL_INSTRUMENTS: ReadonlySet<number> = new Set([Instrument.gold, Instrument.bitcoin, Instrument.capital]);

/** Kinds of current flow (rows of the transactions-flow matrix). */
export const Flow = {
  wages: 0,
  consumption: 1,
  governmentPurchases: 2,
  investment: 3,
  taxes: 4,
  transfers: 5,
  interest: 6,
  dividends: 7,
  profits: 8,
  defaults: 9,
  centralBankRemittance: 10,
  gifts: 11,
  wagers: 12,
  redistribution: 13,
} as const;
export type Flow = (typeof Flow)[keyof typeof Flow];
export const FLOW_COUNT = 14;
export const FLOW_NAMES: readonly string[] = [
  'wages',
  'consumption',
  'governmentPurchases',
  'investment',
  'taxes',
  'transfers',
  'interest',
  'dividends',
  'profits',
  'defaults',
  'centralBankRemittance',
  'gifts',
  'wagers',
  'redistribution',
];

export type Side = 'asset' | 'liability';

/** One instrument held (or owed) by the agents of one sector. */
export interface Book {
  readonly name: string;
  readonly instrument: Instrument;
  readonly sector: Sector;
  readonly side: Side;
  /** Quantity per agent: money for money instruments, units (face value, shares, ounces) otherwise. */
  readonly values: Float64Array;
  /** Value of one unit, shared by every book of the instrument; index 0 is read. */
  readonly price: Float64Array;
}

/** A discrepancy found by `check()`. */
export interface Violation {
  invariant: string;
  detail: string;
  relativeError: number;
}

export interface CheckResult {
  /** Largest relative discrepancy over all invariants. */
  sfcError: number;
  /** The invariant with the largest discrepancy, when it is above the tolerance. */
  worst: Violation | null;
}

/** Gross size (Σ|x|) of the last array passed to `accurateSum`: the scale its rounding errors are relative to. */
let lastGross = 0;

/**
 * Accurate sum of a typed array: plain sums over blocks of 256 (four interleaved accumulators), the block
 * sums added with Neumaier compensation. The error is a few ulps of the block sums, far below the 1e-9
 * tolerance of the accounting checks even over millions of entries, at nearly the speed of a plain loop.
 * Also measures Σ|x| in the same pass (read it with `grossOfLastSum`).
 */
export function accurateSum(values: Float64Array): number {
  const n = values.length;
  let sum = 0;
  let compensation = 0;
  let gross = 0;
  for (let start = 0; start < n; start += 256) {
    const end = Math.min(n, start + 256);
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    let g = 0;
    let i = start;
    for (; i + 3 < end; i += 4) {
      const x0 = values[i];
      const x1 = values[i + 1];
      const x2 = values[i + 2];
      const x3 = values[i + 3];
      a += x0;
      b += x1;
      c += x2;
      d += x3;
      g += Math.abs(x0) + Math.abs(x1) + (Math.abs(x2) + Math.abs(x3));
    }
    for (; i < end; i++) {
      a += values[i];
      g += Math.abs(values[i]);
    }
    gross += g;
    const block = a + b + (c + d);
    const t = sum + block;
    if (Math.abs(sum) >= Math.abs(block)) compensation += sum - t + block;
    else compensation += block - t + sum;
    sum = t;
  }
  lastGross = gross;
  return sum + compensation;
}

/** Σ|x| of the array most recently summed by `accurateSum`. */
export function grossOfLastSum(): number {
  return lastGross;
}

export class Ledger {
  readonly books: Book[] = [];
  /** Unit price per instrument (1 for money). Books of an instrument share its slot. */
  private readonly prices: Float64Array[] = [];
  /** This month's current flows: flowMatrix[flow * SECTOR_COUNT + sector], + received, − paid. */
  readonly flowMatrix = new Float64Array(FLOW_COUNT * SECTOR_COUNT);
  /** This month's saving by sector (sum of the flow matrix's column). */
  readonly saving = new Float64Array(SECTOR_COUNT);
  /** This month's revaluation gains by sector. */
  readonly revaluation = new Float64Array(SECTOR_COUNT);
  /** This month's gross current flows (paid + received) by sector: the scale of its saving's rounding. */
  private readonly grossFlows = new Float64Array(SECTOR_COUNT);
  /** This month's gross revaluation (Σ|gains| and |losses|) by sector. */
  private readonly grossRevaluation = new Float64Array(SECTOR_COUNT);
  /** Net worth by sector at the last check. */
  private readonly lastNetWorth = new Float64Array(SECTOR_COUNT);
  private hasBaseline = false;

  constructor() {
    for (let k = 0; k < INSTRUMENT_COUNT; k++) this.prices.push(Float64Array.of(1));
  }

  /** Register a book of `size` agents (allocated here, once). */
  open(name: string, instrument: Instrument, sector: Sector, side: Side, size: number): Book {
    if (REAL_INSTRUMENTS.has(instrument) && side === 'liability') {
      throw new Error(`ledger: ${INSTRUMENT_NAMES[instrument]} is a real asset and cannot be a liability (book ${name})`);
    }
    const book: Book = { name, instrument, sector, side, values: new Float64Array(size), price: this.prices[instrument] };
    this.books.push(book);
    return book;
  }

  /** A current flow from agent `from` of `payer` to agent `to` of `payee` (books of one instrument, asset side). */
  transfer(payer: Book, from: number, payee: Book, to: number, amount: number, flow: Flow): void {
    payer.values[from] -= amount;
    payee.values[to] += amount;
    const value = amount * payer.price[0];
    this.flowMatrix[flow * SECTOR_COUNT + payer.sector] -= value;
    this.flowMatrix[flow * SECTOR_COUNT + payee.sector] += value;
    this.saving[payer.sector] -= value;
    this.saving[payee.sector] += value;
    const size = Math.abs(value);
    this.grossFlows[payer.sector] += size;
    this.grossFlows[payee.sector] += size;
  }

  /** A current flow between two agents of the same book: the sector's saving is unchanged. */
  transferWithin(book: Book, from: number, to: number, amount: number): void {
    book.values[from] -= amount;
    book.values[to] += amount;
  }

  /** A new claim: `holder` gains the asset, `issuer` the liability, of `amount` units. */
  issue(asset: Book, holder: number, liability: Book, issuer: number, amount: number): void {
    asset.values[holder] += amount;
    liability.values[issuer] += amount;
  }

  /** A claim extinguished: the reverse of `issue`. */
  redeem(asset: Book, holder: number, liability: Book, issuer: number, amount: number): void {
    asset.values[holder] -= amount;
    liability.values[issuer] -= amount;
  }

  /** Current unit price of an instrument. */
  priceOf(instrument: Instrument): number {
    return this.prices[instrument][0];
  }

  /** Change an instrument's unit price, booking each sector's gain or loss as revaluation. */
  revalue(instrument: Instrument, newPrice: number): void {
    const slot = this.prices[instrument];
    const change = newPrice - slot[0];
    if (change === 0) return;
    for (const book of this.books) {
      if (book.instrument !== instrument) continue;
      const units = accurateSum(book.values);
      this.revaluation[book.sector] += (book.side === 'asset' ? 1 : -1) * units * change;
      this.grossRevaluation[book.sector] += grossOfLastSum() * Math.abs(change);
    }
    slot[0] = newPrice;
  }

  /** Value of a book (quantity × price), compensated. */
  valueOf(book: Book): number {
    return accurateSum(book.values) * book.price[0];
  }

  /** Net worth by sector: assets − liabilities at current prices. */
  netWorthBySector(out = new Float64Array(SECTOR_COUNT)): Float64Array {
    out.fill(0);
    for (const book of this.books) out[book.sector] += (book.side === 'asset' ? 1 : -1) * this.valueOf(book);
    return out;
  }

  /** Record the opening balance sheet: the baseline from which the first month's changes are checked. */
  startAccounting(): void {
    this.netWorthBySector(this.lastNetWorth);
    this.hasBaseline = true;
    this.clearFlows();
  }

  /** Zero the month's flows and revaluations (done by `check`). */
  clearFlows(): void {
    this.flowMatrix.fill(0);
    this.saving.fill(0);
    this.revaluation.fill(0);
    this.grossFlows.fill(0);
    this.grossRevaluation.fill(0);
  }

  /**
   * Check the invariants for the month just ended (the engine clears the flow record when the next month
   * starts, so reports can read this month's transactions-flow matrix first). Returns the largest relative discrepancy and, if it exceeds `tolerance`, the worst violation.
   */
  check(tolerance = 1e-9): CheckResult {
    let sfcError = 0;
    let worst: Violation | null = null;
    const consider = (invariant: string, detail: string, discrepancy: number, scale: number) => {
      if (Number.isNaN(sfcError)) return; // the first NaN found is the one to report
      const relativeError = Math.abs(discrepancy) / Math.max(Math.abs(scale), 1e-12);
      if (!(relativeError <= sfcError)) {
        // NaN compares false both ways and so is kept as the worst.
        sfcError = relativeError;
        if (!(relativeError <= tolerance)) worst = { invariant, detail, relativeError };
      }
    };

    // 1. Each financial instrument: units held = units owed.
    // Rounding errors are relative to the gross positions (Σ|x|), not to a net total that may be near zero.
    const held = new Float64Array(INSTRUMENT_COUNT);
    const owed = new Float64Array(INSTRUMENT_COUNT);
    const grossUnits = new Float64Array(INSTRUMENT_COUNT);
    const bookTotals = new Float64Array(this.books.length);
    const bookGross = new Float64Array(this.books.length);
    this.books.forEach((book, b) => {
      const units = accurateSum(book.values);
      if (!Number.isFinite(units)) consider('finite holdings', `book ${book.name} sums to ${units}`, NaN, 1);
      bookTotals[b] = units;
      bookGross[b] = grossOfLastSum();
      grossUnits[book.instrument] += bookGross[b];
      if (book.side === 'asset') held[book.instrument] += units;
      else owed[book.instrument] += units;
    });
    for (let k = 0; k < INSTRUMENT_COUNT; k++) {
      if (REAL_INSTRUMENTS.has(k)) continue;
      const holders = this.books.filter((b) => b.instrument === k).map((b) => b.name).join(', ');
      consider(
        `${INSTRUMENT_NAMES[k]} held = ${INSTRUMENT_NAMES[k]} owed`,
        `held ${held[k]}, owed ${owed[k]} (books: ${holders})`,
        held[k] - owed[k],
        grossUnits[k],
      );
    }

    // 2. Each sector: Δ net worth = saving + revaluation.
    const netWorth = new Float64Array(SECTOR_COUNT);
    const gross = new Float64Array(SECTOR_COUNT);
    this.books.forEach((book, b) => {
      netWorth[book.sector] += (book.side === 'asset' ? 1 : -1) * bookTotals[b] * book.price[0];
      gross[book.sector] += bookGross[b] * Math.abs(book.price[0]);
    });
    let grossAll = 0;
    for (let s = 0; s < SECTOR_COUNT; s++) grossAll += gross[s];
    if (this.hasBaseline) {
      for (let s = 0; s < SECTOR_COUNT; s++) {
        const change = netWorth[s] - this.lastNetWorth[s];
        const explained = this.saving[s] + this.revaluation[s];
        consider(
          `Δ net worth = saving + revaluation (${SECTOR_NAMES[s]})`,
          `Δ net worth ${change}, saving ${this.saving[s]}, revaluation ${this.revaluation[s]}`,
          change - explained,
          Math.max(gross[s], Math.abs(this.lastNetWorth[s]), this.grossFlows[s], this.grossRevaluation[s]),
        );
      }
    }

    // 3. The economy: Σ net worth = real assets.
    let totalNetWorth = 0;
    let realAssets = 0;
    for (let s = 0; s < SECTOR_COUNT; s++) totalNetWorth += netWorth[s];
    this.books.forEach((book, b) => {
      if (REAL_INSTRUMENTS.has(book.instrument)) realAssets += bookTotals[b] * book.price[0];
    });
    consider('Σ net worth = real capital + gold + bitcoin', `Σ net worth ${totalNetWorth}, real assets ${realAssets}`, totalNetWorth - realAssets, grossAll);

    // Every flow received was paid: each flow row sums to zero.
    for (let f = 0; f < FLOW_COUNT; f++) {
      let rowSum = 0;
      let rowGross = 0;
      for (let s = 0; s < SECTOR_COUNT; s++) {
        rowSum += this.flowMatrix[f * SECTOR_COUNT + s];
        rowGross += Math.abs(this.flowMatrix[f * SECTOR_COUNT + s]);
      }
      consider(`${FLOW_NAMES[f]} paid = ${FLOW_NAMES[f]} received`, `row sum ${rowSum}`, rowSum, rowGross);
    }

    this.lastNetWorth.set(netWorth);
    this.hasBaseline = true;
    return { sfcError, worst };
  }
}
