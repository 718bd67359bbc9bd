/** Every shipped scenario validates and runs a few months, strictly (as Mesa's test_examples.py). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles } from '../../sim/scenarioFiles.js';
import { simulate } from '../../sim/engine.js';
import { loadScenario } from '../../sim/scenario.js';

const files = findScenarioFiles(join(process.cwd(), 'scenarios'));

describe('shipped scenarios', () => {
  it('there are scenarios to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.map((f) => [f.slice(process.cwd().length + 1)]))('%s validates and runs 6 months at 500 households', (file) => {
    const { scenario } = loadScenario(file, { set: ['months=6', 'households=500'] });
    expect(scenario.description.length).toBeGreaterThan(40);
    if (file.includes('lessons/')) {
      expect(scenario.learning_goals?.length).toBeGreaterThan(0);
      expect(scenario.questions?.length).toBeGreaterThan(0);
    }
    const output = simulate(scenario, { strict: true });
    expect(output.values.get('month')!.length).toBe(7);
    expect(output.maxSfcError).toBeLessThanOrEqual(1e-9);
  });
});
