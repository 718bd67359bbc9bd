/**
 * The economy at month 0 (CALIBRATION.md): who works where, at what wage and productivity, what every
 * agent owns and owes. Flows are made consistent by construction — firms' prices cover their costs at
 * the sector markups, demand matches their planned sales, the labour market is at its steady state —
 * and a burn-in then lets expectations, employment and year-on-year rates settle. After the burn-in the
 * balance sheet is set to the month-0 targets (all stocks issued anew through the ledger, each claim with
 * its counterpart), so stock ratios start on target and flow measures come from the model's own history.
 */
import { desiredConsumption, EmployerKind, type EconomyHouseholds, labourTax, propensityToConsume, wealthEffectBase } from '../agents/households.js';
import { automatedCapitalIntensity, automatedDepreciation, LargeSector } from '../agents/largeFirms.js';
import { BITCOIN_TRUST, GOLD_TRUST, netAssetValue, PASSIVE_FUND } from '../agents/funds.js';
import { calibrateConstants, wealthClass } from '../agents/portfolio.js';
import { PORTFOLIO_ASSETS, PortfolioAsset, RISKY_ASSETS, WEALTH_CLASS_BOUNDS, WEALTH_CLASSES, type EconomyWorld } from './economyWorld.js';
import { calibrateExitRates, classExtraUtility, currentRiskCharges, formExpectations, householdTargets, passiveShare, portfolioWealth, retirementFlows, RISKY_FUND, setClassTargets } from './markets/equities.js';
import { BANK_BILL_SHARE } from './fiscal.js';
import { accurateSum, type Book, type Ledger } from './ledger.js';
import { normalUserCost } from './markets/goods.js';
import { bondPrice, expectedAverageRate, longRunExpectedInflation, privateBondsToGdp } from './markets/treasuries.js';
import { standardNormal, type RandomStream } from './rng.js';

/** Lognormal draw with mean 1: exp(σz − σ²/2). */
function lognormalMeanOne(stream: RandomStream, sigma: number): number {
  return Math.exp(sigma * standardNormal(stream) - (sigma * sigma) / 2);
}

/**
 * Stratified Pareto draws (minimum 1, tail exponent α) for n agents: agent k gets the quantile of stratum
 * π(k) of n equal strata (π a random permutation), at a uniform point of the stratum's middle half.
 */
function stratifiedPareto(stream: RandomStream, alpha: number, n: number, give: (k: number, x: number) => void): void {
  const stratum = new Int32Array(n);
  for (let k = 0; k < n; k++) stratum[k] = k;
  for (let a = n - 1; a > 0; a--) {
    const b = Math.floor(stream.next() * (a + 1));
    const t = stratum[a];
    stratum[a] = stratum[b];
    stratum[b] = t;
  }
  for (let k = 0; k < n; k++) give(k, Math.pow(1 - (stratum[k] + 0.25 + 0.5 * stream.next()) / n, -1 / alpha));
}

/** Gains of the burn-in's calibration of the consumption level: on the unemployment gap and on its monthly change. */
const BURN_IN_GAIN = 0.4;
const BURN_IN_DAMPING = 5;
/** Months at the end of the burn-in in which the calibrated level runs free (month-0 readings are the model’s own). */
const BURN_IN_FREE_MONTHS = 6;

/** Per-household weights for allocating each kind of wealth (set once, reused when stocks are reset). */
interface Allocation {
  /** Latent wealth score: skill^2.5 × a Pareto factor of tail exponent 1.5 (Klass et al. 2006). */
  wealthScore: Float64Array;
  homeowner: Uint8Array;
  equityHolder: Uint8Array;
  bitcoinHolder: Uint8Array;
}

const allocations = new WeakMap<EconomyWorld, Allocation>();

