/**
 * The scenario schema: what a scenario file may say, with the unit and range of every number.
 *
 * A file as written is a `ScenarioInput` (partial, may `extends:` another file); after `extends` and
 * `--set` are applied, the merged object is validated once against `ScenarioSchema` and becomes a complete,
 * read-only `Scenario`. Nothing past that edge re-checks or guesses. `finsim schema` prints the JSON Schema
 * generated from this file, so editors can autocomplete scenario files.
 */
import { z } from 'zod';
import { RegimeParamsSchema, ScriptSchema } from './regimes.js';

/** A number with a unit and a documented range. */
function quantity(unit: string, description: string, min: number, max: number) {
  return z.number().min(min).max(max).meta({ unit, description });
}
function integer(unit: string, description: string, min: number, max: number) {
  return z.number().int().min(min).max(max).meta({ unit, description });
}

const text = z.string().min(1);

/** Fields every scenario has, whatever its model. */
const common = {
  extends: z.string().optional().meta({ description: 'Path of a scenario this one extends (relative to this file).' }),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
    .meta({ description: 'Stable identifier; the default output folder is out/<name>.' }),
  description: text.meta({ description: 'What the scenario asks and what to look for.' }),
  learning_goals: z.array(text).optional().meta({ description: 'For lessons: what a student should take away.' }),
  questions: z.array(text).optional().meta({ description: 'For lessons: questions for students.' }),
  seed: integer('', 'Seed of every random stream of the run.', 0, 4_294_967_295).default(1),
  months: integer('months', 'Length of the run.', 1, 1200).default(120),
  households: integer('agents', 'Number of household agents (each weighs 132e6 / households US households).', 2, 10_000_000).default(100_000),
};

/** Boltzmann–Gibbs money exchange (Drăgulescu & Yakovenko 2000). */
const Boltzmann = z.strictObject({
  rule: z.literal('boltzmann'),
  initial_wealth: quantity('money units', 'Money each household starts with.', 1, 1e9).default(10),
  unit: quantity('money units', 'Money a household with money gives to a random other each month.', 1e-9, 1e9).default(1),
});

/** Yard-sale model (Chakraborti 2002; Boghosian 2014): random pairs bet a fraction of the poorer one's wealth. */
const YardSale = z.strictObject({
  rule: z.literal('yard-sale'),
  initial_wealth: quantity('money units', 'Money each household starts with.', 1e-9, 1e9).default(100),
  stake_fraction: quantity('share', "Fraction of the poorer party's wealth staked in each trade.", 0, 1).default(0.1),
  trades_per_month: integer('trades per household', 'Trades each household takes part in per month.', 1, 100).default(1),
});

/** Extended yard-sale model (Boghosian et al. 2017; Li, Boghosian & Li 2019). */
const YardSaleRedistribution = YardSale.extend({
  rule: z.literal('yard-sale-redistribution'),
  chi: quantity('per month', 'Redistribution rate: each month a flat tax of chi × wealth is paid out equally to all.', 0, 1).default(0.01),
  zeta: quantity('', 'Wealth-attained advantage: bias of the coin toward the richer party, per unit of (wealth gap / mean wealth).', 0, 10).default(0),
});

export const ExchangeRules = z.discriminatedUnion('rule', [Boltzmann, YardSale, YardSaleRedistribution]);

/** Exchange-economy lessons: households trading money, nothing else. */
const ExchangeScenario = z.strictObject({
  ...common,
  model: z.literal('exchange').meta({ description: 'Which model runs: exchange (classroom lessons) or economy.' }),
  exchange: ExchangeRules,
});

// ---------------------------------------------------------------------------------------------------------------
// The economy model
// ---------------------------------------------------------------------------------------------------------------

const rate = (description: string, min = -0.2, max = 1) => quantity('rate per year', description, min, max);
const share = (description: string) => quantity('share', description, 0, 1);
const ratioToGdp = (description: string, max = 10) => quantity('ratio to annual GDP', description, 0, max);

