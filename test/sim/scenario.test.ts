/**
 * The scenario loader: valid lessons load complete and frozen; every kind of bad input is reported at the
 * file:line:col where it was written, with the field path, what was expected and what was found.
 * Fixtures: test/fixtures/scenarios/ (one bad file per case).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  formatProblems,
  loadScenario,
  parseScenarioText,
  ScenarioError,
  type LoadedScenario,
  type Problem,
} from '../../sim/scenario.js';

const dir = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));
const fx = (name: string) => path.join(dir, name);

/** The problems of a load that must fail. */
function problemsOf(load: () => LoadedScenario): Problem[] {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    const problems = (err as ScenarioError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect((err as ScenarioError).message).toBe(formatProblems(problems));
    return problems;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

function problemsOfFile(name: string, set?: string[]): Problem[] {
  return problemsOf(() => loadScenario(fx(name), { set }));
}

/** The single problem at `path`. */
function at(problems: Problem[], fieldPath: string): Problem {
  const found = problems.filter((p) => p.path === fieldPath);
  expect(found, `one problem at ${fieldPath} in:\n${formatProblems(problems)}`).toHaveLength(1);
  return found[0]!;
}

function expectWhere(p: Problem, file: string, line: number, col: number): void {
  expect({ file: p.file, line: p.line, col: p.col }).toEqual({ file, line, col });
}

describe('valid scenarios', () => {
  it('loads a lesson as written, with defaults filled', () => {
    const { scenario, file, chain } = loadScenario(fx('yard-sale.yaml'));
    expect(file).toBe(fx('yard-sale.yaml'));
    expect(chain).toEqual([fx('yard-sale.yaml')]);
    expect(scenario).toMatchObject({
      name: 'yard-sale',
      model: 'exchange',
      seed: 7,
      months: 100,
      households: 1000,
      learning_goals: ['Fair trades can concentrate wealth'],
      exchange: { rule: 'yard-sale', initial_wealth: 100, stake_fraction: 0.1, trades_per_month: 1 },
    });
  });

  it('fills every default of a minimal scenario', () => {
    const { scenario } = loadScenario(fx('boltzmann.yaml'));
    expect(scenario).toEqual({
      name: 'boltzmann',
      description: 'Households hand one unit of money to a random other each month.',
      seed: 1,
      months: 120,
      households: 100_000,
      model: 'exchange',
      exchange: { rule: 'boltzmann', initial_wealth: 10, unit: 1 },
    });
  });

  it('accepts JSON files', () => {
    const { scenario } = loadScenario(fx('yard-sale.json'));
    expect(scenario).toMatchObject({ name: 'yard-sale-json', months: 60, exchange: { rule: 'yard-sale', stake_fraction: 0.25 } });
  });

  it('returns deep-frozen scenarios', () => {
    const { scenario } = loadScenario(fx('yard-sale.yaml'));
    expect(Object.isFrozen(scenario)).toBe(true);
    expect(Object.isFrozen(scenario.exchange)).toBe(true);
    expect(Object.isFrozen(scenario.learning_goals)).toBe(true);
    expect(() => {
      (scenario as { months: number }).months = 5;
    }).toThrow(TypeError);
    expect(() => {
      (scenario.exchange as { stake_fraction: number }).stake_fraction = 0.9;
    }).toThrow(TypeError);
  });
});

describe('resolvedYaml', () => {
  it('is the validated scenario with defaults, keys in schema order', () => {
    const { resolvedYaml } = loadScenario(fx('yard-sale.yaml'));
    expect(resolvedYaml).toBe(
      [
        'name: yard-sale',
        "description: Random pairs bet a fraction of the poorer one's wealth on a fair coin.",
        'learning_goals:',
        '  - Fair trades can concentrate wealth',
        'questions:',
        '  - Why does the Gini keep rising?',
        'seed: 7',
        'months: 100',
        'households: 1000',
        'model: exchange',
        'exchange:',
        '  rule: yard-sale',
        '  initial_wealth: 100',
        '  stake_fraction: 0.1',
        '  trades_per_month: 1',
        '',
      ].join('\n'),
    );
  });

  it('is deterministic: same scenario, same text, whatever the order keys were written in', () => {
    const a = loadScenario(fx('yard-sale.yaml')).resolvedYaml;
    const b = loadScenario(fx('yard-sale.yaml')).resolvedYaml;
    const shuffled = parseScenarioText(
      [
        'exchange: { stake_fraction: 0.1, initial_wealth: 100, rule: yard-sale }',
        'households: 1000',
        'months: 100',
        'seed: 7',
        'model: exchange',
        'questions: [Why does the Gini keep rising?]',
        'learning_goals: [Fair trades can concentrate wealth]',
        "description: Random pairs bet a fraction of the poorer one's wealth on a fair coin.",
        'name: yard-sale',
      ].join('\n'),
      fx('shuffled.yaml'),
    ).resolvedYaml;
    expect(b).toBe(a);
    expect(shuffled).toBe(a);
  });

  it('round-trips: loading the resolved YAML gives the same scenario', () => {
    for (const name of ['yard-sale.yaml', 'boltzmann.yaml', 'grandchild.yaml', 'yard-sale.json']) {
      const first = loadScenario(fx(name));
      const again = parseScenarioText(first.resolvedYaml, fx('resolved.yaml'));
      expect(again.scenario).toEqual(first.scenario);
      expect(again.resolvedYaml).toBe(first.resolvedYaml);
      expect(parseYaml(first.resolvedYaml)).not.toHaveProperty('extends');
    }
  });
});

describe('extends', () => {
  it('overrides fields of the parent and inherits the rest', () => {
    const { scenario, chain } = loadScenario(fx('child.yaml'));
    expect(chain).toEqual([fx('child.yaml'), fx('base.yaml')]);
    expect(scenario.name).toBe('child');
    expect(scenario.exchange).toEqual({ rule: 'yard-sale', initial_wealth: 100, stake_fraction: 0.3, trades_per_month: 2 });
    expect(scenario).toMatchObject({ description: 'A yard-sale economy that lessons extend.', seed: 3, months: 100, households: 500 });
    expect(scenario).not.toHaveProperty('extends');
  });

  it('resolves several levels, each relative to its own file', () => {
    const grand = loadScenario(fx('grandchild.yaml'));
    expect(grand.chain).toEqual([fx('grandchild.yaml'), fx('child.yaml'), fx('base.yaml')]);
    expect(grand.scenario).toMatchObject({ name: 'grandchild', months: 24, seed: 3, questions: ['What changes with a shorter run?'] });
    expect(grand.scenario.exchange).toMatchObject({ stake_fraction: 0.3, trades_per_month: 2 });

    const deep = loadScenario(fx('sub/deep.yaml'));
    expect(deep.chain).toEqual([fx('sub/deep.yaml'), fx('child.yaml'), fx('base.yaml')]);
    expect(deep.scenario).toMatchObject({ name: 'deep', seed: 11, exchange: { stake_fraction: 0.3 } });
  });

  it('resolves extends of text relative to the given file name', () => {
    const { scenario, chain } = parseScenarioText('extends: base.yaml\nname: from-text\nmonths: 6\n', fx('virtual.yaml'));
    expect(chain).toEqual([fx('virtual.yaml'), fx('base.yaml')]);
    expect(scenario).toMatchObject({ name: 'from-text', months: 6, seed: 3 });
  });

  it('replaces lists rather than merging them', () => {
    const { scenario } = parseScenarioText('extends: base.yaml\nlearning_goals: [Only this one]\n', fx('virtual.yaml'));
    expect(scenario.learning_goals).toEqual(['Only this one']);
  });

  it('reports a cycle with its chain, at the extends that closes it', () => {
    const p = at(problemsOfFile('cycle-a.yaml'), 'extends');
    expectWhere(p, fx('cycle-b.yaml'), 3, 10);
    expect(p.message).toContain('cycle');
    expect(p.message).toContain('cycle-a.yaml → cycle-b.yaml → cycle-a.yaml');
  });

  it('reports a file that extends itself', () => {
    const p = at(problemsOf(() => parseScenarioText('extends: virtual.yaml\n', fx('virtual.yaml'))), 'extends');
    expectWhere(p, fx('virtual.yaml'), 1, 10);
    expect(p.message).toContain('virtual.yaml → virtual.yaml');
  });

  it('reports a missing parent at the extends line of the child, with the nearest file name', () => {
    const problems = problemsOfFile('missing-parent.yaml');
    expect(problems).toHaveLength(1);
    const p = at(problems, 'extends');
    expectWhere(p, fx('missing-parent.yaml'), 2, 10);
    expect(p.message).toContain('does not exist');
    expect(p.message).toContain(fx('bsae.yaml'));
    expect(p.message).toContain('did you mean "base.yaml"?');
  });

  it('reports a directory given as parent', () => {
    const p = at(problemsOf(() => parseScenarioText('extends: sub\nname: x\n', fx('virtual.yaml'))), 'extends');
    expectWhere(p, fx('virtual.yaml'), 1, 10);
    expect(p.message).toContain('directory');
  });

  it('reports an extends that is not text', () => {
    const p = at(problemsOfFile('bad-extends-type.yaml'), 'extends');
    expectWhere(p, fx('bad-extends-type.yaml'), 1, 10);
    expect(p.found).toBe('a list of 1 item');
  });

  it('reports a problem in a parent in the parent file, and one in the child in the child file', () => {
    const problems = problemsOfFile('child-of-bad.yaml');
    expect(problems).toHaveLength(2);
    expectWhere(at(problems, 'months'), fx('child-of-bad.yaml'), 3, 9);
    const stake = at(problems, 'exchange.stake_fraction');
    expectWhere(stake, fx('parent-bad.yaml'), 6, 19);
    expect(stake.found).toBe('5');
  });

  it('reports an unknown key written in the child at the child', () => {
    const p = at(problemsOfFile('child-unknown.yaml'), 'exchange.stake_fracton');
    expectWhere(p, fx('child-unknown.yaml'), 4, 3);
    expect(p.message).toContain('did you mean "stake_fraction"?');
  });

  it('reports YAML syntax errors in a parent in the parent file', () => {
    const problems = problemsOf(() => parseScenarioText('extends: bad-syntax.yaml\nname: x\n', fx('virtual.yaml')));
    expect(problems).toHaveLength(1);
    expectWhere(problems[0]!, fx('bad-syntax.yaml'), 4, 1);
  });
});

describe('--set overrides', () => {
  it('sets numbers, strings and nested fields, parsed as YAML', () => {
    const { scenario } = loadScenario(fx('yard-sale.yaml'), {
      set: ['months=24', 'name=yard-sale-short', 'exchange.stake_fraction=0.2', 'learning_goals=[one, two]'],
    });
    expect(scenario).toMatchObject({ months: 24, name: 'yard-sale-short', learning_goals: ['one', 'two'] });
    expect(scenario.exchange).toMatchObject({ rule: 'yard-sale', stake_fraction: 0.2, initial_wealth: 100 });
  });

  it('applies after extends, over inherited values', () => {
    const { scenario, resolvedYaml } = loadScenario(fx('child.yaml'), { set: ['exchange.trades_per_month=5', 'seed=99'] });
    expect(scenario).toMatchObject({ seed: 99, exchange: { trades_per_month: 5, stake_fraction: 0.3 } });
    expect(resolvedYaml).toContain('trades_per_month: 5');
  });

  it('can switch a discriminated union and fill its fields', () => {
    const { scenario } = loadScenario(fx('boltzmann.yaml'), { set: ['exchange.rule=yard-sale-redistribution', 'exchange.chi=0.05'] });
    expect(scenario.exchange).toMatchObject({ rule: 'yard-sale-redistribution', chi: 0.05, zeta: 0 });
  });

  it('sets list items by index', () => {
    const { scenario } = loadScenario(fx('yard-sale.yaml'), { set: ['questions[0]=Why?', 'learning_goals.1=More'] });
    expect(scenario.questions).toEqual(['Why?']);
    expect(scenario.learning_goals).toEqual(['Fair trades can concentrate wealth', 'More']);
  });

  it('reports malformed --set arguments at --set:1:1', () => {
    const problems = problemsOfFile('yard-sale.yaml', ['months', '=3', 'a..b=1']);
    expect(problems).toHaveLength(3);
    for (const p of problems) expectWhere(p, '--set', 1, 1);
    expect(problems[0]!.message).toContain('"months"');
    expect(problems[0]!.message).toContain('path=value');
    expect(problems[1]!.message).toContain('empty');
    expect(problems[2]!.message).toContain('empty part');
  });

  it('reports a value that is not valid YAML', () => {
    const p = at(problemsOfFile('yard-sale.yaml', ['exchange.stake_fraction=[0.1']), 'exchange.stake_fraction');
    expectWhere(p, '--set', 1, 1);
    expect(p.message).toContain('not valid YAML');
  });

  it('reports an out-of-range value from --set as --set, with the range', () => {
    const problems = problemsOfFile('yard-sale.yaml', ['exchange.stake_fraction=1.5']);
    expect(problems).toHaveLength(1);
    const p = at(problems, 'exchange.stake_fraction');
    expectWhere(p, '--set', 1, 1);
    expect(p.found).toBe('1.5');
    expect(p.expected).toBe('a number from 0 to 1 [share]');
    expect(p.message).toContain('above the maximum of 1');
  });

  it('reports a wrong type and an unknown key from --set as --set', () => {
    const problems = problemsOfFile('yard-sale.yaml', ['months=abc', 'exchange.stake_fracton=0.2']);
    expectWhere(at(problems, 'months'), '--set', 1, 1);
    expect(at(problems, 'months').found).toBe('the text "abc"');
    const key = at(problems, 'exchange.stake_fracton');
    expectWhere(key, '--set', 1, 1);
    expect(key.message).toContain('did you mean "stake_fraction"?');
  });

  it('refuses to set a field inside a number, or past the end of a list, or extends', () => {
    const problems = problemsOfFile('yard-sale.yaml', ['months.x=1', 'questions[3]=x', 'extends=base.yaml']);
    expect(at(problems, 'months.x').message).toContain('inside months, which is 100');
    expect(at(problems, 'questions[3]').message).toContain('has 1 item');
    expect(at(problems, 'extends').message).toContain('extends cannot be set');
  });
});

describe('bad scenarios: one precise problem per case', () => {
  it('unknown key: suggests the nearest valid key', () => {
    const problems = problemsOfFile('bad-unknown-key.yaml');
    expect(problems).toHaveLength(1);
    const p = at(problems, 'exchange.stake_fracton');
    expectWhere(p, fx('bad-unknown-key.yaml'), 6, 3);
    expect(p.message).toContain('unknown key "stake_fracton"');
    expect(p.message).toContain('did you mean "stake_fraction"?');
    expect(p.expected).toContain('stake_fraction');
    expect(p.found).toContain('stake_fracton');
  });

  it('unknown key: says where a misplaced key belongs, and which rule a key needs', () => {
    const problems = problemsOfFile('bad-misplaced.yaml');
    expect(problems).toHaveLength(3);
    const top = at(problems, 'stake_fraction');
    expectWhere(top, fx('bad-misplaced.yaml'), 4, 1);
    expect(top.message).toContain('under exchange');
    const chi = at(problems, 'exchange.chi');
    expectWhere(chi, fx('bad-misplaced.yaml'), 7, 3);
    expect(chi.message).toContain('rule: yard-sale-redistribution');
    const junk = at(problems, 'exchange.zzzz');
    expectWhere(junk, fx('bad-misplaced.yaml'), 8, 3);
    expect(junk.message).not.toContain('did you mean');
    expect(junk.expected).toBe('one of the keys rule, initial_wealth, stake_fraction, trades_per_month');
  });

  it('wrong type: says what was expected (with unit and range) and what was found', () => {
    const problems = problemsOfFile('bad-wrong-type.yaml');
    expect(problems).toHaveLength(3);
    const households = at(problems, 'households');
    expectWhere(households, fx('bad-wrong-type.yaml'), 4, 13);
    expect(households.expected).toBe('an integer from 2 to 10000000 [agents]');
    expect(households.found).toBe('the text "5000"');
    expect(households.message).toContain('without quotes');
    const months = at(problems, 'months');
    expectWhere(months, fx('bad-wrong-type.yaml'), 5, 9);
    expect(months.expected).toBe('an integer from 1 to 1200 [months]');
    expect(months.found).toBe('the text "many"');
    const goals = at(problems, 'learning_goals');
    expectWhere(goals, fx('bad-wrong-type.yaml'), 6, 17);
    expect(goals.expected).toContain('a list');
  });

  it('out-of-range number: gives the bound, the range and the unit', () => {
    const problems = problemsOfFile('bad-range.yaml');
    expect(problems).toHaveLength(2);
    const stake = at(problems, 'exchange.stake_fraction');
    expectWhere(stake, fx('bad-range.yaml'), 7, 19);
    expect(stake.message).toContain('1.5 is above the maximum of 1');
    expect(stake.expected).toBe('a number from 0 to 1 [share]');
    expect(stake.found).toBe('1.5');
    const seed = at(problems, 'seed');
    expectWhere(seed, fx('bad-range.yaml'), 4, 7);
    expect(seed.message).toContain('-4 is below the minimum of 0');
  });

  it('out-of-range number in a JSON file: located in the JSON', () => {
    const p = at(problemsOfFile('bad-range.json'), 'exchange.stake_fraction');
    expectWhere(p, fx('bad-range.json'), 7, 23);
    expect(p.found).toBe('1.5');
  });

  it('non-integer where an integer is needed', () => {
    const problems = problemsOfFile('bad-integer.yaml');
    expect(problems).toHaveLength(2);
    const months = at(problems, 'months');
    expectWhere(months, fx('bad-integer.yaml'), 4, 9);
    expect(months.message).toContain('12.5 is not a whole number');
    expect(months.expected).toBe('an integer from 1 to 1200 [months]');
    const trades = at(problems, 'exchange.trades_per_month');
    expectWhere(trades, fx('bad-integer.yaml'), 7, 21);
    expect(trades.expected).toBe('an integer from 1 to 100 [trades per household]');
  });

  it('missing required fields: at the parent object, with what is needed', () => {
    const problems = problemsOfFile('bad-missing.yaml');
    expect(problems).toHaveLength(2);
    const description = at(problems, 'description');
    expectWhere(description, fx('bad-missing.yaml'), 1, 1);
    expect(description.message).toContain('missing required field "description"');
    expect(description.found).toBe('nothing');
    const rule = at(problems, 'exchange.rule');
    expectWhere(rule, fx('bad-missing.yaml'), 3, 1);
    expect(rule.message).toContain('missing required field "rule"');
    expect(rule.expected).toBe('one of "boltzmann", "yard-sale" or "yard-sale-redistribution"');

    const exchange = at(problemsOfFile('bad-missing-exchange.yaml'), 'exchange');
    expectWhere(exchange, fx('bad-missing-exchange.yaml'), 1, 1);
    expect(exchange.expected).toContain('rule');
  });

  it('invalid discriminator: lists the valid values and suggests the nearest', () => {
    const model = at(problemsOfFile('bad-model.yaml'), 'model');
    expectWhere(model, fx('bad-model.yaml'), 3, 8);
    expect(model.message).toContain('unknown model "exchang"');
    expect(model.message).toContain('did you mean "exchange"?');
    expect(model.expected).toContain('"exchange"');

    const rule = at(problemsOfFile('bad-rule.yaml'), 'exchange.rule');
    expectWhere(rule, fx('bad-rule.yaml'), 5, 9);
    expect(rule.message).toContain('did you mean "yard-sale"?');
    expect(rule.expected).toBe('one of "boltzmann", "yard-sale" or "yard-sale-redistribution"');
    expect(rule.found).toBe('the text "yard_sale"');
  });

  it('bad text: format and emptiness', () => {
    const problems = problemsOfFile('bad-name.yaml');
    const name = at(problems, 'name');
    expectWhere(name, fx('bad-name.yaml'), 1, 7);
    expect(name.expected).toContain('lower-case letters, digits and dashes');
    expect(name.found).toBe('the text "Yard Sale"');
    const description = at(problems, 'description');
    expectWhere(description, fx('bad-name.yaml'), 2, 14);
    expect(description.message).toContain('empty');
  });

  it('broken YAML syntax: at the position the YAML parser gives', () => {
    const syntax = problemsOfFile('bad-syntax.yaml');
    expect(syntax).toHaveLength(1);
    expectWhere(syntax[0]!, fx('bad-syntax.yaml'), 4, 1);
    expect(syntax[0]!.message).toContain('YAML syntax error');
    expect(syntax[0]!.message).toContain(']');

    const tab = problemsOfFile('bad-tab.yaml');
    expectWhere(tab[0]!, fx('bad-tab.yaml'), 3, 1);
    expect(tab[0]!.message).toContain('Tabs');
  });

  it('duplicate keys: at the second one, naming the first', () => {
    const problems = problemsOfFile('bad-duplicate.yaml');
    expect(problems).toHaveLength(1);
    const p = at(problems, 'months');
    expectWhere(p, fx('bad-duplicate.yaml'), 7, 1);
    expect(p.message).toContain('duplicate key "months"');
    expect(p.message).toContain('line 4');
  });

  it('duplicate keys in JSON', () => {
    const p = at(problemsOf(() => parseScenarioText('{"name": "a", "name": "b"}', fx('dup.json'))), 'name');
    expectWhere(p, fx('dup.json'), 1, 15);
    expect(p.message).toContain('duplicate key');
  });

  it('empty file and a file of comments only', () => {
    const empty = problemsOfFile('empty.yaml');
    expect(empty).toHaveLength(1);
    expectWhere(empty[0]!, fx('empty.yaml'), 1, 1);
    expect(empty[0]!.message).toContain('empty');
    const comments = problemsOfFile('comments-only.yaml');
    expect(comments[0]!.message).toContain('empty');
    expect(comments[0]!.found).toBe('only comments');
  });

  it('a top level that is not a mapping', () => {
    const p = problemsOfFile('bad-not-mapping.yaml')[0]!;
    expectWhere(p, fx('bad-not-mapping.yaml'), 1, 1);
    expect(p.message).toContain('mapping');
    expect(p.found).toBe('a list of 2 items');
  });

  it('binary and non-UTF-8 files: says so without dumping the bytes', () => {
    const binary = problemsOfFile('binary.yaml');
    expect(binary).toHaveLength(1);
    expectWhere(binary[0]!, fx('binary.yaml'), 1, 1);
    expect(binary[0]!.message).toContain('not a text file');
    expect(binary[0]!.found).toContain('NUL byte at byte 13');
    expect(formatProblems(binary)).not.toMatch(/[\u0000-\u0008\ufffd]/);

    const latin1 = problemsOfFile('latin1.yaml');
    expect(latin1).toHaveLength(1);
    expect(latin1[0]!.message).toContain('not UTF-8');
    expect(formatProblems(latin1)).not.toMatch(/\ufffd/);

    const text = problemsOf(() => parseScenarioText('name: a\u0000b\n', fx('nul.yaml')));
    expect(text[0]!.message).toContain('not a text file');
  });

  it('a missing file: with the nearest existing name', () => {
    const p = problemsOfFile('yard-sal.yaml')[0]!;
    expectWhere(p, fx('yard-sal.yaml'), 1, 1);
    expect(p.message).toContain('file not found');
    expect(p.message).toContain(`did you mean ${JSON.stringify(fx('yard-sale.yaml'))}?`);
    expect(problemsOfFile('nothing-like-it.yaml')[0]!.message).toBe('file not found');
  });

  it('a directory instead of a file', () => {
    const p = problemsOf(() => loadScenario(fx('sub')))[0]!;
    expectWhere(p, fx('sub'), 1, 1);
    expect(p.message).toContain('directory');
    expect(p.message).toContain('deep.yaml');
    expect(p.found).toBe('a directory');
  });

  it('empty values and non-finite numbers', () => {
    const problems = problemsOf(() =>
      parseScenarioText('name: x\ndescription: d\nmodel: exchange\nmonths:\nexchange:\n  rule: boltzmann\n  unit: .inf\n', fx('v.yaml')),
    );
    const months = at(problems, 'months');
    expectWhere(months, fx('v.yaml'), 4, 1);
    expect(months.found).toBe('an empty value');
    expect(at(problems, 'exchange.unit').message).toContain('not a finite number');
  });
});

describe('all problems in one pass', () => {
  it('reports every problem of a file, sorted by line and column', () => {
    const problems = problemsOfFile('bad-many.yaml');
    expect(problems.map((p) => [p.path, p.line, p.col])).toEqual([
      ['seed', 4, 7],
      ['months', 5, 9],
      ['exchange.stake_fracton', 8, 3],
      ['exchange.initial_wealth', 9, 19],
      ['households', 10, 13],
    ]);
    for (const p of problems) expect(p.file).toBe(fx('bad-many.yaml'));
  });

  it('locates list items, and reports duplicate keys together with schema problems', () => {
    const text = [
      'name: items',
      'description: d',
      'model: exchange',
      'learning_goals: [fine, 3, ""]',
      'exchange: {rule: boltzmann}',
      'seed: 2',
      'seed: 3',
      '__proto__: 1',
    ].join('\n');
    const problems = problemsOf(() => parseScenarioText(text, fx('items.yaml')));
    expect(problems.map((p) => [p.path, p.line, p.col])).toEqual([
      ['learning_goals[1]', 4, 24],
      ['learning_goals[2]', 4, 27],
      ['seed', 7, 1],
      ['__proto__', 8, 1],
    ]);
    expect(at(problems, 'learning_goals[1]').found).toBe('3');
    expect(at(problems, '__proto__').message).toContain('unknown key');
  });

  it('sorts problems by file, line, col across files and --set', () => {
    const problems = problemsOfFile('child-of-bad.yaml', ['seed=-1', 'exchange.trades_per_month=0']);
    const keys = problems.map((p) => [p.file, p.line, p.col] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(problems.map((p) => p.path).sort()).toEqual(['exchange.stake_fraction', 'exchange.trades_per_month', 'months', 'seed']);
  });

  it('formats one readable line per problem', () => {
    const problems = problemsOfFile('bad-range.yaml');
    const lines = formatProblems(problems).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `${fx('bad-range.yaml')}:7:19: exchange.stake_fraction: 1.5 is above the maximum of 1 (expected a number from 0 to 1 [share], found 1.5)`,
    );
    expect(formatProblems([])).toBe('');
  });
});

describe('problems from several stages', () => {
  it('reports a malformed --set together with an unreadable file', () => {
    const problems = problemsOf(() => loadScenario(fx('no-such-file.yaml'), { set: ['months'] }));
    expect(problems.map((p) => p.file)).toEqual(['--set', fx('no-such-file.yaml')]);
  });
});