/** Build the economy's month-0 state, run the burn-in and set the opening balance sheet. */
export function initialiseEconomy(world: EconomyWorld, step: (world: EconomyWorld) => unknown): void {
  const s = world.scenario;
  const rng = world.streams.init;
  const { households: h, smes, large, banks, funds, market } = world;
  const monthlyGdp = s.start.nominal_gdp / 12;
  const B = banks.count;

  // --- Households: skill, employment, banks. ---------------------------------------------------------------
  for (let i = 0; i < h.count; i++) {
    h.skill[i] = lognormalMeanOne(rng, s.household.skill_dispersion);
    h.skillTaxPower[i] = Math.pow(h.skill[i], 1 - s.government.labour_tax_progressivity);
    h.contributionPower[i] = Math.pow(h.skill[i], s.markets.contribution_progressivity);
    h.bank[i] = i % B;
  }
  for (let j = 0; j < smes.count; j++) smes.bank[j] = j % B;
  for (let f = 0; f < large.count; f++) large.bank[f] = f % B;
  for (let k = 0; k < funds.count; k++) funds.bank[k] = k % B;

  // --- Large firms: sectors (equal numbers) and sizes (Pareto within sector, scaled to sector shares). ----
  const sectorShares = [s.large.sector_shares.growth, s.large.sector_shares.defensive, s.large.sector_shares.real_assets];
  const shareSum = sectorShares[0] + sectorShares[1] + sectorShares[2];
  const sectorTotals = [0, 0, 0];
  for (let f = 0; f < large.count; f++) {
    large.sector[f] = (f * 3) / large.count < 1 ? LargeSector.growth : (f * 3) / large.count < 2 ? LargeSector.defensive : LargeSector.realAssets;
  }
  // Stratified draws: the firms of a sector take the Pareto quantiles of n equal strata, in random order, each
  // at a random point of the middle half of its stratum — the same Pareto law, without the seed-to-seed swings
  // in concentration that a handful of extreme draws give among ~100 firms.
  for (let sector = 0; sector < 3; sector++) {
    const members: number[] = [];
    for (let f = 0; f < large.count; f++) if (large.sector[f] === sector) members.push(f);
    stratifiedPareto(rng, s.large.size_dispersion, members.length, (k, x) => {
      large.size[members[k]] = x;
      sectorTotals[sector] += x;
    });
  }
  for (let f = 0; f < large.count; f++) large.size[f] = (large.size[f] / sectorTotals[large.sector[f]]) * (sectorShares[large.sector[f]] / shareSum);

  // --- Prices at 1; unit costs from markups: labour's share of unit cost per sector. ------------------------
  const yield10y = startingYield(world);
  market.longExpectedInflation = longRunExpectedInflation(s.regimes.params.inflation_target, s.start.inflation, s.bonds.inflation_anchor);
  // Ordinary capital's normal user cost u₀, then the composite stock with automation capital in it.
  const ordinaryUserCost = normalUserCost(world, s.large.depreciation);
  market.capitalDepreciation = automatedDepreciation(s.large.automation, ordinaryUserCost, s.large.depreciation, s.large.automation_depreciation);
  const userCost = normalUserCost(world);
  const capitalPerOutput = 12 * automatedCapitalIntensity(s.large.capital_output, s.large.automation, ordinaryUserCost, s.large.depreciation, s.large.automation_depreciation);
  const markups = [s.large.markups.growth, s.large.markups.defensive, s.large.markups.real_assets];
  const labourCostShare = markups.map((m) => Math.max(0.05, 1 / (1 + m) - (userCost / 12) * capitalPerOutput));
  let averageLabourCostShare = 0;
  for (let f = 0; f < large.count; f++) averageLabourCostShare += large.size[f] * labourCostShare[large.sector[f]];

  // --- Sales: SME and large shares of GDP from the SME employment share (see the module note). -------------
  const smeMarkup = s.sme.markup;
  const k = s.start.sme_employment_share / (1 - s.start.sme_employment_share);
  const smeSales = (k * averageLabourCostShare * monthlyGdp) / (1 / ((1 + smeMarkup) * s.start.sme_wage_ratio) + k * averageLabourCostShare);
  const largeSales = monthlyGdp - smeSales;

  // --- Employment: the unemployed at random; the employed fill SMEs, then large firms, in random order. ----
  const employed: number[] = [];
  for (let i = 0; i < h.count; i++) {
    if (rng.next() < s.start.unemployment) h.employerKind[i] = EmployerKind.none;
    else employed.push(i);
  }
  for (let a = employed.length - 1; a > 0; a--) {
    const b = Math.floor(rng.next() * (a + 1));
    [employed[a], employed[b]] = [employed[b], employed[a]];
  }
  let employedSkill = 0;
  for (const i of employed) employedSkill += h.skill[i];
  // Labour (skill units) each firm needs, given wages W_L and W_S = ratio·W_L:
  // SME: sales/((1+μ)·W_S); large: labour share of unit cost × sales / W_L.
  const largeWage = (smeSales / ((1 + smeMarkup) * s.start.sme_wage_ratio) + averageLabourCostShare * largeSales) / employedSkill;
  const smeWage = s.start.sme_wage_ratio * largeWage;
  market.largeWage = largeWage;
  market.smeWage = smeWage;
  const smeSize = new Float64Array(smes.count);
  let smeSizeTotal = 0;
  for (let j = 0; j < smes.count; j++) {
    smeSize[j] = lognormalMeanOne(rng, 0.8);
    smeSizeTotal += smeSize[j];
  }
  const smeNeed = new Float64Array(smes.count);
  for (let j = 0; j < smes.count; j++) smeNeed[j] = ((smeSize[j] / smeSizeTotal) * smeSales) / ((1 + smeMarkup) * smeWage);
  const largeNeed = new Float64Array(large.count);
  for (let f = 0; f < large.count; f++) largeNeed[f] = (labourCostShare[large.sector[f]] * large.size[f] * largeSales) / largeWage;
  // Each household goes to the firm whose slice of the cumulative labour need its skill falls in, so every
  // firm gets its share (within one worker) and none is left without workers while others have extra.
  const firmCount = smes.count + large.count;
  const cumulativeNeed = new Float64Array(firmCount);
  let needTotal = 0;
  for (let j = 0; j < smes.count; j++) cumulativeNeed[j] = needTotal += smeNeed[j];
  for (let f = 0; f < large.count; f++) cumulativeNeed[smes.count + f] = needTotal += largeNeed[f];
  let position = 0;
  for (const i of employed) {
    const point = ((position + h.skill[i] / 2) / employedSkill) * needTotal;
    position += h.skill[i];
    let lo = 0;
    let hi = firmCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulativeNeed[mid] > point) hi = mid;
      else lo = mid + 1;
    }
    if (lo < smes.count) {
      h.employerKind[i] = EmployerKind.sme;
      h.employer[i] = lo;
      smes.labour[lo] += h.skill[i];
    } else {
      h.employerKind[i] = EmployerKind.large;
      h.employer[i] = lo - smes.count;
      large.labour[lo - smes.count] += h.skill[i];
    }
  }

  // --- Firms' productivity, expectations and capital, consistent with their labour at price 1. ------------
  for (let j = 0; j < smes.count; j++) {
    smes.price[j] = 1;
    smes.productivity[j] = (1 + smeMarkup) * smeWage;
    smes.expectedOrders[j] = smes.productivity[j] * smes.labour[j];
    smes.orders[j] = smes.expectedOrders[j];
    smes.lastOrders[j] = smes.expectedOrders[j];
    smes.desiredLabour[j] = smes.labour[j];
  }
  for (let f = 0; f < large.count; f++) {
    large.price[f] = 1;
    large.basePrice[f] = 1;
    large.productivity[f] = largeWage / labourCostShare[large.sector[f]];
    large.capitalPerOutput[f] = capitalPerOutput;
    large.expectedSales[f] = large.labour[f] * large.productivity[f];
    large.realSales[f] = large.expectedSales[f];
    large.trendSales[f] = large.expectedSales[f];
    large.desiredLabour[f] = large.labour[f];
    world.ledger.formCapital(large.capital, f, (capitalPerOutput * large.expectedSales[f]) / s.large.normal_utilisation);
    large.coupon[f] = yield10y + s.large.bond_spread;
  }

  // --- Demand: investment by the firms' own rule; consumption the rest of GDP net of purchases. -----------
  let investment = 0;
  for (let f = 0; f < large.count; f++) investment += (market.capitalDepreciation / 12) * large.capital.values[f];
  const purchases = s.government.purchases_gdp * monthlyGdp;
  const consumption = monthlyGdp - purchases - investment;
  market.smeConsumptionShare = (smeSales - purchases * s.government.sme_purchase_share) / consumption;
  market.governmentPurchases = purchases;

  // --- Market-wide state. ----------------------------------------------------------------------------------
  market.cpi = 1;
  market.cpiAtStart = 1;
  market.housePriceAtStart = 1;
  market.adaptiveInflation = s.start.inflation;
  market.expectedInflation = longRunExpectedInflation(s.regimes.params.inflation_target, s.start.inflation, s.bonds.short_run_anchor);
  market.longExpectedInflation = longRunExpectedInflation(s.regimes.params.inflation_target, s.start.inflation, s.bonds.inflation_anchor);
  market.yield10y = yield10y;
  market.spreadLarge = s.large.bond_spread;
  market.unemploymentAtStart = s.start.unemployment;
  world.centralBank.policyRate = s.start.policy_rate;
  market.realRateAtStart = s.start.policy_rate - s.start.inflation;
  market.transmittedRealRate = market.realRateAtStart;
  market.userCostAtStart = market.capitalDepreciation + yield10y + s.large.bond_spread;
  market.billRate = s.start.policy_rate;
  market.depositRate = s.bank.deposit_rate_passthrough * s.start.policy_rate;
  market.householdLoanRate = yield10y + s.bank.household_loan_margin;
  const employedShare = employed.length / h.count;
  market.normalTightness = (s.household.separation_rate * employedShare) / (1 - employedShare);
  market.tightness = market.normalTightness;
  market.matchingEfficiency = Math.sqrt(market.normalTightness);
  world.government.coupon = s.start.bond_coupon;
  world.prices.bonds[0] = bondPrice(s.start.bond_coupon, yield10y, s.bonds.maturity_years);

  // --- Wealth: latent scores and holdings. ------------------------------------------------------------------
  const allocation: Allocation = {
    wealthScore: new Float64Array(h.count),
    homeowner: new Uint8Array(h.count),
    equityHolder: new Uint8Array(h.count),
    bitcoinHolder: new Uint8Array(h.count),
  };
  // The Pareto factor is drawn stratified (see stratifiedPareto): the same tail, without the seed-to-seed
  // swings in top shares that a few extreme draws give at 20,000 households. Wealth rises steeply with skill
  // (skill^2.5: wealth is far more concentrated than earnings, and high earners save more — Dynan, Skinner &
  // Zeldes 2004), which also puts capital income where the wages are high (income Gini ~0.5).
  const paretoFactor = new Float64Array(h.count);
  stratifiedPareto(rng, 1.5, h.count, (i, x) => (paretoFactor[i] = x));
  for (let i = 0; i < h.count; i++) {
    const score = Math.pow(h.skill[i], 2.5) * paretoFactor[i];
    allocation.wealthScore[i] = score;
    // Home ownership rises with wealth from a floor of 10%: households with little wealth mostly rent. (At
    // month 0 ~46% own, below the SCF's ~65%: owners' houses are valued by score^0.2, and more owners at the
    // bottom would lift the bottom half's wealth share above its band.)
    allocation.homeowner[i] = rng.next() < Math.min(0.95, 0.1 + 0.4 * Math.log1p(score)) ? 1 : 0;
    allocation.equityHolder[i] = rng.next() < Math.min(0.98, 0.3 + 0.3 * Math.log1p(score)) ? 1 : 0;
    // Bitcoin: ~15% of households (Pew 2024: 17% have ever owned crypto), younger and less wealthy than equity holders.
    allocation.bitcoinHolder[i] = rng.next() < 0.15 ? 1 : 0;
    const borrows = rng.next();
    const amount = 0.5 + rng.next();
    // Loans: mortgages of homeowners; consumer credit (student, auto and card debt, about a third of
    // household debt — New York Fed, Household Debt and Credit, 2025) for most renters, at 0.6–1.8 years of
    // wages (1.2 on average: with little else, they are the households at net worth ≤ 0 — SCF 2022: ~8–10%).
    // (The loans are the target stock spread by these weights: they set who owes, not how much in all.)
    if (allocation.homeowner[i] === 1) h.loanToIncome[i] = borrows < s.household.mortgage_holders / 0.65 ? s.household.loan_to_income * amount : 0;
    else h.loanToIncome[i] = borrows < 0.8 ? 1.2 * amount : 0;
  }
  for (let j = 0; j < smes.count; j++) smes.marketShare[j] = smeSize[j] / smeSizeTotal;
  smes.orderShare.set(smes.marketShare);
  allocations.set(world, allocation);
  // SME owners: drawn in proportion to wealth scores.
  const cumulative = new Float64Array(h.count);
  let running = 0;
  for (let i = 0; i < h.count; i++) cumulative[i] = running += allocation.wealthScore[i];
  for (let j = 0; j < smes.count; j++) {
    const point = rng.next() * running;
    let lo = 0;
    let hi = h.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > point) hi = mid;
      else lo = mid + 1;
    }
    smes.owner[j] = lo;
  }

  // --- Government: tax level and transfers for the calibrated flows. ---------------------------------------
  let wageSum = 0;
  let wagePower = 0;
  for (const i of employed) {
    const wage = (h.employerKind[i] === EmployerKind.sme ? smeWage : largeWage) * h.skill[i];
    h.wage[i] = wage;
    h.lastWage[i] = wage;
    wageSum += wage;
  }
  const meanWage = wageSum / employed.length;
  const tau = s.government.labour_tax_progressivity;
  const meanWagePower = Math.pow(meanWage, tau);
  for (const i of employed) wagePower += Math.pow(h.wage[i], 1 - tau) * meanWagePower;
  world.government.labourTaxLevel = ((1 - s.government.labour_tax_rate) * wageSum) / wagePower;
  let benefits = 0;
  for (let i = 0; i < h.count; i++) {
    if (h.employerKind[i] === EmployerKind.none) {
      h.lastWage[i] = smeWage * h.skill[i];
      benefits += s.household.unemployment_replacement * h.lastWage[i];
    }
  }
  market.transferShareOfPotential = Math.max(0, s.government.transfers_gdp * monthlyGdp - benefits) / monthlyGdp;
  market.transferPerHousehold = (market.transferShareOfPotential * monthlyGdp) / h.count;
  market.potentialReal = monthlyGdp;
  market.potentialBaseCpi = 1;
  world.government.potentialGrowth = s.government.potential_growth;

  // --- Opening balance sheet, expected incomes and the consumption level. ----------------------------------
  setBalanceSheet(world, s.start.nominal_gdp);
  market.privateBondsToGdpAtStart = privateBondsToGdp(world);
  for (let i = 0; i < h.count; i++) {
    const wage = h.wage[i];
    const net = wage - labourTax(wage, meanWage, world.government.labourTaxLevel, tau);
    const benefit = h.employerKind[i] === EmployerKind.none ? s.household.unemployment_replacement * h.lastWage[i] : 0;
    h.expectedIncome[i] = net + benefit + market.transferPerHousehold + expectedCapitalIncome(world, i);
  }
  // SME owners expect the firm's profit (markup over the wage bill, less interest), paid out as dividends.
  for (let j = 0; j < smes.count; j++) {
    const sales = smes.expectedOrders[j] * smes.price[j];
    const profit = (smeMarkup / (1 + smeMarkup)) * sales - (smes.loans.values[j] * (s.start.policy_rate + s.bank.sme_loan_margin)) / 12;
    h.expectedIncome[smes.owner[j]] += Math.max(0, profit) * s.sme.dividend_payout * (1 - s.government.capital_tax_rate);
  }
  market.meanAnnualIncome = (12 * accurateSum(h.expectedIncome)) / h.count;
  calibrateConsumption(world, consumption);

  // Histories before the burn-in: a steady path at the starting inflation and growth.
  const growth = s.start.real_growth;
  for (let m = 24; m >= 1; m--) {
    world.history.cpi.push(Math.pow(1 + s.start.inflation, -m / 12));
    world.history.nominalGdp.push(monthlyGdp * Math.pow((1 + s.start.inflation) * (1 + growth), -m / 12));
    world.history.realGdp.push(monthlyGdp * Math.pow(1 + growth, -m / 12));
  }
  world.ledger.startAccounting();

  // --- Burn-in, then the month-0 balance sheet. ----------------------------------------------------------------
  world.recording = false;
  world.month = -s.economy.burn_in_months;
  let lastUnemployment = s.start.unemployment;
  for (let m = 0; m < s.economy.burn_in_months; m++) {
    step(world);
    // Calibration in the burn-in: the level of consumption (households' patience, the one free level
    // parameter of demand) moves until unemployment sits at its month-0 rate.
    // A proportional-derivative step: the gap to the target, and its change (which damps the cycle).
    const unemployment = world.month_.unemployed / Math.max(1, world.month_.unemployed + world.month_.employed);
    const change = m === 0 ? 0 : unemployment - lastUnemployment;
    lastUnemployment = unemployment;
    // The last months of the burn-in run free, so month-0 readings are the model's own dynamics.
    if (m < s.economy.burn_in_months - BURN_IN_FREE_MONTHS) {
      market.consumptionScale *= Math.max(0.99, Math.min(1.01, 1 + BURN_IN_GAIN * (unemployment - s.start.unemployment) + BURN_IN_DAMPING * change));
    }
    // Normal tightness: the vacancy/unemployment ratio the labour market shows around the month-0 rate.
    market.normalTightness += 0.1 * (market.tightness - market.normalTightness);
  }
  world.month = 0;
  const gdp = world.history.nominalGdp.sum(12);
  // Potential GDP re-based on the economy the burn-in settled into: the last twelve months' average, centred
  // 5.5 months back, carried forward to this month at their own growth (the average alone sat ~2% below
  // this month's GDP, and purchases and transfers indexed to it fell by as much in month 1).
  const nominalGdpHistory = world.history.nominalGdp;
  market.potentialReal = (gdp / 12) * Math.pow(nominalGdpHistory.ago(0) / nominalGdpHistory.ago(11), 5.5 / 11);
  market.potentialBaseCpi = market.cpi;
  // Month-0 yields: the term premium at its base (the month-0 bond supply defines the base), the bond price
  // from them; then the balance sheet at that price.
  market.termPremium = s.bonds.term_premium_base;
  market.yield10y = expectedAverageRate(world.centralBank.policyRate, s.central_bank.neutral_real_rate + market.longExpectedInflation, s.bonds.rate_persistence) + market.termPremium;
  world.prices.bonds[0] = bondPrice(world.government.coupon, market.yield10y, s.bonds.maturity_years);
  setBalanceSheet(world, gdp);
  market.privateBondsToGdpAtStart = privateBondsToGdp(world);
  market.cpiAtStart = market.cpi;
  market.housePriceAtStart = world.prices.housing[0];
  market.reserveRatioAtStart = sumOf(banks.reserves.values) / sumOf(banks.deposits.values);
  calibratePortfolios(world);
  // Month 0's flows are the last burn-in month's (for the month-0 transactions-flow matrix); the stocks
  // are the month-0 balance sheet just set, from which month 1 is checked.
  const ledger = world.ledger;
  const lastFlows = [ledger.flowMatrix.slice(), ledger.saving.slice(), ledger.revaluation.slice(), ledger.otherChanges.slice()];
  ledger.startAccounting();
  ledger.flowMatrix.set(lastFlows[0]);
  ledger.saving.set(lastFlows[1]);
  ledger.revaluation.set(lastFlows[2]);
  ledger.otherChanges.set(lastFlows[3]);
  world.recording = true;
}

