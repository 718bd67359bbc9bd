/**
 * Phase 4 of the month: the goods market. Firms set prices; households spend out of expected income and
 * wealth — part at their local SME, part with large firms in proportion to market shares that fall with
 * relative price — the government buys from both, and large firms buy capital goods from each other.
 * Sales, real output, the price indices, CPI and the SME new-orders PMI come out of it.
 */
import { FUND_COUNT, desiredConsumption, propensityToConsume, wealthEffectBase } from '../../agents/households.js';
import { automatedCapacityPressure, largeInvestment, largeTargetPrice } from '../../agents/largeFirms.js';
import { SME_HOURS_FLEX, smeCapacity, smeTargetPrice } from '../../agents/smes.js';
import type { EconomyWorld } from '../economyWorld.js';
import { Flow } from '../ledger.js';
import { fillStandardNormals, type RandomStream } from '../rng.js';

/** Elasticity of large firms' market shares to their price relative to their sector's average. */
export const LARGE_PRICE_ELASTICITY = 2;
/** Weight of this month in the slow-moving sales trend that capacity is planned for. */
export const TREND_WEIGHT = 0.03;
/** Band within which an SME's orders count as unchanged in the PMI (ISM asks "same as last month?"). */
export const PMI_UNCHANGED_BAND = 0.005;

/**
 * PMI as a diffusion index (ISM): 100 × (share reporting higher orders + ½ × share reporting the same).
 */
export function diffusionIndex(rising: number, unchanged: number, total: number): number {
  return total > 0 ? (100 * (rising + 0.5 * unchanged)) / total : 50;
}

/**
 * The user cost of capital firms price on: depreciation + the neutral real rate + long-run expected
 * inflation + the normal bond spread. Prices rest on the normal cost of capital, not on this month's
 * yields and spreads (firms do not reprice their goods with every move in credit markets). `depreciation`:
 * the large firms' composite stock's unless given (the initialisation asks for ordinary capital's).
 */
export function normalUserCost(world: EconomyWorld, depreciation = world.market.capitalDepreciation): number {
  const s = world.scenario;
  return depreciation + s.central_bank.neutral_real_rate + world.market.longExpectedInflation + s.large.bond_spread;
}

/** Firms reprice part of the way to their target price; the SME and large-firm price indices chain on. */
export function setPrices(world: EconomyWorld): void {
  const { smes, large, market, scenario } = world;
  const sme = scenario.sme;
  const lf = scenario.large;
  smeSums[0] = 0;
  smeSums[1] = 0;
  const markup = sme.markup;
  const sensitivity = sme.markup_demand_sensitivity;
  const adjustment = sme.price_adjustment;
  const wage = market.smeWage;
  for (let start = 0; start < smes.count; start += SME_CHUNK) {
    smePricesOf(start, Math.min(smes.count, start + SME_CHUNK), smes.expectedOrders, smes.orders, smes.productivity, smes.price, markup, sensitivity, adjustment, wage);
  }
  const smeOld = smeSums[0];
  const smeNew = smeSums[1];
  let largeOld = 0;
  let largeNew = 0;
  const userCost = normalUserCost(world);
  const markups = [lf.markups.growth, lf.markups.defensive, lf.markups.real_assets];
  for (let f = 0; f < large.count; f++) {
    const capacity = large.capital.values[f] / large.capitalPerOutput[f];
    const utilisation = capacity > 0 ? Math.min(2, large.realSales[f] / capacity) : lf.normal_utilisation;
    const target = largeTargetPrice(
      markups[large.sector[f]],
      automatedCapacityPressure(lf.capacity_pressure, lf.automation),
      utilisation,
      lf.normal_utilisation,
      market.largeWage,
      large.productivity[f],
      userCost,
      large.capitalPerOutput[f] * large.capital.price[0],
    );
    const previous = large.price[f];
    const price = previous + lf.price_adjustment * (target - previous);
    large.price[f] = price;
    largeOld += previous * large.realSales[f];
    largeNew += price * large.realSales[f];
  }
  const smeRatio = smeOld > 0 ? smeNew / smeOld : 1;
  const largeRatio = largeOld > 0 ? largeNew / largeOld : 1;
  market.smePriceIndex *= smeRatio;
  market.largePriceIndex *= largeRatio;
  const s = smeSpendingShare(world);
  market.cpi *= s * smeRatio + (1 - s) * largeRatio;
}

