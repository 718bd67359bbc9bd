/**
 * Vega-Lite spec builders: pure functions, data in → spec out. Each returns a complete, standalone
 * Vega-Lite spec with its data inlined as values, so a spec file opens in any Vega-Lite tool and renders
 * the same picture as the report.
 *
 * Conventions for every chart: x = month; every axis has a title with its unit; time charts shade the
 * policy regimes behind the lines (fixed colour per regime, with a legend); lines use the Okabe–Ito palette.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RegimeSpell, QuantileRow } from './runFolder.js';
import { lineColour, regimeScale } from './palette.js';

type LayeredSpec = Extract<TopLevelSpec, { layer: unknown }>;
type LayerMember = LayeredSpec['layer'][number];

/** The JSON Schema every spec declares (the report strips it; it is never fetched). */
export const VEGA_LITE_SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Default drawing size; the HTML report widens time charts to the page. */
export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 340;

/** Fonts and colours readable on a projector: large labels, light grid, legends under the plot. */
export const REPORT_CONFIG = {
  title: { fontSize: 22, subtitleFontSize: 16, subtitleColor: '#444444', anchor: 'start', offset: 12 },
  axis: {
    labelFontSize: 16,
    titleFontSize: 16,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    labelColor: '#333333',
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: { orient: 'bottom', labelFontSize: 16, titleFontSize: 16, labelLimit: 360, symbolSize: 240, columnPadding: 22 },
  text: { fontSize: 15 },
  line: { strokeWidth: 3 },
  view: { stroke: '#cccccc' },
} as const;

/** Marks the spec as one the HTML report may stretch to the page width (time charts). */
interface Meta {
  finsim: { chart: string; responsive: boolean };
}

function round(v: number | null | undefined): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return v === 0 ? 0 : Number(v.toPrecision(6));
}

function frame(kind: string, responsive: boolean, title: string, subtitle: string | undefined, description: string | undefined) {
  const meta: Meta = { finsim: { chart: kind, responsive } };
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: subtitle ? { text: title, subtitle } : { text: title },
    ...(description ? { description } : {}),
    background: 'white',
    usermeta: meta as unknown as Record<string, unknown>,
    config: REPORT_CONFIG,
  };
}

/** One line of a time chart: a label for the legend and one value per month (null = no data). */
export interface TimeLine {
  label: string;
  values: Array<number | null>;
  /** Defaults to the palette colour of the line's position. */
  colour?: string;
  dashed?: boolean;
}

/** An ensemble band (5–95%) drawn behind the line of the same label. */
export interface TimeBand {
  label: string;
  rows: QuantileRow[];
}

export interface TimeChartInput {
  title: string;
  subtitle?: string;
  /** Accessible description (the caption). */
  description?: string;
  /** Y-axis title, with the unit. */
  axisTitle: string;
  /** d3-format string for y ticks. */
  axisFormat?: string;
  logScale?: boolean;
  /** Whether the y scale must include zero (default false: levels are read against their own range). */
  includeZero?: boolean;
  months: number[];
  lines: TimeLine[];
  bands?: TimeBand[];
  spells: RegimeSpell[];
  /** Legend title of the shading (default "Regime"). */
  regimeLegendTitle?: string;
  /** Horizontal reference lines, e.g. PMI 50 or a tolerance. */
  referenceLines?: Array<{ value: number; label: string }>;
  width?: number;
  height?: number;
}

const MONTH_TITLE = 'Month';

function monthScale(months: number[]) {
  const first = months.length ? months[0] : 0;
  const last = months.length ? months[months.length - 1] : 1;
  return { domain: [first, last > first ? last : first + 1], nice: false, zero: false };
}

/** Month ticks at a calendar-friendly step (1, 2, 3 or 6 months, or whole years), at most about 12 of them. */
export function monthTicks(months: number[]): number[] {
  const first = months.length ? months[0] : 0;
  const last = months.length ? months[months.length - 1] : 1;
  const span = Math.max(1, last - first);
  const step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600].find((s) => span / s <= 12) ?? Math.ceil(span / 12);
  const ticks: number[] = [];
  for (let m = Math.ceil(first / step) * step; m <= last; m += step) ticks.push(m);
  return ticks;
}

