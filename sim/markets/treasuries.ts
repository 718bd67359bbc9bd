/**
 * The treasury market: the yield curve and bond prices.
 *
 * 10-year yield = expected average policy rate over ten years + a term premium; the term premium rises
 * with the duration the private sector must hold (bonds outstanding less the central bank's, relative to
 * GDP), so deficits and QT raise it and QE lowers it (the portfolio-balance channel: Vayanos &
 * Vila 2021; Greenwood & Vayanos 2014). Bond prices follow the yield through the ledger as revaluation.
 */
import type { EconomyWorld } from '../economyWorld.js';
import { sumArray } from '../kernels.js';
import { FINANCIAL } from '../ledger.js';
import { revalueFundUnits } from './equities.js';

/**
 * Expected average policy rate over the next `months`, when the gap to neutral is expected to decay at
 * rate ρ per month: ī = i_n + (i − i_n)·(1 − ρ^T)/(T·(1 − ρ)).
 */
export function expectedAverageRate(policyRate: number, neutralRate: number, persistence: number, months = 120): number {
  const factor = persistence >= 1 ? 1 : (1 - Math.pow(persistence, months)) / (months * (1 - persistence));
  return neutralRate + (policyRate - neutralRate) * factor;
}

/** Term premium: TP = TP₀ + θ·(private bonds / GDP − its month-0 value). */
export function termPremium(base: number, supplySensitivity: number, privateBondsToGdp: number, privateBondsToGdpAtStart: number): number {
  return base + supplySensitivity * (privateBondsToGdp - privateBondsToGdpAtStart);
}

/**
 * Price per unit of face of a bond with annual coupon c and M years to maturity at yield y (annual
 * compounding): P = c·(1 − (1+y)^−M)/y + (1+y)^−M.
 */
export function bondPrice(coupon: number, yieldRate: number, maturityYears: number): number {
  const discount = Math.pow(1 + yieldRate, -maturityYears);
  if (Math.abs(yieldRate) < 1e-9) return coupon * maturityYears + 1;
  return (coupon * (1 - discount)) / yieldRate + discount;
}

/** Long-run inflation expectations: anchored to the target with weight a, the rest on current inflation. */
export function longRunExpectedInflation(target: number, currentInflation: number, anchor: number): number {
  return anchor * target + (1 - anchor) * currentInflation;
}

// ---------------------------------------------------------------------------------------------------------------
// Phase 7 operations: the central bank's balance sheet, the yield curve, revaluation.
// ---------------------------------------------------------------------------------------------------------------

/** Annual nominal GDP: the last twelve months. */
export function annualGdp(world: EconomyWorld): number {
  const h = world.history.nominalGdp;
  return h.size >= 12 ? h.sum(12) : (world.month_.nominalGdp || world.scenario.start.nominal_gdp / 12) * 12;
}

/** Main-Street liquidity per month: the same money as QE (qe_gdp_per_month of annual GDP). */
export function mainStreetAmount(world: EconomyWorld): number {
  return world.scenario.central_bank.qe_gdp_per_month * annualGdp(world);
}

/**
 * QE: the central bank buys bonds from private holders (households and banks, in proportion to their
 * holdings) at the market price, paying with new central-bank money; sellers end up with deposits or
 * reserves. QT: bonds run off — the treasury pays the central bank for them out of its account.
 */
