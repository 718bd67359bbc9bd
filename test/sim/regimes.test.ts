import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  REGIMES,
  Regime,
  RegimeParamsSchema,
  ScriptSchema,
  TRANSITIONS,
  advanceRegime,
  createRegimeMachine,
  isRegime,
  regimeSpells,
  scriptedRegime,
  type RegimeIndicators,
  type RegimeParams,
} from '../../sim/regimes.js';
import { createStream } from '../../sim/rng.js';

const DEFAULTS = RegimeParamsSchema.parse({});
const params = (overrides: z.input<typeof RegimeParamsSchema> = {}): RegimeParams => RegimeParamsSchema.parse(overrides);

/** A calm month: inflation at 2.5% (inside the band), flat unemployment, expanding PMI, no stress. */
const CALM: RegimeIndicators = {
  cpiInflation: 0.025,
  unemployment: 0.04,
  pmi: 52,
  equityDrawdown: 0,
  spreadLarge: 0.01,
  policyRate: 0.03,
  neutralRate: 0.04,
};

/**
 * Regimes of months 0 … months: month 0 is `initial`; month t + 1 is decided from month t's indicators
 * (`CALM` overridden by `path(t)`), as the engine's phase 1 does.
 */
/** Defaults without the liquidity → recede normalisation rule (tested on its own below), so paths that sit in
 *  liquidity with calm indicators exercise the other exits. */
const WITHOUT_NORMALISATION = params({ normalise_unemployment: 0 });

function simulate(initial: Regime, months: number, path: (t: number) => Partial<RegimeIndicators>, p: RegimeParams = WITHOUT_NORMALISATION): Regime[] {
  const machine = createRegimeMachine(initial, p);
  const regimes: Regime[] = [initial];
  for (let t = 0; t < months; t++) regimes.push(advanceRegime(machine, { ...CALM, ...path(t) }));
  return regimes;
}

/** The first month in `regime`, or -1. */
const firstMonthIn = (regimes: readonly Regime[], regime: Regime): number => regimes.indexOf(regime);

/** The regimes visited, in order, without repeats. */
const sequence = (regimes: readonly string[]): string[] => regimeSpells(regimes).map((s) => s.regime);

describe('the closed set of regimes', () => {
  it('REGIMES lists the five in cycle order, and matches Regime', () => {
    expect(REGIMES).toEqual(['tighten', 'recede', 'panic', 'liquidity', 'inflation']);
    expect([...REGIMES].sort()).toEqual(Object.keys(Regime).sort());
    for (const r of REGIMES) expect(Regime[r]).toBe(r);
  });

  it('isRegime accepts the five and nothing else (not even Object.prototype names)', () => {
    for (const r of REGIMES) expect(isRegime(r)).toBe(true);
    for (const s of ['', 'Tighten', 'qe', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(isRegime(s)).toBe(false);
  });

  it('every regime has a row in the transition table, and every row leads to a regime', () => {
    for (const r of REGIMES) {
      expect(TRANSITIONS[r].length).toBeGreaterThan(0);
      for (const row of TRANSITIONS[r]) {
        expect(isRegime(row.to)).toBe(true);
        expect(row.rule).toMatch(/^[a-z][A-Za-z]+$/);
      }
    }
  });
});

describe('RegimeParamsSchema', () => {
  it('fills every default, including each minimum duration', () => {
    expect(DEFAULTS).toMatchObject({
      inflation_target: 0.02,
      tighten_inflation_gap: 0.01,
      tighten_after_months: 3,
      sahm_rise: 0.005,
      recede_pmi: 45,
      panic_drawdown: 0.2,
      panic_spread_jump: 0.02,
      panic_spread_window: 3,
      panic_unemployment_rise: 0.015,
      recognition_lag: 4,
      min_months: { tighten: 6, recede: 3, panic: 2, liquidity: 6, inflation: 3 },
    });
    expect(params({ min_months: { panic: 5 } }).min_months).toEqual({ tighten: 6, recede: 3, panic: 5, liquidity: 6, inflation: 3 });
  });

  it('rejects unknown keys, out-of-range and non-integer values, with the path of the bad field', () => {
    const paths = (input: unknown) => RegimeParamsSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ sahm_rule: 0.5 })).toEqual(['']); // strict: unrecognised key at the root
    expect(paths({ min_months: { qe: 3 } })).toEqual(['min_months']);
    expect(paths({ recede_pmi: 120 })).toEqual(['recede_pmi']);
    expect(paths({ panic_drawdown: -0.1 })).toEqual(['panic_drawdown']);
    expect(paths({ tighten_after_months: 2.5 })).toEqual(['tighten_after_months']);
    expect(paths({ min_months: { liquidity: 0 } })).toEqual(['min_months.liquidity']);
  });

  it('every number has a unit, a description and a range (in the generated JSON Schema)', () => {
    const json = z.toJSONSchema(RegimeParamsSchema, { io: 'input' }) as { properties: Record<string, Record<string, unknown>> };
    const numbers: Array<[string, Record<string, unknown>]> = [];
    for (const [key, field] of Object.entries(json.properties)) {
      if (key === 'min_months') {
        expect(field.description).toBeTypeOf('string');
        for (const [r, f] of Object.entries((field as { properties: Record<string, Record<string, unknown>> }).properties)) numbers.push([`min_months.${r}`, f]);
      } else numbers.push([key, field]);
    }
    expect(numbers.length).toBeGreaterThanOrEqual(18);
    for (const [key, field] of numbers) {
      expect(['number', 'integer'], key).toContain(field.type);
      expect(field.unit, key).toBeTypeOf('string');
      expect(field.description, key).toBeTypeOf('string');
      expect(field.minimum, key).toBeTypeOf('number');
      expect(field.maximum, key).toBeTypeOf('number');
      expect(field.default, key).toBeTypeOf('number');
    }
  });
});

