/**
 * The policy-regime machine (DESIGN.md §4 phase 1, §5, Appendix A "Regime transitions").
 *
 * Five regimes, each a set of central-bank and treasury behaviours, in the order of the essays' cycle:
 * tighten → recede → panic → liquidity → inflation → tighten …
 *
 * Two modes:
 * - **endogenous**: `advanceRegime` reads last month's indicators, updates a fixed-size history, and returns the
 *   regime for the coming month. A regime is held at least its minimum duration (hysteresis); after that the
 *   first rule of `TRANSITIONS[regime]` whose condition holds moves it on.
 * - **scripted**: a scenario lists `{ from, regime }` entries (`ScriptSchema`); `scriptedRegime` says which is in
 *   force in a given month.
 *
 * Timing. The initial regime is in force in month 0. From month 1 on, call `advanceRegime` once a month with the
 * previous month's indicators: `regime[t] = advanceRegime(machine, indicators[t − 1])`. A regime entered in month
 * s with minimum duration m is therefore in force at least in months s … s + m − 1; the earliest switch is decided
 * from month s + m − 1's indicators.
 *
 * The transition table (first matching row of the current regime wins, once its minimum duration has passed):
 *
 * | from      | to        | rule (predicate)                                                                 |
 * |-----------|-----------|----------------------------------------------------------------------------------|
 * | tighten   | panic     | `panicSignal`: a crash during tightening (drawdown, spread spike, jobless jump)   |
 * | tighten   | recede    | `recessionSignal`: Sahm rule, or PMI below `recede_pmi`                           |
 * | recede    | panic     | `panicSignal`                                                                    |
 * | recede    | tighten   | `inflationPersistent`: CPI above target + gap for `tighten_after_months` months  |
 * | recede    | liquidity | `slumpPersists`: a recession without panic, still on after `ease_after_months`   |
 * | panic     | liquidity | `emergencyCutsDone`: once the panic's minimum duration (the emergency cuts) ends  |
 * | liquidity | inflation | `inflationBehindTheCurve`: inflation persistent with policy rate below neutral   |
 * | liquidity | recede    | `recoveryComplete`: unemployment back to normal and inflation at target (normalisation) |
 * | liquidity | tighten   | `inflationPersistent` (policy rate already at or above neutral)                  |
 * | inflation | tighten   | `recognitionLagPassed`: `recognition_lag` months in the inflation regime         |
 *
 * Departures from the table of Appendix A, and why:
 * - tighten → panic is added: a crash can come during tightening (1987, 2022's gilt crisis), not only after it.
 * - liquidity → inflation needs the same persistence (`tighten_after_months` consecutive months above the band) as
 *   the calm-state → tighten rule, so one noisy month cannot start an inflation spell that then must end in
 *   tightening; with shared persistence, "inflation takes precedence over tighten when the policy rate is below
 *   neutral" is exact: both rules fire in the same month and the regime depends on where the policy rate stands.
 * - The unemployment measures (Sahm rule and the panic jump) use the Sahm rule's smoothing: a 3-month average
 *   against its low over the previous 12 months (set `sahm_smoothing_months: 1` for raw monthly rates).
 *
 * Performance: every buffer is allocated once in `createRegimeMachine`; `advanceRegime` allocates nothing.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------------
// The closed set of regimes
// ---------------------------------------------------------------------------------------------------------------

/** The five policy regimes of DESIGN.md §5. */
export const Regime = { tighten: 'tighten', recede: 'recede', panic: 'panic', liquidity: 'liquidity', inflation: 'inflation' } as const;
export type Regime = keyof typeof Regime;

/** The regimes in cycle order: tighten, recede, panic, liquidity, inflation. */
export const REGIMES: readonly Regime[] = Object.freeze(['tighten', 'recede', 'panic', 'liquidity', 'inflation'] as const);

