/**
 * Phase 5 of the month: income. Interest on deposits, loans, bills, bonds, corporate bonds and reserves;
 * profits, corporate tax and dividends (large firms → funds → unit holders; SMEs → owners; banks →
 * shareholders); transfers; capital-income tax; the central bank's remittance (or deferred loss);
 * insolvent SMEs exit, their loans written off, and new ones enter in their place.
 */
import { EmployerKind, FUND_COUNT } from '../agents/households.js';
import { smeIsInsolvent } from '../agents/smes.js';
import type { EconomyWorld } from './economyWorld.js';
import { potentialGdpPerMonth } from './fiscal.js';
import { mainStreetAmount } from './markets/treasuries.js';
import { Flow, type Book } from './ledger.js';

/** Interest on every interest-bearing claim, paid through the ledger. Households' receipts are capital income. */
export function payInterest(world: EconomyWorld): void {
  const { households: h, smes, large, banks, funds, government, centralBank, ledger, market, scratch } = world;
  // (householdInterest starts each household's capital income for the month: 0 + its deposit interest.)
  const capitalIncome = scratch.capitalIncome;
  banks.profit.fill(0);
  const depositRate = market.depositRate / 12;
  const householdRate = market.householdLoanRate / 12;
  const billRate = market.billRate / 12;
  const coupon = government.coupon / 12;
  // Households, in one pass: interest on deposits less interest on loans, netted between each household
  // and its bank (the sectors' interest flows are the same as gross); bills' and bonds' interest from
  // the government. Chunk by chunk, the amounts (each household's own holdings: arithmetic only), then the
  // chunk's payments through the ledger while its amounts are in cache — in household order, as one pass of
  // each would be: the amounts touch incomes and banks' profits, the payments deposits, reserves and the
  // flow record, and a household's payments change only its own deposits, read before them.
  const netInterest = scratch.householdAmounts;
  const fromTreasury = scratch.householdAmounts2;
  const deposits = h.deposits.values;
  const loans = h.loans.values;
  const bills = h.bills.values;
  const bonds = h.bonds.values;
  const householdBank = h.bank;
  const bankProfit = banks.profit;
  const disposable = h.disposableIncome;
  householdPassSum[0] = 0;
  for (let start = 0; start < h.count; start += CHUNK) {
    const end = Math.min(h.count, start + CHUNK);
    householdInterest(start, end, householdBank, deposits, loans, bills, bonds, depositRate, householdRate, billRate, coupon, netInterest, fromTreasury, bankProfit, capitalIncome, disposable);
    ledger.payNetAndFrom(banks.reserves, householdBank, h.deposits, netInterest, Flow.interest, government.account, fromTreasury, Flow.interest, start, end);
  }
  let interestPaid = householdPassSum[0];
  // SMEs (as many as a tenth of the households): the amounts in a loop of their own, then one ledger pass.
  const smeInterest = scratch.smeAmounts;
  smeDepositInterest(smeInterest, smes.deposits.values, smes.bank, depositRate, bankProfit, smes.count);
  ledger.payNet(banks.reserves, smes.bank, smes.deposits, smeInterest, Flow.interest);
  for (let f = 0; f < large.count; f++) {
    const amount = Math.max(0, large.deposits.values[f]) * depositRate;
    if (amount > 0) {
      ledger.pay(banks.reserves, large.bank[f], large.deposits, f, amount, Flow.interest);
      banks.profit[large.bank[f]] -= amount;
    }
  }
  for (let k = 0; k < funds.count; k++) {
    const amount = Math.max(0, funds.deposits.values[k]) * depositRate;
    if (amount > 0) {
      ledger.pay(banks.reserves, funds.bank[k], funds.deposits, k, amount, Flow.interest);
      banks.profit[funds.bank[k]] -= amount;
    }
  }
  // Loans: borrowers pay their bank.
  smeLoanInterest(smeInterest, smes.loans.values, smes.loanRate, smes.bank, bankProfit, smes.profit, smes.count);
  ledger.payNet(banks.reserves, smes.bank, smes.deposits, smeInterest, Flow.interest);
  const largeLoanRate = (world.centralBank.policyRate + world.scenario.bank.sme_loan_margin * 0.5) / 12;
  for (let f = 0; f < large.count; f++) {
    const amount = large.loans.values[f] * largeLoanRate;
    if (amount <= 0) continue;
    ledger.pay(large.deposits, f, banks.reserves, large.bank[f], amount, Flow.interest);
    banks.profit[large.bank[f]] += amount;
    large.profit[f] -= amount;
  }
  // Treasury bills and bonds held by banks and the central bank.
  for (let b = 0; b < banks.count; b++) {
    const amount = banks.bills.values[b] * billRate + banks.bonds.values[b] * coupon;
    if (amount <= 0) continue;
    ledger.pay(government.account, 0, banks.reserves, b, amount, Flow.interest);
    banks.profit[b] += amount;
    interestPaid += amount;
  }
  const toCentralBank = centralBank.bonds.values[0] * coupon;
  if (toCentralBank > 0) ledger.pay(government.account, 0, centralBank.paying, 0, toCentralBank, Flow.interest);
  government.interestPaid += interestPaid + toCentralBank;
  government.interestToCentralBank += toCentralBank;
  government.spending += interestPaid + toCentralBank;
  // Interest on reserves: the central bank pays banks at the policy rate.
  let onReserves = 0;
  for (let b = 0; b < banks.count; b++) {
    const amount = Math.max(0, banks.reserves.values[b]) * (centralBank.policyRate / 12);
    if (amount <= 0) continue;
    ledger.pay(centralBank.paying, 0, banks.reserves, b, amount, Flow.interest);
    banks.profit[b] += amount;
    onReserves += amount;
  }
  // The central bank's profit: remitted to the treasury, or a deferred loss recovered first.
  let profit = toCentralBank - onReserves;
  if (profit < 0) {
    centralBank.deferredLoss -= profit;
    profit = 0;
  } else if (centralBank.deferredLoss > 0) {
    const recovered = Math.min(profit, centralBank.deferredLoss);
    centralBank.deferredLoss -= recovered;
    profit -= recovered;
  }
  if (profit > 0) {
    ledger.pay(centralBank.paying, 0, government.account, 0, profit, Flow.centralBankRemittance);
    government.remittances += profit;
  }
  // Corporate bond coupons: firms pay, households (the holders) receive in proportion to holdings.
  const coupons = scratch.largeAmounts;
  let totalCoupons = 0;
  for (let f = 0; f < large.count; f++) {
    coupons[f] = (large.bonds.values[f] * large.coupon[f]) / 12;
    large.profit[f] -= coupons[f];
    totalCoupons += coupons[f];
  }
  const held = sumOf(h.corporateBonds.values);
  if (totalCoupons > 0 && held > 0) {
    const receipts = scratch.householdAmounts;
    proportionalSharesToIncome(receipts, capitalIncome, h.corporateBonds.values, held, totalCoupons, h.count);
    ledger.settleDeposits(large.deposits, coupons, h.deposits, receipts, Flow.interest);
  }
}


