/**
 * The report's table of contents: which sections, which charts in each, which columns each chart draws,
 * and the caption that tells a reader what to look for. Charts whose columns a run lacks are left out;
 * a section left with nothing to show is left out.
 */
import type { SeriesColumn } from '../sim/runData.js';
import { columnInfo, axisFormat, levelAxisTitle, type Unit } from './columns.js';

/** One series of a chart: a column, optionally relabelled. */
export interface SeriesPick {
  column: SeriesColumn;
  label?: string;
  dashed?: boolean;
}

/** One way to draw a chart: the columns, their shared unit and axis title. */
export interface ChartChoice {
  series: SeriesPick[];
  unit: Unit;
  axisTitle: string;
  /** Rebase every series to 100 at its first value (for levels in different units or scales). */
  rebase?: boolean;
  /** Added to the caption when this choice is drawn. */
  note?: string;
}

export interface TimeChartPlan {
  kind: 'time';
  id: string;
  title: string;
  caption: string;
  /** Alternatives in order of preference; the first with any column that has data is drawn. */
  choices: ChartChoice[];
  logScale?: boolean;
  /** Log-scale floor for zeros (they cannot be drawn on a log axis). */
  logFloor?: number;
  includeZero?: boolean;
  referenceLines?: Array<{ value: number; label: string }>;
}

export interface LorenzChartPlan {
  kind: 'lorenz';
  id: string;
  title: string;
  caption: string;
}

export interface RegimeTimelinePlan {
  kind: 'regimes';
  id: string;
  title: string;
  caption: string;
}

export type ChartPlan = TimeChartPlan | LorenzChartPlan | RegimeTimelinePlan;

export interface SectionPlan {
  id: string;
  title: string;
  /** The section is drawn only when the run has one of these columns (none listed: always eligible). */
  requiresAny?: SeriesColumn[];
  charts: ChartPlan[];
}

/** A one-unit choice with the unit's default axis title. */
function same(unit: Unit, ...series: Array<SeriesColumn | SeriesPick>): ChartChoice {
  return { unit, axisTitle: levelAxisTitle(unit), series: series.map((s) => (typeof s === 'string' ? { column: s } : s)) };
}