/**
 * A household's expected monthly capital income after tax, less loan interest: interest on deposits,
 * bills, bonds and corporate bonds, and dividends at the funds' payout of earnings (the month-0 rates).
 */
function expectedCapitalIncome(world: EconomyWorld, i: number): number {
  const s = world.scenario;
  const { households: h, market, government } = world;
  // Large firms pay out nearly all after-tax earnings (the payout share plus cash beyond their needs).
  const dividendYield = 0.9 * s.start.earnings_yield;
  let funds = 0;
  for (const units of h.fundUnits) funds += units.values[i] * units.price[0];
  const corporateCoupon = market.yield10y + s.large.bond_spread;
  const received =
    Math.max(0, h.deposits.values[i]) * market.depositRate +
    h.bills.values[i] * market.billRate +
    h.bonds.values[i] * government.coupon +
    h.corporateBonds.values[i] * corporateCoupon +
    funds * dividendYield;
  return (received * (1 - s.government.capital_tax_rate) - h.loans.values[i] * market.householdLoanRate) / 12;
}

/** The 10-year yield the month-0 policy rate and term premium imply. */
function startingYield(world: EconomyWorld): number {
  const s = world.scenario;
  const longInflation = longRunExpectedInflation(s.regimes.params.inflation_target, s.start.inflation, s.bonds.inflation_anchor);
  return expectedAverageRate(s.start.policy_rate, s.central_bank.neutral_real_rate + longInflation, s.bonds.rate_persistence) + s.bonds.term_premium_base;
}

