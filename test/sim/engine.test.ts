import { describe, expect, it } from 'vitest';
import { createExchangeWorld, exchangeColumns, prepareExchangeMonth, sortedExchangeWealth, type ExchangeWorld } from '../../sim/exchangeModel.js';
import { RunFailure, simulate, simulateModel, type ModelDefinition } from '../../sim/engine.js';
import { Flow } from '../../sim/ledger.js';
import { seriesCsv } from '../../sim/output.js';
import type { Scenario } from '../../sim/scenarioSchema.js';
import { stepExchangeMonth } from '../../sim/step.js';

const yardSale = (seed: number): Scenario =>
  ({
    name: 't',
    description: 'test',
    model: 'exchange',
    seed,
    months: 30,
    households: 500,
    exchange: { rule: 'yard-sale-redistribution', initial_wealth: 100, stake_fraction: 0.1, trades_per_month: 1, chi: 0.01, zeta: 0.02 },
  }) as Scenario;

/** The exchange model with a deliberate defect injected into its month. */
function brokenModel(defect: (world: ExchangeWorld) => void, fromMonth = 5): ModelDefinition<ExchangeWorld> {
  return {
    create: (s) => createExchangeWorld(s as ExchangeWorld['scenario']),
    step: (world) => {
      if (world.month + 1 >= fromMonth) {
        // Run the real month, but with the defect applied before its accounting.
        const realCheck = world.ledger.check.bind(world.ledger);
        world.ledger.check = (tolerance?: number) => {
          defect(world);
          return realCheck(tolerance);
        };
        try {
          return stepExchangeMonth(world);
        } finally {
          world.ledger.check = realCheck;
        }
      }
      return stepExchangeMonth(world);
    },
    prepare: prepareExchangeMonth,
    columns: exchangeColumns,
    sortedWealth: sortedExchangeWealth,
  };
}

describe('engine', () => {
  it('records month 0 … months, one value per column', () => {
    const output = simulate(yardSale(1));
    expect(output.columns).toEqual(['month', 'wealth_gini', 'top1_share', 'top10_share', 'bottom50_share', 'sfc_error']);
    expect(Array.from(output.values.get('month')!)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(output.lorenz.map((l) => [l.label, l.month])).toEqual([
      ['start', 0],
      ['middle', 15],
      ['end', 30],
    ]);
  });

  it('same scenario and seed give identical bytes; another seed gives other numbers', () => {
    const a = seriesCsv(simulate(yardSale(11)));
    const b = seriesCsv(simulate(yardSale(11)));
    const c = seriesCsv(simulate(yardSale(12)));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('strict mode stops at money created outside the ledger, naming the month and the invariant', () => {
    const model = brokenModel((w) => {
      w.households.currency.values[3] += 1; // a bug: money from nowhere
    });
    let failure: unknown;
    try {
      simulateModel(model, yardSale(1), { strict: true });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(RunFailure);
    expect((failure as RunFailure).kind).toBe('sfc');
    expect((failure as RunFailure).month).toBe(5);
    expect((failure as Error).message).toMatch(/month 5: .*currency held = currency owed|month 5: .*Δ net worth/);
  });

  it('non-strict mode records the violations and goes on', () => {
    const model = brokenModel((w) => {
      w.households.currency.values[3] += 1;
    }, 29);
    const output = simulateModel(model, yardSale(1), { strict: false });
    expect(output.sfcViolations.map((v) => v.month)).toEqual([29, 30]);
    expect(output.values.get('sfc_error')![29]).toBeGreaterThan(1e-9);
    expect(output.values.get('sfc_error')![28]).toBeLessThanOrEqual(1e-9);
  });

  it('a NaN stops the run with a message naming the variable and the month', () => {
    const model = brokenModel((w) => {
      w.ledger.transfer(w.households.currency, 0, w.government.currency, 0, NaN, Flow.taxes);
    }, 7);
    expect(() => simulateModel(model, yardSale(1), { strict: false })).toThrow(/numeric blow-up in month 7: .*households\.currency/);
  });
});
