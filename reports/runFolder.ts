/**
 * Reading a run folder's data files (sim/runData.ts): `series.csv`, `summary.json` and, for ensembles,
 * `quantiles.csv`. Nothing here knows about the engine; it reads what the data contract promises and
 * tolerates what it does not (missing files, empty cells, extra columns).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../sim/runData.js';

/** `series.csv` held column-wise: one array per numeric column, aligned with `months`. */
export interface SeriesTable {
  /** Column names in file order (including `month` and `regime` when present). */
  columns: string[];
  months: number[];
  /** Numeric columns; an empty or non-numeric cell is `null`. */
  values: Map<string, Array<number | null>>;
  /** The `regime` column, or null when the run has none. */
  regime: string[] | null;
}

/** One row of `quantiles.csv`: the 5th, 50th and 95th percentile of a column across an ensemble. */
export interface QuantileRow {
  month: number;
  q05: number | null;
  q50: number | null;
  q95: number | null;
}

/** `quantiles.csv` by column, each sorted by month. */
export type QuantileTable = Map<string, QuantileRow[]>;

/** A span of months under one policy regime, drawn as [from, to] on a month axis. */
export interface RegimeSpell {
  regime: string;
  from: number;
  to: number;
}

/** Everything a report needs from a run folder. */
export interface RunData {
  dir: string;
  summary: RunSummary;
  series: SeriesTable;
  quantiles: QuantileTable | null;
  spells: RegimeSpell[];
}

/** RFC 4180-ish CSV: commas, optional double quotes with "" escapes, \n or \r\n line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    if (row.length > 1 || row[0] !== '') rows.push(row);
  }
  return rows;
}

function toNumber(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const t = cell.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Parse `series.csv` text (header row of column names, one row a month). */
export function parseSeriesCsv(text: string): SeriesTable {
  const [header, ...body] = parseCsv(text);
  if (!header) return { columns: [], months: [], values: new Map(), regime: null };
  const columns = header.map((h) => h.trim());
  const monthIndex = columns.indexOf('month');
  const regimeIndex = columns.indexOf('regime');
  const values = new Map<string, Array<number | null>>();
  for (const c of columns) if (c !== 'month' && c !== 'regime') values.set(c, []);
  const months: number[] = [];
  const regime: string[] | null = regimeIndex >= 0 ? [] : null;
  body.forEach((cells, rowNumber) => {
    const month = monthIndex >= 0 ? toNumber(cells[monthIndex]) : rowNumber;
    if (month === null) return;
    months.push(month);
    if (regime) regime.push((cells[regimeIndex] ?? '').trim());
    columns.forEach((c, i) => {
      if (i !== monthIndex && i !== regimeIndex) values.get(c)!.push(toNumber(cells[i]));
    });
  });
  return { columns, months, values, regime };
}

/** Parse `quantiles.csv` (long format: month,column,q05,q50,q95). */
export function parseQuantilesCsv(text: string): QuantileTable {
  const [header, ...body] = parseCsv(text);
  const table: QuantileTable = new Map();
  if (!header) return table;
  const idx = (name: string) => header.findIndex((h) => h.trim() === name);
  const [iMonth, iColumn, i05, i50, i95] = ['month', 'column', 'q05', 'q50', 'q95'].map(idx);
  if (iMonth < 0 || iColumn < 0 || i50 < 0) return table;
  for (const cells of body) {
    const month = toNumber(cells[iMonth]);
    const column = (cells[iColumn] ?? '').trim();
    if (month === null || column === '') continue;
    let rows = table.get(column);
    if (!rows) table.set(column, (rows = []));
    rows.push({
      month,
      q05: i05 >= 0 ? toNumber(cells[i05]) : null,
      q50: toNumber(cells[i50]),
      q95: i95 >= 0 ? toNumber(cells[i95]) : null,
    });
  }
  for (const rows of table.values()) rows.sort((a, b) => a.month - b.month);
  return table;
}

/** Whether a numeric column exists and holds at least one finite value. */
export function hasData(series: SeriesTable, column: string): boolean {
  const v = series.values.get(column);
  return !!v && v.some((x) => x !== null);
}

/** Whether a column has data in the series or, for ensembles, in the quantiles. */
export function hasColumn(run: Pick<RunData, 'series' | 'quantiles'>, column: string): boolean {
  if (hasData(run.series, column)) return true;
  const q = run.quantiles?.get(column);
  return !!q && q.some((r) => r.q50 !== null);
}

/**
 * Regime spells for shading. From the `regime` column when present (the month-by-month record), else from
 * `summary.regimes`. A spell is drawn from its first month to the first month of the next spell (the last
 * one to the last month), so adjacent shading leaves no gaps.
 */