export function centralBankOperations(world: EconomyWorld): void {
  const { centralBank: cb, households: h, banks, government: g, ledger, market, scenario } = world;
  const p = scenario.central_bank;
  const price = world.prices.bonds[0];
  cb.balanceSheetChange = 0;
  if (!world.recording) return;
  if (p.main_street_in.includes(market.regime)) {
    // Main Street: new bonds bought from the treasury, whose account pays this month's extra transfers.
    const amount = mainStreetAmount(world);
    ledger.issue(cb.bonds, 0, g.bonds, 0, amount / price);
    ledger.pay(cb.paying, 0, g.account, 0, amount, FINANCIAL);
    cb.balanceSheetChange = amount;
    return;
  }
  if (p.qe_in.includes(market.regime)) {
    let privateFace = sumArray(h.bonds.values, h.count);
    for (let b = 0; b < banks.count; b++) privateFace += banks.bonds.values[b];
    const face = Math.min(privateFace * 0.5, (p.qe_gdp_per_month * annualGdp(world)) / price);
    if (face <= 0 || privateFace <= 0) return;
    const fraction = face / privateFace;
    // Each household's sale, then the trades through the ledger (in household order), a chunk at a time
    // while the chunk's units are still in cache.
    const units = world.scratch.householdAmounts;
    const held = h.bonds.values;
    for (let start = 0; start < h.count; start += CHUNK) {
      const end = Math.min(h.count, start + CHUNK);
      scaledRange(units, held, fraction, start, end);
      ledger.tradeEachRange(h.bonds, units, cb.bonds, 0, price, cb.paying, h.deposits, start, end);
    }
    for (let b = 0; b < banks.count; b++) {
      const units = banks.bonds.values[b] * fraction;
      if (units > 0) ledger.trade(banks.bonds, b, cb.bonds, 0, units, price, cb.paying, banks.reserves);
    }
    cb.balanceSheetChange = face * price;
  } else if (p.qt_in.includes(market.regime)) {
    const face = Math.min(cb.bonds.values[0], (p.qt_gdp_per_month * annualGdp(world)) / price);
    if (face <= 0) return;
    ledger.pay(g.account, 0, cb.paying, 0, face * price, FINANCIAL);
    ledger.redeem(cb.bonds, 0, g.bonds, 0, face);
    cb.balanceSheetChange = -face * price;
  }
}

/** Households per call of the QE passes (called many times a month, they are compiled whole rather than on stack). */
const CHUNK = 4096;

/** out[i] = v[i] × factor for i in start…end − 1 (`scaled`, a chunk at a time). */
function scaledRange(out: Float64Array, v: Float64Array, factor: number, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = v[i] * factor;
}

/** Privately held bonds (face) relative to annual GDP, at market value. */
export function privateBondsToGdp(world: EconomyWorld): number {
  const { government: g, centralBank: cb } = world;
  return ((g.bonds.values[0] - cb.bonds.values[0]) * world.prices.bonds[0]) / annualGdp(world);
}

/** The 10-year yield and term premium for the month; bonds (and houses) revalued through the ledger. */
export function repriceAssets(world: EconomyWorld): void {
  const { market, scenario, ledger } = world;
  const b = scenario.bonds;
  const neutral = scenario.central_bank.neutral_real_rate + market.longExpectedInflation;
  // In the burn-in the premium stays at its base: the burn-in settles flows at month-0 financial conditions,
  // and the bond supply its deficits add is reset with the month-0 balance sheet (a premium drifting up with
  // it, ~0.5 point, would reset at month 0 and lift month 1's investment by ~5% in one step).
  market.termPremium = world.recording ? termPremium(b.term_premium_base, b.term_premium_supply, privateBondsToGdp(world), market.privateBondsToGdpAtStart) : b.term_premium_base;
  market.yield10y = expectedAverageRate(world.centralBank.policyRate, neutral, b.rate_persistence) + market.termPremium;
  ledger.revaluePrice(world.prices.bonds, bondPrice(world.government.coupon, market.yield10y, b.maturity_years));
  // Houses keep their real value: the house-price index follows the CPI. Firms' capital is carried at
  // current cost: its price follows the large-firm price index (capital goods are their output).
  ledger.revaluePrice(world.prices.housing, market.housePriceAtStart * (market.cpi / market.cpiAtStart));
  ledger.revaluePrice(world.large.capital.price, market.largePriceIndex);
  // Funds' units at net asset value: every gain of a fund belongs to its unit holders.
  revalueFundUnits(world);
}