function monthAxis(months: number[]) {
  return { values: monthTicks(months), labelFlush: true };
}

/** Series legend above the plot, wrapping into rows so it never makes the chart wider than the plot. */
function seriesLegend(n: number) {
  return { orient: 'top' as const, direction: 'horizontal' as const, columns: n <= 3 ? n : Math.ceil(n / 2), symbolStrokeWidth: 4, labelLimit: 320 };
}

/** Powers of ten spanning the positive values (tick values of a log axis, one gridline a decade). */
export function decades(values: Array<number | null>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v !== null && Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(Number(`1e${e}`));
  return out;
}

/** Shaded regime spells (rect layer spanning the plot height), clipped to the month range. */
export function regimeShadingLayer(spells: RegimeSpell[], months: number[], legendTitle = 'Regime', opacity = 0.2): LayerMember | null {
  const first = months.length ? months[0] : 0;
  const last = months.length ? months[months.length - 1] : 0;
  const values = spells
    .map((s) => ({ regime: s.regime, from: Math.max(s.from, first), to: Math.min(s.to, last) }))
    .filter((s) => s.to > s.from);
  if (!values.length) return null;
  const { domain, range } = regimeScale(values.map((s) => s.regime));
  return {
    data: { values },
    mark: { type: 'rect', opacity },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: MONTH_TITLE, scale: monthScale(months), axis: monthAxis(months) },
      x2: { field: 'to' },
      fill: {
        field: 'regime',
        type: 'nominal',
        title: legendTitle,
        scale: { domain, range },
        legend: { orient: 'bottom', direction: 'horizontal', columns: Math.min(domain.length, 5), symbolOpacity: Math.max(opacity, 0.35) },
      },
      tooltip: [
        { field: 'regime', type: 'nominal', title: 'Regime' },
        { field: 'from', type: 'quantitative', title: 'From month' },
        { field: 'to', type: 'quantitative', title: 'To month' },
      ],
    },
  };
}

/**
 * A time chart of one or more series against month, over regime shading, with optional ensemble bands and
 * reference lines. Data are inlined wide (one row a month, keys s0, s1, …) and folded to long form in the spec.
 */
