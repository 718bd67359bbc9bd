/**
 * The ledger: the only place money and securities move (DESIGN.md §3).
 *
 * Every holding is a *book*: one typed array of quantities for one instrument, held (asset side) or owed
 * (liability side) by the agents of one sector. Books are allocated once, when a population is created,
 * and registered here; agent modules read them freely but change them only through the ledger's
 * operations, each of which is double-entry:
 *
 * - `transfer`  a current flow (wages, taxes, interest, a gift) in one instrument: the payer's holding
 *               falls, the payee's rises, and each sector's *saving* is recorded in the month's flow matrix.
 * - `transferWithin` the same between two agents of one sector (net zero for the sector).
 * - `pay`       a payment in *settlement money*: bank deposits and accounts at the central bank. The
 *               deposit-issuing banks' liabilities follow their customers' deposits, and reserves move
 *               between banks (or the treasury's account) when payer and payee bank in different places.
 *               A current flow records saving; `FINANCIAL` (a purchase of an asset) records none.
 * - `issue`     a new claim: the holder's asset and the issuer's liability both rise (a loan, a bond,
 *               a banknote); `redeem` is its reverse. Net worth does not change.
 * - `lend` / `repay` / `writeOff` bank loans with the deposits they create or destroy.
 * - `buyCapital`, `depreciate`  real capital formed (paid to its producer) and worn out.
 * - `revalue`, `revalueEntries` a change in unit prices, recorded as *revaluation* per sector.
 *
 * After each month `check()` verifies, with compensated sums:
 * 1. every instrument's assets equal its liabilities (units held = units outstanding), per issuer where
 *    holdings name their issuer (deposits per bank, loans per bank, shares per firm);
 * 2. every sector's change in net worth equals its recorded saving + revaluation + other volume changes
 *    (capital formed or worn out, debts written off);
 * 3. the economy's net worth equals its real assets (financial claims cancel);
 * 4. every kind of flow paid equals the same flow received.
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
  centralBankRemittance: 8,
  capitalTransfers: 9,
  redistribution: 10,
} as const;
export type Flow = (typeof Flow)[keyof typeof Flow];
export const FLOW_COUNT = 11;
export const FLOW_NAMES: readonly string[] = [
  'wages',
  'consumption',
  'governmentPurchases',
  'investment',
  'taxes',
  'transfers',
  'interest',
  'dividends',
  'centralBankRemittance',
  'capitalTransfers',
  'redistribution',
];
/** A payment that buys or sells an asset: money changes hands, no sector's saving changes. */
export const FINANCIAL = -1;

export type Side = 'asset' | 'liability';

/**
 * How a book of money settles. `deposit`: money owed by the bank named in `issuerOf`; `reserveAccount`:
 * an account at the central bank (banks' reserves, the treasury's account); `centralBank`: the central
 * bank's own payments, which create (or, received, destroy) central-bank money.
 */
export type MoneyKind = 'deposit' | 'reserveAccount' | 'centralBank';

/** One instrument held (or owed) by the agents of one sector. */
export interface Book {
  readonly name: string;
  readonly instrument: Instrument;
  readonly sector: Sector;
  readonly side: Side;
  /** Quantity per agent: money for money instruments, units (face value, shares, ounces) otherwise. */
  readonly values: Float64Array;
  /**
   * Value of one unit. Length 1: one price for the whole book, shared with the books of the same security.
   * Length `values.length` (when `perEntryPrices`): entry i is priced at prices[i] (shares of firm i).
   */
  readonly price: Float64Array;
  readonly perEntryPrices: boolean;
  /** For holdings of claims on several issuers (deposits at banks, loans from banks): the issuer of entry i. */
  readonly issuerOf: Int32Array | null;
  /** For money books: how payments from and to this book settle. */
  readonly money: MoneyKind | null;
  /** `money` as a small integer for the payment hot path: 0 none, 1 deposit, 2 reserve account, 3 central bank. */
  readonly moneyCode: number;
}

const MONEY_CODE: Record<MoneyKind, number> = { deposit: 1, reserveAccount: 2, centralBank: 3 };

export interface OpenOptions {
  /** Share a price slot with other books of the same security (default: the instrument's slot). */
  price?: Float64Array;
  /** Price each entry separately (the slot has one price per entry, shared with aligned books). */
  perEntryPrices?: boolean;
  /** Issuer of each entry, for claims on several issuers. */
  issuerOf?: Int32Array;
  money?: MoneyKind;
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

/**
 * `accurateSum` of a holder's book (the same additions in the same order, so the same sum and Σ|x|)
 * that also adds each entry and its |x| into its issuer's cells, `perIssuer[issuerOf[i]]` and
 * `grossPerIssuer[issuerOf[i]]`, in entry order — what `check`'s per-issuer balance adds, done while the
 * entries are at hand rather than in a second pass over the book (for households' deposits, a million
 * entries). An issuer outside the arrays is skipped, as the typed arrays' stores would skip it.
 */
function accurateSumByIssuer(values: Float64Array, issuerOf: Int32Array, perIssuer: Float64Array, grossPerIssuer: Float64Array): number {
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
      const k0 = issuerOf[i];
      const k1 = issuerOf[i + 1];
      const k2 = issuerOf[i + 2];
      const k3 = issuerOf[i + 3];
      const y0 = Math.abs(x0);
      const y1 = Math.abs(x1);
      const y2 = Math.abs(x2);
      const y3 = Math.abs(x3);
      a += x0;
      b += x1;
      c += x2;
      d += x3;
      g += y0 + y1 + (y2 + y3);
      perIssuer[k0] += x0;
      grossPerIssuer[k0] += y0;
      perIssuer[k1] += x1;
      grossPerIssuer[k1] += y1;
      perIssuer[k2] += x2;
      grossPerIssuer[k2] += y2;
      perIssuer[k3] += x3;
      grossPerIssuer[k3] += y3;
    }
    for (; i < end; i++) {
      const x = values[i];
      const k = issuerOf[i];
      a += x;
      g += Math.abs(x);
      perIssuer[k] += x;
      grossPerIssuer[k] += Math.abs(x);
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

/** Entries of a holder's book added into its issuers' cells (`check`'s per-issuer balance), in entry order. */
function addByIssuer(values: Float64Array, issuerOf: Int32Array, perIssuer: Float64Array, grossPerIssuer: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    perIssuer[issuerOf[i]] += values[i];
    grossPerIssuer[issuerOf[i]] += Math.abs(values[i]);
  }
}

/** Entries of a holder's book aligned with its issuers' (entry i is a claim on issuer i) added into their cells, in entry order. */
function addAligned(values: Float64Array, perIssuer: Float64Array, grossPerIssuer: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    perIssuer[i] += values[i];
    grossPerIssuer[i] += Math.abs(values[i]);
  }
}

/**
 * One per-issuer balance of `check`: a liability book with one entry per issuer, the books holding claims
 * on it (in book order), and the cells their holdings are added into (allocated once, zeroed each check).
 */
interface IssuerBalance {
  liability: Book;
  /** Sums of the holdings per issuer, and of their |x|. */
  held: Float64Array;
  gross: Float64Array;
}

/** A holder book's part in a per-issuer balance: added by its `issuerOf` or aligned entry by entry. */
interface IssuerHolding {
  balance: IssuerBalance;
  byIssuer: boolean;
}

/** `check`'s working arrays and plan (see `Ledger.checkScratch`). */
interface CheckScratch {
  held: Float64Array;
  owed: Float64Array;
  grossUnits: Float64Array;
  netWorth: Float64Array;
  gross: Float64Array;
  /** Per book: its units, value and Σ|units|. */
  bookTotals: Float64Array;
  bookValues: Float64Array;
  bookGross: Float64Array;
  /** The number of books the plan was worked out for. */
  books: number;
  /** Per-issuer balances, in the order of their liabilities among the books. */
  balances: IssuerBalance[];
  /** Per book: the per-issuer balances it holds claims in (empty for most). */
  holdings: IssuerHolding[][];
}

/** An empty array standing in for the banking books before they are configured. */
const EMPTY = new Float64Array(0);

/**
 * Pair two lists of amounts with equal totals in order (two pointers), issuing (sign +1) or redeeming (−1)
 * claims: holder i's holding and issuer j's liability move by each matched piece, at most (left + right)
 * pieces. Rounding left over goes to the last right-hand entry; more than rounding (1e-9 of the total) is a
 * caller's error. (x − a and x + (−a) round alike, so the sign is exact.)
 */
function matchClaims(held: Float64Array, left: Float64Array, owed: Float64Array, right: Float64Array, sign: number, what: string): void {
  const nLeft = left.length;
  const nRight = right.length;
  // The pairing in chunks (`matchChunk`, resumed from `settleState`): a loop run once in a while over every
  // household would run in code compiled on stack, which keeps its carried doubles as allocated numbers.
  openSettlement(left, right);
  while (settleState[0] < nLeft && settleState[1] < nRight) matchChunk(held, left, owed, right, sign);
  let i = settleState[0];
  let j = settleState[1];
  let remaining = settleState[2];
  const due = settleState[3];
  const lastRight = settleState[4];
  const matched = settleState[5];
  let leftover = 0;
  while (i < nLeft) {
    if (remaining > 0) {
      leftover += remaining;
      if (lastRight < nRight) {
        held[i] += sign * remaining;
        owed[lastRight] += sign * remaining;
      }
    }
    i++;
    remaining = i < nLeft ? Math.max(0, left[i]) : 0;
  }
  let unmatched = due;
  while (++j < nRight) unmatched += Math.max(0, right[j]);
  const tolerance = 1e-9 * Math.max(1, matched);
  if (leftover > tolerance || unmatched > tolerance) {
    throw new Error(`ledger: amounts do not add up for ${what} (${leftover} left over, ${unmatched} unmatched)`);
  }
}

/** `matchClaims`' pairing for at most `SETTLE_CHUNK` pieces from the position in `settleState` (i, j, remaining, due, last right, matched), which it updates. */
function matchChunk(held: Float64Array, left: Float64Array, owed: Float64Array, right: Float64Array, sign: number): void {
  const nLeft = left.length;
  const nRight = right.length;
  let i = settleState[0] | 0;
  let j = settleState[1] | 0;
  let remaining = settleState[2];
  let due = settleState[3];
  let lastRight = settleState[4] | 0;
  let matched = settleState[5];
  let pieces = 0;
  while (i < nLeft && j < nRight && pieces < SETTLE_CHUNK) {
    pieces++;
    const amount = Math.min(remaining, due);
    if (amount > 0) {
      held[i] += sign * amount;
      owed[j] += sign * amount;
    }
    matched += amount;
    lastRight = j;
    remaining -= amount;
    due -= amount;
    if (remaining <= 0) {
      i++;
      while (i < nLeft && !(left[i] > 0)) i++;
      remaining = i < nLeft ? left[i] : 0;
    }
    if (due <= 0) {
      j++;
      while (j < nRight && !(right[j] > 0)) j++;
      due = j < nRight ? right[j] : 0;
    }
  }
  keepSettlement(i, j, remaining, due, lastRight, matched);
}

/**
 * `claimsForDepositsAcross`' loop, resumable like `matchChunk`: at most `SETTLE_CHUNK` pieces from the
 * position in `settleState` (holder i, issuer j, what each still has to take and give, the last issuer
 * matched, the total matched) and `acrossState[4]` (the last holder matched), which it updates. Each piece:
 * `matchChunk`'s claims (holding and liability move by sign × amount), then `settleDepositChunk`'s deposits
 * and bank money, the holders paying (sign +1) or being paid (−1): x − (−a) is x + a exactly. No flow
 * record: a FINANCIAL settlement's is a sink nobody reads.
 *
 * Most pieces are a whole holder's amount within one issuer's (many holders, few issuers): those runs go
 * through `holdersWithinIssuer`, the issuer's cells carried in locals. The books must be distinct (held,
 * owed, holderValues, issuerValues; the caller checks).
 */
function claimsForDepositsChunk(
  held: Float64Array,
  left: Float64Array,
  owed: Float64Array,
  right: Float64Array,
  holderValues: Float64Array,
  holderBankOf: Int32Array,
  issuerValues: Float64Array,
  issuerBankOf: Int32Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  sign: number,
): void {
  const nLeft = left.length;
  const nRight = right.length;
  let i = settleState[0] | 0;
  let j = settleState[1] | 0;
  let remaining = settleState[2];
  let due = settleState[3];
  let lastIssuer = settleState[4] | 0;
  let matched = settleState[5];
  let lastHolder = acrossState[4] | 0;
  let pieces = 0;
  while (i < nLeft && j < nRight && pieces < SETTLE_CHUNK) {
    if (remaining > 0 && remaining < due) {
      // A run of holders each taking all it has left within issuer j's amount.
      holdersWithinIssuer(held, left, owed, holderValues, holderBankOf, issuerValues, issuerBankOf, bankDeposits, bankReserves, sign, i, j, remaining, due, matched, SETTLE_CHUNK - pieces);
      pieces += acrossRun[0];
      i = acrossRun[1];
      remaining = acrossRun[2];
      due = acrossRun[3];
      matched = acrossRun[4];
      lastHolder = acrossRun[5];
      lastIssuer = j;
      continue;
    }
    pieces++;
    const amount = remaining < due ? remaining : due;
    if (amount > 0) {
      const moved = sign * amount;
      held[i] += moved;
      owed[j] += moved;
      const holderBank = holderBankOf[i];
      const issuerBank = issuerBankOf[j];
      holderValues[i] -= moved;
      issuerValues[j] += moved;
      if (holderBank !== issuerBank) {
        bankDeposits[holderBank] -= moved;
        bankReserves[holderBank] -= moved;
        bankDeposits[issuerBank] += moved;
        bankReserves[issuerBank] += moved;
      }
    }
    matched += amount;
    lastIssuer = j;
    lastHolder = i;
    remaining -= amount;
    due -= amount;
    if (remaining <= 0) {
      remaining = 0;
      while (++i < nLeft) {
        const next = left[i];
        if (next > 0) {
          remaining = next;
          break;
        }
      }
    }
    if (due <= 0) {
      due = 0;
      while (++j < nRight) {
        const next = right[j];
        if (next > 0) {
          due = next;
          break;
        }
      }
    }
  }
  acrossState[4] = lastHolder;
  keepSettlement(i, j, remaining, due, lastIssuer, matched);
}

/**
 * `claimsForDepositsChunk`'s pieces while holder i's amount left, 0 < remaining < due, fits within issuer
 * j's: each such piece is the holder's whole amount left (its own holding and money move by it, then the
 * holder moves to the next positive amount; the issuer's due falls and stays > 0, as x − y > 0 when
 * y < x), at most `most` pieces. Issuer j's liability and money and its bank's deposits and reserves are
 * carried in locals and stored after the run: each takes the same additions in the same order (a holder
 * at the issuer's bank moves no bank money, so the holders' banks' cells in memory are never the issuer
 * bank's). Bank money moves behind a branch on whether the banks differ, as in `settleDepositChunk`'s runs:
 * households' banks cycle 0, 1, 2, a pattern the processor predicts. The branch-free form (moved ×
 * whether they differ, which also added zeros to the cells in memory) made the model's two bond passes
 * about a fifth slower (2.6 against 2.1 ms a month at 200,000 households). Leaves in `acrossRun` the
 * pieces done, the next holder, its amount left, the issuer's due, the total matched and the last holder
 * matched.
 */
function holdersWithinIssuer(
  held: Float64Array,
  left: Float64Array,
  owed: Float64Array,
  holderValues: Float64Array,
  holderBankOf: Int32Array,
  issuerValues: Float64Array,
  issuerBankOf: Int32Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  sign: number,
  i: number,
  j: number,
  remaining: number,
  due: number,
  matched: number,
  most: number,
): void {
  const nLeft = left.length;
  const issuerBank = issuerBankOf[j];
  let issuerOwes = owed[j];
  let issuerMoney = issuerValues[j];
  let issuerBankDeposits = bankDeposits[issuerBank];
  let issuerBankReserves = bankReserves[issuerBank];
  let pieces = 0;
  let lastHolder = i;
  do {
    pieces++;
    const amount = remaining;
    const moved = sign * amount;
    held[i] += moved;
    issuerOwes += moved;
    const holderBank = holderBankOf[i];
    holderValues[i] -= moved;
    issuerMoney += moved;
    if (holderBank !== issuerBank) {
      bankDeposits[holderBank] -= moved;
      bankReserves[holderBank] -= moved;
      issuerBankDeposits += moved;
      issuerBankReserves += moved;
    }
    matched += amount;
    lastHolder = i;
    due -= amount;
    remaining = 0;
    while (++i < nLeft) {
      const next = left[i];
      if (next > 0) {
        remaining = next;
        break;
      }
    }
  } while (remaining > 0 && remaining < due && pieces < most);
  owed[j] = issuerOwes;
  issuerValues[j] = issuerMoney;
  bankDeposits[issuerBank] = issuerBankDeposits;
  bankReserves[issuerBank] = issuerBankReserves;
  acrossRun[0] = pieces;
  acrossRun[1] = i;
  acrossRun[2] = remaining;
  acrossRun[3] = due;
  acrossRun[4] = matched;
  acrossRun[5] = lastHolder;
}

/** Where `holdersWithinIssuer` stopped: pieces done, next holder, its amount left, the issuer's due, the total matched, the last holder matched. */
const acrossRun = new Float64Array(6);

/** `claimsForDepositsChunk`'s last holder matched (entry 4; the rest of its position is in `settleState`). */
const acrossState = new Float64Array(5);

/** An empty issuer list, for books that name no issuer. */
const NO_ISSUERS = new Int32Array(0);

/**
 * Where a settlement's loop (`settlePieces`, `settleDepositsInBulk`) stopped: i, j, owed, due, lastRight,
 * matched. The resumable chunks read the positions back as `settleState[k] | 0` (exact: they are indices):
 * read from a Float64Array they would be doubles, converted at every array access in the loop — about a
 * fifth of a settlement's time. The chunks find the next positive amount reading each entry once
 * (`while (++i < n)`, breaking at the first amount > 0): the earlier `while (i < n && !(a[i] > 0)) i++`
 * followed by `x = i < n ? a[i] : 0` read the amount found twice, each read with its own map and bounds
 * checks, and the pieces' loops are made of little else (claims for deposits 14% faster for that alone).
 */
const settleState = new Float64Array(6);

/** Record where a settlement's loop stopped in `settleState` (the next payer and payee, what each still owes and is due, the last payee matched, the total matched). */
function keepSettlement(i: number, j: number, owed: number, due: number, lastRight: number, matched: number): void {
  settleState[0] = i;
  settleState[1] = j;
  settleState[2] = owed;
  settleState[3] = due;
  settleState[4] = lastRight;
  settleState[5] = matched;
}

/**
 * The main loop of `Ledger.settle`: pairs payers and payees in order and pays each matched piece inline,
 * with the arithmetic of `pay` in its order (money codes: 1 deposits, 2 a reserve account, 3 the central
 * bank). Leaves its position in `settleState`.
 */
