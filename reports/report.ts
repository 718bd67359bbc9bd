/**
 * The report of one run: `report.html` (self-contained), `specs/<chart>.vl.json`, `charts/<chart>.svg|png`,
 * all written into the run folder from its data files alone.
 *
 * 1. read the run folder (series, summary, optional ensemble quantiles);
 * 2. build every section's charts from the catalogue, dropping charts without data and empty sections;
 * 3. write specs and render SVG/PNG;
 * 4. assemble and write the HTML page.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readRunFolder, type RunData } from './runFolder.js';
import { sectionsForRun, type ReportChart, type ReportSection } from './charts.js';
import { escapeHtml, figureHtml, renderPage, type PageSection } from './html.js';
import { godleyTableHtml, headlineTableHtml, scenarioTextHtml, sfcNoteHtml } from './tables.js';
import { writeChartFiles } from './render.js';

export interface ReportResult {
  /** Path of the HTML page. */
  html: string;
  /** Paths of the Vega-Lite spec files. */
  specs: string[];
  svgs: string[];
  pngs: string[];
  /** Titles of the sections rendered, in page order. */
  sections: string[];
  /** Size of the HTML page in bytes. */
  bytes: number;
}

function figures(charts: ReportChart[]): string {
  return charts.map((c) => figureHtml(c.id, c.caption)).join('\n');
}

/** The page sections of a run, with their HTML; sections with nothing to show are left out. */
export function pageSectionsForRun(run: RunData): { page: PageSection[]; charts: ReportChart[] } {
  const built: ReportSection[] = sectionsForRun(run);
  const page: PageSection[] = [];
  const charts: ReportChart[] = [];
  for (const section of built) {
    let html = '';
    if (section.id === 'overview') {
      const regimeNote = run.spells.length
        ? `<p class="note">${escapeHtml(`${run.spells.length} regime spell${run.spells.length === 1 ? '' : 's'}: ${run.spells.map((s) => `${s.regime} (months ${s.from}–${s.to})`).join(', ')}.`)}</p>`
        : '';
      html = [scenarioTextHtml(run.summary), headlineTableHtml(run), sfcNoteHtml(run), figures(section.charts), regimeNote].filter(Boolean).join('\n');
    } else if (section.id === 'accounts') {
      const godley = (run.summary.godley ?? []).filter((t) => t && Array.isArray(t.sectors) && Array.isArray(t.rows) && t.rows.length);
      if (!godley.length && !section.charts.length) continue;
      const intro = godley.length
        ? '<p>Godley matrices: sectors in columns, instruments or flows in rows. In a stock-flow-consistent model every financial asset is someone’s liability and every payment someone’s receipt, so the rows of financial instruments and flows sum to zero.</p>'
        : '';
      html = [intro, ...godley.map(godleyTableHtml), figures(section.charts)].filter(Boolean).join('\n');
    } else {
      if (!section.charts.length) continue;
      html = figures(section.charts);
    }
    charts.push(...section.charts);
    page.push({ id: section.id, title: section.title, html });
  }
  return { page, charts };
}

function headerHtml(run: RunData): string {
  const s = run.summary;
  const facts = [`seed ${s.seed}`, `${run.series.months.length ? run.series.months[run.series.months.length - 1] : 0} months`];
  if (s.households) facts.push(`${s.households.toLocaleString('en-US')} households`);
  if (s.scenario.model && s.scenario.model !== 'unknown') facts.push(`model: ${s.scenario.model}`);
  if (run.quantiles) facts.push('ensemble (median and 5–95% bands)');
  return `<p class="kicker">finsim report</p>\n<h1>${escapeHtml(s.scenario.name)}</h1>\n<p class="kicker">${escapeHtml(facts.join(' · '))}</p>`;
}

/** Write `report.html`, `specs/` and `charts/` into a run folder. */
export async function writeReport(runDir: string, options: { png?: boolean } = {}): Promise<ReportResult> {
  // 1. Read.
  const run = await readRunFolder(runDir);
  // 2. Sections and charts.
  const { page, charts } = pageSectionsForRun(run);
  // 3. Spec files, SVG, PNG.
  const files = await writeChartFiles(runDir, charts, { png: options.png ?? true });
  // 4. The page.
  const s = run.summary;
  const html = renderPage({
    title: `${s.scenario.name} — finsim report`,
    headerHtml: headerHtml(run),
    sections: page,
    specs: Object.fromEntries(charts.map((c) => [c.id, c.spec])),
    footer: `finsim ${s.finsim_version} · scenario hash ${s.scenario.hash || 'n/a'} · seed ${s.seed}. Charts: specs/*.vl.json (Vega-Lite), charts/*.svg and *.png beside this page.`,
  });
  const htmlPath = path.join(runDir, 'report.html');
  await writeFile(htmlPath, html);
  return { html: htmlPath, ...files, sections: page.map((p) => p.title), bytes: Buffer.byteLength(html) };
}
