/**
 * The economy model's world: every population and sector, the market-wide state (prices, rates,
 * expectations, indices) and the month's aggregates that the metrics read. Created once per run;
 * nothing here is reallocated inside the month loop.
 */
import { createBanks, type Banks } from '../agents/banks.js';
import { createEconomyCentralBank, type EconomyCentralBank } from '../agents/centralBank.js';
import { createFunds, type Funds } from '../agents/funds.js';
import { createEconomyGovernment, type EconomyGovernment } from '../agents/government.js';
import { createEconomyHouseholds, FUND_COUNT, type EconomyHouseholds } from '../agents/households.js';
import { createLargeFirms, type LargeFirms } from '../agents/largeFirms.js';
import { createSmes, type Smes } from '../agents/smes.js';
import { Ledger } from './ledger.js';
import { createDistributionScratch, emptySummary, type DistributionScratch, type DistributionSummary } from './metrics.js';
import { createRegimeMachine, type Regime, type RegimeMachine } from './regimes.js';
import { createStreams, type Streams } from './rng.js';
import type { EconomyScenario } from './scenarioSchema.js';

/** A fixed-length history of monthly values (ring buffer), for year-on-year and rolling sums. */
export class History {
  private readonly values: Float64Array;
  private count = 0;
  constructor(readonly length: number) {
    this.values = new Float64Array(length);
  }
  push(value: number): void {
    this.values[this.count % this.length] = value;
    this.count++;
  }
  /** The value `monthsAgo` months before the latest (0 = latest); the oldest held if not that far back. */
  ago(monthsAgo: number): number {
    if (this.count === 0) return NaN;
    const back = Math.min(monthsAgo, this.count - 1, this.length - 1);
    return this.values[(this.count - 1 - back) % this.length];
  }
  /** Sum of the latest `months` values (fewer if not yet recorded). */
  sum(months: number): number {
    let total = 0;
    const n = Math.min(months, this.count, this.length);
    for (let k = 0; k < n; k++) total += this.values[(this.count - 1 - k) % this.length];
    return total;
  }
  get size(): number {
    return Math.min(this.count, this.length);
  }
}

/** Market-wide state: prices, rates and expectations (annual rates as decimals). */
export interface MarketState {
  regime: Regime;
  /** Consumer price index (1 at the start of the burn-in). */
  cpi: number;
  /** CPI and house price at month 0 of the burn-in (bases for indexing). */
  cpiAtStart: number;
  housePriceAtStart: number;
  smePriceIndex: number;
  largePriceIndex: number;
  /** Adaptive belief about inflation (before anchoring). */
  adaptiveInflation: number;
  /** Expected CPI inflation over the coming year (wage setting). */
  expectedInflation: number;
  /** 10-year inflation expectations. */
  longExpectedInflation: number;
  /** Wages per unit of skill per month at SMEs and at large firms. */
  smeWage: number;
  largeWage: number;
  yield10y: number;
  termPremium: number;
  billRate: number;
  depositRate: number;
  householdLoanRate: number;
  spreadLarge: number;
  /** Vacancies / unemployed, in units of skill. */
  tightness: number;
  normalTightness: number;
  /**
   * Firms' uncertainty after a panic, 0 to 1: 1 in each month of the panic regime, then halving every
   * `household.hiring_freeze_half_life` months. Scales the vacancies firms hold back (`postedVacancyShare`).
   */
  hiringUncertainty: number;
  unemploymentAtStart: number;
  privateBondsToGdpAtStart: number;
  /** Share of household consumption bought from SMEs (set at month 0 for the SME output share). */
  smeConsumptionShare: number;
  /** Multiplier on the propensities to consume, set at month 0 for the consumption share of GDP. */
  consumptionScale: number;
  /** Lump-sum transfer per household per month (pensions, health, income support). */
  transferPerHousehold: number;
  /** Government purchases per month. */
  governmentPurchases: number;
  /** Mean annual disposable income (for the propensity to consume). */
  meanAnnualIncome: number;
  /** Equity drawdown from its peak (0 until equity prices move with the financial-markets model). */
  equityDrawdown: number;
  /**
   * Potential GDP per month in the prices of its base month (the start; re-based after the burn-in) and the
   * CPI of that month. It grows each month at the treasury's estimate (`government.potentialGrowth`).
   */
  potentialReal: number;
  potentialBaseCpi: number;
  /** Lump-sum transfers to all households as a share of potential GDP (set at month 0). */
  transferShareOfPotential: number;
  /** User cost of capital at month 0 (depreciation + 10-year yield + spread): the reference of investment. */
  userCostAtStart: number;
  /** Depreciation rate of large firms' composite capital stock (ordinary and automation capital), per year. */
  capitalDepreciation: number;
  /** Real policy rate at month 0 (policy rate − expected inflation): the reference of the rate channel. */
  realRateAtStart: number;
  /** The real policy rate as it has reached households' spending: its moving average with the transmission lag. */
  transmittedRealRate: number;
  /** Mean real wage at month 0 (base of the real wage index). */
  realWageAtStart: number;
  /** Banks' reserves / deposits at month 0 (liquidity above it eases lending standards). */
  reserveRatioAtStart: number;
  /** Matching efficiency μ of the labour market, set at month 0 for the starting unemployment rate. */
  matchingEfficiency: number;
}