export function timeSeriesChart(input: TimeChartInput): TopLevelSpec {
  const { months, lines } = input;
  const keys = lines.map((_, i) => `s${i}`);
  const rows = months.map((month, r) => {
    const row: Record<string, number | null> = { month };
    lines.forEach((l, i) => (row[keys[i]] = round(l.values[r])));
    return row;
  });
  const labels = lines.map((l) => l.label);
  const colours = lines.map((l, i) => l.colour ?? lineColour(i));
  const yScale = input.logScale ? { type: 'log' as const } : { zero: input.includeZero ?? false };
  const yAxis = {
    ...(input.axisFormat ? { format: input.axisFormat } : {}),
    ...(input.logScale ? { values: decades([...lines.flatMap((l) => l.values), ...(input.referenceLines ?? []).map((r) => r.value)]) } : {}),
  };
  const xEncoding = { field: 'month', type: 'quantitative' as const, title: MONTH_TITLE, scale: monthScale(months), axis: monthAxis(months) };
  const layer: LayerMember[] = [];

  const hasBands = (input.bands ?? []).some((b) => b.rows.length > 0);
  const shading = regimeShadingLayer(input.spells, months, input.regimeLegendTitle, hasBands ? 0.12 : 0.2);
  if (shading) layer.push(shading);

  for (const band of input.bands ?? []) {
    const i = labels.indexOf(band.label);
    const values = band.rows
      .filter((r) => r.q05 !== null && r.q95 !== null)
      .map((r) => ({ month: r.month, q05: round(r.q05), q95: round(r.q95) }));
    if (!values.length) continue;
    layer.push({
      data: { values },
      mark: { type: 'area', opacity: 0.22, color: i >= 0 ? colours[i] : '#999999' },
      encoding: {
        x: xEncoding,
        y: { field: 'q05', type: 'quantitative', title: input.axisTitle, scale: yScale, axis: yAxis },
        y2: { field: 'q95' },
      },
    });
  }

  for (const ref of input.referenceLines ?? []) {
    const values = [{ value: ref.value, label: ref.label }];
    layer.push({
      data: { values },
      mark: { type: 'rule', strokeDash: [6, 4], color: '#555555', strokeWidth: 1.5 },
      encoding: { y: { field: 'value', type: 'quantitative', title: input.axisTitle, scale: yScale, axis: yAxis } },
    });
    layer.push({
      data: { values },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -4, dx: -4, fontSize: 13, color: '#444444' },
      encoding: {
        x: { value: 'width' },
        y: { field: 'value', type: 'quantitative', title: input.axisTitle, scale: yScale, axis: yAxis },
        text: { field: 'label', type: 'nominal' },
      },
    });
  }

  const dashed = lines.filter((l) => l.dashed).map((l) => l.label);
  layer.push({
    data: { values: rows },
    transform: [
      { fold: keys, as: ['key', 'value'] },
      { lookup: 'key', from: { data: { values: keys.map((key, i) => ({ key, series: labels[i] })) }, key: 'key', fields: ['series'] } },
    ],
    mark: { type: 'line', strokeWidth: 3, strokeCap: 'round', strokeJoin: 'round' },
    encoding: {
      x: xEncoding,
      y: { field: 'value', type: 'quantitative', title: input.axisTitle, scale: yScale, axis: yAxis },
      stroke: { field: 'series', type: 'nominal', title: null, scale: { domain: labels, range: colours }, legend: labels.length > 1 ? seriesLegend(labels.length) : null },
      ...(dashed.length
        ? {
            strokeDash: {
              field: 'series',
              type: 'nominal',
              title: null,
              scale: { domain: labels, range: labels.map((l) => (dashed.includes(l) ? [7, 4] : [1, 0])) },
              legend: labels.length > 1 ? seriesLegend(labels.length) : null,
            },
          }
        : {}),
      tooltip: [
        { field: 'series', type: 'nominal', title: 'Series' },
        { field: 'month', type: 'quantitative', title: 'Month' },
        { field: 'value', type: 'quantitative', title: 'Value', ...(input.axisFormat && !input.logScale ? { format: input.axisFormat } : {}) },
      ],
    },
  });

  return {
    ...frame('time', true, input.title, input.subtitle, input.description),
    width: input.width ?? CHART_WIDTH,
    height: input.height ?? CHART_HEIGHT,
    layer,
  } as TopLevelSpec;
}

/** A band of colour per regime spell along the month axis, labelled where wide enough. */
export function regimeTimelineChart(input: { title: string; subtitle?: string; description?: string; months: number[]; spells: RegimeSpell[] }): TopLevelSpec | null {
  const shading = regimeShadingLayer(input.spells, input.months, 'Regime', 0.6);
  if (!shading) return null;
  const first = input.months[0] ?? 0;
  const last = input.months[input.months.length - 1] ?? 1;
  const span = Math.max(1, last - first);
  const labels = input.spells
    .map((s) => ({ regime: s.regime, from: Math.max(s.from, first), to: Math.min(s.to, last) }))
    .filter((s) => (s.to - s.from) / span >= 0.07)
    .map((s) => ({ regime: s.regime, mid: (s.from + s.to) / 2 }));
  const layer: LayerMember[] = [shading];
  if (labels.length) {
    layer.push({
      data: { values: labels },
      mark: { type: 'text', fontSize: 16, color: '#111111' },
      encoding: {
        x: { field: 'mid', type: 'quantitative', title: MONTH_TITLE, scale: monthScale(input.months), axis: monthAxis(input.months) },
        text: { field: 'regime', type: 'nominal' },
      },
    });
  }
  return {
    ...frame('regimes', true, input.title, input.subtitle, input.description),
    width: CHART_WIDTH,
    height: 60,
    layer,
    config: { ...REPORT_CONFIG, axis: { ...REPORT_CONFIG.axis, grid: false } },
  } as TopLevelSpec;
}

