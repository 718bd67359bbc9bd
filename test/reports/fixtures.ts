/**
 * Synthetic run folders for the report tests, written from small deterministic formulas (no engine):
 * - a lesson-like run: only month, wealth_gini, top1/top10/bottom50 shares and sfc_error, with Lorenz curves
 *   and a scenario description that tries to inject a script;
 * - an economy-like run: every SERIES_COLUMNS column, scripted regimes, Godley tables, Lorenz curves;
 * - an ensemble run: the economy run plus quantiles.csv for a few columns.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERIES_COLUMNS, type GodleyTable, type LorenzCurve, type RunSummary } from '../../sim/runData.js';

type Row = Record<string, number | string | null>;

export const XSS_DESCRIPTION = 'An exchange economy. <script>alert(1)</script> Watch the Gini & the shares.';

function csv(columns: readonly string[], rows: Row[]): string {
  const cell = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

function lorenzCurve(month: number, inequality: number): LorenzCurve {
  const points: Array<[number, number]> = [];
  for (let i = 0; i <= 50; i++) {
    const p = i / 50;
    // Pareto-like curve, dipping slightly below zero at the bottom when inequality is high (net debtors).
    const w = Math.pow(p, 1 + 4 * inequality) - 0.02 * inequality * Math.sin(Math.PI * p);
    points.push([p, w]);
  }
  return { month, label: `month ${month}`, points };
}

function baseSummary(name: string, description: string, columns: readonly string[], rows: Row[], extra: Partial<RunSummary>): RunSummary {
  const numeric = (r: Row) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as Record<string, number | string>;
  return {
    finsim_version: '0.1.0-test',
    scenario: { name, description, model: 'test', hash: 'deadbeef' },
    seed: 42,
    months: rows.length - 1,
    households: 1000,
    columns: [...columns],
    initial: numeric(rows[0]),
    final: numeric(rows[rows.length - 1]),
    max_sfc_error: Math.max(...rows.map((r) => Number(r.sfc_error ?? 0))),
    lorenz: [],
    ...extra,
  };
}

function writeFolder(dir: string, columns: readonly string[], rows: Row[], summary: RunSummary): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'series.csv'), csv(columns, rows));
  writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  return dir;
}

export const LESSON_COLUMNS = ['month', 'wealth_gini', 'top1_share', 'top10_share', 'bottom50_share', 'sfc_error'] as const;

/** A yard-sale-like lesson: inequality rising from equality, no regimes, no Godley tables. */
export function writeLessonRun(dir: string, options: { months?: number; description?: string } = {}): string {
  const months = options.months ?? 60;
  const rows: Row[] = [];
  for (let m = 0; m <= months; m++) {
    const g = 0.1 + 0.6 * (1 - Math.exp(-m / 25));
    rows.push({
      month: m,
      wealth_gini: g,
      top1_share: 0.012 + 0.25 * g * g,
      top10_share: 0.11 + 0.6 * g,
      bottom50_share: 0.45 - 0.5 * g,
      sfc_error: m % 7 === 0 ? 0 : 1e-15 * (1 + (m % 5)),
    });
  }
  const summary = baseSummary('Yard-sale lesson', options.description ?? XSS_DESCRIPTION, LESSON_COLUMNS, rows, {
    scenario: {
      name: 'Yard-sale lesson',
      description: options.description ?? XSS_DESCRIPTION,
      model: 'exchange',
      hash: 'abc123',
      learning_goals: ['See how random fair trades concentrate wealth', 'Read a Lorenz curve <b>carefully</b>'],
      questions: ['Why does the Gini rise if every trade is fair?', 'What happens to the bottom 50% share & why?'],
    },
    lorenz: [lorenzCurve(0, 0.05), lorenzCurve(20, 0.3), lorenzCurve(40, 0.5), lorenzCurve(months, 0.7)],
  });
  return writeFolder(dir, LESSON_COLUMNS, rows, summary);
}

/** The scripted regime of a month in the economy fixture. */
export function economyRegime(m: number): string {
  if (m < 18) return 'tighten';
  if (m < 30) return 'recede';
  if (m < 36) return 'panic';
  if (m < 72) return 'liquidity';
  if (m < 90) return 'inflation';
  return 'tighten';
}