function settlePieces(
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  payerCode: number,
  payerAmounts: Float64Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeCode: number,
  payeeAmounts: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  centralBankAccounts: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  payerCell: number,
  payeeCell: number,
  payerSector: number,
  payeeSector: number,
): void {
  const depositToDeposit = payerCode === 1 && payeeCode === 1;
  const nLeft = payerAmounts.length;
  const nRight = payeeAmounts.length;
  let i = 0;
  let j = 0;
  while (i < nLeft && !(payerAmounts[i] > 0)) i++;
  while (j < nRight && !(payeeAmounts[j] > 0)) j++;
  let owed = i < nLeft ? payerAmounts[i] : 0;
  let due = j < nRight ? payeeAmounts[j] : 0;
  let lastRight = j;
  let matched = 0;
  // The position is written as the loop goes (and before it), not after it: code after a long loop has no
  // type feedback when the loop is first compiled, and would send every call back to the interpreter.
  settleState[0] = i;
  settleState[1] = j;
  settleState[2] = owed;
  settleState[3] = due;
  settleState[4] = lastRight;
  settleState[5] = matched;
  while (i < nLeft && j < nRight) {
    const amount = owed < due ? owed : due;
    if (amount > 0) {
      if (depositToDeposit) {
        const payerBank = payerIssuer[i];
        const payeeBank = payeeIssuer[j];
        payerValues[i] -= amount;
        payeeValues[j] += amount;
        if (payerBank !== payeeBank) {
          bankDeposits[payerBank] -= amount;
          bankReserves[payerBank] -= amount;
          bankDeposits[payeeBank] += amount;
          bankReserves[payeeBank] += amount;
        }
      } else {
        if (payerCode === 1) {
          const bank = payerIssuer[i];
          payerValues[i] -= amount;
          bankDeposits[bank] -= amount;
          bankReserves[bank] -= amount;
        } else if (payerCode === 2) {
          payerValues[i] -= amount;
        } else {
          centralBankAccounts[0] += amount;
        }
        if (payeeCode === 1) {
          const bank = payeeIssuer[j];
          payeeValues[j] += amount;
          bankDeposits[bank] += amount;
          bankReserves[bank] += amount;
        } else if (payeeCode === 2) {
          payeeValues[j] += amount;
        } else {
          centralBankAccounts[0] -= amount;
        }
      }
      flowMatrix[payerCell] -= amount;
      flowMatrix[payeeCell] += amount;
      saving[payerSector] -= amount;
      saving[payeeSector] += amount;
      grossFlows[payerSector] += amount;
      grossFlows[payeeSector] += amount;
    }
    lastRight = j;
    matched += amount;
    owed -= amount;
    due -= amount;
    if (owed <= 0) {
      i++;
      while (i < nLeft && !(payerAmounts[i] > 0)) i++;
      owed = i < nLeft ? payerAmounts[i] : 0;
    }
    if (due <= 0) {
      j++;
      while (j < nRight && !(payeeAmounts[j] > 0)) j++;
      due = j < nRight ? payeeAmounts[j] : 0;
    }
    settleState[0] = i;
    settleState[1] = j;
    settleState[2] = owed;
    settleState[3] = due;
    settleState[4] = lastRight;
    settleState[5] = matched;
  }
}

/** The loop of `Ledger.tradeEach` for a central-bank buyer and sellers holding deposits (the arithmetic of `trade` and `pay`, in order). */
function tradeFromCentralBank(
  held: Float64Array,
  units: Float64Array,
  bought: Float64Array,
  buyer: number,
  price: number,
  centralBankAccounts: Float64Array,
  deposits: Float64Array,
  issuer: Int32Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
): void {
  const n = units.length;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (!(u > 0)) continue;
    held[i] -= u;
    bought[buyer] += u;
    const amount = u * price;
    centralBankAccounts[0] += amount;
    const bank = issuer[i];
    deposits[i] += amount;
    bankDeposits[bank] += amount;
    bankReserves[bank] += amount;
  }
}

/** The loop of `Ledger.tradeEachRange` (`tradeFromCentralBank` over start…end − 1), the buyer's holding and the central bank's account in local variables. */
function tradeFromCentralBankRange(
  held: Float64Array,
  units: Float64Array,
  bought: Float64Array,
  buyer: number,
  price: number,
  centralBankAccounts: Float64Array,
  deposits: Float64Array,
  issuer: Int32Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  start: number,
  end: number,
): void {
  let boughtTotal = bought[buyer];
  let created = centralBankAccounts[0];
  for (let i = start; i < end; i++) {
    const u = units[i];
    if (!(u > 0)) continue;
    held[i] -= u;
    boughtTotal += u;
    const amount = u * price;
    created += amount;
    const bank = issuer[i];
    deposits[i] += amount;
    bankDeposits[bank] += amount;
    bankReserves[bank] += amount;
  }
  bought[buyer] = boughtTotal;
  centralBankAccounts[0] = created;
}

/**
 * The loop of `Ledger.lendListed`: `lend` (and `repay`, as a negative loan) inline, for the borrowers
 * listed[0…count − 1] in list order. No test of the amount: the caller lists only borrowers who move money.
 */
function lendListedInBulk(
  lent: Float64Array,
  lenderOf: Int32Array,
  owed: Float64Array,
  money: Float64Array,
  holderBankOf: Int32Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  amounts: Float64Array,
  listed: Int32Array,
  count: number,
): void {
  for (let k = 0; k < count; k++) {
    const i = listed[k];
    const amount = amounts[i];
    const bank = lenderOf[i];
    lent[bank] += amount;
    owed[i] += amount;
    const holderBank = holderBankOf[i];
    money[i] += amount;
    bankDeposits[holderBank] += amount;
    if (holderBank !== bank) {
      bankReserves[bank] -= amount;
      bankReserves[holderBank] += amount;
    }
  }
}

/** The loop of `Ledger.payNet` (a reserve account and deposits): `pay` inline, in agent order. */
function payNetInBulk(
  counterpartValues: Float64Array,
  counterpartIndex: Int32Array,
  counterpartSector: number,
  values: Float64Array,
  issuer: Int32Array,
  sector: number,
  net: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
): void {
  const n = net.length;
  for (let i = 0; i < n; i++) {
    const amount = net[i];
    if (amount > 0) {
      counterpartValues[counterpartIndex[i]] -= amount;
      const bank = issuer[i];
      values[i] += amount;
      bankDeposits[bank] += amount;
      bankReserves[bank] += amount;
      flowMatrix[row + counterpartSector] -= amount;
      flowMatrix[row + sector] += amount;
      saving[counterpartSector] -= amount;
      saving[sector] += amount;
      grossFlows[counterpartSector] += amount;
      grossFlows[sector] += amount;
    } else if (amount < 0) {
      const paid = -amount;
      const bank = issuer[i];
      values[i] -= paid;
      bankDeposits[bank] -= paid;
      bankReserves[bank] -= paid;
      counterpartValues[counterpartIndex[i]] += paid;
      flowMatrix[row + sector] -= paid;
      flowMatrix[row + counterpartSector] += paid;
      saving[sector] -= paid;
      saving[counterpartSector] += paid;
      grossFlows[sector] += paid;
      grossFlows[counterpartSector] += paid;
    }
  }
}

/**
 * The loop of `Ledger.subscribeEach` (deposits to a reserve account): `issue`, `issue` and `pay` inline, in
 * agent order. The issuer's three totals are carried in local variables over the range and written back at
 * its end (the same additions in the same order: JavaScript adds doubles alike in a register or an array).
 * With three banks their deposits and reserves are carried in local variables too (`subscribeThreeBanks`).
 */
function subscribeInBulk(
  firstHeld: Float64Array,
  firsts: Float64Array,
  firstOwed: Float64Array,
  secondHeld: Float64Array,
  seconds: Float64Array,
  secondOwed: Float64Array,
  issuer: number,
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  paid: Float64Array,
  payeeValues: Float64Array,
  to: number,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  start: number,
  end: number,
): void {
  if (bankDeposits.length === 3 && bankReserves.length === 3) {
    subscribeThreeBanks(firstHeld, firsts, firstOwed, secondHeld, seconds, secondOwed, issuer, payerValues, payerIssuer, paid, payeeValues, to, bankDeposits, bankReserves, start, end);
    return;
  }
  let first = firstOwed[issuer];
  let second = secondOwed[issuer];
  let received = payeeValues[to];
  for (let i = start; i < end; i++) {
    const amount = paid[i];
    if (!(amount > 0)) continue;
    firstHeld[i] += firsts[i];
    first += firsts[i];
    secondHeld[i] += seconds[i];
    second += seconds[i];
    const bank = payerIssuer[i];
    payerValues[i] -= amount;
    bankDeposits[bank] -= amount;
    bankReserves[bank] -= amount;
    received += amount;
  }
  firstOwed[issuer] = first;
  secondOwed[issuer] = second;
  payeeValues[to] = received;
}

/**
 * `subscribeInBulk` with three banks, whose deposits and reserves are carried in local variables too: no
 * chain of subtractions through memory (a bank's entry loaded back a few buyers after it was stored). Each
 * payment is taken from its bank's pair of locals behind a branch on the bank, which the processor
 * predicts: households' banks cycle 0, 1, 2 (nine in ten households buy, so the cycle is seldom broken).
 * The same speed in the model as taking amount · (the payer's bank is b) from all three pairs, without
 * that form's second pass for an infinite amount (∞ · 0 is NaN) and its ±0 arguments.
 */
function subscribeThreeBanks(
  firstHeld: Float64Array,
  firsts: Float64Array,
  firstOwed: Float64Array,
  secondHeld: Float64Array,
  seconds: Float64Array,
  secondOwed: Float64Array,
  issuer: number,
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  paid: Float64Array,
  payeeValues: Float64Array,
  to: number,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  start: number,
  end: number,
): void {
  let first = firstOwed[issuer];
  let second = secondOwed[issuer];
  let received = payeeValues[to];
  let deposits0 = bankDeposits[0];
  let deposits1 = bankDeposits[1];
  let deposits2 = bankDeposits[2];
  let reserves0 = bankReserves[0];
  let reserves1 = bankReserves[1];
  let reserves2 = bankReserves[2];
  for (let i = start; i < end; i++) {
    const amount = paid[i];
    if (!(amount > 0)) continue;
    firstHeld[i] += firsts[i];
    first += firsts[i];
    secondHeld[i] += seconds[i];
    second += seconds[i];
    const bank = payerIssuer[i];
    payerValues[i] -= amount;
    if (bank === 0) {
      deposits0 -= amount;
      reserves0 -= amount;
    } else if (bank === 1) {
      deposits1 -= amount;
      reserves1 -= amount;
    } else if (bank === 2) {
      deposits2 -= amount;
      reserves2 -= amount;
    }
    received += amount;
  }
  firstOwed[issuer] = first;
  secondOwed[issuer] = second;
  payeeValues[to] = received;
  bankDeposits[0] = deposits0;
  bankDeposits[1] = deposits1;
  bankDeposits[2] = deposits2;
  bankReserves[0] = reserves0;
  bankReserves[1] = reserves1;
  bankReserves[2] = reserves2;
}

/**
 * The loop of `Ledger.payEachToIndex` (deposits to deposits) for payers start…end − 1 (a chunk: see
 * `BULK_CHUNK`): `pay` inline, in payer order. The payees' banks (and their deposits, summed where nothing
 * reads them) are fetched first, in a loop of independent loads whose cache misses overlap, as in
 * `payAndLendInBulk`: payees are scattered (SMEs' owners among all households), and in the payments' loop
 * each miss held up the branch on the payee's bank. The flow record's cells stay in their arrays, as in
 * `payAndLendInBulk`: carried in local variables, they had to be stored after the loop, code with no type
 * feedback when the loop was first compiled (on stack, in the first call); with one call a month per
 * 4096 payers the function never left that code, which went back to the interpreter at the end of every
 * call (five deoptimizations a month at 200,000 households).
 */
function payToIndexInBulk(
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  payerSector: number,
  amounts: Float64Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeSector: number,
  payeeIndex: Int32Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
  start: number,
  end: number,
): void {
  const banks = fetchPayeeBanks(payeeIndex, payeeIssuer, payeeValues, start, end);
  for (let i = start; i < end; i++) {
    const amount = amounts[i];
    if (!(amount > 0)) continue;
    const to = payeeIndex[i];
    const payerBank = payerIssuer[i];
    const payeeBank = banks[i - start];
    payerValues[i] -= amount;
    payeeValues[to] += amount;
    if (payerBank !== payeeBank) {
      bankDeposits[payerBank] -= amount;
      bankReserves[payerBank] -= amount;
      bankDeposits[payeeBank] += amount;
      bankReserves[payeeBank] += amount;
    }
    flowMatrix[row + payerSector] -= amount;
    flowMatrix[row + payeeSector] += amount;
    saving[payerSector] -= amount;
    saving[payeeSector] += amount;
    grossFlows[payerSector] += amount;
    grossFlows[payeeSector] += amount;
  }
}

/**
 * The loop of `Ledger.payAndLendEachRange` (deposits to deposits): per agent, `pay` inline (as in
 * `payToIndexInBulk`), then the line cut and the loan change as `lendInBulk` moves a loan (a cut as a
 * negative loan), in agent order.
 */
function payAndLendInBulk(
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  payerSector: number,
  payments: Float64Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeSector: number,
  payeeIndex: Int32Array,
  lent: Float64Array,
  lenderOf: Int32Array,
  owed: Float64Array,
  cuts: Float64Array,
  changes: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
  start: number,
  end: number,
): void {
  const banks = fetchPayeeBanks(payeeIndex, payeeIssuer, payeeValues, start, end);
  for (let j = start; j < end; j++) {
    const payerBank = payerIssuer[j];
    const amount = payments[j];
    if (amount > 0) {
      const to = payeeIndex[j];
      const payeeBank = banks[j - start];
      payerValues[j] -= amount;
      payeeValues[to] += amount;
      if (payerBank !== payeeBank) {
        bankDeposits[payerBank] -= amount;
        bankReserves[payerBank] -= amount;
        bankDeposits[payeeBank] += amount;
        bankReserves[payeeBank] += amount;
      }
      flowMatrix[row + payerSector] -= amount;
      flowMatrix[row + payeeSector] += amount;
      saving[payerSector] -= amount;
      saving[payeeSector] += amount;
      grossFlows[payerSector] += amount;
      grossFlows[payeeSector] += amount;
    }
    const bank = lenderOf[j];
    const cut = cuts[j];
    if (cut > 0) {
      // `repay`: the loan and the deposit fall by the cut (creditFromBank of −cut).
      const moved = -cut;
      lent[bank] -= cut;
      owed[j] -= cut;
      payerValues[j] += moved;
      bankDeposits[payerBank] += moved;
      if (payerBank !== bank) {
        bankReserves[bank] -= moved;
        bankReserves[payerBank] += moved;
      }
    }
    const change = changes[j];
    if (change > 0 || change < 0) {
      lent[bank] += change;
      owed[j] += change;
      payerValues[j] += change;
      bankDeposits[payerBank] += change;
      if (payerBank !== bank) {
        bankReserves[bank] -= change;
        bankReserves[payerBank] += change;
      }
    }
  }
}

/**
 * The banks of the payees of agents start…end − 1, by position in the range, fetched (with the payees'
 * deposits, summed where nothing reads them) in a loop of independent loads whose cache misses overlap:
 * payees are scattered (SMEs' owners among all households), and in a payments' loop each miss held up the
 * branch on the payee's bank. For `payToIndexInBulk` and `payAndLendInBulk`.
 */
function fetchPayeeBanks(payeeIndex: Int32Array, payeeIssuer: Int32Array, payeeValues: Float64Array, start: number, end: number): Int32Array {
  if (payeeBanks.length < end - start) payeeBanks = new Int32Array(end - start);
  const banks = payeeBanks;
  let touched = 0;
  for (let i = start; i < end; i++) {
    const to = payeeIndex[i];
    banks[i - start] = payeeIssuer[to];
    touched += payeeValues[to];
  }
  prefetchSink[0] = touched;
  return banks;
}

/** `fetchPayeeBanks`'s result, by position in the range (grown once if a range is longer). */
let payeeBanks = new Int32Array(4096);

/** Where `fetchPayeeBanks`' loads of the payees' deposits leave their sum (read by nothing: the loads are what it is for). */
const prefetchSink = new Float64Array(1);

/**
 * The loop of `Ledger.settleDeposits`: `settlePieces` between two books of deposits, the arithmetic of its
 * deposit-to-deposit case in the same order, in a function of its own. `settlePieces` serves payers and
 * payees of every kind, kept losing its optimized code on these calls, and ran in the interpreter boxing
 * every number (4.8 MB a month at 100,000 households for the corporate coupons alone). A copy on purpose:
 * with every deposit-to-deposit `settle` sent here instead, the coupons' pass allocated 4.9 MB a month
 * again. Keep the two in step (test/sim/ledgerBulkPayments.test.ts holds both to the same payments).
 * Leaves its position in `settleState`, as `settlePieces` does.
 */
function settleDepositsInBulk(
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  payerAmounts: Float64Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeAmounts: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  payerCell: number,
  payeeCell: number,
  payerSector: number,
  payeeSector: number,
): void {
  const nLeft = payerAmounts.length;
  const nRight = payeeAmounts.length;
  let i = 0;
  let j = 0;
  while (i < nLeft && !(payerAmounts[i] > 0)) i++;
  while (j < nRight && !(payeeAmounts[j] > 0)) j++;
  let owed = i < nLeft ? payerAmounts[i] : 0;
  let due = j < nRight ? payeeAmounts[j] : 0;
  let lastRight = j;
  let matched = 0;
  while (i < nLeft && j < nRight) {
    const amount = owed < due ? owed : due;
    if (amount > 0) {
      const payerBank = payerIssuer[i];
      const payeeBank = payeeIssuer[j];
      payerValues[i] -= amount;
      payeeValues[j] += amount;
      if (payerBank !== payeeBank) {
        bankDeposits[payerBank] -= amount;
        bankReserves[payerBank] -= amount;
        bankDeposits[payeeBank] += amount;
        bankReserves[payeeBank] += amount;
      }
      flowMatrix[payerCell] -= amount;
      flowMatrix[payeeCell] += amount;
      saving[payerSector] -= amount;
      saving[payeeSector] += amount;
      grossFlows[payerSector] += amount;
      grossFlows[payeeSector] += amount;
    }
    lastRight = j;
    matched += amount;
    owed -= amount;
    due -= amount;
    if (owed <= 0) {
      i++;
      while (i < nLeft && !(payerAmounts[i] > 0)) i++;
      owed = i < nLeft ? payerAmounts[i] : 0;
    }
    if (due <= 0) {
      j++;
      while (j < nRight && !(payeeAmounts[j] > 0)) j++;
      due = j < nRight ? payeeAmounts[j] : 0;
    }
  }
  keepSettlement(i, j, owed, due, lastRight, matched);
}

/**
 * 1 when two banks differ, 0 when they are the same, in integer arithmetic (no branch). A payment between
 * customers of one bank moves no bank money; but a branch on "same bank?" goes either way at random (each
 * customer's bank is drawn) and the processor mispredicts it about once in three payments. The wage loop
 * (`withholdingChunk`), where both banks change from one payment to the next, therefore moves
 * amount × differentBanks(…) every time: a zero when the banks are alike. Adding or
 * subtracting a zero leaves a number unchanged bit for bit unless it is −0, and no book's entry ever is: books
 * start at +0 and change only by additions and subtractions, whose result is −0 only when an operand was.
 */
