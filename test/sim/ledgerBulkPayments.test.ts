/**
 * More of the ledger's bulk passes against the per-agent operations they replace, bit for bit (every book,
 * the flow matrix, saving and the gross flows): payments from many holders to one account (`payEachTo` vs
 * `pay`), net payments with a reserve account (`payNet`), payments to an indexed payee (`payEachToIndex`),
 * loans and repayments (`lendEach` vs `lend`/`repay`) and sales to the central bank (`tradeEach` vs `trade`).
 * Over more holders than one 4096-entry chunk, so any chunking in them is crossed.
 */
import { describe, expect, it } from 'vitest';
import { Flow, Instrument, Ledger, Sector, type Book } from '../../sim/ledger.js';
import { generator } from './deterministicRandom.js';

const HOLDERS = 4096 + 57;
const BANKS = 3;
const FIRMS = 41;

interface Books {
  ledger: Ledger;
  bank: Int32Array;
  deposits: Book;
  loans: Book;
  bonds: Book;
  bankLoans: Book;
  firmDeposits: Book;
  government: Book;
  centralBankPaying: Book;
  centralBankBonds: Book;
}

/** Households at three banks, with deposits, loans and bonds; firms at the banks; the treasury's and the central bank's accounts. */
function books(seed: number): Books {
  const random = generator(seed);
  const ledger = new Ledger();
  const bank = Int32Array.from({ length: HOLDERS }, (_, i) => (i * 7) % BANKS);
  const firmBank = Int32Array.from({ length: FIRMS }, (_, j) => (j + 1) % BANKS);
  const bankDeposits = ledger.open('banks.deposits', Instrument.deposits, Sector.banks, 'liability', BANKS);
  const reserves = ledger.open('banks.reserves', Instrument.reserves, Sector.banks, 'asset', BANKS, { money: 'reserveAccount' });
  const accounts = ledger.open('cb.accounts', Instrument.reserves, Sector.centralBank, 'liability', 1);
  ledger.configureBanking(bankDeposits, reserves, accounts);
  const bondPrice = Float64Array.of(0.93);
  const deposits = ledger.open('h.deposits', Instrument.deposits, Sector.households, 'asset', HOLDERS, { money: 'deposit', issuerOf: bank });
  const loans = ledger.open('h.loans', Instrument.loans, Sector.households, 'liability', HOLDERS, { issuerOf: bank });
  const bonds = ledger.open('h.bonds', Instrument.bonds, Sector.households, 'asset', HOLDERS, { price: bondPrice });
  const bankLoans = ledger.open('banks.loans', Instrument.loans, Sector.banks, 'asset', BANKS);
  const firmDeposits = ledger.open('smes.deposits', Instrument.deposits, Sector.smes, 'asset', FIRMS, { money: 'deposit', issuerOf: firmBank });
  const government = ledger.open('gov.account', Instrument.reserves, Sector.government, 'asset', 1, { money: 'reserveAccount' });
  const centralBankPaying = ledger.open('cb.paying', Instrument.reserves, Sector.centralBank, 'asset', 1, { money: 'centralBank' });
  const centralBankBonds = ledger.open('cb.bonds', Instrument.bonds, Sector.centralBank, 'asset', 1, { price: bondPrice });
  const govBonds = ledger.open('gov.bonds', Instrument.bonds, Sector.government, 'liability', 1, { price: bondPrice });
  for (let i = 0; i < HOLDERS; i++) {
    ledger.issue(deposits, i, bankDeposits, bank[i], 10 * random());
    ledger.issue(bankLoans, bank[i], loans, i, 3 * random());
    ledger.issue(bonds, i, govBonds, 0, random() < 0.6 ? 5 * random() : 0);
  }
  for (let j = 0; j < FIRMS; j++) ledger.issue(firmDeposits, j, bankDeposits, firmBank[j], 50 * random());
  for (let b = 0; b < BANKS; b++) ledger.issue(reserves, b, accounts, 0, 1000);
  ledger.issue(government, 0, accounts, 0, 500);
  ledger.startAccounting();
  return { ledger, bank, deposits, loans, bonds, bankLoans, firmDeposits, government, centralBankPaying, centralBankBonds };
}