export function regimeSpells(series: SeriesTable, summaryRegimes?: RunSummary['regimes']): RegimeSpell[] {
  const lastMonth = series.months.length ? series.months[series.months.length - 1] : 0;
  const spells: RegimeSpell[] = [];
  if (series.regime && series.regime.some((r) => r !== '')) {
    let current: RegimeSpell | null = null;
    series.regime.forEach((r, i) => {
      const m = series.months[i];
      if (current && current.regime === r) return;
      if (current) current.to = m;
      current = r === '' ? null : { regime: r, from: m, to: lastMonth };
      if (current) spells.push(current);
    });
    return spells.filter((s) => s.to > s.from);
  }
  if (summaryRegimes && summaryRegimes.length) {
    const sorted = [...summaryRegimes].filter((s) => typeof s.regime === 'string').sort((a, b) => a.from - b.from);
    sorted.forEach((s, i) => {
      const next = sorted[i + 1];
      const to = next ? next.from : Math.min(Math.max(s.to, s.from), lastMonth || s.to);
      if (to > s.from) spells.push({ regime: s.regime, from: s.from, to });
    });
  }
  return spells;
}

function minimalSummary(dir: string, series: SeriesTable): RunSummary {
  const name = path.basename(path.resolve(dir));
  return {
    finsim_version: 'unknown',
    scenario: { name, description: '', model: 'unknown', hash: '' },
    seed: 0,
    months: series.months.length ? series.months[series.months.length - 1] : 0,
    households: 0,
    columns: series.columns,
    initial: {},
    final: {},
    max_sfc_error: 0,
    lorenz: [],
  };
}

/** Build a series table from ensemble medians when a folder has quantiles but no series.csv. */
function seriesFromQuantiles(q: QuantileTable): SeriesTable {
  const monthSet = new Set<number>();
  for (const rows of q.values()) for (const r of rows) monthSet.add(r.month);
  const months = [...monthSet].sort((a, b) => a - b);
  const pos = new Map(months.map((m, i) => [m, i]));
  const values = new Map<string, Array<number | null>>();
  for (const [column, rows] of q) {
    const arr: Array<number | null> = months.map(() => null);
    for (const r of rows) arr[pos.get(r.month)!] = r.q50;
    values.set(column, arr);
  }
  return { columns: ['month', ...values.keys()], months, values, regime: null };
}

/** Read a run folder. `series.csv` is required unless `quantiles.csv` is there; `summary.json` is optional. */
export async function readRunFolder(dir: string): Promise<RunData> {
  const seriesPath = path.join(dir, 'series.csv');
  const quantilesPath = path.join(dir, 'quantiles.csv');
  const summaryPath = path.join(dir, 'summary.json');
  const quantiles = existsSync(quantilesPath) ? parseQuantilesCsv(await readFile(quantilesPath, 'utf8')) : null;
  let series: SeriesTable;
  if (existsSync(seriesPath)) series = parseSeriesCsv(await readFile(seriesPath, 'utf8'));
  else if (quantiles && quantiles.size) series = seriesFromQuantiles(quantiles);
  else throw new Error(`${dir}: no series.csv (nor quantiles.csv) to report on`);
  let summary: RunSummary;
  if (existsSync(summaryPath)) {
    const parsed = JSON.parse(await readFile(summaryPath, 'utf8')) as Partial<RunSummary>;
    const fallback = minimalSummary(dir, series);
    summary = { ...fallback, ...parsed, scenario: { ...fallback.scenario, ...(parsed.scenario ?? {}) } };
    if (!Array.isArray(summary.lorenz)) summary.lorenz = [];
  } else summary = minimalSummary(dir, series);
  return { dir, summary, series, quantiles: quantiles && quantiles.size ? quantiles : null, spells: regimeSpells(series, summary.regimes) };
}

/** First and last finite value of a column (for "month 0 vs end" tables). */
export function firstAndLast(series: SeriesTable, column: string): { first: number | null; last: number | null; firstMonth: number | null; lastMonth: number | null } {
  const v = series.values.get(column) ?? [];
  let first: number | null = null;
  let firstMonth: number | null = null;
  let last: number | null = null;
  let lastMonth: number | null = null;
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== null) {
      first = v[i];
      firstMonth = series.months[i];
      break;
    }
  }
  for (let i = v.length - 1; i >= 0; i--) {
    if (v[i] !== null) {
      last = v[i];
      lastMonth = series.months[i];
      break;
    }
  }
  return { first, last, firstMonth, lastMonth };
}

/** The value of a column at a month, or at the latest earlier month that has one. */
export function valueAt(series: SeriesTable, column: string, month: number): number | null {
  const v = series.values.get(column);
  if (!v) return null;
  let best: number | null = null;
  for (let i = 0; i < series.months.length && series.months[i] <= month; i++) if (v[i] !== null) best = v[i];
  return best;
}