function differentBanks(a: number, b: number): number {
  const difference = a - b;
  return (difference | -difference) >>> 31;
}

/**
 * `Ledger.payNetAndFrom`'s loop for agents start…end − 1 when both flows are recorded in one row and the
 * three sectors differ (a chunk: see `BULK_CHUNK`): the arithmetic of `pay` in order, the nine cells of the
 * flow record and the second payer's account carried in local variables over the chunk and stored after it
 * (the same additions in the same order: the cells are distinct). The counterpart's account may be the
 * banks' reserves (interest with each household's own bank), so both stay in their arrays.
 */
function netAndFromChunk(
  counterpartValues: Float64Array,
  counterpartIndex: Int32Array,
  counterpartSector: number,
  values: Float64Array,
  issuer: Int32Array,
  sector: number,
  net: Float64Array,
  secondValues: Float64Array,
  secondSector: number,
  second: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
  start: number,
  end: number,
): void {
  let counterpartFlow = flowMatrix[row + counterpartSector];
  let payeeFlow = flowMatrix[row + sector];
  let secondFlow = flowMatrix[row + secondSector];
  let counterpartSaving = saving[counterpartSector];
  let payeeSaving = saving[sector];
  let secondSaving = saving[secondSector];
  let counterpartGross = grossFlows[counterpartSector];
  let payeeGross = grossFlows[sector];
  let secondGross = grossFlows[secondSector];
  let secondAccount = secondValues[0];
  for (let i = start; i < end; i++) {
    const amount = net[i];
    if (amount > 0) {
      counterpartValues[counterpartIndex[i]] -= amount;
      const bank = issuer[i];
      values[i] += amount;
      bankDeposits[bank] += amount;
      bankReserves[bank] += amount;
      counterpartFlow -= amount;
      payeeFlow += amount;
      counterpartSaving -= amount;
      payeeSaving += amount;
      counterpartGross += amount;
      payeeGross += amount;
    } else if (amount < 0) {
      const paid = -amount;
      const bank = issuer[i];
      values[i] -= paid;
      bankDeposits[bank] -= paid;
      bankReserves[bank] -= paid;
      counterpartValues[counterpartIndex[i]] += paid;
      payeeFlow -= paid;
      counterpartFlow += paid;
      payeeSaving -= paid;
      counterpartSaving += paid;
      payeeGross += paid;
      counterpartGross += paid;
    }
    const received = second[i];
    if (received > 0) {
      secondAccount -= received;
      const bank = issuer[i];
      values[i] += received;
      bankDeposits[bank] += received;
      bankReserves[bank] += received;
      secondFlow -= received;
      payeeFlow += received;
      secondSaving -= received;
      payeeSaving += received;
      secondGross += received;
      payeeGross += received;
    }
  }
  flowMatrix[row + counterpartSector] = counterpartFlow;
  flowMatrix[row + sector] = payeeFlow;
  flowMatrix[row + secondSector] = secondFlow;
  saving[counterpartSector] = counterpartSaving;
  saving[sector] = payeeSaving;
  saving[secondSector] = secondSaving;
  grossFlows[counterpartSector] = counterpartGross;
  grossFlows[sector] = payeeGross;
  grossFlows[secondSector] = secondGross;
  secondValues[0] = secondAccount;
}

/**
 * `netAndFromChunk` when the counterpart is each agent's own bank, paying from and into its reserves (the
 * counterpart's account is the banks' reserves and counterpartIndex the agents' banks: interest as the model
 * pays it), without a branch on the sign of net[i]: a quarter of households receive net interest and the rest
 * pay it, as good as random from one household to the next, and the processor mispredicted the sign about
 * once in three households. Whichever way it goes, the bank's reserves lose |net| and regain it (paying its
 * depositor, then holding the deposit it pays to; or losing the deposit, then being paid) — subtracted, then
 * added, as `pay` does in either direction; the agent's deposits, its bank's deposits and the flow cells
 * move by net[i] (adding −paid is subtracting paid, bit for bit) and the gross flows by |net[i]|. A zero
 * net adds and subtracts zeros, which leave every cell unchanged: none is ever −0 (see `differentBanks`).
 * The same additions in the same order as `netAndFromChunk`, whose other cells this shares.
 */
function ownBankNetAndFromChunk(
  reserves: Float64Array,
  counterpartSector: number,
  values: Float64Array,
  issuer: Int32Array,
  sector: number,
  net: Float64Array,
  secondValues: Float64Array,
  secondSector: number,
  second: Float64Array,
  bankDeposits: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
  start: number,
  end: number,
): void {
  let counterpartFlow = flowMatrix[row + counterpartSector];
  let payeeFlow = flowMatrix[row + sector];
  let secondFlow = flowMatrix[row + secondSector];
  let counterpartSaving = saving[counterpartSector];
  let payeeSaving = saving[sector];
  let secondSaving = saving[secondSector];
  let counterpartGross = grossFlows[counterpartSector];
  let payeeGross = grossFlows[sector];
  let secondGross = grossFlows[secondSector];
  let secondAccount = secondValues[0];
  for (let i = start; i < end; i++) {
    const amount = net[i];
    const size = Math.abs(amount);
    const bank = issuer[i];
    reserves[bank] -= size;
    values[i] += amount;
    bankDeposits[bank] += amount;
    reserves[bank] += size;
    counterpartFlow -= amount;
    payeeFlow += amount;
    counterpartSaving -= amount;
    payeeSaving += amount;
    counterpartGross += size;
    payeeGross += size;
    const received = second[i];
    if (received > 0) {
      secondAccount -= received;
      values[i] += received;
      bankDeposits[bank] += received;
      reserves[bank] += received;
      secondFlow -= received;
      payeeFlow += received;
      secondSaving -= received;
      payeeSaving += received;
      secondGross += received;
      payeeGross += received;
    }
  }
  flowMatrix[row + counterpartSector] = counterpartFlow;
  flowMatrix[row + sector] = payeeFlow;
  flowMatrix[row + secondSector] = secondFlow;
  saving[counterpartSector] = counterpartSaving;
  saving[sector] = payeeSaving;
  saving[secondSector] = secondSaving;
  grossFlows[counterpartSector] = counterpartGross;
  grossFlows[sector] = payeeGross;
  grossFlows[secondSector] = secondGross;
  secondValues[0] = secondAccount;
}

/**
 * `Ledger.payBothWaysEach`'s loop for agents start…end − 1 (a chunk: see `BULK_CHUNK`) in the model's
 * pattern: `a` a reserve account of its own sector, `b` deposits, the two backward flows in one row (taxes)
 * and the other rows distinct. Each pair settles as one movement of money and records its two flows (the
 * arithmetic of `payBothWays` in order); the eight cells of the flow record and `a`'s account are carried in
 * local variables over the chunk and stored after it — the same additions in the same order.
 *
 * Without a branch on the sign of the net payment or on a zero payment back: the agent's deposits and its
 * bank's deposits and reserves move by net = forward − back, `a`'s account by −net (for a net < 0, adding net
 * is subtracting −net, bit for bit, as `payBothWays` does), and the flows back by back (0 when there is none).
 * Whether a household's net is positive (transfers above its capital tax) or its tax zero is as good as
 * random from one household to the next, and the processor mispredicted those branches. A zero moves zeros,
 * which change no cell: adding or subtracting +0 leaves a number unchanged bit for bit unless it is −0, and no
 * book entry or flow cell ever is (see `differentBanks`).
 */
function bothWaysChunk(
  aValues: Float64Array,
  aSector: number,
  bValues: Float64Array,
  issuer: Int32Array,
  bSector: number,
  twice: boolean,
  extra: number,
  firstBack: Float64Array,
  forward: Float64Array,
  back: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  firstRow: number,
  forwardRow: number,
  backRow: number,
  start: number,
  end: number,
): void {
  let account = aValues[0];
  let firstFlowA = flowMatrix[firstRow + aSector];
  let firstFlowB = flowMatrix[firstRow + bSector];
  let forwardFlowA = flowMatrix[forwardRow + aSector];
  let forwardFlowB = flowMatrix[forwardRow + bSector];
  let backFlowA = flowMatrix[backRow + aSector];
  let backFlowB = flowMatrix[backRow + bSector];
  let savingA = saving[aSector];
  let savingB = saving[bSector];
  let grossA = grossFlows[aSector];
  let grossB = grossFlows[bSector];
  for (let i = start; i < end; i++) {
    const bank = issuer[i];
    if (twice) {
      const fwd = extra;
      const bck = firstBack[i];
      const net = fwd - bck;
      account -= net;
      bValues[i] += net;
      bankDeposits[bank] += net;
      bankReserves[bank] += net;
      if (fwd !== 0) {
        firstFlowA -= fwd;
        firstFlowB += fwd;
        savingA -= fwd;
        savingB += fwd;
        const size = Math.abs(fwd);
        grossA += size;
        grossB += size;
      }
      backFlowB -= bck;
      backFlowA += bck;
      savingB -= bck;
      savingA += bck;
      const backSize = Math.abs(bck);
      grossB += backSize;
      grossA += backSize;
    }
    const fwd = forward[i];
    const bck = back[i];
    const net = fwd - bck;
    account -= net;
    bValues[i] += net;
    bankDeposits[bank] += net;
    bankReserves[bank] += net;
    if (fwd !== 0) {
      forwardFlowA -= fwd;
      forwardFlowB += fwd;
      savingA -= fwd;
      savingB += fwd;
      const size = Math.abs(fwd);
      grossA += size;
      grossB += size;
    }
    backFlowB -= bck;
    backFlowA += bck;
    savingB -= bck;
    savingA += bck;
    const backSize = Math.abs(bck);
    grossB += backSize;
    grossA += backSize;
  }
  aValues[0] = account;
  flowMatrix[firstRow + aSector] = firstFlowA;
  flowMatrix[firstRow + bSector] = firstFlowB;
  flowMatrix[forwardRow + aSector] = forwardFlowA;
  flowMatrix[forwardRow + bSector] = forwardFlowB;
  flowMatrix[backRow + aSector] = backFlowA;
  flowMatrix[backRow + bSector] = backFlowB;
  saving[aSector] = savingA;
  saving[bSector] = savingB;
  grossFlows[aSector] = grossA;
  grossFlows[bSector] = grossB;
}

/**
 * `Ledger.payWithWithholding`'s inline loop for agents start…end − 1 (a chunk: see `BULK_CHUNK`; once a month
 * with one long loop, the code compiled on stack boxed every agent's numbers): each wage paid deposit to
 * deposit, then the tax withheld paid to the collector's reserve account, the arithmetic of `pay` in order.
 * The movements between banks are made without a branch (`differentBanks`); the payee's and the collector's cells
 * of the flow record (and the collector's account) are carried in local variables over the chunk and stored
 * after it — the same additions in the same order, for cells that are distinct from each other and from the
 * payers' (checked by the caller). The payers' cells, of two sectors taken in turn, stay in the arrays.
 */
function withholdingChunk(
  payerBooks: readonly Book[],
  payerKind: Uint8Array,
  payerIndex: Int32Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeSector: number,
  amounts: Float64Array,
  withheld: Float64Array,
  collectorValues: Float64Array,
  collectorSector: number,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
  withheldRow: number,
  start: number,
  end: number,
): void {
  let payeeFlow = flowMatrix[row + payeeSector];
  let payeeWithheldFlow = flowMatrix[withheldRow + payeeSector];
  let collectorFlow = flowMatrix[withheldRow + collectorSector];
  let payeeSaving = saving[payeeSector];
  let collectorSaving = saving[collectorSector];
  let payeeGross = grossFlows[payeeSector];
  let collectorGross = grossFlows[collectorSector];
  let collected = collectorValues[0];
  for (let i = start; i < end; i++) {
    const amount = amounts[i];
    if (amount === 0) continue;
    const payer = payerBooks[payerKind[i]];
    const from = payerIndex[i];
    const payerSector = payer.sector;
    // The payment, deposit to deposit, and the withholding, deposit to a reserve account: the payee's
    // deposit and its bank's cells take the wage, then lose the tax, each read and stored once.
    const payerBank = payer.issuerOf![from];
    const payeeBank = payeeIssuer[i];
    const tax = withheld[i];
    payer.values[from] -= amount;
    payeeValues[i] = payeeValues[i] + amount - tax;
    const moved = amount * differentBanks(payerBank, payeeBank);
    bankDeposits[payerBank] -= moved;
    bankReserves[payerBank] -= moved;
    bankDeposits[payeeBank] = bankDeposits[payeeBank] + moved - tax;
    bankReserves[payeeBank] = bankReserves[payeeBank] + moved - tax;
    flowMatrix[row + payerSector] -= amount;
    payeeFlow += amount;
    saving[payerSector] -= amount;
    payeeSaving += amount;
    const size = amount < 0 ? -amount : amount;
    grossFlows[payerSector] += size;
    payeeGross += size;
    collected += tax;
    payeeWithheldFlow -= tax;
    collectorFlow += tax;
    payeeSaving -= tax;
    collectorSaving += tax;
    const taxSize = tax < 0 ? -tax : tax;
    payeeGross += taxSize;
    collectorGross += taxSize;
  }
  flowMatrix[row + payeeSector] = payeeFlow;
  flowMatrix[withheldRow + payeeSector] = payeeWithheldFlow;
  flowMatrix[withheldRow + collectorSector] = collectorFlow;
  saving[payeeSector] = payeeSaving;
  saving[collectorSector] = collectorSaving;
  grossFlows[payeeSector] = payeeGross;
  grossFlows[collectorSector] = collectorGross;
  collectorValues[0] = collected;
}

/** Most pieces one call of `settleDepositChunk` pays (a chunk: see `BULK_CHUNK`). */
const SETTLE_CHUNK = 4096;

/**
 * `settleDepositsInBulk`'s loop, resumable: at most `SETTLE_CHUNK` pieces from the position in
 * `settleState`, which it updates. The six cells of the month's flow record it moves (the payer's and the
 * payee's flow, saving and gross flows) are carried in local variables over the chunk and stored after it:
 * the same additions in the same order, for cells that are six distinct numbers (payer and payee of
 * different sectors, or a FINANCIAL settlement's record, which is a sink nobody reads). Called many times
 * a settlement, it is compiled whole, not on stack (see `BULK_CHUNK`). (Bank money moves behind a branch
 * here, not as in `differentBanks`: with one side at one bank for long runs the branch is cheap, and the
 * branch-free form ran, from one process to the next, either faster or three times slower.)
 *
 * Settlements between households and a few firms are long runs of pieces with one side fixed: many payers
 * each paying all it owes to one payee (0 < owed < due: the payer moves on, the payee's due stays > 0, as
 * x − y > 0 when y < x), or one payer paying many payees in full (0 < due < owed). Such a run is paid in
 * an inner loop with the fixed side's money and its bank's deposits and reserves carried in local
 * variables and stored after the run: in the general loop each piece loaded, added to and stored the same
 * three cells, each access with its array's checks (a settlement of 200,000 households with 300 firms took
 * 1.0 ms either way, 0.7 with the runs). Each cell takes the same additions in the same order: the moving
 * side's bank is touched only when it differs from the fixed side's, and the two books of money must be
 * distinct arrays (else the general loop pays every piece).
 */
function settleDepositChunk(
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  payerAmounts: Float64Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeAmounts: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  payerCell: number,
  payeeCell: number,
  payerSector: number,
  payeeSector: number,
): void {
  const nLeft = payerAmounts.length;
  const nRight = payeeAmounts.length;
  let i = settleState[0] | 0;
  let j = settleState[1] | 0;
  let owed = settleState[2];
  let due = settleState[3];
  let lastRight = settleState[4] | 0;
  let matched = settleState[5];
  let payerFlow = flowMatrix[payerCell];
  let payeeFlow = flowMatrix[payeeCell];
  let payerSaving = saving[payerSector];
  let payeeSaving = saving[payeeSector];
  let payerGross = grossFlows[payerSector];
  let payeeGross = grossFlows[payeeSector];
  let pieces = 0;
  const runs = payerValues !== payeeValues;
  while (i < nLeft && j < nRight && pieces < SETTLE_CHUNK) {
    if (runs && owed > 0 && owed < due) {
      // Payers i… each paying all it owes to payee j.
      const payeeBank = payeeIssuer[j];
      let payeeMoney = payeeValues[j];
      let payeeBankDeposits = bankDeposits[payeeBank];
      let payeeBankReserves = bankReserves[payeeBank];
      do {
        pieces++;
        const amount = owed;
        const payerBank = payerIssuer[i];
        payerValues[i] -= amount;
        payeeMoney += amount;
        if (payerBank !== payeeBank) {
          bankDeposits[payerBank] -= amount;
          bankReserves[payerBank] -= amount;
          payeeBankDeposits += amount;
          payeeBankReserves += amount;
        }
        payerFlow -= amount;
        payeeFlow += amount;
        payerSaving -= amount;
        payeeSaving += amount;
        payerGross += amount;
        payeeGross += amount;
        matched += amount;
        due -= amount;
        owed = 0;
        while (++i < nLeft) {
          const next = payerAmounts[i];
          if (next > 0) {
            owed = next;
            break;
          }
        }
      } while (owed > 0 && owed < due && pieces < SETTLE_CHUNK);
      payeeValues[j] = payeeMoney;
      bankDeposits[payeeBank] = payeeBankDeposits;
      bankReserves[payeeBank] = payeeBankReserves;
      lastRight = j;
      continue;
    }
    if (runs && due > 0 && due < owed) {
      // Payer i paying payees j… each all it is due.
      const payerBank = payerIssuer[i];
      let payerMoney = payerValues[i];
      let payerBankDeposits = bankDeposits[payerBank];
      let payerBankReserves = bankReserves[payerBank];
      do {
        pieces++;
        const amount = due;
        const payeeBank = payeeIssuer[j];
        payerMoney -= amount;
        payeeValues[j] += amount;
        if (payerBank !== payeeBank) {
          payerBankDeposits -= amount;
          payerBankReserves -= amount;
          bankDeposits[payeeBank] += amount;
          bankReserves[payeeBank] += amount;
        }
        payerFlow -= amount;
        payeeFlow += amount;
        payerSaving -= amount;
        payeeSaving += amount;
        payerGross += amount;
        payeeGross += amount;
        lastRight = j;
        matched += amount;
        owed -= amount;
        due = 0;
        while (++j < nRight) {
          const next = payeeAmounts[j];
          if (next > 0) {
            due = next;
            break;
          }
        }
      } while (due > 0 && due < owed && pieces < SETTLE_CHUNK);
      payerValues[i] = payerMoney;
      bankDeposits[payerBank] = payerBankDeposits;
      bankReserves[payerBank] = payerBankReserves;
      continue;
    }
    pieces++;
    const amount = owed < due ? owed : due;
    if (amount > 0) {
      const payerBank = payerIssuer[i];
      const payeeBank = payeeIssuer[j];
      payerValues[i] -= amount;
      payeeValues[j] += amount;
      if (payerBank !== payeeBank) {
        bankDeposits[payerBank] -= amount;
        bankReserves[payerBank] -= amount;
        bankDeposits[payeeBank] += amount;
        bankReserves[payeeBank] += amount;
      }
      payerFlow -= amount;
      payeeFlow += amount;
      payerSaving -= amount;
      payeeSaving += amount;
      payerGross += amount;
      payeeGross += amount;
    }
    lastRight = j;
    matched += amount;
    owed -= amount;
    due -= amount;
    if (owed <= 0) {
      owed = 0;
      while (++i < nLeft) {
        const next = payerAmounts[i];
        if (next > 0) {
          owed = next;
          break;
        }
      }
    }
    if (due <= 0) {
      due = 0;
      while (++j < nRight) {
        const next = payeeAmounts[j];
        if (next > 0) {
          due = next;
          break;
        }
      }
    }
  }
  flowMatrix[payerCell] = payerFlow;
  flowMatrix[payeeCell] = payeeFlow;
  saving[payerSector] = payerSaving;
  saving[payeeSector] = payeeSaving;
  grossFlows[payerSector] = payerGross;
  grossFlows[payeeSector] = payeeGross;
  keepSettlement(i, j, owed, due, lastRight, matched);
}