/** Sizes of the populations and the burn-in before month 0. */
const Populations = z.strictObject({
  smes: integer('agents', 'Number of small and medium enterprises (default: one per 10 households).', 3, 2_000_000).optional(),
  large_firms: integer('agents', 'Number of large firms, split over the growth, defensive and real-asset sectors (default: 300, at most one per 50 households).', 3, 30_000).optional(),
  banks: integer('agents', 'Number of banks.', 1, 10).default(3),
  burn_in_months: integer('months', 'Months simulated before month 0 so that flows and year-on-year rates settle (the balance sheet is then set to the month-0 targets).', 0, 240).default(52),
});

/** The economy at month 0 (CALIBRATION.md). */
const Start = z.strictObject({
  nominal_gdp: quantity('billions per year', 'Nominal GDP.', 1, 1e7).default(30_000),
  unemployment: share('Unemployment rate.').default(0.043),
  inflation: rate('CPI inflation, year on year, before month 0.').default(0.03),
  real_growth: rate('Trend real growth of output per worker (productivity).').default(0.02),
  policy_rate: rate('Policy rate.', 0, 0.3).default(0.03875),
  gov_debt_gdp: ratioToGdp('Federal debt held by the public.').default(0.99),
  bill_share: share('Treasury bills / marketable debt.').default(0.22),
  bond_coupon: rate('Average coupon of the outstanding treasury bonds.', 0, 0.3).default(0.031),
  cb_assets_gdp: ratioToGdp('Central-bank assets (treasury bonds).').default(0.22),
  reserves_gdp: ratioToGdp('Bank reserves at the central bank.').default(0.095),
  currency_gdp: ratioToGdp('Currency in circulation.').default(0.078),
  treasury_account_gdp: ratioToGdp("The treasury's account at the central bank.").default(0.028),
  household_loans_gdp: ratioToGdp('Bank loans to households (mortgages, consumer credit).').default(0.45),
  sme_loans_gdp: ratioToGdp('Bank loans to SMEs at the start of the burn-in; the burn-in settles them at what SMEs\' working-capital lines hold (~2% of GDP: the model\'s SMEs borrow for payroll only).').default(0.05),
  corporate_bonds_gdp: ratioToGdp('Bonds issued by large firms.').default(0.3),
  sme_employment_share: share('SME share of private employment when the economy is built, before the burn-in (which raises it by about 1 point).').default(0.455),
  sme_wage_ratio: quantity('ratio', 'Wage per unit of skill at SMEs relative to large firms.', 0.3, 1.5).default(0.8),
  sme_capital_months: quantity('months of sales', 'SME deposits at month 0.', 0, 60).default(3),
  bank_bonds_gdp: ratioToGdp("Banks' holdings of treasury bonds (market value).").default(0.06),
  bank_capital_ratio: share('Bank capital / loans at month 0.').default(0.1),
  housing_gdp: ratioToGdp("Households' housing wealth.").default(1.4),
  earnings_yield: rate('Earnings yield of large firms at month 0 (1 / P/E).', 0.001, 1).default(0.044),
  passive_share: share('Share of each large firm held by the passive index fund at month 0.').default(0.55),
  pe_relative: z
    .strictObject({
      growth: quantity('ratio', 'P/E of growth firms relative to the market at month 0.', 0.1, 10).default(1.9),
      defensive: quantity('ratio', 'Relative P/E of defensive firms.', 0.1, 10).default(0.8),
      real_assets: quantity('ratio', 'Relative P/E of real-asset firms.', 0.1, 10).default(0.65),
    })
    .prefault({})
    .meta({ description: 'Sector valuations at month 0 (the market as a whole at start.earnings_yield).' }),
  gold_gdp: ratioToGdp("Households' gold (held through a gold trust), market value.").default(0.04),
  bitcoin_gdp: ratioToGdp("Households' bitcoin (held through a bitcoin trust), market value.").default(0.03),
  gold_price: quantity('model dollars per ounce', 'Gold price at month 0 (sets the unit of the gold_price column).', 1e-6, 1e9).default(4000),
  bitcoin_price: quantity('model dollars per coin', 'Bitcoin price at month 0 (sets the unit of the bitcoin_price column).', 1e-6, 1e12).default(90000),
});