export function isRegime(s: string): s is Regime {
  return Object.hasOwn(Regime, s);
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs and parameters
// ---------------------------------------------------------------------------------------------------------------

/** Indicators the machine reads each month (last month's values, decimals: 0.03 = 3%). All finite. */
export interface RegimeIndicators {
  /** Year-on-year CPI inflation. */
  cpiInflation: number;
  /** Unemployment rate. */
  unemployment: number;
  /** PMI, 0–100 (50 = no change in new orders). */
  pmi: number;
  /** Fraction below the running peak of the equity index (0 = at peak, 0.25 = 25% below); 0 if the model has no equity market. */
  equityDrawdown: number;
  /** Large-firm credit spread (decimal). */
  spreadLarge: number;
  /** Policy rate. */
  policyRate: number;
  /** Nominal neutral policy rate (r* + inflation target). */
  neutralRate: number;
}

/** A number with a unit and a documented range. */
function quantity(unit: string, description: string, min: number, max: number) {
  return z.number().min(min).max(max).meta({ unit, description });
}
function integer(unit: string, description: string, min: number, max: number) {
  return z.number().int().min(min).max(max).meta({ unit, description });
}
function minimumMonths(regime: Regime, fallback: number) {
  return integer('months', `Minimum duration of a ${regime} spell before any rule may end it.`, 1, 120).default(fallback);
}

/** Months of history the Sahm rule compares against (Sahm 2019: the low of the previous 12 months). */
export const SAHM_LOOKBACK_MONTHS = 12;

/** Thresholds and minimum durations of the endogenous regime machine (scenario parameters, DESIGN.md Appendix A). */
export const RegimeParamsSchema = z.strictObject({
  inflation_target: quantity('rate per year', "The central bank's CPI inflation target.", -0.05, 0.2).default(0.02),
  tighten_inflation_gap: quantity(
    'rate per year',
    'Width of the band above target: inflation above target + gap counts as a month of high inflation.',
    0,
    0.2,
  ).default(0.01),
  tighten_after_months: integer(
    'months',
    'Consecutive months of high inflation after which a calm regime (recede, liquidity) turns to tighten, or liquidity to inflation.',
    1,
    36,
  ).default(3),
  sahm_rise: quantity(
    'rate',
    'Sahm rule: rise of the smoothed unemployment rate above its low of the previous 12 months that signals a recession.',
    0,
    0.1,
  ).default(0.005),
  sahm_smoothing_months: integer(
    'months',
    'Months in the moving average of unemployment used by the Sahm rule and the panic jump (Sahm: 3; 1 = raw monthly rate).',
    1,
    12,
  ).default(3),
  recede_pmi: quantity('index (0–100)', 'PMI below this signals a recession (tighten → recede).', 0, 100).default(45),
  panic_drawdown: quantity('share', 'Equity drawdown from its peak above this is a panic.', 0, 1).default(0.2),
  panic_spread_jump: quantity(
    'rate',
    'Rise of the large-firm credit spread above its low of the last panic_spread_window months that is a panic.',
    0,
    0.5,
  ).default(0.02),
  panic_spread_window: integer('months', 'Window of the spread-jump panic rule.', 1, 24).default(3),
  panic_unemployment_rise: quantity(
    'rate',
    'Rise of the smoothed unemployment rate above its 12-month low that is a panic.',
    0,
    0.2,
  ).default(0.015),
  ease_after_months: integer(
    'months',
    'A recession without panic: months in recede after which, if the slump persists, policy moves to liquidity.',
    1,
    120,
  ).default(6),
  ease_pmi: quantity(
    'index (0–100)',
    'The slump persists (recede → liquidity) while PMI is below this, or while the Sahm rule is still triggered.',
    0,
    100,
  ).default(50),
  normalise_unemployment: quantity(
    'rate',
    'Liquidity ends (→ recede, policy on hold) once smoothed unemployment is back at or below this with inflation at or above target.',
    0,
    0.5,
  ).default(0.045),
  normalise_after_months: integer('months', 'Months of liquidity before normalisation can begin.', 1, 240).default(12),
  recognition_lag: integer(
    'months',
    'Months in the inflation regime before the central bank recognises it and tightens.',
    0,
    60,
  ).default(4),
  min_months: z
    .strictObject({
      tighten: minimumMonths('tighten', 6),
      recede: minimumMonths('recede', 3),
      panic: minimumMonths('panic', 2),
      liquidity: minimumMonths('liquidity', 6),
      inflation: minimumMonths('inflation', 3),
    })
    .prefault({})
    .meta({ description: 'Minimum duration of each regime, in months (hysteresis).' }),
});

/** Resolved regime parameters (every field present). */
export type RegimeParams = z.output<typeof RegimeParamsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Scripted mode
// ---------------------------------------------------------------------------------------------------------------

/** A scripted regime sequence: `[{ from: 0, regime: liquidity }, { from: 24, regime: inflation }, …]`. */
export const ScriptSchema = z
  .array(
    z.strictObject({
      from: integer('month', 'First month in which this regime is in force.', 0, 1_000_000),
      regime: z.enum(Regime).meta({ description: 'The regime in force from that month on.' }),
    }),
  )
  .min(1, 'a regime script needs at least one entry')
  .superRefine(
    (entries, ctx) => {
      // Runs even when some entries are malformed (so every error is reported at once): compare numbers only.
      const from = (i: number): number | null => {
        const entry: unknown = entries[i];
        const value = typeof entry === 'object' && entry !== null ? (entry as { from?: unknown }).from : undefined;
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      };
      const first = entries.length > 0 ? from(0) : null;
      if (first !== null && first > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [0, 'from'],
          message: `the first entry of a regime script must start at month 0 (got ${first})`,
        });
      }
      for (let i = 1; i < entries.length; i++) {
        const previous = from(i - 1);
        const current = from(i);
        if (previous !== null && current !== null && current <= previous) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'from'],
            message: `regime script months must be strictly increasing: entry ${i} starts at month ${current}, not after entry ${i - 1} (month ${previous})`,
          });
        }
      }
    },
    { when: (payload) => Array.isArray(payload.value) },
  );