/** Regime spells of several runs, one row each (for comparisons). */
export function regimeStripsChart(input: { title: string; subtitle?: string; description?: string; months: number[]; runs: Array<{ label: string; spells: RegimeSpell[] }> }): TopLevelSpec | null {
  const first = input.months[0] ?? 0;
  const last = input.months[input.months.length - 1] ?? 1;
  const values = input.runs.flatMap((run) =>
    run.spells
      .map((s) => ({ run: run.label, regime: s.regime, from: Math.max(s.from, first), to: Math.min(s.to, last) }))
      .filter((s) => s.to > s.from),
  );
  if (!values.length) return null;
  const { domain, range } = regimeScale(values.map((v) => v.regime));
  return {
    ...frame('regimes', true, input.title, input.subtitle, input.description),
    width: CHART_WIDTH,
    height: 40 * input.runs.length,
    config: { ...REPORT_CONFIG, axis: { ...REPORT_CONFIG.axis, grid: false } },
    data: { values },
    mark: { type: 'rect', opacity: 0.6 },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: MONTH_TITLE, scale: monthScale(input.months), axis: monthAxis(input.months) },
      x2: { field: 'to' },
      y: { field: 'run', type: 'nominal', title: null, sort: input.runs.map((r) => r.label), axis: { labelLimit: 320 } },
      fill: { field: 'regime', type: 'nominal', title: 'Regime', scale: { domain, range } },
      tooltip: [
        { field: 'run', type: 'nominal', title: 'Scenario' },
        { field: 'regime', type: 'nominal', title: 'Regime' },
        { field: 'from', type: 'quantitative', title: 'From month' },
        { field: 'to', type: 'quantitative', title: 'To month' },
      ],
    },
  } as TopLevelSpec;
}

/** Lorenz curves of wealth against the line of perfect equality. */
export function lorenzChart(input: { title: string; subtitle?: string; description?: string; curves: Array<{ label: string; points: Array<[number, number]> }> }): TopLevelSpec | null {
  const curves = input.curves.filter((c) => c.points.length >= 2);
  if (!curves.length) return null;
  const EQUALITY = 'Perfect equality';
  const values: Array<{ curve: string; population: number; wealth: number }> = [
    { curve: EQUALITY, population: 0, wealth: 0 },
    { curve: EQUALITY, population: 1, wealth: 1 },
  ];
  for (const c of curves) for (const [p, w] of thinPoints(c.points, 200)) values.push({ curve: c.label, population: round(p) ?? 0, wealth: round(w) ?? 0 });
  const domain = [...curves.map((c) => c.label), EQUALITY];
  const range = [...curves.map((_, i) => lineColour(i)), '#888888'];
  return {
    ...frame('lorenz', false, input.title, input.subtitle, input.description),
    width: 460,
    height: 460,
    data: { values },
    mark: { type: 'line', strokeWidth: 3 },
    encoding: {
      x: { field: 'population', type: 'quantitative', title: 'Households, poorest first (cumulative %)', axis: { format: '.0%' }, scale: { domain: [0, 1], nice: false } },
      y: { field: 'wealth', type: 'quantitative', title: 'Share of total wealth (cumulative %)', axis: { format: '.0%' } },
      stroke: { field: 'curve', type: 'nominal', title: null, scale: { domain, range }, legend: { symbolStrokeWidth: 4, direction: 'vertical' } },
      strokeDash: {
        field: 'curve',
        type: 'nominal',
        title: null,
        scale: { domain, range: domain.map((d) => (d === EQUALITY ? [6, 4] : [1, 0])) },
        legend: { symbolStrokeWidth: 4, direction: 'vertical' },
      },
      order: { field: 'population', type: 'quantitative' },
    },
  } as TopLevelSpec;
}

/** At most n points, evenly spaced by index, always keeping both ends. */
export function thinPoints<T>(points: T[], n: number): T[] {
  if (points.length <= n) return points;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(points[Math.round((i * (points.length - 1)) / (n - 1))]);
  return out;
}