/**
 * SME market shares follow relative competitiveness (a replicator dynamic: Dosi, Fagiolo & Roventini 2010,
 * after Metcalfe 1998) and idiosyncratic demand shocks: s'_j = s_j·(1 + χ·(p̄/p_j − 1))·e^{σε − σ²/2},
 * normalised; p̄ is the share-weighted mean price.
 */
export function updateSmeMarketShares(world: EconomyWorld): void {
  const { smes } = world;
  const chi = world.scenario.sme.market_share_sensitivity;
  const { demand_noise: demandNoise, order_noise: orderNoise } = world.scenario.sme;
  const rng = world.streams.goods;
  const n = smes.count;
  const share = smes.marketShare;
  const prices = smes.price;
  smeSums[0] = 0;
  for (let start = 0; start < n; start += SME_CHUNK) weightedPriceOf(start, Math.min(n, start + SME_CHUNK), share, prices);
  const meanPrice = smeSums[0];
  smeSums[0] = 0;
  for (let start = 0; start < n; start += SME_CHUNK) sharesOf(start, Math.min(n, start + SME_CHUNK), share, prices, chi, meanPrice, demandNoise, rng);
  const total = smeSums[0];
  for (let start = 0; start < n; start += SME_CHUNK) divideRange(share, total, start, Math.min(n, start + SME_CHUNK));
  // This month's orders: the market shares with a transitory shock each, renormalised.
  const orderShare = smes.orderShare;
  smeSums[0] = 0;
  for (let start = 0; start < n; start += SME_CHUNK) orderSharesOf(start, Math.min(n, start + SME_CHUNK), orderShare, share, orderNoise, rng);
  const orderTotal = smeSums[0];
  for (let start = 0; start < n; start += SME_CHUNK) divideRange(orderShare, orderTotal, start, Math.min(n, start + SME_CHUNK));
}