function godleyTables(month: number, scale: number): GodleyTable[] {
  const s = scale;
  return [
    {
      title: 'Balance sheet',
      month,
      sectors: ['Households', 'Firms', 'Banks', 'Government', 'Central bank'],
      rows: [
        { label: 'Deposits', values: [900 * s, 300 * s, -1200 * s, 0, 0] },
        { label: 'Reserves', values: [0, 0, 400 * s, 0, -400 * s] },
        { label: 'Loans', values: [-200 * s, -500 * s, 700 * s, 0, 0] },
        { label: 'Treasury bonds', values: [600 * s, 0, 100 * s, -1100 * s, 400 * s] },
        { label: 'Equities', values: [2500 * s, -2500 * s, 0, 0, 0] },
        { label: 'Net worth', values: [-3800 * s, 2700 * s, 0, 1100 * s, 0] },
      ],
    },
    {
      title: 'Transactions flow',
      month,
      sectors: ['Households', 'Firms', 'Banks', 'Government', 'Central bank'],
      rows: [
        { label: 'Consumption', values: [-80 * s, 80 * s, 0, 0, 0] },
        { label: 'Wages', values: [60 * s, -60 * s, 0, 0, 0] },
        { label: 'Taxes', values: [-15 * s, -5 * s, 0, 20 * s, 0] },
        { label: 'Interest on bonds', values: [3 * s, 0, 0.5 * s, -5.5 * s, 2 * s] },
        { label: 'CB remittance', values: [0, 0, 0, 2 * s, -2 * s] },
        { label: 'Saving', values: [32 * s, -15 * s, -0.5 * s, -16.5 * s, 0] },
      ],
    },
  ];
}

