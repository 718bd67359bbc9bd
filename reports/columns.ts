/**
 * What each series column means to a reader: a label, a unit, and how to print a value or a difference.
 * Units follow DESIGN.md §6: rates and shares as decimals, indices 100 at month 0, money in billions, PMI 0–100.
 */
import type { SeriesColumn } from '../sim/runData.js';

/** The unit families the report knows how to label and format. */
export const Unit = {
  /** A rate per year, stored as a decimal (0.04 = 4%). */
  rate: 'rate',
  /** A share of a total, stored as a decimal. */
  share: 'share',
  /** A ratio to annual GDP, stored as a decimal (1.2 = 120% of GDP). */
  gdpRatio: 'gdpRatio',
  /** An index equal to 100 at month 0. */
  index: 'index',
  /** Money in billions of model dollars. */
  billions: 'billions',
  /** A price in model dollars per unit (gold, bitcoin). */
  price: 'price',
  /** A diffusion index on 0–100, 50 = no change. */
  diffusion: 'diffusion',
  /** A Gini coefficient, 0 = perfect equality, 1 = one holds all. */
  gini: 'gini',
  /** A composite score on 0–1. */
  score: 'score',
  /** Log points relative to month 0. */
  logPoints: 'logPoints',
  /** A multiple (price ÷ earnings). */
  multiple: 'multiple',
  /** A relative accounting error (dimensionless, tiny). */
  error: 'error',
} as const;
export type Unit = keyof typeof Unit;

export interface ColumnInfo {
  /** Short name for legends and tables. */
  label: string;
  unit: Unit;
}

type NumericColumn = Exclude<SeriesColumn, 'month' | 'regime'>;

/** Labels and units of every numeric column of the data contract. */
export const COLUMN_INFO: Record<NumericColumn, ColumnInfo> = {
  gdp_real: { label: 'Real GDP', unit: 'billions' },
  sme_output: { label: 'SME output', unit: 'billions' },
  large_output: { label: 'Large-firm output', unit: 'billions' },
  pmi: { label: 'PMI (SME new orders)', unit: 'diffusion' },
  unemployment: { label: 'Unemployment rate', unit: 'rate' },
  cpi_inflation: { label: 'CPI inflation (y/y)', unit: 'rate' },
  wage_real_index: { label: 'Real wages', unit: 'index' },
  policy_rate: { label: 'Policy rate', unit: 'rate' },
  yield_10y: { label: '10-year yield', unit: 'rate' },
  real_yield_10y: { label: '10-year real yield', unit: 'rate' },
  term_premium: { label: 'Term premium', unit: 'rate' },
  spread_large: { label: 'Large-firm credit spread', unit: 'rate' },
  spread_sme: { label: 'SME credit spread', unit: 'rate' },
  equity_index: { label: 'Equity index', unit: 'index' },
  equity_growth: { label: 'Growth / AI-tech equities', unit: 'index' },
  equity_defensive: { label: 'Defensive equities', unit: 'index' },
  equity_real_assets: { label: 'Real-asset equities', unit: 'index' },
  pe_ratio: { label: 'P/E ratio', unit: 'multiple' },
  earnings_yield: { label: 'Earnings yield', unit: 'rate' },
  equity_risk_premium: { label: 'Equity risk premium', unit: 'rate' },
  gold_price: { label: 'Gold price', unit: 'price' },
  bitcoin_price: { label: 'Bitcoin price', unit: 'price' },
  cb_assets: { label: 'Central-bank assets', unit: 'billions' },
  reserves: { label: 'Bank reserves', unit: 'billions' },
  sme_loans: { label: 'SME loans', unit: 'billions' },
  gov_debt: { label: 'Government debt', unit: 'billions' },
  deficit_gdp: { label: 'Government deficit', unit: 'gdpRatio' },
  interest_to_revenue: { label: 'Interest ÷ revenue', unit: 'share' },
  bill_share: { label: 'Bills’ share of debt', unit: 'share' },
  wealth_gini: { label: 'Wealth Gini', unit: 'gini' },
  income_gini: { label: 'Income Gini', unit: 'gini' },
  top1_share: { label: 'Top 1% wealth share', unit: 'share' },
  top10_share: { label: 'Top 10% wealth share', unit: 'share' },
  bottom50_share: { label: 'Bottom 50% wealth share', unit: 'share' },
  top10_equity_share: { label: 'Top 10%’s share of equities', unit: 'share' },
  k_gap: { label: 'K gap', unit: 'logPoints' },
  profit_top10_share: { label: 'Top-10 firms’ profit share', unit: 'share' },
  passive_share: { label: 'Passive share of equities', unit: 'share' },
  political_pressure: { label: 'Political pressure', unit: 'score' },
  bubble_index: { label: 'Bubble index', unit: 'score' },
  sfc_error: { label: 'Stock-flow error', unit: 'error' },
  labour_share: { label: 'Labour share of income', unit: 'share' },
  debt_gdp: { label: 'Government debt', unit: 'gdpRatio' },
  cb_assets_gdp: { label: 'Central-bank assets', unit: 'gdpRatio' },
  reserves_gdp: { label: 'Bank reserves', unit: 'gdpRatio' },
  sme_employment_share: { label: 'SME share of employment', unit: 'share' },
  sme_loan_rate: { label: 'SME loan rate', unit: 'rate' },
  negative_networth_share: { label: 'Households with negative net worth', unit: 'share' },
  top10_firms_value_share: { label: 'Top-10 firms’ share of market value', unit: 'share' },
  networth_gdp: { label: 'Net worth ÷ GDP', unit: 'gdpRatio' },
  gdp_growth: { label: 'Real GDP growth (y/y)', unit: 'rate' },
  equity_net_flow: { label: 'Net flow into equities (month)', unit: 'billions' },
  equity_market_value: { label: 'Equity market value', unit: 'billions' },
  passive_flow: { label: 'Net retirement flow into passive funds (month)', unit: 'billions' },
  buybacks: { label: 'Share buybacks (month)', unit: 'billions' },
  large_bond_issuance: { label: 'Large-firm bond issuance (month)', unit: 'billions' },
  gold_net_flow: { label: 'Net flow into gold (month)', unit: 'billions' },
  bitcoin_net_flow: { label: 'Net flow into bitcoin (month)', unit: 'billions' },
  redistributing: { label: 'Redistribution on (1) or off (0)', unit: 'score' },
};

