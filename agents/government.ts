/**
 * The government (treasury): one agent, a plain object.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export interface Government {
  /** Central-bank money held by the treasury (its account at the central bank), money units. */
  readonly currency: Book;
}

export function createGovernment(ledger: Ledger): Government {
  return { currency: ledger.open('government.currency', Instrument.currency, Sector.government, 'asset', 1) };
}