const Households = z.strictObject({
  skill_dispersion: quantity('log points', 'Standard deviation of log skill (wage dispersion).', 0, 3).default(0.7),
  mpc_low_wealth: share('Share of expected disposable income consumed by households with little wealth.').default(0.97),
  mpc_high_wealth: share('Share of expected disposable income consumed by households with much wealth.').default(0.6),
  mpc_wealth_scale: quantity('years of mean income', 'Wealth at which the propensity to consume is halfway between the two.', 0.01, 100).default(2),
  wealth_effect: rate('Share of net financial wealth consumed per year (wealth effect).', 0, 0.2).default(0.02),
  wealth_effect_saturation: quantity('years of mean income', 'Wealth at which the wealth effect is half what a proportional one would be: the wealthy consume a smaller share of their wealth.', 0.1, 1000).default(10),
  rate_sensitivity: quantity('', 'Fall in the propensity to consume per unit rise of the real policy rate above its month-0 level (intertemporal substitution).', 0, 20).default(1.5),
  // Friedman (1961) "long and variable lags"; Romer & Romer (2004): output's response to a policy shock builds over
  // about two years; Havranek & Rusnak (2013), a meta-analysis of 67 studies: 29 months on average to the peak
  // effect on prices. Spending reacts to the rates households pay and earn (loans and deposits repriced over time),
  // not to the policy rate of the month. The default (1, at once) keeps the short lessons as they were calibrated;
  // the-cycle uses 6, at the short end of those estimates.
  rate_transmission_months: quantity(
    'months',
    'Time constant L with which the real policy rate reaches households’ consumption: they respond to an exponential moving average of it that closes 1/L of the gap each month — a mean lag of L − 1 months (1 = at once; 6: 5 months).',
    1,
    60,
  ).default(1),
  income_expectation_weight: share('Weight of this month in expected income (adaptive expectations).').default(0.3),
  separation_rate: quantity('per month', 'Probability that a job ends each month for reasons other than downsizing.', 0, 0.2).default(0.01),
  // Wait-and-see (Bloom 2009, "The impact of uncertainty shocks"): when uncertainty jumps, firms stop hiring
  // while quits and layoffs go on, so employment falls at once and recovers only as the uncertainty fades. US job
  // openings (JOLTS) fell by about half from 2007 to mid-2009 and by about a third from February to April 2020.
  hiring_freeze: share(
    'Share of their vacancies that firms hold back in a panic (uncertainty 1); it shrinks as the uncertainty decays. 0: no wait-and-see.',
  ).default(0.5),
  hiring_freeze_half_life: quantity(
    'months',
    'Half-life of firms’ uncertainty after the panic regime ends (Bloom 2009: uncertainty shocks fade with a half-life of a few months).',
    0.1,
    60,
  ).default(2),
  unemployment_replacement: share('Unemployment benefit / previous wage.').default(0.4),
  mortgage_holders: share('Share of households with a bank loan.').default(0.45),
  loan_to_income: quantity('years of income', 'Target loan of a borrowing household, in years of its wage.', 0, 20).default(2.2),
  loan_adjustment: quantity('per month', 'Share of the gap to the target loan closed each month.', 0, 1).default(0.02),
});