/**
 * `settlePieces`' loop for money of any kind, resumable like `settleDepositChunk` (at most `SETTLE_CHUNK`
 * pieces from the position in `settleState`, the six cells of the flow record carried in local variables
 * over the chunk: for cells that are six distinct numbers). Money codes: 1 deposits, 2 a reserve account,
 * 3 the central bank.
 */
function settleChunk(
  payerValues: Float64Array,
  payerIssuer: Int32Array,
  payerCode: number,
  payerAmounts: Float64Array,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeCode: number,
  payeeAmounts: Float64Array,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  centralBankAccounts: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  payerCell: number,
  payeeCell: number,
  payerSector: number,
  payeeSector: number,
): void {
  const nLeft = payerAmounts.length;
  const nRight = payeeAmounts.length;
  let i = settleState[0] | 0;
  let j = settleState[1] | 0;
  let owed = settleState[2];
  let due = settleState[3];
  let lastRight = settleState[4] | 0;
  let matched = settleState[5];
  let payerFlow = flowMatrix[payerCell];
  let payeeFlow = flowMatrix[payeeCell];
  let payerSaving = saving[payerSector];
  let payeeSaving = saving[payeeSector];
  let payerGross = grossFlows[payerSector];
  let payeeGross = grossFlows[payeeSector];
  let pieces = 0;
  while (i < nLeft && j < nRight && pieces < SETTLE_CHUNK) {
    pieces++;
    const amount = owed < due ? owed : due;
    if (amount > 0) {
      if (payerCode === 1) {
        const bank = payerIssuer[i];
        payerValues[i] -= amount;
        bankDeposits[bank] -= amount;
        bankReserves[bank] -= amount;
      } else if (payerCode === 2) {
        payerValues[i] -= amount;
      } else {
        centralBankAccounts[0] += amount;
      }
      if (payeeCode === 1) {
        const bank = payeeIssuer[j];
        payeeValues[j] += amount;
        bankDeposits[bank] += amount;
        bankReserves[bank] += amount;
      } else if (payeeCode === 2) {
        payeeValues[j] += amount;
      } else {
        centralBankAccounts[0] -= amount;
      }
      payerFlow -= amount;
      payeeFlow += amount;
      payerSaving -= amount;
      payeeSaving += amount;
      payerGross += amount;
      payeeGross += amount;
    }
    lastRight = j;
    matched += amount;
    owed -= amount;
    due -= amount;
    if (owed <= 0) {
      owed = 0;
      while (++i < nLeft) {
        const next = payerAmounts[i];
        if (next > 0) {
          owed = next;
          break;
        }
      }
    }
    if (due <= 0) {
      due = 0;
      while (++j < nRight) {
        const next = payeeAmounts[j];
        if (next > 0) {
          due = next;
          break;
        }
      }
    }
  }
  flowMatrix[payerCell] = payerFlow;
  flowMatrix[payeeCell] = payeeFlow;
  saving[payerSector] = payerSaving;
  saving[payeeSector] = payeeSaving;
  grossFlows[payerSector] = payerGross;
  grossFlows[payeeSector] = payeeGross;
  keepSettlement(i, j, owed, due, lastRight, matched);
}

/** `settleState` at the start of a settlement: the first payer and payee with an amount > 0 (`settlePieces`' opening). */
function openSettlement(payerAmounts: Float64Array, payeeAmounts: Float64Array): void {
  const nLeft = payerAmounts.length;
  const nRight = payeeAmounts.length;
  let i = 0;
  let j = 0;
  while (i < nLeft && !(payerAmounts[i] > 0)) i++;
  while (j < nRight && !(payeeAmounts[j] > 0)) j++;
  keepSettlement(i, j, i < nLeft ? payerAmounts[i] : 0, j < nRight ? payeeAmounts[j] : 0, j, 0);
}

/** The loop of `Ledger.payEachFromAccount` (entry 0 of a reserve account to deposits): `pay` inline, in payee order, zero amounts included. */
function payFromAccountInBulk(
  payerValues: Float64Array,
  payerSector: number,
  payeeValues: Float64Array,
  payeeIssuer: Int32Array,
  payeeSector: number,
  amounts: Float64Array,
  n: number,
  bankDeposits: Float64Array,
  bankReserves: Float64Array,
  flowMatrix: Float64Array,
  saving: Float64Array,
  grossFlows: Float64Array,
  row: number,
): void {
  for (let j = 0; j < n; j++) {
    const amount = amounts[j];
    payerValues[0] -= amount;
    const bank = payeeIssuer[j];
    payeeValues[j] += amount;
    bankDeposits[bank] += amount;
    bankReserves[bank] += amount;
    flowMatrix[row + payerSector] -= amount;
    flowMatrix[row + payeeSector] += amount;
    saving[payerSector] -= amount;
    saving[payeeSector] += amount;
    const size = Math.abs(amount);
    grossFlows[payerSector] += size;
    grossFlows[payeeSector] += size;
  }
}

/** Which of the three funds of `settleFundsProRata` settle this month, and each one's money and units exchanged (reused). */
const proRataActive = new Uint8Array(3);
const proRataTotals = new Float64Array(3);
const proRataTotalUnits = new Float64Array(3);

/**
 * `settleFundsProRata`'s pass over holders start…end − 1 (a chunk: see `BULK_CHUNK`): for each holder, fund
 * by fund, the amount it owes (`exchangeFundUnits`' amount: −cash · units / outstanding, a payment capped at
 * its deposits) and the exchange of money for units at net asset value; sums per fund into `totals` and
 * `totalUnits`, bank settlements into `net` (fund j's at offset j · bankCount).
 *
 * The chunk's holders of any of the three funds are listed first, without a branch (k += whether the sum
 * of their units' sizes is not zero, which it is exactly when one of them is not ±0): about four in ten
 * households hold no pool units, scattered among the holders, so a branch on it was mispredicted about once
 * a holder. A holder with no units (±0) of a fund owes ±0 — skipped below as `amount !== 0` — whenever the
 * fund's cash is finite and its units outstanding positive: then it is passed over with its two divisions.
 * Otherwise (NaN or infinite cash, NaN units) every holder is listed and worked out. The listed holders are
 * then settled in holder order, each holder's money and the sums carried in local variables (the same
 * additions in the same order: the function is called chunk after chunk, so compiled whole).
 */
function settleProRataChunk(
  units0: Float64Array,
  units1: Float64Array,
  units2: Float64Array,
  money: Float64Array,
  banks: Int32Array,
  active: Uint8Array,
  cash: Float64Array,
  outstanding: Float64Array,
  navs: Float64Array,
  net: Float64Array,
  bankCount: number,
  totals: Float64Array,
  totalUnits: Float64Array,
  start: number,
  end: number,
): void {
  const active0 = active[0] === 1;
  const active1 = active[1] === 1;
  const active2 = active[2] === 1;
  const cash0 = cash[0];
  const cash1 = cash[1];
  const cash2 = cash[2];
  const outstanding0 = outstanding[0];
  const outstanding1 = outstanding[1];
  const outstanding2 = outstanding[2];
  const nav0 = navs[0];
  const nav1 = navs[1];
  const nav2 = navs[2];
  const offset1 = bankCount;
  const offset2 = 2 * bankCount;
  const all0 = !(Number.isFinite(cash0) && outstanding0 > 0);
  const all1 = !(Number.isFinite(cash1) && outstanding1 > 0);
  const all2 = !(Number.isFinite(cash2) && outstanding2 > 0);
  const everyone = (active0 && all0) || (active1 && all1) || (active2 && all2) ? 1 : 0;
  const listed = proRataListed;
  let count = 0;
  for (let i = start; i < end; i++) {
    listed[count] = i;
    count += Number(Math.abs(units0[i]) + Math.abs(units1[i]) + Math.abs(units2[i]) !== 0) | everyone;
  }
  let paid0 = totals[0];
  let paid1 = totals[1];
  let paid2 = totals[2];
  let bought0 = totalUnits[0];
  let bought1 = totalUnits[1];
  let bought2 = totalUnits[2];
  for (let k = 0; k < count; k++) {
    const i = listed[k];
    let held = money[i];
    const bank = banks[i];
    if (active0 && (units0[i] !== 0 || all0)) {
      const due = (-cash0 * units0[i]) / outstanding0;
      const amount = due > 0 ? Math.min(due, Math.max(0, held)) : due;
      if (amount !== 0) {
        held -= amount;
        const bought = amount / nav0;
        units0[i] += bought;
        bought0 += bought;
        paid0 += amount;
        net[bank] -= amount;
      }
    }
    if (active1 && (units1[i] !== 0 || all1)) {
      const due = (-cash1 * units1[i]) / outstanding1;
      const amount = due > 0 ? Math.min(due, Math.max(0, held)) : due;
      if (amount !== 0) {
        held -= amount;
        const bought = amount / nav1;
        units1[i] += bought;
        bought1 += bought;
        paid1 += amount;
        net[offset1 + bank] -= amount;
      }
    }
    if (active2 && (units2[i] !== 0 || all2)) {
      const due = (-cash2 * units2[i]) / outstanding2;
      const amount = due > 0 ? Math.min(due, Math.max(0, held)) : due;
      if (amount !== 0) {
        held -= amount;
        const bought = amount / nav2;
        units2[i] += bought;
        bought2 += bought;
        paid2 += amount;
        net[offset2 + bank] -= amount;
      }
    }
    money[i] = held;
  }
  totals[0] = paid0;
  totals[1] = paid1;
  totals[2] = paid2;
  totalUnits[0] = bought0;
  totalUnits[1] = bought1;
  totalUnits[2] = bought2;
}

function notMoney(book: Book): never {
  throw new Error(`ledger: ${book.name} is not a book of settlement money`);
}

export class Ledger {
  readonly books: Book[] = [];
  /** Default unit price per instrument (1 for money). */
  private readonly instrumentPrices: Float64Array[] = [];
  /** This month's current flows: flowMatrix[flow * SECTOR_COUNT + sector], + received, − paid. */
  readonly flowMatrix = new Float64Array(FLOW_COUNT * SECTOR_COUNT);
  /** This month's saving by sector (the sum of its current flows). */
  readonly saving = new Float64Array(SECTOR_COUNT);
  /** This month's revaluation gains by sector. */
  readonly revaluation = new Float64Array(SECTOR_COUNT);
  /** This month's other changes in volume by sector: capital formed − worn out, debts written off (+ for the debtor). */
  readonly otherChanges = new Float64Array(SECTOR_COUNT);
  /** Gross current flows, revaluations and volume changes by sector: the scale of their rounding (read with `grossFlowsBySector`). */
  private readonly grossFlows = new Float64Array(SECTOR_COUNT);
  /** Net worth by sector at the last check. */
  private readonly lastNetWorth = new Float64Array(SECTOR_COUNT);
  private hasBaseline = false;
  /**
   * `check`'s working arrays, allocated once (per instrument, per sector, per book) rather than every
   * month, and its per-issuer balances, worked out from the books when their number changes (`planCheck`).
   * Scratch: nothing in them outlives a check.
   */
  private readonly checkScratch: CheckScratch = {
    held: new Float64Array(INSTRUMENT_COUNT),
    owed: new Float64Array(INSTRUMENT_COUNT),
    grossUnits: new Float64Array(INSTRUMENT_COUNT),
    netWorth: new Float64Array(SECTOR_COUNT),
    gross: new Float64Array(SECTOR_COUNT),
    bookTotals: new Float64Array(0),
    bookValues: new Float64Array(0),
    bookGross: new Float64Array(0),
    books: -1,
    balances: [],
    holdings: [],
  };
  /** Banks' deposit liabilities (one entry per bank) and reserves, once banking is configured. */
  private bankDeposits: Book | null = null;
  private bankReserves: Book | null = null;
  /** Where a FINANCIAL bulk settlement writes the flow record it does not keep. */
  private readonly scratchFlows = new Float64Array(FLOW_COUNT * SECTOR_COUNT);
  /** Per bank: net payments of a bulk operation (allocated on first use). */
  private bankNet: Float64Array | null = null;
  /** The central bank's liability for all reserve accounts (banks' reserves and the treasury's account). */
  private centralBankAccounts: Book | null = null;

  constructor() {
    for (let k = 0; k < INSTRUMENT_COUNT; k++) this.instrumentPrices.push(Float64Array.of(1));
  }

  /** Register a book of `size` agents (allocated here, once). */
  open(name: string, instrument: Instrument, sector: Sector, side: Side, size: number, options: OpenOptions = {}): Book {
    if (REAL_INSTRUMENTS.has(instrument) && side === 'liability') {
      throw new Error(`ledger: ${INSTRUMENT_NAMES[instrument]} is a real asset and cannot be a liability (book ${name})`);
    }
    const perEntryPrices = options.perEntryPrices ?? false;
    const price = options.price ?? (perEntryPrices ? new Float64Array(size).fill(1) : this.instrumentPrices[instrument]);
    if (perEntryPrices && price.length !== size) throw new Error(`ledger: book ${name} has ${size} entries but ${price.length} prices`);
    if (options.issuerOf && options.issuerOf.length !== size) throw new Error(`ledger: book ${name} has ${size} entries but ${options.issuerOf.length} issuers`);
    const book: Book = {
      name,
      instrument,
      sector,
      side,
      values: new Float64Array(size),
      price,
      perEntryPrices,
      issuerOf: options.issuerOf ?? null,
      money: options.money ?? null,
      moneyCode: options.money ? MONEY_CODE[options.money] : 0,
    };
    this.books.push(book);
    return book;
  }

  /**
   * Name the books that make bank money settle: banks' deposit liabilities and reserves (one entry per bank)
   * and the central bank's liability for every reserve account.
   */
  configureBanking(bankDeposits: Book, bankReserves: Book, centralBankAccounts: Book): void {
    this.bankDeposits = bankDeposits;
    this.bankReserves = bankReserves;
    this.centralBankAccounts = centralBankAccounts;
  }

  private recordFlow(payerSector: number, payeeSector: number, value: number, flow: number): void {
    if (flow < 0) return;
    this.flowMatrix[flow * SECTOR_COUNT + payerSector] -= value;
    this.flowMatrix[flow * SECTOR_COUNT + payeeSector] += value;
    this.saving[payerSector] -= value;
    this.saving[payeeSector] += value;
    const size = Math.abs(value);
    this.grossFlows[payerSector] += size;
    this.grossFlows[payeeSector] += size;
  }

  /** A current flow from agent `from` of `payer` to agent `to` of `payee` (books of one instrument, asset side). */
  transfer(payer: Book, from: number, payee: Book, to: number, amount: number, flow: Flow): void {
    payer.values[from] -= amount;
    payee.values[to] += amount;
    this.recordFlow(payer.sector, payee.sector, amount * payer.price[0], flow);
  }

  /** A current flow between two agents of the same book: the sector's saving is unchanged. */
  transferWithin(book: Book, from: number, to: number, amount: number): void {
    book.values[from] -= amount;
    book.values[to] += amount;
  }

  /**
   * A payment in settlement money from agent `from` of money book `payer` to agent `to` of `payee`.
   * Deposits move; each bank's deposit liability follows its customers; reserves move between the
   * payer's and the payee's settlement accounts (their banks' reserves, or the treasury's account) when
   * these differ. The central bank pays by creating reserves (and deposits), and is paid by destroying them.
   * `flow` is a current flow (recorded as saving) or FINANCIAL (the purchase of an asset).
   */
  pay(payer: Book, from: number, payee: Book, to: number, amount: number, flow: Flow | typeof FINANCIAL): void {
    // Written as small pieces so that the optimizing compiler inlines the payment into hot loops (a call
    // that is not inlined boxes `amount` on the heap); the same arithmetic in the same order as one body.
    if (payer.moneyCode === 1 && payee.moneyCode === 1) {
      // Deposit to deposit (the common case): within one bank nothing else moves; across banks the
      // deposit liability and the reserves move from the payer's bank to the payee's.
      const payerBank = payer.issuerOf![from];
      const payeeBank = payee.issuerOf![to];
      payer.values[from] -= amount;
      payee.values[to] += amount;
      if (payerBank !== payeeBank) this.moveBankMoney(payerBank, payeeBank, amount);
    } else {
      this.debit(payer, from, amount);
      this.credit(payee, to, amount);
    }
    if (flow >= 0) this.recordFlow(payer.sector, payee.sector, amount, flow);
  }

  /** A deposit moving from a customer of bank `from` to one of bank `to`: the deposit liability and reserves follow. */
  private moveBankMoney(from: number, to: number, amount: number): void {
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    bankDeposits[from] -= amount;
    bankReserves[from] -= amount;
    bankDeposits[to] += amount;
    bankReserves[to] += amount;
  }

  /** Payer side of a payment: money leaves, and with it central-bank money leaves the payer's settlement account. */
  private debit(payer: Book, from: number, amount: number): void {
    const code = payer.moneyCode;
    if (code === 1) {
      const bank = payer.issuerOf![from];
      payer.values[from] -= amount;
      this.bankDeposits!.values[bank] -= amount;
      this.bankReserves!.values[bank] -= amount;
    } else if (code === 2) {
      payer.values[from] -= amount;
    } else if (code === 3) {
      this.centralBankAccounts!.values[0] += amount; // reserves created
    } else {
      notMoney(payer);
    }
  }

  /** Payee side: money arrives, and central-bank money arrives at the payee's settlement account. */
  private credit(payee: Book, to: number, amount: number): void {
    const code = payee.moneyCode;
    if (code === 1) {
      const bank = payee.issuerOf![to];
      payee.values[to] += amount;
      this.bankDeposits!.values[bank] += amount;
      this.bankReserves!.values[bank] += amount;
    } else if (code === 2) {
      payee.values[to] += amount;
    } else if (code === 3) {
      this.centralBankAccounts!.values[0] -= amount; // reserves destroyed
    } else {
      notMoney(payee);
    }
  }