export type RegimeScript = z.output<typeof ScriptSchema>;

/**
 * The regime in force at `month` according to the script: the last entry with `from ≤ month`.
 * The script is assumed validated by `ScriptSchema` (first entry at month 0, strictly increasing).
 */
export function scriptedRegime(script: ReadonlyArray<{ from: number; regime: Regime }>, month: number): Regime {
  if (script.length === 0) throw new RangeError('scriptedRegime: empty regime script');
  if (!(month >= script[0].from)) throw new RangeError(`scriptedRegime: month ${month} is before the script starts (month ${script[0].from})`);
  for (let i = script.length - 1; i > 0; i--) if (script[i].from <= month) return script[i].regime;
  return script[0].regime;
}

// ---------------------------------------------------------------------------------------------------------------
// Signals and the rules that read them
// ---------------------------------------------------------------------------------------------------------------

/** What the rules read: last month's indicators plus measures derived from the machine's history. */
export interface RegimeSignals extends RegimeIndicators {
  /** Moving average of unemployment over the last `sahm_smoothing_months` months. */
  unemploymentSmoothed: number;
  /** Sahm measure: smoothed unemployment − its low over the previous 12 months (0 with no history yet). */
  unemploymentRise: number;
  /** Spread − its low over the previous `panic_spread_window` months (0 with no history yet). */
  spreadRise: number;
  /** Consecutive months (up to and including last month) with CPI inflation above target + gap. */
  monthsHighInflation: number;
  /** Months the current regime has been in force, last month included. */
  monthsInRegime: number;
}

/** A month of high inflation: π > π* + gap. */
export function inflationAboveBand(p: RegimeParams, cpiInflation: number): boolean {
  return cpiInflation > p.inflation_target + p.tighten_inflation_gap;
}

/** Inflation has stayed above the band long enough for policy to react: `tighten_after_months` consecutive months. */
export function inflationPersistent(p: RegimeParams, s: RegimeSignals): boolean {
  return s.monthsHighInflation >= p.tighten_after_months;
}

/** Policy is behind the curve: the policy rate is still below the nominal neutral rate (r* + π*). */
export function policyBehindTheCurve(_p: RegimeParams, s: RegimeSignals): boolean {
  return s.policyRate < s.neutralRate;
}