const Smes = z.strictObject({
  markup: quantity('share of unit cost', 'Markup over unit labour cost at normal demand.', 0, 3).default(0.22),
  markup_demand_sensitivity: quantity('', 'Rise of the markup per unit of excess demand (orders / expected orders − 1).', 0, 5).default(0.3),
  price_adjustment: share('Share of the gap to the target price closed each month.').default(0.3),
  expectation_weight: share('Weight of this month in expected orders (adaptive expectations).').default(0.4),
  wage_bargaining: quantity('', 'Rise in SME wage growth per unit of labour-market tightness above its normal level (vacancies / unemployed).', 0, 1).default(0.01),
  productivity_growth: rate('Growth of SME output per unit of labour.', -0.1, 0.2).default(0.005),
  substitution_elasticity: quantity('', 'Elasticity of substitution between SME and large-firm goods in household spending (CES): as large firms get cheaper, spending moves to them.', 0, 20).default(4),
  dividend_payout: share('Share of positive profit paid to the owner each month.').default(0.8),
  // Owner-managed firms keep little equity cash: the median small business holds about 27 days of outflows
  // in cash (JPMorgan Chase Institute, "Cash is King", 2016) — here next month's payroll and a quarter more
  // (~31 days of outflows), of which about a third is the owner's equity (owner equity is about a third of
  // young firms' financing, bank debt the largest part: Robb & Robinson 2014); the rest is on a bank line.
  cash_buffer_months: quantity('months of wage bill', 'Equity cash (deposits beyond loans) an SME keeps: beyond it the owner takes equity out and the firm pays dividends; cash beyond next month’s payroll and this buffer repays loans.', 0, 24).default(0.4),
  exit_net_worth_months: quantity('months of sales', 'An SME whose net worth falls below −this × monthly sales exits (defaults).', 0, 24).default(1),
  market_share_sensitivity: quantity('per month', 'Replicator speed: growth of an SME’s market share per unit of (mean price / its price − 1).', 0, 5).default(0.3),
  demand_noise: quantity('log points per month', 'Standard deviation of each SME’s idiosyncratic demand shock, which accumulates in its market share (tastes, location, luck).', 0, 1).default(0.015),
  // Orders are lumpy month to month (a large customer's order this month, none the next) without moving the
  // firm's market share; they do enter its orders, and so its expected orders, prices and hiring. Small firms'
  // sales are volatile (Davis, Haltiwanger, Jarmin & Miranda 2006 on privately held firms). The size is set for
  // the PMI: with only the 1.5% market-share shock an SME's report of higher or lower orders followed the sign of
  // tiny aggregate changes (~25 PMI points per 1% change in aggregate SME orders; the index swung 35–55 from month
  // to month); with 5% it moves ~6–7 points per 1% (a regression over 120 months at 10,000 households: 7.0).
  order_noise: quantity('log points per month', 'Standard deviation of each SME’s transitory monthly order shock (renormalised; not carried into its market share). It sets how much the PMI moves per 1% change in aggregate SME orders.', 0, 1).default(0.05),
});

const LargeFirms = z.strictObject({
  sector_shares: z
    .strictObject({
      growth: share('Growth/AI-tech sector share of large-firm sales.').default(0.35),
      defensive: share('Defensive sector share.').default(0.35),
      real_assets: share('Real-asset sector share.').default(0.3),
    })
    .prefault({}),
  markups: z
    .strictObject({
      growth: quantity('share of unit cost', 'Markup of growth firms (pricing power).', 0, 5).default(0.54),
      defensive: quantity('share of unit cost', 'Markup of defensive firms.', 0, 5).default(0.315),
      real_assets: quantity('share of unit cost', 'Markup of real-asset firms.', 0, 5).default(0.27),
    })
    .prefault({}),
  automation: share('Automation: share of the labour per unit of output replaced by capital (0 = none).').default(0.3),
  size_dispersion: quantity('Pareto exponent', 'Tail exponent of large-firm sizes within a sector (Zipf ≈ 1 across all firms; flatter among the ~100 largest of a sector).', 0.5, 5).default(1.3),
  capital_output: quantity('years of output', 'Ordinary capital per unit of annual output (automation capital comes on top: see agents/largeFirms.ts).', 0.1, 20).default(2.16),
  depreciation: rate('Depreciation of ordinary (non-automation) capital: structures and long-lived equipment.', 0, 1).default(0.0515),
  automation_depreciation: rate('Depreciation of automation capital (equipment and software; BEA: software 0.33, computers 0.31 a year).', 0, 1).default(0.3),
  investment_adjustment: quantity('per month', 'Share of the gap to desired capital invested each month.', 0, 1).default(0.01),
  investment_rate_elasticity: quantity('', 'Elasticity of desired capital to the user cost of capital (10-year yield + spread + depreciation) relative to its normal level.', 0, 5).default(0.7),
  capacity_pressure: quantity('', 'Rise of the markup per unit of capacity utilisation above normal.', 0, 10).default(0.3),
  normal_utilisation: share('Normal capacity utilisation.').default(0.8),
  wage_bargaining: quantity('', 'Rise in large-firm wage growth per unit of tightness above normal with no automation; automation weakens it in proportion (× (1 − automation): 0.0286 × 0.7 ≈ 0.02 at the default 0.3).', 0, 1).default(0.0286),
  productivity_growth: rate('Growth of large-firm output per unit of labour.', -0.1, 0.2).default(0.022),
  payout: share('Share of after-tax profit paid as dividends.').default(0.6),
  bond_spread: rate('Credit spread of large-firm bonds over the 10-year treasury yield, in normal times.', 0, 0.3).default(0.009),
  spread_unemployment_sensitivity: quantity('', 'Rise in the spread per unit rise of unemployment above its start.', 0, 10).default(0.6),
  bond_maturity_years: quantity('years', 'Average maturity of corporate bonds (share refinanced each month = 1/(12·years)).', 0.5, 40).default(7),
  cash_buffer_months: quantity('months of wage bill', 'Deposits a large firm keeps; it borrows in bonds below this.', 0, 24).default(2),
  expectation_weight: share('Weight of this month in expected sales.').default(0.3),
  price_adjustment: share('Share of the gap to the target price closed each month.').default(0.25),
});

