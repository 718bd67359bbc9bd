/**
 * Comparison of several runs (a counterfactual and its reference): `compare.html` (self-contained),
 * `specs/`, `charts/` in an output folder.
 *
 * 1. read the run folders; the first is the reference "a", the others "b", "c", …;
 * 2. for each key column every run has: an overlay (one colour per scenario) and the difference from a;
 * 3. a table of headline differences at the chosen horizons;
 * 4. write specs, SVG, PNG and the page.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { readRunFolder, hasColumn, type RunData } from './runFolder.js';
import { COMPARISON_SECTIONS } from './catalogue.js';
import { columnInfo, axisFormat, differenceAxisTitle, formatDifference, formatValue, isPercentUnit, levelAxisTitle } from './columns.js';
import { columnValues, ENSEMBLE_NOTE, type ReportChart } from './charts.js';
import { lineColour } from './palette.js';
import { regimeStripsChart, timeSeriesChart, type TimeBand, type TimeLine } from './specs.js';
import { escapeHtml, figureHtml, renderPage, type PageSection } from './html.js';
import { writeChartFiles } from './render.js';
import type { ReportResult } from './report.js';

export type { ReportResult } from './report.js';

/** A run in a comparison: its data, its letter (a = reference) and its legend label. */
export interface ComparedRun {
  run: RunData;
  letter: string;
  label: string;
}

/** Letters a, b, …, z, then a2, b2, … */
function letter(i: number): string {
  const base = String.fromCharCode(97 + (i % 26));
  return i < 26 ? base : `${base}${Math.floor(i / 26) + 1}`;
}

/** Legend labels "a: name", unique even when two runs share a scenario name (then the seed or folder is added). */
export function comparisonLabels(runs: RunData[]): ComparedRun[] {
  const names = runs.map((r) => r.summary.scenario.name || path.basename(path.resolve(r.dir)));
  return runs.map((run, i) => {
    let name = names[i];
    if (names.filter((n) => n === name).length > 1) {
      const sameSeed = runs.filter((r, j) => names[j] === name && r.summary.seed === run.summary.seed).length > 1;
      name = sameSeed ? `${name} (${path.basename(path.resolve(run.dir))})` : `${name} (seed ${run.summary.seed})`;
    }
    return { run, letter: letter(i), label: `${letter(i)}: ${name}` };
  });
}

/** A column's values of one run on the reference run's months (null where the run has no such month). */
function onMonths(run: RunData, column: string, months: number[]): Array<number | null> {
  const { values } = columnValues(run, column);
  const byMonth = new Map<number, number | null>();
  run.series.months.forEach((m, i) => byMonth.set(m, values[i] ?? null));
  return months.map((m) => byMonth.get(m) ?? null);
}

/** Horizons in months: the requested ones within every run's length, else the shortest run's last month. */
export function comparisonHorizons(runs: RunData[], at: number[] = [12, 24, 60]): number[] {
  const lastCommon = Math.min(...runs.map((r) => (r.series.months.length ? r.series.months[r.series.months.length - 1] : 0)));
  const firstCommon = Math.max(...runs.map((r) => (r.series.months.length ? r.series.months[0] : 0)));
  const ok = [...new Set(at)].filter((h) => Number.isFinite(h) && h >= firstCommon && h <= lastCommon).sort((x, y) => x - y);
  return ok.length ? ok : [lastCommon];
}

/** Key columns every run has, by comparison section. */
export function comparisonColumns(runs: RunData[]): Array<{ id: string; title: string; columns: string[] }> {
  return COMPARISON_SECTIONS.map((s) => ({ id: s.id, title: s.title, columns: s.columns.filter((c) => runs.every((r) => hasColumn(r, c))) })).filter((s) => s.columns.length);
}

const chartId = (prefix: string, column: string) => `${prefix}-${column.replace(/_/g, '-')}`;

