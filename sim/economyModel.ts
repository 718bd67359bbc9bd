/**
 * The economy as a model for the engine: create (allocate, initialise, burn in), the month's closing
 * bookkeeping (expectations, histories), the distribution statistics, and the data contract's columns.
 */
import { estimatedPotentialGrowth } from '../agents/government.js';
import { economyNetWorth } from '../agents/households.js';
import type { ColumnTable } from './columns.js';
import { initialiseEconomy } from './economyInit.js';
import { allocateEconomyWorld, type EconomyWorld } from './economyWorld.js';
import { equityMarketValue, politicalPressureIndex, totalAnnualEarnings, updateBubbleIndex, wealthRankingMeasures } from './indices.js';
import { passiveShare } from './markets/equities.js';
import { adaptInPlace } from './kernels.js';
import { sortInto, summarizeDistribution } from './metrics.js';
import { cpiInflation, unemploymentRate } from './policy.js';
import { annualGdp } from './markets/treasuries.js';
import type { EconomyScenario } from './scenarioSchema.js';
import { stepEconomyMonth } from './step.js';

export function createEconomyWorld(scenario: EconomyScenario): EconomyWorld {
  const world = allocateEconomyWorld(scenario);
  initialiseEconomy(world, stepEconomyMonth);
  closeMonthRecords(world, false);
  world.market.realWageAtStart = world.history.meanRealWage.ago(0);
  // The month-0 distribution: the bases of political pressure and the K gap.
  prepareEconomyMonth(world);
  const fin = world.finance;
  fin.kRatioAtStart = fin.kRatio;
  const wages = world.history.meanRealWage;
  const realWageGrowth = wages.size >= 13 ? wages.ago(0) / wages.ago(12) - 1 : 0;
  fin.politicalPressure = politicalPressureIndex(realWageGrowth, world.market.unemploymentAtStart, world.wealth.summary.bottom50Share, world.wealth.summary.top10Share);
  fin.pressureAtStart = fin.politicalPressure;
  return world;
}

/**
 * Phase 8's bookkeeping: histories of the month's aggregates and the expectations formed from them.
 * (`advanceExpectations` false at month 0, whose values are already in place.)
 */
export function closeMonthRecords(world: EconomyWorld, advanceExpectations = true): void {
  const { market, history, scenario } = world;
  const m = world.month_;
  if (advanceExpectations) {
    history.cpi.push(market.cpi);
    history.nominalGdp.push(m.nominalGdp);
    history.realGdp.push(m.smeRealOutput + m.largeRealOutput);
    history.wages.push(m.wages);
    const inflation = cpiInflation(world);
    const b = scenario.bonds;
    // Expectations: an adaptive belief about inflation, anchored to the target by the central bank's
    // credibility — more at long horizons than at short ones.
    const target = scenario.regimes.params.inflation_target;
    // (Held at the month-0 belief during the burn-in: expectations are part of the initial conditions.)
    if (world.recording) market.adaptiveInflation += b.expectation_weight * (inflation - market.adaptiveInflation);
    market.expectedInflation = b.short_run_anchor * target + (1 - b.short_run_anchor) * market.adaptiveInflation;
    market.longExpectedInflation = b.inflation_anchor * target + (1 - b.inflation_anchor) * market.adaptiveInflation;
    const employed = Math.max(1, m.employed);
    history.meanRealWage.push(m.wages / employed / market.cpi);
    const productivity = history.outputPerWorker;
    productivity.push((m.smeRealOutput + m.largeRealOutput) / employed);
    // The treasury's estimate of potential growth follows the trend of output per worker (from month 1's
    // close; the burn-in's months fill the five-year window): its annual rate over the window.
    const adaptation = scenario.government.potential_growth_adaptation_years;
    if (world.recording && adaptation > 0 && productivity.size >= 13) {
      const months = productivity.size - 1;
      const trend = Math.pow(productivity.ago(0) / productivity.ago(months), 12 / months) - 1;
      world.government.potentialGrowth = estimatedPotentialGrowth(world.government.potentialGrowth, trend, adaptation);
    }
    // Expected incomes and mean income for the propensity to consume.
    const h = world.households;
    const weight = scenario.household.income_expectation_weight;
    const total = adaptInPlace(h.expectedIncome, h.disposableIncome, weight, h.count);
    market.meanAnnualIncome = (12 * total) / h.count;
    updateBubbleIndex(world);
  } else if (history.meanRealWage.size === 0) {
    history.meanRealWage.push(m.wages / Math.max(1, m.employed) / market.cpi);
  }
}

/** Distribution statistics shared by the reporters: household net worth (with SME equity) and income. */
export function prepareEconomyMonth(world: EconomyWorld): void {
  const { households: h, smes } = world;
  economyNetWorth(h, h.netWorth);
  addSmeNetWorth(h.netWorth, smes.owner, smes.deposits.values, smes.loans.values, smes.count);
  summarizeDistribution(h.netWorth, world.wealth.scratch, world.wealth.summary);
  summarizeDistribution(h.income, world.income.scratch, world.income.summary);
  const ranking = wealthRankingMeasures(world);
  world.finance.top10EquityShare = ranking.top10EquityShare;
  world.finance.kRatio = ranking.kRatio;
}

/** Each SME's deposits less loans added to its owner's net worth, in SME order: prepareEconomyMonth's loop, as a function of its own (sim/kernels.ts). */
function addSmeNetWorth(netWorth: Float64Array, owner: Int32Array, deposits: Float64Array, loans: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) netWorth[owner[j]] += deposits[j] - loans[j];
}

export function sortedEconomyWealth(world: EconomyWorld): Float64Array {
  return sortInto(world.households.netWorth, world.wealth.scratch);
}

