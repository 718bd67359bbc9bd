import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimulationOutput } from '../../sim/engine.js';
import { ensembleQuantiles, quantilesCsv, quantileSorted, runEnsemble, simulateInWorkers, type EnsembleResult } from '../../sim/ensemble.js';
import { seriesCsv } from '../../sim/output.js';
import { parseQuantilesCsv } from '../../reports/runFolder.js';
import { loadScenario } from '../../sim/scenario.js';
import type { Scenario } from '../../sim/scenarioSchema.js';

const ECONOMY = 'scenarios/baseline-2025.yaml';
const SMALL_ECONOMY = ['households=2000', 'months=6', 'economy.burn_in_months=12', 'seed=11'];
const DETERMINISTIC = ['quantiles.csv', 'summary.json', 'scenario.resolved.yaml'];
const MEMBER_FILES = ['series.csv', 'summary.json', 'scenario.resolved.yaml'];

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'finsim-ensemble-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('quantiles', () => {
  it('interpolate linearly between order statistics (type 7)', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(x, 0.5)).toBe(2.5);
    expect(quantileSorted(x, 0.05)).toBeCloseTo(1.15, 12);
    expect(quantileSorted(x, 0.95)).toBeCloseTo(3.85, 12);
    expect(quantileSorted(x, 0)).toBe(1);
    expect(quantileSorted(x, 1)).toBe(4);
    expect(quantileSorted(Float64Array.of(7), 0.05)).toBe(7);
  });

  it('cover every numeric column and month, in long format', () => {
    const output = (shift: number): SimulationOutput => ({
      columns: ['month', 'regime', 'wealth_gini', 'sfc_error'],
      values: new Map([
        ['month', Float64Array.of(0, 1)],
        ['wealth_gini', Float64Array.of(0.1 + shift, 0.2 + shift)],
        ['sfc_error', Float64Array.of(0, shift)],
      ]),
      regimes: ['tighten', 'recede'],
      lorenz: [],
      godley: [],
      maxSfcError: 0,
      sfcViolations: [],
    });
    const q = ensembleQuantiles([output(0.2), output(0), output(0.1)]);
    expect(q.columns.map((c) => c.column)).toEqual(['wealth_gini', 'sfc_error']);
    expect(quantilesCsv(q)).toBe(
      'month,column,q05,q50,q95\n' +
        `0,wealth_gini,${0.1 + 0.1 * 0.1},0.2,${0.2 + 0.1 * 0.9}\n0,sfc_error,0,0,0\n` +
        `1,wealth_gini,${0.2 + 0.1 * 0.1},0.30000000000000004,${0.30000000000000004 + (0.4 - 0.30000000000000004) * 0.9}\n1,sfc_error,${0.1 * 0.1},0.1,${0.1 + 0.1 * 0.9}\n`,
    );
  });
});