/** out[i] = (v[i] / total) · amount, added to capitalIncome[i]: each household's share of a payment by its holding, in one pass. */
function proportionalSharesToIncome(out: Float64Array, capitalIncome: Float64Array, v: Float64Array, total: number, amount: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const share = (v[i] / total) * amount;
    out[i] = share;
    capitalIncome[i] += share;
  }
}

/**
 * Households per call of the household passes of `payInterest` and `settleTransfersAndCapitalTax`: called
 * many times a month, they are compiled whole rather than on stack (see BULK_CHUNK in sim/ledger.ts).
 */
const CHUNK = 4096;

/** Each household's interest with its bank (net) and from the treasury, and its capital income for the month begun (0 + interest on deposits, + the treasury's), for households start…end − 1: the loop of `payInterest`. Adds the treasury's interest paid to `householdPassSum[0]`. */
function householdInterest(
  start: number,
  end: number,
  householdBank: Int32Array,
  deposits: Float64Array,
  loans: Float64Array,
  bills: Float64Array,
  bonds: Float64Array,
  depositRate: number,
  householdRate: number,
  billRate: number,
  coupon: number,
  netInterest: Float64Array,
  fromTreasury: Float64Array,
  bankProfit: Float64Array,
  capitalIncome: Float64Array,
  disposable: Float64Array,
): void {
  // The treasury's interest is added into a typed array, not carried in a local variable across the loop
  // (code compiled on stack keeps a carried double as an allocated number every turn).
  const sums = householdPassSum;
  for (let i = start; i < end; i++) {
    const bank = householdBank[i];
    const onDeposits = Math.max(0, deposits[i]) * depositRate;
    const onLoans = loans[i] * householdRate;
    netInterest[i] = onDeposits - onLoans;
    bankProfit[bank] += onLoans - onDeposits;
    capitalIncome[i] = 0 + onDeposits;
    disposable[i] -= onLoans;
    const treasury = bills[i] * billRate + bonds[i] * coupon;
    fromTreasury[i] = treasury;
    if (treasury > 0) {
      capitalIncome[i] += treasury;
      sums[0] += treasury;
    }
  }
}