/** Persistent inflation while the policy rate is below neutral: the inflation regime (liquidity → inflation). */
export function inflationBehindTheCurve(p: RegimeParams, s: RegimeSignals): boolean {
  return inflationPersistent(p, s) && policyBehindTheCurve(p, s);
}

/**
 * The Sahm rule: the 3-month moving average of the unemployment rate is at least 0.5 pp above its low of the
 * previous 12 months:  ū_t − min(ū_{t−12} … ū_{t−1}) ≥ sahm_rise,  ū = mean of the last `sahm_smoothing_months` rates.
 * Sahm, C. (2019), "Direct Stimulus Payments to Individuals", in Boushey, Nunn & Shambaugh (eds.), Recession Ready:
 * Fiscal Policies to Stabilize the American Economy, The Hamilton Project / Brookings.
 */
export function sahmRuleTriggered(p: RegimeParams, s: RegimeSignals): boolean {
  return s.unemploymentRise >= p.sahm_rise;
}

/** Manufacturing in clear contraction: PMI below `recede_pmi` (45; 50 = no change in new orders). */
export function manufacturingContracting(p: RegimeParams, s: RegimeSignals): boolean {
  return s.pmi < p.recede_pmi;
}

/** A recession signal (tighten → recede): the Sahm rule, or PMI below `recede_pmi`. */
export function recessionSignal(p: RegimeParams, s: RegimeSignals): boolean {
  return sahmRuleTriggered(p, s) || manufacturingContracting(p, s);
}

/** An equity crash: drawdown from the running peak above `panic_drawdown` (20%: the bear-market convention). */
export function equityCrash(p: RegimeParams, s: RegimeSignals): boolean {
  return s.equityDrawdown > p.panic_drawdown;
}

/** A credit-spread spike: the large-firm spread more than `panic_spread_jump` above its low of the last `panic_spread_window` months. */
export function creditSpreadSpike(p: RegimeParams, s: RegimeSignals): boolean {
  return s.spreadRise > p.panic_spread_jump;
}

/** A jump in unemployment: the smoothed rate more than `panic_unemployment_rise` above its 12-month low. */
export function unemploymentJump(p: RegimeParams, s: RegimeSignals): boolean {
  return s.unemploymentRise > p.panic_unemployment_rise;
}

/** A panic (DESIGN.md §5): an asset drawdown, a spread spike or a jump in unemployment. */
export function panicSignal(p: RegimeParams, s: RegimeSignals): boolean {
  return equityCrash(p, s) || creditSpreadSpike(p, s) || unemploymentJump(p, s);
}

/**
 * A recession without panic that persists (recede → liquidity): recede has lasted `ease_after_months` and either
 * PMI is still below `ease_pmi` (50: orders still falling) or the Sahm rule is still triggered (unemployment still
 * above its 12-month low by `sahm_rise`). Policy then moves from hold to gradual cuts and, optionally, QE.
 * If the economy recovers instead, policy stays on hold (recede) until inflation calls for tightening.
 */
export function slumpPersists(p: RegimeParams, s: RegimeSignals): boolean {
  return s.monthsInRegime >= p.ease_after_months && (s.pmi < p.ease_pmi || sahmRuleTriggered(p, s));
}

/**
 * The recovery is complete (liquidity → recede): after `normalise_after_months` of easy policy, unemployment
 * is back at or below `normalise_unemployment` and inflation is at or above target — the point at which
 * central banks stop easing and begin to normalise (the Fed's lift-off of December 2015).
 */
export function recoveryComplete(p: RegimeParams, s: RegimeSignals): boolean {
  return s.monthsInRegime >= p.normalise_after_months && s.unemploymentSmoothed <= p.normalise_unemployment && s.cpiInflation >= p.inflation_target;
}

/** The emergency cuts are done (panic → liquidity): true; the panic's length is its minimum duration. */
export function emergencyCutsDone(_p: RegimeParams, _s: RegimeSignals): boolean {
  return true;
}

/** The central bank recognises inflation (inflation → tighten) after `recognition_lag` months in the inflation regime. */
export function recognitionLagPassed(p: RegimeParams, s: RegimeSignals): boolean {
  return s.monthsInRegime >= p.recognition_lag;
}

