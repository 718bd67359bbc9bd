/**
 * From a run's data and the catalogue's plans to finished chart specs: picks the columns a run has,
 * rebases, aligns ensemble quantiles, and hands plain arrays to the pure spec builders.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunData, QuantileRow } from './runFolder.js';
import { hasColumn } from './runFolder.js';
import { SECTIONS, choiceFormat, pickLabel, type ChartPlan, type SectionPlan, type TimeChartPlan } from './catalogue.js';
import { lorenzChart, regimeTimelineChart, timeSeriesChart, type TimeBand, type TimeLine } from './specs.js';

/** A chart ready for the page: its id (file name), title, caption and spec. */
export interface ReportChart {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

export interface ReportSection {
  id: string;
  title: string;
  charts: ReportChart[];
}

export const ENSEMBLE_NOTE = ' The shaded band around a line is the 5–95% range across the ensemble’s runs; the line is their median.';

/** Subtitle naming the run, so a chart copied onto a slide still says where it came from. */
export function runSubtitle(run: RunData): string {
  const s = run.summary;
  return `${s.scenario.name} · seed ${s.seed}`;
}

/** A column's values aligned to the run's months: the ensemble median when quantiles exist, else the series. */
export function columnValues(run: RunData, column: string): { values: Array<number | null>; band: QuantileRow[] | null } {
  const q = run.quantiles?.get(column);
  if (q && q.some((r) => r.q50 !== null)) {
    const byMonth = new Map(q.map((r) => [r.month, r]));
    return { values: run.series.months.map((m) => byMonth.get(m)?.q50 ?? null), band: q };
  }
  return { values: run.series.values.get(column) ?? run.series.months.map(() => null), band: null };
}

function firstFinite(values: Array<number | null>): number | null {
  for (const v of values) if (v !== null && Number.isFinite(v)) return v;
  return null;
}

/** Build a time chart from its plan, or null when the run has none of its columns. */
export function timeChartFromPlan(plan: TimeChartPlan, run: RunData): ReportChart | null {
  for (const choice of plan.choices) {
    const picks = choice.series.filter((p) => hasColumn(run, p.column));
    if (!picks.length) continue;
    const lines: TimeLine[] = [];
    const bands: TimeBand[] = [];
    let ok = true;
    for (const pick of picks) {
      const label = pickLabel(pick);
      const { values, band } = columnValues(run, pick.column);
      let factor = 1;
      if (choice.rebase) {
        const base = firstFinite(values);
        if (base === null || base <= 0) {
          ok = false;
          break;
        }
        factor = 100 / base;
      }
      const transform = (v: number | null): number | null => {
        if (v === null) return null;
        const x = v * factor;
        if (plan.logScale) return x > 0 ? Math.max(x, plan.logFloor ?? 0) : plan.logFloor ?? null;
        return x;
      };
      lines.push({ label, values: values.map(transform), dashed: pick.dashed });
      if (band) bands.push({ label, rows: band.map((r) => ({ month: r.month, q05: transform(r.q05), q50: transform(r.q50), q95: transform(r.q95) })) });
    }
    if (!ok) continue;
    const caption = plan.caption + (choice.note ? ' ' + choice.note : '') + (bands.length ? ENSEMBLE_NOTE : '');
    const spec = timeSeriesChart({
      title: plan.title,
      subtitle: runSubtitle(run),
      description: caption,
      axisTitle: choice.axisTitle,
      axisFormat: choiceFormat(choice),
      logScale: plan.logScale,
      includeZero: plan.includeZero,
      months: run.series.months,
      lines,
      bands,
      spells: run.spells,
      referenceLines: plan.referenceLines,
    });
    return { id: plan.id, title: plan.title, caption, spec };
  }
  return null;
}

/** Start, middle and end Lorenz curves (all of them when three or fewer), with unique labels. */
export function pickLorenzCurves(run: RunData): Array<{ label: string; points: Array<[number, number]> }> {
  const curves = [...(run.summary.lorenz ?? [])].filter((c) => Array.isArray(c.points) && c.points.length >= 2).sort((a, b) => a.month - b.month);
  const chosen = curves.length <= 3 ? curves : [curves[0], curves[Math.floor((curves.length - 1) / 2)], curves[curves.length - 1]];
  const seen = new Set<string>();
  return chosen.map((c) => {
    let label = c.label && c.label.trim() ? c.label.trim() : `month ${c.month}`;
    if (seen.has(label)) label = `${label} (month ${c.month})`;
    seen.add(label);
    return { label, points: c.points };
  });
}

function chartFromPlan(plan: ChartPlan, run: RunData): ReportChart | null {
  switch (plan.kind) {
    case 'time':
      return timeChartFromPlan(plan, run);
    case 'lorenz': {
      const spec = lorenzChart({ title: plan.title, subtitle: runSubtitle(run), description: plan.caption, curves: pickLorenzCurves(run) });
      return spec ? { id: plan.id, title: plan.title, caption: plan.caption, spec } : null;
    }
    case 'regimes': {
      const spec = regimeTimelineChart({ title: plan.title, subtitle: runSubtitle(run), description: plan.caption, months: run.series.months, spells: run.spells });
      return spec ? { id: plan.id, title: plan.title, caption: plan.caption, spec } : null;
    }
  }
}

/** Whether a section applies to a run at all (its anchor columns). */
function sectionApplies(section: SectionPlan, run: RunData): boolean {
  return !section.requiresAny || section.requiresAny.some((c) => hasColumn(run, c));
}

/** Every section of the catalogue with the charts this run can draw (sections may come back empty). */
export function sectionsForRun(run: RunData, sections: SectionPlan[] = SECTIONS): ReportSection[] {
  return sections.map((section) => ({
    id: section.id,
    title: section.title,
    charts: sectionApplies(section, run) ? section.charts.map((p) => chartFromPlan(p, run)).filter((c): c is ReportChart => c !== null) : [],
  }));
}
