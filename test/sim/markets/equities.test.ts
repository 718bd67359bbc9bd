/** Asset prices from flows (Gabaix & Koijen), fundamentals, and the composite indices. */
import { describe, expect, it } from 'vitest';
import { discountRateNews, firmActiveElasticity, fundamentalValue, logPriceChange, priceMultiplier, requiredReturn } from '../../../sim/markets/equities.js';
import { bubbleIndexValue, politicalPressureIndex } from '../../../sim/indices.js';
import { Instrument, Ledger, Sector } from '../../../sim/ledger.js';

describe('inelastic markets', () => {
  it('the multiplier is about 5 with half the market passive and an active elasticity of 0.4, and rises with the passive share', () => {
    expect(priceMultiplier(0.5, 0.4)).toBeCloseTo(5, 12);
    expect(priceMultiplier(0.8, 0.4)).toBeGreaterThan(priceMultiplier(0.5, 0.4));
    expect(priceMultiplier(0.2, 0.4)).toBeLessThan(priceMultiplier(0.5, 0.4));
  });

  it('a flow of 1% of market value moves the price by M %, and the fundamental pulls toward value', () => {
    expect(logPriceChange(5, 1, 100, 0, 0.5, 0)).toBeCloseTo(0.05, 12);
    expect(logPriceChange(5, 0, 100, 0.02, 0.5, 0.1)).toBeCloseTo(0.001, 12);
    expect(logPriceChange(5, 0, 100, 0.02, 0.5, -0.1)).toBeLessThan(0);
  });

  it('active investors lean less against flows into larger firms (Jiang, Vayanos & Zheng): the same cap-weighted flow moves a large firm more', () => {
    // A firm of the value-weighted mean size has the market's elasticity; a firm four times larger half of it (η = 0.5).
    expect(firmActiveElasticity(0.4, 100, 100, 0.5)).toBeCloseTo(0.4, 12);
    expect(firmActiveElasticity(0.4, 400, 100, 0.5)).toBeCloseTo(0.2, 12);
    expect(firmActiveElasticity(0.4, 25, 100, 0.5)).toBeCloseTo(0.8, 12);
    expect(firmActiveElasticity(0.4, 400, 100, 0)).toBe(0.4);
    // Cap-weighted: a flow of 1% of each firm's value. Same passive share, so only size differs.
    const large = logPriceChange(priceMultiplier(0.5, firmActiveElasticity(0.4, 400, 100, 0.5)), 4, 400, 0, 0.5, 0);
    const small = logPriceChange(priceMultiplier(0.5, firmActiveElasticity(0.4, 25, 100, 0.5)), 0.25, 25, 0, 0.5, 0);
    expect(large).toBeGreaterThan(3 * small);
  });

  it('fundamental value falls when the real yield rises', () => {
    const base = fundamentalValue(4.4, 1, requiredReturn(0.044, 0.018, 0.018, 1));
    expect(base).toBeCloseTo(100, 9);
    expect(fundamentalValue(4.4, 1, requiredReturn(0.044, 0.028, 0.018, 1))).toBeLessThan(base);
    expect(fundamentalValue(-1, 1, requiredReturn(0.044, 0.018, 0.018, 1))).toBe(0);
  });

  it('the required return moves with a share of the real yield; the equity premium absorbs the rest', () => {
    // θ = 1: one for one (a constant premium); θ = 0.5: a 1-point fall in the real yield lowers it by half a point.
    expect(requiredReturn(0.044, 0.008, 0.018, 1)).toBeCloseTo(0.034, 12);
    expect(requiredReturn(0.044, 0.008, 0.018, 0.5)).toBeCloseTo(0.039, 12);
    expect(requiredReturn(0.044, 0.028, 0.018, 0)).toBeCloseTo(0.044, 12);
    // Never below half a percent, however low real yields go.
    expect(requiredReturn(0.044, -0.1, 0.018, 1)).toBe(0.005);
  });

  it('discount-rate news moves the price at once by the change in log value: a lower required return lifts it', () => {
    expect(discountRateNews(0.04, 0.04)).toBeCloseTo(0, 15);
    expect(discountRateNews(0.04, 0.036)).toBeCloseTo(Math.log(0.04 / 0.036), 12);
    expect(discountRateNews(0.04, 0.044)).toBeLessThan(0);
    // Value P* = E/k: the news equals the change in log P* when earnings do not change.
    expect(discountRateNews(0.04, 0.05)).toBeCloseTo(Math.log(fundamentalValue(4, 1, 0.05) / fundamentalValue(4, 1, 0.04)), 12);
    expect(discountRateNews(0, 0.04)).toBe(0);
  });
});

