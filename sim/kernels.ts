/**
 * Loops over whole populations as functions of their own. A long loop inside a larger function is
 * compiled on the fly (on-stack replacement) while the rest of the function has not run yet; the code after
 * the loop then lacks type feedback, the function falls back to the interpreter there, and every number
 * it computes afterwards is boxed on the heap. A function that is nothing but its loop is optimized whole
 * and stays so. Each kernel does exactly the arithmetic of the loop it replaces, in the same order.
 */
import type { EconomyWorld } from './economyWorld.js';
import { type Book, type Flow, FINANCIAL, SECTOR_COUNT } from './ledger.js';

/** Σ v[i], i = 0…n−1, left to right. */
export function sumArray(v: Float64Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += v[i];
  return total;
}

/** start + v[0] + … + v[n−1], left to right. */
export function sumOnto(start: number, v: Float64Array, n: number): number {
  let total = start;
  for (let i = 0; i < n; i++) total += v[i];
  return total;
}

/** out[i] += factor · v[i]. */
export function addScaled(out: Float64Array, v: Float64Array, factor: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] += factor * v[i];
}

/** out[i] += v[i]. */
export function addInto(out: Float64Array, v: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] += v[i];
}

/** out[i] = (v[i] / total) · amount. */
export function proportionalShares(out: Float64Array, v: Float64Array, total: number, amount: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = (v[i] / total) * amount;
}

/** out[i] *= factor. */
export function scaleInPlace(out: Float64Array, factor: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] *= factor;
}

/** Adaptive expectations in place, expected[i] += weight · (observed[i] − expected[i]); returns Σ expected (left to right). */
export function adaptInPlace(expected: Float64Array, observed: Float64Array, weight: number, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    expected[i] += weight * (observed[i] - expected[i]);
    total += expected[i];
  }
  return total;
}

/** out[i] = v[i] · factor. */
export function scaled(out: Float64Array, v: Float64Array, factor: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = v[i] * factor;
}

/**
 * `Ledger.settle` between two books of deposits (payer agent i pays payerAmounts[i] > 0, payee agent j
 * receives payeeAmounts[j] > 0, matched in order by two pointers), the arithmetic of `settlePieces`'
 * deposit-to-deposit case in the same order, on the books' arrays. A copy of that loop for one caller:
 * the ledger's shared loop serves payers and payees of every kind, keeps losing its optimized code, and
 * ran in the interpreter boxing every number (4.8 MB a month at 100,000 households for the corporate
 * coupons alone). Leaves i, j, owed, due, lastRight, matched in `state` as `settlePieces` leaves them in
 * its `settleState`; the caller finishes as `settle` does (`finishSettlement`).
 */
export function settleDepositsInBulk(
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
  state: Float64Array,
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
  state[0] = i;
  state[1] = j;
  state[2] = owed;
  state[3] = due;
  state[4] = lastRight;
  state[5] = matched;
}

const settlement = new Float64Array(6);
const flowSink = new Float64Array(SECTOR_COUNT);

/**
 * `ledger.settle(payer, payerAmounts, payee, payeeAmounts, flow)` between two books of deposits, its loop
 * in a function of this caller's own (`settleDepositsInBulk`, sim/kernels.ts) rather than the ledger's
 * shared one; the same arithmetic in the same order. Any other books: `ledger.settle` itself.
 */
export function settleDeposits(world: EconomyWorld, payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
  const { ledger, banks } = world;
  if (!(payer.moneyCode === 1 && payee.moneyCode === 1)) {
    ledger.settle(payer, payerAmounts, payee, payeeAmounts, flow);
    return;
  }
  // A FINANCIAL settlement records no flow: `settle` writes its flow record to a sink, as here.
  const record = flow >= 0;
  settleDepositsInBulk(
    payer.values, payer.issuerOf!, payerAmounts, payee.values, payee.issuerOf!, payeeAmounts,
    banks.deposits.values, banks.reserves.values,
    record ? ledger.flowMatrix : flowSink, record ? ledger.saving : flowSink, record ? ledger.grossFlows : flowSink,
    record ? flow * SECTOR_COUNT + payer.sector : payer.sector, record ? flow * SECTOR_COUNT + payee.sector : payee.sector, payer.sector, payee.sector, settlement,
  );
  // The rest of `settle`: a payer's remainder to the last payee, and the check that the amounts add up.
  const nLeft = payerAmounts.length;
  const nRight = payeeAmounts.length;
  let i = settlement[0];
  let j = settlement[1];
  let owed = settlement[2];
  const due = settlement[3];
  const lastRight = settlement[4];
  const matched = settlement[5];
  let leftover = 0;
  while (i < nLeft) {
    if (owed > 0) {
      leftover += owed;
      if (lastRight < nRight) ledger.pay(payer, i, payee, lastRight, owed, flow);
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
 * `ledger.pay(payer, 0, payee, j, amounts[j], flow)` for j = 0…n−1, in order: entry 0 of a settlement
 * account (a reserve or treasury account) pays each agent of a book of deposits, zero amounts included,
 * the arithmetic of `pay` (debit, credit, flow record) inline. Other books: `ledger.pay` itself.
 */
export function payEachFromAccount(world: EconomyWorld, payer: Book, payee: Book, amounts: Float64Array, n: number, flow: Flow): void {
  const { ledger, banks } = world;
  if (!(payer.moneyCode === 2 && payee.moneyCode === 1 && flow >= 0)) {
    for (let j = 0; j < n; j++) ledger.pay(payer, 0, payee, j, amounts[j], flow);
    return;
  }
  payFromAccountInBulk(
    payer.values, payer.sector, payee.values, payee.issuerOf!, payee.sector, amounts, n,
    banks.deposits.values, banks.reserves.values, ledger.flowMatrix, ledger.saving, ledger.grossFlows, flow * SECTOR_COUNT,
  );
}

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
