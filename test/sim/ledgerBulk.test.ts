/**
 * The ledger's bulk passes give the same numbers, bit for bit, as the per-agent operations they replace:
 * trades with dealers (`tradeWithDealers` vs `trade` per holder), matched fund-unit exchanges of several funds
 * over a list of holders (`exchangeFundUnitsMatched` vs one `exchangeFundUnits` per fund) and
 * `exchangeFundUnitsPass` vs `exchangeFundUnits`, and three funds' pro-rata settlement with their holders
 * (`settleFundsProRata` vs the amounts and one `exchangeFundUnits` per fund).
 */
import { describe, expect, it } from 'vitest';
import { Instrument, Ledger, Sector, type Book } from '../../sim/ledger.js';
import { generator } from './deterministicRandom.js';

const HOLDERS = 57;
const BANKS = 3;
const FUNDS = 5;

interface Books {
  ledger: Ledger;
  bank: Int32Array;
  deposits: Book;
  bills: Book;
  bonds: Book;
  units: Book[];
  bankDeposits: Book;
  reserves: Book;
  bankBills: Book;
  bankBonds: Book;
  fundDeposits: Book;
  fundUnits: Book[];
  navs: Float64Array[];
}

/** Holders at three banks with deposits, bills, bonds and units of five funds; banks with few bills and bonds (so caps bind). */
function books(seed: number): Books {
  const random = generator(seed);
  const ledger = new Ledger();
  const bank = Int32Array.from({ length: HOLDERS }, (_, i) => i % BANKS);
  const fundBank = Int32Array.from({ length: FUNDS }, (_, k) => (k + 1) % BANKS);
  const bankDeposits = ledger.open('banks.deposits', Instrument.deposits, Sector.banks, 'liability', BANKS);
  const reserves = ledger.open('banks.reserves', Instrument.reserves, Sector.banks, 'asset', BANKS, { money: 'reserveAccount' });
  const accounts = ledger.open('cb.accounts', Instrument.reserves, Sector.centralBank, 'liability', 1);
  ledger.configureBanking(bankDeposits, reserves, accounts);
  const bondPrice = Float64Array.of(0.97);
  const deposits = ledger.open('h.deposits', Instrument.deposits, Sector.households, 'asset', HOLDERS, { money: 'deposit', issuerOf: bank });
  const bills = ledger.open('h.bills', Instrument.bills, Sector.households, 'asset', HOLDERS);
  const bonds = ledger.open('h.bonds', Instrument.bonds, Sector.households, 'asset', HOLDERS, { price: bondPrice });
  const navs = Array.from({ length: FUNDS }, (_, k) => Float64Array.of(1 + 0.37 * k));
  const units = navs.map((price, k) => ledger.open(`h.units[${k}]`, Instrument.fundUnits, Sector.households, 'asset', HOLDERS, { price }));
  const bankBills = ledger.open('banks.bills', Instrument.bills, Sector.banks, 'asset', BANKS);
  const bankBonds = ledger.open('banks.bonds', Instrument.bonds, Sector.banks, 'asset', BANKS, { price: bondPrice });
  const govBills = ledger.open('gov.bills', Instrument.bills, Sector.government, 'liability', 1);
  const govBonds = ledger.open('gov.bonds', Instrument.bonds, Sector.government, 'liability', 1, { price: bondPrice });
  const fundDeposits = ledger.open('f.deposits', Instrument.deposits, Sector.funds, 'asset', FUNDS, { money: 'deposit', issuerOf: fundBank });
  const fundUnits = navs.map((price, k) => ledger.open(`f.units[${k}]`, Instrument.fundUnits, Sector.funds, 'liability', 1, { price }));
  const fundShares = ledger.open('f.cash', Instrument.capital, Sector.funds, 'asset', FUNDS);
  for (let i = 0; i < HOLDERS; i++) {
    const money = 100 * random();
    ledger.issue(deposits, i, bankDeposits, bank[i], money);
    ledger.issue(reserves, bank[i], accounts, 0, money);
    ledger.issue(bills, i, govBills, 0, 50 * random());
    ledger.issue(bonds, i, govBonds, 0, 50 * random());
    for (let k = 0; k < FUNDS; k++) if (random() < 0.7) ledger.issue(units[k], i, fundUnits[k], 0, 20 * random());
  }
  for (let b = 0; b < BANKS; b++) {
    ledger.issue(bankBills, b, govBills, 0, 5 * random());
    ledger.issue(bankBonds, b, govBonds, 0, 5 * random());
    ledger.issue(reserves, b, accounts, 0, 500);
  }
  // Funds hold (real) assets worth their units at NAV, and some cash.
  for (let k = 0; k < FUNDS; k++) {
    ledger.issue(fundDeposits, k, bankDeposits, fundBank[k], 30);
    ledger.issue(reserves, fundBank[k], accounts, 0, 30);
    ledger.formCapital(fundShares, k, fundUnits[k].values[0] * navs[k][0]);
  }
  ledger.startAccounting();
  return { ledger, bank, deposits, bills, bonds, units, bankDeposits, reserves, bankBills, bankBonds, fundDeposits, fundUnits, navs };
}