/** A 10-year economy run with every column, five regimes and Godley tables. */
export function writeEconomyRun(dir: string, options: { months?: number; name?: string; qe?: number; description?: string } = {}): string {
  const months = options.months ?? 120;
  const qe = options.qe ?? 1;
  const rows: Row[] = [];
  let equity = 100;
  let wage = 100;
  for (let m = 0; m <= months; m++) {
    const regime = economyRegime(m);
    const easing = regime === 'liquidity' ? 1 : regime === 'panic' ? -2 : regime === 'tighten' ? -0.3 : 0;
    equity *= 1 + 0.004 + 0.012 * easing * qe + 0.01 * Math.sin(m / 5);
    wage *= 1 + 0.0008 - 0.0006 * (regime === 'inflation' ? 1 : 0);
    const t = m / Math.max(1, months);
    const policy = regime === 'liquidity' ? 0.0025 : regime === 'panic' ? 0.01 : regime === 'tighten' ? 0.045 + 0.0005 * (m % 18) : 0.035;
    const y10 = 0.04 + 0.3 * (policy - 0.03) - 0.004 * qe * (regime === 'liquidity' ? 1 : 0);
    const infl = regime === 'inflation' ? 0.055 : regime === 'liquidity' ? 0.028 : 0.025;
    const gdp = 20000 * (1 + 0.0015 * m) * (regime === 'panic' ? 0.98 : 1);
    const row: Row = {
      month: m,
      regime,
      gdp_real: gdp,
      sme_output: 6000 * (1 + 0.0006 * m),
      large_output: 14000 * (1 + 0.002 * m * qe),
      pmi: 50 + 6 * Math.sin(m / 8) - (regime === 'recede' ? 4 : 0),
      unemployment: 0.043 + (regime === 'panic' ? 0.02 : regime === 'recede' ? 0.008 : 0) + 0.002 * Math.sin(m / 10),
      cpi_inflation: infl,
      wage_real_index: wage,
      policy_rate: policy,
      yield_10y: y10,
      real_yield_10y: y10 - infl + 0.01,
      term_premium: 0.006 - 0.004 * (regime === 'liquidity' ? qe : 0),
      spread_large: 0.012 - 0.004 * (regime === 'liquidity' ? qe : 0) + (regime === 'panic' ? 0.02 : 0),
      spread_sme: 0.035 + (regime === 'panic' ? 0.03 : 0),
      equity_index: equity,
      equity_growth: equity * (1 + 0.3 * t),
      equity_defensive: 100 + (equity - 100) * 0.4,
      equity_real_assets: 100 + (equity - 100) * 0.6,
      pe_ratio: 22 + 8 * t * qe,
      earnings_yield: 1 / (22 + 8 * t * qe),
      equity_risk_premium: 1 / (22 + 8 * t * qe) - y10,
      gold_price: 2600 * (1 + 0.004 * m * qe),
      bitcoin_price: 90000 * Math.exp(0.02 * m * qe + 0.3 * Math.sin(m / 6)),
      cb_assets: 7000 + 40 * qe * Math.max(0, m - 36),
      reserves: 3200 + 38 * qe * Math.max(0, m - 36),
      sme_loans: 2500 * (1 + 0.001 * m),
      gov_debt: 36000 * (1 + 0.004 * m),
      deficit_gdp: -0.06 - (regime === 'panic' ? 0.03 : 0),
      interest_to_revenue: 0.25 + 0.05 * (policy - 0.03) * 10,
      bill_share: 0.22 + 0.05 * t,
      wealth_gini: 0.82 + 0.05 * t * qe,
      income_gini: 0.48 + 0.01 * t,
      top1_share: 0.32 + 0.04 * t * qe,
      top10_share: 0.67 + 0.05 * t * qe,
      bottom50_share: 0.025 - 0.01 * t * qe,
      top10_equity_share: 0.9 + 0.02 * t,
      k_gap: 0.4 * t * qe,
      profit_top10_share: 0.4 + 0.1 * t,
      passive_share: 0.5 + 0.1 * t,
      political_pressure: 0.3 + 0.4 * t,
      bubble_index: regime === 'liquidity' ? 0.7 : 0.35,
      sfc_error: m % 11 === 0 ? 0 : 3e-14 * (1 + (m % 3)),
      labour_share: 0.58 - 0.03 * t,
      debt_gdp: 1.2 + 0.2 * t,
      cb_assets_gdp: (7000 + 40 * qe * Math.max(0, m - 36)) / gdp,
      reserves_gdp: (3200 + 38 * qe * Math.max(0, m - 36)) / gdp,
      sme_employment_share: 0.45 - 0.02 * t,
      sme_loan_rate: policy + 0.035,
      negative_networth_share: 0.1 + 0.02 * t,
      top10_firms_value_share: 0.35 + 0.1 * t,
      networth_gdp: 5.5 + t,
      gdp_growth: 0.02 + (regime === 'panic' ? -0.03 : 0),
    };
    rows.push(row);
  }
  const name = options.name ?? 'QE into a bubble';
  const spells: Array<{ regime: string; from: number; to: number }> = [];
  for (const r of rows) {
    const last = spells[spells.length - 1];
    if (last && last.regime === r.regime) last.to = Number(r.month);
    else spells.push({ regime: String(r.regime), from: Number(r.month), to: Number(r.month) });
  }
  const summary = baseSummary(name, options.description ?? 'QT ends and QE starts into 2025 conditions: high valuations, tight spreads, large deficits financed short.', SERIES_COLUMNS, rows, {
    scenario: {
      name,
      description: options.description ?? 'QT ends and QE starts into 2025 conditions: high valuations, tight spreads, large deficits financed short.',
      model: 'economy',
      hash: 'f00d',
      questions: ['Where does the liquidity go first?'],
    },
    households: 100000,
    lorenz: [0, 30, 60, 90, months].map((m) => lorenzCurve(m, 0.6 + 0.1 * (m / months))),
    godley: [...godleyTables(0, 1), ...godleyTables(months, 1.3)],
    regimes: spells,
  });
  return writeFolder(dir, SERIES_COLUMNS, rows, summary);
}

/** Columns the ensemble fixture has quantiles for. */
export const ENSEMBLE_COLUMNS = ['equity_index', 'wage_real_index', 'unemployment'] as const;

/** An economy run with quantiles.csv (long format) for a few columns. */
export function writeEnsembleRun(dir: string, options: { months?: number } = {}): string {
  const months = options.months ?? 48;
  writeEconomyRun(dir, { months, name: 'QE into a bubble (ensemble of 20)' });
  const lines = ['month,column,q05,q50,q95'];
  for (let m = 0; m <= months; m++) {
    for (const column of ENSEMBLE_COLUMNS) {
      const mid = column === 'unemployment' ? 0.045 + 0.0002 * m : 100 * (1 + (column === 'equity_index' ? 0.006 : 0.001) * m);
      const spread = column === 'unemployment' ? 0.0002 * m : 0.4 * m;
      lines.push(`${m},${column},${mid - spread},${mid},${mid + spread}`);
    }
  }
  writeFileSync(path.join(dir, 'quantiles.csv'), lines.join('\n') + '\n');
  return dir;
}