/**
 * Set every financial stock (and housing) to the month-0 targets for annual GDP `gdp`: clear the books,
 * then issue each claim with its counterpart through the ledger. Real capital of firms is kept, and after the
 * burn-in so are firms' cash and SMEs' loans (the burn-in's, not targets: see below).
 */
export function setBalanceSheet(world: EconomyWorld, gdp: number): void {
  const s = world.scenario;
  const st = s.start;
  const { households: h, smes, large, banks, funds, government: g, centralBank: cb, ledger } = world;
  const allocation = allocations.get(world)!;
  // Firms' cash is kept as the burn-in left it (there is no month-0 target for it, and resetting it to
  // the buffer would cut the payouts households live on in month 1), and SMEs' loans with it; before the
  // burn-in, the buffers and the loan target.
  const keptCash = world.clock > 0 ? { large: large.deposits.values.slice(), smes: smes.deposits.values.slice(), smeLoans: smes.loans.values.slice() } : null;
  for (const book of ledger.books) if (book !== large.capital) book.values.fill(0);
  const bondPrice = world.prices.bonds[0];
  const B = banks.count;

  // Treasuries and the central bank.
  const debt = st.gov_debt_gdp * gdp;
  const bills = st.bill_share * debt;
  const bondFace = debt - bills;
  const cbFace = Math.min(bondFace, (st.cb_assets_gdp * gdp) / bondPrice);
  ledger.issue(cb.bonds, 0, g.bonds, 0, cbFace);
  const bankBondFace = Math.min(bondFace - cbFace, (st.bank_bonds_gdp * gdp) / bondPrice);
  const bankBills = bills * BANK_BILL_SHARE;
  for (let b = 0; b < B; b++) {
    ledger.issue(banks.bonds, b, g.bonds, 0, bankBondFace / B);
    ledger.issue(banks.bills, b, g.bills, 0, bankBills / B);
    ledger.issue(banks.reserves, b, cb.accounts, 0, (st.reserves_gdp * gdp) / B);
  }
  ledger.issue(g.account, 0, cb.accounts, 0, st.treasury_account_gdp * gdp);
  g.accountTarget = st.treasury_account_gdp * gdp;

  // Household weights.
  const score = allocation.wealthScore;
  const weights = world.scratch.householdAmounts;
  // Each distribution: the weights and their sum in a loop of their own (a kernel per kind of weight,
  // below), then `total · weight / sum` issued to each household with a positive weight, in household order.
  const n = h.count;
  // Weights by wealth score. `above(c)` fades a weight out below the score c: holdings of bonds and equities
  // are rare in the bottom half (Fed DFA 2025: the bottom 50% hold ~1% of equities and mutual funds, the top
  // 10% ~87%, the top 1% ~50%). Where the model holds more of its wealth in equities than the US does
  // (equity value is earnings / earnings yield), the top 1% get less than half of them, so that their share of
  // net worth stays near the DFA's ~31%; other wealth (housing, deposits, bonds) is held more evenly.
  // (`above` in the kernels: 1 / ((1 + c / score) · (1 + c / score)).)
  issueShares(bills - bankBills, weights, bondWeights(weights, score, n), h.bills.values, g.bills.values, n);
  issueShares(bondFace - cbFace - bankBondFace, weights, bondWeights(weights, score, n), h.bonds.values, g.bonds.values, n);
  issueShares(st.currency_gdp * gdp, weights, currencyWeights(weights, score, n), h.currency.values, cb.currencyIssued.values, n);
  const housingSum = housingWeights(weights, allocation.homeowner, score, n);
  if (housingSum > 0) formHousing(ledger, h.housing, world.prices.housing, st.housing_gdp * gdp, weights, housingSum, n);

  // Corporate bonds: issued by large firms in proportion to size, held by households by wealth.
  const corporate = st.corporate_bonds_gdp * gdp;
  const issuers = world.scratch.largeAmounts;
  for (let f = 0; f < large.count; f++) issuers[f] = corporate * large.size[f];
  bondWeights(weights, score, n);
  const weightSum = sumOf(weights);
  sharesOf(weights, corporate, weightSum, n);
  ledger.issueAcross(h.corporateBonds, weights, large.bonds, issuers);

  // Loans: households with a loan target, SMEs in proportion to sales.
  const householdLoans = st.household_loans_gdp * gdp;
  issueSharesAt(householdLoans, weights, loanWeights(weights, h.loanToIncome, h.lastWage, n), h.loans.values, banks.loans.values, h.bank, n);
  let smeSales = 0;
  for (let j = 0; j < smes.count; j++) smeSales += smes.expectedOrders[j] * smes.price[j];
  // Before the burn-in, SME loans at the target in proportion to sales; at month 0 each SME keeps the loans
  // and cash the burn-in left it, as large firms keep their cash. The model's SMEs borrow on working-capital
  // lines only (payroll, smeCredit), so the burn-in settles their loans at what that rule holds (~2% of GDP),
  // below FDIC's ~5%, most of which finances equipment and property the model's SMEs do not have; resetting
  // them to the target made SMEs repay 60% of it within six months of month 0.
  for (let j = 0; j < smes.count; j++) {
    const sales = smes.expectedOrders[j] * smes.price[j];
    const loan = keptCash ? keptCash.smeLoans[j] : (st.sme_loans_gdp * gdp * sales) / smeSales;
    ledger.issue(banks.loans, smes.bank[j], smes.loans, j, loan);
    const cash = keptCash ? keptCash.smes[j] : st.sme_capital_months * sales;
    ledger.issue(smes.deposits, j, banks.deposits, smes.bank[j], Math.max(0, cash));
  }

  // Large firms: deposits (cash buffer), and shares priced at their sector's earnings yield — the market
  // as a whole at start.earnings_yield, growth firms dearer than defensive and real-asset ones — held by
  // the funds. Earnings: the trailing earnings the burn-in produced (a formula before it).
  const sharePrices = world.prices.shares;
  const fin = world.finance;
  const relativePe = [st.pe_relative.growth, st.pe_relative.defensive, st.pe_relative.real_assets];
  let earningsTotal = 0;
  let weightedTotal = 0;
  for (let f = 0; f < large.count; f++) {
    const sales = large.expectedSales[f] * large.price[f];
    ledger.issue(large.deposits, f, banks.deposits, large.bank[f], keptCash ? Math.max(0, keptCash.large[f]) : s.large.cash_buffer_months * world.market.largeWage * large.labour[f]);
    const monthlyProfit = sales - world.market.largeWage * large.labour[f] - (world.market.capitalDepreciation / 12) * large.capital.values[f] - (large.coupon[f] / 12) * large.bonds.values[f] - s.government.production_tax_rate * sales;
    const formula = monthlyProfit * (1 - s.government.corporate_tax_rate) * 12;
    const earnings = Math.max(0.02 * 12 * sales, world.clock > 0 ? fin.annualEarnings[f] : formula);
    fin.annualEarnings[f] = earnings;
    earningsTotal += earnings;
    weightedTotal += earnings * relativePe[large.sector[f]];
  }
  const peScale = earningsTotal / (st.earnings_yield * weightedTotal);
  const sectorEarnings = [0, 0, 0];
  const sectorValue = [0, 0, 0];
  let marketValue = 0;
  for (let f = 0; f < large.count; f++) {
    sharePrices[f] = fin.annualEarnings[f] * relativePe[large.sector[f]] * peScale;
    sectorEarnings[large.sector[f]] += fin.annualEarnings[f];
    sectorValue[large.sector[f]] += sharePrices[f];
    marketValue += sharePrices[f];
  }
  // The index: the largest firms making up `index_coverage` of market value. The passive fund holds the
  // same share of each member, so that it holds start.passive_share of the whole market.
  const bySize = Array.from({ length: large.count }, (_, f) => f).sort((a, b) => sharePrices[b] - sharePrices[a] || a - b);
  let covered = 0;
  large.inIndex.fill(0);
  for (const f of bySize) {
    if (covered >= s.markets.index_coverage * marketValue) break;
    large.inIndex[f] = 1;
    covered += sharePrices[f];
  }
  const memberPassiveShare = Math.min(0.95, (st.passive_share * marketValue) / covered);
  for (let f = 0; f < large.count; f++) {
    const passive = large.inIndex[f] === 1 ? memberPassiveShare : 0;
    if (passive > 0) ledger.issue(funds.shares[PASSIVE_FUND], f, large.shares, f, passive);
    ledger.issue(funds.shares[1 + large.sector[f]], f, large.shares, f, 1 - passive);
  }
  for (let k = 0; k < 3; k++) fin.sectorEarningsYieldAtStart[k] = sectorValue[k] > 0 ? sectorEarnings[k] / sectorValue[k] : st.earnings_yield;
  // Gold and bitcoin, held by their trusts, at the month-0 prices.
  funds.goldPrice[0] = st.gold_price;
  funds.bitcoinPrice[0] = st.bitcoin_price;
  ledger.formCapital(funds.gold, 0, (st.gold_gdp * gdp) / st.gold_price);
  ledger.formCapital(funds.bitcoin, 0, (st.bitcoin_gdp * gdp) / st.bitcoin_price);
  // Fund units at net asset value 1 per unit of value; households hold them by wealth: equities and gold
  // among equity holders (direct holdings and gold rising with the score (score^0.96) above the middle — a Pareto
  // tail of 1.5 — retirement funds spread further down and flatter at the top, score^0.63), bitcoin among its holders,
  // less concentrated.
  // (The pools and the gold trust share one kind of weight: computed for the first of them, and kept in
  // `weights`, which issueShares only reads, for the next ones — the same numbers, not computed again.)
  let weightsOf = -1;
  let unitSum = 0;
  for (let k = 0; k < funds.count; k++) {
    let value = 0;
    for (let f = 0; f < large.count; f++) value += funds.shares[k].values[f] * sharePrices[f];
    if (k === GOLD_TRUST) value += funds.gold.values[0] * funds.goldPrice[0];
    if (k === BITCOIN_TRUST) value += funds.bitcoin.values[0] * funds.bitcoinPrice[0];
    funds.navSlots[k][0] = netAssetValue(value, 0, value);
    const kind = k === BITCOIN_TRUST ? 2 : k === PASSIVE_FUND ? 0 : 1;
    if (kind !== weightsOf) {
      unitSum =
        kind === 2
          ? bitcoinWeights(weights, allocation.bitcoinHolder, score, n)
          : kind === 0
            ? equityWeights(weights, allocation.equityHolder, score, 0.63, 4.5, n)
            : equityWeights(weights, allocation.equityHolder, score, 0.96, 16, n);
      weightsOf = kind;
    }
    issueShares(value, weights, unitSum, h.fundUnits[k].values, funds.units[k].values, n);
  }

  // Deposits of households: what makes banks' balance sheets close at the target capital ratio.
  let bankAssets = 0;
  for (let b = 0; b < B; b++) bankAssets += banks.reserves.values[b] + banks.loans.values[b] + banks.bills.values[b] + banks.bonds.values[b] * bondPrice;
  let loans = 0;
  for (let b = 0; b < B; b++) loans += banks.loans.values[b];
  const depositsOwed = bankAssets - st.bank_capital_ratio * loans;
  let otherDeposits = 0;
  for (let b = 0; b < B; b++) otherDeposits += banks.deposits.values[b];
  // Deposits: first every household's transaction balance — two months of its income (see
  // transactionIncome), what it spends from before the next pay (Baumol–Tobin; the SCF's median checking balance is about a
  // month of income) — then the rest rising with the score (score^0.6) up to the upper middle and little
  // beyond it (score^0.2): the bottom holds little else, the rich hold most of their wealth elsewhere.
  const householdDeposits = Math.max(0, depositsOwed - otherDeposits);
  let transactions = 0;
  for (let i = 0; i < h.count; i++) transactions += TRANSACTION_MONTHS * transactionIncome(h, i);
  const transactionScale = transactions > householdDeposits ? householdDeposits / transactions : 1;
  for (let i = 0; i < h.count; i++) {
    const balance = transactionScale * TRANSACTION_MONTHS * transactionIncome(h, i);
    if (balance > 0) ledger.issue(h.deposits, i, banks.deposits, h.bank[i], balance);
  }
  issueSharesAt(Math.max(0, householdDeposits - transactionScale * transactions), weights, depositWeights(weights, score, n), h.deposits.values, banks.deposits.values, h.bank, n);
}

