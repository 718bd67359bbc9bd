/**
 * HTML tables of the report: headline numbers (start vs end), Godley matrices with their sums, and the
 * scenario's own text (description, learning goals, questions). Every string from a run is escaped here.
 */
import type { GodleyTable, RunSummary } from '../sim/runData.js';
import { escapeHtml } from './html.js';
import { columnInfo, formatDifference, formatFixed, formatRelativeChange, formatValue, type Unit } from './columns.js';
import { firstAndLast, hasColumn, type RunData } from './runFolder.js';
import { columnValues } from './charts.js';
import { HEADLINE_COLUMNS } from './catalogue.js';

/** How the "change" column reads for a unit: percentage points, index points, or percent change. */
function changeText(unit: Unit, first: number | null, last: number | null): string {
  if (first === null || last === null) return '–';
  if (unit === 'billions' || unit === 'price' || unit === 'multiple') return formatRelativeChange(first, last) || formatDifference(last - first, unit);
  return formatDifference(last - first, unit);
}

function firstLastOf(run: RunData, column: string) {
  if (run.quantiles?.has(column)) {
    const { values } = columnValues(run, column);
    return firstAndLast({ ...run.series, values: new Map([[column, values]]) }, column);
  }
  return firstAndLast(run.series, column);
}

/** The present columns of the headline list (the first present of each group). */
export function headlineColumns(run: RunData): string[] {
  return HEADLINE_COLUMNS.map((group) => group.find((c) => hasColumn(run, c))).filter((c): c is NonNullable<typeof c> => !!c);
}

/** Headline numbers: each key column at month 0 and at the end, and the change. */
export function headlineTableHtml(run: RunData): string {
  const columns = headlineColumns(run);
  if (!columns.length) return '';
  const months = run.series.months;
  const firstMonth = months[0] ?? 0;
  const lastMonth = months[months.length - 1] ?? 0;
  const rows = columns.map((column) => {
    const { label, unit } = columnInfo(column);
    const { first, last } = firstLastOf(run, column);
    const diff = first !== null && last !== null ? last - first : 0;
    const cls = diff > 0 ? 'up' : diff < 0 ? 'down' : '';
    return `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(formatValue(first, unit))}</td><td>${escapeHtml(formatValue(last, unit))}</td><td class="${cls}">${escapeHtml(changeText(unit, first, last))}</td></tr>`;
  });
  return `<div class="table-wrap"><table class="headline">
<caption>Headline numbers: month ${escapeHtml(firstMonth)} and month ${escapeHtml(lastMonth)}</caption>
<thead><tr><th>Measure</th><th>Month ${escapeHtml(firstMonth)}</th><th>Month ${escapeHtml(lastMonth)}</th><th>Change</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
}

/** Sentence about the accounting check (largest stock-flow error over the run). */
export function sfcNoteHtml(run: RunData): string {
  const values = run.series.values.get('sfc_error');
  let max = Number.isFinite(run.summary.max_sfc_error) ? run.summary.max_sfc_error : 0;
  if (values) for (const v of values) if (v !== null && v > max) max = v;
  if (!values && !run.summary.max_sfc_error) return '';
  const verdict = max <= 1e-9 ? 'within rounding: the accounts add up' : 'above the 1e-9 tolerance: the accounts do not add up (a bug)';
  return `<p class="note">Largest stock-flow consistency error over the run: ${escapeHtml(formatValue(max, 'error'))}, ${escapeHtml(verdict)}.</p>`;
}

/** Scenario description, learning goals and questions for students. */
export function scenarioTextHtml(summary: RunSummary): string {
  const s = summary.scenario;
  const parts: string[] = [];
  if (s.description && s.description.trim()) parts.push(`<p class="description">${escapeHtml(s.description.trim())}</p>`);
  const goals = (s.learning_goals ?? []).filter((g) => typeof g === 'string' && g.trim());
  const questions = (s.questions ?? []).filter((q) => typeof q === 'string' && q.trim());
  if (goals.length || questions.length) {
    parts.push('<div class="panel">');
    if (goals.length) parts.push(`<h3>Learning goals</h3><ul>${goals.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul>`);
    if (questions.length) parts.push(`<h3>Questions</h3><ol>${questions.map((q) => `<li>${escapeHtml(q)}</li>`).join('')}</ol>`);
    parts.push('</div>');
  }
  return parts.join('\n');
}

/** Decimals for a whole table from its largest entry, so every cell lines up: 0 from 1,000, 1 from 10, else 2. */
function tableDecimals(scale: number): number {
  return scale >= 1000 ? 0 : scale >= 10 ? 1 : 2;
}

/**
 * A Godley matrix as an HTML table: rows × sectors, with each row's sum in the last column and each sector's
 * sum in the last row. Sums that vanish (within 1e-9 of the largest entry) show as 0 in green.
 */
export function godleyTableHtml(table: GodleyTable): string {
  const sectors = table.sectors ?? [];
  const rows = (table.rows ?? []).map((r) => ({ label: r.label, values: sectors.map((_, j) => Number(r.values?.[j] ?? 0)) }));
  let scale = 0;
  for (const r of rows) for (const v of r.values) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  const tolerance = 1e-9 * Math.max(scale, 1);
  const decimals = tableDecimals(scale);
  const cellNumber = (v: number) => (Number.isFinite(v) ? formatFixed(v, decimals) : '–');
  const sumCell = (s: number, tag: 'td' | 'th' = 'td') =>
    Math.abs(s) <= tolerance ? `<${tag} class="sum ok">0</${tag}>` : `<${tag} class="sum">${escapeHtml(cellNumber(s))}</${tag}>`;
  const body = rows.map((r) => {
    const sum = r.values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    const cells = r.values.map((v) => `<td>${v === 0 ? '' : escapeHtml(cellNumber(v))}</td>`).join('');
    return `<tr><td>${escapeHtml(r.label)}</td>${cells}${sumCell(sum)}</tr>`;
  });
  const colSums = sectors.map((_, j) => rows.reduce((a, r) => a + (Number.isFinite(r.values[j]) ? r.values[j] : 0), 0));
  const total = colSums.reduce((a, b) => a + b, 0);
  const sumRow = `<tr class="sum"><td>Σ (column sum)</td>${colSums.map((s) => sumCell(s)).join('')}${sumCell(total)}</tr>`;
  return `<div class="table-wrap"><table class="godley">
<caption>${escapeHtml(table.title)} — month ${escapeHtml(table.month)} ($ billions)</caption>
<thead><tr><th></th>${sectors.map((s) => `<th>${escapeHtml(s)}</th>`).join('')}<th class="sum">Σ (row sum)</th></tr></thead>
<tbody>${body.join('')}${sumRow}</tbody></table></div>`;
}