/** A lognormal shock of mean one, e^{σz − σ²/2}, from a standard normal z (the SMEs' demand and order shocks). */
function meanOneShock(sigma: number, z: number): number {
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

/** Market shares times a transitory order shock e^{σε − σ²/2} (σ = `sme.order_noise`), for SMEs start…end − 1, added to `smeSums[0]`. */
function orderSharesOf(start: number, end: number, orderShare: Float64Array, share: Float64Array, noise: number, rng: RandomStream): void {
  const sums = smeSums;
  const normals = smeNormals;
  fillStandardNormals(rng, normals, 0, end - start);
  for (let j = start; j < end; j++) {
    orderShare[j] = share[j] * meanOneShock(noise, normals[j - start]);
    sums[0] += orderShare[j];
  }
}

/**
 * SMEs per call of the SME passes of `setPrices` and `updateSmeMarketShares`. Once a month with one loop
 * per pass, the code compiled on stack for the first loop was thrown away at the next, never run before
 * (V8: insufficient type feedback), and the first months ran in the interpreter (~6 ms a month at 200k
 * households for `setPrices`, against ~0.13 compiled); a function per pass, called a chunk at a time, is
 * compiled for its own loop. Loop-invariant fields are read before the passes.
 */
const SME_CHUNK = 4096;

/**
 * Running sums of the SME passes, added as they go (a sum carried in a local and written back after the loop
 * left that store without type feedback when the loop's first call was compiled on stack: deoptimised).
 */
const smeSums = new Float64Array(2);

/**
 * A chunk's normal draws for the SME passes, made before the pass (`fillStandardNormals`: the numbers of as
 * many `standardNormal` calls, in SME order), `smeNormals[j − start]` for SME j.
 */
const smeNormals = new Float64Array(SME_CHUNK);

/** `setPrices` for SMEs start…end − 1: adds the old and new prices weighted by orders to `smeSums`. */
function smePricesOf(
  start: number,
  end: number,
  expectedOrders: Float64Array,
  orders: Float64Array,
  productivity: Float64Array,
  prices: Float64Array,
  markup: number,
  sensitivity: number,
  adjustment: number,
  wage: number,
): void {
  const sums = smeSums;
  for (let j = start; j < end; j++) {
    const ratio = expectedOrders[j] > 0 ? orders[j] / expectedOrders[j] : 1;
    const target = smeTargetPrice(markup, sensitivity, ratio, wage, productivity[j]);
    const previous = prices[j];
    const price = previous + adjustment * (target - previous);
    prices[j] = price;
    sums[0] += previous * orders[j];
    sums[1] += price * orders[j];
  }
}

/** The share-weighted price of SMEs start…end − 1, added to `smeSums[0]`. */
function weightedPriceOf(start: number, end: number, share: Float64Array, prices: Float64Array): void {
  const sums = smeSums;
  for (let j = start; j < end; j++) sums[0] += share[j] * prices[j];
}

/** The new (unnormalised) market shares of SMEs start…end − 1, in SME order (one normal draw each), added to `smeSums[0]`. */
function sharesOf(start: number, end: number, share: Float64Array, prices: Float64Array, chi: number, meanPrice: number, noise: number, rng: RandomStream): void {
  const sums = smeSums;
  const normals = smeNormals;
  fillStandardNormals(rng, normals, 0, end - start);
  for (let j = start; j < end; j++) {
    share[j] *= Math.max(0.5, 1 + chi * (meanPrice / prices[j] - 1)) * meanOneShock(noise, normals[j - start]);
    sums[0] += share[j];
  }
}

/** v[j] /= divisor for j in start…end − 1. */
function divideRange(v: Float64Array, divisor: number, start: number, end: number): void {
  for (let j = start; j < end; j++) v[j] /= divisor;
}

/**
 * Share of household spending that goes to SMEs: a CES split by relative price (Dixit–Stiglitz), calibrated
 * to the month-0 share: s = a·P_S^(1−σ) / (a·P_S^(1−σ) + (1 − a)·P_L^(1−σ)). As automation makes large
 * firms' goods cheaper relative to SMEs', spending moves to large firms (σ > 1).
 */
export function smeSpendingShare(world: EconomyWorld): number {
  const m = world.market;
  const sigma = world.scenario.sme.substitution_elasticity;
  const a = m.smeConsumptionShare;
  const sme = a * Math.pow(m.smePriceIndex, 1 - sigma);
  const large = (1 - a) * Math.pow(m.largePriceIndex, 1 - sigma);
  return sme / (sme + large);
}

/**
 * The policy rate as it reaches households' consumption, a month on: an exponential moving average with time
 * constant L months (a mean lag of L − 1 months; only the consumption rate channel is lagged — investment,
 * loan and deposit rates and credit standards take the rate at once),
 *   r̃_t = r̃_{t−1} + (r_t − r̃_{t−1}) / L   (L = 1: at once).
 * Monetary policy acts on spending with long and variable lags (Friedman 1961): loans and deposits are repriced
 * over months and years, so output's response to a policy shock builds over about two years (Romer & Romer 2004;
 * Havranek & Rusnak 2013's meta-analysis: 29 months on average to the peak effect on prices). Asset prices, by
 * contrast, take the news at once (sim/markets/equities.ts) — one reason asset holders recover first from a panic.
 */
export function transmittedRate(previous: number, current: number, meanLagMonths: number): number {
  return meanLagMonths <= 1 ? current : previous + (current - previous) / meanLagMonths;
}

/** Households' spending: with SMEs and with large firms, by market shares. */
export function householdConsumption(world: EconomyWorld): void {
  const { households: h, smes, large, ledger, market, scratch, scenario } = world;
  const p = scenario.household;
  const bondPrice = world.prices.bonds[0];
  const largeBudget = scratch.householdAmounts;
  const smeShare = smeSpendingShare(world);
  // Intertemporal substitution: a real policy rate above its month-0 level lowers the propensity to consume —
  // the rate as it has reached households, with the transmission lag (at once in the burn-in, whose policy is fixed).
  const realRate = world.centralBank.policyRate - market.expectedInflation;
  market.transmittedRealRate = world.recording ? transmittedRate(market.transmittedRealRate, realRate, p.rate_transmission_months) : realRate;
  const scale = market.consumptionScale * Math.max(0.5, 1 - p.rate_sensitivity * (market.transmittedRealRate - market.realRateAtStart));
  smes.sales.fill(0);
  large.sales.fill(0);
  const smeBudget = scratch.householdAmounts2;
  // The hot loop: every array and parameter read once, outside it (the same arithmetic, in the same order).
  const funds = h.fundUnits;
  if (funds.length !== FUND_COUNT) throw new Error(`householdConsumption: households hold ${funds.length} funds, the consumption pass reads ${FUND_COUNT}`);
  const n = h.count;
  budgetTotals.fill(0);
  for (let start = 0; start < n; start += CONSUMPTION_CHUNK) {
    consumptionBudgets(
      start, Math.min(n, start + CONSUMPTION_CHUNK), h.deposits.values, h.currency.values, h.bills.values, h.bonds.values, h.corporateBonds.values, h.loans.values, h.expectedIncome,
    funds[0].values, funds[1].values, funds[2].values, funds[3].values, funds[4].values, funds[5].values,
    bondPrice, funds[0].price[0], funds[1].price[0], funds[2].price[0], funds[3].price[0], funds[4].price[0], funds[5].price[0],
    scale, p.mpc_low_wealth, p.mpc_high_wealth, p.mpc_wealth_scale, market.meanAnnualIncome, scale * p.wealth_effect, p.wealth_effect_saturation,
    smeShare, smeBudget, largeBudget,
    );
  }
  let consumption = budgetTotals[2];
  const smeTotal = budgetTotals[0];
  const largeTotal = budgetTotals[1];
  // SMEs' shares of consumer spending, each delivered up to what its labour can produce (smeCapacity);
  // orders turned away stay with the households, who spend less this month.
  const smeAmounts = scratch.smeAmounts;
  // (Served orders summed in a typed array, not carried in a local variable across the loop: see sim/kernels.ts.)
  const servedSum = budgetTotals;
  servedSum[3] = 0;
  for (let j = 0; j < smes.count; j++) {
    const orders = smeTotal * smes.orderShare[j];
    smeAmounts[j] = Math.min(orders, smeCapacity(smes.labour[j], smes.productivity[j], SME_HOURS_FLEX) * smes.price[j]);
    smes.unfilledOrders[j] = orders - smeAmounts[j];
    smes.sales[j] += smeAmounts[j];
    servedSum[3] += smeAmounts[j];
  }
  const served = servedSum[3];
  if (served < smeTotal) {
    const filled = smeTotal > 0 ? served / smeTotal : 0;
    for (let i = 0; i < n; i++) smeBudget[i] *= filled;
    consumption -= smeTotal - served;
  }
  ledger.settle(h.deposits, smeBudget, smes.deposits, smeAmounts, Flow.consumption);
  // Large firms' shares of consumer spending: size × (price / sector average)^−ε, within sector shares.
  const amounts = scratch.largeAmounts;
  largeMarketShares(world, amounts);
  for (let f = 0; f < large.count; f++) {
    amounts[f] *= largeTotal;
    large.sales[f] += amounts[f];
  }
  ledger.settle(h.deposits, largeBudget, large.deposits, amounts, Flow.consumption);
  world.month_.consumption = consumption;
}

/** The budgets' totals to SMEs and to large firms and all spending, summed by `consumptionBudgets` in household order; then the SMEs' orders served. */
const budgetTotals = new Float64Array(4);

/**
 * Households per call of `consumptionBudgets`: called many times a month, it is compiled whole rather than
 * on stack (see BULK_CHUNK in sim/ledger.ts).
 */
const CONSUMPTION_CHUNK = 4096;

/**
 * The consumption loop over households start…end − 1 with the model's six funds, as a function of its
 * own: nothing but the loop, so the compiler optimizes it whole. All spending and the totals to SMEs and
 * to large firms, the budgets summed left to right, are added into `budgetTotals` as they go (see
 * sim/kernels.ts).
 */
function consumptionBudgets(
  start: number,
  end: number,
  deposits: Float64Array,
  currency: Float64Array,
  bills: Float64Array,
  bonds: Float64Array,
  corporateBonds: Float64Array,
  loans: Float64Array,
  expectedIncome: Float64Array,
  units0: Float64Array,
  units1: Float64Array,
  units2: Float64Array,
  units3: Float64Array,
  units4: Float64Array,
  units5: Float64Array,
  bondPrice: number,
  nav0: number,
  nav1: number,
  nav2: number,
  nav3: number,
  nav4: number,
  nav5: number,
  scale: number,
  mpcLow: number,
  mpcHigh: number,
  mpcScale: number,
  meanAnnualIncome: number,
  wealthEffect: number,
  saturation: number,
  smeShare: number,
  smeBudget: Float64Array,
  largeBudget: Float64Array,
): void {
  const totals = budgetTotals;
  for (let i = start; i < end; i++) {
    const d = deposits[i];
    let financial = d + currency[i] + bills[i] + bonds[i] * bondPrice + corporateBonds[i] - loans[i];
    financial += units0[i] * nav0;
    financial += units1[i] * nav1;
    financial += units2[i] * nav2;
    financial += units3[i] * nav3;
    financial += units4[i] * nav4;
    financial += units5[i] * nav5;
    const mpc = scale * propensityToConsume(mpcLow, mpcHigh, mpcScale, financial, meanAnnualIncome);
    const spend = desiredConsumption(Math.min(1, mpc), expectedIncome[i], wealthEffect, wealthEffectBase(financial, saturation, meanAnnualIncome), Math.max(0, d));
    const toSmes = spend * smeShare;
    const toLarge = spend - toSmes;
    smeBudget[i] = toSmes;
    largeBudget[i] = toLarge;
    totals[0] += toSmes;
    totals[1] += toLarge;
    totals[2] += spend;
  }
}

/** Per-sector sums for `largeMarketShares` (three sectors), allocated once rather than three times a month. */
const sectorPriceScratch = new Float64Array(3);
const sectorSizeScratch = new Float64Array(3);
const sectorWeightScratch = new Float64Array(3);

/** Market shares of large firms (sum 1) into `out`. */
export function largeMarketShares(world: EconomyWorld, out: Float64Array): Float64Array {
  const { large } = world;
  const sectorPrice = sectorPriceScratch.fill(0);
  const sectorSize = sectorSizeScratch.fill(0);
  for (let f = 0; f < large.count; f++) {
    sectorPrice[large.sector[f]] += large.size[f] * large.price[f];
    sectorSize[large.sector[f]] += large.size[f];
  }
  const sectorWeight = sectorWeightScratch.fill(0);
  for (let f = 0; f < large.count; f++) {
    const s = large.sector[f];
    const relative = large.price[f] / (sectorPrice[s] / sectorSize[s]);
    out[f] = large.size[f] * Math.pow(relative, -LARGE_PRICE_ELASTICITY);
    sectorWeight[s] += out[f];
  }
  for (let f = 0; f < large.count; f++) {
    const s = large.sector[f];
    out[f] = (out[f] / sectorWeight[s]) * sectorSize[s];
  }
  let total = 0;
  for (let f = 0; f < large.count; f++) total += out[f];
  for (let f = 0; f < large.count; f++) out[f] /= total;
  return out;
}

/** Government purchases: from SMEs in proportion to their last orders, from large firms by market share. */
export function governmentPurchases(world: EconomyWorld): void {
  const { government, smes, large, ledger, market, scratch } = world;
  const purchases = market.governmentPurchases;
  const fromSmes = purchases * world.scenario.government.sme_purchase_share;
  // The SMEs' shares in a loop of their own, then the payments in one pass (the arithmetic of `pay`, in SME order).
  const smeSize = smeOrderValue(smes.orders, smes.price, smes.count);
  const amounts = scratch.smeAmounts;
  smePurchaseAmounts(amounts, smes.orders, smes.price, fromSmes, smeSize, smes.sales, smes.count);
  ledger.payEachFromAccount(government.account, smes.deposits, amounts, smes.count, Flow.governmentPurchases);
  const shares = largeMarketShares(world, scratch.largeAmounts);
  const fromLarge = purchases - fromSmes;
  for (let f = 0; f < large.count; f++) {
    const amount = fromLarge * shares[f];
    ledger.pay(government.account, 0, large.deposits, f, amount, Flow.governmentPurchases);
    large.sales[f] += amount;
  }
  government.spending += purchases;
}

/** Σ (orders[j] · price[j] + 1e-12), left to right: governmentPurchases' first loop, as a function of its own. */
function smeOrderValue(orders: Float64Array, price: Float64Array, n: number): number {
  let size = 0;
  for (let j = 0; j < n; j++) size += orders[j] * price[j] + 1e-12;
  return size;
}

/** Each SME's share of the government's purchases from SMEs, added to its sales: governmentPurchases' second loop, as a function of its own. */
function smePurchaseAmounts(out: Float64Array, orders: Float64Array, price: Float64Array, fromSmes: number, smeSize: number, sales: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const amount = (fromSmes * (orders[j] * price[j] + 1e-12)) / smeSize;
    out[j] = amount;
    sales[j] += amount;
  }
}

