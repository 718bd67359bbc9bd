/**
 * The economy as a model for the engine: create (allocate, initialise, burn in), the month's closing
 * bookkeeping (expectations, histories), the distribution statistics, and the data contract's columns.
 */
import { economyNetWorth } from '../agents/households.js';
import type { ColumnTable } from './columns.js';
import { initialiseEconomy } from './economyInit.js';
import { allocateEconomyWorld, type EconomyWorld } from './economyWorld.js';
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
    // Expected incomes and mean income for the propensity to consume.
    const h = world.households;
    const weight = scenario.household.income_expectation_weight;
    let total = 0;
    for (let i = 0; i < h.count; i++) {
      h.expectedIncome[i] += weight * (h.disposableIncome[i] - h.expectedIncome[i]);
      total += h.expectedIncome[i];
    }
    market.meanAnnualIncome = (12 * total) / h.count;
  } else if (history.meanRealWage.size === 0) {
    history.meanRealWage.push(m.wages / Math.max(1, m.employed) / market.cpi);
  }
}

/** Distribution statistics shared by the reporters: household net worth (with SME equity) and income. */
export function prepareEconomyMonth(world: EconomyWorld): void {
  const { households: h, smes } = world;
  economyNetWorth(h, h.netWorth);
  for (let j = 0; j < smes.count; j++) h.netWorth[smes.owner[j]] += smes.deposits.values[j] - smes.loans.values[j];
  summarizeDistribution(h.netWorth, world.wealth.scratch, world.wealth.summary);
  summarizeDistribution(h.income, world.income.scratch, world.income.summary);
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
};

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