  /**
   * Wages in bulk, in agent order: for each agent i of `payee` with amounts[i] ≠ 0, entry payerIndex[i] of
   * payerBooks[payerKind[i]] pays amounts[i] to agent i (`flow`), then agent i pays withheld[i] to entry 0
   * of `collector` (`withheldFlow`): the same payments as those `pay` calls, in the same order, inline.
   * Agents start…end − 1 only, when given (a caller that computes the amounts a chunk at a time pays each
   * chunk while its amounts are still in cache).
   */
  payWithWithholding(
    payerBooks: readonly Book[],
    payerKind: Uint8Array,
    payerIndex: Int32Array,
    payee: Book,
    amounts: Float64Array,
    flow: Flow,
    withheld: Float64Array,
    collector: Book,
    withheldFlow: Flow,
    start = 0,
    end = amounts.length,
  ): void {
    // Inline when the money is deposits and a reserve account, and the flow cells the inline loop carries
    // in local variables (the payee's and the collector's) are distinct from each other and the payers'.
    let payersPayInDeposits = true;
    let sectorsDistinct = payee.sector !== collector.sector && flow !== withheldFlow;
    for (let k = 0; k < payerBooks.length; k++) {
      const payer = payerBooks[k];
      if (payer === undefined) continue;
      if (payer.moneyCode !== 1) payersPayInDeposits = false;
      if (payer.sector === payee.sector || payer.sector === collector.sector) sectorsDistinct = false;
    }
    const inline = payee.moneyCode === 1 && collector.moneyCode === 2 && payersPayInDeposits && sectorsDistinct && collector.values !== this.bankReserves!.values;
    if (!inline) {
      for (let i = start; i < end; i++) {
        if (amounts[i] === 0) continue;
        this.pay(payerBooks[payerKind[i]], payerIndex[i], payee, i, amounts[i], flow);
        this.pay(payee, i, collector, 0, withheld[i], withheldFlow);
      }
      return;
    }
    for (let from = start; from < end; from += BULK_CHUNK) {
      withholdingChunk(
        payerBooks, payerKind, payerIndex, payee.values, payee.issuerOf!, payee.sector, amounts, withheld, collector.values, collector.sector,
        this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT, withheldFlow * SECTOR_COUNT,
        from, Math.min(end, from + BULK_CHUNK),
      );
    }
  }

  /**
   * Two payments to each agent i of `payee` (deposits), in agent order, inline: with entry
   * counterpartIndex[i] of `counterpart` (a reserve account), net[i] > 0 paid to the agent, net[i] < 0 paid
   * by it (`flow`); then second[i] > 0 from entry 0 of `secondPayer` (a reserve account, `secondFlow`).
   * Agents start…end − 1 only, when given (a caller that computes the amounts a chunk at a time pays each
   * chunk while its amounts are still in cache).
   */
  payNetAndFrom(
    counterpart: Book,
    counterpartIndex: Int32Array,
    payee: Book,
    net: Float64Array,
    flow: Flow,
    secondPayer: Book,
    second: Float64Array,
    secondFlow: Flow,
    start = 0,
    end = net.length,
  ): void {
    if (!(payee.moneyCode === 1 && counterpart.moneyCode === 2 && secondPayer.moneyCode === 2)) {
      for (let i = start; i < end; i++) {
        const amount = net[i];
        if (amount > 0) this.pay(counterpart, counterpartIndex[i], payee, i, amount, flow);
        else if (amount < 0) this.pay(payee, i, counterpart, counterpartIndex[i], -amount, flow);
        if (second[i] > 0) this.pay(secondPayer, 0, payee, i, second[i], secondFlow);
      }
      return;
    }
    // Both flows in one row (interest both ways, as the model pays them), the three sectors distinct and the
    // second payer's account its own array: `netAndFromChunk`, which carries those cells in local variables.
    const secondValues = secondPayer.values;
    if (
      flow === secondFlow &&
      payee.sector !== counterpart.sector &&
      payee.sector !== secondPayer.sector &&
      counterpart.sector !== secondPayer.sector &&
      secondValues !== counterpart.values &&
      secondValues !== this.bankReserves!.values &&
      secondValues !== this.bankDeposits!.values
    ) {
      // Interest with each agent's own bank (the counterpart's account its reserves): without a branch on the sign.
      if (counterpart.values === this.bankReserves!.values && counterpartIndex === payee.issuerOf) {
        for (let from = start; from < end; from += BULK_CHUNK) {
          ownBankNetAndFromChunk(
            counterpart.values, counterpart.sector, payee.values, payee.issuerOf, payee.sector, net, secondValues, secondPayer.sector, second,
            this.bankDeposits!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT, from, Math.min(end, from + BULK_CHUNK),
          );
        }
        return;
      }
      for (let from = start; from < end; from += BULK_CHUNK) {
        netAndFromChunk(
          counterpart.values, counterpartIndex, counterpart.sector, payee.values, payee.issuerOf!, payee.sector, net, secondValues, secondPayer.sector, second,
          this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT, from, Math.min(end, from + BULK_CHUNK),
        );
      }
      return;
    }
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    const flowMatrix = this.flowMatrix;
    const saving = this.saving;
    const grossFlows = this.grossFlows;
    const values = payee.values;
    const issuer = payee.issuerOf!;
    const sector = payee.sector;
    const counterpartValues = counterpart.values;
    const counterpartSector = counterpart.sector;
    const secondSector = secondPayer.sector;
    const row = flow * SECTOR_COUNT;
    const secondRow = secondFlow * SECTOR_COUNT;
    for (let i = start; i < end; i++) {
      const amount = net[i];
      if (amount > 0) {
        counterpartValues[counterpartIndex[i]] -= amount;
        const bank = issuer[i];
        values[i] += amount;
        bankDeposits[bank] += amount;
        bankReserves[bank] += amount;
        flowMatrix[row + counterpartSector] -= amount;
        flowMatrix[row + sector] += amount;
        saving[counterpartSector] -= amount;
        saving[sector] += amount;
        grossFlows[counterpartSector] += amount;
        grossFlows[sector] += amount;
      } else if (amount < 0) {
        const paid = -amount;
        const bank = issuer[i];
        values[i] -= paid;
        bankDeposits[bank] -= paid;
        bankReserves[bank] -= paid;
        counterpartValues[counterpartIndex[i]] += paid;
        flowMatrix[row + sector] -= paid;
        flowMatrix[row + counterpartSector] += paid;
        saving[sector] -= paid;
        saving[counterpartSector] += paid;
        grossFlows[sector] += paid;
        grossFlows[counterpartSector] += paid;
      }
      const received = second[i];
      if (received > 0) {
        secondValues[0] -= received;
        const bank = issuer[i];
        values[i] += received;
        bankDeposits[bank] += received;
        bankReserves[bank] += received;
        flowMatrix[secondRow + secondSector] -= received;
        flowMatrix[secondRow + sector] += received;
        saving[secondSector] -= received;
        saving[sector] += received;
        grossFlows[secondSector] += received;
        grossFlows[sector] += received;
      }
    }
  }

  /**
   * `payBothWays` between entry 0 of `a` (a reserve account) and each agent i of `b` (deposits), in agent
   * order, inline: first (when `firstForward` is given) forward `firstForward` and back firstBack[i], then
   * forward[i] and back[i]; each pair settles as one movement of money and records its two flows.
   */
  payBothWaysEach(
    a: Book,
    b: Book,
    firstForward: number | null,
    firstFlow: Flow,
    firstBack: Float64Array,
    firstBackFlow: Flow,
    forward: Float64Array,
    forwardFlow: Flow,
    back: Float64Array,
    backFlow: Flow,
    start = 0,
    end = forward.length,
  ): void {
    if (!(a.moneyCode === 2 && b.moneyCode === 1)) {
      for (let i = start; i < end; i++) {
        if (firstForward !== null) this.payBothWays(a, 0, b, i, firstForward, firstFlow, firstBack[i], firstBackFlow);
        this.payBothWays(a, 0, b, i, forward[i], forwardFlow, back[i], backFlow);
      }
      return;
    }
    // The model's pattern — both backward flows in one row (taxes), the other rows distinct, two sectors,
    // `a`'s account its own array: `bothWaysChunk`, which carries the flow cells in local variables.
    if (
      firstBackFlow === backFlow &&
      firstFlow !== forwardFlow &&
      firstFlow !== backFlow &&
      forwardFlow !== backFlow &&
      a.sector !== b.sector &&
      a.values !== this.bankReserves!.values &&
      a.values !== this.bankDeposits!.values
    ) {
      for (let from = start; from < end; from += BULK_CHUNK) {
        bothWaysChunk(
          a.values, a.sector, b.values, b.issuerOf!, b.sector, firstForward !== null, firstForward === null ? 0 : firstForward, firstBack, forward, back,
          this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows,
          firstFlow * SECTOR_COUNT, forwardFlow * SECTOR_COUNT, backFlow * SECTOR_COUNT, from, Math.min(end, from + BULK_CHUNK),
        );
      }
      return;
    }
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    const flowMatrix = this.flowMatrix;
    const saving = this.saving;
    const grossFlows = this.grossFlows;
    const aValues = a.values;
    const bValues = b.values;
    const issuer = b.issuerOf!;
    const aSector = a.sector;
    const bSector = b.sector;
    // The two stages written out (not a loop over stages): a value chosen between the number argument and
    // an array entry would be boxed for every household.
    const twice = firstForward !== null;
    const extra = firstForward === null ? 0 : firstForward;
    const firstRow = firstFlow * SECTOR_COUNT;
    const firstBackRow = firstBackFlow * SECTOR_COUNT;
    const forwardRow = forwardFlow * SECTOR_COUNT;
    const backRow = backFlow * SECTOR_COUNT;
    for (let i = start; i < end; i++) {
      const bank = issuer[i];
      if (twice) {
        const fwd = extra;
        const bck = firstBack[i];
        const net = fwd - bck;
        if (net > 0) {
          aValues[0] -= net;
          bValues[i] += net;
          bankDeposits[bank] += net;
          bankReserves[bank] += net;
        } else if (net < 0) {
          const paid = -net;
          bValues[i] -= paid;
          bankDeposits[bank] -= paid;
          bankReserves[bank] -= paid;
          aValues[0] += paid;
        }
        if (fwd !== 0) {
          flowMatrix[firstRow + aSector] -= fwd;
          flowMatrix[firstRow + bSector] += fwd;
          saving[aSector] -= fwd;
          saving[bSector] += fwd;
          const size = Math.abs(fwd);
          grossFlows[aSector] += size;
          grossFlows[bSector] += size;
        }
        if (bck !== 0) {
          flowMatrix[firstBackRow + bSector] -= bck;
          flowMatrix[firstBackRow + aSector] += bck;
          saving[bSector] -= bck;
          saving[aSector] += bck;
          const size = Math.abs(bck);
          grossFlows[bSector] += size;
          grossFlows[aSector] += size;
        }
      }
      {
        const fwd = forward[i];
        const bck = back[i];
        const net = fwd - bck;
        if (net > 0) {
          aValues[0] -= net;
          bValues[i] += net;
          bankDeposits[bank] += net;
          bankReserves[bank] += net;
        } else if (net < 0) {
          const paid = -net;
          bValues[i] -= paid;
          bankDeposits[bank] -= paid;
          bankReserves[bank] -= paid;
          aValues[0] += paid;
        }
        if (fwd !== 0) {
          flowMatrix[forwardRow + aSector] -= fwd;
          flowMatrix[forwardRow + bSector] += fwd;
          saving[aSector] -= fwd;
          saving[bSector] += fwd;
          const size = Math.abs(fwd);
          grossFlows[aSector] += size;
          grossFlows[bSector] += size;
        }
        if (bck !== 0) {
          flowMatrix[backRow + bSector] -= bck;
          flowMatrix[backRow + aSector] += bck;
          saving[bSector] -= bck;
          saving[aSector] += bck;
          const size = Math.abs(bck);
          grossFlows[bSector] += size;
          grossFlows[aSector] += size;
        }
      }
    }
  }

  /**
   * Each agent i of `sellerSecurity` with units[i] > 0 sells them to entry `buyer` of `buyerSecurity` at
   * `price`, paid from `buyerMoney` to agent i's `sellerMoney`: `trade`, in agent order, inline when the
   * buyer is the central bank and the sellers hold deposits.
   */
  tradeEach(sellerSecurity: Book, units: Float64Array, buyerSecurity: Book, buyer: number, price: number, buyerMoney: Book, sellerMoney: Book): void {
    const n = units.length;
    if (!(buyerMoney.moneyCode === 3 && sellerMoney.moneyCode === 1)) {
      for (let i = 0; i < n; i++) if (units[i] > 0) this.trade(sellerSecurity, i, buyerSecurity, buyer, units[i], price, buyerMoney, sellerMoney);
      return;
    }
    tradeFromCentralBank(
      sellerSecurity.values, units, buyerSecurity.values, buyer, price, this.centralBankAccounts!.values, sellerMoney.values, sellerMoney.issuerOf!, this.bankDeposits!.values, this.bankReserves!.values,
    );
  }

  /**
   * `tradeEach` for agents start…end − 1 only: a caller that computes the units a chunk at a time trades
   * each chunk while its units are still in cache (chunk after chunk, the same trades in the same order).
   * Inline when the buyer is the central bank and the sellers hold deposits, with the buyer's holding and
   * the central bank's account carried in local variables within the chunk (the same additions in the
   * same order; in one long loop they were chains of additions through memory).
   */
  tradeEachRange(sellerSecurity: Book, units: Float64Array, buyerSecurity: Book, buyer: number, price: number, buyerMoney: Book, sellerMoney: Book, start: number, end: number): void {
    const accounts = this.centralBankAccounts!.values;
    const inline = buyerMoney.moneyCode === 3 && sellerMoney.moneyCode === 1 && buyerSecurity.values !== accounts && sellerSecurity.values !== buyerSecurity.values;
    if (!inline) {
      for (let i = start; i < end; i++) if (units[i] > 0) this.trade(sellerSecurity, i, buyerSecurity, buyer, units[i], price, buyerMoney, sellerMoney);
      return;
    }
    tradeFromCentralBankRange(
      sellerSecurity.values, units, buyerSecurity.values, buyer, price, accounts, sellerMoney.values, sellerMoney.issuerOf!, this.bankDeposits!.values, this.bankReserves!.values, start, end,
    );
  }

  /** New claims in bulk: agent i of `asset` takes amounts[i] from entry `issuer` of `liability`, for every i with where[i] > 0 (`issue`, in agent order). */
  issueEach(asset: Book, amounts: Float64Array, liability: Book, issuer: number, where: Float64Array): void {
    const held = asset.values;
    const owed = liability.values;
    const n = amounts.length;
    for (let i = 0; i < n; i++) {
      if (!(where[i] > 0)) continue;
      held[i] += amounts[i];
      owed[issuer] += amounts[i];
    }
  }

  /**
   * A subscription to two new issues of one issuer, for agents start…end − 1: each agent i with paid[i] > 0
   * takes firsts[i] of `firstAsset` and seconds[i] of `secondAsset` from entry `issuer` of `firstLiability`
   * and `secondLiability`, and pays paid[i] from `payer` to entry `to` of `payee` (a purchase: FINANCIAL) — the same numbers as
   * `issueEach` (first), `issueEach` (second) and `payEachTo` over all agents, one after the other: each
   * balance gets the same additions in the same order (the four touch different balances; the books must
   * be distinct). In one loop the issuer's running totals (held in local variables within the range) add
   * side by side rather than one loop's chain of additions after another's. A caller that computes the
   * amounts a chunk at a time settles each chunk while its amounts are still in cache.
   */
  subscribeEach(
    firstAsset: Book,
    firsts: Float64Array,
    firstLiability: Book,
    secondAsset: Book,
    seconds: Float64Array,
    secondLiability: Book,
    issuer: number,
    payer: Book,
    paid: Float64Array,
    payee: Book,
    to: number,
    start: number,
    end: number,
  ): void {
    const distinct = firstLiability.values !== secondLiability.values && firstAsset.values !== secondAsset.values && payee.values !== this.bankReserves!.values;
    if (!(payer.moneyCode === 1 && payee.moneyCode === 2 && distinct)) {
      this.issueEachRange(firstAsset, firsts, firstLiability, issuer, paid, start, end);
      this.issueEachRange(secondAsset, seconds, secondLiability, issuer, paid, start, end);
      for (let i = start; i < end; i++) if (paid[i] > 0) this.pay(payer, i, payee, to, paid[i], FINANCIAL);
      return;
    }
    subscribeInBulk(
      firstAsset.values, firsts, firstLiability.values, secondAsset.values, seconds, secondLiability.values, issuer,
      payer.values, payer.issuerOf!, paid, payee.values, to, this.bankDeposits!.values, this.bankReserves!.values, start, end,
    );
  }

  /** `issueEach` for agents start…end − 1 only. */
  private issueEachRange(asset: Book, amounts: Float64Array, liability: Book, issuer: number, where: Float64Array, start: number, end: number): void {
    const held = asset.values;
    const owed = liability.values;
    for (let i = start; i < end; i++) {
      if (!(where[i] > 0)) continue;
      held[i] += amounts[i];
      owed[issuer] += amounts[i];
    }
  }

  /** Each agent i of `payer` with amounts[i] > 0 pays it to entry `to` of `payee`, in agent order (`pay`, inline for deposits to a reserve account). */
  payEachTo(payer: Book, amounts: Float64Array, payee: Book, to: number, flow: Flow | typeof FINANCIAL): void {
    const n = amounts.length;
    if (!(payer.moneyCode === 1 && payee.moneyCode === 2)) {
      for (let i = 0; i < n; i++) if (amounts[i] > 0) this.pay(payer, i, payee, to, amounts[i], flow);
      return;
    }
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    const values = payer.values;
    const issuer = payer.issuerOf!;
    const payeeValues = payee.values;
    const record = flow >= 0;
    for (let i = 0; i < n; i++) {
      const amount = amounts[i];
      if (!(amount > 0)) continue;
      const bank = issuer[i];
      values[i] -= amount;
      bankDeposits[bank] -= amount;
      bankReserves[bank] -= amount;
      payeeValues[to] += amount;
      if (record) this.recordFlow(payer.sector, payee.sector, amount, flow); // (purchases are FINANCIAL: not recorded)
    }
  }

  /**
   * Two current flows between the same pair, settled as one movement of money: agent `a` owes `forward`
   * to `b` (recorded as `forwardFlow`) and `b` owes `back` to `a` (`backFlow`); only the difference moves.
   * The flow matrix and saving record both flows in full.
   */
  payBothWays(a: Book, i: number, b: Book, j: number, forward: number, forwardFlow: Flow, back: number, backFlow: Flow): void {
    const net = forward - back;
    if (net > 0) this.pay(a, i, b, j, net, FINANCIAL);
    else if (net < 0) this.pay(b, j, a, i, -net, FINANCIAL);
    if (forward !== 0) this.recordFlow(a.sector, b.sector, forward, forwardFlow);
    if (back !== 0) this.recordFlow(b.sector, a.sector, back, backFlow);
  }

  /**
   * A purchase of `units` of a security: the seller's holding moves to the buyer's, and the buyer pays
   * `units × price` to the seller in settlement money. A financial transaction: no saving changes.
   */
  trade(
    sellerSecurity: Book,
    seller: number,
    buyerSecurity: Book,
    buyer: number,
    units: number,
    price: number,
    buyerMoney: Book,
    sellerMoney: Book,
  ): void {
    sellerSecurity.values[seller] -= units;
    buyerSecurity.values[buyer] += units;
    this.pay(buyerMoney, buyer, sellerMoney, seller, units * price, FINANCIAL);
  }

