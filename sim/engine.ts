/**
 * The engine: initialise a model's world, step it month by month, record the data contract's columns,
 * stop on an accounting violation (strict mode) or a numeric blow-up.
 */
import type { ColumnTable } from './columns.js';
import { createExchangeWorld, exchangeColumns, prepareExchangeMonth, sortedExchangeWealth, type ExchangeWorld } from './exchangeModel.js';
import type { CheckResult } from './ledger.js';
import { lorenzPoints } from './metrics.js';
import { godleyTables } from './godley.js';
import { SERIES_COLUMNS, type GodleyTable, type LorenzCurve, type SeriesColumn } from './runData.js';
import type { EconomyScenario, Scenario } from './scenarioSchema.js';
import { createEconomyWorld, economyColumns, prepareEconomyMonth, sortedEconomyWealth } from './economyModel.js';
import type { EconomyWorld } from './economyWorld.js';
import { SFC_TOLERANCE, stepEconomyMonth, stepExchangeMonth } from './step.js';

/** What a model provides to the engine. */
export interface ModelDefinition<W extends { month: number }> {
  create(scenario: Scenario): W;
  /** Advance one month; returns the month's accounting check. */
  step(world: W): CheckResult;
  /** Fill the statistics the column reporters share (at most one sort). */
  prepare(world: W): void;
  columns: ColumnTable<W>;
  /** The current regime, for models that have regimes. */
  regime?: (world: W) => string;
  /** Households' wealth in ascending order, after `prepare` (for Lorenz curves: a few months only). */
  sortedWealth(world: W): Float64Array;
  /**
   * Godley tables of the month just recorded (balance sheet, and the month's flows), taken at month 0 and at
   * the last month. At record time the ledger's flow record holds that month's flows (it is cleared as each
   * month starts).
   */
  godley?: (world: W) => GodleyTable[];
}

const exchangeModel: ModelDefinition<ExchangeWorld> = {
  create: (scenario) => createExchangeWorld(scenario as ExchangeWorld['scenario']),
  step: stepExchangeMonth,
  prepare: prepareExchangeMonth,
  columns: exchangeColumns,
  sortedWealth: sortedExchangeWealth,
  godley: (w) => godleyTables(w.ledger, w.month),
};

const economyModel: ModelDefinition<EconomyWorld> = {
  create: (scenario) => createEconomyWorld(scenario as EconomyScenario),
  step: stepEconomyMonth,
  prepare: prepareEconomyMonth,
  columns: economyColumns,
  regime: (w) => w.market.regime,
  sortedWealth: sortedEconomyWealth,
  godley: (w) => godleyTables(w.ledger, w.month),
};

function modelFor(scenario: Scenario): ModelDefinition<{ month: number }> {
  switch (scenario.model) {
    case 'exchange':
      return exchangeModel as unknown as ModelDefinition<{ month: number }>;
    case 'economy':
      return economyModel as unknown as ModelDefinition<{ month: number }>;
  }
}

/** A run that could not go on: an accounting violation in strict mode, or a NaN/Infinity. */
export class RunFailure extends Error {
  constructor(
    readonly kind: 'sfc' | 'numeric',
    readonly month: number,
    message: string,
  ) {
    super(message);
    this.name = 'RunFailure';
  }
}

export interface SimulationOptions {
  /** Stop at the first month whose SFC discrepancy exceeds 1e-9 (default true). */
  strict?: boolean;
  /** Called after each month is recorded (month 0 included). */
  onMonth?: (month: number, months: number) => void;
}

/** The recorded run: one column array per series column, month 0 … months. */
export interface SimulationOutput {
  columns: SeriesColumn[];
  values: Map<SeriesColumn, Float64Array>;
  /** Regime per month, for models with regimes. */
  regimes: string[] | null;
  lorenz: LorenzCurve[];
  /** Godley tables at month 0 and the last month (empty for models without them). */
  godley: GodleyTable[];
  maxSfcError: number;
  /** Months whose SFC discrepancy exceeded the tolerance (non-strict runs only). */
  sfcViolations: Array<{ month: number; invariant: string; detail: string; relativeError: number }>;
}

/** Run a scenario in memory. Throws RunFailure when the run cannot go on. */
export function simulate(scenario: Scenario, options: SimulationOptions = {}): SimulationOutput {
  return simulateModel(modelFor(scenario), scenario, options);
}

/** Run a given model on a scenario (the engine's loop; `simulate` picks the model from the scenario). */
export function simulateModel<W extends { month: number }>(model: ModelDefinition<W>, scenario: Scenario, options: SimulationOptions = {}): SimulationOutput {
  const strict = options.strict ?? true;
  const months = scenario.months;
  const world = model.create(scenario);

  const numericColumns = SERIES_COLUMNS.filter(
    (c): c is Exclude<SeriesColumn, 'month' | 'regime'> => c !== 'month' && c !== 'regime' && model.columns[c as keyof typeof model.columns] !== undefined,
  );
  const reporters = numericColumns.map((c) => model.columns[c]!);
  const columns: SeriesColumn[] = ['month', ...(model.regime ? (['regime'] as const) : []), ...numericColumns];
  const values = new Map<SeriesColumn, Float64Array>();
  const monthColumn = new Float64Array(months + 1);
  values.set('month', monthColumn);
  const columnArrays = numericColumns.map((c) => {
    const array = new Float64Array(months + 1);
    values.set(c, array);
    return array;
  });
  const regimes = model.regime ? new Array<string>(months + 1) : null;
  const lorenzMonths = new Map<number, string>([
    [0, 'start'],
    [Math.floor(months / 2), 'middle'],
    [months, 'end'],
  ]);
  const lorenz: LorenzCurve[] = [];
  const godley: GodleyTable[] = [];
  const output: SimulationOutput = { columns, values, regimes, lorenz, godley, maxSfcError: 0, sfcViolations: [] };

  const record = (month: number) => {
    model.prepare(world);
    monthColumn[month] = month;
    for (let c = 0; c < reporters.length; c++) {
      const value = reporters[c](world);
      if (!Number.isFinite(value)) {
        throw new RunFailure('numeric', month, `numeric blow-up: ${numericColumns[c]} is ${value} in month ${month}`);
      }
      columnArrays[c][month] = value;
    }
    if (regimes) regimes[month] = model.regime!(world);
    const label = lorenzMonths.get(month);
    if (label !== undefined) lorenz.push({ month, label, points: lorenzPoints(model.sortedWealth(world)) });
    if (model.godley && (month === 0 || month === months)) godley.push(...model.godley(world));
    options.onMonth?.(month, months);
  };

  record(0);
  for (let month = 1; month <= months; month++) {
    const check = model.step(world);
    if (!(check.sfcError <= output.maxSfcError)) output.maxSfcError = check.sfcError;
    if (check.worst) {
      const { invariant, detail, relativeError } = check.worst;
      if (Number.isNaN(relativeError) || invariant === 'finite holdings') {
        throw new RunFailure('numeric', month, `numeric blow-up in month ${month}: ${detail}`);
      }
      if (strict) {
        throw new RunFailure(
          'sfc',
          month,
          `stock-flow violation in month ${month}: ${invariant} fails by ${relativeError.toExponential(3)} (relative; tolerance ${SFC_TOLERANCE}): ${detail}`,
        );
      }
      output.sfcViolations.push({ month, invariant, detail, relativeError });
    }
    record(month);
  }
  return output;
}