/** Label and unit of a column; unknown (newer) columns get their own name and no unit formatting. */
export function columnInfo(column: string): ColumnInfo {
  return Object.hasOwn(COLUMN_INFO, column) ? COLUMN_INFO[column as NumericColumn] : { label: column, unit: 'score' };
}

/** Whether values of this unit are decimals shown as percentages. */
export function isPercentUnit(unit: Unit): boolean {
  return unit === 'rate' || unit === 'share' || unit === 'gdpRatio';
}

/** d3-format string for axis ticks of this unit (Vega-Lite `axis.format`), or undefined for Vega's default. */
export function axisFormat(unit: Unit): string | undefined {
  if (isPercentUnit(unit)) return '.1~%';
  if (unit === 'error') return '.0e';
  if (unit === 'billions' || unit === 'price') return ',~g';
  return undefined;
}

const MINUS = '\u2212';

/** Fixed-point with thousands separators and a typographic minus; deterministic (no locale). */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '–';
  const rounded = Math.abs(value).toFixed(decimals);
  const [whole, frac] = rounded.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(rounded) !== 0;
  return (negative ? MINUS : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

function signed(text: string, value: number): string {
  return value > 0 && Number(text.replace(/[^0-9.]/g, '')) !== 0 ? '+' + text : text;
}

/** Decimals enough to show ~4 significant digits of a magnitude, between 0 and 4. */
function decimalsFor(value: number): number {
  const a = Math.abs(value);
  if (a >= 1000) return 0;
  if (a >= 100) return 1;
  if (a >= 1) return 2;
  return 3;
}

/** A level of a column, formatted for a table ("4.3%", "$1,234 bn", "104.2"). */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'rate':
    case 'share':
    case 'gdpRatio':
      return formatFixed(value * 100, 1) + '%';
    case 'index':
    case 'diffusion':
      return formatFixed(value, 1);
    case 'billions':
      return '$' + formatFixed(value, Math.abs(value) >= 100 ? 0 : 1) + ' bn';
    case 'price':
      return '$' + formatFixed(value, decimalsFor(value));
    case 'multiple':
      return formatFixed(value, 1) + '×';
    case 'gini':
    case 'score':
    case 'logPoints':
      return formatFixed(value, 3);
    case 'error':
      return value === 0 ? '0' : value.toExponential(1).replace('-', MINUS);
  }
}