/** The running total of `householdInterest` (the treasury's interest) and of `equityHoldingsOfSix` (all equity). */
const householdPassSum = new Float64Array(1);

/** SMEs' interest on deposits (paid by their banks): payInterest's loop, as a function of its own. */
function smeDepositInterest(out: Float64Array, deposits: Float64Array, bankOf: Int32Array, depositRate: number, bankProfit: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const amount = Math.max(0, deposits[j]) * depositRate;
    out[j] = 0;
    if (amount > 0) {
      out[j] = amount;
      bankProfit[bankOf[j]] -= amount;
    }
  }
}

/** SMEs' interest on loans (paid to their banks, so negative in `out`): payInterest's loop, as a function of its own. */
function smeLoanInterest(out: Float64Array, loans: Float64Array, loanRate: Float64Array, bankOf: Int32Array, bankProfit: Float64Array, profit: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const amount = (loans[j] * loanRate[j]) / 12;
    out[j] = 0;
    if (amount <= 0) continue;
    out[j] = -amount;
    bankProfit[bankOf[j]] += amount;
    profit[j] -= amount;
  }
}

/** SMEs' profits and dividends to their owners (added to the owners' capital income): payProfits' loop, as a function of its own. */
function smeDividendsOf(
  out: Float64Array,
  profits: Float64Array,
  sales: Float64Array,
  wageBill: Float64Array,
  deposits: Float64Array,
  loans: Float64Array,
  owner: Int32Array,
  capitalIncome: Float64Array,
  cashBufferMonths: number,
  payout: number,
  n: number,
): void {
  for (let j = 0; j < n; j++) {
    const profit = profits[j] + sales[j] - wageBill[j];
    profits[j] = profit;
    // Paid out of equity only: cash beyond the buffer that is not owed to the bank.
    const spare = deposits[j] - Math.max(0, loans[j]) - cashBufferMonths * wageBill[j];
    const dividend = Math.min(Math.max(0, profit * payout), Math.max(0, spare));
    out[j] = 0;
    if (dividend > 0) {
      out[j] = dividend;
      capitalIncome[owner[j]] += dividend;
    }
  }
}

/**
 * Each fund's dividend per unit this month (0 for a fund that pays none) and net asset value, for
 * `fundIncomeAndEquity`.
 */
const perUnits = new Float64Array(FUND_COUNT);
const navs = new Float64Array(FUND_COUNT);

/**
 * For households start…end − 1, with the model's six funds: out[i] = Σ perUnit[k] · units[k][i], the
 * household's dividends from the funds (from 0, in fund order; a fund that pays nothing adds 0 · units,
 * a zero that leaves the sum as it is), added to capitalIncome[i] when `toIncome`; and equity[i] =
 * Σ units[k][i] · nav[k], its fund units at net asset value (from 0, in fund order), whose total in
 * household order is added to `householdPassSum[0]`. One pass over the six funds' holdings for both (they
 * were two: the dividends, then the holdings for the banks' dividends — no unit or net asset value changes
 * in between). A chunk function (compiled whole, not on stack), so the total is carried in a local.
 */