/**
 * The monthly income a household's transaction balance is sized on: its wage (or last wage), or, once the
 * burn-in has given it one, its expected income if larger — households living on capital income spend from
 * deposits too. Without it the month-0 balance sheet left the richest households below their own liquidity
 * floor (LIQUIDITY_FLOOR_MONTHS of expected income, sim/fiscal.ts), so that month 1's consumption was capped
 * by their deposits and fell by ~1.4% for one month.
 */
function transactionIncome(h: EconomyHouseholds, i: number): number {
  return Math.max(h.wage[i], h.lastWage[i], h.expectedIncome[i]);
}

// setBalanceSheet's distributions over households: each kind of weight as a kernel of its own (fills
// `out`, returns the sum left to right), and the issue in one pass (`ledger.issue`'s two additions inline).

/** score^0.3 · above(score, 2). */
function bondWeights(out: Float64Array, score: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.pow(score[i], 0.3) * (1 / ((1 + 2 / score[i]) * (1 + 2 / score[i])));
    sum += out[i];
  }
  return sum;
}

/** 0.3 + √score. */
function currencyWeights(out: Float64Array, score: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = 0.3 + Math.sqrt(score[i]);
    sum += out[i];
  }
  return sum;
}

/**
 * Homeowners' housing: score^0.2 — dearer homes with wealth, but far flatter than financial wealth (housing is
 * most of the middle's net worth and a small part of the top's: Fed DFA 2025, real estate ~50% of the 50th–90th
 * percentiles' assets and ~15% of the top 1%'s; in the model at month 0 ~47%, ~15% for the 90th–99th
 * percentiles and ~3% for the top 1%).
 */