describe('composite indices', () => {
  it('political pressure and the bubble index stay within 0–1 and move the right way', () => {
    expect(politicalPressureIndex(0.05, 0.03, 0.1, 0.4)).toBe(0);
    expect(politicalPressureIndex(-0.1, 0.2, -0.1, 1)).toBeCloseTo(1, 12);
    expect(politicalPressureIndex(-0.01, 0.06, 0.02, 0.67)).toBeGreaterThan(politicalPressureIndex(0.02, 0.04, 0.03, 0.6));
    expect(bubbleIndexValue(0.05, -0.1, 0.03, -0.05, 0)).toBe(0);
    expect(bubbleIndexValue(-0.02, 0.5, 0.004, 0.2, 0.1)).toBe(1);
  });
});

describe('fund units bought and redeemed in bulk', () => {
  it('moves deposits, units and reserves so every book still balances', () => {
    const ledger = new Ledger();
    const householdBank = Int32Array.of(0, 1, 0);
    const fundBank = Int32Array.of(1);
    const bankDeposits = ledger.open('banks.deposits', Instrument.deposits, Sector.banks, 'liability', 2);
    const bankReserves = ledger.open('banks.reserves', Instrument.reserves, Sector.banks, 'asset', 2, { money: 'reserveAccount' });
    const cbAccounts = ledger.open('cb.accounts', Instrument.reserves, Sector.centralBank, 'liability', 1);
    ledger.configureBanking(bankDeposits, bankReserves, cbAccounts);
    const deposits = ledger.open('h.deposits', Instrument.deposits, Sector.households, 'asset', 3, { money: 'deposit', issuerOf: householdBank });
    const nav = Float64Array.of(2);
    const units = ledger.open('h.units', Instrument.fundUnits, Sector.households, 'asset', 3, { price: nav });
    const fundDeposits = ledger.open('f.deposits', Instrument.deposits, Sector.funds, 'asset', 1, { money: 'deposit', issuerOf: fundBank });
    const fundUnits = ledger.open('f.units', Instrument.fundUnits, Sector.funds, 'liability', 1, { price: nav });
    for (let i = 0; i < 3; i++) {
      ledger.issue(deposits, i, bankDeposits, householdBank[i], 10);
      ledger.issue(bankReserves, householdBank[i], cbAccounts, 0, 10);
      ledger.issue(units, i, fundUnits, 0, 5);
    }
    ledger.issue(fundDeposits, 0, bankDeposits, 1, 30);
    ledger.issue(bankReserves, 1, cbAccounts, 0, 30);
    ledger.startAccounting();
    ledger.exchangeFundUnits(units, deposits, Float64Array.of(4, -2, 0), fundUnits, fundDeposits, 0, nav[0]);
    expect(Array.from(deposits.values)).toEqual([6, 12, 10]);
    expect(Array.from(units.values)).toEqual([7, 4, 5]);
    expect(fundUnits.values[0]).toBe(16);
    expect(fundDeposits.values[0]).toBe(32);
    const check = ledger.check(1e-12);
    expect(check.sfcError).toBeLessThanOrEqual(1e-12);
  });
});