function fundIncomeAndEquity(
  start: number,
  end: number,
  out: Float64Array,
  equity: Float64Array,
  capitalIncome: Float64Array,
  units0: Float64Array,
  units1: Float64Array,
  units2: Float64Array,
  units3: Float64Array,
  units4: Float64Array,
  units5: Float64Array,
  perUnit0: number,
  perUnit1: number,
  perUnit2: number,
  perUnit3: number,
  perUnit4: number,
  perUnit5: number,
  nav0: number,
  nav1: number,
  nav2: number,
  nav3: number,
  nav4: number,
  nav5: number,
  toIncome: boolean,
): void {
  let total = householdPassSum[0];
  for (let i = start; i < end; i++) {
    const u0 = units0[i];
    const u1 = units1[i];
    const u2 = units2[i];
    const u3 = units3[i];
    const u4 = units4[i];
    const u5 = units5[i];
    let due = 0;
    due += perUnit0 * u0;
    due += perUnit1 * u1;
    due += perUnit2 * u2;
    due += perUnit3 * u3;
    due += perUnit4 * u4;
    due += perUnit5 * u5;
    out[i] = due;
    if (toIncome) capitalIncome[i] += due;
    let held = 0;
    held += u0 * nav0;
    held += u1 * nav1;
    held += u2 * nav2;
    held += u3 * nav3;
    held += u4 * nav4;
    held += u5 * nav5;
    equity[i] = held;
    total += held;
  }
  householdPassSum[0] = total;
}

/** out[i] = (amount · weights[i]) / total, added to capitalIncome[i] (a household's share of a payout by its weight). */
function shareOut(out: Float64Array, weights: Float64Array, capitalIncome: Float64Array, amount: number, total: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const share = (amount * weights[i]) / total;
    out[i] = share;
    capitalIncome[i] += share;
  }
}

/** Totals of `transferAmountsOf`: transfers, capital tax, redistribution, wealth tax. */
const transferTotals = new Float64Array(4);

/** Each household's transfer, capital tax and (when redistributing) wealth tax, and its incomes, for households start…end − 1: the loop of `settleTransfersAndCapitalTax`. Adds to `transferTotals`. */
function transferAmountsOf(
  start: number,
  end: number,
  employerKind: Uint8Array,
  lastWage: Float64Array,
  capitalIncome: Float64Array,
  netWorth: Float64Array,
  deposits: Float64Array,
  baseTransfer: number,
  replacement: number,
  rate: number,
  redistributing: boolean,
  extra: number,
  wealthTax: number,
  wealthThreshold: number,
  transferAmounts: Float64Array,
  taxAmounts: Float64Array,
  wealthTaxAmounts: Float64Array,
  grossIncome: Float64Array,
  disposable: Float64Array,
): void {
  // The totals are carried in local variables over the chunk and stored after it (the same additions in the
  // same order): added into `transferTotals` itself, each total was a chain of loads and stores through
  // memory, household after household. A chunk function, optimized whole rather than on stack (`CHUNK`), so
  // the code after the loop has its type feedback (sim/kernels.ts).
  const totals = transferTotals;
  let transfers = totals[0];
  let taxes = totals[1];
  let redistributed = totals[2];
  let wealthTaxes = totals[3];
  for (let i = start; i < end; i++) {
    let transfer = baseTransfer;
    if (employerKind[i] === EmployerKind.none) transfer += replacement * lastWage[i];
    const income = capitalIncome[i];
    const tax = Math.max(0, income) * rate;
    if (redistributing) {
      const onWealth = wealthTax > 0 && netWorth[i] > wealthThreshold ? Math.min(wealthTax * (netWorth[i] - wealthThreshold), Math.max(0, deposits[i] + transfer + extra - tax)) : 0;
      wealthTaxAmounts[i] = onWealth;
      redistributed += extra;
      wealthTaxes += onWealth;
      grossIncome[i] += extra;
      disposable[i] += extra - onWealth;
    }
    transferAmounts[i] = transfer;
    taxAmounts[i] = tax;
    grossIncome[i] += transfer + income;
    disposable[i] += transfer + income - tax;
    transfers += transfer;
    taxes += tax;
  }
  totals[0] = transfers;
  totals[1] = taxes;
  totals[2] = redistributed;
  totals[3] = wealthTaxes;
}

