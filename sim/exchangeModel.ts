/**
 * The exchange-economy lessons as a model: a household population holding central-bank money, a
 * government for the redistribution lesson, a central bank that issued the money. Nothing else.
 */
import { createCentralBank, type CentralBank } from '../agents/centralBank.js';
import { createGovernment, type Government } from '../agents/government.js';
import { createHouseholds, type Households } from '../agents/households.js';
import type { ColumnTable } from './columns.js';
import { Ledger } from './ledger.js';
import {
  createDistributionScratch,
  emptySummary,
  sortInto,
  summarizeDistribution,
  type DistributionScratch,
  type DistributionSummary,
} from './metrics.js';
import { createStreams, type Streams } from './rng.js';
import type { ExchangeScenario } from './scenarioSchema.js';

export interface ExchangeWorld {
  readonly scenario: ExchangeScenario;
  month: number;
  readonly ledger: Ledger;
  readonly streams: Streams;
  readonly households: Households;
  readonly government: Government;
  readonly centralBank: CentralBank;
  /** Net worth per household: in an exchange economy, the money it holds (a live view of that book). */
  readonly wealth: Float64Array;
  /** Buffers for sorting `wealth`. */
  readonly distribution: DistributionScratch;
  /** This month's wealth distribution statistics. */
  readonly wealthSummary: DistributionSummary;
  /** Largest relative SFC discrepancy of the month. */
  sfcError: number;
}

/** Month 0: every household holds `initial_wealth` of notes the central bank has issued. */
export function createExchangeWorld(scenario: ExchangeScenario): ExchangeWorld {
  const ledger = new Ledger();
  const households = createHouseholds(ledger, scenario.households);
  const government = createGovernment(ledger);
  const centralBank = createCentralBank(ledger);
  const initialWealth = scenario.exchange.initial_wealth;
  for (let i = 0; i < households.count; i++) {
    ledger.issue(households.currency, i, centralBank.currencyIssued, 0, initialWealth);
  }
  ledger.startAccounting();
  return {
    scenario,
    month: 0,
    ledger,
    streams: createStreams(scenario.seed),
    households,
    government,
    centralBank,
    wealth: households.currency.values,
    distribution: createDistributionScratch(households.count),
    wealthSummary: emptySummary(),
    sfcError: 0,
  };
}

/** Statistics the reporters share: the wealth distribution's summary (at most one sort). */
export function prepareExchangeMonth(world: ExchangeWorld): void {
  summarizeDistribution(world.wealth, world.distribution, world.wealthSummary);
}

/** Households' wealth in ascending order (for Lorenz curves; sorts, so only for a few months). */
export function sortedExchangeWealth(world: ExchangeWorld): Float64Array {
  return sortInto(world.wealth, world.distribution);
}

export const exchangeColumns: ColumnTable<ExchangeWorld> = {
  wealth_gini: (w) => w.wealthSummary.gini,
  top1_share: (w) => w.wealthSummary.top1Share,
  top10_share: (w) => w.wealthSummary.top10Share,
  bottom50_share: (w) => w.wealthSummary.bottom50Share,
  sfc_error: (w) => w.sfcError,
};
