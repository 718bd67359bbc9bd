/**
 * Phase 2 of the month: credit. Banks set lending standards and loan rates; SMEs borrow working capital,
 * rationed by the standards, and repay when flush; households move their loans toward a target set by
 * income and standards; large firms borrow in the bond market at the 10-year yield plus a spread.
 */
import { lendingStandards, smeLoanRate } from '../../agents/banks.js';
import { householdLoanChange } from '../../agents/households.js';
import { largeBondSpread, searchForYieldSpread } from '../../agents/largeFirms.js';
import { smeAffordableLabour, smeCreditLimit, smeDesiredLabour, smeEquityWithdrawal, smeLineCut, smeLoanRequest } from '../../agents/smes.js';
import type { EconomyWorld } from '../economyWorld.js';
import { proportionalShares, scaleInPlace, sumArray } from '../kernels.js';
import { Flow } from '../ledger.js';
import { planBuybacks } from './equities.js';
import { neutralPolicyRate, unemploymentRate } from '../policy.js';

/** Lending standards of each bank, from the policy rate, the regime and the bank's capital. */
export function setLendingStandards(world: EconomyWorld): void {
  const { banks } = world;
  const p = world.scenario.bank;
  const regimeTightening = p.standards_regime[world.market.regime];
  const bondPrice = world.prices.bonds[0];
  for (let b = 0; b < banks.count; b++) {
    const loans = banks.loans.values[b];
    const netWorth = banks.reserves.values[b] + loans + banks.bills.values[b] + banks.bonds.values[b] * bondPrice - banks.deposits.values[b];
    const capitalRatio = loans > 0 ? netWorth / loans : 1;
    const liquidity = banks.deposits.values[b] > 0 ? banks.reserves.values[b] / banks.deposits.values[b] : 0;
    const liquidityGain = world.recording ? liquidity - world.market.reserveRatioAtStart : 0;
    banks.standards[b] = lendingStandards(
      p.standards_rate_sensitivity,
      world.centralBank.policyRate,
      neutralPolicyRate(world),
      regimeTightening,
      p.capital_target,
      capitalRatio,
      p.standards_liquidity_sensitivity,
      liquidityGain,
    );
  }
  world.market.householdLoanRate = world.market.yield10y + p.household_loan_margin;
}

/** Share of an SME's credit line that comes up for review each month (borrowing bases and covenants are checked about quarterly). */
const SME_LINE_RENEWAL_SHARE = 1 / 4;

/** Cash an SME asks to hold beyond next month's wage bill and interest, in months of wage bill. */
const REQUEST_BUFFER_MONTHS = 0.25;

/**
 * SMEs: the owner takes out equity beyond the buffer; loan rates; credit lines above the bank's limit are
 * cut as they come up for renewal; working-capital loans up to the limit (the rest of the request is
 * rationed: `creditShortfall`); repayments out of cash beyond the buffer; each SME's labour plan, at most
 * the payroll its cash covers. With little equity cash a firm's payroll rests on its line, so its bank's
 * standards — and the reserves that ease them — reach its hiring and, through smeCapacity, its output.
 */
export function smeCredit(world: EconomyWorld): void {
  const { smes, banks, ledger, market } = world;
  const p = world.scenario.bank;
  const sme = world.scenario.sme;
  const n = smes.count;
  if (smePlans.withdrawals.length < n) smePlans = newSmePlans(n);
  const plans = smePlans;
  const sums = smeLoanSums;
  sums[0] = 0;
  sums[1] = 0;
  const h = world.households;
  // The policy rate and the SME wage read once, before the loops (nothing in them changes them): read in
  // them, each check of their objects' shapes could send a loop back to the interpreter when a shape
  // changed (the market record gains fields as the run goes on).
  const policyRate = world.centralBank.policyRate;
  const smeWage = market.smeWage;
  // A chunk of SMEs at a time: each firm's decisions (arithmetic on its own balances), then the money
  // through the ledger, firm by firm in the order the decisions had it move (`payAndLendEachRange`: the
  // owner's draw, the line cut, the new loan or repayment), then the labour plans on the balances after it.
  // The draws were one `pay` call each (not inlined: no feedback when the loop was first compiled, as no
  // firm has a payroll in the first month), each waiting in turn on a cache miss for its owner's bank and
  // deposits (owners are scattered among all households); the ledger's pass fetches a chunk's owners first.
  for (let start = 0; start < n; start += SME_CHUNK) {
    const end = Math.min(n, start + SME_CHUNK);
    smeFinancePlans(
      plans, smes.deposits.values, smes.loans.values, smes.wageBill, smes.expectedOrders, smes.price, smes.productivity, smes.bank, banks.standards,
      smes.loanRate, smes.creditShortfall, policyRate, p.sme_loan_margin, p.risk_premium_sensitivity, p.sme_max_leverage, sme.cash_buffer_months, smeWage, start, end,
    );
    ledger.payAndLendEachRange(
      smes.deposits, plans.withdrawals, h.deposits, smes.owner, Flow.capitalTransfers, banks.loans, smes.bank, smes.loans, plans.cuts, plans.loanChanges, start, end,
    );
    smeLabourPlans(plans, smes.deposits.values, smes.loans.values, smes.loanRate, smes.desiredLabour, smes.affordableLabour, smeWage, start, end);
  }
  const loanWeighted = sums[0];
  const loanTotal = sums[1];
  world.month_.smeLoanRate = loanTotal > 0 ? loanWeighted / loanTotal : world.centralBank.policyRate + p.sme_loan_margin;
}