/**
 * Workers of the SMEs marked in `exited` (1, else 0) lose their jobs (a loop of its own: sim/kernels.ts).
 * Without a branch on the household's employer kind, as good as random from one household to the next (the
 * processor mispredicted it about half the time): every household reads a mark, its SME's when it works at
 * one and entry 0's otherwise (the employer masked to 0), kept only for an SME's worker; the one branch left,
 * on a worker of an exiting SME, is rarely taken.
 */
function endJobsAt(exited: Uint8Array, employerKind: Uint8Array, employer: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const atSme = employerKind[i] & EmployerKind.sme;
    if ((exited[employer[i] & -atSme] & atSme) !== 0) {
      employerKind[i] = EmployerKind.none;
      employer[i] = -1;
    }
  }
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Share of cash beyond its needs that a large firm pays out each month. */
const EXCESS_CASH_PAYOUT = 0.1;

/**
 * Large firms' profits, corporate tax and dividends (to the funds that hold their shares, which pass them
 * on to their unit holders); SMEs' dividends to their owners; banks' dividends to shareholders.
 */
export function payProfits(world: EconomyWorld): void {
  const { households: h, smes, large, banks, funds, government, ledger, scratch, scenario } = world;
  const capitalIncome = scratch.capitalIncome;
  const lf = scenario.large;
  // Large firms: profit = sales − wages − interest − depreciation − taxes on production (interest already deducted).
  const fundReceipts = scratch.fundAmounts;
  fundReceipts.fill(0);
  let corporateTax = 0;
  let productionTaxes = 0;
  const productionTaxRate = scenario.government.production_tax_rate;
  for (let f = 0; f < large.count; f++) {
    const depreciation = (world.market.capitalDepreciation / 12) * large.capital.values[f] * large.capital.price[0];
    // Taxes on production: a share of sales, owed whatever the profit (the price is gross of them).
    const productionTax = productionTaxRate * large.sales[f];
    if (productionTax > 0) ledger.pay(large.deposits, f, government.account, 0, productionTax, Flow.taxes);
    productionTaxes += productionTax;
    const profit = large.profit[f] + large.sales[f] - large.wageBill[f] - depreciation - productionTax;
    large.profit[f] = profit;
    const tax = Math.max(0, profit) * scenario.government.corporate_tax_rate;
    if (tax > 0) ledger.pay(large.deposits, f, government.account, 0, tax, Flow.taxes);
    corporateTax += tax;
    // Dividends: the payout share of after-tax profit, plus cash beyond what the firm needs (its buffer
    // and next month's investment) — retained cash piling up would drain the economy's spending.
    // (Cash borrowed for this month's planned buybacks is not spare: it is spent in phase 7.)
    const needed = lf.cash_buffer_months * large.wageBill[f] + large.investment[f] + large.buybackPlan[f];
    const excess = EXCESS_CASH_PAYOUT * Math.max(0, large.deposits.values[f] - tax - needed);
    const dividend = Math.min(Math.max(0, (profit - tax) * lf.payout) + excess, Math.max(0, large.deposits.values[f] - tax));
    large.earnings[f] = profit - tax;
    world.finance.annualEarnings[f] += (12 * (profit - tax) - world.finance.annualEarnings[f]) / 12;
    large.dividends[f] = dividend;
    if (dividend <= 0) continue;
    const outstanding = large.shares.values[f];
    for (let k = 0; k < funds.count; k++) {
      const amount = (dividend * funds.shares[k].values[f]) / outstanding;
      if (amount <= 0) continue;
      ledger.pay(large.deposits, f, funds.deposits, k, amount, Flow.dividends);
      fundReceipts[k] += amount;
    }
  }
  government.revenue += productionTaxes + corporateTax;
  // Funds pass their dividends on to unit holders: each household's due from all funds, in one settlement
  // (deposits are one kind of money, so the funds pay their holders together).
  const perHousehold = scratch.householdAmounts;
  let fundTotal = 0;
  const fundCount = h.fundUnits.length;
  // Households hold the model's six funds (FUND_COUNT): the pass below is written out for six.
  if (fundCount !== 6 || funds.count !== fundCount) throw new Error(`payProfits: written out for the model's 6 funds (FUND_COUNT ${FUND_COUNT}), found ${fundCount}`);
  for (let k = 0; k < funds.count; k++) {
    const paid = fundReceipts[k];
    const units = funds.units[k].values[0];
    perUnits[k] = 0;
    navs[k] = h.fundUnits[k].price[0];
    if (paid <= 0 || units <= 0) {
      fundReceipts[k] = 0;
      continue;
    }
    fundTotal += paid;
    perUnits[k] = paid / units;
  }
  // Each household's due from all paying funds (in fund order), added to its capital income, and its fund
  // units at net asset value (the weights of the banks' dividends below), in one pass, chunk by chunk.
  const equityHeld = scratch.householdAmounts2;
  const toIncome = fundTotal > 0;
  const u = h.fundUnits;
  householdPassSum[0] = 0;
  for (let start = 0; start < h.count; start += CHUNK) {
    fundIncomeAndEquity(
      start, Math.min(h.count, start + CHUNK), perHousehold, equityHeld, capitalIncome, u[0].values, u[1].values, u[2].values, u[3].values, u[4].values, u[5].values,
      perUnits[0], perUnits[1], perUnits[2], perUnits[3], perUnits[4], perUnits[5], navs[0], navs[1], navs[2], navs[3], navs[4], navs[5], toIncome,
    );
  }
  const equity = householdPassSum[0];
  if (fundTotal > 0) ledger.settle(funds.deposits, fundReceipts, h.deposits, perHousehold, Flow.dividends);
  // SMEs: profit = sales − wages − interest; dividends to the owner out of cash beyond the buffer.
  // (Each SME's dividend from its own accounts, then the payments in one ledger pass, in SME order.)
  const sme = scenario.sme;
  const smeDividends = scratch.smeAmounts;
  smeDividendsOf(smeDividends, smes.profit, smes.sales, smes.wageBill, smes.deposits.values, smes.loans.values, smes.owner, capitalIncome, sme.cash_buffer_months, sme.dividend_payout, smes.count);
  ledger.payEachToIndex(smes.deposits, smeDividends, h.deposits, smes.owner, Flow.dividends);
  // Banks: dividends to shareholders, in proportion to their fund units (their equity wealth).
  const bankPay = scratch.bankAmounts;
  let bankDividends = 0;
  const bondPrice = world.prices.bonds[0];
  for (let b = 0; b < banks.count; b++) {
    // A bank above its capital target pays out all its profit; below it, the payout share.
    const loans = banks.loans.values[b];
    const capital = banks.reserves.values[b] + loans + banks.bills.values[b] + banks.bonds.values[b] * bondPrice - banks.deposits.values[b];
    const payout = loans > 0 && capital / loans > 1.2 * scenario.bank.capital_target ? 1 : scenario.bank.payout;
    bankPay[b] = Math.max(0, Math.min(banks.profit[b] * payout, banks.reserves.values[b]));
    bankDividends += bankPay[b];
  }
  if (bankDividends > 0) {
    shareOut(perHousehold, equityHeld, capitalIncome, bankDividends, equity, h.count);
    ledger.settle(banks.reserves, bankPay, h.deposits, perHousehold, Flow.dividends);
  }
}