const Banks = z.strictObject({
  deposit_rate_passthrough: share('Deposit rate as a share of the policy rate.').default(0.4),
  sme_loan_margin: rate('Margin of SME loans over the policy rate, in normal times.', 0, 0.3).default(0.034),
  household_loan_margin: rate('Margin of household loans over the 10-year yield.', 0, 0.3).default(0.022),
  risk_premium_sensitivity: quantity('', 'Rise in the SME loan rate per unit of borrower leverage (loans / monthly sales).', 0, 1).default(0.004),
  // A working-capital line is commonly sized at about 10% of annual sales (≈ 1.2 months).
  sme_max_leverage: quantity('months of sales', 'Most an SME can borrow with the easiest standards (its credit line).', 0, 60).default(1.2),
  standards_rate_sensitivity: quantity('', 'Tightening of standards per unit of policy rate above neutral (in rate units).', 0, 100).default(8),
  standards_regime: z
    .strictObject({
      tighten: share('Standards added in the tighten regime.').default(0.15),
      recede: share('In recede.').default(0.2),
      panic: share('In panic.').default(0.45),
      liquidity: share('In liquidity.').default(0),
      inflation: share('In inflation.').default(0.05),
    })
    .prefault({})
    .meta({ description: 'Tightening of lending standards by regime (0 = none, 1 = no new credit).' }),
  capital_target: share('Capital / loans below which a bank tightens standards.').default(0.1),
  standards_liquidity_sensitivity: quantity('', 'Easing of standards per unit rise of a bank’s reserves / deposits above month 0 (the bank lending channel of QE).', 0, 20).default(2),
  payout: share('Share of positive profit paid to shareholders each month.').default(0.5),
});