function housingWeights(out: Float64Array, homeowner: Uint8Array, score: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = homeowner[i] === 1 ? Math.pow(score[i], 0.2) : 0;
    sum += out[i];
  }
  return sum;
}

/** loanToIncome · max(lastWage, 1e-9). */
function loanWeights(out: Float64Array, loanToIncome: Float64Array, lastWage: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = loanToIncome[i] * Math.max(lastWage[i], 1e-9);
    sum += out[i];
  }
  return sum;
}

/** Holders: score^0.6, others 0. */
function bitcoinWeights(out: Float64Array, holder: Uint8Array, score: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = holder[i] === 1 ? Math.pow(score[i], 0.6) : 0;
    sum += out[i];
  }
  return sum;
}

/** Holders: score^power · above(score, c), others 0. */
function equityWeights(out: Float64Array, holder: Uint8Array, score: Float64Array, power: number, c: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = holder[i] === 1 ? Math.pow(score[i], power) * (1 / ((1 + c / score[i]) * (1 + c / score[i]))) : 0;
    sum += out[i];
  }
  return sum;
}

/** score^0.6 / (1 + score/10)^0.4. */
function depositWeights(out: Float64Array, score: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.pow(score[i], 0.6) / Math.pow(1 + score[i] / 10, 0.4);
    sum += out[i];
  }
  return sum;
}