/** Portfolio asset classes households choose among (passive units are held for retirement, outside the choice). */
export const PortfolioAsset = { deposits: 0, bills: 1, bonds: 2, growth: 3, defensive: 4, realAssets: 5, gold: 6, bitcoin: 7 } as const;
export const PORTFOLIO_ASSETS = 8;
/** Priced-by-flow classes with beliefs: the three sector pools, gold, bitcoin (index = portfolio asset − 3). */
export const RISKY_ASSETS = 5;
/** Wealth classes: portfolio wealth in years of mean annual income, at these upper bounds (the last open). */
export const WEALTH_CLASS_BOUNDS = [0.1, 0.3, 1, 3, 10, 30, 100] as const;
export const WEALTH_CLASSES = WEALTH_CLASS_BOUNDS.length + 1;

/**
 * Financial markets' state: prices' histories, beliefs of fundamentalists and trend followers per risky
 * asset, the logit's constants per wealth class, the month's flows and the indices built from them.
 */
export interface FinanceState {
  /** Equity index (100 at month 0), chain-linked on price changes; sector indices likewise. */
  equityIndex: number;
  sectorIndex: Float64Array;
  equityPeak: number;
  /** Trailing annual after-tax earnings per firm (EWMA of 12 × the month's). */
  annualEarnings: Float64Array;
  /** Sector earnings yields at month 0 (the discount rate of fundamentals, moved with the real yield). */
  sectorEarningsYieldAtStart: Float64Array;
  realYieldAtStart: number;
  /** Per sector: the return investors required of its equities when prices were last set (annual, decimal). */
  requiredReturn: Float64Array;
  /** Per risky asset: EWMA of monthly log returns (the trend) and of squared returns (variance). */
  trend: Float64Array;
  variance: Float64Array;
  /** Per risky asset: share of fundamentalists among believers, and the two groups' recent squared errors. */
  fundamentalistShare: Float64Array;
  fundamentalistError: Float64Array;
  trendError: Float64Array;
  /** Per risky asset: last month's monthly forecasts of the two groups (for their errors). */
  fundamentalistForecast: Float64Array;
  trendForecast: Float64Array;
  /** Per risky asset: log gap of price to fundamental value (log P* − log P). */
  valueGap: Float64Array;
  /** Expected annual nominal total return per portfolio asset. */
  expectedReturn: Float64Array;
  /** Logit constants and target weights, per wealth class × portfolio asset. */
  classConstants: Float64Array;
  classTargets: Float64Array;
  /** Exit rates from equities, gold and bitcoin (per household-draw per month; set at month 0). */
  exitRate: Float64Array;
  /** Passive share of fund-held equities at month 0. */
  passiveShareAtStart: number;
  /** Share of passive holdings withdrawn each month by retirees: set at month 0 so withdrawals match contributions. */
  retirementWithdrawal: number;
  /** Gold price at month 0 (the fundamental of gold is its month-0 real price). */
  goldPriceAtStart: number;
  /** This month: net money flow into equities from households and funds (intended), passive flows, buybacks. */
  equityNetFlow: number;
  /** Unmatched net intent to buy each sector's equities (households, money). */
  sectorIntent: Float64Array;
  passiveFlow: number;
  buybacks: number;
  goldNetFlow: number;
  bitcoinNetFlow: number;
  /** Households holding any equity (direct or passive) or bitcoin for the first time this month. */
  newBuyers: number;
  /** Indices (0–1). */
  politicalPressure: number;
  pressureAtStart: number;
  bubbleIndex: number;
  redistributing: boolean;
  /** Log of top-10% ÷ bottom-50% mean net worth: this month's and month 0's (k_gap is the difference). */
  kRatio: number;
  kRatioAtStart: number;
  /** Top-10% households' share of equities and fund shares (this month). */
  top10EquityShare: number;
  /** Sum of large-firm bonds and household loans a year ago (leverage growth). */
  leverage: History;
  newBuyerHistory: History;
  equityIndexHistory: History;
}