/** SMEs per chunk of `smeCredit`. */
const SME_CHUNK = 4096;

/** `smeCredit`'s per-SME plans: the owner's draw, the line cut, the new loan (> 0) or repayment (< 0), and the labour wanted and interest due (for the labour plans). */
interface SmePlans {
  withdrawals: Float64Array;
  cuts: Float64Array;
  loanChanges: Float64Array;
  wanted: Float64Array;
  interestDue: Float64Array;
}

function newSmePlans(n: number): SmePlans {
  return { withdrawals: new Float64Array(n), cuts: new Float64Array(n), loanChanges: new Float64Array(n), wanted: new Float64Array(n), interestDue: new Float64Array(n) };
}

/** Allocated once (at the first month, or again if there are more SMEs). */
let smePlans = newSmePlans(0);

/**
 * `smeCredit`'s decisions for SMEs start…end − 1: the owner's draw of equity beyond the buffer (none from a
 * firm without a payroll last month), the loan rate, the part of a line above the limit called as it comes
 * up for renewal, and a working-capital loan up to the limit (the rest rationed: `creditShortfall`) or a
 * repayment out of cash beyond the buffer. Each step reads the firm's cash and loans after the steps before
 * it, as the ledger will leave them (a draw x − d, a cut x − c: the ledger adds −c, which rounds alike).
 */
function smeFinancePlans(
  plans: SmePlans,
  deposits: Float64Array,
  loans: Float64Array,
  lastWageBill: Float64Array,
  expectedOrders: Float64Array,
  price: Float64Array,
  productivity: Float64Array,
  bankOf: Int32Array,
  standards: Float64Array,
  loanRate: Float64Array,
  creditShortfall: Float64Array,
  policyRate: number,
  margin: number,
  riskSensitivity: number,
  maxLeverage: number,
  bufferMonths: number,
  smeWage: number,
  start: number,
  end: number,
): void {
  const { withdrawals, cuts, loanChanges, wanted: wantedOut, interestDue: interestOut } = plans;
  for (let j = start; j < end; j++) {
    // The owner takes out equity beyond the buffer, set by last month's payroll (none from a firm without one).
    const withdrawal = smeEquityWithdrawal(deposits[j], loans[j], bufferMonths, lastWageBill[j]);
    const drawn = withdrawal > 0 && lastWageBill[j] > 0;
    withdrawals[j] = drawn ? withdrawal : 0;
    const cash = drawn ? deposits[j] - withdrawal : deposits[j];
    const expectedSales = expectedOrders[j] * price[j];
    const leverage = loans[j] / Math.max(expectedSales, 1e-9);
    const rate = smeLoanRate(policyRate, margin, riskSensitivity, leverage);
    loanRate[j] = rate;
    const wanted = smeDesiredLabour(expectedOrders[j], productivity[j]);
    const wageBill = wanted * smeWage;
    const interestDue = (loans[j] * rate) / 12;
    wantedOut[j] = wanted;
    interestOut[j] = interestDue;
    const limit = smeCreditLimit(standards[bankOf[j]], maxLeverage, expectedSales);
    // A line above the limit is cut as it comes up for renewal.
    const called = smeLineCut(loans[j], limit, cash, SME_LINE_RENEWAL_SHARE);
    cuts[j] = called > 0 ? called : 0;
    const cashLeft = called > 0 ? cash - called : cash;
    const loansLeft = called > 0 ? loans[j] - called : loans[j];
    const request = smeLoanRequest(wageBill, interestDue, REQUEST_BUFFER_MONTHS, cashLeft);
    if (request > 0) {
      const room = limit - loansLeft;
      const granted = Math.min(request, Math.max(0, room));
      creditShortfall[j] = request - granted;
      loanChanges[j] = granted > 0 ? granted : 0;
    } else {
      creditShortfall[j] = 0;
      // Repay out of cash beyond the buffer.
      const spare = cashLeft - wageBill * (1 + bufferMonths) - interestDue;
      const repayment = Math.min(loansLeft, Math.max(0, 0.5 * spare));
      loanChanges[j] = repayment > 0 ? -repayment : 0;
    }
  }
}