/** out[i] = (amount · out[i]) / total. */
function sharesOf(out: Float64Array, amount: number, total: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = (amount * out[i]) / total;
}

/** `ledger.issue(asset, i, liability, 0, total · w[i] / sum)` for each household with w[i] > 0 (nothing when sum ≤ 0). */
function issueShares(total: number, w: Float64Array, sum: number, asset: Float64Array, liability: Float64Array, n: number): void {
  if (sum <= 0) return;
  for (let i = 0; i < n; i++) {
    if (w[i] > 0) {
      const amount = (total * w[i]) / sum;
      asset[i] += amount;
      liability[0] += amount;
    }
  }
}

/** `ledger.issue(asset, issuer[i], liability, i, …)`-style: household i's share added to holderValues[i] and to counterValues[index[i]] (nothing when sum ≤ 0). */
function issueSharesAt(total: number, w: Float64Array, sum: number, holderValues: Float64Array, counterValues: Float64Array, index: Int32Array, n: number): void {
  if (sum <= 0) return;
  for (let i = 0; i < n; i++) {
    if (w[i] > 0) {
      const amount = (total * w[i]) / sum;
      holderValues[i] += amount;
      counterValues[index[i]] += amount;
    }
  }
}

/** `ledger.formCapital(housing, i, total · w[i] / sum / price)` for each household with w[i] > 0. */
function formHousing(ledger: Ledger, housing: Book, price: Float64Array, total: number, w: Float64Array, sum: number, n: number): void {
  for (let i = 0; i < n; i++) if (w[i] > 0) ledger.formCapital(housing, i, (total * w[i]) / sum / price[0]);
}

/** Months of wage every household holds in deposits at month 0 for its transactions. */
const TRANSACTION_MONTHS = 2;

function sumOf(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/**
 * The consumption scale that makes households' month-0 spending (as they will decide it, capped by the
 * deposits at hand) equal the consumption share of GDP: a few fixed-point steps on the scale.
 */
function calibrateConsumption(world: EconomyWorld, target: number): void {
  const { households: h, market } = world;
  const p = world.scenario.household;
  const bondPrice = world.prices.bonds[0];
  const financial = world.scratch.householdAmounts;
  for (let i = 0; i < h.count; i++) {
    let x = h.deposits.values[i] + h.currency.values[i] + h.bills.values[i] + h.bonds.values[i] * bondPrice + h.corporateBonds.values[i] - h.loans.values[i];
    for (const units of h.fundUnits) x += units.values[i] * units.price[0];
    financial[i] = x;
  }
  let scale = 1;
  for (let round = 0; round < 8; round++) {
    let spent = 0;
    for (let i = 0; i < h.count; i++) {
      const mpc = Math.min(1, scale * propensityToConsume(p.mpc_low_wealth, p.mpc_high_wealth, p.mpc_wealth_scale, financial[i], market.meanAnnualIncome));
      // Spending happens after the month's wage is paid: deposits at hand include it.
      spent += desiredConsumption(mpc, h.expectedIncome[i], scale * p.wealth_effect, wealthEffectBase(financial[i], p.wealth_effect_saturation, market.meanAnnualIncome), Math.max(0, h.deposits.values[i]) + h.expectedIncome[i]);
    }
    if (spent <= 0) break;
    scale *= target / spent;
  }
  market.consumptionScale = scale;
}

/** Participation patterns of the five risky assets (one bit each). */
const PARTICIPATION_PATTERNS = 1 << RISKY_ASSETS;

/**
 * One round of calibratePortfolios' fitting: each household's targets under the class weights, times its
 * wealth, added to its class's predicted holdings (household order). The targets depend only on the class
 * and the participation pattern, so they are taken from `table` (`householdTargets` of every pair under this
 * round's weights: the same numbers). A function of its own, optimized whole.
 */
function predictHoldings(
  table: Float64Array,
  predicted: Float64Array,
  wealthOf: Float64Array,
  classOf: Uint8Array,
  participation: Uint8Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    if (wealthOf[i] <= 0) continue;
    const row = classOf[i] * PORTFOLIO_ASSETS;
    const targets = (classOf[i] * PARTICIPATION_PATTERNS + (participation[i] & (PARTICIPATION_PATTERNS - 1))) * PORTFOLIO_ASSETS;
    for (let k = 0; k < PORTFOLIO_ASSETS; k++) predicted[row + k] += table[targets + k] * wealthOf[i];
  }
}

