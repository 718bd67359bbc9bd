/**
 * Households' portfolio decisions (DESIGN.md §4 step 7, Appendix A): what share of their financial
 * wealth to hold in deposits, bills, bonds, the equities of each sector, gold and bitcoin, by relative
 * attractiveness; how beliefs about prices form; how much goes to retirement savings.
 *
 * Decisions that depend only on market-wide expectations — the target weights — are made once per
 * wealth class (DESIGN.md §9), never per household; each household then closes part of the gap between
 * its holdings and its class's target.
 */

/**
 * Target portfolio weights by a logit over attractiveness (relative attractiveness: Dalio; the
 * sector-level ancestor is Tobin 1969 and Godley & Lavoie 2007, ch. 5):
 *   w_k ∝ exp(c_k + β·(E[r_k] − π^e − λ·σ_k²)),
 * where c_k is the class's constant for asset k (set at month 0 so the starting portfolios are the
 * targets; −∞ for assets the class does not hold) and E[r_k] − π^e the expected real total return.
 * (π^e is common to every asset, so it cancels; it is kept for reading.) Writes `out[offset + k]`.
 */
export function logitWeights(
  constants: Float64Array,
  offset: number,
  expectedReturns: Float64Array,
  riskCharges: Float64Array,
  extraUtility: Float64Array,
  intensity: number,
  expectedInflation: number,
  out: Float64Array,
): void {
  const n = expectedReturns.length;
  let best = -Infinity;
  for (let k = 0; k < n; k++) {
    const c = constants[offset + k];
    const u = c === -Infinity ? -Infinity : c + attractiveness(expectedReturns[k], riskCharges[k], extraUtility[k], intensity, expectedInflation);
    out[offset + k] = u;
    if (u > best) best = u;
  }
  let total = 0;
  for (let k = 0; k < n; k++) {
    const u = out[offset + k];
    const w = u === -Infinity ? 0 : Math.exp(u - best);
    out[offset + k] = w;
    total += w;
  }
  for (let k = 0; k < n; k++) out[offset + k] = total > 0 ? out[offset + k] / total : k === 0 ? 1 : 0;
}

/** The attractiveness term of the logit: β·(E[r] − π^e − λσ²) plus any extra utility (participation shifts). */
function attractiveness(expectedReturn: number, riskCharge: number, extraUtility: number, intensity: number, expectedInflation: number): number {
  return intensity * (expectedReturn - expectedInflation - riskCharge) + extraUtility;
}

/**
 * The class constants that make given starting weights the logit's targets: c_k = log w_k − u_k, where u_k
 * is the attractiveness term at month 0 (−∞ for an asset the class does not hold at all).
 */
export function calibrateConstants(
  weights: Float64Array,
  offset: number,
  expectedReturns: Float64Array,
  riskCharges: Float64Array,
  extraUtility: Float64Array,
  intensity: number,
  expectedInflation: number,
  out: Float64Array,
): void {
  for (let k = 0; k < expectedReturns.length; k++) {
    const w = weights[offset + k];
    out[offset + k] = w > 0 ? Math.log(w) - attractiveness(expectedReturns[k], riskCharges[k], extraUtility[k], intensity, expectedInflation) : -Infinity;
  }
}

/** Wealth class of a household: the first class whose upper bound (years of mean income) exceeds its wealth. */
export function wealthClass(yearsOfIncome: number, bounds: readonly number[]): number {
  let c = 0;
  while (c < bounds.length && yearsOfIncome >= bounds[c]) c++;
  return c;
}

/**
 * Fundamentalists' expected price change over a year: the gap to fundamental value closes at rate κ
 * (Brock & Hommes 1998; Frankel & Froot 1990 on chartists and fundamentalists): E[Δlog P] = κ·(log P* − log P).
 */
export function fundamentalistExpectation(valueGap: number, speedPerYear: number): number {
  return speedPerYear * valueGap;
}

/**
 * Trend followers' expected price change over a year: the recent trend (EWMA of monthly log returns)
 * continued, saturating at ±cap (surveyed return expectations follow past returns but within bounds:
 * Greenwood & Shleifer 2014): E[Δlog P] = cap·tanh(χ·12·trend / cap).
 */
export function trendExpectation(monthlyTrend: number, extrapolation: number, cap: number): number {
  return cap * Math.tanh((extrapolation * 12 * monthlyTrend) / cap);
}

/**
 * Brock–Hommes switching: the share of believers who follow the fundamentalist forecast, a logit on the
 * two forecasts' recent squared errors with intensity of choice γ: n_F = 1 / (1 + exp(−γ·(err_T − err_F))).
 */
export function fundamentalistShare(fundamentalistError: number, trendError: number, intensity: number): number {
  const z = intensity * (trendError - fundamentalistError);
  return 1 / (1 + Math.exp(-Math.max(-50, Math.min(50, z))));
}

/**
 * A household's monthly retirement contribution into the passive index fund: a share of the wage that
 * rises with the wage relative to the mean (higher earners contribute more: Saez 2009 on take-up; ICI):
 *   c = rate · (wage / mean wage)^ε · wage, the power factored as (W/mean)^ε · skill^ε.
 */
export function retirementContribution(wage: number, rate: number, relativeWageFactor: number): number {
  return wage > 0 ? rate * relativeWageFactor * wage : 0;
}
