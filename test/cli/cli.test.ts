import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist/sim/cli.js');

function finsim(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = () => mkdtempSync(join(tmpdir(), 'finsim-cli-'));
const SMALL = ['--households', '300', '--months', '24'];

describe('finsim run', () => {
  it('writes series.csv, summary.json, scenario.resolved.yaml, run.json and report.html, and prints the report path', () => {
    const out = join(temp(), 'run');
    const r = finsim(['run', 'scenarios/lessons/yard-sale.yaml', ...SMALL, '--out', out]);
    expect(r.stderr).toContain('running yard-sale');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`finsim: report: ${join(out, 'report.html')}`);
    for (const f of ['series.csv', 'summary.json', 'scenario.resolved.yaml', 'run.json', 'report.html']) expect(existsSync(join(out, f))).toBe(true);
    const csv = readFileSync(join(out, 'series.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('month,wealth_gini,top1_share,top10_share,bottom50_share,sfc_error');
    expect(csv).toHaveLength(26);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.seed).toBe(1);
    expect(summary.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.final.month).toBe(24);
    expect(readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8')).toContain('households: 300');
  });

  it('same scenario and seed give byte-identical series.csv and summary.json; wall time stays in run.json', () => {
    const [a, b] = [join(temp(), 'a'), join(temp(), 'b')];
    finsim(['run', 'scenarios/lessons/yard-sale-redistribution.yaml', ...SMALL, '--seed', '5', '--out', a, '--no-report']);
    finsim(['run', 'scenarios/lessons/yard-sale-redistribution.yaml', ...SMALL, '--seed', '5', '--out', b, '--no-report']);
    for (const f of ['series.csv', 'summary.json', 'scenario.resolved.yaml']) {
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(a, 'run.json'), 'utf8')).simulation_seconds).toBeTypeOf('number');
    const c = join(temp(), 'c');
    finsim(['run', 'scenarios/lessons/yard-sale-redistribution.yaml', ...SMALL, '--seed', '6', '--out', c, '--no-report']);
    expect(readFileSync(join(c, 'series.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'series.csv'), 'utf8'));
  });

  it('--set overrides a field and the override shows in the resolved scenario', () => {
    const out = join(temp(), 'set');
    const r = finsim(['run', 'scenarios/lessons/boltzmann.yaml', ...SMALL, '--set', 'exchange.initial_wealth=3', '--out', out, '--no-report']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8')).toMatch(/initial_wealth: 3\b/);
  });

  it('bad input: exit 2, a located message, nothing written', () => {
    const dir = temp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\ndescription: x\nmodel: exchange\nexchange:\n  rule: yard-sale\n  stake_fracton: 0.2\n');
    const out = join(dir, 'out');
    const r = finsim(['run', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:6:3`);
    expect(r.stderr).toContain('stake_fraction');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.yaml']); // no temporary folder left behind either
  });

  it('an out-of-range override from the command line is bad input too', () => {
    const out = join(temp(), 'x');
    const r = finsim(['run', 'scenarios/lessons/boltzmann.yaml', '--months', '0', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/months.*minimum of 1/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown option or a missing file is bad input (exit 2)', () => {
    expect(finsim(['run', 'scenarios/lessons/boltzmann.yaml', '--sede', '3']).code).toBe(2);
    const missing = finsim(['run', 'no/such/file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/file\.yaml/);
  });
});

describe('finsim validate, list, schema, --help', () => {
  it('validate: ok files exit 0; any bad file exits 2 with its problems', () => {
    const good = finsim(['validate', 'scenarios/lessons/boltzmann.yaml', 'scenarios/lessons/yard-sale.yaml']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/ok\s+scenarios\/lessons\/boltzmann\.yaml/);
    const dir = temp();
    writeFileSync(join(dir, 'bad.yaml'), 'name: x\ndescription: y\nmodel: exchange\nmonths: 12.5\nexchange: {rule: boltzmann}\n');
    const bad = finsim(['validate', 'scenarios/lessons/boltzmann.yaml', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/invalid .*bad\.yaml/);
    expect(bad.stderr).toMatch(/bad\.yaml:4:9: months/);
  });

  it('list: every shipped scenario with its one-line description', () => {
    const r = finsim(['list']);
    expect(r.code).toBe(0);
    for (const name of ['lessons/boltzmann.yaml', 'lessons/yard-sale.yaml', 'lessons/yard-sale-redistribution.yaml']) {
      expect(r.stdout).toMatch(new RegExp(`scenarios/${name.replace('.', '\\.')}\\s+\\S`));
    }
  });

  it('schema: a JSON Schema with units and ranges', () => {
    const r = finsim(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema/);
    const text = JSON.stringify(schema);
    expect(text).toContain('"stake_fraction"');
    expect(text).toContain('"unit":"share"');
  });

  it('--help on the program and on each command', () => {
    const top = finsim(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['run', 'validate', 'list', 'schema']) expect(top.stdout).toContain(`finsim ${command}`);
    const run = finsim(['run', '--help']);
    for (const option of ['--seed', '--months', '--households', '--out', '--set', '--strict', '--quiet']) expect(run.stdout).toContain(option);
    expect(finsim([]).code).toBe(2);
  });
});