export const SECTIONS: SectionPlan[] = [
  {
    id: 'overview',
    title: 'Overview',
    charts: [
      {
        kind: 'regimes',
        id: 'regime-timeline',
        title: 'Policy regimes over time',
        caption:
          'Each colour is a policy regime: tighten (rates up, QT), recede, panic (emergency cuts), liquidity (near-zero rates, QE) and inflation. The same colours shade every time chart below, so you can line up what each regime did to prices, jobs and wealth.',
      },
    ],
  },
  {
    id: 'the-k',
    title: 'The K: two economies',
    requiresAny: ['equity_index', 'wage_real_index', 'large_output', 'sme_output', 'k_gap'],
    charts: [
      {
        kind: 'time',
        id: 'k-equity-vs-wages',
        title: 'Asset prices vs real wages',
        caption:
          'Both lines start at 100. If liquidity lifts asset prices but not pay, the equity line climbs away from the real-wage line — the upper and lower arms of the K. Watch whether easing regimes widen the gap and whether tightening ever closes it.',
        choices: [same('index', 'equity_index', 'wage_real_index')],
      },
      {
        kind: 'time',
        id: 'k-large-vs-sme-output',
        title: 'Large firms vs small businesses: output',
        caption:
          'Output of the large, bond-financed firms against the bank-financed small and medium enterprises, both rebased to 100 at month 0. Cheap bond markets help the first; SMEs depend on rationed bank credit, so a gap here is the real-economy side of the K.',
        choices: [
          { ...same('index', 'large_output', 'sme_output'), rebase: true, axisTitle: 'Output index, month 0 = 100' },
          same('billions', 'large_output', 'sme_output'),
        ],
      },
      {
        kind: 'time',
        id: 'k-top10-vs-bottom50',
        title: 'Top 10% vs bottom 50%: shares of wealth',
        caption:
          'The share of all household net worth owned by the richest tenth against the share owned by the poorer half. The top 10% hold most financial assets, so rallies raise their share; the bottom half holds mostly deposits and debt.',
        choices: [same('share', 'top10_share', 'bottom50_share')],
      },
      {
        kind: 'time',
        id: 'k-gap',
        title: 'The K gap',
        caption:
          'Log of the ratio of mean real net worth of the top 10% to that of the bottom 50%, minus its month-0 value: zero at the start, positive when the K opens (0.1 ≈ the ratio grew 10%). Look for ratchets: rises in easing spells that are not undone later.',
        choices: [same('logPoints', 'k_gap')],
        includeZero: true,
        referenceLines: [{ value: 0, label: 'month 0' }],
      },
    ],
  },
  {
    id: 'wealth',
    title: 'Wealth concentration',
    charts: [
      {
        kind: 'time',
        id: 'wealth-gini',
        title: 'Inequality: Gini coefficients',
        caption:
          'The Gini coefficient of household wealth (and of income, when recorded): 0 when everyone holds the same, 1 when one household holds everything. Wealth is usually far more unequal than income; a steady upward drift means gains accrue to those who already hold assets.',
        choices: [same('gini', { column: 'wealth_gini', label: 'Wealth Gini' }, { column: 'income_gini', label: 'Income Gini', dashed: true })],
      },
      {
        kind: 'time',
        id: 'wealth-shares',
        title: 'Who owns the wealth: top 1%, top 10%, bottom 50%',
        caption:
          'Shares of total household net worth held by the richest 1%, the richest 10% and the poorer half. The top 1% is part of the top 10%. Compare the slopes: when the top shares rise, the bottom-50% share has to fall somewhere.',
        choices: [same('share', 'top1_share', 'top10_share', 'bottom50_share')],
      },
      {
        kind: 'time',
        id: 'top10-equity-share',
        title: 'Who owns the stock market',
        caption:
          'The share of household-held equities owned by the richest 10%. When it is near 90%, nearly every gain in share prices goes to the top decile — the channel through which asset-price inflation concentrates wealth.',
        choices: [same('share', 'top10_equity_share')],
      },
      {
        kind: 'lorenz',
        id: 'lorenz',
        title: 'Lorenz curves of wealth',
        caption:
          'Each curve plots the share of all wealth held by the poorest x% of households, at the start, the middle and the end of the run. The further a curve sags below the dashed line of perfect equality, the more unequal the distribution; a curve below zero means the poorest owe more than they own.',
      },
    ],
  },
  {
    id: 'policy',
    title: 'Policy',
    charts: [
      {
        kind: 'time',
        id: 'policy-rates',
        title: 'Policy rate and bond yields',
        caption:
          'The central bank sets the policy rate; the 10-year yield is set in the bond market, and the real yield subtracts expected inflation. The term premium is the extra yield for holding long bonds: QE buys duration and should push it down. Falling real yields make every other asset look more attractive.',
        choices: [same('rate', 'policy_rate', 'yield_10y', 'real_yield_10y', 'term_premium')],
        includeZero: true,
      },
      {
        kind: 'time',
        id: 'cb-balance-sheet',
        title: 'Central-bank balance sheet',
        caption:
          'Bonds the central bank holds (its assets) and the bank reserves it created to pay for them. QE raises both; QT shrinks them. Reserves sit on banks’ balance sheets — the question is where the deposits created alongside them end up.',
        choices: [same('gdpRatio', 'cb_assets_gdp', 'reserves_gdp'), same('billions', 'cb_assets', 'reserves')],
        includeZero: true,
      },
      {
        kind: 'time',
        id: 'credit-spreads',
        title: 'Credit: large firms vs SMEs',
        caption:
          'Spreads over the risk-free rate that large firms pay on bonds and that SMEs pay on bank loans. QE compresses bond spreads directly; bank spreads depend on lending standards. A widening gap means liquidity reaches the bond-financed giants first.',
        choices: [same('rate', 'spread_large', 'spread_sme')],
        includeZero: true,
      },
    ],
  },
  {
    id: 'markets',
    title: 'Markets',
    charts: [
      {
        kind: 'time',
        id: 'equity-sectors',
        title: 'Equities by sector',
        caption:
          'Price indices of growth/AI-tech, defensive and real-asset firms, and the market as a whole, all 100 at month 0. Passive flows buy at market-cap weights, so the largest (growth) firms gain the most from inflows: watch momentum beat value.',
        choices: [same('index', { column: 'equity_index', label: 'All equities' }, 'equity_growth', 'equity_defensive', 'equity_real_assets')],
      },
      {
        kind: 'time',
        id: 'pe-ratio',
        title: 'Valuation: price ÷ earnings',
        caption:
          'What investors pay for a dollar of earnings. Rising P/E with flat earnings is balance-sheet inflation: prices following flows, not profits.',
        choices: [same('multiple', 'pe_ratio')],
      },
      {
        kind: 'time',
        id: 'equity-risk-premium',
        title: 'Earnings yield and equity risk premium',
        caption:
          'The earnings yield (earnings ÷ price) and the equity risk premium, the earnings yield minus the 10-year bond yield. A premium near zero means shares pay hardly more than bonds — Dalio’s sign of stimulating into a bubble.',
        choices: [same('rate', 'earnings_yield', 'equity_risk_premium')],
        includeZero: true,
        referenceLines: [{ value: 0, label: 'no premium' }],
      },
      {
        kind: 'time',
        id: 'gold-price',
        title: 'Gold',
        caption:
          'Gold pays no yield, so it gains when real yields fall or inflation fears rise. With a fixed stock, its price moves with the flows into it.',
        choices: [same('price', 'gold_price')],
      },
      {
        kind: 'time',
        id: 'bitcoin-price',
        title: 'Bitcoin',
        caption:
          'Bitcoin has a nearly fixed supply and no income; its price follows flows from households, including those shut out of other asset gains. Check whether it moves with political pressure.',
        choices: [same('price', 'bitcoin_price')],
        logScale: true,
      },
      {
        kind: 'time',
        id: 'bubble-index',
        title: 'Bubble gauge',
        caption:
          'A 0–1 composite of valuation against bonds, price momentum, tight credit spreads, leverage growth and new buyers entering. High readings during liquidity spells mean the stimulus is going into a bubble rather than a slump.',
        choices: [same('score', 'bubble_index')],
        includeZero: true,
      },
      {
        kind: 'time',
        id: 'passive-share',
        title: 'Passive investing and market concentration',
        caption:
          'The share of equities held by passive funds, and the share of market value in the ten largest firms. The more passive the market, the more prices respond to flows and the more value piles into the largest firms.',
        choices: [same('share', 'passive_share', 'top10_firms_value_share')],
      },
    ],
  },
  {
    id: 'public-finance',
    title: 'Public finance',
    charts: [
      {
        kind: 'time',
        id: 'deficit',
        title: 'Government deficit',
        caption: 'The deficit as a share of annual GDP. Redistribution under political pressure and higher interest bills both widen it.',
        choices: [same('gdpRatio', 'deficit_gdp')],
        includeZero: true,
      },
      {
        kind: 'time',
        id: 'public-debt',
        title: 'Government debt',
        caption: 'Debt outstanding. Its growth depends on the deficit, and its cost on how much is financed short, at the policy rate.',
        choices: [same('gdpRatio', 'debt_gdp'), same('billions', 'gov_debt')],
      },
      {
        kind: 'time',
        id: 'interest-burden',
        title: 'Interest bill and short-term financing',
        caption:
          'Interest paid as a share of federal revenue (about a quarter in 2025), and the share of debt in bills that reprice every month. The higher the bill share, the faster tightening raises the interest bill — the policy dilemma.',
        choices: [same('share', 'interest_to_revenue', 'bill_share')],
        includeZero: true,
      },
    ],
  },
  {
    id: 'society',
    title: 'Society',
    charts: [
      {
        kind: 'time',
        id: 'political-pressure',
        title: 'Political pressure',
        caption:
          'A 0–1 index built from stagnant real wages, unemployment and concentrated wealth. Above the scenario’s threshold voters force redistribution, which raises the deficit and inflation.',
        choices: [same('score', 'political_pressure')],
        includeZero: true,
      },
      {
        kind: 'time',
        id: 'pmi',
        title: 'Purchasing managers’ index (SMEs)',
        caption:
          'Share of SMEs reporting rising new orders plus half of those reporting no change, times 100. Below 50, small business is contracting — even while the stock market rises.',
        choices: [same('diffusion', 'pmi')],
        referenceLines: [{ value: 50, label: '50 = no change' }],
      },
      {
        kind: 'time',
        id: 'unemployment-inflation',
        title: 'Unemployment and inflation',
        caption:
          'The unemployment rate and consumer-price inflation over the past year. Tightening fights inflation at the cost of jobs; liquidity that leaks into goods and wages shows up here as inflation.',
        choices: [same('rate', 'unemployment', 'cpi_inflation')],
        includeZero: true,
      },
      {
        kind: 'time',
        id: 'real-wages',
        title: 'Real wages',
        caption: 'What a month’s pay buys, 100 at month 0. Flat real wages while asset prices rise feed political pressure.',
        choices: [same('index', 'wage_real_index')],
      },
      {
        kind: 'time',
        id: 'gdp-growth',
        title: 'Real GDP growth',
        caption: 'Year-on-year growth of real output. Compare its swings with those of the equity index: the financial cycle is far larger than the real one.',
        choices: [same('rate', 'gdp_growth')],
        includeZero: true,
      },
    ],
  },
  {
    id: 'accounts',
    title: 'Accounts check',
    charts: [
      {
        kind: 'time',
        id: 'sfc-error',
        title: 'Stock-flow consistency error',
        caption:
          'The largest relative discrepancy in the accounts each month (every balance sheet, every market, every flow). It should stay at rounding level, far below the dashed line at 10⁻⁹; anything above is a bug, not economics. Exact zeros are drawn at 10⁻¹⁷ because a log axis cannot show zero.',
        choices: [{ unit: 'error', axisTitle: 'Relative error (log scale)', series: [{ column: 'sfc_error' }] }],
        logScale: true,
        logFloor: 1e-17,
        referenceLines: [{ value: 1e-9, label: 'bug threshold 1e-9' }],
      },
    ],
  },
];

