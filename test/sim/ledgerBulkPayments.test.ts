/**
 * More of the ledger's bulk passes against the per-agent operations they replace, bit for bit (every book,
 * the flow matrix, saving and the gross flows): payments from many holders to one account (`payEachTo` vs
 * `pay`), net payments with a reserve account (`payNet`), payments to an indexed payee (`payEachToIndex`),
 * loans and repayments to listed borrowers (`lendListed` vs `lend`/`repay`), subscriptions of buyers to two
 * new issues (`subscribeEach` vs `issue`, `issue`, `pay`), payments then loan changes (`payAndLendEachRange`), sales to the central bank (`tradeEach` vs `trade`),
 * wages with tax withheld (`payWithWithholding`), interest both ways and from the treasury
 * (`payNetAndFrom`), transfers against taxes (`payBothWaysEach` vs `payBothWays`), new claims (`issueEach`
 * vs `issue`), payments from one account to each holder (`payEachFromAccount`) and settlements between
 * books of deposits (`settleDeposits` and `settle` vs the payments their doc comment describes).
 * Over more holders than one 4096-entry chunk, so any chunking in them is crossed.
 */
import { describe, expect, it } from 'vitest';
import { FINANCIAL, Flow, Instrument, Ledger, Sector, type Book } from '../../sim/ledger.js';
import { generator } from './deterministicRandom.js';

const HOLDERS = 4096 + 57;
const BANKS = 3;
const FIRMS = 41;
const LARGE_FIRMS = 5;

interface Books {
  ledger: Ledger;
  bank: Int32Array;
  deposits: Book;
  loans: Book;
  bonds: Book;
  bankLoans: Book;
  firmDeposits: Book;
  largeDeposits: Book;
  reserves: Book;
  government: Book;
  govBonds: Book;
  corporateBonds: Book;
  firmBonds: Book;
  centralBankPaying: Book;
  centralBankBonds: Book;
}