/** A difference between two levels of a column ("+1.2 pp", "−3.4 pts", "+$12 bn"). */
export function formatDifference(diff: number | null | undefined, unit: Unit): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return '–';
  switch (unit) {
    case 'rate':
    case 'share':
    case 'gdpRatio':
      return signed(formatFixed(diff * 100, 1), diff) + ' pp';
    case 'index':
    case 'diffusion':
      return signed(formatFixed(diff, 1), diff) + ' pts';
    case 'billions': {
      const text = formatFixed(Math.abs(diff), Math.abs(diff) >= 100 ? 0 : 1);
      return (diff < 0 && Number(text.replace(/,/g, '')) !== 0 ? MINUS : diff > 0 ? '+' : '') + '$' + text + ' bn';
    }
    case 'price': {
      const text = formatFixed(Math.abs(diff), decimalsFor(diff));
      return (diff < 0 && Number(text.replace(/,/g, '')) !== 0 ? MINUS : diff > 0 ? '+' : '') + '$' + text;
    }
    case 'multiple':
      return signed(formatFixed(diff, 1), diff) + '×';
    case 'gini':
    case 'score':
    case 'logPoints':
      return signed(formatFixed(diff, 3), diff);
    case 'error':
      return diff === 0 ? '0' : (diff > 0 ? '+' : '') + diff.toExponential(1).replace('-', MINUS);
  }
}

/** Relative change from a to b as a percentage string ("+12.3%"), or '' when not meaningful. */
export function formatRelativeChange(from: number | null, to: number | null): string {
  if (from === null || to === null || !Number.isFinite(from) || !Number.isFinite(to) || from <= 0 || to < 0) return '';
  const pct = (to / from - 1) * 100;
  return signed(formatFixed(pct, 1), pct) + '%';
}

/** Axis title of a difference chart (b − a) for a unit, in the unit the chart's values are drawn in. */
export function differenceAxisTitle(unit: Unit): string {
  switch (unit) {
    case 'rate':
    case 'share':
    case 'gdpRatio':
      return 'Difference, percentage points';
    case 'index':
      return 'Difference, index points (month 0 = 100)';
    case 'diffusion':
      return 'Difference, index points';
    case 'billions':
      return 'Difference, $ billions';
    case 'price':
      return 'Difference, model $';
    case 'multiple':
      return 'Difference in P/E (times earnings)';
    case 'gini':
      return 'Difference in Gini (0–1)';
    case 'score':
      return 'Difference in index (0–1)';
    case 'logPoints':
      return 'Difference, log points';
    case 'error':
      return 'Difference in relative error';
  }
}

/** Axis title for levels of one column, with its unit. */
export function levelAxisTitle(unit: Unit): string {
  switch (unit) {
    case 'rate':
      return 'Rate, % per year';
    case 'share':
      return 'Share, %';
    case 'gdpRatio':
      return '% of annual GDP';
    case 'index':
      return 'Index, month 0 = 100';
    case 'billions':
      return '$ billions (model dollars)';
    case 'price':
      return 'Price, model $';
    case 'diffusion':
      return 'Diffusion index (50 = no change)';
    case 'gini':
      return 'Gini (0 = equal, 1 = one holds all)';
    case 'score':
      return 'Index, 0–1';
    case 'logPoints':
      return 'Log points vs month 0';
    case 'multiple':
      return 'Price ÷ earnings (times)';
    case 'error':
      return 'Relative error (log scale)';
  }
}