/** Large firms invest toward desired capital, buying capital goods from large firms by market share; capital depreciates. */
export function investment(world: EconomyWorld): void {
  const { large, ledger, market, scratch } = world;
  const p = world.scenario.large;
  const spend = scratch.largeAmounts2;
  let total = 0;
  const capitalPrice = large.capital.price[0];
  // Desired capital falls when financing costs more than at month 0 (Jorgenson 1963: K* ∝ Y / user cost^σ).
  const currentUserCost = market.capitalDepreciation + market.yield10y + market.spreadLarge;
  const costFactor = Math.pow(market.userCostAtStart / Math.max(0.01, currentUserCost), p.investment_rate_elasticity);
  for (let f = 0; f < large.count; f++) {
    const desired = (costFactor * large.capitalPerOutput[f] * large.trendSales[f]) / p.normal_utilisation;
    const wanted = largeInvestment(large.capital.values[f], market.capitalDepreciation, p.investment_adjustment, desired) * capitalPrice;
    spend[f] = Math.max(0, Math.min(wanted, large.deposits.values[f]));
    large.investment[f] = wanted;
    total += spend[f];
  }
  const shares = largeMarketShares(world, scratch.largeAmounts);
  for (let f = 0; f < large.count; f++) {
    shares[f] *= total;
    large.sales[f] += shares[f];
  }
  ledger.settle(large.deposits, spend, large.deposits, shares, Flow.investment);
  for (let f = 0; f < large.count; f++) {
    if (spend[f] > 0) ledger.formCapital(large.capital, f, spend[f] / capitalPrice);
    ledger.depreciate(large.capital, f, (market.capitalDepreciation / 12) * large.capital.values[f]);
  }
  world.month_.investment = total;
}

