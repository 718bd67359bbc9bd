/**
 * The central bank: one agent, a plain object. Issues the economy's outside money.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export interface CentralBank {
  /** Notes in circulation: the central bank's liability (money units). */
  readonly currencyIssued: Book;
}

export function createCentralBank(ledger: Ledger): CentralBank {
  return { currencyIssued: ledger.open('centralBank.currency', Instrument.currency, Sector.centralBank, 'liability', 1) };
}