/** Households at three banks, with deposits, loans and bonds; small and large firms at the banks; the treasury's and the central bank's accounts. */
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
  const largeBank = Int32Array.from({ length: LARGE_FIRMS }, (_, f) => (f + 2) % BANKS);
  const largeDeposits = ledger.open('large.deposits', Instrument.deposits, Sector.largeFirms, 'asset', LARGE_FIRMS, { money: 'deposit', issuerOf: largeBank });
  const government = ledger.open('gov.account', Instrument.reserves, Sector.government, 'asset', 1, { money: 'reserveAccount' });
  const centralBankPaying = ledger.open('cb.paying', Instrument.reserves, Sector.centralBank, 'asset', 1, { money: 'centralBank' });
  const centralBankBonds = ledger.open('cb.bonds', Instrument.bonds, Sector.centralBank, 'asset', 1, { price: bondPrice });
  const govBonds = ledger.open('gov.bonds', Instrument.bonds, Sector.government, 'liability', 1, { price: bondPrice });
  const corporateBonds = ledger.open('h.corporateBonds', Instrument.corporateBonds, Sector.households, 'asset', HOLDERS);
  const firmBonds = ledger.open('smes.bonds', Instrument.corporateBonds, Sector.smes, 'liability', FIRMS);
  for (let i = 0; i < HOLDERS; i++) {
    ledger.issue(deposits, i, bankDeposits, bank[i], 10 * random());
    ledger.issue(bankLoans, bank[i], loans, i, 3 * random());
    ledger.issue(bonds, i, govBonds, 0, random() < 0.6 ? 5 * random() : 0);
  }
  for (let j = 0; j < FIRMS; j++) ledger.issue(firmDeposits, j, bankDeposits, firmBank[j], 50 * random());
  for (let f = 0; f < LARGE_FIRMS; f++) ledger.issue(largeDeposits, f, bankDeposits, largeBank[f], 400 * random());
  for (let b = 0; b < BANKS; b++) ledger.issue(reserves, b, accounts, 0, 1000);
  ledger.issue(government, 0, accounts, 0, 500);
  ledger.startAccounting();
  return { ledger, bank, deposits, loans, bonds, bankLoans, firmDeposits, largeDeposits, reserves, government, govBonds, corporateBonds, firmBonds, centralBankPaying, centralBankBonds };
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

  it.each([1, 2, 3])('payEachToIndex: over more payers than one chunk, several paying one payee, payees of every bank (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const paid = amounts(seed + 31, HOLDERS, true);
    const firm = Int32Array.from({ length: HOLDERS }, (_, i) => (i * 13) % FIRMS);
    bulk.ledger.payEachToIndex(bulk.deposits, paid, bulk.firmDeposits, firm, Flow.dividends);
    for (let i = 0; i < HOLDERS; i++) if (paid[i] > 0) single.ledger.pay(single.deposits, i, single.firmDeposits, firm[i], paid[i], Flow.dividends);
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('lendListed: loans and repayments to the borrowers listed chunk by chunk, each with the borrower’s bank or another (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const change = amounts(seed + 40, HOLDERS, true);
    const lender = Int32Array.from({ length: HOLDERS }, (_, i) => (i * 5 + 1) % BANKS);
    // The borrowers whose amount is not zero, listed a chunk at a time (chunks of 1, 3, 7, … borrowers).
    const listed = new Int32Array(HOLDERS);
    for (let start = 0, size = 1; start < HOLDERS; start += size, size = 2 * size + 1) {
      let count = 0;
      for (let i = start; i < Math.min(HOLDERS, start + size); i++) if (change[i] !== 0) listed[count++] = i;
      bulk.ledger.lendListed(bulk.bankLoans, lender, bulk.loans, bulk.deposits, change, listed, count);
    }
    for (let i = 0; i < HOLDERS; i++) {
      if (change[i] > 0) single.ledger.lend(single.bankLoans, lender[i], single.loans, i, single.deposits, change[i]);
      else if (change[i] < 0) single.ledger.repay(single.bankLoans, lender[i], single.loans, i, single.deposits, -change[i]);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('subscribeEach: buyers take two new issues and pay the treasury, chunk by chunk, across three banks (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    // Bills at par and bonds at the bonds' price, paid for at those prices (so the books stay consistent).
    const firsts = amounts(seed + 43, HOLDERS, false);
    const seconds = amounts(seed + 44, HOLDERS, false);
    const paid = Float64Array.from(firsts, (bill, i) => bill + seconds[i] * 0.93);
    const bills = (b: Books) => [
      b.ledger.open('h.bills', Instrument.bills, Sector.households, 'asset', HOLDERS),
      b.ledger.open('gov.bills', Instrument.bills, Sector.government, 'liability', 1),
    ];
    const [bulkBills, bulkOwed] = bills(bulk);
    const [singleBills, singleOwed] = bills(single);
    for (let start = 0, size = 1; start < HOLDERS; start += size, size = 2 * size + 1) {
      bulk.ledger.subscribeEach(bulkBills, firsts, bulkOwed, bulk.bonds, seconds, bulk.govBonds, 0, bulk.deposits, paid, bulk.government, 0, start, Math.min(HOLDERS, start + size));
    }
    for (let i = 0; i < HOLDERS; i++) {
      if (!(paid[i] > 0)) continue;
      single.ledger.issue(singleBills, i, singleOwed, 0, firsts[i]);
      single.ledger.issue(single.bonds, i, single.govBonds, 0, seconds[i]);
      single.ledger.pay(single.deposits, i, single.government, 0, paid[i], FINANCIAL);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('payAndLendEachRange: firms pay their owners, have lines cut, borrow or repay, chunk by chunk (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const paid = amounts(seed + 45, FIRMS, false);
    const cuts = amounts(seed + 46, FIRMS, false);
    const change = amounts(seed + 47, FIRMS, true);
    const owner = Int32Array.from({ length: FIRMS }, (_, j) => (j * 97) % HOLDERS);
    const lender = Int32Array.from({ length: FIRMS }, (_, j) => (j * 2) % BANKS);
    // The firms' loans, from their lenders, so that cuts and repayments have something to reduce.
    const firmLoans = bulk.ledger.open('smes.loans', Instrument.loans, Sector.smes, 'liability', FIRMS);
    const singleFirmLoans = single.ledger.open('smes.loans', Instrument.loans, Sector.smes, 'liability', FIRMS);
    for (let j = 0; j < FIRMS; j++) {
      bulk.ledger.lend(bulk.bankLoans, lender[j], firmLoans, j, bulk.firmDeposits, 5);
      single.ledger.lend(single.bankLoans, lender[j], singleFirmLoans, j, single.firmDeposits, 5);
    }
    for (let start = 0, size = 1; start < FIRMS; start += size, size = 2 * size + 1) {
      bulk.ledger.payAndLendEachRange(bulk.firmDeposits, paid, bulk.deposits, owner, Flow.capitalTransfers, bulk.bankLoans, lender, firmLoans, cuts, change, start, Math.min(FIRMS, start + size));
    }
    for (let j = 0; j < FIRMS; j++) {
      if (paid[j] > 0) single.ledger.pay(single.firmDeposits, j, single.deposits, owner[j], paid[j], Flow.capitalTransfers);
      if (cuts[j] > 0) single.ledger.repay(single.bankLoans, lender[j], singleFirmLoans, j, single.firmDeposits, cuts[j]);
      if (change[j] > 0) single.ledger.lend(single.bankLoans, lender[j], singleFirmLoans, j, single.firmDeposits, change[j]);
      else if (change[j] < 0) single.ledger.repay(single.bankLoans, lender[j], singleFirmLoans, j, single.firmDeposits, -change[j]);
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

/** Indices of the entries with amounts[i] > 0, in order. */
function positive(amounts: Float64Array): number[] {
  const found: number[] = [];
  amounts.forEach((a, i) => {
    if (a > 0) found.push(i);
  });
  return found;
}

/**
 * A settlement as the `pay` calls that `settle`'s doc comment describes: payers and payees with amounts > 0
 * matched in order, each payment the smaller of what the payer still owes and what the payee is still due;
 * what payers still owe once every payee is paid (rounding) goes to the last payee.
 */
function settleByPayments(ledger: Ledger, payer: Book, payerAmounts: Float64Array, payee: Book, payeeAmounts: Float64Array, flow: Flow | typeof FINANCIAL): void {
  const payers = positive(payerAmounts);
  const payees = positive(payeeAmounts);
  const owed = payers.map((i) => payerAmounts[i]);
  const due = payees.map((j) => payeeAmounts[j]);
  let p = 0;
  let q = 0;
  while (p < payers.length && q < payees.length) {
    const amount = Math.min(owed[p], due[q]);
    ledger.pay(payer, payers[p], payee, payees[q], amount, flow);
    owed[p] -= amount;
    due[q] -= amount;
    if (owed[p] <= 0) p++;
    if (due[q] <= 0) q++;
  }
  if (payees.length === 0) return;
  for (; p < payers.length; p++) if (owed[p] > 0) ledger.pay(payer, payers[p], payee, payees[payees.length - 1], owed[p], flow);
}

/** amounts[i] / Σ amounts · total, the way the model splits a sum among holders (so the two sides differ by rounding). */
function sharesOf(amounts: Float64Array, total: number): Float64Array {
  let sum = 0;
  for (const a of amounts) sum += a;
  return amounts.map((a) => (a / sum) * total);
}

function total(amounts: Float64Array): number {
  let sum = 0;
  for (const a of amounts) if (a > 0) sum += a;
  return sum;
}

describe('more bulk payments give the per-agent numbers bit for bit', () => {
  it.each([1, 2, 3])('payWithWithholding: small and large firms pay wages across banks, the treasury withholds tax (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const wages = amounts(seed + 50, HOLDERS, true);
    const withheld = amounts(seed + 51, HOLDERS, false).map((t, i) => (i % 5 === 0 ? 0 : 0.3 * t));
    const kind = Uint8Array.from({ length: HOLDERS }, (_, i) => (i * 11) % 3);
    const employer = Int32Array.from({ length: HOLDERS }, (_, i) => (kind[i] === 1 ? (i * 13) % FIRMS : (i * 3) % LARGE_FIRMS));
    const employers = (b: Books): Book[] => [b.largeDeposits, b.firmDeposits, b.largeDeposits];
    bulk.ledger.payWithWithholding(employers(bulk), kind, employer, bulk.deposits, wages, Flow.wages, withheld, bulk.government, Flow.taxes);
    const payers = employers(single);
    for (let i = 0; i < HOLDERS; i++) {
      if (wages[i] === 0) continue;
      single.ledger.pay(payers[kind[i]], employer[i], single.deposits, i, wages[i], Flow.wages);
      single.ledger.pay(single.deposits, i, single.government, 0, withheld[i], Flow.taxes);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('payNetAndFrom: interest with each holder’s bank both ways, then from the treasury (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const net = amounts(seed + 60, HOLDERS, true);
    const fromTreasury = amounts(seed + 61, HOLDERS, true);
    bulk.ledger.payNetAndFrom(bulk.reserves, bulk.bank, bulk.deposits, net, Flow.interest, bulk.government, fromTreasury, Flow.interest);
    for (let i = 0; i < HOLDERS; i++) {
      if (net[i] > 0) single.ledger.pay(single.reserves, single.bank[i], single.deposits, i, net[i], Flow.interest);
      else if (net[i] < 0) single.ledger.pay(single.deposits, i, single.reserves, single.bank[i], -net[i], Flow.interest);
      if (fromTreasury[i] > 0) single.ledger.pay(single.government, 0, single.deposits, i, fromTreasury[i], Flow.interest);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('payNetAndFrom: interest with each holder’s own bank, its reserves subtracted then added in the order of `pay` (seed %i)', (seed) => {
    // The bank's reserves lose and regain each payment (x − a + a, whichever way it goes): with reserves of
    // every bit and payments as large as they are, a reversed order (x + a − a) shows in the last bits.
    const bulk = books(seed);
    const single = books(seed);
    for (const b of [bulk, single]) {
      const random = generator(seed + 90);
      const accounts = b.ledger.books.find((book) => book.name === 'cb.accounts')!;
      for (let k = 0; k < BANKS; k++) b.ledger.issue(b.reserves, k, accounts, 0, Math.PI * 1e3 * random());
      b.ledger.startAccounting();
    }
    const random = generator(seed + 91);
    const net = Float64Array.from({ length: HOLDERS }, (_, i) => (i % 11 === 0 ? 0 : (random() < 0.7 ? -1 : 1) * 3e3 * random()));
    const fromTreasury = amounts(seed + 92, HOLDERS, false);
    bulk.ledger.payNetAndFrom(bulk.reserves, bulk.bank, bulk.deposits, net, Flow.interest, bulk.government, fromTreasury, Flow.interest);
    for (let i = 0; i < HOLDERS; i++) {
      if (net[i] > 0) single.ledger.pay(single.reserves, single.bank[i], single.deposits, i, net[i], Flow.interest);
      else if (net[i] < 0) single.ledger.pay(single.deposits, i, single.reserves, single.bank[i], -net[i], Flow.interest);
      if (fromTreasury[i] > 0) single.ledger.pay(single.government, 0, single.deposits, i, fromTreasury[i], Flow.interest);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([
    [1, null],
    [2, null],
    [1, 0.37],
    [3, 0],
  ])('payBothWaysEach: transfers against taxes, with a first pair when given (seed %i, first %s)', (seed, firstForward) => {
    const bulk = books(seed);
    const single = books(seed);
    const firstBack = amounts(seed + 70, HOLDERS, false);
    const forward = amounts(seed + 71, HOLDERS, false);
    // Every seventh holder owes exactly what it is owed: nothing moves, both flows are recorded.
    const back = amounts(seed + 72, HOLDERS, false).map((t, i) => (i % 7 === 0 ? forward[i] : t));
    bulk.ledger.payBothWaysEach(bulk.government, bulk.deposits, firstForward, Flow.redistribution, firstBack, Flow.taxes, forward, Flow.transfers, back, Flow.taxes);
    for (let i = 0; i < HOLDERS; i++) {
      if (firstForward !== null) single.ledger.payBothWays(single.government, 0, single.deposits, i, firstForward, Flow.redistribution, firstBack[i], Flow.taxes);
      single.ledger.payBothWays(single.government, 0, single.deposits, i, forward[i], Flow.transfers, back[i], Flow.taxes);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([1, 2, 3])('issueEach: new bonds to the holders picked out (seed %i)', (seed) => {
    const bulk = books(seed);
    const single = books(seed);
    const faces = amounts(seed + 80, HOLDERS, false);
    const where = amounts(seed + 81, HOLDERS, true);
    bulk.ledger.issueEach(bulk.bonds, faces, bulk.govBonds, 0, where);
    for (let i = 0; i < HOLDERS; i++) if (where[i] > 0) single.ledger.issue(single.bonds, i, single.govBonds, 0, faces[i]);
    // Paid for, the same way in both (so that the month's accounts balance).
    for (const { ledger, deposits, government, bonds } of [bulk, single]) {
      for (let i = 0; i < HOLDERS; i++) if (where[i] > 0) ledger.pay(deposits, i, government, 0, faces[i] * bonds.price[0], FINANCIAL);
    }
    expectIdentical(bulk.ledger, single.ledger);
  });

  it.each([
    [1, HOLDERS],
    [2, HOLDERS],
    [3, HOLDERS - 29],
  ])('payEachFromAccount: the treasury pays each of the first n holders, zero amounts included (seed %i, n %i)', (seed, n) => {
    const bulk = books(seed);
    const single = books(seed);
    const paid = amounts(seed + 90, HOLDERS, false);
    bulk.ledger.payEachFromAccount(bulk.government, bulk.deposits, paid, n, Flow.governmentPurchases);
    for (let j = 0; j < n; j++) single.ledger.pay(single.government, 0, single.deposits, j, paid[j], Flow.governmentPurchases);
    expectIdentical(bulk.ledger, single.ledger);
  });
});

/** A settlement between two books of deposits; `before`, if given, is done the same way on both twin ledgers first. */
interface Settlement {
  payer: 'deposits' | 'firmDeposits' | 'largeDeposits';
  payerAmounts: Float64Array;
  payee: 'deposits' | 'firmDeposits' | 'largeDeposits';
  payeeAmounts: Float64Array;
  flow: Flow | typeof FINANCIAL;
  before?: (b: Books) => void;
}

/** The settlements tested, by what they stand for, for a seed (and the books, the same in both twins). */
const SETTLEMENTS: Record<string, (seed: number, b: Books) => Settlement> = {
  'firms pay coupons to the bond holders, split in proportion': (seed, b) => {
    const coupons = amounts(seed + 100, FIRMS, false);
    return { payer: 'firmDeposits', payerAmounts: coupons, payee: 'deposits', payeeAmounts: sharesOf(b.bonds.values, total(coupons)), flow: Flow.interest };
  },
  'holders buy new bonds from the firms, a financial payment (the bonds issued first, so that the accounts balance)': (seed) => {
    const bought = amounts(seed + 110, HOLDERS, true);
    const issued = sharesOf(amounts(seed + 111, FIRMS, false), total(bought));
    const before = (b: Books): void => b.ledger.issueAcross(b.corporateBonds, bought, b.firmBonds, issued);
    return { payer: 'deposits', payerAmounts: bought, payee: 'firmDeposits', payeeAmounts: issued, flow: FINANCIAL, before };
  },
  'households pay households (one sector: the flow record\'s payer and payee cells are the same)': (seed) => {
    const paid = amounts(seed + 140, HOLDERS, false);
    return { payer: 'deposits', payerAmounts: paid, payee: 'deposits', payeeAmounts: sharesOf(amounts(seed + 141, HOLDERS, false), total(paid)), flow: Flow.transfers };
  },
  'households buy from a few large firms (runs of hundreds of payers into one payee, across chunks)': (seed) => {
    const spent = amounts(seed + 160, HOLDERS, false);
    return { payer: 'deposits', payerAmounts: spent, payee: 'largeDeposits', payeeAmounts: sharesOf(amounts(seed + 161, LARGE_FIRMS, false), total(spent)), flow: Flow.consumption };
  },
  'a few large firms pay dividends to the households (runs of hundreds of payees from one payer, across chunks)': (seed) => {
    const received = amounts(seed + 170, HOLDERS, false);
    return { payer: 'largeDeposits', payerAmounts: sharesOf(amounts(seed + 171, LARGE_FIRMS, false), total(received)), payee: 'deposits', payeeAmounts: received, flow: Flow.dividends };
  },
  'households pay households, a financial payment (one book on both sides, paid piece by piece)': (seed) => {
    const paid = amounts(seed + 180, HOLDERS, false);
    return { payer: 'deposits', payerAmounts: paid, payee: 'deposits', payeeAmounts: sharesOf(amounts(seed + 181, 37, false), total(paid)), flow: FINANCIAL };
  },
  'what the last payers still owe (rounding) goes to the last payee': (seed) => {
    const receipts = amounts(seed + 120, HOLDERS, false);
    const weights = amounts(seed + 121, FIRMS, false);
    weights[FIRMS - 1] = 0;
    const coupons = sharesOf(weights, total(receipts));
    // The payers owe a little more than the payees are due: the remainder of the last one matched, and all
    // of what a last, tiny payer owes.
    coupons[positive(coupons).at(-1)!] += 1e-12 * total(receipts);
    coupons[FIRMS - 1] = 1e-13 * total(receipts);
    return { payer: 'firmDeposits', payerAmounts: coupons, payee: 'deposits', payeeAmounts: receipts, flow: Flow.interest };
  },
};

describe('settlements between books of deposits give the numbers of their payments bit for bit', () => {
  const methods = ['settleDeposits', 'settle'] as const;

  it.each(methods.flatMap((method) => Object.keys(SETTLEMENTS).flatMap((name) => [1, 2, 3].map((seed) => [method, name, seed] as const))))(
    '%s: %s (seed %i)',
    (method, name, seed) => {
      const bulk = books(seed);
      const single = books(seed);
      const { payer, payerAmounts, payee, payeeAmounts, flow, before } = SETTLEMENTS[name](seed, bulk);
      before?.(bulk);
      before?.(single);
      bulk.ledger[method](bulk[payer], payerAmounts, bulk[payee], payeeAmounts, flow);
      settleByPayments(single.ledger, single[payer], payerAmounts, single[payee], payeeAmounts, flow);
      expectIdentical(bulk.ledger, single.ledger);
    },
  );

  it.each(methods)('%s: amounts that do not add up are refused, either way', (method) => {
    const { ledger, firmDeposits, deposits } = books(1);
    const receipts = amounts(130, HOLDERS, false);
    const tooMuch = sharesOf(amounts(131, FIRMS, false), total(receipts) * (1 + 1e-6));
    const tooLittle = sharesOf(amounts(131, FIRMS, false), total(receipts) * (1 - 1e-6));
    expect(() => ledger[method](firmDeposits, tooMuch, deposits, receipts, Flow.interest)).toThrow(/amounts do not add up for smes\.deposits → h\.deposits \(\d.* left over, 0 unmatched\)/);
    expect(() => ledger[method](firmDeposits, tooLittle, deposits, receipts, Flow.interest)).toThrow(/amounts do not add up for smes\.deposits → h\.deposits \(0 left over, \d.* unmatched\)/);
  });
});

describe('claims issued or redeemed for deposits in one pass give the numbers of the two calls bit for bit', () => {
  /** Holder amounts (zeros and tiny ones among them) and issuer amounts adding up to them; `spread` of 1 makes a few holders take many issuers' amounts. */
  function claims(seed: number, spread: boolean): { holders: Float64Array; issuers: Float64Array } {
    const holders = amounts(seed + 150, HOLDERS, false);
    if (spread) for (let i = 0; i < HOLDERS; i++) if (i % 97 !== 0) holders[i] = 0;
    const issuers = sharesOf(amounts(seed + 151, FIRMS, false), total(holders));
    return { holders, issuers };
  }

  it.each([1, 2, 3].flatMap((seed) => [false, true].map((spread) => [seed, spread] as const)))(
    'issueAndSettleAcross = issueAcross then settleDeposits (holders paying); redeemAndSettleAcross = redeemAcross then settleDeposits (issuers paying) (seed %i, few holders %s)',
    (seed, spread) => {
      const bulk = books(seed);
      const single = books(seed);
      const issued = claims(seed, spread);
      bulk.ledger.issueAndSettleAcross(bulk.corporateBonds, issued.holders, bulk.firmBonds, issued.issuers, bulk.deposits, bulk.firmDeposits);
      single.ledger.issueAcross(single.corporateBonds, issued.holders, single.firmBonds, issued.issuers);
      single.ledger.settleDeposits(single.deposits, issued.holders, single.firmDeposits, issued.issuers, FINANCIAL);
      expectIdentical(bulk.ledger, single.ledger);
      // Part of the claims redeemed, split differently.
      const redeemed = claims(seed + 7, !spread);
      for (let i = 0; i < HOLDERS; i++) redeemed.holders[i] = Math.min(redeemed.holders[i], 0.5 * bulk.corporateBonds.values[i]);
      const issuers = sharesOf(amounts(seed + 152, FIRMS, false), total(redeemed.holders));
      bulk.ledger.redeemAndSettleAcross(bulk.corporateBonds, redeemed.holders, bulk.firmBonds, issuers, bulk.deposits, bulk.firmDeposits);
      single.ledger.redeemAcross(single.corporateBonds, redeemed.holders, single.firmBonds, issuers);
      single.ledger.settleDeposits(single.firmDeposits, issuers, single.deposits, redeemed.holders, FINANCIAL);
      expectIdentical(bulk.ledger, single.ledger);
    },
  );
});