/** Overlay of one column across runs, shaded with the reference run's regimes. */
export function overlayChart(compared: ComparedRun[], column: string): ReportChart {
  const reference = compared[0];
  const months = reference.run.series.months;
  const { label, unit } = columnInfo(column);
  const lines: TimeLine[] = compared.map((c, i) => ({ label: c.label, values: onMonths(c.run, column, months), colour: lineColour(i) }));
  const bands: TimeBand[] = compared.flatMap((c) => {
    const q = c.run.quantiles?.get(column);
    return q ? [{ label: c.label, rows: q }] : [];
  });
  const logScale = column === 'bitcoin_price';
  if (logScale) for (const l of lines) l.values = l.values.map((v) => (v !== null && v > 0 ? v : null));
  const caption =
    `${label} in each scenario. Where the lines part, the scenarios’ policies differ in effect; compare the size of the gap with the swings within each line. ` +
    (reference.run.spells.length ? `Shading: the regimes of the reference run (${reference.label}); the regime strips above show every run’s regimes.` : '') +
    (bands.length ? ENSEMBLE_NOTE : '');
  const spec = timeSeriesChart({
    title: `${label}: scenarios compared`,
    subtitle: compared.map((c) => c.label).join(' vs '),
    description: caption,
    axisTitle: levelAxisTitle(unit) + (logScale ? ' (log scale)' : ''),
    axisFormat: axisFormat(unit),
    logScale,
    months,
    lines,
    bands,
    spells: reference.run.spells,
    regimeLegendTitle: `Regime in ${reference.letter}`,
  });
  return { id: chartId('overlay', column), title: `${label}: scenarios compared`, caption, spec };
}

/** Difference of one column from the reference run, b − a, for every other run (percent units in pp). */
export function differenceChart(compared: ComparedRun[], column: string): ReportChart {
  const [reference, ...others] = compared;
  const months = reference.run.series.months;
  const { label, unit } = columnInfo(column);
  const scale = isPercentUnit(unit) ? 100 : 1;
  const a = onMonths(reference.run, column, months);
  const lines: TimeLine[] = others.map((c, i) => {
    const b = onMonths(c.run, column, months);
    return { label: `${c.letter} − ${reference.letter}`, values: b.map((v, k) => (v !== null && a[k] !== null ? (v - (a[k] as number)) * scale : null)), colour: lineColour(i + 1) };
  });
  const caption =
    `${label}: each scenario minus the reference (${reference.label}), month by month` +
    (isPercentUnit(unit) ? ', in percentage points' : '') +
    '. Above zero, the scenario has more of it than the reference. A gap that keeps widening is a lasting effect of policy; one that closes is a timing difference. ' +
    (reference.run.spells.length ? `Shading: the reference run’s regimes.` : '');
  const spec = timeSeriesChart({
    title: `${label}: difference from ${reference.letter}`,
    subtitle: others.map((c) => `${c.label} − ${reference.label}`).join('; '),
    description: caption,
    axisTitle: differenceAxisTitle(unit),
    includeZero: true,
    months,
    lines,
    spells: reference.run.spells,
    regimeLegendTitle: `Regime in ${reference.letter}`,
    referenceLines: [{ value: 0, label: 'no difference' }],
  });
  return { id: chartId('diff', column), title: `${label}: difference from ${reference.letter}`, caption, spec };
}

/** Value of a column at a month on a run (exact month, else the latest earlier month with a value). */
function valueAtMonth(run: RunData, column: string, month: number): number | null {
  const { values } = columnValues(run, column);
  let best: number | null = null;
  run.series.months.forEach((m, i) => {
    if (m <= month && values[i] !== null) best = values[i];
  });
  return best;
}