const Government = z.strictObject({
  purchases_gdp: share('Government purchases / potential GDP.').default(0.17),
  sme_purchase_share: share('Share of government purchases bought from SMEs.').default(0.25),
  transfers_gdp: share('Transfers (pensions, health, income support) / potential GDP, unemployment benefits included.').default(0.128),
  state_local_gdp: share('State and local purchases financed by their own (balanced) taxes; excluded from federal revenue.').default(0.1),
  labour_tax_progressivity: quantity('', 'Progressivity τ of the labour tax: after-tax income = λ·y^(1−τ)·ȳ^τ (Heathcote, Storesletten & Violante 2017).', 0, 1).default(0.18),
  labour_tax_rate: share('Average tax on labour income at all levels of government: income and payroll taxes (sales and property taxes are production_tax_rate\'s; with production_tax_rate at 0, about 0.325 carries them too).').default(0.235),
  capital_tax_rate: share('Tax on interest and dividends received by households.').default(0.2),
  corporate_tax_rate: share('Effective tax on large-firm profits.').default(0.15),
  production_tax_rate: share(
    'Taxes on production and imports (sales, excise and business property taxes) as a share of large firms\' sales, paid before profit and deductible from it: 0.09 of their sales is ~7% of GDP (BEA NIPA table 3.1: taxes on production and imports ~$2 trillion, 2024).',
  ).default(0.09),
  bill_share_target: share('Share of new borrowing in bills in normal times.').default(0.22),
  min_bills_gdp: quantity(
    'share of potential GDP',
    'Bills the treasury keeps outstanding however large its surplus: a surplus retires bills down to this, the rest stays in its account. Through the 1998–2001 surpluses bills never fell below ~6% of GDP (Treasury Monthly Statement of the Public Debt); the floor is half that, reached only by long runs of surpluses. It must be positive: a surplus that retired every bill would leave, owed to no one, the rounding residual between the treasury\'s total and the sum of the holdings.',
    0.001,
    1,
  ).default(0.03),
  bill_share_term_premium_sensitivity: quantity('', 'Rise in the bill share of new borrowing per unit of term premium above normal (weak long-end demand).', 0, 200).default(20),
  potential_growth: rate('Potential real growth at month 0 (the treasury\'s estimate), to which purchases and transfers are indexed (CBO 2025: ~2%).', -0.1, 0.2).default(0.02),
  potential_growth_adaptation_years: quantity(
    'years',
    'Time over which the estimate of potential growth follows the growth of output per worker over the past five years (potential labour productivity × labour force, the labour force fixed here). 0 keeps it at potential_growth for the whole run; otherwise at least 1 (a shorter time would chase the cycle).',
    0,
    100,
  )
    .refine((years) => years === 0 || years >= 1, { message: 'must be 0 (fixed) or at least 1 year' })
    .default(5),
  redistribution_threshold: share('Political pressure (0–1) above which the government redistributes (1 = never).').default(0.75),
  redistribution_transfers_gdp: share('Extra transfers, equal per household, while redistributing (/ potential GDP).').default(0.02),
  wealth_tax: rate('Annual tax on net worth above the 99th percentile while redistributing (0 = none).', 0, 0.2).default(0),
});

const CentralBank = z.strictObject({
  neutral_real_rate: rate('Neutral real policy rate r*.', -0.1, 0.2).default(0.01),
  natural_unemployment: share('Unemployment rate at full employment.').default(0.043),
  taylor_inflation: quantity('', 'Response to inflation above target (Taylor: 0.5).', 0, 5).default(0.5),
  taylor_unemployment: quantity('', 'Response to unemployment above natural (Okun-scaled: 1 ≈ Taylor 0.5 on the output gap).', 0, 5).default(1),
  smoothing: share('Weight of last month’s rate in the rule (interest-rate smoothing, monthly).').default(0.9),
  rate_floor: rate('Effective lower bound of the policy rate.', -0.05, 0.1).default(0.00125),
  tightening_step: rate('Rise of the policy rate per month in tighten.', 0, 0.05).default(0.0025),
  emergency_cut: rate('Cut per month in panic.', 0, 0.1).default(0.005),
  easing_step: rate('Cut per month in liquidity.', 0, 0.05).default(0.0025),
  qe_gdp_per_month: quantity('ratio to annual GDP per month', 'Bond purchases per month when QE is on.', 0, 0.05).default(0.004),
  qt_gdp_per_month: quantity('ratio to annual GDP per month', 'Bond run-off per month when QT is on.', 0, 0.05).default(0.0015),
  qe_in: z.array(z.enum(['tighten', 'recede', 'panic', 'liquidity', 'inflation'])).default(['liquidity', 'panic']).meta({ description: 'Regimes in which the central bank buys bonds (QE).' }),
  qt_in: z.array(z.enum(['tighten', 'recede', 'panic', 'liquidity', 'inflation'])).default(['tighten']).meta({ description: 'Regimes in which bonds run off (QT).' }),
  main_street_in: z
    .array(z.enum(['tighten', 'recede', 'panic', 'liquidity', 'inflation']))
    .default([])
    .meta({ description: 'Regimes in which the central bank funds Main Street instead: it buys new treasury bonds worth qe_gdp_per_month of GDP and the treasury pays them out as equal transfers to households.' }),
});