describe('transitions, each at the month it should happen', () => {
  it('tighten → recede on PMI below 45', () => {
    const regimes = simulate('tighten', 12, (t) => (t >= 7 ? { pmi: 44 } : {}));
    expect(firstMonthIn(regimes, 'recede')).toBe(8);
    expect(regimes.slice(0, 8).every((r) => r === 'tighten')).toBe(true);
  });

  it('tighten → recede on the Sahm rule (3-month average 0.5 pp above its 12-month low)', () => {
    // Unemployment steps from 4.0% to 4.7% in month 10. The 3-month average reaches 4.233%, 4.467%, 4.7%:
    // the rise first reaches 0.5 pp with month 12's reading, so recede starts in month 13.
    const path = (t: number) => ({ unemployment: t >= 10 ? 0.047 : 0.04 });
    expect(firstMonthIn(simulate('tighten', 20, path), 'recede')).toBe(13);
    // With the raw monthly rate (no smoothing) the 0.7 pp step triggers at once: recede in month 11.
    expect(firstMonthIn(simulate('tighten', 20, path, params({ sahm_smoothing_months: 1 })), 'recede')).toBe(11);
    // A rise of 0.4 pp never triggers it.
    expect(simulate('tighten', 30, (t) => ({ unemployment: t >= 10 ? 0.044 : 0.04 }))).not.toContain('recede');
  });

  it('the Sahm low is that of the previous 12 months only: an old low is forgotten', () => {
    // 3.0% for months 0–1, then 3.4% for a long time, then 3.8%. Against the old 3.0% low, 3.8% would trigger;
    // but by month 20 the low of the previous 12 months is 3.4%, and 0.4 pp is below the 0.5 pp threshold.
    const path = (t: number) => ({ unemployment: t < 2 ? 0.03 : t < 20 ? 0.034 : 0.038 });
    const p = params({ min_months: { tighten: 1 }, sahm_smoothing_months: 1 });
    const regimes = simulate('tighten', 40, path, p);
    // Months 2 and 3 see a 0.4 pp rise over 3.0%: below the threshold, so no switch at any time.
    expect(regimes).not.toContain('recede');
    // Whereas a jump to 3.6% right after the low does trigger (0.6 pp): month 3.
    expect(firstMonthIn(simulate('tighten', 10, (t) => ({ unemployment: t < 2 ? 0.03 : 0.036 }), p), 'recede')).toBe(3);
  });

  it('window edges: the Sahm low reaches back exactly 12 months, the spread low exactly panic_spread_window', () => {
    const p = params({ min_months: { tighten: 1, recede: 1 }, sahm_smoothing_months: 1 });
    // Low of 3.0% in month 0 only, 3.4% after; a 3.65% reading is 0.65 pp above month 0 but 0.25 pp above the rest.
    const jobless = (spike: number) => (t: number) => ({ unemployment: t === 0 ? 0.03 : t === spike ? 0.0365 : 0.034 });
    expect(firstMonthIn(simulate('tighten', 16, jobless(12), p), 'recede')).toBe(13); // month 0 is within 12 months of 12
    expect(simulate('tighten', 16, jobless(13), p)).not.toContain('recede'); // …but not of 13
    // Spread 1.0% in month 0 only, 2.0% after; a 3.05% reading is 2.05 pp above month 0 but 1.05 pp above the rest.
    const spreads = (spike: number) => (t: number) => ({ pmi: 52, spreadLarge: t === 0 ? 0.01 : t === spike ? 0.0305 : 0.02 });
    expect(firstMonthIn(simulate('recede', 8, spreads(3), p), 'panic')).toBe(4); // month 0 is within 3 months of 3
    expect(simulate('recede', 8, spreads(4), p)).not.toContain('panic'); // …but not of 4
  });

  it('recede → panic on an equity drawdown above 20%', () => {
    const regimes = simulate('recede', 10, (t) => ({ equityDrawdown: t >= 4 ? 0.25 : 0.1 }));
    expect(firstMonthIn(regimes, 'panic')).toBe(5);
    // Exactly 20% is not a panic (strictly above).
    expect(simulate('recede', 5, () => ({ equityDrawdown: 0.2, pmi: 52 }))).not.toContain('panic');
  });

  it('recede → panic on the large-firm spread up more than 2 pp within 3 months', () => {
    // A jump: 1.0% → 3.5% in month 4.
    expect(firstMonthIn(simulate('recede', 10, (t) => ({ spreadLarge: t >= 4 ? 0.035 : 0.01 })), 'panic')).toBe(5);
    // A climb of 0.7 pp a month after month 2: 1.7%, 2.4%, 3.1% in months 3–5. Month 5's reading is 2.1 pp above
    // the low of months 2–4 (1.0%): panic from month 6.
    const climb = (t: number) => ({ spreadLarge: 0.01 + 0.007 * Math.max(0, t - 2) });
    expect(firstMonthIn(simulate('recede', 10, climb), 'panic')).toBe(6);
    // A slow climb of 0.5 pp a month is never a 2 pp rise within 3 months.
    const slow = (t: number) => ({ spreadLarge: 0.01 + 0.005 * t, pmi: 52 });
    expect(simulate('recede', 24, slow)).not.toContain('panic');
  });

  it('recede → panic on a jump in unemployment of more than 1.5 pp', () => {
    // 4% → 6% in month 2: the 3-month average is 2 pp above the low with month 4's reading.
    const regimes = simulate('recede', 10, (t) => ({ unemployment: t >= 2 ? 0.06 : 0.04 }));
    expect(firstMonthIn(regimes, 'panic')).toBe(5);
  });

  it('tighten → panic directly when a crash comes during tightening (before recede, which it outranks)', () => {
    const regimes = simulate('tighten', 10, (t) => (t >= 6 ? { equityDrawdown: 0.3, pmi: 40 } : {}));
    expect(firstMonthIn(regimes, 'panic')).toBe(7);
    expect(regimes).not.toContain('recede');
  });

  it('panic → liquidity after its minimum duration, whatever the indicators', () => {
    const regimes = simulate('panic', 6, () => ({ equityDrawdown: 0.5, spreadLarge: 0.08, pmi: 35 }));
    expect(regimes.slice(0, 3)).toEqual(['panic', 'panic', 'liquidity']);
    expect(firstMonthIn(simulate('panic', 6, () => ({}), params({ min_months: { panic: 3 } })), 'liquidity')).toBe(3);
  });

  it('liquidity → inflation after 3 months above target + 1 pp with the policy rate below neutral', () => {
    const path = (t: number) => ({ cpiInflation: t >= 8 ? 0.035 : 0.02, policyRate: 0.0025 });
    const regimes = simulate('liquidity', 14, path);
    expect(firstMonthIn(regimes, 'inflation')).toBe(11);
    expect(regimes.slice(0, 11).every((r) => r === 'liquidity')).toBe(true);
  });

  it('liquidity → tighten instead when the policy rate is already at or above neutral', () => {
    const path = (t: number) => ({ cpiInflation: t >= 8 ? 0.035 : 0.02, policyRate: 0.04, neutralRate: 0.04 });
    const regimes = simulate('liquidity', 14, path);
    expect(firstMonthIn(regimes, 'tighten')).toBe(11);
    expect(regimes).not.toContain('inflation');
  });

  it('inflation → tighten after the recognition lag (held at least its minimum duration)', () => {
    const hot = () => ({ cpiInflation: 0.05, policyRate: 0.01 });
    expect(firstMonthIn(simulate('inflation', 10, hot), 'tighten')).toBe(4); // lag 4 > min 3
    expect(firstMonthIn(simulate('inflation', 10, hot, params({ recognition_lag: 6 })), 'tighten')).toBe(6);
    expect(firstMonthIn(simulate('inflation', 10, hot, params({ recognition_lag: 1 })), 'tighten')).toBe(3); // min 3 binds
  });

  it('recede → liquidity: a recession without panic that persists after ease_after_months', () => {
    // PMI 47: below 50 (orders still falling) but above 45, no panic: cuts begin in month 6.
    const regimes = simulate('recede', 12, () => ({ pmi: 47 }));
    expect(firstMonthIn(regimes, 'liquidity')).toBe(6);
    // PMI back above 50, but unemployment still 0.6 pp above its low (Sahm rule on): the slump persists.
    const jobless = simulate('recede', 12, (t) => ({ pmi: 51, unemployment: t >= 1 ? 0.046 : 0.04 }));
    expect(firstMonthIn(jobless, 'liquidity')).toBe(6);
    // With ease_after_months 9, the move waits.
    expect(firstMonthIn(simulate('recede', 12, () => ({ pmi: 47 }), params({ ease_after_months: 9 })), 'liquidity')).toBe(9);
  });

  it('recede holds (policy on hold) when the economy recovers without cuts', () => {
    const regimes = simulate('recede', 36, () => ({ pmi: 53 }));
    expect(new Set(regimes)).toEqual(new Set(['recede']));
  });

  it('recede → tighten (a calm state) on persistent inflation, before any easing', () => {
    const regimes = simulate('recede', 12, () => ({ cpiInflation: 0.04, pmi: 47 }));
    expect(firstMonthIn(regimes, 'tighten')).toBe(3); // 3 high months by month 2 = recede's minimum
    expect(regimes).not.toContain('liquidity');
  });

  it('records the rule behind the last switch', () => {
    const machine = createRegimeMachine('tighten', DEFAULTS);
    expect(machine.lastRule).toBeNull();
    for (let t = 0; t < 6; t++) advanceRegime(machine, { ...CALM, pmi: 40 });
    expect(machine.regime).toBe('recede');
    expect(machine.lastRule).toBe('recessionSignal');
  });

  it('a machine may start in the middle of a spell', () => {
    const machine = createRegimeMachine('tighten', DEFAULTS, 12);
    expect(advanceRegime(machine, { ...CALM, pmi: 40 })).toBe('recede');
  });
});

