/**
 * Households: the population, as struct-of-arrays (one typed array per field, allocated once).
 *
 * Each agent stands for `weight` US households (132 million / count). Holdings are ledger books (see
 * sim/ledger.ts): this module reads them and owns the households' decisions, never moving money itself.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

/** US households represented by the whole population (Census 2024: ~132 million). */
export const US_HOUSEHOLDS = 132e6;

export interface Households {
  readonly count: number;
  /** US households each agent stands for. */
  readonly weight: number;
  /** Central-bank money (notes) held, in money units: the only asset of the exchange lessons. */
  readonly currency: Book;
}

/** Allocate a population of `count` households with empty books. */
export function createHouseholds(ledger: Ledger, count: number): Households {
  return {
    count,
    weight: US_HOUSEHOLDS / count,
    currency: ledger.open('households.currency', Instrument.currency, Sector.households, 'asset', count),
  };
}

/** Net worth per household into `out` (money units): the sum of its books at current prices. */
export function householdNetWorth(households: Households, out: Float64Array): Float64Array {
  const currency = households.currency.values;
  for (let i = 0; i < households.count; i++) out[i] = currency[i];
  return out;
}
