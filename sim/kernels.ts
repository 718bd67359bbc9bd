/**
 * Loops over whole populations as functions of their own. A long loop inside a larger function is
 * compiled on the fly (on-stack replacement) while the rest of the function has not run yet; the code after
 * the loop then lacks type feedback, the function falls back to the interpreter there, and every number
 * it computes afterwards is boxed on the heap. A function that is nothing but its loop is optimized whole
 * and stays so. Each kernel does exactly the arithmetic of the loop it replaces, in the same order.
 */

/** Σ v[i], i = 0…n−1, left to right. */
export function sumArray(v: Float64Array, n: number): number {
  let total = 0;
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
