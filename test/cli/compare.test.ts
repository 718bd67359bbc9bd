import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist/sim/cli.js');

function finsim(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'finsim-cli-compare-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const LESSONS = ['scenarios/lessons/yard-sale.yaml', 'scenarios/lessons/yard-sale-redistribution.yaml'];
const SMALL = ['--households', '300', '--months', '24'];
const SMALL_ECONOMY = ['--households', '2000', '--months', '6', '--set', 'economy.burn_in_months=12'];

describe('finsim compare', () => {
  it('runs the scenarios with one seed, writes their folders and compare.html, prints its path', () => {
    const out = join(temp(), 'cmp');
    const r = finsim(['compare', ...LESSONS, ...SMALL, '--seed', '4', '--at', '6,12', '--out', out]);
    expect(r.stderr).toContain('comparing yard-sale vs yard-sale-redistribution — seed 4, common random numbers');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`finsim: report: ${join(out, 'compare.html')}`);
    expect(existsSync(join(out, 'compare.html'))).toBe(true);
    expect(readdirSync(join(out, 'runs')).sort()).toEqual(['yard-sale', 'yard-sale-redistribution']);
    for (const name of ['yard-sale', 'yard-sale-redistribution']) {
      for (const f of ['series.csv', 'summary.json', 'scenario.resolved.yaml', 'run.json', 'report.html']) expect(existsSync(join(out, 'runs', name, f))).toBe(true);
      expect(JSON.parse(readFileSync(join(out, 'runs', name, 'summary.json'), 'utf8')).seed).toBe(4);
    }
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toContain('Month 12');
  });

  it('bad input in any scenario: exit 2, every file’s problems, nothing written', () => {
    const dir = temp();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\ndescription: x\nmodel: exchange\nexchange:\n  rule: yard-sale\n  stake_fracton: 0.2\n');
    const out = join(dir, 'out');
    const r = finsim(['compare', LESSONS[0], bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:6:3`);
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('fewer than two scenarios, a bad --at or --runs: exit 2, nothing written', () => {
    const dir = temp();
    const out = join(dir, 'out');
    const one = finsim(['compare', LESSONS[0], '--out', out]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('at least two scenarios');
    const at = finsim(['compare', ...LESSONS, '--at', '12,two', '--out', out]);
    expect(at.code).toBe(2);
    expect(at.stderr).toContain('--at');
    expect(finsim(['compare', ...LESSONS, '--runs', '0', '--out', out]).code).toBe(2);
    expect(finsim(['compare', ...LESSONS, '--months', '0', '--out', out]).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is listed in --help', () => {
    const top = finsim(['--help']);
    expect(top.stdout).toContain('finsim compare');
    const help = finsim(['compare', '--help']);
    for (const option of ['--seed', '--months', '--households', '--set', '--at', '--out', '--runs', '--threads']) expect(help.stdout).toContain(option);
  });
});

describe('finsim run --runs K (ensembles)', () => {
  it('runs K seeds on worker threads and writes quantiles, summary, each run and the ensemble report', () => {
    const out = join(temp(), 'ens');
    const r = finsim(['run', 'scenarios/baseline-2025.yaml', ...SMALL_ECONOMY, '--seed', '5', '--runs', '3', '--threads', '2', '--out', out]);
    expect(r.stderr).toContain('3 runs (seeds 5–7)');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`finsim: report: ${join(out, 'report.html')}`);
    expect(readdirSync(join(out, 'runs')).sort()).toEqual(['seed-5', 'seed-6', 'seed-7']);
    expect(readFileSync(join(out, 'quantiles.csv'), 'utf8').split('\n')[0]).toBe('month,column,q05,q50,q95');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.ensemble.seeds).toEqual([5, 6, 7]);
    expect(summary.quantiles.month).toBe(6);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).threads).toBe(2);
  });

  it('a member of the ensemble has the same bytes as the seed run alone', () => {
    const dir = temp();
    finsim(['run', 'scenarios/lessons/yard-sale.yaml', ...SMALL, '--runs', '2', '--seed', '8', '--out', join(dir, 'ens'), '--no-report']);
    finsim(['run', 'scenarios/lessons/yard-sale.yaml', ...SMALL, '--seed', '9', '--out', join(dir, 'alone'), '--no-report']);
    for (const f of ['series.csv', 'summary.json', 'scenario.resolved.yaml']) {
      expect(readFileSync(join(dir, 'ens', 'runs', 'seed-9', f), 'utf8')).toBe(readFileSync(join(dir, 'alone', f), 'utf8'));
    }
  });

  it('--runs 0 or --threads x is bad input', () => {
    const out = join(temp(), 'x');
    expect(finsim(['run', 'scenarios/lessons/boltzmann.yaml', '--runs', '0', '--out', out]).code).toBe(2);
    const threads = finsim(['run', 'scenarios/lessons/boltzmann.yaml', '--runs', '2', '--threads', 'x', '--out', out]);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toContain('--threads');
    expect(existsSync(out)).toBe(false);
  });
});