/**
 * `smeCredit`'s labour plans for SMEs start…end − 1, on their cash and loans after the month's credit:
 * the labour a firm can commit to (a payroll its cash covers with the buffer it asked for), at most the
 * labour it wants; and Σ rate · loan and Σ loan added to `smeLoanSums` in SME order.
 */
function smeLabourPlans(
  plans: SmePlans,
  deposits: Float64Array,
  loans: Float64Array,
  loanRate: Float64Array,
  desiredLabour: Float64Array,
  affordableLabour: Float64Array,
  smeWage: number,
  start: number,
  end: number,
): void {
  const { wanted, interestDue } = plans;
  let weighted = smeLoanSums[0];
  let total = smeLoanSums[1];
  for (let j = start; j < end; j++) {
    const affordable = smeAffordableLabour(deposits[j], interestDue[j], REQUEST_BUFFER_MONTHS, smeWage);
    desiredLabour[j] = Math.min(wanted[j], affordable);
    affordableLabour[j] = affordable;
    weighted += loanRate[j] * loans[j];
    total += loans[j];
  }
  smeLoanSums[0] = weighted;
  smeLoanSums[1] = total;
}

/** `smeCredit`'s sums: Σ rate · loan and Σ loan over the SMEs, in SME order (carried in locals within a chunk). */
const smeLoanSums = new Float64Array(2);

/** Households per chunk of `householdCredit` and per call of `bondCapacity`. */
const HOUSEHOLD_CHUNK = 4096;

/**
 * Households move their bank loans part of the way to target (`householdLoanChange`: loan-to-income ×
 * annual wage, scaled down by standards), a chunk of households at a time: each household's new loan
 * (> 0) or repayment (< 0), the households that borrow or repay listed, then their loans moved through the
 * ledger, in household order (`lendListed`). A household's amount reads only its own loan and deposits,
 * which only its own loan moves, so the chunks give the numbers one pass over all households would.
 */
export function householdCredit(world: EconomyWorld): void {
  const { households: h, banks, ledger } = world;
  const p = world.scenario.household;
  const changes = world.scratch.householdAmounts;
  const listed = borrowersListed;
  const n = h.count;
  for (let start = 0; start < n; start += HOUSEHOLD_CHUNK) {
    const end = Math.min(n, start + HOUSEHOLD_CHUNK);
    const count = loanChangesChunk(changes, listed, h.loanToIncome, h.loans.values, h.deposits.values, h.employerKind, h.wage, h.bank, banks.standards, p.loan_adjustment, start, end);
    ledger.lendListed(banks.loans, h.bank, h.loans, h.deposits, changes, listed, count);
  }
}

/**
 * householdCredit's decisions for households start…end − 1 (`householdLoanChange`): out[i] the loan
 * household i takes (> 0) or repays (< 0), or 0; the households whose amount is not zero written to
 * `listed` in order, their count returned. Each household is written at the next place in the list and
 * kept only if it borrows or repays (k += whether it does), not by a branch on it: a quarter of households
 * have no loan and take none, scattered among the borrowers, so that the processor could not predict the
 * branch (the decision's own branches it mostly can: few repay). Those households are passed over without
 * reading the rest of their record (the decision gives them 0).
 */
function loanChangesChunk(
  out: Float64Array,
  listed: Int32Array,
  loanToIncome: Float64Array,
  loans: Float64Array,
  deposits: Float64Array,
  employerKind: Uint8Array,
  wage: Float64Array,
  bankOf: Int32Array,
  standards: Float64Array,
  adjustment: number,
  start: number,
  end: number,
): number {
  let k = 0;
  for (let i = start; i < end; i++) {
    const ratio = loanToIncome[i];
    const loan = loans[i];
    const amount = ratio === 0 && loan === 0 ? 0 : householdLoanChange(ratio, loan, deposits[i], employerKind[i] !== 0, wage[i], standards[bankOf[i]], adjustment);
    out[i] = amount;
    listed[k] = i;
    k += Number(amount !== 0);
  }
  return k;
}

/** `householdCredit`'s list of the households in a chunk that borrow or repay. */
const borrowersListed = new Int32Array(HOUSEHOLD_CHUNK);

/**
 * Large firms: the bond spread, and bond issuance to cover the month's wage bill, planned investment and
 * maturing bonds beyond their cash buffer. New bonds are bought by households in proportion to the bonds
 * they already hold; maturing bonds are repaid to them likewise.
 */
