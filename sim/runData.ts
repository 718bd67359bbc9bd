/**
 * The data a run writes: the public interface between the engine and everything that reads its output
 * (reports, comparisons, users' own scripts). Column names are stable (DESIGN.md §6): add, never rename.
 *
 * A run folder holds:
 * - `series.csv`              one row a month; the columns the model has, in `SERIES_COLUMNS` order;
 * - `summary.json`            `RunSummary` below: deterministic (same scenario + seed → same bytes);
 * - `scenario.resolved.yaml`  the scenario after `extends` and `--set`;
 * - `run.json`                wall time and host facts (not deterministic, kept apart on purpose);
 * - `report.html`, `specs/`, `charts/`  written by `reports/` from the files above.
 */

/** Every series column the project knows, in output order. A model writes the subset it has. */
export const SERIES_COLUMNS = [
  'month',
  'regime',
  'gdp_real',
  'sme_output',
  'large_output',
  'pmi',
  'unemployment',
  'cpi_inflation',
  'wage_real_index',
  'policy_rate',
  'yield_10y',
  'real_yield_10y',
  'term_premium',
  'spread_large',
  'spread_sme',
  'equity_index',
  'equity_growth',
  'equity_defensive',
  'equity_real_assets',
  'pe_ratio',
  'earnings_yield',
  'equity_risk_premium',
  'gold_price',
  'bitcoin_price',
  'cb_assets',
  'reserves',
  'sme_loans',
  'gov_debt',
  'deficit_gdp',
  'interest_to_revenue',
  'bill_share',
  'wealth_gini',
  'income_gini',
  'top1_share',
  'top10_share',
  'bottom50_share',
  'top10_equity_share',
  'k_gap',
  'profit_top10_share',
  'passive_share',
  'political_pressure',
  'bubble_index',
  'sfc_error',
  'labour_share',
  'debt_gdp',
  'cb_assets_gdp',
  'reserves_gdp',
  'sme_employment_share',
  'sme_loan_rate',
  'negative_networth_share',
  'top10_firms_value_share',
  'networth_gdp',
  'gdp_growth',
  'equity_net_flow',
  'equity_market_value',
  'passive_flow',
  'buybacks',
  'large_bond_issuance',
  'gold_net_flow',
  'bitcoin_net_flow',
  'redistributing',
] as const;
export type SeriesColumn = (typeof SERIES_COLUMNS)[number];

/** One month's row as read back from `series.csv` (numbers, except `regime`). */
export type SeriesRow = { month: number; regime?: string } & Partial<Record<Exclude<SeriesColumn, 'month' | 'regime'>, number>>;

/** A Lorenz curve: cumulative population share → cumulative wealth share, both 0–1. */
export interface LorenzCurve {
  month: number;
  label: string;
  points: Array<[number, number]>;
}

/** Godley balance-sheet or transactions-flow matrix: rows × sectors, each row summing to zero. */
export interface GodleyTable {
  title: string;
  month: number;
  sectors: string[];
  rows: Array<{ label: string; values: number[] }>;
}

/** `summary.json`. */
export interface RunSummary {
  finsim_version: string;
  scenario: {
    name: string;
    description: string;
    learning_goals?: string[];
    questions?: string[];
    model: string;
    /** SHA-256 of the resolved scenario (canonical JSON). */
    hash: string;
  };
  seed: number;
  months: number;
  households: number;
  /** Names of the columns `series.csv` holds, in order. */
  columns: string[];
  /** The month-0 row and the last row. */
  initial: Record<string, number | string>;
  final: Record<string, number | string>;
  /** Largest `sfc_error` over the run. */
  max_sfc_error: number;
  lorenz: LorenzCurve[];
  /** Godley tables at month 0 and the last month (economy models only). */
  godley?: GodleyTable[];
  /** Scripted or endogenous regime spells (economy models only). */
  regimes?: Array<{ regime: string; from: number; to: number }>;
}
