/**
 * Phase 7 of the month: portfolios and asset markets (DESIGN.md §4 step 7, Appendix A).
 *
 * 1. Beliefs and targets: expected total returns of every asset (yields, and for equities, gold and
 *    bitcoin a Brock–Hommes mix of fundamentalist and trend-following forecasts), and each wealth
 *    class's target weights by a logit over them.
 * 2. Rebalancing: each household closes part of the gap to its class's target. Bills and bonds trade
 *    with its bank (the dealer); equities (through the sector pools), gold and bitcoin (through their
 *    trusts) trade between households: buyers and sellers are matched pro rata; what is left unmatched
 *    is the net flow that moves the price.
 * 3. Retirement savings: contributions and withdrawals flow into and out of the passive index fund,
 *    which buys or sells at market-cap weights whatever the price — from and to the direct holders (the
 *    sector pools, whose holders receive or pay the cash).
 * 4. Buybacks: large firms whose earnings yield beats the after-tax cost of debt retire shares.
 * 5. Prices: a net flow f into an asset of market value V moves its price by M·f/V, M = 1/((1 − s)·ζₐ)
 *    with s the passive share (Gabaix & Koijen 2021), while active demand pulls toward fundamental value
 *    at a rate proportional to the active share. Gold and bitcoin likewise against fixed stocks.
 * Every movement of money or securities goes through the ledger; fund units trade at net asset value.
 */
import { BITCOIN_TRUST, FIRST_POOL, GOLD_TRUST, PASSIVE_FUND } from '../../agents/funds.js';
import { EmployerKind } from '../../agents/households.js';
import { buybackShare } from '../../agents/largeFirms.js';
import {
  fundamentalistExpectation,
  fundamentalistShare,
  logitWeights,
  retirementContribution,
  trendExpectation,
  wealthClass,
} from '../../agents/portfolio.js';
import { PORTFOLIO_ASSETS, PortfolioAsset, RISKY_ASSETS, WEALTH_CLASS_BOUNDS, WEALTH_CLASSES, type EconomyWorld } from '../economyWorld.js';
import { FINANCIAL, type Book } from '../ledger.js';

/** Volatility of bond returns in the risk charge (a 10-year bond's annual return: ~7%). */
const BOND_VOLATILITY = 0.07;
/**
 * Long-run annual volatility of the risky assets in the risk charge (growth, defensive and real-asset
 * equities, gold, bitcoin; 1990–2025 orders of magnitude). The model's own returns add to it.
 */
const LONG_RUN_VOLATILITY = [0.22, 0.14, 0.17, 0.15, 0.65];
/** Risky asset index of gold and bitcoin (the sector pools are 0–2). */
const GOLD = 3;
const BITCOIN = 4;
/** Fund that holds each risky asset: the sector pools, the gold trust, the bitcoin trust. */
export const RISKY_FUND = [FIRST_POOL, FIRST_POOL + 1, FIRST_POOL + 2, GOLD_TRUST, BITCOIN_TRUST] as const;
/** Wealth classes from which bitcoin participation does not rise with political pressure (the top). */
const TOP_CLASSES_FROM = 5;

/**
 * Inelastic-markets price multiplier (Gabaix & Koijen 2021): aggregate demand elasticity is (1 − s)·ζₐ,
 * so a flow f (share of market value) moves the price by f / ((1 − s)·ζₐ) = M·f.
 */
export function priceMultiplier(passiveShare: number, activeElasticity: number): number {
  return 1 / (Math.max(0.02, 1 - passiveShare) * activeElasticity);
}

/**
 * Active investors' price elasticity for one firm, falling with its size (Jiang, Vayanos & Zheng 2022,
 * "Passive investing and the rise of mega-firms"): absorbing a cap-weighted flow in a large firm loads
 * active portfolios with more of its idiosyncratic risk, so they lean against it less. With V̄ the
 * value-weighted mean firm value (Σ V² / Σ V), ζ_f = ζₐ·(V_f / V̄)^(−η); η = 1 with equal idiosyncratic
 * return volatility, less as large firms' is lower. What stays near its old value is the value-weighted
 * mean multiplier ∝ 1/ζ_f (exactly at η = 1; about 0.9 of it at η = 0.5 for lognormal sizes of σ = 1), so
 * the default η = 0.5 also lowers the market-wide price impact of a flow by roughly a tenth.
 */
export function firmActiveElasticity(activeElasticity: number, firmValue: number, weightedMeanValue: number, exponent: number): number {
  if (exponent === 0 || !(firmValue > 0) || !(weightedMeanValue > 0)) return activeElasticity;
  return activeElasticity * Math.pow(firmValue / weightedMeanValue, -exponent);
}

/**
 * Monthly log price change: the flow's impact plus the pull of active value investors toward the
 * fundamental, at a rate proportional to the active share: Δlog P = M·f/V + φ·(1 − s)·(log P* − log P).
 */
export function logPriceChange(multiplier: number, flow: number, marketValue: number, pull: number, activeShare: number, valueGap: number): number {
  return (marketValue > 0 ? (multiplier * flow) / marketValue : 0) + pull * activeShare * valueGap;
}

/**
 * The return investors require of a sector's equities (annual): its month-0 earnings yield moved by a share θ of
 * the change in the 10-year real yield, k = max(0.005, EY₀ + θ·(r − r₀)). With θ = 1 this is a Gordon model with
 * premium and growth held at their month-0 values; with θ < 1 the equity premium absorbs the rest of the move,
 * rising when real yields fall — as in 2012–13, when a consensus of twenty models put the premium at its highest
 * since the 1970s, "caused by unusually low Treasury yields" (Duarte & Rosa 2015, FRBNY Economic Policy Review
 * 21(2)). It keeps valuations from running away as real yields sink toward zero, where 1/(EY₀ + r − r₀) explodes.
 */
export function requiredReturn(earningsYieldAtStart: number, realYield: number, realYieldAtStart: number, passthrough: number): number {
  return Math.max(0.005, earningsYieldAtStart + passthrough * realYield - passthrough * realYieldAtStart);
}

/** Fundamental value per share: trailing annual earnings per share over the required return, P* = (E/N) / k. */
export function fundamentalValue(annualEarnings: number, shares: number, required: number): number {
  return shares > 0 && required > 0 ? Math.max(0, annualEarnings) / shares / required : 0;
}

/**
 * Discount-rate news, priced at once: the month's change in log fundamental value from the change in the
 * required return, −ln(k_t / k_{t−1}). In Gabaix & Koijen's (2021) inelastic market, active investors' demand
 * depends on the price relative to value; news that moves value moves their demand curve, and the price moves
 * with it one for one whatever the passive share — only flows open gaps to value, which then close slowly
 * (the pull). A policy surprise reaches stock prices the same day (Bernanke & Kuttner 2005), while it reaches
 * spending and jobs over months and years (sim/markets/goods.ts, transmittedRate). Earnings are a trailing sum,
 * whose month-to-month changes are no news; they reach prices through the pull.
 */