/** Hysteresis: a regime may end only after it has been in force for its minimum duration. */
export function minimumDurationMet(p: RegimeParams, regime: Regime, monthsInRegime: number): boolean {
  return monthsInRegime >= p.min_months[regime];
}

/** One row of the transition table. */
export interface TransitionRule {
  readonly to: Regime;
  /** The predicate's name, for reports and logs. */
  readonly rule: string;
  readonly when: (p: RegimeParams, s: RegimeSignals) => boolean;
}

function row(to: Regime, when: (p: RegimeParams, s: RegimeSignals) => boolean): TransitionRule {
  return Object.freeze({ to, rule: when.name, when });
}

/** The transition table, by current regime; rows in priority order (see the module comment). */
export const TRANSITIONS: Readonly<Record<Regime, readonly TransitionRule[]>> = Object.freeze({
  tighten: Object.freeze([row('panic', panicSignal), row('recede', recessionSignal)]),
  recede: Object.freeze([row('panic', panicSignal), row('tighten', inflationPersistent), row('liquidity', slumpPersists)]),
  panic: Object.freeze([row('liquidity', emergencyCutsDone)]),
  liquidity: Object.freeze([row('inflation', inflationBehindTheCurve), row('tighten', inflationPersistent), row('recede', recoveryComplete)]),
  inflation: Object.freeze([row('tighten', recognitionLagPassed)]),
});

/** The row that moves `regime` on given the signals, or null if the regime holds (minimum duration first). */
export function firingTransition(p: RegimeParams, regime: Regime, s: RegimeSignals): TransitionRule | null {
  if (!minimumDurationMet(p, regime, s.monthsInRegime)) return null;
  const rows = TRANSITIONS[regime];
  for (let i = 0; i < rows.length; i++) if (rows[i].when(p, s)) return rows[i];
  return null;
}

/** The regime for the coming month: the destination of the firing row, or the current regime. */
export function nextRegime(p: RegimeParams, regime: Regime, s: RegimeSignals): Regime {
  const fired = firingTransition(p, regime, s);
  return fired === null ? regime : fired.to;
}

// ---------------------------------------------------------------------------------------------------------------
// The machine (endogenous mode)
// ---------------------------------------------------------------------------------------------------------------

/** State of the endogenous machine. Buffers are allocated once; `advanceRegime` writes into them. */
export interface RegimeMachine {
  readonly params: RegimeParams;
  /** The regime in force. */
  regime: Regime;
  /** Months the current regime has been in force, counting months whose indicators have been read. */
  monthsInRegime: number;
  /** Months of indicators read so far. */
  monthsObserved: number;
  /** Consecutive months with CPI inflation above target + gap. */
  monthsHighInflation: number;
  /** Ring of the last `sahm_smoothing_months` raw unemployment rates (slot = month mod length). */
  readonly unemploymentRaw: Float64Array;
  /** Ring of the smoothed unemployment rate: this month and the previous 12 (length 13). */
  readonly unemploymentSmoothed: Float64Array;
  /** Ring of the large-firm spread: this month and the previous `panic_spread_window`. */
  readonly spreads: Float64Array;
  /** Last month's signals, as the rules read them (one object, overwritten each month). */
  readonly signals: RegimeSignals;
  /** Name of the rule behind the last switch (null before any). */
  lastRule: string | null;
}

/**
 * A machine starting in `initial`. `monthsAlreadyInRegime` lets a scenario start in the middle of a spell (e.g.
 * QT under way for a year), so the minimum duration does not hold the initial regime from scratch.
 */