describe('ensembles on worker threads', () => {
  let one: EnsembleResult;
  let two: EnsembleResult;
  beforeAll(async () => {
    // The same ensemble on one thread and on two.
    [one, two] = [
      await runEnsemble({ file: ECONOMY, set: SMALL_ECONOMY, runs: 3, workers: 1, outDir: join(root, 'one') }),
      await runEnsemble({ file: ECONOMY, set: SMALL_ECONOMY, runs: 3, workers: 2, outDir: join(root, 'two'), report: false }),
    ];
  });

  it('writes runs/seed-N for seeds seed … seed+K−1, quantiles.csv, summary.json and the ensemble report', () => {
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(readdirSync(join(one.outDir, 'runs')).sort()).toEqual(['seed-11', 'seed-12', 'seed-13']);
    for (const seed of [11, 12, 13]) for (const f of [...MEMBER_FILES, 'run.json']) expect(existsSync(join(one.outDir, 'runs', `seed-${seed}`, f))).toBe(true);
    for (const f of [...DETERMINISTIC, 'run.json', 'report.html']) expect(existsSync(join(one.outDir, f))).toBe(true);
    expect(existsSync(join(two.outDir, 'report.html'))).toBe(false);

    const quantiles = parseQuantilesCsv(readFileSync(join(one.outDir, 'quantiles.csv'), 'utf8'));
    const columns = readFileSync(join(one.outDir, 'runs', 'seed-11', 'series.csv'), 'utf8').split('\n')[0].split(',');
    const numeric = columns.filter((c) => c !== 'month' && c !== 'regime');
    expect([...quantiles.keys()]).toEqual(numeric);
    for (const [column, rows] of quantiles) {
      expect(rows.map((r) => r.month)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const r of rows) {
        expect(r.q05!, column).toBeLessThanOrEqual(r.q50!);
        expect(r.q50!, column).toBeLessThanOrEqual(r.q95!);
      }
    }

    const summary = JSON.parse(readFileSync(join(one.outDir, 'summary.json'), 'utf8'));
    expect(summary.seed).toBe(11);
    expect(summary.ensemble).toEqual({ runs: 3, seeds: [11, 12, 13], run_folders: ['runs/seed-11', 'runs/seed-12', 'runs/seed-13'] });
    expect(summary.quantiles.month).toBe(6);
    expect(summary.quantiles.levels).toEqual([0.05, 0.5, 0.95]);
    const gdp = quantiles.get('gdp_real')!.at(-1)!;
    expect(summary.quantiles.columns.gdp_real).toEqual({ q05: gdp.q05, q50: gdp.q50, q95: gdp.q95 });
    expect(summary.final.gdp_real).toBe(gdp.q50);
    expect(summary.lorenz.map((c: { label: string }) => c.label)).toEqual(['start (median of 3 runs)', 'middle (median of 3 runs)', 'end (median of 3 runs)']);

    const html = readFileSync(join(one.outDir, 'report.html'), 'utf8');
    expect(html).toContain('ensemble (median and 5–95% bands)');
  });

  it('each run is the same as that seed run one by one, in process (byte-identical series.csv)', () => {
    for (const seed of [11, 13]) {
      const { scenario } = loadScenario(ECONOMY, { set: [...SMALL_ECONOMY, `seed=${seed}`] });
      const inProcess = seriesCsv(simulate(scenario));
      expect(readFileSync(join(one.outDir, 'runs', `seed-${seed}`, 'series.csv'), 'utf8')).toBe(inProcess);
    }
  });

  it('the results do not depend on the number of worker threads', () => {
    for (const f of DETERMINISTIC) expect(readFileSync(join(two.outDir, f), 'utf8'), f).toBe(readFileSync(join(one.outDir, f), 'utf8'));
    for (const seed of [11, 12, 13]) {
      for (const f of MEMBER_FILES) {
        expect(readFileSync(join(two.outDir, 'runs', `seed-${seed}`, f), 'utf8'), `seed-${seed}/${f}`).toBe(readFileSync(join(one.outDir, 'runs', `seed-${seed}`, f), 'utf8'));
      }
    }
  });

  it('Godley tables come back from the workers into each run’s summary.json', () => {
    const summary = JSON.parse(readFileSync(join(one.outDir, 'runs', 'seed-12', 'summary.json'), 'utf8'));
    expect(summary.godley.map((t: { title: string; month: number }) => `${t.title} @${t.month}`)).toEqual([
      'Balance sheet @0',
      'Transactions flow @0',
      'Change in net worth @0',
      'Balance sheet @6',
      'Transactions flow @6',
      'Change in net worth @6',
    ]);
  });
});

describe('the run pool', () => {
  it('returns results in the order given, whatever order they finish in', async () => {
    const lesson = (months: number, seed: number) => loadScenario('scenarios/lessons/yard-sale.yaml', { set: ['households=200', `months=${months}`, `seed=${seed}`] }).scenario;
    const scenarios = [lesson(60, 1), lesson(3, 2), lesson(30, 3), lesson(5, 4)];
    const progress: number[] = [];
    const results = await simulateInWorkers(scenarios, { workers: 2, onMonth: (index) => progress.push(index) });
    results.forEach((r, i) => expect(seriesCsv(r.output)).toBe(seriesCsv(simulate(scenarios[i]))));
    expect(progress.length).toBe(61 + 4 + 31 + 6);
  });

  it('a run that crashes in its thread rejects the pool with a message naming it', async () => {
    const bad = { ...loadScenario('scenarios/lessons/yard-sale.yaml').scenario, model: 'no-such-model', name: 'broken' } as unknown as Scenario;
    await expect(simulateInWorkers([bad], { workers: 1 })).rejects.toThrow(/broken, seed 1/);
  });

  it('bad input at any seed is a ScenarioError and nothing is written', async () => {
    const out = join(root, 'bad');
    await expect(runEnsemble({ file: 'scenarios/lessons/yard-sale.yaml', set: ['seed=4294967295'], runs: 2, outDir: out })).rejects.toThrow(/seed/);
    expect(existsSync(out)).toBe(false);
  });
});