/** Label of a series pick (its own or the column's). */
export function pickLabel(pick: SeriesPick): string {
  return pick.label ?? columnInfo(pick.column).label;
}

/** Axis tick format of a choice. */
export function choiceFormat(choice: ChartChoice): string | undefined {
  return choice.rebase ? undefined : axisFormat(choice.unit);
}

/** Columns shown in the Overview's headline table, in order (the first present of each group). */
export const HEADLINE_COLUMNS: SeriesColumn[][] = [
  ['gdp_real'],
  ['unemployment'],
  ['cpi_inflation'],
  ['wage_real_index'],
  ['equity_index'],
  ['pe_ratio'],
  ['policy_rate'],
  ['yield_10y'],
  ['real_yield_10y'],
  ['gold_price'],
  ['bitcoin_price'],
  ['sme_loans'],
  ['debt_gdp', 'gov_debt'],
  ['interest_to_revenue'],
  ['wealth_gini'],
  ['top1_share'],
  ['top10_share'],
  ['bottom50_share'],
  ['top10_equity_share'],
  ['k_gap'],
  ['political_pressure'],
  ['pmi'],
];

/** Key columns of a comparison, grouped by theme (each drawn as an overlay and a difference). */
export const COMPARISON_SECTIONS: Array<{ id: string; title: string; columns: SeriesColumn[] }> = [
  { id: 'the-k', title: 'The K: two economies', columns: ['equity_index', 'wage_real_index', 'large_output', 'sme_output', 'k_gap'] },
  { id: 'wealth', title: 'Wealth concentration', columns: ['wealth_gini', 'top1_share', 'top10_share', 'bottom50_share', 'top10_equity_share'] },
  { id: 'policy-markets', title: 'Policy and markets', columns: ['policy_rate', 'yield_10y', 'real_yield_10y', 'cb_assets_gdp', 'pe_ratio', 'equity_risk_premium', 'gold_price', 'bitcoin_price', 'sme_loans'] },
  { id: 'economy', title: 'Economy, public finance and society', columns: ['gdp_real', 'unemployment', 'cpi_inflation', 'pmi', 'debt_gdp', 'interest_to_revenue', 'political_pressure'] },
];
