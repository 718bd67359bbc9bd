import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeComparisonReport, comparisonHorizons, comparisonLabels } from '../../reports/compare.js';
import type { ReportResult } from '../../reports/report.js';
import { readRunFolder } from '../../reports/runFolder.js';
import { writeEconomyRun, writeEnsembleRun, writeLessonRun } from './fixtures.js';
import { vegaLiteSchemaErrors } from './schema.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let root: string;
let qt: string;
let qe: string;
let qeBig: string;
let result: ReportResult;
let html: string;

const ids = (r: ReportResult) => r.specs.map((p) => path.basename(p, '.vl.json'));
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const layers = (spec: any): any[] => (spec.layer ? spec.layer.flatMap((l: any) => layers(l)) : [spec]);

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'finsim-compare-'));
  qt = writeEconomyRun(path.join(root, 'qt'), { months: 72, name: 'QT continues', qe: 0, description: 'No QE. <script>alert(1)</script>' });
  qe = writeEconomyRun(path.join(root, 'qe'), { months: 72, name: 'QE into a bubble', qe: 1 });
  qeBig = writeEconomyRun(path.join(root, 'qe2'), { months: 72, name: 'Double QE', qe: 2 });
  result = await writeComparisonReport([qt, qe, qeBig], path.join(root, 'out'));
  html = readFileSync(result.html, 'utf8');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('comparison report', () => {
  test('writes compare.html, specs and charts into the output folder', () => {
    expect(result.html).toBe(path.join(root, 'out', 'compare.html'));
    expect(result.sections).toEqual(['Overview', 'The K: two economies', 'Wealth concentration', 'Policy and markets', 'Economy, public finance and society']);
    expect(result.specs.length).toBe(result.svgs.length);
    expect(result.pngs.length).toBe(result.specs.length);
    for (const p of result.pngs.slice(0, 5)) expect(readFileSync(p).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    for (const p of result.svgs) expect(readFileSync(p, 'utf8').includes('<path'), p).toBe(true);
  });

  test('an overlay and a difference chart per key column, plus the regime strips', () => {
    const all = ids(result);
    expect(all[0]).toBe('regimes');
    for (const column of ['equity-index', 'wage-real-index', 'k-gap', 'top10-share', 'policy-rate', 'gold-price', 'debt-gdp', 'pmi']) {
      expect(all).toContain(`overlay-${column}`);
      expect(all).toContain(`diff-${column}`);
    }
    const html2 = html;
    for (const id of all) expect(html2).toContain(`data-chart="${id}"`);
  });

  test('every spec validates against the Vega-Lite schema', () => {
    for (const p of result.specs) expect(vegaLiteSchemaErrors(readJson(p)), p).toEqual([]);
  });

  test('overlays: one colour per scenario, legend with scenario names, shaded by the reference run’s regimes', () => {
    const spec = readJson(path.join(root, 'out', 'specs', 'overlay-equity-index.vl.json'));
    const line = layers(spec).find((l) => l.mark.type === 'line');
    expect(line.encoding.stroke.scale.domain).toEqual(['a: QT continues', 'b: QE into a bubble', 'c: Double QE']);
    expect(line.encoding.stroke.scale.range).toEqual(['#0072B2', '#D55E00', '#009E73']);
    const rect = layers(spec)[0];
    expect(rect.mark.type).toBe('rect');
    expect(rect.encoding.fill.title).toBe('Regime in a');
  });

  test('differences: b − a and c − a over time, in the scenarios’ colours, percentage points for shares', () => {
    const spec = readJson(path.join(root, 'out', 'specs', 'diff-top10-share.vl.json'));
    const line = layers(spec).find((l) => l.mark.type === 'line');
    expect(line.encoding.stroke.scale.domain).toEqual(['b − a', 'c − a']);
    expect(line.encoding.stroke.scale.range).toEqual(['#D55E00', '#009E73']);
    expect(line.encoding.y.title).toBe('Difference, percentage points');
    // top10_share = 0.67 + 0.05·t·qe, t = m/72: at month 36, b − a = 2.5 pp and c − a = 5 pp.
    const row = line.data.values.find((r: any) => r.month === 36);
    expect(row.s0).toBeCloseTo(2.5, 6);
    expect(row.s1).toBeCloseTo(5, 6);
    expect(layers(spec).some((l) => l.mark.type === 'rule' && l.data.values[0].value === 0)).toBe(true);
  });

  test('headline differences at 12, 24 and 60 months for each other run', () => {
    expect(html).toContain('b: QE into a bubble vs a: QT continues');
    expect(html).toContain('c: Double QE vs a: QT continues');
    expect(html).toContain('<th colspan="3">Month 12</th><th colspan="3">Month 24</th><th colspan="3">Month 60</th>');
    // k_gap = 0.4·t·qe: at month 60, a = 0, b = 0.333, b − a = +0.333.
    expect(html).toMatch(/<td>K gap<\/td>(?:<td>[^<]*<\/td><td>[^<]*<\/td><td[^>]*>[^<]*<\/td>){2}<td>0\.000<\/td><td>0\.333<\/td><td class="up">\+0\.333<\/td>/);
  });

  test('scenario text is escaped; the page loads nothing and has a CSP', () => {
    expect(html).toContain('No QE. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);
    const ours = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    for (const m of ours.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(m[1].startsWith('#'), m[1]).toBe(true);
    expect(ours).not.toMatch(/https?:\/\//);
  });
});

describe('horizons and labels', () => {
  test('horizons default to 12, 24, 60 within the shortest run; otherwise the last common month', async () => {
    const short = writeLessonRun(path.join(root, 'short'), { months: 30 });
    const long = writeLessonRun(path.join(root, 'long'), { months: 80 });
    const runs = await Promise.all([readRunFolder(short), readRunFolder(long)]);
    expect(comparisonHorizons(runs)).toEqual([12, 24]);
    expect(comparisonHorizons(runs, [6, 1000])).toEqual([6]);
    expect(comparisonHorizons(runs, [100])).toEqual([30]);
  });

  test('runs of the same scenario get distinct labels', async () => {
    const runs = await Promise.all([readRunFolder(qe), readRunFolder(qe)]);
    const labels = comparisonLabels(runs).map((c) => c.label);
    expect(new Set(labels).size).toBe(2);
    expect(labels[0].startsWith('a: QE into a bubble')).toBe(true);
  });

  test('a lesson comparison with custom horizons, and ensemble bands in overlays', async () => {
    const a = writeLessonRun(path.join(root, 'lesson-a'), { months: 40, description: 'A' });
    const b = writeEnsembleRun(path.join(root, 'ens-b'), { months: 40 });
    const c = writeEnsembleRun(path.join(root, 'ens-c'), { months: 40 });
    const lessons = await writeComparisonReport([a, a], path.join(root, 'out-lessons'), { at: [10, 20] });
    expect(lessons.sections).toEqual(['Overview', 'Wealth concentration']);
    expect(ids(lessons)).not.toContain('regimes');
    expect(readFileSync(lessons.html, 'utf8')).toContain('<th colspan="3">Month 10</th><th colspan="3">Month 20</th>');
    const ens = await writeComparisonReport([b, c], path.join(root, 'out-ens'), { png: false });
    const overlay = readJson(path.join(root, 'out-ens', 'specs', 'overlay-equity-index.vl.json'));
    expect(layers(overlay).filter((l) => l.mark.type === 'area')).toHaveLength(2);
    expect(existsSync(path.join(root, 'out-ens', 'charts', 'overlay-equity-index.png'))).toBe(false);
    expect(ens.pngs).toEqual([]);
  });
});