describe('hysteresis', () => {
  it('no switch before the minimum duration, even if the condition holds from month 0', () => {
    // Each regime with its exit condition true from the first month: it switches exactly after min_months.
    const always: Record<Regime, Partial<RegimeIndicators>> = {
      tighten: { pmi: 40 },
      recede: { equityDrawdown: 0.3 },
      panic: {},
      liquidity: { cpiInflation: 0.05, policyRate: 0 },
      inflation: {},
    };
    const p = params({ recognition_lag: 0, min_months: { tighten: 6, recede: 3, panic: 2, liquidity: 6, inflation: 3 } });
    for (const r of REGIMES) {
      const regimes = simulate(r, 20, () => always[r], p);
      expect(regimes.slice(0, p.min_months[r]), r).toEqual(new Array(p.min_months[r]).fill(r));
      expect(regimes[p.min_months[r]], r).not.toBe(r);
    }
  });

  it('no flapping when inflation hovers around the band: the count of high months resets', () => {
    const noisy = (t: number) => ({ cpiInflation: t % 3 === 2 ? 0.0295 : 0.0305, policyRate: 0.0025 }); // two above, one below
    expect(new Set(simulate('liquidity', 240, noisy))).toEqual(new Set(['liquidity']));
  });

  it('no flapping when unemployment is noisy: the Sahm average filters month-to-month noise', () => {
    const noisy = (t: number) => ({ unemployment: t % 2 === 0 ? 0.037 : 0.043 });
    expect(new Set(simulate('tighten', 240, noisy))).toEqual(new Set(['tighten']));
    // The raw monthly rate would read the same noise as a recession.
    expect(simulate('tighten', 240, noisy, params({ sahm_smoothing_months: 1 }))).toContain('recede');
  });

  it('PMI hovering around 45 moves tighten to recede once, and never back', () => {
    const noisy = (t: number) => ({ pmi: t % 2 === 0 ? 44.9 : 45.1 });
    const regimes = simulate('tighten', 240, noisy);
    expect(sequence(regimes)).toEqual(['tighten', 'recede', 'liquidity']);
  });

  it('on random indicators around every threshold, every spell lasts at least its minimum', () => {
    for (const seed of [1, 2, 3]) {
      const rng = createStream(seed, 'regimes-test');
      const around = (centre: number, width: number) => centre + (rng.next() - 0.5) * width;
      let u = 0.045;
      const regimes = simulate('liquidity', 1200, () => {
        u = Math.min(0.15, Math.max(0.02, u + (rng.next() - 0.5) * 0.004));
        return {
          cpiInflation: around(0.03, 0.02),
          unemployment: u,
          pmi: around(47, 10),
          equityDrawdown: Math.max(0, around(0.1, 0.25)),
          spreadLarge: around(0.02, 0.02),
          policyRate: around(0.03, 0.04),
          neutralRate: 0.03,
        };
      });
      const spells = regimeSpells(regimes);
      expect(spells.length).toBeGreaterThan(20); // the machine does move…
      for (const s of spells.slice(0, -1)) {
        const r = s.regime as Regime;
        const minimum = r === 'inflation' ? Math.max(DEFAULTS.min_months.inflation, DEFAULTS.recognition_lag) : DEFAULTS.min_months[r];
        expect(s.to - s.from + 1, `${r} from month ${s.from}`).toBeGreaterThanOrEqual(minimum); // …but never flaps
      }
    }
  });
});