/**
 * The government and each household settle the month: transfers (the lump sum every household receives,
 * plus unemployment benefits) one way, the tax on the household's interest and dividends the other — two
 * flows, one movement of money. The month's gross and disposable incomes are completed here.
 */
export function settleTransfersAndCapitalTax(world: EconomyWorld): void {
  const { households: h, government, ledger, market, scenario, scratch } = world;
  const replacement = scenario.household.unemployment_replacement;
  const rate = scenario.government.capital_tax_rate;
  const capitalIncome = scratch.capitalIncome;
  // Redistribution under political pressure: an equal extra transfer, and optionally a tax on net worth
  // above the 99th percentile (last month's ranking), paid out of deposits.
  const redistributing = world.finance.redistributing;
  const extra = redistributing ? (scenario.government.redistribution_transfers_gdp * potentialGdpPerMonth(world)) / h.count : 0;
  // Main-Street liquidity: the central bank's money paid out as equal transfers (it buys the bonds in phase 7).
  const mainStreet = world.recording && scenario.central_bank.main_street_in.includes(market.regime) ? mainStreetAmount(world) / h.count : 0;
  const wealthTax = redistributing ? scenario.government.wealth_tax / 12 : 0;
  const wealthThreshold = world.wealth.summary.p99;
  // Chunk by chunk, the amounts (arithmetic on each household's own deposits, read before its own
  // payments), then the chunk's payments through the ledger while its amounts are in cache — in household
  // order, as one pass of each would be (the amounts touch incomes, the payments deposits, the treasury's
  // account and the flow record).
  const transferAmounts = scratch.householdAmounts;
  const taxAmounts = scratch.householdAmounts2;
  const wealthTaxAmounts = scratch.householdAmounts3;
  const employerKind = h.employerKind;
  const lastWage = h.lastWage;
  const netWorth = h.netWorth;
  const deposits = h.deposits.values;
  const grossIncome = h.income;
  const disposable = h.disposableIncome;
  const baseTransfer = market.transferPerHousehold + mainStreet;
  transferTotals.fill(0);
  for (let start = 0; start < h.count; start += CHUNK) {
    const end = Math.min(h.count, start + CHUNK);
    transferAmountsOf(
      start, end, employerKind, lastWage, capitalIncome, netWorth, deposits, baseTransfer, replacement, rate, redistributing, extra, wealthTax, wealthThreshold,
      transferAmounts, taxAmounts, wealthTaxAmounts, grossIncome, disposable,
    );
    ledger.payBothWaysEach(
      government.account, h.deposits, redistributing ? extra : null, Flow.redistribution, wealthTaxAmounts, Flow.taxes, transferAmounts, Flow.transfers, taxAmounts, Flow.taxes, start, end,
    );
  }
  const transfers = transferTotals[0];
  const revenue = transferTotals[1];
  const redistributed = transferTotals[2];
  const wealthTaxes = transferTotals[3];
  government.spending += transfers + redistributed;
  government.revenue += revenue + wealthTaxes;
}