/** Amounts with zeros, positives and (if `signed`) negatives, some of them tiny. */
function amounts(seed: number, n: number, signed: boolean): Float64Array {
  const random = generator(seed);
  return Float64Array.from({ length: n }, () => {
    const u = random();
    if (u < 0.2) return 0;
    const size = u < 0.3 ? 1e-9 * random() : 2 * random();
    return signed && random() < 0.5 ? -size : size;
  });
}

/** Every book's entries, the flow matrix, saving and gross flows of two ledgers agree bit for bit. */
function expectIdentical(a: Ledger, b: Ledger): void {
  expect(a.books.length).toBe(b.books.length);
  for (let k = 0; k < a.books.length; k++) expect(Array.from(a.books[k].values)).toEqual(Array.from(b.books[k].values));
  expect(Array.from(a.flowMatrix)).toEqual(Array.from(b.flowMatrix));
  expect(Array.from(a.saving)).toEqual(Array.from(b.saving));
  expect(Array.from(a.grossFlowsBySector())).toEqual(Array.from(b.grossFlowsBySector()));
  expect(a.check(1e-9).worst).toBeNull();
}

describe('bulk payments give the per-agent numbers bit for bit', () => {
  it.each([1, 2, 3])('payEachTo: many depositors pay the treasury (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const paid = amounts(seed + 10, HOLDERS, false);
    bulk.ledger.payEachTo(bulk.deposits, paid, bulk.government, 0, Flow.taxes);
    for (let i = 0; i < HOLDERS; i++) if (paid[i] > 0) single.ledger.pay(single.deposits, i, single.government, 0, paid[i], Flow.taxes);
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('payNet: the treasury pays some holders and is paid by others (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const net = amounts(seed + 20, HOLDERS, true);
    const counterpart = new Int32Array(HOLDERS);
    bulk.ledger.payNet(bulk.government, counterpart, bulk.deposits, net, Flow.transfers);
    for (let i = 0; i < HOLDERS; i++) {
      if (net[i] > 0) single.ledger.pay(single.government, 0, single.deposits, i, net[i], Flow.transfers);
      else if (net[i] < 0) single.ledger.pay(single.deposits, i, single.government, 0, -net[i], Flow.transfers);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('payEachToIndex: firms pay their owners across banks (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const paid = amounts(seed + 30, FIRMS, false);
    const owner = Int32Array.from({ length: FIRMS }, (_, j) => (j * 97) % HOLDERS);
    bulk.ledger.payEachToIndex(bulk.firmDeposits, paid, bulk.deposits, owner, Flow.dividends);
    for (let j = 0; j < FIRMS; j++) if (paid[j] > 0) single.ledger.pay(single.firmDeposits, j, single.deposits, owner[j], paid[j], Flow.dividends);
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('lendEach: loans and repayments, each with the borrower’s bank or another (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const change = amounts(seed + 40, HOLDERS, true);
    const lender = Int32Array.from({ length: HOLDERS }, (_, i) => (i * 5 + 1) % BANKS);
    bulk.ledger.lendEach(bulk.bankLoans, lender, bulk.loans, bulk.deposits, change);
    for (let i = 0; i < HOLDERS; i++) {
      if (change[i] > 0) single.ledger.lend(single.bankLoans, lender[i], single.loans, i, single.deposits, change[i]);
      else if (change[i] < 0) single.ledger.repay(single.bankLoans, lender[i], single.loans, i, single.deposits, -change[i]);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('tradeEach: holders sell bonds to the central bank, paid in new deposits and reserves (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const units = Float64Array.from(bulk.bonds.values, (held, i) => (i % 3 === 0 ? 0 : 0.37 * held));
    bulk.ledger.tradeEach(bulk.bonds, units, bulk.centralBankBonds, 0, 0.93, bulk.centralBankPaying, bulk.deposits);
    for (let i = 0; i < HOLDERS; i++) {
      if (units[i] > 0) single.ledger.trade(single.bonds, i, single.centralBankBonds, 0, units[i], 0.93, single.centralBankPaying, single.deposits);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });
});