/** The month's aggregates (flows in billions per month). */
export interface MonthAggregates {
  nominalGdp: number;
  smeSales: number;
  largeSales: number;
  smeRealOutput: number;
  largeRealOutput: number;
  wages: number;
  consumption: number;
  investment: number;
  employed: number;
  smeEmployed: number;
  unemployed: number;
  vacancies: number;
  pmi: number;
  smeLoanRate: number;
  bondIssuanceLarge: number;
  writeOffs: number;
  smeExits: number;
}

export interface EconomyWorld {
  readonly scenario: EconomyScenario;
  month: number;
  /** Months simulated since the start of the burn-in (the clock of growth trends). */
  clock: number;
  readonly ledger: Ledger;
  readonly streams: Streams;
  readonly households: EconomyHouseholds;
  readonly smes: Smes;
  readonly large: LargeFirms;
  readonly banks: Banks;
  readonly funds: Funds;
  readonly government: EconomyGovernment;
  readonly centralBank: EconomyCentralBank;
  readonly regimeMachine: RegimeMachine;
  readonly market: MarketState;
  readonly finance: FinanceState;
  readonly month_: MonthAggregates;
  /** Price slots shared by the books of one security. */
  readonly prices: { bonds: Float64Array; housing: Float64Array; shares: Float64Array };
  readonly history: {
    cpi: History;
    nominalGdp: History;
    realGdp: History;
    wages: History;
    deficit: History;
    interestNet: History;
    federalRevenue: History;
    meanRealWage: History;
    /** Real GDP per employed household, monthly, five years of it (the treasury's reading of productivity). */
    outputPerWorker: History;
  };
  /** Scratch arrays reused every month. */
  readonly scratch: {
    /** Per household: amounts to pay or receive in bulk settlements. */
    householdAmounts: Float64Array;
    householdAmounts2: Float64Array;
    householdAmounts3: Float64Array;
    /** Per household: capital income this month (taxed at the capital rate). */
    capitalIncome: Float64Array;
    /** Per SME and per large firm: amounts due or to pay. */
    smeAmounts: Float64Array;
    largeAmounts: Float64Array;
    largeAmounts2: Float64Array;
    /** Vacancies per SME and large firm (units of skill). */
    smeVacancies: Float64Array;
    largeVacancies: Float64Array;
    /** Cumulative vacancies, for drawing employers. */
    smeCdf: Float64Array;
    largeCdf: Float64Array;
    /** Per fund, per bank: an amount to pay or receive. */
    fundAmounts: Float64Array;
    bankAmounts: Float64Array;
    /**
     * By position k in the month's list of traders (households with a non-zero risky trade), per priced-by-flow
     * asset a (pools, gold, bitcoin): the intended trade (money, signed), at k · RISKY_ASSETS + a (a trader's
     * five trades side by side: one array to write and read, not five).
     */
    intendedTrades: Float64Array;
    /** Per household: 1 if it held equities or bitcoin before this month's trades. */
    wasHolder: Uint8Array;
    /** Per SME: 1 if it exits this month (a byte each, so that the pass over the households reads little). */
    smeExited: Uint8Array;
  };
  readonly wealth: { scratch: DistributionScratch; summary: DistributionSummary };
  readonly income: { scratch: DistributionScratch; summary: DistributionSummary };
  /** Largest relative SFC discrepancy of the month. */
  sfcError: number;
  /** Whether the burn-in is over (month 0 recorded). */
  recording: boolean;
}