const ratioToGdp = (w: EconomyWorld, x: number) => x / annualGdp(w);

/** Year-on-year change of a history (x_t / x_{t−12} − 1) over twelve-month sums when `summed`. */
function yearOnYear(current: number, yearAgo: number): number {
  return yearAgo > 0 ? current / yearAgo - 1 : 0;
}

export const economyColumns: ColumnTable<EconomyWorld> = {
  gdp_real: (w) => 12 * w.history.realGdp.ago(0),
  sme_output: (w) => 12 * w.month_.smeRealOutput,
  large_output: (w) => 12 * w.month_.largeRealOutput,
  pmi: (w) => w.month_.pmi,
  unemployment: (w) => unemploymentRate(w),
  cpi_inflation: (w) => cpiInflation(w),
  wage_real_index: (w) => (100 * w.history.meanRealWage.ago(0)) / w.market.realWageAtStart,
  policy_rate: (w) => w.centralBank.policyRate,
  yield_10y: (w) => w.market.yield10y,
  real_yield_10y: (w) => w.market.yield10y - w.market.longExpectedInflation,
  term_premium: (w) => w.market.termPremium,
  spread_large: (w) => w.market.spreadLarge,
  spread_sme: (w) => w.month_.smeLoanRate - w.centralBank.policyRate,
  cb_assets: (w) => w.centralBank.bonds.values[0] * w.prices.bonds[0],
  reserves: (w) => sum(w.banks.reserves.values),
  sme_loans: (w) => sum(w.smes.loans.values),
  gov_debt: (w) => w.government.bills.values[0] + w.government.bonds.values[0],
  deficit_gdp: (w) => w.history.deficit.sum(12) / annualGdp(w),
  interest_to_revenue: (w) => w.history.interestNet.sum(12) / w.history.federalRevenue.sum(12),
  bill_share: (w) => w.government.bills.values[0] / (w.government.bills.values[0] + w.government.bonds.values[0]),
  wealth_gini: (w) => w.wealth.summary.gini,
  income_gini: (w) => w.income.summary.gini,
  top1_share: (w) => w.wealth.summary.top1Share,
  top10_share: (w) => w.wealth.summary.top10Share,
  bottom50_share: (w) => w.wealth.summary.bottom50Share,
  sfc_error: (w) => w.sfcError,
  labour_share: (w) => w.history.wages.sum(12) / annualGdp(w),
  debt_gdp: (w) => ratioToGdp(w, w.government.bills.values[0] + w.government.bonds.values[0]),
  cb_assets_gdp: (w) => ratioToGdp(w, w.centralBank.bonds.values[0] * w.prices.bonds[0]),
  reserves_gdp: (w) => ratioToGdp(w, sum(w.banks.reserves.values)),
  sme_employment_share: (w) => w.month_.smeEmployed / Math.max(1, w.month_.employed),
  sme_loan_rate: (w) => w.month_.smeLoanRate,
  negative_networth_share: (w) => w.wealth.summary.nonPositiveShare,
  networth_gdp: (w) => ratioToGdp(w, w.wealth.summary.total),
  gdp_growth: (w) => yearOnYear(w.history.realGdp.sum(12), sumRange(w.history.realGdp, 12, 24)),
  equity_index: (w) => w.finance.equityIndex,
  equity_growth: (w) => w.finance.sectorIndex[0],
  equity_defensive: (w) => w.finance.sectorIndex[1],
  equity_real_assets: (w) => w.finance.sectorIndex[2],
  pe_ratio: (w) => equityMarketValue(w) / Math.max(1e-12, totalAnnualEarnings(w)),
  earnings_yield: (w) => totalAnnualEarnings(w) / equityMarketValue(w),
  equity_risk_premium: (w) => totalAnnualEarnings(w) / equityMarketValue(w) - w.market.yield10y,
  gold_price: (w) => w.funds.goldPrice[0],
  bitcoin_price: (w) => w.funds.bitcoinPrice[0],
  top10_equity_share: (w) => w.finance.top10EquityShare,
  k_gap: (w) => w.finance.kRatio - w.finance.kRatioAtStart,
  profit_top10_share: (w) => topTenShare(w.finance.annualEarnings, null),
  passive_share: (w) => passiveShare(w),
  political_pressure: (w) => w.finance.politicalPressure,
  bubble_index: (w) => w.finance.bubbleIndex,
  top10_firms_value_share: (w) => topTenShare(w.large.shares.values, w.prices.shares),
  equity_net_flow: (w) => w.finance.equityNetFlow,
  equity_market_value: (w) => equityMarketValue(w),
  passive_flow: (w) => w.finance.passiveFlow,
  buybacks: (w) => w.finance.buybacks,
  large_bond_issuance: (w) => w.month_.bondIssuanceLarge,
  gold_net_flow: (w) => w.finance.goldNetFlow,
  bitcoin_net_flow: (w) => w.finance.bitcoinNetFlow,
  redistributing: (w) => (w.finance.redistributing ? 1 : 0),
};

/** Share of the ten largest of `values` (× `prices`, entry by entry, when given) in their positive total. */
function topTenShare(values: Float64Array, prices: Float64Array | null): number {
  const amounts = Array.from(values, (v, f) => Math.max(0, prices ? v * prices[f] : v)).sort((a, b) => b - a);
  let total = 0;
  for (const x of amounts) total += x;
  let top = 0;
  for (let k = 0; k < Math.min(10, amounts.length); k++) top += amounts[k];
  return total > 0 ? top / total : 0;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Sum of the history's values from `from` to `to` − 1 months ago. */
function sumRange(history: EconomyWorld['history']['realGdp'], from: number, to: number): number {
  let total = 0;
  for (let k = from; k < to; k++) total += history.ago(k);
  return total;
}