export function largeFirmFinance(world: EconomyWorld): void {
  const { large, households: h, ledger, market, scratch } = world;
  const p = world.scenario.large;
  const cyclical = largeBondSpread(p.bond_spread, p.spread_unemployment_sensitivity, unemploymentRate(world), market.unemploymentAtStart);
  const realYield = market.yield10y - market.longExpectedInflation;
  market.spreadLarge = world.recording ? searchForYieldSpread(cyclical, world.scenario.markets.spread_search_for_yield, realYield, world.finance.realYieldAtStart) : cyclical;
  planBuybacks(world);
  const newRate = market.yield10y + market.spreadLarge;
  const issue = scratch.largeAmounts;
  const repay = scratch.largeAmounts2;
  let totalIssue = 0;
  let totalRepay = 0;
  for (let f = 0; f < large.count; f++) {
    const maturing = large.bonds.values[f] / (12 * p.bond_maturity_years);
    // Needs: the cash buffer, investment, maturing bonds and planned buybacks (borrowing to buy back shares).
    const needs = large.wageBill[f] * p.cash_buffer_months + large.investment[f] + maturing + large.buybackPlan[f] - large.deposits.values[f];
    issue[f] = Math.max(0, needs);
    repay[f] = maturing;
    totalIssue += issue[f];
    totalRepay += repay[f];
    // The average coupon drifts toward the new rate as bonds are refinanced.
    const face = large.bonds.values[f];
    const after = face - maturing + issue[f];
    if (after > 0) large.coupon[f] = (large.coupon[f] * (face - maturing) + newRate * issue[f]) / after;
    large.bondIssuance[f] = issue[f];
  }
  world.month_.bondIssuanceLarge = totalIssue;
  // Repay maturing bonds to holders in proportion to holdings.
  const holdings = h.corporateBonds.values;
  const held = sumArray(holdings, h.count);
  const perHousehold = scratch.householdAmounts;
  if (totalRepay > 0 && held > 0) {
    proportionalShares(perHousehold, holdings, held, totalRepay, h.count);
    // The bonds and the money in one pass (redeemAcross, then settleDeposits with the firms paying).
    ledger.redeemAndSettleAcross(h.corporateBonds, perHousehold, large.bonds, repay, h.deposits, large.deposits);
  }
  if (totalIssue > 0) {
    // Buyers: existing holders, in proportion to holdings, up to half their cash beyond four months of income.
    const deposits = h.deposits.values;
    capacitySum[0] = 0;
    for (let start = 0; start < h.count; start += HOUSEHOLD_CHUNK) {
      bondCapacity(perHousehold, deposits, h.expectedIncome, holdings, held, totalIssue, start, Math.min(h.count, start + HOUSEHOLD_CHUNK));
    }
    const capacity = capacitySum[0];
    const placed = Math.min(totalIssue, capacity);
    const scale = capacity > 0 ? placed / capacity : 0;
    const firmScale = totalIssue > 0 ? placed / totalIssue : 0;
    scaleInPlace(perHousehold, scale, h.count);
    for (let f = 0; f < large.count; f++) {
      issue[f] *= firmScale;
      large.bondIssuance[f] = issue[f];
    }
    world.month_.bondIssuanceLarge = placed;
    // The bonds and the money in one pass (issueAcross, then settleDeposits with the holders paying).
    ledger.issueAndSettleAcross(h.corporateBonds, perHousehold, large.bonds, issue, h.deposits, large.deposits);
  }
}

// largeFirmFinance's household loop as a function of its own, so the compiler optimizes it whole (see sim/kernels.ts).
/**
 * Each household's capacity to buy new bonds, for households start…end − 1, its total added to
 * `capacitySum[0]` in household order. Called a chunk at a time (HOUSEHOLD_CHUNK households), it is
 * compiled whole rather than on stack, so the total is carried in a local over the chunk (a loop once over
 * every household, compiled on stack, would keep it as an allocated number every turn) and stored after it.
 */
function bondCapacity(out: Float64Array, deposits: Float64Array, expectedIncome: Float64Array, holdings: Float64Array, held: number, totalIssue: number, start: number, end: number): void {
  let total = capacitySum[0];
  for (let i = start; i < end; i++) {
    const spare = Math.max(0, deposits[i] - 4 * Math.max(0, expectedIncome[i]));
    const capacity = held > 0 ? Math.min(0.5 * spare, (holdings[i] / held) * totalIssue * 4) : 0.5 * spare;
    out[i] = capacity;
    total += capacity;
  }
  capacitySum[0] = total;
}

/** `bondCapacity`'s running total. */
const capacitySum = new Float64Array(1);