export function createRegimeMachine(initial: Regime, params: RegimeParams, monthsAlreadyInRegime = 0): RegimeMachine {
  if (!isRegime(initial)) throw new RangeError(`createRegimeMachine: unknown regime "${String(initial)}"`);
  return {
    params,
    regime: initial,
    monthsInRegime: monthsAlreadyInRegime,
    monthsObserved: 0,
    monthsHighInflation: 0,
    unemploymentRaw: new Float64Array(params.sahm_smoothing_months),
    unemploymentSmoothed: new Float64Array(SAHM_LOOKBACK_MONTHS + 1),
    spreads: new Float64Array(params.panic_spread_window + 1),
    signals: {
      cpiInflation: 0,
      unemployment: 0,
      pmi: 50,
      equityDrawdown: 0,
      spreadLarge: 0,
      policyRate: 0,
      neutralRate: 0,
      unemploymentSmoothed: 0,
      unemploymentRise: 0,
      spreadRise: 0,
      monthsHighInflation: 0,
      monthsInRegime: monthsAlreadyInRegime,
    },
    lastRule: null,
  };
}

/**
 * Write `value` as observation number `n` (0-based) into `ring`, and return value − min of the up to `lookback`
 * observations before it (0 if there are none). No allocation.
 */
function pushAndRise(ring: Float64Array, n: number, value: number, lookback: number): number {
  const size = ring.length;
  ring[n % size] = value;
  const available = Math.min(n, lookback);
  if (available === 0) return 0;
  let low = Infinity;
  for (let j = 1; j <= available; j++) {
    const v = ring[(n - j) % size];
    if (v < low) low = v;
  }
  return value - low;
}

/** Mean of the last `min(n + 1, ring.length)` observations after writing observation `n`. No allocation. */
function pushAndMean(ring: Float64Array, n: number, value: number): number {
  const size = ring.length;
  ring[n % size] = value;
  const count = Math.min(n + 1, size);
  let sum = 0;
  for (let j = 0; j < count; j++) sum += ring[(n - j) % size];
  return sum / count;
}

/** Read one month's indicators into the history and the signals (the regime's month count included). */
function observe(machine: RegimeMachine, x: RegimeIndicators): void {
  const p = machine.params;
  const n = machine.monthsObserved;
  const s = machine.signals;

  machine.monthsInRegime += 1;
  machine.monthsHighInflation = inflationAboveBand(p, x.cpiInflation) ? machine.monthsHighInflation + 1 : 0;

  s.cpiInflation = x.cpiInflation;
  s.unemployment = x.unemployment;
  s.pmi = x.pmi;
  s.equityDrawdown = x.equityDrawdown;
  s.spreadLarge = x.spreadLarge;
  s.policyRate = x.policyRate;
  s.neutralRate = x.neutralRate;
  s.unemploymentSmoothed = pushAndMean(machine.unemploymentRaw, n, x.unemployment);
  s.unemploymentRise = pushAndRise(machine.unemploymentSmoothed, n, s.unemploymentSmoothed, SAHM_LOOKBACK_MONTHS);
  s.spreadRise = pushAndRise(machine.spreads, n, x.spreadLarge, p.panic_spread_window);
  s.monthsHighInflation = machine.monthsHighInflation;
  s.monthsInRegime = machine.monthsInRegime;

  machine.monthsObserved = n + 1;
}

/**
 * Endogenous mode: read this month's indicators (last month's values), update the history, and return the regime
 * for the coming month. A regime is held at least `min_months[regime]`; then the first row of `TRANSITIONS` whose
 * predicate holds switches it (see the table in the module comment). Allocates nothing.
 */
export function advanceRegime(machine: RegimeMachine, indicators: RegimeIndicators): Regime {
  observe(machine, indicators);
  const fired = firingTransition(machine.params, machine.regime, machine.signals);
  if (fired !== null) {
    machine.regime = fired.to;
    machine.monthsInRegime = 0;
    machine.lastRule = fired.rule;
  }
  return machine.regime;
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------------------------

/** A run of consecutive months in one regime; `to` is inclusive. */
export interface RegimeSpell {
  regime: string;
  from: number;
  to: number;
}

/** Spells (regime, from, to inclusive) from a per-month regime array, for reports. */
export function regimeSpells(regimes: readonly string[]): RegimeSpell[] {
  const spells: RegimeSpell[] = [];
  for (let month = 0; month < regimes.length; month++) {
    const last = spells.length > 0 ? spells[spells.length - 1] : null;
    if (last !== null && last.regime === regimes[month]) last.to = month;
    else spells.push({ regime: regimes[month], from: month, to: month });
  }
  return spells;
}