/** Headline differences: for each other run, a table of key columns × horizons (a, b, b − a). */
export function headlineDifferencesHtml(compared: ComparedRun[], columns: string[], horizons: number[]): string {
  const [reference, ...others] = compared;
  return others
    .map((other) => {
      const head =
        `<tr><th rowspan="2">Measure</th>${horizons.map((h) => `<th colspan="3">Month ${escapeHtml(h)}</th>`).join('')}</tr>` +
        `<tr>${horizons.map(() => `<th>${escapeHtml(reference.letter)}</th><th>${escapeHtml(other.letter)}</th><th>${escapeHtml(other.letter)} − ${escapeHtml(reference.letter)}</th>`).join('')}</tr>`;
      const rows = columns.map((column) => {
        const { label, unit } = columnInfo(column);
        const cells = horizons
          .map((h) => {
            const a = valueAtMonth(reference.run, column, h);
            const b = valueAtMonth(other.run, column, h);
            const d = a !== null && b !== null ? b - a : null;
            const cls = d === null || d === 0 ? '' : d > 0 ? ' class="up"' : ' class="down"';
            return `<td>${escapeHtml(formatValue(a, unit))}</td><td>${escapeHtml(formatValue(b, unit))}</td><td${cls}>${escapeHtml(formatDifference(d, unit))}</td>`;
          })
          .join('');
        return `<tr><td>${escapeHtml(label)}</td>${cells}</tr>`;
      });
      return `<div class="table-wrap"><table class="differences">
<caption>${escapeHtml(other.label)} vs ${escapeHtml(reference.label)}</caption>
<thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
    })
    .join('\n');
}

function scenariosTableHtml(compared: ComparedRun[]): string {
  const rows = compared.map((c) => {
    const s = c.run.summary;
    const last = c.run.series.months.length ? c.run.series.months[c.run.series.months.length - 1] : 0;
    return `<tr><td>${escapeHtml(c.letter)}${c.letter === 'a' ? ' (reference)' : ''}</td><td class="text">${escapeHtml(s.scenario.name)}</td><td>${escapeHtml(s.seed)}</td><td>${escapeHtml(last)}</td><td class="wrap">${escapeHtml(s.scenario.description ?? '')}</td></tr>`;
  });
  return `<div class="table-wrap"><table class="scenarios"><caption>Scenarios compared</caption>
<thead><tr><th>Run</th><th class="text">Scenario</th><th>Seed</th><th>Months</th><th class="wrap">Description</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
}

/** Write `compare.html`, `specs/` and `charts/` into outDir for runs compared with the first. */
export async function writeComparisonReport(runDirs: string[], outDir: string, options: { at?: number[]; png?: boolean } = {}): Promise<ReportResult> {
  if (!runDirs.length) throw new Error('writeComparisonReport: give at least one run folder (the first is the reference)');
  // 1. Read.
  const runs = await Promise.all(runDirs.map((d) => readRunFolder(d)));
  const compared = comparisonLabels(runs);
  const reference = compared[0];
  const horizons = comparisonHorizons(runs, options.at);
  const groups = comparisonColumns(runs);

  // 2. Charts.
  const charts: ReportChart[] = [];
  const page: PageSection[] = [];
  const strips = regimeStripsChart({
    title: 'Policy regimes in each scenario',
    subtitle: compared.map((c) => c.label).join(' vs '),
    description: 'Each row is a scenario, each colour a policy regime, on the same month axis as every chart below.',
    months: reference.run.series.months,
    runs: compared.map((c) => ({ label: c.label, spells: c.run.spells })),
  });
  const overviewCharts: ReportChart[] = strips
    ? [{ id: 'regimes', title: 'Policy regimes in each scenario', caption: 'Each row is a scenario, each colour a policy regime (the same colours as the shading of the charts below). Differences in timing here explain many differences in the lines.', spec: strips }]
    : [];
  charts.push(...overviewCharts);

  // 3. Headline differences.
  const keyColumns = groups.flatMap((g) => g.columns);
  const overviewHtml = [
    scenariosTableHtml(compared),
    overviewCharts.map((c) => figureHtml(c.id, c.caption)).join('\n'),
    compared.length > 1 && keyColumns.length
      ? `<h3>Headline differences</h3><p>Key measures at months ${escapeHtml(horizons.join(', '))} in each scenario and the reference, and the difference (percentage points for rates and shares).</p>` +
        headlineDifferencesHtml(compared, keyColumns, horizons)
      : '',
  ].join('\n');
  page.push({ id: 'overview', title: 'Overview', html: overviewHtml });

  for (const group of groups) {
    const sectionCharts: ReportChart[] = [];
    for (const column of group.columns) {
      sectionCharts.push(overlayChart(compared, column));
      if (compared.length > 1) sectionCharts.push(differenceChart(compared, column));
    }
    charts.push(...sectionCharts);
    page.push({ id: group.id, title: group.title, html: sectionCharts.map((c) => figureHtml(c.id, c.caption)).join('\n') });
  }

  // 4. Files and page.
  await mkdir(outDir, { recursive: true });
  const files = await writeChartFiles(outDir, charts, { png: options.png ?? true });
  const title = `Comparison: ${compared.map((c) => c.run.summary.scenario.name).join(' vs ')}`;
  const html = renderPage({
    title: `${title} — finsim`,
    headerHtml: `<p class="kicker">finsim comparison</p>\n<h1>${escapeHtml(title)}</h1>\n<p class="kicker">${escapeHtml(`reference: ${reference.label} · horizons: months ${horizons.join(', ')}`)}</p>`,
    sections: page,
    specs: Object.fromEntries(charts.map((c) => [c.id, c.spec] as [string, TopLevelSpec])),
    footer: `finsim comparison of ${compared.length} runs: ${compared.map((c) => `${c.label} (seed ${c.run.summary.seed})`).join('; ')}. Charts: specs/*.vl.json, charts/*.svg and *.png beside this page.`,
  });
  const htmlPath = path.join(outDir, 'compare.html');
  await writeFile(htmlPath, html);
  return { html: htmlPath, ...files, sections: page.map((p) => p.title), bytes: Buffer.byteLength(html) };
}