describe('the full cycle', () => {
  /**
   * A synthetic economy of period 31 months. Phase (month mod 31):
   *  0–7   tightening, calm readings;          8–13 PMI 43 (contraction);
   *  11–13 equity drawdown 30% (a crash);      14–20 drawdown 10% (recovering);
   *  12–30 policy rate 0.25% (below neutral);  24–30 CPI inflation 4% (above the band).
   */
  const cyclePath = (t: number): Partial<RegimeIndicators> => {
    const phase = t % 31;
    return {
      pmi: phase >= 8 && phase <= 13 ? 43 : 52,
      equityDrawdown: phase >= 11 && phase <= 13 ? 0.3 : phase >= 14 && phase <= 20 ? 0.1 : 0,
      spreadLarge: phase >= 11 && phase <= 13 ? 0.025 : 0.01,
      policyRate: phase >= 12 ? 0.0025 : 0.05,
      cpiInflation: phase >= 24 ? 0.04 : 0.025,
    };
  };

  it('tighten → recede → panic → liquidity → inflation → tighten, at the expected months', () => {
    const regimes = simulate('tighten', 40, cyclePath);
    expect(regimeSpells(regimes.slice(0, 35))).toEqual([
      { regime: 'tighten', from: 0, to: 8 }, // PMI 43 read in month 8
      { regime: 'recede', from: 9, to: 11 }, // crash read in month 11 = recede's third month
      { regime: 'panic', from: 12, to: 13 }, // two months of emergency cuts
      { regime: 'liquidity', from: 14, to: 26 }, // third month of 4% inflation read in month 26
      { regime: 'inflation', from: 27, to: 30 }, // recognition lag of 4 months
      { regime: 'tighten', from: 31, to: 34 },
    ]);
  });

  it('repeats, cycle after cycle', () => {
    const regimes = simulate('tighten', 31 * 4, cyclePath);
    const spells = regimeSpells(regimes);
    expect(spells.map((s) => s.regime)).toEqual([...Array(4)].flatMap(() => [...REGIMES]).concat('tighten'));
    for (const s of spells) expect(s.from % 31).toBe({ tighten: 0, recede: 9, panic: 12, liquidity: 14, inflation: 27 }[s.regime as Regime]);
  });
});