/** `householdTargets` under the class weights `weights` for every wealth class and participation pattern, into `table`. */
function fillTargetTable(weights: Float64Array, own: Float64Array, table: Float64Array): void {
  for (let c = 0; c < WEALTH_CLASSES; c++) {
    for (let pattern = 0; pattern < PARTICIPATION_PATTERNS; pattern++) {
      householdTargets(weights, c * PORTFOLIO_ASSETS, pattern, own);
      table.set(own, (c * PARTICIPATION_PATTERNS + pattern) * PORTFOLIO_ASSETS);
    }
  }
}

/**
 * Month 0 of the financial markets: beliefs at rest (no trend, prices at fundamental value), and each
 * wealth class's logit constants set so that its month-0 holdings are its target — so that everything
 * households do afterwards comes from changes in relative attractiveness, not from a starting imbalance.
 */
function calibratePortfolios(world: EconomyWorld): void {
  const { finance: fin, market, households: h } = world;
  fin.realYieldAtStart = market.yield10y - market.longExpectedInflation;
  // At month 0 each sector's required return is its month-0 earnings yield (prices at fundamental value).
  fin.requiredReturn.set(fin.sectorEarningsYieldAtStart);
  fin.goldPriceAtStart = world.funds.goldPrice[0];
  fin.equityIndex = 100;
  fin.equityPeak = 100;
  fin.sectorIndex.fill(100);
  for (let a = 0; a < RISKY_ASSETS; a++) {
    // Beliefs at rest: no trend, no excess variance, both forecasters equally good.
    fin.variance[a] = 0;
    fin.trend[a] = 0;
    fin.valueGap[a] = 0;
    fin.fundamentalistShare[a] = 0.5;
    fin.fundamentalistError[a] = 0;
    fin.trendError[a] = 0;
    fin.fundamentalistForecast[a] = 0;
    fin.trendForecast[a] = 0;
  }
  market.equityDrawdown = 0;
  // Pressure is measured anew once the month-0 distribution is known; until then it is neutral.
  fin.politicalPressure = 0;
  fin.pressureAtStart = 0;
  // Retirees' withdrawals: the rate at which they balance the month-0 contributions (net of the unemployed's).
  fin.retirementWithdrawal = 0;
  fin.passiveShareAtStart = passiveShare(world);
  const flows = retirementFlows(world, false);
  const passiveValue = world.funds.units[PASSIVE_FUND].values[0] * world.funds.navSlots[PASSIVE_FUND][0];
  fin.retirementWithdrawal = passiveValue > 0 ? Math.max(0, flows.contributions - flows.withdrawals) / passiveValue : 0;
  // Participation: the risky assets each household holds at month 0.
  const classOf = new Uint8Array(h.count);
  const wealthOf = new Float64Array(h.count);
  const meanIncome = Math.max(1e-12, market.meanAnnualIncome);
  const holdings = new Float64Array(WEALTH_CLASSES * PORTFOLIO_ASSETS);
  const bondPrice = world.prices.bonds[0];
  for (let i = 0; i < h.count; i++) {
    let bits = 0;
    for (let a = 0; a < RISKY_ASSETS; a++) if (h.fundUnits[RISKY_FUND[a]].values[i] > 0) bits |= 1 << a;
    h.participation[i] = bits;
    const wealth = portfolioWealth(world, i);
    wealthOf[i] = wealth;
    if (wealth <= 0) continue;
    const c = wealthClass(wealth / meanIncome, WEALTH_CLASS_BOUNDS);
    classOf[i] = c;
    const row = c * PORTFOLIO_ASSETS;
    holdings[row + PortfolioAsset.deposits] += Math.max(0, h.deposits.values[i]);
    holdings[row + PortfolioAsset.bills] += h.bills.values[i];
    holdings[row + PortfolioAsset.bonds] += h.bonds.values[i] * bondPrice;
    for (let a = 0; a < RISKY_ASSETS; a++) {
      const units = h.fundUnits[RISKY_FUND[a]];
      holdings[row + PortfolioAsset.growth + a] += units.values[i] * units.price[0];
    }
  }
  // Class weights such that households, each renormalising them over what it takes part in, hold in
  // aggregate what their class holds at month 0 (iterative proportional fitting).
  const weights = new Float64Array(holdings);
  const predicted = new Float64Array(holdings.length);
  const own = new Float64Array(PORTFOLIO_ASSETS);
  const targetTable = new Float64Array(WEALTH_CLASSES * PARTICIPATION_PATTERNS * PORTFOLIO_ASSETS);
  for (let round = 0; round < 30; round++) {
    predicted.fill(0);
    fillTargetTable(weights, own, targetTable);
    predictHoldings(targetTable, predicted, wealthOf, classOf, h.participation, h.count);
    for (let k = 0; k < holdings.length; k++) if (predicted[k] > 0) weights[k] *= holdings[k] / predicted[k];
  }
  formExpectations(world);
  for (let c = 0; c < WEALTH_CLASSES; c++) {
    const row = c * PORTFOLIO_ASSETS;
    let total = 0;
    for (let k = 0; k < PORTFOLIO_ASSETS; k++) total += weights[row + k];
    if (total <= 0) weights[row + PortfolioAsset.deposits] = total = 1;
    for (let k = 0; k < PORTFOLIO_ASSETS; k++) weights[row + k] /= total;
    calibrateConstants(weights, row, fin.expectedReturn, currentRiskCharges(), classExtraUtility(world, c), world.scenario.markets.choice_intensity, market.longExpectedInflation, fin.classConstants);
  }
  setClassTargets(world);
  calibrateExitRates(world);
}
