import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComparison, runComparison } from '../../sim/compare.js';
import { simulate } from '../../sim/engine.js';
import { seriesCsv } from '../../sim/output.js';
import { loadScenario, ScenarioError } from '../../sim/scenario.js';

const YARD_SALE = 'scenarios/lessons/yard-sale.yaml';
const REDISTRIBUTION = 'scenarios/lessons/yard-sale-redistribution.yaml';
const SMALL = ['households=300', 'months=24'];

let root: string;
let copy: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'finsim-compare-'));
  // The yard-sale lesson under another name and with another seed in its file.
  copy = join(root, 'copy.yaml');
  writeFileSync(copy, `extends: ${resolve(YARD_SALE)}\nname: yard-sale-copy\nseed: 99\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loading a comparison', () => {
  it('gives every scenario the first one’s seed unless --seed is given', () => {
    const { scenarios, seed } = loadComparison([YARD_SALE, copy], { set: SMALL });
    expect(seed).toBe(1);
    expect(scenarios.map((s) => s.seeds[0].scenario.seed)).toEqual([1, 1]);
    expect(scenarios.map((s) => s.folder)).toEqual(['runs/yard-sale', 'runs/yard-sale-copy']);
    const seeded = loadComparison([YARD_SALE, copy], { set: [...SMALL, 'seed=7'], runs: 3 });
    expect(seeded.seed).toBe(7);
    expect(seeded.scenarios.map((s) => s.seeds.map((l) => l.scenario.seed))).toEqual([
      [7, 8, 9],
      [7, 8, 9],
    ]);
  });

  it('two scenarios with one name get distinct folders', () => {
    const { scenarios } = loadComparison([YARD_SALE, YARD_SALE], { set: SMALL });
    expect(scenarios.map((s) => s.folder)).toEqual(['runs/yard-sale-a', 'runs/yard-sale-b']);
  });

  it('reports every problem of every file at once', () => {
    const bad1 = join(root, 'bad1.yaml');
    const bad2 = join(root, 'bad2.yaml');
    writeFileSync(bad1, 'name: bad1\ndescription: x\nmodel: exchange\nexchange:\n  rule: yard-sale\n  stake_fracton: 0.2\n');
    writeFileSync(bad2, `extends: ${resolve(YARD_SALE)}\nmonths: -3\n`);
    let error: unknown;
    try {
      loadComparison([YARD_SALE, bad1, bad2]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const files = (error as ScenarioError).problems.map((p) => p.file);
    expect(files).toContain(bad1);
    expect(files).toContain(bad2);
  });
});

describe('running a comparison', () => {
  it('runs each scenario with the common seed, writes the run folders and compare.html', async () => {
    const out = join(root, 'pair');
    const result = await runComparison([YARD_SALE, REDISTRIBUTION], { set: SMALL, at: [6, 12], outDir: out, workers: 2, runReports: false });
    expect(result.htmlPath).toBe(join(out, 'compare.html'));
    expect(existsSync(result.htmlPath)).toBe(true);
    expect(readdirSync(join(out, 'runs')).sort()).toEqual(['yard-sale', 'yard-sale-redistribution']);
    for (const [i, file] of [YARD_SALE, REDISTRIBUTION].entries()) {
      const { scenario } = loadScenario(file, { set: [...SMALL, 'seed=1'] });
      expect(readFileSync(join(result.runDirs[i], 'series.csv'), 'utf8')).toBe(seriesCsv(simulate(scenario)));
    }
    const html = readFileSync(result.htmlPath, 'utf8');
    expect(html).toContain('Month 6');
    expect(html).toContain('Month 12');
    expect(html).toContain('a: yard-sale');
    expect(html).toContain('b: yard-sale-redistribution');
  });

  it('common random numbers: a scenario compared with a copy of itself gives the same numbers, whatever seed its file names', async () => {
    const out = join(root, 'copy');
    const result = await runComparison([YARD_SALE, copy], { set: SMALL, outDir: out, runReports: false });
    const [a, b] = result.runDirs.map((d) => readFileSync(join(d, 'series.csv'), 'utf8'));
    expect(b).toBe(a);
  });

  it('with runs > 1 each scenario is an ensemble of the same seeds, and the comparison draws bands', async () => {
    const out = join(root, 'ensembles');
    const result = await runComparison([YARD_SALE, REDISTRIBUTION], { set: [...SMALL, 'seed=3'], runs: 2, outDir: out });
    for (const dir of result.runDirs) {
      expect(readdirSync(join(dir, 'runs')).sort()).toEqual(['seed-3', 'seed-4']);
      expect(existsSync(join(dir, 'quantiles.csv'))).toBe(true);
      expect(existsSync(join(dir, 'report.html'))).toBe(true);
    }
    const overlay = JSON.parse(readFileSync(join(out, 'specs', 'overlay-wealth-gini.vl.json'), 'utf8'));
    expect(JSON.stringify(overlay)).toContain('"area"');
  });
});