const Bonds = z.strictObject({
  maturity_years: quantity('years', 'Average remaining maturity of treasury bonds (pricing and refinancing).', 1, 40).default(8),
  rate_persistence: quantity('per month', 'Expected persistence of the policy rate’s gap to neutral (expectations of the rate path).', 0, 1).default(0.97),
  term_premium_base: rate('Term premium with the month-0 private bond supply.', -0.05, 0.1).default(0.006),
  term_premium_supply: quantity('', 'Rise in the term premium per unit of privately held bonds / GDP above month 0 (duration supply; QE lowers it).', 0, 1).default(0.05),
  inflation_anchor: share('Weight of the target in 10-year inflation expectations (the rest: current inflation).').default(0.8),
  expectation_weight: share('Weight of this month in the adaptive belief about inflation.').default(0.1),
  short_run_anchor: share('Weight of the target in one-year inflation expectations (the rest: the adaptive belief).').default(0.3),
});

/** Financial markets: equities priced from flows, portfolio choice, gold and bitcoin (DESIGN.md §4 step 7). */
const Markets = z.strictObject({
  active_elasticity: quantity('', 'Price elasticity ζₐ of active (direct) equity demand: a flow f (share of market value) moves prices by f / ((1 − passive share)·ζₐ) (Gabaix & Koijen 2021: M ≈ 5).', 0.01, 10).default(0.4),
  size_elasticity_exponent: quantity('', 'Fall of active investors’ price elasticity with a firm’s size: ζ_f = ζₐ·(V_f / V̄)^(−η), V̄ the value-weighted mean firm value (Jiang, Vayanos & Zheng 2022: passive flows lift the largest firms most). 0: every firm alike.', 0, 2).default(0.5),
  discount_rate_passthrough: quantity(
    '',
    'Share of a change in the 10-year real yield that moves the return investors require of equities; the equity premium absorbs the rest, moving the other way (higher when real yields are low: Duarte & Rosa 2015). 1: a Gordon model with a constant premium (the default; the-cycle uses 0.5).',
    0,
    1,
  ).default(1),
  discount_rate_news: share(
    'Share of the month’s change in the required return (discount-rate news) that moves equity prices at once, before flows. 1: all of it — in Gabaix & Koijen’s (2021) inelastic market, news that moves value moves active demand and the price one for one, and a policy surprise reaches stock prices the same day (Bernanke & Kuttner 2005); 0: the news reaches prices only through flows and the slow pull toward value, so that every price change is a flow’s (the controlled experiment of the passive-share lessons).',
  ).default(0),
  fundamental_pull: quantity('per month', 'Pull of equity prices toward fundamental value with no passive holders (scaled by the active share).', 0, 1).default(0.02),
  rebalance_speed: share('Share of the gap to the target portfolio a household closes each month (inertia).').default(0.05),
  choice_intensity: quantity('per unit of annual return', 'Intensity β of the logit portfolio choice over expected real returns.', 0, 200).default(4),
  risk_aversion: quantity('', 'Risk charge λ on the variance of each asset’s returns in its attractiveness.', 0, 50).default(2),
  fundamentalist_speed: quantity('per year', 'Expected yearly closing of the gap to fundamental value by fundamentalists (κ).', 0, 5).default(0.3),
  trend_memory: share('Weight of this month in trend followers’ average of past returns (EWMA).').default(0.08),
  switching_intensity: quantity('', 'Intensity γ with which beliefs switch toward the forecaster with the smaller recent error (Brock & Hommes 1998).', 0, 1e6).default(300),
  trend_extrapolation: quantity('', 'How much of the trend (annualised) trend followers expect to continue.', 0, 5).default(0.5),
  equity_entry: quantity('per month', 'Share of households outside the stock market (with at least 0.3 years of income in financial wealth) who start holding equities each month, with no momentum.', 0, 1).default(0.002),
  gold_entry: quantity('per month', 'The same for gold.', 0, 1).default(0.001),
  bitcoin_entry: quantity('per month', 'The same for bitcoin (households with at least 0.1 years of income), with no momentum and month-0 political pressure.', 0, 1).default(0.002),
  entry_momentum: quantity('', 'Rise of the entry rates per unit of the asset’s trailing annual return (new buyers chase rallies).', 0, 100).default(5),
  trend_cap: quantity('per year', 'Largest price change trend followers expect in a year (their forecast saturates there).', 0.01, 5).default(0.25),
  gold_real_yield_sensitivity: quantity('', 'Fall in the log of gold’s fundamental real price per unit rise of the 10-year real yield (Erb & Harvey 2013: gold moves inversely with real yields).', 0, 100).default(20),
  gold_multiplier: quantity('', 'Price multiplier of net flows into gold (Δlog P = M·flow / value).', 0, 50).default(2),
  bitcoin_multiplier: quantity('', 'Price multiplier of net flows into bitcoin.', 0, 100).default(6),
  bitcoin_pressure_participation: quantity('', 'Rise in the log-attractiveness of bitcoin per unit of political pressure above month 0, for households outside the top wealth classes.', 0, 50).default(3),
  bitcoin_momentum_participation: quantity('', 'Rise in the log-attractiveness of bitcoin per unit of its trailing annual return.', 0, 50).default(1),
  retirement_contribution: share('Retirement contribution into the passive index fund, share of the wage at the mean wage.').default(0.04),
  contribution_progressivity: quantity('', 'Elasticity of the contribution rate to the wage relative to the mean (higher earners save more).', 0, 3).default(0.5),
  contribution_growth: quantity('per year', 'Yearly rise of the contribution rate (share of wage, added); passive-rising uses it.', 0, 0.1).default(0),
  unemployed_withdrawal: quantity('per month', 'Extra share of passive holdings the unemployed withdraw each month.', 0, 1).default(0.03),
  index_coverage: share('Share of equity market value in the index the passive fund tracks (the largest firms at month 0; index members’ shares are the ones passive money buys).').default(0.85),
  passive_conversion: quantity('per month', 'Share of their direct holdings of index firms that households move into the index fund each month (in kind), their taste for direct holdings falling alike.', 0, 0.1).default(0),
  buyback_sensitivity: quantity('per year', 'Buybacks, as a share of market value per year, per unit of (earnings yield − after-tax cost of debt).', 0, 100).default(1),
  max_buyback: quantity('per month', 'Most of its market value a firm buys back in a month.', 0, 0.1).default(0.0015),
  spread_search_for_yield: quantity('', 'Semi-elasticity of the large-firm spread to the 10-year real yield: the log spread falls by this per unit fall of the real yield below month 0 (search for yield).', 0, 500).default(30),
});