/**
 * Insolvent SMEs exit: deposits repay what they can, the rest of the loan is written off (the bank's
 * loss), workers lose their jobs; a new SME takes the slot (and its customers) with capital injected by a
 * household drawn among those who can afford it.
 */
export function smeTurnover(world: EconomyWorld): void {
  const { smes, households: h, banks, ledger, scenario, streams } = world;
  const rng = streams.entry;
  const exited = world.scratch.smeExited;
  exited.fill(0);
  let exits = 0;
  let writeOffs = 0;
  for (let j = 0; j < smes.count; j++) {
    const netWorth = smes.deposits.values[j] - smes.loans.values[j];
    if (!smeIsInsolvent(netWorth, Math.max(smes.sales[j], smes.expectedOrders[j] * smes.price[j]), scenario.sme.exit_net_worth_months)) continue;
    exits++;
    exited[j] = 1;
    const bank = smes.bank[j];
    const repay = Math.min(Math.max(0, smes.deposits.values[j]), smes.loans.values[j]);
    if (repay > 0) ledger.repay(banks.loans, bank, smes.loans, j, smes.deposits, repay);
    const loss = smes.loans.values[j];
    if (loss > 0) {
      ledger.writeOff(banks.loans, bank, smes.loans, j, loss);
      banks.profit[bank] -= loss;
      writeOffs += loss;
    }
    // Capital for the entrant: about two months of the slot's expected sales, from a household that can afford it.
    const capital = 2 * smes.expectedOrders[j] * smes.price[j];
    let owner = smes.owner[j];
    for (let tries = 0; tries < 20; tries++) {
      const candidate = Math.floor(rng.next() * h.count);
      if (h.deposits.values[candidate] > 4 * capital) {
        owner = candidate;
        break;
      }
    }
    smes.owner[j] = owner;
    const injection = Math.min(capital, Math.max(0, h.deposits.values[owner]));
    if (injection > 0) ledger.pay(h.deposits, owner, smes.deposits, j, injection, Flow.capitalTransfers);
    smes.expectedOrders[j] *= 0.8;
    smes.labour[j] = 0;
    // The entrant starts at the market's mean price.
  }
  // Workers of exiting firms lose their jobs (the entrant hires afresh).
  if (exits > 0) endJobsAt(exited, h.employerKind, h.employer, h.count);
  world.month_.smeExits = exits;
  world.month_.writeOffs = writeOffs;
}