/** After all purchases: real sales, expectations, output, the PMI. */
export function recordSales(world: EconomyWorld): void {
  const { smes, large, market, scenario } = world;
  let rising = 0;
  let unchanged = 0;
  let reporting = 0;
  let smeSales = 0;
  for (let j = 0; j < smes.count; j++) {
    smes.lastOrders[j] = smes.orders[j];
    // Orders include those the firm could not fill: it plans for its demand, not for its deliveries.
    const orders = (smes.sales[j] + smes.unfilledOrders[j]) / smes.price[j];
    smes.orders[j] = orders;
    if (smes.lastOrders[j] > 0) {
      const change = orders / smes.lastOrders[j] - 1;
      if (change > PMI_UNCHANGED_BAND) rising++;
      else if (change >= -PMI_UNCHANGED_BAND) unchanged++;
      reporting++;
    }
    smes.expectedOrders[j] += scenario.sme.expectation_weight * (orders - smes.expectedOrders[j]);
    smeSales += smes.sales[j];
  }
  let largeSales = 0;
  for (let f = 0; f < large.count; f++) {
    large.realSales[f] = large.sales[f] / large.price[f];
    large.expectedSales[f] += scenario.large.expectation_weight * (large.realSales[f] - large.expectedSales[f]);
    large.trendSales[f] += TREND_WEIGHT * (large.realSales[f] - large.trendSales[f]);
    largeSales += large.sales[f];
  }
  const m = world.month_;
  m.pmi = diffusionIndex(rising, unchanged, reporting);
  m.smeSales = smeSales;
  m.largeSales = largeSales;
  m.nominalGdp = smeSales + largeSales;
  m.smeRealOutput = smeSales / market.smePriceIndex;
  m.largeRealOutput = largeSales / market.largePriceIndex;
}
