/**
 * One month, in order (DESIGN.md §4). Each model's month is one flat, numbered list of calls; the
 * numbers are the design's phases, so a reader can follow the month top to bottom.
 */
import type { CheckResult } from './ledger.js';
import type { ExchangeWorld } from './exchangeModel.js';
import { boltzmannExchange, redistributeTowardMean, yardSaleExchange } from './markets/exchange.js';

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