/** Every book of the two ledgers holds the same bits. */
function expectSameBits(a: Ledger, b: Ledger): void {
  expect(a.books.length).toBe(b.books.length);
  for (let k = 0; k < a.books.length; k++) {
    const x = a.books[k].values;
    const y = b.books[k].values;
    const same = Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
    if (!same) expect(Array.from(x), a.books[k].name).toEqual(Array.from(y));
    expect(same, a.books[k].name).toBe(true);
  }
}

describe('ledger bulk passes', () => {
  it('tradeWithDealers: the same numbers as each holder selling, then buying, bills and bonds with its bank in turn', () => {
    for (const seed of [1, 2, 3]) {
      const a = books(seed);
      const b = books(seed);
      const random = generator(seed + 100);
      const bondPrice = a.bonds.price[0];
      const wantedBills = Float64Array.from({ length: HOLDERS }, () => (random() < 0.15 ? 0 : 30 * (random() - 0.5)));
      const wantedBonds = Float64Array.from({ length: HOLDERS }, () => (random() < 0.15 ? 0 : 30 * (random() - 0.5)));
      // Reference: the per-holder trades the rebalancing used to make.
      let capped = 0;
      for (let i = 0; i < HOLDERS; i++) {
        const d = a.bank[i];
        if (wantedBills[i] > a.bankBills.values[d] || wantedBonds[i] / bondPrice > a.bankBonds.values[d]) capped++;
        const billTrade = wantedBills[i] > 0 ? Math.min(wantedBills[i], a.bankBills.values[d]) : wantedBills[i];
        if (billTrade < 0) a.ledger.trade(a.bills, i, a.bankBills, d, -billTrade, 1, a.reserves, a.deposits);
        const bondTrade = wantedBonds[i] > 0 ? Math.min(wantedBonds[i] / bondPrice, a.bankBonds.values[d]) : wantedBonds[i] / bondPrice;
        if (bondTrade < 0) a.ledger.trade(a.bonds, i, a.bankBonds, d, -bondTrade, bondPrice, a.reserves, a.deposits);
        if (billTrade > 0) a.ledger.trade(a.bankBills, d, a.bills, i, billTrade, 1, a.deposits, a.reserves);
        if (bondTrade > 0) a.ledger.trade(a.bankBonds, d, a.bonds, i, bondTrade, bondPrice, a.deposits, a.reserves);
      }
      b.ledger.tradeWithDealers(b.bills, b.bankBills, wantedBills, 1, b.bonds, b.bankBonds, wantedBonds, bondPrice, b.bank, b.deposits, b.reserves);
      expectSameBits(a.ledger, b.ledger);
      // Chunk after chunk (tradeWithDealersRange, chunks of uneven sizes): the same numbers again.
      const c = books(seed);
      for (let start = 0, size = 1; start < HOLDERS; start += size, size = 2 * size + 1) {
        c.ledger.tradeWithDealersRange(c.bills, c.bankBills, wantedBills, 1, c.bonds, c.bankBonds, wantedBonds, bondPrice, c.bank, c.deposits, c.reserves, start, Math.min(HOLDERS, start + size));
      }
      expectSameBits(a.ledger, c.ledger);
      // Some purchases were capped by what the banks held.
      expect(capped).toBeGreaterThan(0);
      expect(b.ledger.check(1e-12).sfcError).toBeLessThanOrEqual(1e-12);
    }
  });

  it('exchangeFundUnitsMatched: the same numbers as one scaled exchangeFundUnits per active fund', () => {
    for (const seed of [4, 5]) {
      for (const count of [FUNDS, 2]) {
        const a = books(seed);
        const b = books(seed);
        const random = generator(seed + 200);
        // Listed holders (in order) and their intended trades; the unlisted trade nothing.
        const holders = new Int32Array(HOLDERS);
        let listed = 0;
        for (let i = 0; i < HOLDERS; i++) if (random() < 0.6) holders[listed++] = i;
        const trades = Array.from({ length: count }, () => Float64Array.from({ length: HOLDERS }, () => (random() < 0.2 ? 0 : 4 * (random() - 0.5))));
        const buyScale = Float64Array.from({ length: count }, () => random());
        const sellScale = Float64Array.from({ length: count }, () => random());
        const active = Uint8Array.from({ length: count }, (_, j) => (j === 1 ? 0 : 1));
        const navs = Float64Array.from({ length: count }, (_, j) => a.navs[j][0]);
        const funds = Array.from({ length: count }, (_, j) => j);
        for (let j = 0; j < count; j++) {
          if (active[j] === 0) continue;
          const amounts = new Float64Array(HOLDERS);
          for (let k = 0; k < listed; k++) {
            const t = trades[j][k];
            amounts[holders[k]] = t * (t > 0 ? buyScale[j] : sellScale[j]);
          }
          a.ledger.exchangeFundUnits(a.units[j], a.deposits, amounts, a.fundUnits[j], a.fundDeposits, j, navs[j]);
        }
        // The trades as the bulk pass takes them: a holder's trades side by side (entry k · count + j).
        const sideBySide = new Float64Array(count * HOLDERS);
        for (let k = 0; k < HOLDERS; k++) for (let j = 0; j < count; j++) sideBySide[k * count + j] = trades[j][k];
        b.ledger.exchangeFundUnitsMatched(count, holders, listed, b.units.slice(0, count), b.deposits, sideBySide, buyScale, sellScale, active, b.fundUnits.slice(0, count), b.fundDeposits, funds, navs);
        expectSameBits(a.ledger, b.ledger);
        expect(b.ledger.check(1e-12).sfcError).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('settleFundsProRata: the same numbers as the amounts and one exchangeFundUnits per fund, fund by fund', () => {
    for (const seed of [7, 8]) {
      const a = books(seed);
      const b = books(seed);
      const random = generator(seed + 400);
      // Funds 1, 2, 3: one passes cash on, one collects a shortfall (payments capped at deposits), one is idle.
      const cash = Float64Array.of(40 * random(), -900 * random() - 300, 0);
      const funds = [1, 2, 3];
      const outstanding = Float64Array.from(funds, (k) => a.fundUnits[k].values[0]);
      const navs = Float64Array.from(funds, (k) => a.navs[k][0]);
      let capped = 0;
      for (let j = 0; j < 3; j++) {
        const k = funds[j];
        if (Math.abs(cash[j]) < 1e-12 || outstanding[j] <= 0) continue;
        const amounts = new Float64Array(HOLDERS);
        for (let i = 0; i < HOLDERS; i++) {
          const due = (-cash[j] * a.units[k].values[i]) / outstanding[j];
          if (due > Math.max(0, a.deposits.values[i])) capped++;
          amounts[i] = due > 0 ? Math.min(due, Math.max(0, a.deposits.values[i])) : due;
        }
        a.ledger.exchangeFundUnits(a.units[k], a.deposits, amounts, a.fundUnits[k], a.fundDeposits, k, navs[j]);
      }
      b.ledger.settleFundsProRata(funds.map((k) => b.units[k]), b.deposits, cash, outstanding, navs, funds.map((k) => b.fundUnits[k]), b.fundDeposits, funds);
      expectSameBits(a.ledger, b.ledger);
      expect(capped).toBeGreaterThan(0);
    }
  });

  it('settleFundsProRata: the same numbers with all three funds settling and holders of none of them among the holders', () => {
    for (const seed of [9, 10]) {
      const a = books(seed);
      const b = books(seed);
      const random = generator(seed + 500);
      const funds = [1, 2, 3];
      // Every third holder holds none of the three funds (the pass lists the holders of any of them first).
      for (const x of [a, b]) {
        for (let i = 0; i < HOLDERS; i += 3) for (const k of funds) x.ledger.redeem(x.units[k], i, x.fundUnits[k], 0, x.units[k].values[i]);
      }
      const cash = Float64Array.of(-700 * random() - 200, 40 * random() + 1, 25 * random() + 1);
      const outstanding = Float64Array.from(funds, (k) => a.fundUnits[k].values[0]);
      const navs = Float64Array.from(funds, (k) => a.navs[k][0]);
      let capped = 0;
      let none = 0;
      for (let i = 0; i < HOLDERS; i++) if (funds.every((k) => a.units[k].values[i] === 0)) none++;
      for (let j = 0; j < 3; j++) {
        const k = funds[j];
        const amounts = new Float64Array(HOLDERS);
        for (let i = 0; i < HOLDERS; i++) {
          const due = (-cash[j] * a.units[k].values[i]) / outstanding[j];
          if (due > Math.max(0, a.deposits.values[i])) capped++;
          amounts[i] = due > 0 ? Math.min(due, Math.max(0, a.deposits.values[i])) : due;
        }
        a.ledger.exchangeFundUnits(a.units[k], a.deposits, amounts, a.fundUnits[k], a.fundDeposits, k, navs[j]);
      }
      b.ledger.settleFundsProRata(funds.map((k) => b.units[k]), b.deposits, cash, outstanding, navs, funds.map((k) => b.fundUnits[k]), b.fundDeposits, funds);
      expectSameBits(a.ledger, b.ledger);
      expect(capped).toBeGreaterThan(0);
      expect(none).toBeGreaterThanOrEqual(HOLDERS / 3);
    }
  });

  it('exchangeFundUnitsPass: the same numbers as exchangeFundUnits', () => {
    const a = books(6);
    const b = books(6);
    const random = generator(300);
    const amounts = Float64Array.from({ length: HOLDERS }, () => (random() < 0.3 ? 0 : 10 * (random() - 0.4)));
    a.ledger.exchangeFundUnits(a.units[0], a.deposits, amounts, a.fundUnits[0], a.fundDeposits, 0, a.navs[0][0]);
    b.ledger.exchangeFundUnitsPass(b.units[0], b.deposits, amounts, b.fundUnits[0], b.fundDeposits, 0, b.navs[0][0]);
    expectSameBits(a.ledger, b.ledger);
    expect(b.ledger.check(1e-12).sfcError).toBeLessThanOrEqual(1e-12);
  });
});