describe('scripted mode', () => {
  const script = ScriptSchema.parse([
    { from: 0, regime: 'liquidity' },
    { from: 24, regime: 'inflation' },
    { from: 30, regime: 'tighten' },
  ]);

  it('gives the regime in force in each month', () => {
    expect(scriptedRegime(script, 0)).toBe('liquidity');
    expect(scriptedRegime(script, 23)).toBe('liquidity');
    expect(scriptedRegime(script, 24)).toBe('inflation');
    expect(scriptedRegime(script, 29)).toBe('inflation');
    expect(scriptedRegime(script, 30)).toBe('tighten');
    expect(scriptedRegime(script, 1000)).toBe('tighten');
    expect(scriptedRegime([{ from: 0, regime: 'panic' }], 7)).toBe('panic');
    expect(() => scriptedRegime(script, -1)).toThrow(RangeError);
    expect(() => scriptedRegime([], 0)).toThrow(RangeError);
  });

  it('its spells are the script', () => {
    const regimes = Array.from({ length: 36 }, (_, m) => scriptedRegime(script, m));
    expect(regimeSpells(regimes)).toEqual([
      { regime: 'liquidity', from: 0, to: 23 },
      { regime: 'inflation', from: 24, to: 29 },
      { regime: 'tighten', from: 30, to: 35 },
    ]);
  });

  it('ScriptSchema reports each error with its path', () => {
    const issues = (input: unknown) =>
      (ScriptSchema.safeParse(input).error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

    expect(issues([{ from: 3, regime: 'panic' }])).toEqual([
      { path: '0.from', message: 'the first entry of a regime script must start at month 0 (got 3)' },
    ]);
    expect(issues([{ from: 0, regime: 'panic' }, { from: 12, regime: 'liquidity' }, { from: 12, regime: 'inflation' }])).toEqual([
      {
        path: '2.from',
        message: 'regime script months must be strictly increasing: entry 2 starts at month 12, not after entry 1 (month 12)',
      },
    ]);
    // Every error at once: an unknown regime does not hide an ordering error.
    const many = issues([{ from: 0, regime: 'qe' }, { from: 5, regime: 'panic' }, { from: 4, regime: 'liquidity' }]);
    expect(many.map((i) => i.path)).toEqual(['0.regime', '2.from']);
    expect(many[0].message).toMatch(/tighten.*recede.*panic.*liquidity.*inflation/);

    expect(issues([]).map((i) => i.path)).toEqual(['']);
    expect(issues([{ from: 0, regime: 'panic' }, { from: 2.5, regime: 'recede' }]).map((i) => i.path)).toEqual(['1.from']);
    expect(issues([{ from: -1, regime: 'panic' }]).map((i) => i.path)).toEqual(['0.from']);
    expect(issues([{ from: 0, regime: 'panic', extra: 1 }]).map((i) => i.path)).toEqual(['0']);
    expect(issues({ from: 0, regime: 'panic' }).map((i) => i.path)).toEqual(['']);
  });
});

describe('regimeSpells', () => {
  it('turns a per-month array into spells with inclusive ends', () => {
    expect(regimeSpells([])).toEqual([]);
    expect(regimeSpells(['panic'])).toEqual([{ regime: 'panic', from: 0, to: 0 }]);
    expect(regimeSpells(['a', 'a', 'b', 'a', 'a', 'a'])).toEqual([
      { regime: 'a', from: 0, to: 1 },
      { regime: 'b', from: 2, to: 2 },
      { regime: 'a', from: 3, to: 5 },
    ]);
  });

  it('spells tile the months exactly', () => {
    const rng = createStream(9, 'regimes-test');
    const regimes = Array.from({ length: 500 }, () => REGIMES[Math.floor(rng.next() * 2)]);
    const spells = regimeSpells(regimes);
    expect(spells[0].from).toBe(0);
    expect(spells[spells.length - 1].to).toBe(499);
    for (let i = 1; i < spells.length; i++) {
      expect(spells[i].from).toBe(spells[i - 1].to + 1);
      expect(spells[i].regime).not.toBe(spells[i - 1].regime);
    }
    expect(spells.flatMap((s) => new Array<string>(s.to - s.from + 1).fill(s.regime))).toEqual(regimes);
  });
});

describe('performance', () => {
  it('advanceRegime runs a million months fast, on the buffers allocated at creation', () => {
    const machine = createRegimeMachine('tighten', DEFAULTS);
    const buffers = [machine.unemploymentRaw, machine.unemploymentSmoothed, machine.spreads, machine.signals, machine.params];
    const x: RegimeIndicators = { ...CALM };
    let switches = 0;
    let previous = machine.regime;
    const start = performance.now();
    for (let t = 0; t < 1_000_000; t++) {
      // A cheap, allocation-free cycle through every regime (period 31, as in the full-cycle test).
      const phase = t % 31;
      x.pmi = phase >= 8 && phase <= 13 ? 43 : 52;
      x.equityDrawdown = phase >= 11 && phase <= 13 ? 0.3 : 0;
      x.policyRate = phase >= 12 ? 0.0025 : 0.05;
      x.cpiInflation = phase >= 24 ? 0.04 : 0.025;
      x.unemployment = 0.04 + 0.001 * (t % 7);
      const r = advanceRegime(machine, x);
      if (r !== previous) switches++;
      previous = r;
    }
    const elapsed = performance.now() - start;
    expect(switches).toBeGreaterThan(100_000); // five switches every 31 months
    expect(elapsed).toBeLessThan(2000); // ~0.2 s here; generous for a loaded machine
    const after = [machine.unemploymentRaw, machine.unemploymentSmoothed, machine.spreads, machine.signals, machine.params];
    after.forEach((b, i) => expect(b).toBe(buffers[i]));
    expect(machine.unemploymentRaw.length).toBe(DEFAULTS.sahm_smoothing_months);
    expect(machine.unemploymentSmoothed.length).toBe(13);
    expect(machine.spreads.length).toBe(DEFAULTS.panic_spread_window + 1);
    expect(machine.monthsObserved).toBe(1_000_000);
  });
});

describe('normalisation after a recovery', () => {
  it('liquidity → recede once unemployment is back to normal and inflation at target, not before 12 months', () => {
    const regimes = simulate('liquidity', 40, (t) => ({ unemployment: t < 20 ? 0.07 : 0.042, cpiInflation: 0.021, policyRate: 0.001 }), DEFAULTS);
    const first = firstMonthIn(regimes, 'recede');
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThan(26);
    // With inflation still below target, easy policy stays.
    const low = simulate('liquidity', 40, () => ({ unemployment: 0.042, cpiInflation: 0.012, policyRate: 0.001 }), DEFAULTS);
    expect(low.every((r) => r === 'liquidity')).toBe(true);
  });
});