  /**
   * Many holders buy (amount > 0) or redeem (amount < 0) units of one fund at its net asset value, in one
   * pass: holder i pays `amounts[i]` from its deposits to the fund and receives `amounts[i] / nav` units
   * (or the reverse). Each bank's deposit liability follows its customers and reserves move between the
   * holders' banks and the fund's. Financial transactions: no saving changes.
   */
  exchangeFundUnits(holderUnits: Book, holderMoney: Book, amounts: Float64Array, fundUnits: Book, fundMoney: Book, fund: number, nav: number): void {
    if (holderMoney.moneyCode !== 1 || fundMoney.moneyCode !== 1) throw new Error('ledger: fund units are bought and redeemed with deposits');
    const units = holderUnits.values;
    const money = holderMoney.values;
    const banks = holderMoney.issuerOf!;
    const net = this.bankNet ?? (this.bankNet = new Float64Array(this.bankDeposits!.values.length));
    net.fill(0);
    let total = 0;
    let totalUnits = 0;
    for (let i = 0; i < amounts.length; i++) {
      const amount = amounts[i];
      if (amount === 0) continue;
      money[i] -= amount;
      const bought = amount / nav;
      units[i] += bought;
      totalUnits += bought;
      total += amount;
      net[banks[i]] -= amount;
    }
    fundMoney.values[fund] += total;
    fundUnits.values[0] += totalUnits;
    net[fundMoney.issuerOf![fund]] += total;
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    for (let b = 0; b < net.length; b++) {
      bankDeposits[b] += net[b];
      bankReserves[b] += net[b];
    }
  }