/** The monetary and real economy (DESIGN.md §2–§6). */
const EconomyScenario = z.strictObject({
  ...common,
  model: z.literal('economy').meta({ description: 'Which model runs: exchange (classroom lessons) or economy.' }),
  regimes: z
    .strictObject({
      mode: z.enum(['endogenous', 'scripted']).default('endogenous').meta({ description: 'Regimes from indicator thresholds, or a script.' }),
      initial: z.enum(['tighten', 'recede', 'panic', 'liquidity', 'inflation']).default('recede').meta({ description: 'Regime at month 0 (endogenous mode).' }),
      script: ScriptSchema.optional().meta({ description: 'The regime sequence (scripted mode).' }),
      params: RegimeParamsSchema.prefault({}),
    })
    .prefault({})
    .refine((r) => r.mode !== 'scripted' || r.script !== undefined, { message: 'scripted mode needs a script', path: ['script'] }),
  economy: Populations.prefault({}),
  start: Start.prefault({}),
  household: Households.prefault({}),
  sme: Smes.prefault({}),
  large: LargeFirms.prefault({}),
  bank: Banks.prefault({}),
  government: Government.prefault({}),
  central_bank: CentralBank.prefault({}),
  bonds: Bonds.prefault({}),
  markets: Markets.prefault({}),
});

export const ScenarioSchema = z.discriminatedUnion('model', [ExchangeScenario, EconomyScenario]);

/** A scenario after validation: complete and read-only. */
export type Scenario = Readonly<z.output<typeof ScenarioSchema>>;
export type ExchangeScenario = Extract<Scenario, { model: 'exchange' }>;
export type EconomyScenario = Extract<Scenario, { model: 'economy' }>;
export type ExchangeRule = z.output<typeof ExchangeRules>;
/** A scenario as written in a file (fields optional where defaults apply). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** JSON Schema of scenario files, for editors (`finsim schema`). */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
}