export function discountRateNews(previousRequired: number, required: number): number {
  return previousRequired > 0 && required > 0 ? -Math.log(required / previousRequired) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Beliefs and targets
// ---------------------------------------------------------------------------------------------------------------

const riskCharges = new Float64Array(PORTFOLIO_ASSETS);
const extraUtility = new Float64Array(PORTFOLIO_ASSETS);
/** The rebalancing pass's per-asset sums and one household's working values (reused every month). */
const buys = new Float64Array(RISKY_ASSETS);
const sells = new Float64Array(RISKY_ASSETS);
const target = new Float64Array(PORTFOLIO_ASSETS);

/** Earnings yield of sector s: trailing earnings / market value of its firms. */
function sectorEarningsYield(world: EconomyWorld, sector: number): number {
  const { large, finance } = world;
  const prices = world.prices.shares;
  let earnings = 0;
  let value = 0;
  for (let f = 0; f < large.count; f++) {
    if (large.sector[f] !== sector) continue;
    earnings += finance.annualEarnings[f];
    value += prices[f] * large.shares.values[f];
  }
  return value > 0 ? earnings / value : 0;
}

/** Expected annual nominal returns and risk charges of every portfolio asset (market-wide). */
export function formExpectations(world: EconomyWorld): void {
  const { finance: fin, market, scenario } = world;
  const p = scenario.markets;
  const r = fin.expectedReturn;
  r[PortfolioAsset.deposits] = market.depositRate;
  r[PortfolioAsset.bills] = market.billRate;
  r[PortfolioAsset.bonds] = market.yield10y;
  riskCharges.fill(0);
  riskCharges[PortfolioAsset.bonds] = p.risk_aversion * BOND_VOLATILITY * BOND_VOLATILITY;
  for (let a = 0; a < RISKY_ASSETS; a++) {
    const n = a === BITCOIN ? 0 : fin.fundamentalistShare[a];
    const priceChange = n * fundamentalistExpectation(fin.valueGap[a], p.fundamentalist_speed) + (1 - n) * trendExpectation(fin.trend[a], p.trend_extrapolation, p.trend_cap);
    const income = a < 3 ? sectorEarningsYield(world, a) : 0;
    // Gold's value is real: its fundamentalists expect inflation plus the closing of the gap.
    const drift = a === GOLD ? market.longExpectedInflation : 0;
    r[PortfolioAsset.growth + a] = income + drift + priceChange;
    // Risk: the asset's long-run variance plus what the model's own recent returns add.
    riskCharges[PortfolioAsset.growth + a] = p.risk_aversion * (LONG_RUN_VOLATILITY[a] ** 2 + 12 * fin.variance[a]);
  }
}

/** Each wealth class's target weights from the expectations (the logit; bitcoin's participation shift). */
export function setClassTargets(world: EconomyWorld): void {
  const { finance: fin, market, scenario } = world;
  for (let c = 0; c < WEALTH_CLASSES; c++) {
    logitWeights(fin.classConstants, c * PORTFOLIO_ASSETS, fin.expectedReturn, riskCharges, classExtraUtility(world, c), scenario.markets.choice_intensity, market.longExpectedInflation, fin.classTargets);
  }
}

/**
 * Extra utility of each asset for a wealth class: bitcoin as a pressure valve — households outside the
 * top wealth classes turn to it as political pressure rises above its month-0 level — and everyone drawn
 * by its momentum. (Written into a shared scratch array: use it before the next call.)
 */
export function classExtraUtility(world: EconomyWorld, wealthClassIndex: number): Float64Array {
  const p = world.scenario.markets;
  const fin = world.finance;
  const pressure = wealthClassIndex < TOP_CLASSES_FROM ? p.bitcoin_pressure_participation * Math.max(0, fin.politicalPressure - fin.pressureAtStart) : 0;
  extraUtility.fill(0);
  extraUtility[PortfolioAsset.bitcoin] = pressure + p.bitcoin_momentum_participation * Math.max(0, 12 * fin.trend[BITCOIN]);
  return extraUtility;
}

/** The risk charges of the last `formExpectations` (read-only; the month-0 calibration sets the logit against them). */
export function currentRiskCharges(): Float64Array {
  return riskCharges;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Rebalancing
// ---------------------------------------------------------------------------------------------------------------

/** Portfolio wealth of household i: deposits (if positive), bills, bonds, sector pools, gold and bitcoin units. */
export function portfolioWealth(world: EconomyWorld, i: number): number {
  const h = world.households;
  let w = Math.max(0, h.deposits.values[i]) + h.bills.values[i] + h.bonds.values[i] * world.prices.bonds[0];
  for (let a = 0; a < RISKY_ASSETS; a++) {
    const units = h.fundUnits[RISKY_FUND[a]];
    w += units.values[i] * units.price[0];
  }
  return w;
}

/**
 * A household's target weights: its class's weights over the assets it takes part in (deposits, bills
 * and bonds are open to all; the risky assets by the household's participation bits), renormalised.
 * Writes the weights of the portfolio assets into `out`.
 */
export function householdTargets(classTargets: Float64Array, row: number, participation: number, out: Float64Array): void {
  let total = classTargets[row] + classTargets[row + 1] + classTargets[row + 2];
  for (let a = 0; a < RISKY_ASSETS; a++) if (participation & (1 << a)) total += classTargets[row + 3 + a];
  const scale = total > 0 ? 1 / total : 0;
  out[0] = total > 0 ? classTargets[row] * scale : 1;
  out[1] = classTargets[row + 1] * scale;
  out[2] = classTargets[row + 2] * scale;
  for (let a = 0; a < RISKY_ASSETS; a++) out[3 + a] = participation & (1 << a) ? classTargets[row + 3 + a] * scale : 0;
}

/** Participation bits of the three sector pools (households enter the stock market as a whole). */
const EQUITY_BITS = 0b111;
/** Participation bits of equities (all three pools), gold and bitcoin; the lowest wealth class that enters each (0.3, 0.3, 0.1 years of income). */
const PARTICIPATION_BITS = [EQUITY_BITS, 1 << GOLD, 1 << BITCOIN];
const ENTRY_CLASS = [2, 2, 1];
/** Households leave a market only below this wealth class (3 years of income). */
const EXIT_BELOW_CLASS = 4;
/** Most the entry rates rise above their base (momentum and pressure together). */
const MAX_ENTRY_BOOST = 5;

/**
 * New participants: each month a share of the households outside the stock market, gold or bitcoin start
 * holding it — more when its price has been rising (new buyers chase rallies: Malmendier & Nagel 2011;
 * Dalio's "new buyers" gauge), and for bitcoin more as political pressure rises (the pressure valve).
 * Drawn as random households (the number is the rate × the population), so the cost is the entrants'.
 */
export function participationEntries(world: EconomyWorld): void {
  const { households: h, finance: fin, scenario, streams } = world;
  const p = scenario.markets;
  const rng = streams.portfolio;
  const meanIncome = Math.max(1e-12, world.market.meanAnnualIncome);
  const equityMomentum = Math.max(0, 12 * (fin.trend[0] + fin.trend[1] + fin.trend[2]) / 3);
  // Entry rates rise with momentum (and bitcoin's with political pressure), at most fivefold.
  const rates = entryRates;
  rates[0] = p.equity_entry * entryBoost(p.entry_momentum * equityMomentum);
  rates[1] = p.gold_entry * entryBoost(p.entry_momentum * 12 * fin.trend[GOLD]);
  rates[2] = p.bitcoin_entry * entryBoost(p.bitcoin_pressure_participation * (fin.politicalPressure - fin.pressureAtStart) + p.entry_momentum * 12 * fin.trend[BITCOIN]);
  for (let k = 0; k < 3; k++) {
    const bits = PARTICIPATION_BITS[k];
    const draws = Math.floor(Math.min(1, rates[k]) * h.count + rng.next());
    for (let d = 0; d < draws; d++) {
      const i = Math.floor(rng.next() * h.count);
      if ((h.participation[i] & bits) === bits) continue;
      if (wealthClass(portfolioWealth(world, i) / meanIncome, WEALTH_CLASS_BOUNDS) < ENTRY_CLASS[k]) continue;
      h.participation[i] |= bits;
    }
    // Exits, at the rate that kept participation steady at month 0, among households below the top wealth
    // classes (the wealthy do not leave markets: participation is stable at the top): leavers sell out over the months.
    const exits = Math.floor(Math.min(1, fin.exitRate[k]) * h.count + rng.next());
    for (let d = 0; d < exits; d++) {
      const i = Math.floor(rng.next() * h.count);
      if ((h.participation[i] & bits) === 0) continue;
      if (wealthClass(portfolioWealth(world, i) / meanIncome, WEALTH_CLASS_BOUNDS) >= EXIT_BELOW_CLASS) continue;
      h.participation[i] &= ~bits;
    }
  }
}

/** This month's entry rates into equities, gold and bitcoin. */
const entryRates = new Float64Array(3);

/** How much an entry rate rises with momentum (or pressure) x: at most fivefold. */
function entryBoost(x: number): number {
  return Math.min(MAX_ENTRY_BOOST, 1 + Math.max(0, x));
}

/**
 * Exit rates (per household per month, drawn over the whole population) that balance the base entry
 * rates at month 0: entrants = eligible non-participants × entry rate; leavers = participants × exit
 * rate; the two equal with no momentum and month-0 pressure.
 */
export function calibrateExitRates(world: EconomyWorld): void {
  const { households: h, finance: fin, scenario } = world;
  const p = scenario.markets;
  const meanIncome = Math.max(1e-12, world.market.meanAnnualIncome);
  const base = [p.equity_entry, p.gold_entry, p.bitcoin_entry];
  const eligible = [0, 0, 0];
  const participants = [0, 0, 0];
  // One pass: each household's class once, counted for the three markets.
  for (let i = 0; i < h.count; i++) {
    const c = wealthClass(portfolioWealth(world, i) / meanIncome, WEALTH_CLASS_BOUNDS);
    for (let k = 0; k < 3; k++) {
      const bits = PARTICIPATION_BITS[k];
      if ((h.participation[i] & bits) === bits) {
        if (c < EXIT_BELOW_CLASS) participants[k]++;
      } else if (c >= ENTRY_CLASS[k]) eligible[k]++;
    }
  }
  for (let k = 0; k < 3; k++) {
    // Draws land on participants with probability participants / count.
    fin.exitRate[k] = participants[k] > 0 ? (base[k] * eligible[k]) / participants[k] : 0;
  }
}

/**
 * Every household closes part of the gap to its target (its class's weights over what it takes part in).
 * Bills and bonds trade at once with its bank; the intended trades in pools, gold and bitcoin are matched
 * between buyers and sellers pro rata. The unmatched net intents are left in `finance` for the price step.
 */
export function rebalancePortfolios(world: EconomyWorld): void {
  const { households: h, ledger, finance: fin, scratch, scenario } = world;
  const rho = scenario.markets.rebalance_speed;
  const bondPrice = world.prices.bonds[0];
  fillHouseholdTargetTable(fin.classTargets);
  for (let a = 0; a < RISKY_ASSETS; a++) riskyNavs[a] = h.fundUnits[RISKY_FUND[a]].price[0];
  // Bills and bonds wanted (money, signed), traded with the banks in the pass; the risky trades intended.
  intentPass(world, rho, bondPrice, scratch.householdAmounts, scratch.householdAmounts2);
  // Matching: buyers get matched / bought of what they wanted, sellers matched / sold; the fund is the
  // clearing house (it issues to buyers the units it redeems from sellers, at net asset value).
  for (let a = 0; a < RISKY_ASSETS; a++) {
    const matched = Math.min(buys[a], sells[a]);
    const net = buys[a] - sells[a];
    if (a < 3) fin.sectorIntent[a] = net;
    else if (a === GOLD) fin.goldNetFlow = net;
    else fin.bitcoinNetFlow = net;
    matchedFund[a] = matched <= 0 ? 0 : 1;
    if (matched <= 0) continue;
    buyScale[a] = matched / buys[a];
    sellScale[a] = matched / sells[a];
  }
  const funds = world.funds;
  for (let a = 0; a < RISKY_ASSETS; a++) {
    riskyHolderUnits[a] = h.fundUnits[RISKY_FUND[a]];
    riskyFundUnits[a] = funds.units[RISKY_FUND[a]];
  }
  ledger.exchangeFundUnitsMatched(RISKY_ASSETS, riskyTraders, riskyTraderCount, riskyHolderUnits, h.deposits, scratch.intendedTrades, buyScale, sellScale, matchedFund, riskyFundUnits, funds.deposits, RISKY_FUND, riskyNavs);
}

/** Net asset values of the risky assets' funds, their matching scales and which were matched at all (this month). */
const riskyNavs = new Float64Array(RISKY_ASSETS);
const buyScale = new Float64Array(RISKY_ASSETS);
const sellScale = new Float64Array(RISKY_ASSETS);
const matchedFund = new Uint8Array(RISKY_ASSETS);
const riskyHolderUnits: Book[] = [];
const riskyFundUnits: Book[] = [];
/** Upper bounds of the wealth classes (years of mean income). */
const CLASS_BOUNDS = Float64Array.from(WEALTH_CLASS_BOUNDS);
/** Wealth class guessed from tenths of a year of income, k = ⌊10·years⌋ (capped): the class of k / 10. */
const CLASS_GUESS_MAX = Math.ceil(10 * WEALTH_CLASS_BOUNDS[WEALTH_CLASS_BOUNDS.length - 1]);
const CLASS_GUESS = Uint8Array.from({ length: CLASS_GUESS_MAX + 1 }, (_, k) => wealthClass(k / 10, WEALTH_CLASS_BOUNDS));
/** Participation bit patterns (five risky assets). */
const PARTICIPATION_PATTERNS = 1 << RISKY_ASSETS;
/** Household target weights by wealth class and participation pattern: `householdTargets` of every pair, this month. */
const householdTargetTable = new Float64Array(WEALTH_CLASSES * PARTICIPATION_PATTERNS * PORTFOLIO_ASSETS);

function fillHouseholdTargetTable(classTargets: Float64Array): void {
  for (let c = 0; c < WEALTH_CLASSES; c++) {
    for (let p = 0; p < PARTICIPATION_PATTERNS; p++) {
      householdTargets(classTargets, c * PORTFOLIO_ASSETS, p, target);
      householdTargetTable.set(target, (c * PARTICIPATION_PATTERNS + p) * PORTFOLIO_ASSETS);
    }
  }
}

/**
 * The rebalancing pass: each household's wealth, class and intended trades — the bills and bonds it wants
 * into `wantedBills`/`wantedBonds`, then traded with its bank; its risky trades, if any is not zero, into
 * the intended trades at its place in the list of traders (`riskyTraders`), summed into `buys`/`sells` —
 * and whether it held equities or bitcoin before (`wasHolder`). Reads the month's target table and net
 * asset values.
 */
function intentPass(world: EconomyWorld, rho: number, bondPrice: number, wantedBills: Float64Array, wantedBonds: Float64Array): void {
  const { households: h, banks, ledger } = world;
  const n = h.count;
  if (riskyTraders.length < n) riskyTraders = new Int32Array(n);
  riskyTraderCount = 0;
  buys.fill(0);
  sells.fill(0);
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    intentChunk(world, rho, bondPrice, wantedBills, wantedBonds, start, end);
    // Bills and bonds: with each household's bank, at the market price, as far as the bank holds them — this
    // chunk's while they are in cache. A household's intents read only its own holdings (and this month's
    // prices and targets), which no earlier chunk's trades touched, so the numbers are those of working out
    // every intent first and then trading them all in one pass (`tradeWithDealers`).
    ledger.tradeWithDealersRange(h.bills, banks.bills, wantedBills, 1, h.bonds, banks.bonds, wantedBonds, bondPrice, h.bank, h.deposits, banks.reserves, start, end);
  }
}

/**
 * Households are passed in chunks of this many: a pass is then called many times a month, so V8 compiles it
 * as an ordinary function and not only on stack (once a month with one long loop, it ran in code compiled on
 * stack). The passes add their sums into small typed arrays, in the same order, never carrying them in local
 * variables across the loop: code compiled on stack kept such doubles as allocated numbers (~160 bytes a
 * household in the rebalancing pass).
 */
const CHUNK = 4096;

/** `intentPass` for households start…end − 1. */
function intentChunk(world: EconomyWorld, rho: number, bondPrice: number, wantedBills: Float64Array, wantedBonds: Float64Array, start: number, end: number): void {
  const h = world.households;
  const deposits = h.deposits.values;
  const bills = h.bills.values;
  const bonds = h.bonds.values;
  const participation = h.participation;
  const units0 = h.fundUnits[RISKY_FUND[0]].values;
  const units1 = h.fundUnits[RISKY_FUND[1]].values;
  const units2 = h.fundUnits[RISKY_FUND[2]].values;
  const units3 = h.fundUnits[RISKY_FUND[3]].values;
  const units4 = h.fundUnits[RISKY_FUND[4]].values;
  const nav0 = riskyNavs[0];
  const nav1 = riskyNavs[1];
  const nav2 = riskyNavs[2];
  const nav3 = riskyNavs[3];
  const nav4 = riskyNavs[4];
  const trades = world.scratch.intendedTrades;
  const wasHolder = world.scratch.wasHolder;
  const passive = h.fundUnits[PASSIVE_FUND].values;
  const meanIncome = Math.max(1e-12, world.market.meanAnnualIncome);
  const table = householdTargetTable;
  const bounds = CLASS_BOUNDS;
  const classCount = bounds.length;
  const guess = CLASS_GUESS;
  // Constants as locals: the loop reads no module bindings.
  const patterns = PARTICIPATION_PATTERNS;
  const patternMask = PARTICIPATION_PATTERNS - 1;
  const assets = PORTFOLIO_ASSETS;
  const risky = RISKY_ASSETS;
  // The sums are added into typed arrays, not carried in local variables: a loop compiled on stack (V8's
  // OSR) keeps carried doubles as allocated numbers (~160 bytes a household for ten sums).
  const buySums = buys;
  const sellSums = sells;
  const traders = riskyTraders;
  let k = riskyTraderCount | 0;
  for (let i = start; i < end; i++) {
    const cash = Math.max(0, deposits[i]);
    const billsHeld = bills[i];
    const bondsHeld = bonds[i] * bondPrice;
    const held0 = units0[i] * nav0;
    const held1 = units1[i] * nav1;
    const held2 = units2[i] * nav2;
    const held3 = units3[i] * nav3;
    const held4 = units4[i] * nav4;
    const wealth = cash + billsHeld + bondsHeld + held0 + held1 + held2 + held3 + held4;
    wasHolder[i] = passive[i] > 0 || held0 + held1 + held2 + held4 > 0 ? 1 : 0;
    if (wealth <= 0) {
      wantedBills[i] = 0;
      wantedBonds[i] = 0;
      continue;
    }
    const years = wealth / meanIncome;
    // The class: first guessed from tenths of a year (a table), then made exact by the bounds themselves
    // (the guess is off by one at most, and only next to a bound; these branches are almost never taken).
    let c = guess[Math.min(CLASS_GUESS_MAX, Math.floor(years * 10)) | 0];
    while (c > 0 && years < bounds[c - 1]) c--;
    while (c < classCount && years >= bounds[c]) c++;
    const row = (c * patterns + (participation[i] & patternMask)) * assets;
    let w1 = rho * (table[row + 1] * wealth - billsHeld);
    let w2 = rho * (table[row + 2] * wealth - bondsHeld);
    let w3 = rho * (table[row + 3] * wealth - held0);
    let w4 = rho * (table[row + 4] * wealth - held1);
    let w5 = rho * (table[row + 5] * wealth - held2);
    let w6 = rho * (table[row + 6] * wealth - held3);
    let w7 = rho * (table[row + 7] * wealth - held4);
    // Purchases are paid from deposits at hand and the bills and bonds sold now: scale them to that.
    // (Without branches on the signs, which are unpredictable: for w > 0, (w + |w|) / 2 is w exactly and
    // (w − |w|) / 2 is 0; for w ≤ 0 the reverse. Adding or subtracting that 0 changes nothing.)
    let buying = 0;
    let funds = cash;
    buying += (w1 + Math.abs(w1)) * 0.5;
    funds -= (w1 - Math.abs(w1)) * 0.5;
    buying += (w2 + Math.abs(w2)) * 0.5;
    funds -= (w2 - Math.abs(w2)) * 0.5;
    buying += (w3 + Math.abs(w3)) * 0.5;
    buying += (w4 + Math.abs(w4)) * 0.5;
    buying += (w5 + Math.abs(w5)) * 0.5;
    buying += (w6 + Math.abs(w6)) * 0.5;
    buying += (w7 + Math.abs(w7)) * 0.5;
    if (buying > funds) {
      // Purchases times the scale, sales as they were (a zero sale may turn from −0 to +0: no trade either way).
      const scale = funds / buying;
      if (scale < 1) {
        w1 = (w1 + Math.abs(w1)) * 0.5 * scale + (w1 - Math.abs(w1)) * 0.5;
        w2 = (w2 + Math.abs(w2)) * 0.5 * scale + (w2 - Math.abs(w2)) * 0.5;
        w3 = (w3 + Math.abs(w3)) * 0.5 * scale + (w3 - Math.abs(w3)) * 0.5;
        w4 = (w4 + Math.abs(w4)) * 0.5 * scale + (w4 - Math.abs(w4)) * 0.5;
        w5 = (w5 + Math.abs(w5)) * 0.5 * scale + (w5 - Math.abs(w5)) * 0.5;
        w6 = (w6 + Math.abs(w6)) * 0.5 * scale + (w6 - Math.abs(w6)) * 0.5;
        w7 = (w7 + Math.abs(w7)) * 0.5 * scale + (w7 - Math.abs(w7)) * 0.5;
      }
    }
    wantedBills[i] = w1;
    wantedBonds[i] = w2;
    // Households that trade any risky asset, listed in order with their trades (the others, outside every
    // market and holding nothing there, want trades of exactly zero: nothing to exchange). Each household is
    // written at the next place in the list, which only a trader keeps (the next household overwrites the
    // place of one that is not): whether a household trades is not predictable from the last, and a branch
    // on it cost more than the writes. The sum of the sizes is zero exactly when every trade is (±0).
    traders[k] = i;
    const at = k * risky;
    trades[at] = w3;
    trades[at + 1] = w4;
    trades[at + 2] = w5;
    trades[at + 3] = w6;
    trades[at + 4] = w7;
    k += Number(Math.abs(w3) + Math.abs(w4) + Math.abs(w5) + Math.abs(w6) + Math.abs(w7) !== 0);
    buySums[0] += (w3 + Math.abs(w3)) * 0.5;
    sellSums[0] -= (w3 - Math.abs(w3)) * 0.5;
    buySums[1] += (w4 + Math.abs(w4)) * 0.5;
    sellSums[1] -= (w4 - Math.abs(w4)) * 0.5;
    buySums[2] += (w5 + Math.abs(w5)) * 0.5;
    sellSums[2] -= (w5 - Math.abs(w5)) * 0.5;
    buySums[3] += (w6 + Math.abs(w6)) * 0.5;
    sellSums[3] -= (w6 - Math.abs(w6)) * 0.5;
    buySums[4] += (w7 + Math.abs(w7)) * 0.5;
    sellSums[4] -= (w7 - Math.abs(w7)) * 0.5;
  }
  riskyTraderCount = k;
}

/**
 * Households with an intended trade in a risky asset (the first `riskyTraderCount`, in order; entry k's
 * trades are entry k of the intended trades). Allocated once for the population.
 */
let riskyTraders = new Int32Array(0);
let riskyTraderCount = 0;


// ---------------------------------------------------------------------------------------------------------------
// 3. Retirement savings and the passive fund
// ---------------------------------------------------------------------------------------------------------------

/**
 * Contributions (employed households, a share of the wage rising with it) and withdrawals (retirees, on
 * average a share of holdings; the unemployed drawing down more) move money into and out of the passive
 * index fund, at net asset value.
 */
export function retirementFlows(world: EconomyWorld, execute = true): { contributions: number; withdrawals: number } {
  const { households: h, ledger, funds, scratch, scenario, market } = world;
  const p = scenario.markets;
  const years = Math.max(0, world.month) / 12;
  const rate = p.retirement_contribution + p.contribution_growth * years;
  // (wage / mean wage)^ε = (W / mean wage)^ε · skill^ε, W the wage per unit of skill at the employer.
  const employed = Math.max(1, world.month_.employed);
  const meanWage = world.month_.wages / employed;
  const smeFactor = meanWage > 0 ? Math.pow(market.smeWage / meanWage, p.contribution_progressivity) : 0;
  const largeFactor = meanWage > 0 ? Math.pow(market.largeWage / meanWage, p.contribution_progressivity) : 0;
  const nav = funds.navSlots[PASSIVE_FUND][0];
  const units = h.fundUnits[PASSIVE_FUND].values;
  const amounts = scratch.householdAmounts;
  // Retirees draw on their equity savings as a whole: as savings move from direct holdings into the index
  // fund, the share of the fund they withdraw falls in proportion (the withdrawal rate is per unit of
  // all equity savings, set at month 0).
  const share = world.recording ? passiveShare(world) : world.finance.passiveShareAtStart;
  const withdrawal = world.finance.retirementWithdrawal * (share > 0 ? world.finance.passiveShareAtStart / share : 1);
  retirementSums.fill(0);
  if (!execute) {
    for (let start = 0; start < h.count; start += CHUNK) {
      retirementPass(h.employerKind, h.contributionPower, h.deposits.values, h.wage, units, amounts, smeFactor, largeFactor, rate, withdrawal, p.unemployed_withdrawal, nav, start, Math.min(h.count, start + CHUNK));
    }
    return { contributions: retirementSums[0], withdrawals: retirementSums[1] };
  }
  // Each chunk's amounts are exchanged for units while in cache: a household's amount reads only its own
  // deposits and units, which no earlier chunk's exchange touched, so the numbers are those of working out
  // every amount first and then exchanging them all (`exchangeFundUnitsPass`).
  ledger.openFundExchange(h.deposits, funds.deposits);
  for (let start = 0; start < h.count; start += CHUNK) {
    const end = Math.min(h.count, start + CHUNK);
    retirementPass(h.employerKind, h.contributionPower, h.deposits.values, h.wage, units, amounts, smeFactor, largeFactor, rate, withdrawal, p.unemployed_withdrawal, nav, start, end);
    ledger.exchangeFundUnitsRange(h.fundUnits[PASSIVE_FUND], h.deposits, amounts, nav, start, end);
  }
  ledger.closeFundExchange(funds.units[PASSIVE_FUND], funds.deposits, PASSIVE_FUND);
  const contributions = retirementSums[0];
  const withdrawals = retirementSums[1];
  world.finance.passiveFlow = contributions - withdrawals;
  return { contributions, withdrawals };
}

/**
 * The month's retirement contributions alone: `retirementFlows(world, false).contributions`, the same sum,
 * without working out the withdrawals (the burn-in sets the withdrawal rate from it, then runs the flows).
 */
export function retirementContributions(world: EconomyWorld): number {
  const { households: h, scenario, market } = world;
  const p = scenario.markets;
  const years = Math.max(0, world.month) / 12;
  const rate = p.retirement_contribution + p.contribution_growth * years;
  const employed = Math.max(1, world.month_.employed);
  const meanWage = world.month_.wages / employed;
  const smeFactor = meanWage > 0 ? Math.pow(market.smeWage / meanWage, p.contribution_progressivity) : 0;
  const largeFactor = meanWage > 0 ? Math.pow(market.largeWage / meanWage, p.contribution_progressivity) : 0;
  retirementSums.fill(0);
  for (let start = 0; start < h.count; start += CHUNK) {
    contributionPass(h.employerKind, h.contributionPower, h.deposits.values, h.wage, smeFactor, largeFactor, rate, start, Math.min(h.count, start + CHUNK));
  }
  return retirementSums[0];
}

/** `retirementPass`' contributions alone, for households start…end − 1, added to `retirementSums[0]` (the same additions). */
function contributionPass(
  employerKind: Uint8Array,
  contributionPower: Float64Array,
  deposits: Float64Array,
  wage: Float64Array,
  smeFactor: number,
  largeFactor: number,
  rate: number,
  start: number,
  end: number,
): void {
  const none = EmployerKind.none;
  const sme = EmployerKind.sme;
  const sums = retirementSums;
  for (let i = start; i < end; i++) {
    const kind = employerKind[i];
    const factor = (kind === sme ? smeFactor : largeFactor) * contributionPower[i];
    const cash = Math.max(0, deposits[i]);
    const paid = kind === none ? 0 : Math.min(cash, retirementContribution(wage[i], rate, factor));
    sums[0] += paid;
  }
}

/** Contributions and withdrawals summed by `retirementPass`. */
const retirementSums = new Float64Array(2);

/**
 * `retirementPass`' relative-wage factor by employer kind (none, sme, large; the unemployed's is the large
 * firms', as the branch it replaced gave them, and they contribute nothing), set each chunk.
 */
const retirementFactorByKind = new Float64Array(3);
/** `retirementPass`' withdrawal rate by employer kind (none, sme, large): the unemployed draw down more. */
const retirementWithdrawalByKind = new Float64Array(3);

/**
 * Each household's net payment into the passive fund (`amounts`: contribution − withdrawal, money), for
 * households start…end − 1 (a chunk: see `CHUNK`), added to `retirementSums` (contributions, withdrawals).
 */
function retirementPass(
  employerKind: Uint8Array,
  contributionPower: Float64Array,
  deposits: Float64Array,
  wage: Float64Array,
  units: Float64Array,
  amounts: Float64Array,
  smeFactor: number,
  largeFactor: number,
  rate: number,
  withdrawal: number,
  unemployedWithdrawal: number,
  nav: number,
  start: number,
  end: number,
): void {
  const none = EmployerKind.none;
  // The relative-wage factor and withdrawal rate read by employer kind, not picked by a branch on it: SME
  // and large-firm employees are as good as random household to household (44% and 51% at 200k, the kind
  // changing ~98,500 times from one household to the next), so the processor mispredicted that branch
  // about every other household. The unemployed (~5%) keep their branch for the contribution. The
  // employed's withdrawal rate is withdrawal + 0, as the branch added.
  const factorOf = retirementFactorByKind;
  factorOf[EmployerKind.none] = largeFactor;
  factorOf[EmployerKind.sme] = smeFactor;
  factorOf[EmployerKind.large] = largeFactor;
  const withdrawalOf = retirementWithdrawalByKind;
  withdrawalOf[EmployerKind.none] = withdrawal + unemployedWithdrawal;
  withdrawalOf[EmployerKind.sme] = withdrawal + 0;
  withdrawalOf[EmployerKind.large] = withdrawal + 0;
  // The sums carried in local variables over the chunk (called chunk after chunk, the function is compiled
  // whole and keeps them in registers; the same additions in the same order).
  let contributions = retirementSums[0];
  let withdrawals = retirementSums[1];
  for (let i = start; i < end; i++) {
    const kind = employerKind[i];
    const factor = factorOf[kind] * contributionPower[i];
    const cash = Math.max(0, deposits[i]);
    const paid = kind === none ? 0 : Math.min(cash, retirementContribution(wage[i], rate, factor));
    const out = withdrawalOf[kind] * units[i] * nav;
    amounts[i] = paid - out;
    contributions += paid;
    withdrawals += out;
  }
  retirementSums[0] = contributions;
  retirementSums[1] = withdrawals;
}

/**
 * The passive fund invests its cash (or raises what it owes) at market-cap weights, trading each firm's
 * shares with the sector pool that holds its direct owners; the pools pass the cash to their holders (or
 * collect it from them) pro rata, by redeeming (or issuing) units at net asset value.
 * The passive fund's purchases of each firm are added to `flows` (the price step's net flow per firm).
 */
export function passiveTrades(world: EconomyWorld, flows: Float64Array): void {
  const { large, funds, ledger } = world;
  const prices = world.prices.shares;
  const cash = funds.deposits.values[PASSIVE_FUND];
  if (cash === 0) return;
  let value = 0;
  for (let f = 0; f < large.count; f++) if (large.inIndex[f] === 1) value += prices[f] * large.shares.values[f];
  if (value <= 0) return;
  const passive = funds.shares[PASSIVE_FUND].values;
  for (let f = 0; f < large.count; f++) {
    if (large.inIndex[f] !== 1) continue;
    const pool = FIRST_POOL + large.sector[f];
    const poolShares = funds.shares[pool].values;
    // Buy (cash > 0) from the pool, or sell to it, in proportion to the firm's weight in the index.
    let units = (cash * large.shares.values[f]) / value;
    units = units > 0 ? Math.min(units, poolShares[f]) : Math.max(units, -passive[f]);
    if (units === 0) continue;
    poolShares[f] -= units;
    passive[f] += units;
    const amount = units * prices[f];
    if (amount > 0) ledger.pay(funds.deposits, PASSIVE_FUND, funds.deposits, pool, amount, FINANCIAL);
    else ledger.pay(funds.deposits, pool, funds.deposits, PASSIVE_FUND, -amount, FINANCIAL);
    flows[f] += amount;
  }
}

/**
 * Each sector pool passes its cash to its holders pro rata (or collects a shortfall from them, as far as
 * their deposits go), by redeeming (or issuing) units at net asset value: the three pools in one pass of
 * the ledger over the households (`settleFundsProRata`; a pool with no cash or no units settles nothing).
 */
export function settlePools(world: EconomyWorld): void {
  const { households: h, funds, ledger } = world;
  for (let s = 0; s < 3; s++) {
    const k = FIRST_POOL + s;
    poolCash[s] = funds.deposits.values[k];
    poolUnitsOutstanding[s] = funds.units[k].values[0];
    poolNavs[s] = funds.navSlots[k][0];
    poolHolderUnits[s] = h.fundUnits[k];
    poolUnits[s] = funds.units[k];
  }
  ledger.settleFundsProRata(poolHolderUnits, h.deposits, poolCash, poolUnitsOutstanding, poolNavs, poolUnits, funds.deposits, POOL_FUNDS);
}

/** The sector pools' cash, units outstanding, net asset values and books for `settlePools` (this month). */
const poolCash = new Float64Array(3);
const poolUnitsOutstanding = new Float64Array(3);
const poolNavs = new Float64Array(3);
const poolHolderUnits: Book[] = [];
const poolUnits: Book[] = [];
const POOL_FUNDS = [FIRST_POOL, FIRST_POOL + 1, FIRST_POOL + 2] as const;

// ---------------------------------------------------------------------------------------------------------------
// 4. Buybacks
// ---------------------------------------------------------------------------------------------------------------

/**
 * The buyback each firm plans this month (phase 2 borrows for it): market value × the buyback share,
 * from the trailing earnings yield and the after-tax cost of new debt.
 */
export function planBuybacks(world: EconomyWorld): void {
  const { large, finance: fin, market, scenario } = world;
  const p = scenario.markets;
  const prices = world.prices.shares;
  const costOfDebt = market.yield10y + market.spreadLarge;
  for (let f = 0; f < large.count; f++) {
    const value = prices[f] * large.shares.values[f];
    large.buybackPlan[f] = world.recording && value > 0 ? value * buybackShare(fin.annualEarnings[f] / value, costOfDebt, scenario.government.corporate_tax_rate, p.buyback_sensitivity, p.max_buyback) : 0;
  }
}

/**
 * Buybacks carried out: as much of the plan as the firm's cash beyond its buffer allows; shares are
 * bought from their holders (the funds) pro rata at the market price and retired. Added to `flows`.
 */
export function executeBuybacks(world: EconomyWorld, flows: Float64Array): void {
  const { large, funds, ledger, scenario } = world;
  const prices = world.prices.shares;
  let total = 0;
  for (let f = 0; f < large.count; f++) {
    large.buybacks[f] = 0;
    const spare = large.deposits.values[f] - scenario.large.cash_buffer_months * large.wageBill[f];
    const amount = Math.min(large.buybackPlan[f], Math.max(0, spare));
    const outstanding = large.shares.values[f];
    if (amount <= 0 || outstanding <= 0) continue;
    const units = Math.min(amount / prices[f], 0.5 * outstanding);
    for (let k = 0; k < funds.count; k++) {
      const held = funds.shares[k].values[f];
      if (held <= 0) continue;
      const sold = (units * held) / outstanding;
      ledger.redeem(funds.shares[k], f, large.shares, f, sold);
      ledger.pay(large.deposits, f, funds.deposits, k, sold * prices[f], FINANCIAL);
    }
    large.buybacks[f] = units * prices[f];
    flows[f] += units * prices[f];
    total += units * prices[f];
  }
  world.finance.buybacks = total;
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Prices
// ---------------------------------------------------------------------------------------------------------------

/** Passive funds' share of the equity value held by funds (passive index vs the direct pools). */
export function passiveShare(world: EconomyWorld): number {
  const { funds, large } = world;
  const prices = world.prices.shares;
  let passive = 0;
  let all = 0;
  for (let f = 0; f < large.count; f++) {
    passive += funds.shares[PASSIVE_FUND].values[f] * prices[f];
    for (let s = 0; s < 3; s++) all += funds.shares[FIRST_POOL + s].values[f] * prices[f];
  }
  all += passive;
  return all > 0 ? passive / all : 0;
}

/** setAssetPrices' per-sector sums (growth, defensive, real assets), allocated once. */
const sectorPoolValue = new Float64Array(3);
const sectorOldValue = new Float64Array(3);
const sectorNewValue = new Float64Array(3);
const sectorGapValue = new Float64Array(3);
/** setAssetPrices' required return of each sector this month (the last month's stays in `finance.requiredReturn` until the prices are set). */
const sectorRequiredReturn = new Float64Array(3);

/**
 * New prices: equities firm by firm (passive purchases and buybacks already in `flows`; the sector pools'
 * unmatched net intent spread over the sector's firms by their value in the pool), gold and bitcoin;
 * revaluation through the ledger; beliefs updated with the realised returns; the indices chained.
 */
export function setAssetPrices(world: EconomyWorld, flows: Float64Array): void {
  const { large, funds, finance: fin, market, scenario, ledger } = world;
  const p = scenario.markets;
  const prices = world.prices.shares;
  const newPrices = world.scratch.largeAmounts2;
  const realYield = market.yield10y - market.longExpectedInflation;
  // Each sector's unmatched intent, spread over its firms by the pool's holdings.
  const poolValue = sectorPoolValue.fill(0);
  for (let f = 0; f < large.count; f++) poolValue[large.sector[f]] += funds.shares[FIRST_POOL + large.sector[f]].values[f] * prices[f];
  // Value-weighted mean firm value, the size against which active investors' elasticity is scaled.
  let valueSum = 0;
  let squaredValueSum = 0;
  for (let f = 0; f < large.count; f++) {
    const value = prices[f] * large.shares.values[f];
    valueSum += value;
    squaredValueSum += value * value;
  }
  const weightedMeanValue = valueSum > 0 ? squaredValueSum / valueSum : 0;
  const oldSector = sectorOldValue.fill(0);
  const newSector = sectorNewValue.fill(0);
  const gapValue = sectorGapValue.fill(0);
  const sectorRequired = sectorRequiredReturn;
  for (let sector = 0; sector < 3; sector++) sectorRequired[sector] = requiredReturn(fin.sectorEarningsYieldAtStart[sector], realYield, fin.realYieldAtStart, p.discount_rate_passthrough);
  for (let f = 0; f < large.count; f++) {
    const sector = large.sector[f];
    const shares = large.shares.values[f];
    const value = prices[f] * shares;
    const fromPool = poolValue[sector] > 0 ? (fin.sectorIntent[sector] * funds.shares[FIRST_POOL + sector].values[f] * prices[f]) / poolValue[sector] : 0;
    const required = sectorRequired[sector];
    const fundamental = fundamentalValue(fin.annualEarnings[f], shares, required);
    const gap = fundamental > 0 && prices[f] > 0 ? Math.log(fundamental / prices[f]) : 0;
    // Each firm's demand is as inelastic as its own holders: passive ownership differs between index members and the rest.
    const firmPassive = shares > 0 ? funds.shares[PASSIVE_FUND].values[f] / shares : 0;
    // …and as elastic as active investors are for a firm of its size: they lean less against flows into the largest firms.
    const multiplier = priceMultiplier(firmPassive, firmActiveElasticity(p.active_elasticity, value, weightedMeanValue, p.size_elasticity_exponent));
    const news = discountRateNews(fin.requiredReturn[sector], required);
    newPrices[f] = prices[f] * Math.exp(p.discount_rate_news * news + logPriceChange(multiplier, flows[f] + fromPool, value, p.fundamental_pull, 1 - firmPassive, gap));
    oldSector[sector] += value;
    newSector[sector] += newPrices[f] * shares;
    gapValue[sector] += gap * value;
  }
  fin.requiredReturn.set(sectorRequired);
  let oldTotal = 0;
  let newTotal = 0;
  for (let sector = 0; sector < 3; sector++) {
    const r = oldSector[sector] > 0 ? Math.log(newSector[sector] / oldSector[sector]) : 0;
    fin.valueGap[sector] = oldSector[sector] > 0 ? gapValue[sector] / oldSector[sector] : 0;
    updateBeliefs(world, sector, r);
    fin.sectorIndex[sector] *= Math.exp(r);
    oldTotal += oldSector[sector];
    newTotal += newSector[sector];
  }
  ledger.revalueEntries(prices, newPrices);
  if (oldTotal > 0) fin.equityIndex *= newTotal / oldTotal;
  fin.equityPeak = Math.max(fin.equityPeak, fin.equityIndex);
  market.equityDrawdown = 1 - fin.equityIndex / fin.equityPeak;

  // Gold: flows against the fixed stock; value investors pull toward its fundamental — the month-0 real
  // price, higher when real yields are lower (gold pays nothing: its opportunity cost is the real yield).
  const goldValue = funds.gold.values[0] * funds.goldPrice[0];
  const goldFundamental = fin.goldPriceAtStart * (market.cpi / market.cpiAtStart) * Math.exp(-p.gold_real_yield_sensitivity * (realYield - fin.realYieldAtStart));
  fin.valueGap[GOLD] = Math.log(goldFundamental / funds.goldPrice[0]);
  const goldReturn = logPriceChange(p.gold_multiplier, fin.goldNetFlow, goldValue, p.fundamental_pull, 1, fin.valueGap[GOLD]);
  ledger.revaluePrice(funds.goldPrice, funds.goldPrice[0] * Math.exp(goldReturn));
  updateBeliefs(world, GOLD, goldReturn);
  // Bitcoin: flows only — no fundamental anchors it.
  const bitcoinValue = funds.bitcoin.values[0] * funds.bitcoinPrice[0];
  const bitcoinReturn = logPriceChange(p.bitcoin_multiplier, fin.bitcoinNetFlow, bitcoinValue, 0, 0, 0);
  ledger.revaluePrice(funds.bitcoinPrice, funds.bitcoinPrice[0] * Math.exp(bitcoinReturn));
  updateBeliefs(world, BITCOIN, bitcoinReturn);
}

/**
 * Beliefs after a realised monthly log return r: each forecaster's squared error (EWMA), the switching
 * of believers toward the better one (Brock & Hommes 1998), the trend and the variance (EWMA), and next
 * month's forecasts.
 */
function updateBeliefs(world: EconomyWorld, a: number, r: number): void {
  const fin = world.finance;
  const p = world.scenario.markets;
  const w = p.trend_memory;
  fin.fundamentalistError[a] += w * ((r - fin.fundamentalistForecast[a]) ** 2 - fin.fundamentalistError[a]);
  fin.trendError[a] += w * ((r - fin.trendForecast[a]) ** 2 - fin.trendError[a]);
  fin.fundamentalistShare[a] = a === BITCOIN ? 0 : fundamentalistShare(fin.fundamentalistError[a], fin.trendError[a], p.switching_intensity);
  fin.trend[a] += w * (r - fin.trend[a]);
  fin.variance[a] += w * (r * r - fin.variance[a]);
  fin.fundamentalistForecast[a] = fundamentalistExpectation(fin.valueGap[a], p.fundamentalist_speed) / 12;
  fin.trendForecast[a] = trendExpectation(fin.trend[a], p.trend_extrapolation, p.trend_cap) / 12;
}

/** Funds' units at net asset value (shares, gold, coins and deposits over units): their gains belong to the holders. */
export function revalueFundUnits(world: EconomyWorld): void {
  const { funds, ledger } = world;
  const prices = world.prices.shares;
  for (let k = 0; k < funds.count; k++) {
    let value = funds.deposits.values[k];
    const held = funds.shares[k].values;
    for (let f = 0; f < held.length; f++) value += held[f] * prices[f];
    if (k === GOLD_TRUST) value += funds.gold.values[0] * funds.goldPrice[0];
    if (k === BITCOIN_TRUST) value += funds.bitcoin.values[0] * funds.bitcoinPrice[0];
    const outstanding = funds.units[k].values[0];
    if (outstanding > 0) ledger.revaluePrice(funds.navSlots[k], value / outstanding);
  }
}

/** New buyers: households holding equities or bitcoin now that held none before the month's trades. */
export function countNewBuyers(world: EconomyWorld): void {
  const { households: h, scratch } = world;
  const passive = h.fundUnits[PASSIVE_FUND].values;
  world.finance.newBuyers = newBuyers(scratch.wasHolder, passive, h.fundUnits[FIRST_POOL].values, h.fundUnits[FIRST_POOL + 1].values, h.fundUnits[FIRST_POOL + 2].values, h.fundUnits[BITCOIN_TRUST].values);
}

/** Households that hold any of the passive fund, the pools or bitcoin now and held none before (one tight loop). */
function newBuyers(wasHolder: Uint8Array, passive: Float64Array, pool0: Float64Array, pool1: Float64Array, pool2: Float64Array, coins: Float64Array): number {
  let count = 0;
  const n = wasHolder.length;
  for (let i = 0; i < n; i++) {
    if (wasHolder[i] === 1) continue;
    if (passive[i] > 0 || pool0[i] > 0 || pool1[i] > 0 || pool2[i] > 0 || coins[i] > 0) count++;
  }
  return count;
}

/**
 * Passive rising: households move a share q of their direct holdings of index firms into the index fund,
 * in kind — each pool hands q of its index shares to the passive fund, its holders exchange units of the
 * same value — and their taste for direct holdings (the pools' logit constants) falls in proportion.
 * No money moves and no price changes: only who holds the shares, and so how inelastic demand is.
 */
export function convertToPassive(world: EconomyWorld): void {
  const q = world.scenario.markets.passive_conversion;
  if (q <= 0) return;
  const { households: h, large, funds, finance: fin } = world;
  const prices = world.prices.shares;
  const passiveNav = funds.navSlots[PASSIVE_FUND][0];
  for (let s = 0; s < 3; s++) {
    const k = FIRST_POOL + s;
    const outstanding = funds.units[k].values[0];
    if (outstanding <= 0) continue;
    const pool = funds.shares[k].values;
    let moved = 0;
    for (let f = 0; f < large.count; f++) {
      if (large.inIndex[f] !== 1 || pool[f] <= 0) continue;
      const units = q * pool[f];
      pool[f] -= units;
      funds.shares[PASSIVE_FUND].values[f] += units;
      moved += units * prices[f];
    }
    if (moved <= 0) continue;
    // Holders give up pool units worth `moved` pro rata and receive passive units of the same value
    // (claims redeemed and issued within the sectors: no money moves, so the books are written directly).
    const nav = funds.navSlots[k][0];
    const held = h.fundUnits[k].values;
    const passive = h.fundUnits[PASSIVE_FUND].values;
    let redeemed = 0;
    let issued = 0;
    for (let i = 0; i < h.count; i++) {
      const value = (moved * held[i]) / outstanding;
      held[i] -= value / nav;
      passive[i] += value / passiveNav;
      redeemed += value / nav;
      issued += value / passiveNav;
    }
    funds.units[k].values[0] -= redeemed;
    funds.units[PASSIVE_FUND].values[0] += issued;
  }
  const factor = Math.log(1 - q);
  for (let c = 0; c < WEALTH_CLASSES; c++) for (let a = 0; a < 3; a++) fin.classConstants[c * PORTFOLIO_ASSETS + PortfolioAsset.growth + a] += factor;
}

/** Phase 7's portfolio and asset-market steps, in order. */
export function assetMarkets(world: EconomyWorld): void {
  const flows = world.scratch.largeAmounts;
  flows.fill(0);
  if (!world.recording) {
    // The burn-in: prices stay put, but retirement savings flow (withdrawals matching contributions), so
    // that the consumption level the burn-in calibrates already allows for them.
    const contributions = retirementContributions(world);
    const passiveValue = world.funds.units[PASSIVE_FUND].values[0] * world.funds.navSlots[PASSIVE_FUND][0];
    world.finance.retirementWithdrawal = passiveValue > 0 ? contributions / passiveValue : 0;
    retirementFlows(world);
    passiveTrades(world, flows);
    settlePools(world);
    revalueFundUnits(world);
    return;
  }
  convertToPassive(world);
  formExpectations(world);
  setClassTargets(world);
  participationEntries(world);
  rebalancePortfolios(world);
  retirementFlows(world);
  executeBuybacks(world, flows);
  passiveTrades(world, flows);
  settlePools(world);
  // Net money flow into equities: households' unmatched intents in the three pools and net retirement flows.
  const fin = world.finance;
  fin.equityNetFlow = fin.sectorIntent[0] + fin.sectorIntent[1] + fin.sectorIntent[2] + fin.passiveFlow;
  setAssetPrices(world, flows);
  revalueFundUnits(world);
  countNewBuyers(world);
}