  /**
   * Three funds settle their cash with their unit holders pro rata, in one pass over the holders: for fund
   * j with cash c_j ≠ 0 (|c_j| ≥ 1e-12) and U_j > 0 units outstanding, holder i owes −c_j · units_j[i] / U_j
   * — received when the fund has cash to pass on, paid (as far as the holder's deposits go) when it is short —
   * and the money buys or redeems units at `navs[j]`. The same numbers as, fund by fund in order, those
   * amounts for every holder followed by `exchangeFundUnits` (each holder's amount for fund j is computed
   * from its deposits after its own exchanges with funds before j, as it was then; every sum is kept per
   * fund, in holder order, and the funds' bank settlements applied after the pass, fund by fund).
   */
  settleFundsProRata(
    holderUnits: readonly Book[],
    holderMoney: Book,
    cash: Float64Array,
    outstanding: Float64Array,
    navs: Float64Array,
    fundUnits: readonly Book[],
    fundMoney: Book,
    funds: readonly number[],
  ): void {
    if (holderMoney.moneyCode !== 1 || fundMoney.moneyCode !== 1) throw new Error('ledger: fund units are bought and redeemed with deposits');
    if (holderUnits.length !== 3 || fundUnits.length !== 3 || funds.length !== 3) throw new Error('ledger: settleFundsProRata settles three funds');
    const bankCount = this.bankDeposits!.values.length;
    if (this.fundBankNet === null || this.fundBankNet.length < 3 * bankCount) this.fundBankNet = new Float64Array(Math.max(3, 8) * bankCount);
    const net = this.fundBankNet;
    net.fill(0, 0, 3 * bankCount);
    const active = proRataActive;
    let any = false;
    for (let j = 0; j < 3; j++) {
      active[j] = Math.abs(cash[j]) < 1e-12 || outstanding[j] <= 0 ? 0 : 1;
      if (active[j] === 1) any = true;
    }
    if (!any) return;
    const totals = proRataTotals;
    const totalUnits = proRataTotalUnits;
    totals.fill(0);
    totalUnits.fill(0);
    const n = holderMoney.values.length;
    for (let start = 0; start < n; start += BULK_CHUNK) {
      settleProRataChunk(
        holderUnits[0].values, holderUnits[1].values, holderUnits[2].values, holderMoney.values, holderMoney.issuerOf!,
        active, cash, outstanding, navs, net, bankCount, totals, totalUnits, start, Math.min(n, start + BULK_CHUNK),
      );
    }
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    for (let j = 0; j < 3; j++) {
      if (active[j] === 0) continue;
      const fund = funds[j];
      const total = totals[j];
      fundMoney.values[fund] += total;
      fundUnits[j].values[0] += totalUnits[j];
      const offset = j * bankCount;
      net[offset + fundMoney.issuerOf![fund]] += total;
      for (let b = 0; b < bankCount; b++) {
        bankDeposits[b] += net[offset + b];
        bankReserves[b] += net[offset + b];
      }
    }
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

  /**
   * A bank loan: bank `bank` gains the loan asset, the borrower the debt, and the borrower's deposit is
   * credited (created by its own bank; reserves move if that is another bank).
   */
  lend(loanAsset: Book, bank: number, loanLiability: Book, borrower: number, borrowerMoney: Book, amount: number): void {
    loanAsset.values[bank] += amount;
    loanLiability.values[borrower] += amount;
    this.creditFromBank(bank, borrowerMoney, borrower, amount);
  }

  /**
   * Loans to the borrowers listed[0…count − 1], in list order: amounts[i] > 0 lent to borrower i by its
   * lender lenderOf[i] (`lend`), amounts[i] < 0 repaid (`repay` of −amounts[i]: x − r and x + (−r) round
   * alike). A listed amount of zero would add +0 to its cells (a −0 cell would become +0), so list only
   * borrowers whose amount is not zero: listed in increasing order, they take the calls of a loop over all
   * borrowers that skips the zeros.
   */
  lendListed(loanAsset: Book, lenderOf: Int32Array, loanLiability: Book, borrowerMoney: Book, amounts: Float64Array, listed: Int32Array, count: number): void {
    lendListedInBulk(
      loanAsset.values, lenderOf, loanLiability.values, borrowerMoney.values, borrowerMoney.issuerOf!, this.bankDeposits!.values, this.bankReserves!.values, amounts, listed, count,
    );
  }

  /**
   * Payments between agent i of `payee` (deposits) and entry counterpartIndex[i] of `counterpart` (a
   * reserve account), in agent order: net[i] > 0 paid to the agent, net[i] < 0 paid by it, 0 nothing (`pay`).
   */
  payNet(counterpart: Book, counterpartIndex: Int32Array, payee: Book, net: Float64Array, flow: Flow): void {
    const n = net.length;
    if (!(payee.moneyCode === 1 && counterpart.moneyCode === 2)) {
      for (let i = 0; i < n; i++) {
        const amount = net[i];
        if (amount > 0) this.pay(counterpart, counterpartIndex[i], payee, i, amount, flow);
        else if (amount < 0) this.pay(payee, i, counterpart, counterpartIndex[i], -amount, flow);
      }
      return;
    }
    payNetInBulk(
      counterpart.values, counterpartIndex, counterpart.sector, payee.values, payee.issuerOf!, payee.sector, net,
      this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT,
    );
  }

  /** Agent i of `payer` pays amounts[i] > 0 to agent payeeIndex[i] of `payee`, in agent order (`pay`, inline between deposits). */
  payEachToIndex(payer: Book, amounts: Float64Array, payee: Book, payeeIndex: Int32Array, flow: Flow): void {
    const n = amounts.length;
    if (!(payer.moneyCode === 1 && payee.moneyCode === 1 && payer.sector !== payee.sector)) {
      for (let i = 0; i < n; i++) if (amounts[i] > 0) this.pay(payer, i, payee, payeeIndex[i], amounts[i], flow);
      return;
    }
    for (let from = 0; from < n; from += BULK_CHUNK) {
      payToIndexInBulk(
        payer.values, payer.issuerOf!, payer.sector, amounts, payee.values, payee.issuerOf!, payee.sector, payeeIndex,
        this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT, from, Math.min(n, from + BULK_CHUNK),
      );
    }
  }

  /**
   * For agents j = start…end − 1 of `money`, in agent order, the calls
   *   `pay(money, j, payee, payeeIndex[j], payments[j], flow)` when payments[j] > 0,
   *   `repay(loanAsset, lenderOf[j], loanLiability, j, money, cuts[j])` when cuts[j] > 0, then
   *   `lend` of changes[j] when > 0 (`repay` of −changes[j] when < 0: x − r and x + (−r) round alike)
   * — the same numbers, inline when `money` and `payee` are deposits and `flow` a current flow. For a caller
   * whose agents each pay out and then borrow or repay (SMEs' owners' draws, lines cut, new loans): the
   * payments and the loans move some of the same banks' cells, so they go agent by agent, as the calls did.
   */
  payAndLendEachRange(
    money: Book,
    payments: Float64Array,
    payee: Book,
    payeeIndex: Int32Array,
    flow: Flow,
    loanAsset: Book,
    lenderOf: Int32Array,
    loanLiability: Book,
    cuts: Float64Array,
    changes: Float64Array,
    start: number,
    end: number,
  ): void {
    if (!(money.moneyCode === 1 && payee.moneyCode === 1 && flow >= 0)) {
      for (let j = start; j < end; j++) {
        if (payments[j] > 0) this.pay(money, j, payee, payeeIndex[j], payments[j], flow);
        if (cuts[j] > 0) this.repay(loanAsset, lenderOf[j], loanLiability, j, money, cuts[j]);
        if (changes[j] > 0) this.lend(loanAsset, lenderOf[j], loanLiability, j, money, changes[j]);
        else if (changes[j] < 0) this.repay(loanAsset, lenderOf[j], loanLiability, j, money, -changes[j]);
      }
      return;
    }
    payAndLendInBulk(
      money.values, money.issuerOf!, money.sector, payments, payee.values, payee.issuerOf!, payee.sector, payeeIndex,
      loanAsset.values, lenderOf, loanLiability.values, cuts, changes,
      this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT, start, end,
    );
  }

  /** Repayment of a bank loan out of the borrower's deposit: the reverse of `lend`. */
  repay(loanAsset: Book, bank: number, loanLiability: Book, borrower: number, borrowerMoney: Book, amount: number): void {
    loanAsset.values[bank] -= amount;
    loanLiability.values[borrower] -= amount;
    this.creditFromBank(bank, borrowerMoney, borrower, -amount);
  }

  private creditFromBank(bank: number, money: Book, holder: number, amount: number): void {
    const holderBank = money.issuerOf![holder];
    money.values[holder] += amount;
    this.bankDeposits!.values[holderBank] += amount;
    if (holderBank !== bank) {
      this.bankReserves!.values[bank] -= amount;
      this.bankReserves!.values[holderBank] += amount;
    }
  }

  /** A debt that will not be paid, written off: the creditor's loss is the debtor's gain (other volume changes). */
  writeOff(asset: Book, holder: number, liability: Book, debtor: number, amount: number): void {
    asset.values[holder] -= amount;
    liability.values[debtor] -= amount;
    this.otherChanges[asset.sector] -= amount * asset.price[0];
    this.otherChanges[liability.sector] += amount * asset.price[0];
    this.grossFlows[asset.sector] += Math.abs(amount);
    this.grossFlows[liability.sector] += Math.abs(amount);
  }

  /**
   * Investment: the buyer pays `amount` for new capital goods to their producer (a current flow, the
   * producer's sales) and holds `amount` more real capital (capital formation: the buyer's net worth is unchanged).
   */
  buyCapital(buyerMoney: Book, buyer: number, producerMoney: Book, producer: number, capital: Book, amount: number): void {
    this.pay(buyerMoney, buyer, producerMoney, producer, amount, Flow.investment);
    this.formCapital(capital, buyer, amount / capital.price[0]);
  }

  /** New capital goods already paid for (Flow.investment) enter the buyer's balance sheet: capital formation (in units, valued at the book's price). */
  formCapital(capital: Book, holder: number, units: number): void {
    capital.values[holder] += units;
    const value = units * capital.price[0];
    this.otherChanges[capital.sector] += value;
    this.grossFlows[capital.sector] += Math.abs(value);
  }

  /**
   * Many payers to many payees, matched in order (two pointers): payer i pays payerAmounts[i] in all,
   * payee j receives payeeAmounts[j]; both must add up to the same total (the last pair takes the
   * rounding). At most (payers + payees) payments, each a real payment between two agents.
   */
  settle(payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
    // The two-pointer match of `matchClaims`, each matched piece paid inline (the arithmetic of `pay`, in
    // the same order) by a function that is nothing but the loop, so that it is optimized whole: this is a
    // hot path. A FINANCIAL settlement writes its flow record to a sink instead of branching on it.
    if (payer.moneyCode === 0) notMoney(payer);
    if (payee.moneyCode === 0) notMoney(payee);
    const record = flow >= 0;
    if (!record || payer.sector !== payee.sector) {
      if (payer.moneyCode === 1 && payee.moneyCode === 1) this.settleDepositsInChunks(payer, payerAmounts, payee, payeeAmounts, flow);
      else this.settleInChunks(payer, payerAmounts, payee, payeeAmounts, flow);
      return;
    }
    const sink = this.scratchFlows;
    settlePieces(
      payer.values,
      payer.issuerOf ?? NO_ISSUERS,
      payer.moneyCode,
      payerAmounts,
      payee.values,
      payee.issuerOf ?? NO_ISSUERS,
      payee.moneyCode,
      payeeAmounts,
      this.bankDeposits === null ? EMPTY : this.bankDeposits.values,
      this.bankReserves === null ? EMPTY : this.bankReserves.values,
      this.centralBankAccounts === null ? EMPTY : this.centralBankAccounts.values,
      record ? this.flowMatrix : sink,
      record ? this.saving : sink,
      record ? this.grossFlows : sink,
      record ? flow * SECTOR_COUNT + payer.sector : payer.sector,
      record ? flow * SECTOR_COUNT + payee.sector : payee.sector,
      payer.sector,
      payee.sector,
    );
    this.finishSettlement(payer, payerAmounts, payee, payeeAmounts, flow);
  }

  /**
   * `settle` between two books of deposits, the same numbers, with its loop in a function of its own
   * (`settleDepositsInBulk`) rather than the loop shared by every kind of money. Any other books: `settle`.
   */
  settleDeposits(payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
    if (!(payer.moneyCode === 1 && payee.moneyCode === 1)) {
      this.settle(payer, payerAmounts, payee, payeeAmounts, flow);
      return;
    }
    const record = flow >= 0;
    if (!record || payer.sector !== payee.sector) {
      this.settleDepositsInChunks(payer, payerAmounts, payee, payeeAmounts, flow);
      return;
    }
    const sink = this.scratchFlows;
    settleDepositsInBulk(
      payer.values,
      payer.issuerOf!,
      payerAmounts,
      payee.values,
      payee.issuerOf!,
      payeeAmounts,
      this.bankDeposits!.values,
      this.bankReserves!.values,
      record ? this.flowMatrix : sink,
      record ? this.saving : sink,
      record ? this.grossFlows : sink,
      record ? flow * SECTOR_COUNT + payer.sector : payer.sector,
      record ? flow * SECTOR_COUNT + payee.sector : payee.sector,
      payer.sector,
      payee.sector,
    );
    this.finishSettlement(payer, payerAmounts, payee, payeeAmounts, flow);
  }

  /**
   * `settle` of money of any kind whose flow record takes six distinct cells (payer and payee of different
   * sectors; or FINANCIAL, recorded in a sink): the same payments, in the same order, paid `SETTLE_CHUNK`
   * pieces at a time by `settleChunk`.
   */
  private settleInChunks(payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
    const record = flow >= 0;
    const sink = this.scratchFlows;
    const flowMatrix = record ? this.flowMatrix : sink;
    const saving = record ? this.saving : sink;
    const grossFlows = record ? this.grossFlows : sink;
    const payerCell = record ? flow * SECTOR_COUNT + payer.sector : payer.sector;
    const payeeCell = record ? flow * SECTOR_COUNT + payee.sector : payee.sector;
    const nLeft = payerAmounts.length;
    const nRight = payeeAmounts.length;
    const bankDeposits = this.bankDeposits === null ? EMPTY : this.bankDeposits.values;
    const bankReserves = this.bankReserves === null ? EMPTY : this.bankReserves.values;
    const centralBankAccounts = this.centralBankAccounts === null ? EMPTY : this.centralBankAccounts.values;
    openSettlement(payerAmounts, payeeAmounts);
    while (settleState[0] < nLeft && settleState[1] < nRight) {
      settleChunk(
        payer.values, payer.issuerOf ?? NO_ISSUERS, payer.moneyCode, payerAmounts, payee.values, payee.issuerOf ?? NO_ISSUERS, payee.moneyCode, payeeAmounts,
        bankDeposits, bankReserves, centralBankAccounts, flowMatrix, saving, grossFlows, payerCell, payeeCell, payer.sector, payee.sector,
      );
    }
    this.finishSettlement(payer, payerAmounts, payee, payeeAmounts, flow);
  }

  /**
   * `settleDeposits` between books of deposits whose flow record takes six distinct cells (payer and payee of
   * different sectors; or FINANCIAL, recorded in a sink): the same payments, in the same order, paid
   * `SETTLE_CHUNK` pieces at a time by `settleDepositChunk`.
   */
  private settleDepositsInChunks(payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
    const record = flow >= 0;
    const sink = this.scratchFlows;
    const flowMatrix = record ? this.flowMatrix : sink;
    const saving = record ? this.saving : sink;
    const grossFlows = record ? this.grossFlows : sink;
    const payerCell = record ? flow * SECTOR_COUNT + payer.sector : payer.sector;
    const payeeCell = record ? flow * SECTOR_COUNT + payee.sector : payee.sector;
    const nLeft = payerAmounts.length;
    const nRight = payeeAmounts.length;
    openSettlement(payerAmounts, payeeAmounts);
    while (settleState[0] < nLeft && settleState[1] < nRight) {
      settleDepositChunk(
        payer.values, payer.issuerOf!, payerAmounts, payee.values, payee.issuerOf!, payeeAmounts, this.bankDeposits!.values, this.bankReserves!.values,
        flowMatrix, saving, grossFlows, payerCell, payeeCell, payer.sector, payee.sector,
      );
    }
    this.finishSettlement(payer, payerAmounts, payee, payeeAmounts, flow);
  }

  /**
   * The rest of a settlement from where its loop stopped (`settleState`): what a payer still owes, paid
   * to the last payee matched (rounding), and the check that the two lists of amounts add up.
   */
  private finishSettlement(payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
    const nLeft = payerAmounts.length;
    const nRight = payeeAmounts.length;
    let i = settleState[0];
    let j = settleState[1];
    let owed = settleState[2];
    const due = settleState[3];
    const lastRight = settleState[4];
    const matched = settleState[5];
    let leftover = 0;
    while (i < nLeft) {
      if (owed > 0) {
        leftover += owed;
        if (lastRight < nRight) this.pay(payer, i, payee, lastRight, owed, flow);
      }
      i++;
      owed = i < nLeft ? Math.max(0, payerAmounts[i]) : 0;
    }
    let unmatched = due;
    while (++j < nRight) unmatched += Math.max(0, payeeAmounts[j]);
    const tolerance = 1e-9 * Math.max(1, matched);
    if (leftover > tolerance || unmatched > tolerance) {
      throw new Error(`ledger: amounts do not add up for ${payer.name} → ${payee.name} (${leftover} left over, ${unmatched} unmatched)`);
    }
  }

  /**
   * `pay(payer, 0, payee, j, amounts[j], flow)` for j = 0…n−1, in order: entry 0 of a settlement account
   * (a reserve or treasury account) pays each agent of a book of deposits, zero amounts included, inline.
   * Other books: `pay` itself.
   */
  payEachFromAccount(payer: Book, payee: Book, amounts: Float64Array, n: number, flow: Flow): void {
    if (!(payer.moneyCode === 2 && payee.moneyCode === 1 && flow >= 0)) {
      for (let j = 0; j < n; j++) this.pay(payer, 0, payee, j, amounts[j], flow);
      return;
    }
    payFromAccountInBulk(
      payer.values, payer.sector, payee.values, payee.issuerOf!, payee.sector, amounts, n,
      this.bankDeposits!.values, this.bankReserves!.values, this.flowMatrix, this.saving, this.grossFlows, flow * SECTOR_COUNT,
    );
  }

  /** New claims from many issuers to many holders at once: issuer j issues issuerAmounts[j], holder i takes holderAmounts[i]. */
  issueAcross(asset: Book, holderAmounts: Float64Array, liability: Book, issuerAmounts: Float64Array): void {
    matchClaims(asset.values, holderAmounts, liability.values, issuerAmounts, 1, `${liability.name} → ${asset.name}`);
  }

  /** Claims extinguished across many holders and issuers at once: the reverse of `issueAcross`. */
  redeemAcross(asset: Book, holderAmounts: Float64Array, liability: Book, issuerAmounts: Float64Array): void {
    matchClaims(asset.values, holderAmounts, liability.values, issuerAmounts, -1, `${asset.name} → ${liability.name}`);
  }

  /**
   * Securities issued for deposits across many holders and issuers: `issueAcross(asset, holderAmounts,
   * liability, issuerAmounts)` then `settleDeposits(holderMoney, holderAmounts, issuerMoney, issuerAmounts,
   * FINANCIAL)` — the same numbers, in one pass. The two pair the same two lists in order and so match the
   * same pieces (two pointers advanced alike); each piece moves the holding and the liability, then the
   * money, cells the other call never touches, so each cell takes the same additions in the same order.
   * Books other than deposits, or a book on both sides: the two calls.
   */
  issueAndSettleAcross(asset: Book, holderAmounts: Float64Array, liability: Book, issuerAmounts: Float64Array, holderMoney: Book, issuerMoney: Book): void {
    if (!(holderMoney.moneyCode === 1 && issuerMoney.moneyCode === 1 && holderMoney !== issuerMoney && asset !== liability)) {
      this.issueAcross(asset, holderAmounts, liability, issuerAmounts);
      this.settleDeposits(holderMoney, holderAmounts, issuerMoney, issuerAmounts, FINANCIAL);
      return;
    }
    this.claimsForDepositsAcross(asset, holderAmounts, liability, issuerAmounts, holderMoney, issuerMoney, 1);
  }

  /**
   * Securities redeemed for deposits across many holders and issuers: `redeemAcross(asset, holderAmounts,
   * liability, issuerAmounts)` then `settleDeposits(issuerMoney, issuerAmounts, holderMoney, holderAmounts,
   * FINANCIAL)` — the same numbers, in one pass (the settlement, issuers paying, pairs the same pieces: see
   * `issueAndSettleAcross`). Books other than deposits, or a book on both sides: the two calls.
   */
  redeemAndSettleAcross(asset: Book, holderAmounts: Float64Array, liability: Book, issuerAmounts: Float64Array, holderMoney: Book, issuerMoney: Book): void {
    if (!(holderMoney.moneyCode === 1 && issuerMoney.moneyCode === 1 && holderMoney !== issuerMoney && asset !== liability)) {
      this.redeemAcross(asset, holderAmounts, liability, issuerAmounts);
      this.settleDeposits(issuerMoney, issuerAmounts, holderMoney, holderAmounts, FINANCIAL);
      return;
    }
    this.claimsForDepositsAcross(asset, holderAmounts, liability, issuerAmounts, holderMoney, issuerMoney, -1);
  }

  /**
   * The pass of `issueAndSettleAcross` (sign +1, holders pay) and `redeemAndSettleAcross` (−1, issuers pay):
   * `claimsForDepositsChunk` from the start, then what `matchClaims` and `finishSettlement` do after their
   * loops, in that order — rounding left on the holders' side to the last issuer matched (the claims), on
   * the payer's side to the last payee matched (the money), and the checks that the amounts add up.
   */
  private claimsForDepositsAcross(asset: Book, holderAmounts: Float64Array, liability: Book, issuerAmounts: Float64Array, holderMoney: Book, issuerMoney: Book, sign: number): void {
    const held = asset.values;
    const owed = liability.values;
    const nLeft = holderAmounts.length;
    const nRight = issuerAmounts.length;
    openSettlement(holderAmounts, issuerAmounts);
    acrossState[4] = settleState[0];
    while (settleState[0] < nLeft && settleState[1] < nRight) {
      claimsForDepositsChunk(
        held, holderAmounts, owed, issuerAmounts, holderMoney.values, holderMoney.issuerOf!, issuerMoney.values, issuerMoney.issuerOf!, this.bankDeposits!.values, this.bankReserves!.values, sign,
      );
    }
    const i0 = settleState[0];
    const j0 = settleState[1];
    const holderLeft = settleState[2];
    const issuerLeft = settleState[3];
    const lastIssuer = settleState[4];
    const matched = settleState[5];
    const lastHolder = acrossState[4];
    const tolerance = 1e-9 * Math.max(1, matched);
    // The claims: `matchClaims`' rest, holders on the left.
    let i = i0;
    let j = j0;
    let remaining = holderLeft;
    let leftover = 0;
    while (i < nLeft) {
      if (remaining > 0) {
        leftover += remaining;
        if (lastIssuer < nRight) {
          held[i] += sign * remaining;
          owed[lastIssuer] += sign * remaining;
        }
      }
      i++;
      remaining = i < nLeft ? Math.max(0, holderAmounts[i]) : 0;
    }
    let unmatched = issuerLeft;
    while (++j < nRight) unmatched += Math.max(0, issuerAmounts[j]);
    if (leftover > tolerance || unmatched > tolerance) {
      const what = sign > 0 ? `${liability.name} → ${asset.name}` : `${asset.name} → ${liability.name}`;
      throw new Error(`ledger: amounts do not add up for ${what} (${leftover} left over, ${unmatched} unmatched)`);
    }
    // The money: `finishSettlement`'s rest, the payer's side on the left.
    const payer = sign > 0 ? holderMoney : issuerMoney;
    const payee = sign > 0 ? issuerMoney : holderMoney;
    const payerAmounts = sign > 0 ? holderAmounts : issuerAmounts;
    const payeeAmounts = sign > 0 ? issuerAmounts : holderAmounts;
    const nPayers = payerAmounts.length;
    const nPayees = payeeAmounts.length;
    let p = sign > 0 ? i0 : j0;
    let q = sign > 0 ? j0 : i0;
    let owing = sign > 0 ? holderLeft : issuerLeft;
    const lastPayee = sign > 0 ? lastIssuer : lastHolder;
    leftover = 0;
    while (p < nPayers) {
      if (owing > 0) {
        leftover += owing;
        if (lastPayee < nPayees) this.pay(payer, p, payee, lastPayee, owing, FINANCIAL);
      }
      p++;
      owing = p < nPayers ? Math.max(0, payerAmounts[p]) : 0;
    }
    unmatched = sign > 0 ? issuerLeft : holderLeft;
    while (++q < nPayees) unmatched += Math.max(0, payeeAmounts[q]);
    if (leftover > tolerance || unmatched > tolerance) {
      throw new Error(`ledger: amounts do not add up for ${payer.name} → ${payee.name} (${leftover} left over, ${unmatched} unmatched)`);
    }
  }

  /** Capital worn out (consumption of fixed capital), in units: the holder's real capital and net worth fall. */
  depreciate(capital: Book, holder: number, units: number): void {
    capital.values[holder] -= units;
    const value = units * capital.price[0];
    this.otherChanges[capital.sector] -= value;
    this.grossFlows[capital.sector] += Math.abs(value);
  }

  /** Current unit price of an instrument's default slot. */
  priceOf(instrument: Instrument): number {
    return this.instrumentPrices[instrument][0];
  }

  /** Change an instrument's default unit price, booking each sector's gain or loss as revaluation. */
  revalue(instrument: Instrument, newPrice: number): void {
    this.revaluePrice(this.instrumentPrices[instrument], newPrice);
  }

  /** Change the single price of a shared slot (a security), booking revaluation by sector. */
  revaluePrice(slot: Float64Array, newPrice: number): void {
    const change = newPrice - slot[0];
    if (change === 0) return;
    for (const book of this.books) {
      if (book.price !== slot) continue;
      const units = accurateSum(book.values);
      const gain = (book.side === 'asset' ? 1 : -1) * units * change;
      this.revaluation[book.sector] += gain;
      this.grossFlows[book.sector] += grossOfLastSum() * Math.abs(change);
    }
    slot[0] = newPrice;
  }

  /** Change per-entry prices (one per issuer), booking revaluation by sector. */
  revalueEntries(slot: Float64Array, newPrices: Float64Array): void {
    for (const book of this.books) {
      if (book.price !== slot) continue;
      const sign = book.side === 'asset' ? 1 : -1;
      let gain = 0;
      let gross = 0;
      for (let i = 0; i < slot.length; i++) {
        const change = book.values[i] * (newPrices[i] - slot[i]);
        gain += change;
        gross += Math.abs(change);
      }
      this.revaluation[book.sector] += sign * gain;
      this.grossFlows[book.sector] += gross;
    }
    slot.set(newPrices);
  }

  /** Value of a book at current prices. */
  valueOf(book: Book): number {
    if (!book.perEntryPrices) return accurateSum(book.values) * book.price[0];
    let value = 0;
    for (let i = 0; i < book.values.length; i++) value += book.values[i] * book.price[i];
    return value;
  }

  /** Net worth by sector: assets − liabilities at current prices. */
  netWorthBySector(out = new Float64Array(SECTOR_COUNT)): Float64Array {
    out.fill(0);
    for (const book of this.books) out[book.sector] += (book.side === 'asset' ? 1 : -1) * this.valueOf(book);
    return out;
  }

  /** This month's gross flows by sector (Σ|x| of its current flows, revaluations and volume changes): the scale of their rounding. */
  grossFlowsBySector(out = new Float64Array(SECTOR_COUNT)): Float64Array {
    out.set(this.grossFlows);
    return out;
  }

  /** Record the opening balance sheet: the baseline from which the first month's changes are checked. */
  startAccounting(): void {
    this.netWorthBySector(this.lastNetWorth);
    this.hasBaseline = true;
    this.clearFlows();
  }

  /** Zero the month's flows, revaluations and volume changes (the engine does so as each month starts). */
  clearFlows(): void {
    this.flowMatrix.fill(0);
    this.saving.fill(0);
    this.revaluation.fill(0);
    this.otherChanges.fill(0);
    this.grossFlows.fill(0);
    this.scratchFlows.fill(0);
  }

  /**
   * Check the invariants for the month just ended (the engine clears the flow record when the next month
   * starts, so reports can read this month's transactions-flow matrix first). Returns the largest relative
   * discrepancy and, if it exceeds `tolerance`, the worst violation.
   */
  check(tolerance = 1e-9): CheckResult {
    let sfcError = 0;
    let worst: Violation | null = null;
    // `consider` says whether a discrepancy is the new worst violation; only then are its invariant and
    // detail put into words (the checks run every month, the words are for failures).
    let worstError = 0;
    const consider = (discrepancy: number, scale: number): boolean => {
      if (Number.isNaN(sfcError)) return false; // the first NaN found is the one to report
      const relativeError = Math.abs(discrepancy) / Math.max(Math.abs(scale), 1e-12);
      if (!(relativeError <= sfcError)) {
        // NaN compares false both ways and so is kept as the worst.
        sfcError = relativeError;
        if (!(relativeError <= tolerance)) {
          worstError = relativeError;
          return true;
        }
      }
      return false;
    };
    const violation = (invariant: string, detail: string): void => {
      worst = { invariant, detail, relativeError: worstError };
    };

    // 1. Each financial instrument: units held = units owed. Rounding errors are relative to the gross
    //    positions (Σ|x|), not to a net total that may be near zero. The holdings checked per issuer are
    //    added into their issuers' cells in this same pass, in book order and entry order, so that a
    //    million households' deposits are read once rather than twice (`checkPerIssuer` compares them).
    this.planCheck();
    const scratch = this.checkScratch;
    const held = scratch.held.fill(0);
    const owed = scratch.owed.fill(0);
    const grossUnits = scratch.grossUnits.fill(0);
    const bookTotals = scratch.bookTotals;
    const bookValues = scratch.bookValues;
    const bookGross = scratch.bookGross;
    for (const balance of scratch.balances) {
      balance.held.fill(0);
      balance.gross.fill(0);
    }
    const books = this.books;
    for (let b = 0; b < books.length; b++) {
      const book = books[b];
      const holdings = scratch.holdings[b];
      let units: number;
      let h = 0;
      if (holdings.length > 0 && holdings[0].byIssuer) {
        units = accurateSumByIssuer(book.values, book.issuerOf!, holdings[0].balance.held, holdings[0].balance.gross);
        h = 1;
      } else {
        units = accurateSum(book.values);
      }
      bookGross[b] = grossOfLastSum();
      for (; h < holdings.length; h++) {
        const { balance, byIssuer } = holdings[h];
        if (byIssuer) addByIssuer(book.values, book.issuerOf!, balance.held, balance.gross);
        else addAligned(book.values, balance.held, balance.gross);
      }
      if (!Number.isFinite(units) && consider(NaN, 1)) violation('finite holdings', `book ${book.name} sums to ${units}`);
      bookTotals[b] = units;
      bookValues[b] = book.perEntryPrices ? this.valueOf(book) : units * book.price[0];
      if (!Number.isFinite(bookValues[b]) && consider(NaN, 1)) violation('finite prices', `book ${book.name} is valued at ${bookValues[b]}`);
      grossUnits[book.instrument] += bookGross[b];
      if (book.side === 'asset') held[book.instrument] += units;
      else owed[book.instrument] += units;
    }
    for (let k = 0; k < INSTRUMENT_COUNT; k++) {
      if (REAL_INSTRUMENTS.has(k)) continue;
      if (consider(held[k] - owed[k], grossUnits[k])) {
        const holders = this.books.filter((b) => b.instrument === k).map((b) => b.name).join(', ');
        violation(`${INSTRUMENT_NAMES[k]} held = ${INSTRUMENT_NAMES[k]} owed`, `held ${held[k]}, owed ${owed[k]} (books: ${holders})`);
      }
    }
    this.checkPerIssuer(consider, violation);

    // 2. Each sector: Δ net worth = saving + revaluation + other volume changes.
    const netWorth = scratch.netWorth.fill(0);
    const gross = scratch.gross.fill(0);
    for (let b = 0; b < books.length; b++) {
      const book = books[b];
      netWorth[book.sector] += (book.side === 'asset' ? 1 : -1) * bookValues[b];
      gross[book.sector] += book.perEntryPrices ? Math.abs(bookValues[b]) : bookGross[b] * Math.abs(book.price[0]);
    }
    let grossAll = 0;
    for (let s = 0; s < SECTOR_COUNT; s++) grossAll += gross[s];
    if (this.hasBaseline) {
      for (let s = 0; s < SECTOR_COUNT; s++) {
        const change = netWorth[s] - this.lastNetWorth[s];
        const explained = this.saving[s] + this.revaluation[s] + this.otherChanges[s];
        if (consider(change - explained, Math.max(gross[s], Math.abs(this.lastNetWorth[s]), this.grossFlows[s]))) {
          violation(
            `Δ net worth = saving + revaluation + other changes (${SECTOR_NAMES[s]})`,
            `Δ net worth ${change}, saving ${this.saving[s]}, revaluation ${this.revaluation[s]}, other changes ${this.otherChanges[s]}`,
          );
        }
      }
    }

    // 3. The economy: Σ net worth = real assets.
    let totalNetWorth = 0;
    let realAssets = 0;
    for (let s = 0; s < SECTOR_COUNT; s++) totalNetWorth += netWorth[s];
    this.books.forEach((book, b) => {
      if (REAL_INSTRUMENTS.has(book.instrument)) realAssets += bookValues[b];
    });
    if (consider(totalNetWorth - realAssets, grossAll)) violation('Σ net worth = real capital + gold + bitcoin', `Σ net worth ${totalNetWorth}, real assets ${realAssets}`);

    // 4. Every flow received was paid: each flow row sums to zero.
    for (let f = 0; f < FLOW_COUNT; f++) {
      let rowSum = 0;
      let rowGross = 0;
      for (let s = 0; s < SECTOR_COUNT; s++) {
        rowSum += this.flowMatrix[f * SECTOR_COUNT + s];
        rowGross += Math.abs(this.flowMatrix[f * SECTOR_COUNT + s]);
      }
      if (consider(rowSum, rowGross)) violation(`${FLOW_NAMES[f]} paid = ${FLOW_NAMES[f]} received`, `row sum ${rowSum}`);
    }

    this.lastNetWorth.set(netWorth);
    this.hasBaseline = true;
    return { sfcError, worst };
  }

  /**
   * `check`'s plan, worked out again when books have been opened since: its per-book arrays and the
   * per-issuer balances — each liability with more than one entry and the asset books of its instrument
   * that hold claims on it, by naming their issuer (issuerOf, when the liability names none) or aligned
   * with it (per-entry prices shared with the liability: entry i is a claim on agent i).
   */
  private planCheck(): void {
    const books = this.books;
    const scratch = this.checkScratch;
    if (scratch.books === books.length) return;
    scratch.bookTotals = new Float64Array(books.length);
    scratch.bookValues = new Float64Array(books.length);
    scratch.bookGross = new Float64Array(books.length);
    scratch.balances = [];
    scratch.holdings = books.map(() => []);
    for (const liability of books) {
      if (liability.side !== 'liability' || liability.values.length <= 1) continue;
      let balance: IssuerBalance | null = null;
      books.forEach((b, index) => {
        const holds =
          b.side === 'asset' &&
          b.instrument === liability.instrument &&
          ((b.issuerOf !== null && liability.issuerOf === null) || (b.perEntryPrices && b.price === liability.price));
        if (!holds) return;
        if (balance === null) {
          balance = { liability, held: new Float64Array(liability.values.length), gross: new Float64Array(liability.values.length) };
          scratch.balances.push(balance);
        }
        scratch.holdings[index].push({ balance, byIssuer: b.issuerOf !== null });
      });
    }
    scratch.books = books.length;
  }

  /**
   * Per-issuer balance: holdings that name their issuer (issuerOf) or are aligned with it (per-entry
   * prices: entry i is a claim on agent i) must add up to what each issuer owes. (Their sums per issuer
   * were added up in `check`'s pass over the books.)
   */
  private checkPerIssuer(consider: (discrepancy: number, scale: number) => boolean, violation: (invariant: string, detail: string) => void): void {
    for (const { liability, held: perIssuer, gross: grossPerIssuer } of this.checkScratch.balances) {
      for (let k = 0; k < perIssuer.length; k++) {
        const owed = liability.values[k];
        if (consider(perIssuer[k] - owed, grossPerIssuer[k] + Math.abs(owed))) {
          violation(`${INSTRUMENT_NAMES[liability.instrument]} held = owed, per issuer (${liability.name})`, `issuer ${k}: held ${perIssuer[k]}, owed ${owed}`);
        }
      }
    }
  }

  /** Per fund and bank: net payments of `exchangeFundUnitsMatched` (allocated on first use, grown if needed). */
  private fundBankNet: Float64Array | null = null;
  private readonly fundTotals = new Float64Array(16);
  private readonly fundTotalUnits = new Float64Array(16);

  /**
   * Many holders trade two securities (A and B) with their dealers in one pass, in holder order: holder i
   * wants `wantedA[i]` of A (money at `priceA`; > 0 buys from its dealer `dealerOf[i]`, < 0 sells to it) and
   * `wantedB[i]` of B. Purchases are capped at what the dealer holds at that moment (in units). Each holder's
   * sales are settled before its purchases (A before B in each), exactly as the `trade` calls
   *   sell A, sell B, buy A, buy B
   * would do one holder after another (the same operations in the same order, so the same numbers).
   * Financial transactions: no saving changes.
   */
  tradeWithDealers(
    holderA: Book,
    dealerA: Book,
    wantedA: Float64Array,
    priceA: number,
    holderB: Book,
    dealerB: Book,
    wantedB: Float64Array,
    priceB: number,
    dealerOf: Int32Array,
    holderMoney: Book,
    dealerMoney: Book,
  ): void {
    this.tradeWithDealersRange(holderA, dealerA, wantedA, priceA, holderB, dealerB, wantedB, priceB, dealerOf, holderMoney, dealerMoney, 0, wantedA.length);
  }

  /**
   * `tradeWithDealers` for holders start…end − 1. Called chunk after chunk in holder order over all the
   * holders, it gives the same numbers as one `tradeWithDealers` call, provided no other operation on these
   * books comes between the chunks (a caller may work out a chunk's wanted amounts just before trading them,
   * while they are in cache, from values that the earlier chunks' trades do not touch: `rebalancePortfolios`).
   */
  tradeWithDealersRange(
    holderA: Book,
    dealerA: Book,
    wantedA: Float64Array,
    priceA: number,
    holderB: Book,
    dealerB: Book,
    wantedB: Float64Array,
    priceB: number,
    dealerOf: Int32Array,
    holderMoney: Book,
    dealerMoney: Book,
    start: number,
    end: number,
  ): void {
    const fast = holderMoney.moneyCode === 1 && dealerMoney.moneyCode === 2 && this.bankDeposits !== null && this.bankReserves !== null;
    if (!fast) {
      for (let i = start; i < end; i++) {
        const d = dealerOf[i];
        const a = wantedA[i] > 0 ? Math.min(wantedA[i] / priceA, dealerA.values[d]) : wantedA[i] / priceA;
        if (a < 0) this.trade(holderA, i, dealerA, d, -a, priceA, dealerMoney, holderMoney);
        const b = wantedB[i] > 0 ? Math.min(wantedB[i] / priceB, dealerB.values[d]) : wantedB[i] / priceB;
        if (b < 0) this.trade(holderB, i, dealerB, d, -b, priceB, dealerMoney, holderMoney);
        if (a > 0) this.trade(dealerA, d, holderA, i, a, priceA, holderMoney, dealerMoney);
        if (b > 0) this.trade(dealerB, d, holderB, i, b, priceB, holderMoney, dealerMoney);
      }
      return;
    }
    // Holders pay from deposits (their bank's liability moves with them, and its reserves), dealers from
    // their reserve accounts: the two branches of `pay` for a deposit and a reserve account, written out.
    const heldA = holderA.values;
    const heldB = holderB.values;
    const stockA = dealerA.values;
    const stockB = dealerB.values;
    const money = holderMoney.values;
    const bankOf = holderMoney.issuerOf!;
    const accounts = dealerMoney.values;
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    for (let i = start; i < end; i++) {
      const wa = wantedA[i];
      const wb = wantedB[i];
      if (wa === 0 && wb === 0) continue;
      const d = dealerOf[i];
      const hb = bankOf[i];
      const a = wa > 0 ? Math.min(wa / priceA, stockA[d]) : wa / priceA;
      if (a < 0) {
        const units = -a;
        heldA[i] -= units;
        stockA[d] += units;
        const amount = units * priceA;
        accounts[d] -= amount;
        money[i] += amount;
        bankDeposits[hb] += amount;
        bankReserves[hb] += amount;
      }
      const b = wb > 0 ? Math.min(wb / priceB, stockB[d]) : wb / priceB;
      if (b < 0) {
        const units = -b;
        heldB[i] -= units;
        stockB[d] += units;
        const amount = units * priceB;
        accounts[d] -= amount;
        money[i] += amount;
        bankDeposits[hb] += amount;
        bankReserves[hb] += amount;
      }
      if (a > 0) {
        stockA[d] -= a;
        heldA[i] += a;
        const amount = a * priceA;
        money[i] -= amount;
        bankDeposits[hb] -= amount;
        bankReserves[hb] -= amount;
        accounts[d] += amount;
      }
      if (b > 0) {
        stockB[d] -= b;
        heldB[i] += b;
        const amount = b * priceB;
        money[i] -= amount;
        bankDeposits[hb] -= amount;
        bankReserves[hb] -= amount;
        accounts[d] += amount;
      }
    }
  }

  /**
   * `exchangeFundUnits` for several funds in one pass over a list of holders, with the intended amounts
   * scaled by how far they were matched: for fund j (of `count`), holder i = holders[k] (k < holderCount,
   * in increasing order of i) buys `t · buyScale[j]` (t = trades[k · count + j] > 0) or redeems `t · sellScale[j]`
   * (t < 0) at `navs[j]`; holders not listed trade nothing. Funds with `active[j] === 0` are skipped. The
   * same numbers as one `exchangeFundUnits` call per active fund, in order (each holder's money moves fund
   * by fund; each fund's bank settlement is applied after the pass, fund by fund).
   */
  exchangeFundUnitsMatched(
    count: number,
    holders: Int32Array,
    holderCount: number,
    holderUnits: readonly Book[],
    holderMoney: Book,
    trades: Float64Array,
    buyScale: Float64Array,
    sellScale: Float64Array,
    active: Uint8Array,
    fundUnits: readonly Book[],
    fundMoney: Book,
    funds: readonly number[],
    navs: Float64Array,
  ): void {
    if (holderMoney.moneyCode !== 1 || fundMoney.moneyCode !== 1) throw new Error('ledger: fund units are bought and redeemed with deposits');
    if (count > this.fundTotals.length) throw new Error('ledger: too many funds for one exchange');
    const bankCount = this.bankDeposits!.values.length;
    if (this.fundBankNet === null || this.fundBankNet.length < count * bankCount) this.fundBankNet = new Float64Array(Math.max(count, 8) * bankCount);
    const net = this.fundBankNet;
    net.fill(0, 0, count * bankCount);
    const totals = this.fundTotals;
    const totalUnits = this.fundTotalUnits;
    totals.fill(0);
    totalUnits.fill(0);
    this.exchangeFused(count, holders, holderCount, holderUnits, holderMoney.values, holderMoney.issuerOf!, trades, buyScale, sellScale, active, navs, bankCount);
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    for (let j = 0; j < count; j++) {
      if (active[j] === 0) continue;
      const fund = funds[j];
      const total = totals[j];
      fundMoney.values[fund] += total;
      fundUnits[j].values[0] += totalUnits[j];
      const offset = j * bankCount;
      net[offset + fundMoney.issuerOf![fund]] += total;
      for (let b = 0; b < bankCount; b++) {
        bankDeposits[b] += net[offset + b];
        bankReserves[b] += net[offset + b];
      }
    }
  }

  /**
   * The same as `exchangeFundUnits` (the same numbers), with the holders' pass in a loop that V8 keeps
   * compiled from one month to the next (see `BULK_CHUNK`).
   */
  exchangeFundUnitsPass(holderUnits: Book, holderMoney: Book, amounts: Float64Array, fundUnits: Book, fundMoney: Book, fund: number, nav: number): void {
    this.openFundExchange(holderMoney, fundMoney);
    for (let start = 0; start < amounts.length; start += BULK_CHUNK) {
      this.exchangeFundUnitsRange(holderUnits, holderMoney, amounts, nav, start, Math.min(amounts.length, start + BULK_CHUNK));
    }
    this.closeFundExchange(fundUnits, fundMoney, fund);
  }

  /**
   * `exchangeFundUnitsPass` in pieces, for a caller that works out each chunk's amounts and exchanges them
   * while they are in cache (`retirementFlows`): `openFundExchange`, then `exchangeFundUnitsRange` for
   * holders start…end − 1, chunk after chunk in holder order, then `closeFundExchange`. The same numbers as
   * `exchangeFundUnitsPass` over the whole amounts, provided the caller's amounts for a chunk read only the
   * chunk's own holders (whose money and units no earlier chunk has touched).
   */
  openFundExchange(holderMoney: Book, fundMoney: Book): void {
    if (holderMoney.moneyCode !== 1 || fundMoney.moneyCode !== 1) throw new Error('ledger: fund units are bought and redeemed with deposits');
    const bankCount = this.bankDeposits!.values.length;
    if (this.fundBankNet === null || this.fundBankNet.length < bankCount) this.fundBankNet = new Float64Array(8 * bankCount);
    this.fundBankNet.fill(0, 0, bankCount);
    exchanged.fill(0);
  }

  /** Holders start…end − 1 of an exchange opened by `openFundExchange` (amounts > 0 buy units at `nav`, < 0 redeem them). */
  exchangeFundUnitsRange(holderUnits: Book, holderMoney: Book, amounts: Float64Array, nav: number, start: number, end: number): void {
    exchangeAtNav(amounts, holderUnits.values, holderMoney.values, holderMoney.issuerOf!, nav, this.fundBankNet!, start, end);
  }

  /** The fund's side of an exchange opened by `openFundExchange`: its money and units, and the banks' settlements. */
  closeFundExchange(fundUnits: Book, fundMoney: Book, fund: number): void {
    const bankCount = this.bankDeposits!.values.length;
    const net = this.fundBankNet!;
    const total = exchanged[0];
    const totalUnits = exchanged[1];
    fundMoney.values[fund] += total;
    fundUnits.values[0] += totalUnits;
    net[fundMoney.issuerOf![fund]] += total;
    const bankDeposits = this.bankDeposits!.values;
    const bankReserves = this.bankReserves!.values;
    for (let b = 0; b < bankCount; b++) {
      bankDeposits[b] += net[b];
      bankReserves[b] += net[b];
    }
  }

  /** The holders' pass of `exchangeFundUnitsMatched`: five funds written out, otherwise one tight pass per fund (each holder's money still moves fund by fund). */
  private exchangeFused(
    count: number,
    holders: Int32Array,
    holderCount: number,
    holderUnits: readonly Book[],
    money: Float64Array,
    banks: Int32Array,
    trades: Float64Array,
    buyScale: Float64Array,
    sellScale: Float64Array,
    active: Uint8Array,
    navs: Float64Array,
    bankCount: number,
  ): void {
    if (count === 5) {
      // Five funds (the risky assets): one pass, each holder's money read and written once.
      for (let start = 0; start < holderCount; start += BULK_CHUNK) {
        this.exchangeFive(holders, start, Math.min(holderCount, start + BULK_CHUNK), trades, holderUnits, money, banks, buyScale, sellScale, active, navs, bankCount);
      }
      return;
    }
    for (let j = 0; j < count; j++) {
      if (active[j] === 0) continue;
      exchanged.fill(0);
      for (let start = 0; start < holderCount; start += BULK_CHUNK) {
        this.exchangeListed(holders, start, Math.min(holderCount, start + BULK_CHUNK), trades, count, j, holderUnits[j].values, money, banks, buyScale[j], sellScale[j], navs[j], j * bankCount);
      }
      this.fundTotals[j] = exchanged[0];
      this.fundTotalUnits[j] = exchanged[1];
    }
  }

  /** Fund j's pass (of `count` funds' trades side by side) over listed holders start…end − 1 (a chunk): the money paid in and units bought added to `exchanged`. */
  private exchangeListed(holders: Int32Array, start: number, end: number, trades: Float64Array, count: number, j: number, units: Float64Array, money: Float64Array, banks: Int32Array, buyScale: number, sellScale: number, nav: number, offset: number): void {
    const net = this.fundBankNet!;
    const sums = exchanged;
    for (let k = start; k < end; k++) {
      const trade = trades[k * count + j];
      const amount = trade * (trade > 0 ? buyScale : sellScale);
      if (amount === 0) continue;
      const i = holders[k];
      money[i] -= amount;
      const unitsBought = amount / nav;
      units[i] += unitsBought;
      sums[1] += unitsBought;
      sums[0] += amount;
      net[offset + banks[i]] -= amount;
    }
  }

  /** `exchangeFused` for exactly five funds, written out (holder k's five trades side by side at 5k…5k + 4), for listed holders start…end − 1 (a chunk: see `BULK_CHUNK`), added to `fundTotals`/`fundTotalUnits` (an inactive fund: scales 0, so no amounts; its sums are not used). */
  private exchangeFive(
    holders: Int32Array,
    start: number,
    end: number,
    trades: Float64Array,
    holderUnits: readonly Book[],
    money: Float64Array,
    banks: Int32Array,
    buyScale: Float64Array,
    sellScale: Float64Array,
    active: Uint8Array,
    navs: Float64Array,
    bankCount: number,
  ): void {
    const net = this.fundBankNet!;
    const units0 = holderUnits[0].values, units1 = holderUnits[1].values, units2 = holderUnits[2].values, units3 = holderUnits[3].values, units4 = holderUnits[4].values;
    const buy0 = active[0] ? buyScale[0] : 0, buy1 = active[1] ? buyScale[1] : 0, buy2 = active[2] ? buyScale[2] : 0, buy3 = active[3] ? buyScale[3] : 0, buy4 = active[4] ? buyScale[4] : 0;
    const sell0 = active[0] ? sellScale[0] : 0, sell1 = active[1] ? sellScale[1] : 0, sell2 = active[2] ? sellScale[2] : 0, sell3 = active[3] ? sellScale[3] : 0, sell4 = active[4] ? sellScale[4] : 0;
    const nav0 = navs[0], nav1 = navs[1], nav2 = navs[2], nav3 = navs[3], nav4 = navs[4];
    const offset1 = bankCount, offset2 = 2 * bankCount, offset3 = 3 * bankCount, offset4 = 4 * bankCount;
    // The sums are added into typed arrays, not carried in local variables: a loop compiled on stack (V8's
    // OSR) keeps carried doubles as allocated numbers.
    const totals = this.fundTotals;
    const totalUnits = this.fundTotalUnits;
    for (let k = start; k < end; k++) {
      const i = holders[k];
      let cash = money[i];
      const bank = banks[i];
      const at = 5 * k;
      // trade · (trade > 0 ? buyScale : sellScale) without the branch: (trade + |trade|)/2 is trade or 0, (trade − |trade|)/2 is 0 or trade.
      let trade = trades[at];
      let amount = (trade + Math.abs(trade)) * 0.5 * buy0 + (trade - Math.abs(trade)) * 0.5 * sell0;
      if (amount !== 0) {
        cash -= amount;
        const unitsBought = amount / nav0;
        units0[i] += unitsBought;
        totalUnits[0] += unitsBought;
        totals[0] += amount;
        net[bank] -= amount;
      }
      trade = trades[at + 1];
      amount = (trade + Math.abs(trade)) * 0.5 * buy1 + (trade - Math.abs(trade)) * 0.5 * sell1;
      if (amount !== 0) {
        cash -= amount;
        const unitsBought = amount / nav1;
        units1[i] += unitsBought;
        totalUnits[1] += unitsBought;
        totals[1] += amount;
        net[offset1 + bank] -= amount;
      }
      trade = trades[at + 2];
      amount = (trade + Math.abs(trade)) * 0.5 * buy2 + (trade - Math.abs(trade)) * 0.5 * sell2;
      if (amount !== 0) {
        cash -= amount;
        const unitsBought = amount / nav2;
        units2[i] += unitsBought;
        totalUnits[2] += unitsBought;
        totals[2] += amount;
        net[offset2 + bank] -= amount;
      }
      trade = trades[at + 3];
      amount = (trade + Math.abs(trade)) * 0.5 * buy3 + (trade - Math.abs(trade)) * 0.5 * sell3;
      if (amount !== 0) {
        cash -= amount;
        const unitsBought = amount / nav3;
        units3[i] += unitsBought;
        totalUnits[3] += unitsBought;
        totals[3] += amount;
        net[offset3 + bank] -= amount;
      }
      trade = trades[at + 4];
      amount = (trade + Math.abs(trade)) * 0.5 * buy4 + (trade - Math.abs(trade)) * 0.5 * sell4;
      if (amount !== 0) {
        cash -= amount;
        const unitsBought = amount / nav4;
        units4[i] += unitsBought;
        totalUnits[4] += unitsBought;
        totals[4] += amount;
        net[offset4 + bank] -= amount;
      }
      money[i] = cash;
    }
  }
}

/**
 * One fund's exchange with holders start…end − 1 (a chunk of `exchangeFundUnitsRange`): holder i pays
 * amounts[i] (> 0, or receives −amounts[i]) and takes amounts[i] / nav units; the money paid in and units
 * bought added to `exchanged`, carried in local variables over the chunk (the same additions in the same
 * order: the function is called chunk after chunk, so compiled whole), bank settlements into `net`.
 */
function exchangeAtNav(amounts: Float64Array, units: Float64Array, money: Float64Array, banks: Int32Array, nav: number, net: Float64Array, start: number, end: number): void {
  let paid = exchanged[0];
  let bought = exchanged[1];
  for (let i = start; i < end; i++) {
    const amount = amounts[i];
    if (amount === 0) continue;
    money[i] -= amount;
    const unitsBought = amount / nav;
    units[i] += unitsBought;
    bought += unitsBought;
    paid += amount;
    net[banks[i]] -= amount;
  }
  exchanged[0] = paid;
  exchanged[1] = bought;
}

/**
 * Holders are passed in chunks of this many by the Ledger's bulk passes (`exchangeFundUnitsPass`,
 * `exchangeFundUnitsMatched`): a pass is then called many times, so V8 compiles it as an ordinary function
 * and not only on stack. Their sums are added into small typed arrays from one chunk to the next, in the
 * same order; within a chunk `settleProRataChunk` and `exchangeAtNav` carry them in local variables (compiled
 * whole, they stay in registers), the others add into the arrays: a loop compiled on stack kept carried
 * doubles as allocated numbers.
 */
const BULK_CHUNK = 4096;
/** `settleProRataChunk`'s list of a chunk's holders (reused). */
const proRataListed = new Int32Array(BULK_CHUNK);
/** Money paid in and units bought by the chunks of one fund's pass (a typed array: read as doubles). */
const exchanged = new Float64Array(2);
