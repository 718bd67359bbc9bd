/**
 * One month, in order (DESIGN.md §4). Each model's month is one flat, numbered list of calls; the
 * numbers are the design's phases, so a reader can follow the month top to bottom.
 */
import { closeMonthRecords } from './economyModel.js';
import type { EconomyWorld } from './economyWorld.js';
import type { ExchangeWorld } from './exchangeModel.js';
import { financeGovernment, householdLiquidity, openFiscalMonth } from './fiscal.js';
import { payInterest, payProfits, settleTransfersAndCapitalTax, smeTurnover } from './income.js';
import type { CheckResult } from './ledger.js';
import { rekeyStreams } from './rng.js';
import { householdCredit, largeFirmFinance, setLendingStandards, smeCredit } from './markets/credit.js';
import { boltzmannExchange, redistributeTowardMean, yardSaleExchange } from './markets/exchange.js';
import { governmentPurchases, householdConsumption, investment, recordSales, setPrices, updateSmeMarketShares } from './markets/goods.js';
import { coverOverdrafts, labourMarket, payWages, updateWagesAndProductivity } from './markets/labour.js';
import { assetMarkets } from './markets/equities.js';
import { centralBankOperations, repriceAssets } from './markets/treasuries.js';
import { updatePoliticalPressure } from './indices.js';
import { setPolicyRate, setRegime } from './policy.js';

/** SFC tolerance: a relative discrepancy above this is a bug (DESIGN.md §3). */
export const SFC_TOLERANCE = 1e-9;

/** One month of an exchange-economy lesson. Returns the month's accounting check. */
export function stepExchangeMonth(world: ExchangeWorld): CheckResult {
  const { ledger, households, government, streams } = world;
  const rule = world.scenario.exchange;
  world.month += 1;

  // 0. Open the month's record of flows.
  ledger.clearFlows();

  // 1–6. (No policy, credit, production or fiscal phases in an exchange economy.)

  // 7. Exchange: households trade money by the lesson's rule.
  switch (rule.rule) {
    case 'boltzmann':
      boltzmannExchange(ledger, households.currency, rule.unit, streams.exchange);
      break;
    case 'yard-sale':
      yardSaleExchange(ledger, households.currency, rule.stake_fraction, 0, rule.trades_per_month, streams.exchange);
      break;
    case 'yard-sale-redistribution':
      yardSaleExchange(ledger, households.currency, rule.stake_fraction, rule.zeta, rule.trades_per_month, streams.exchange);
      // Redistribution toward the mean: flat wealth tax χ·w paid back equally.
      redistributeTowardMean(ledger, households.currency, government.currency, rule.chi);
      break;
  }

  // 8. Accounting: stock-flow consistency check.
  const check = ledger.check(SFC_TOLERANCE);
  world.sfcError = check.sfcError;
  return check;
}

/** One month of the economy (DESIGN.md §4). Returns the month's accounting check. */
export function stepEconomyMonth(world: EconomyWorld): CheckResult {
  const { ledger } = world;
  world.month += 1;
  world.clock += 1;

  // 0. Open the month: its random draws (re-keyed: common random numbers month by month), its record of flows.
  rekeyStreams(world.streams, world.scenario.seed, world.clock);
  ledger.clearFlows();
  openFiscalMonth(world);
  world.households.income.fill(0);
  world.households.disposableIncome.fill(0);
  world.smes.profit.fill(0);
  world.large.profit.fill(0);

  // 1. Policy: the regime, the policy rate and the short rates that follow it.
  setRegime(world);
  setPolicyRate(world);

  // 2. Credit: lending standards and rates; SME working capital; household loans; large firms' bonds
  //    (for their needs and the buybacks they plan when the earnings yield beats the after-tax cost of debt).
  setLendingStandards(world);
  smeCredit(world);
  householdCredit(world);
  largeFirmFinance(world);

  // 3. Production and labour: wages and productivity move, jobs end and begin, wages are paid.
  updateWagesAndProductivity(world);
  labourMarket(world);
  payWages(world);
  coverOverdrafts(world);

  // 4. Goods market: prices, market shares, consumption, government purchases, investment; CPI and PMI.
  setPrices(world);
  updateSmeMarketShares(world);
  householdConsumption(world);
  governmentPurchases(world);
  investment(world);
  recordSales(world);

  // 5. Income: interest, profits and dividends, transfers, capital-income tax; SME exits and entries.
  payInterest(world);
  payProfits(world);
  settleTransfersAndCapitalTax(world);
  smeTurnover(world);
  coverOverdrafts(world);

  // 6. Fiscal: households short of cash sell treasuries to banks; the deficit is financed with bills and
  //    bonds; political pressure updates (it decides next month's redistribution).
  householdLiquidity(world);
  financeGovernment(world);
  updatePoliticalPressure(world);

  // 7. Asset markets: the central bank's purchases or run-off; yields and bond prices; then portfolios by
  //    relative attractiveness, retirement flows into the passive fund, buybacks, and prices from flows.
  centralBankOperations(world);
  repriceAssets(world);
  assetMarkets(world);

  // 8. Accounting: stock-flow consistency check; the month's histories and expectations.
  const check = ledger.check(SFC_TOLERANCE);
  world.sfcError = check.sfcError;
  closeMonthRecords(world);
  return check;
}