/** Numbers of SMEs, large firms and banks: as the scenario says, or in proportion to the households. */
export function populationSizes(scenario: EconomyScenario): { smes: number; largeFirms: number; banks: number } {
  const n = scenario.households;
  return {
    smes: scenario.economy.smes ?? Math.max(3, Math.round(n / 10)),
    largeFirms: scenario.economy.large_firms ?? Math.min(300, Math.max(3, Math.floor(n / 50))),
    banks: scenario.economy.banks,
  };
}

/** Allocate the world's populations and books (all empty); `initialiseEconomy` fills them. */
export function allocateEconomyWorld(scenario: EconomyScenario): EconomyWorld {
  const ledger = new Ledger();
  const n = scenario.households;
  const { smes: smeCount, largeFirms: largeCount, banks: bankCount } = populationSizes(scenario);
  const bondPrice = Float64Array.of(1);
  const housingPrice = Float64Array.of(1);
  const sharePrices = new Float64Array(largeCount).fill(1);
  const funds = createFunds(ledger, FUND_COUNT, largeCount, sharePrices);
  const households = createEconomyHouseholds(ledger, n, { bonds: bondPrice, funds: funds.navSlots, housing: housingPrice });
  const smes = createSmes(ledger, smeCount);
  const large = createLargeFirms(ledger, largeCount, sharePrices);
  const banks = createBanks(ledger, bankCount, bondPrice);
  const government = createEconomyGovernment(ledger, bondPrice);
  const centralBank = createEconomyCentralBank(ledger, bondPrice);
  ledger.configureBanking(banks.deposits, banks.reserves, centralBank.accounts);
  const history = (months: number) => new History(months);
  return {
    scenario,
    month: 0,
    clock: 0,
    ledger,
    streams: createStreams(scenario.seed),
    households,
    smes,
    large,
    banks,
    funds,
    government,
    centralBank,
    regimeMachine: createRegimeMachine(scenario.regimes.initial, scenario.regimes.params),
    market: {
      regime: scenario.regimes.initial,
      cpi: 1,
      cpiAtStart: 1,
      housePriceAtStart: 1,
      smePriceIndex: 1,
      largePriceIndex: 1,
      adaptiveInflation: 0,
      expectedInflation: 0,
      longExpectedInflation: 0,
      smeWage: 0,
      largeWage: 0,
      yield10y: 0,
      termPremium: 0,
      billRate: 0,
      depositRate: 0,
      householdLoanRate: 0,
      spreadLarge: 0,
      tightness: 1,
      normalTightness: 1,
      hiringUncertainty: 0,
      unemploymentAtStart: 0,
      privateBondsToGdpAtStart: 0,
      smeConsumptionShare: 0,
      consumptionScale: 1,
      transferPerHousehold: 0,
      governmentPurchases: 0,
      meanAnnualIncome: 1,
      equityDrawdown: 0,
      matchingEfficiency: 0.3,
      reserveRatioAtStart: 0,
      realWageAtStart: 1,
      realRateAtStart: 0,
      transmittedRealRate: 0,
      userCostAtStart: 0.1,
      capitalDepreciation: 0.07,
      potentialReal: 1,
      potentialBaseCpi: 1,
      transferShareOfPotential: 0,
    },
    finance: {
      equityIndex: 100,
      sectorIndex: new Float64Array(3).fill(100),
      equityPeak: 100,
      annualEarnings: new Float64Array(largeCount),
      sectorEarningsYieldAtStart: new Float64Array(3),
      realYieldAtStart: 0,
      requiredReturn: new Float64Array(3),
      trend: new Float64Array(RISKY_ASSETS),
      variance: new Float64Array(RISKY_ASSETS),
      fundamentalistShare: new Float64Array(RISKY_ASSETS).fill(0.5),
      fundamentalistError: new Float64Array(RISKY_ASSETS),
      trendError: new Float64Array(RISKY_ASSETS),
      fundamentalistForecast: new Float64Array(RISKY_ASSETS),
      trendForecast: new Float64Array(RISKY_ASSETS),
      valueGap: new Float64Array(RISKY_ASSETS),
      expectedReturn: new Float64Array(PORTFOLIO_ASSETS),
      classConstants: new Float64Array(WEALTH_CLASSES * PORTFOLIO_ASSETS),
      classTargets: new Float64Array(WEALTH_CLASSES * PORTFOLIO_ASSETS),
      retirementWithdrawal: 0,
      passiveShareAtStart: 0,
      exitRate: new Float64Array(3),
      goldPriceAtStart: 1,
      equityNetFlow: 0,
      sectorIntent: new Float64Array(3),
      passiveFlow: 0,
      buybacks: 0,
      goldNetFlow: 0,
      bitcoinNetFlow: 0,
      newBuyers: 0,
      politicalPressure: 0,
      pressureAtStart: 0,
      bubbleIndex: 0,
      redistributing: false,
      kRatio: 0,
      kRatioAtStart: 0,
      top10EquityShare: 0,
      leverage: history(13),
      newBuyerHistory: history(12),
      equityIndexHistory: history(13),
    },
    month_: {
      nominalGdp: 0,
      smeSales: 0,
      largeSales: 0,
      smeRealOutput: 0,
      largeRealOutput: 0,
      wages: 0,
      consumption: 0,
      investment: 0,
      employed: 0,
      smeEmployed: 0,
      unemployed: 0,
      vacancies: 0,
      pmi: 50,
      smeLoanRate: 0,
      bondIssuanceLarge: 0,
      writeOffs: 0,
      smeExits: 0,
    },
    prices: { bonds: bondPrice, housing: housingPrice, shares: sharePrices },
    history: {
      cpi: history(25),
      nominalGdp: history(25),
      realGdp: history(25),
      wages: history(13),
      deficit: history(13),
      interestNet: history(13),
      federalRevenue: history(13),
      meanRealWage: history(13),
      outputPerWorker: history(61),
    },
    scratch: {
      householdAmounts: new Float64Array(n),
      householdAmounts2: new Float64Array(n),
      householdAmounts3: new Float64Array(n),
      capitalIncome: new Float64Array(n),
      smeAmounts: new Float64Array(smeCount),
      largeAmounts: new Float64Array(largeCount),
      largeAmounts2: new Float64Array(largeCount),
      smeVacancies: new Float64Array(smeCount),
      largeVacancies: new Float64Array(largeCount),
      smeCdf: new Float64Array(smeCount),
      largeCdf: new Float64Array(largeCount),
      fundAmounts: new Float64Array(FUND_COUNT),
      bankAmounts: new Float64Array(bankCount),
      intendedTrades: new Float64Array(RISKY_ASSETS * n),
      wasHolder: new Uint8Array(n),
      smeExited: new Uint8Array(smeCount),
    },
    wealth: { scratch: createDistributionScratch(n), summary: emptySummary() },
    income: { scratch: createDistributionScratch(n), summary: emptySummary() },
    sfcError: 0,
    recording: false,
  };
}
