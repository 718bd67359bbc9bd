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

/** start + v[0] + … + v[n−1], left to right. */
export function sumOnto(start: number, v: Float64Array, n: number): number {
  let total = start;
  for (let i = 0; i < n; i++) total += v[i];
  return total;
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
