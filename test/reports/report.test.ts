import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeReport, type ReportResult } from '../../reports/report.js';
import { SECTIONS } from '../../reports/catalogue.js';
import { escapeHtml, jsonForScript } from '../../reports/html.js';
import { formatDifference, formatValue } from '../../reports/columns.js';
import { parseCsv, parseSeriesCsv, regimeSpells } from '../../reports/runFolder.js';
import { monthTicks, decades } from '../../reports/specs.js';
import { ENSEMBLE_COLUMNS, writeEconomyRun, writeEnsembleRun, writeLessonRun } from './fixtures.js';
import { vegaLiteSchemaErrors } from './schema.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let root: string;
let lesson: ReportResult;
let economy: ReportResult;
let ensemble: ReportResult;
let lessonDir: string;
let economyDir: string;
let ensembleDir: string;

const ids = (r: ReportResult) => r.specs.map((p) => path.basename(p, '.vl.json')).sort();
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

/** Walk a spec's layers (top level included). */
function layers(spec: any): any[] {
  return spec.layer ? spec.layer.flatMap((l: any) => layers(l)) : [spec];
}

/** The page with the inline library code removed (what remains is ours). */
function pageWithoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'finsim-report-'));
  lessonDir = writeLessonRun(path.join(root, 'lesson'));
  economyDir = writeEconomyRun(path.join(root, 'economy'));
  ensembleDir = writeEnsembleRun(path.join(root, 'ensemble'));
  // A stale file from an earlier report with more charts: must be cleared.
  mkdirSync(path.join(lessonDir, 'specs'), { recursive: true });
  writeFileSync(path.join(lessonDir, 'specs', 'k-gap.vl.json'), '{}');
  [lesson, economy, ensemble] = await Promise.all([writeReport(lessonDir), writeReport(economyDir), writeReport(ensembleDir, { png: false })]);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('sections and charts', () => {
  test('a lesson run gets Overview, Wealth concentration and an Accounts check, nothing else', () => {
    expect(lesson.sections).toEqual(['Overview', 'Wealth concentration', 'Accounts check']);
    expect(ids(lesson)).toEqual(['lorenz', 'sfc-error', 'wealth-gini', 'wealth-shares']);
  });

  test('charts whose columns are absent are omitted (no files, no containers), stale files are removed', () => {
    const html = readFileSync(lesson.html, 'utf8');
    for (const absent of ['k-gap', 'k-equity-vs-wages', 'top10-equity-share', 'regime-timeline', 'policy-rates']) {
      expect(existsSync(path.join(lessonDir, 'specs', `${absent}.vl.json`))).toBe(false);
      expect(existsSync(path.join(lessonDir, 'charts', `${absent}.svg`))).toBe(false);
      expect(html).not.toContain(`data-chart="${absent}"`);
    }
    expect(html).not.toContain('id="the-k"');
    expect(html).not.toContain('id="policy"');
  });

  test('an economy run with every column gets every section and every chart of the catalogue', () => {
    expect(economy.sections).toEqual(['Overview', 'The K: two economies', 'Wealth concentration', 'Policy', 'Markets', 'Public finance', 'Society', 'Accounts check']);
    const all = SECTIONS.flatMap((s) => s.charts.map((c) => c.id)).sort();
    expect(ids(economy)).toEqual(all);
    expect(economy.svgs).toHaveLength(all.length);
    expect(economy.pngs).toHaveLength(all.length);
  });

  test('preferred alternatives: debt and central-bank balance sheet drawn as % of GDP when those columns exist', () => {
    const cb = readJson(path.join(economyDir, 'specs', 'cb-balance-sheet.vl.json'));
    const line = layers(cb).find((l) => l.mark?.type === 'line');
    expect(line.encoding.y.title).toBe('% of annual GDP');
    const debt = readJson(path.join(economyDir, 'specs', 'public-debt.vl.json'));
    expect(JSON.stringify(debt)).toContain('"series":"Government debt"');
  });

  test('the HTML has one chart container per spec file, in section order', () => {
    for (const r of [lesson, economy, ensemble]) {
      const html = readFileSync(r.html, 'utf8');
      const containers = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
      expect(containers.sort()).toEqual(ids(r));
      expect(r.bytes).toBe(Buffer.byteLength(html));
    }
  });
});

describe('chart specs', () => {
  test('every spec validates against the Vega-Lite JSON schema', () => {
    for (const r of [lesson, economy, ensemble]) {
      for (const p of r.specs) expect(vegaLiteSchemaErrors(readJson(p)), p).toEqual([]);
    }
  });

  test('the schema check is real: a broken spec fails', () => {
    expect(vegaLiteSchemaErrors({ mark: 'squiggle', encoding: { x: { field: 'month', type: 'quantitative' } } }).length).toBeGreaterThan(0);
  });

  test('specs carry their data inline (no URLs)', () => {
    for (const p of economy.specs) {
      const text = readFileSync(p, 'utf8');
      expect(text).not.toMatch(/"url"\s*:/);
      expect(text).toContain('"values"');
    }
  });

  test('every time chart shades the regimes behind the lines, with a legend and fixed colours', () => {
    for (const p of economy.specs) {
      const spec = readJson(p);
      if (spec.usermeta?.finsim?.chart !== 'time') continue;
      const all = layers(spec);
      expect(all[0].mark.type, p).toBe('rect');
      expect(all[0].encoding.fill.field).toBe('regime');
      expect(all[0].encoding.fill.scale.domain).toEqual(['tighten', 'recede', 'panic', 'liquidity', 'inflation']);
      expect(all[0].encoding.fill.scale.range).toEqual(['#56B4E9', '#999999', '#CC79A7', '#009E73', '#E69F00']);
      expect(all[0].encoding.fill.legend).not.toBeNull();
      expect(all.findIndex((l) => l.mark.type === 'line')).toBeGreaterThan(0);
    }
    // Lesson runs have no regimes: no shading.
    for (const p of lesson.specs) expect(layers(readJson(p)).some((l) => l.mark?.type === 'rect')).toBe(false);
  });

  test('every positional axis has a title; time charts have month on x', () => {
    for (const r of [lesson, economy]) {
      for (const p of r.specs) {
        const spec = readJson(p);
        for (const layer of layers(spec)) {
          for (const channel of ['x', 'y'] as const) {
            const enc = layer.encoding?.[channel];
            if (!enc?.field) continue;
            if (channel === 'y' && enc.type === 'nominal') continue; // scenario rows of the regime strips
            expect(typeof enc.title, `${p} ${channel}`).toBe('string');
            expect(enc.title.length).toBeGreaterThan(3);
          }
        }
        if (spec.usermeta.finsim.chart === 'time') {
          const line = layers(spec).find((l) => l.mark.type === 'line');
          expect(line.encoding.x.field).toBe('month');
          expect(line.encoding.x.title).toBe('Month');
        }
      }
    }
  });

  test('line colours come from the Okabe–Ito palette', () => {
    const okabeIto = new Set(['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#888888']);
    for (const p of economy.specs) {
      for (const layer of layers(readJson(p))) {
        const range = layer.encoding?.stroke?.scale?.range;
        if (range) for (const c of range) expect(okabeIto.has(c), `${p} ${c}`).toBe(true);
      }
    }
  });

  test('the Lorenz chart shows start, middle and end curves and the equality diagonal', () => {
    const spec = readJson(path.join(economyDir, 'specs', 'lorenz.vl.json'));
    expect(spec.encoding.stroke.scale.domain).toEqual(['month 0', 'month 60', 'month 120', 'Perfect equality']);
    const equality = spec.data.values.filter((v: any) => v.curve === 'Perfect equality');
    expect(equality).toEqual([
      { curve: 'Perfect equality', population: 0, wealth: 0 },
      { curve: 'Perfect equality', population: 1, wealth: 1 },
    ]);
  });

  test('the SFC error is on a log scale with zeros floored and the 1e-9 threshold drawn', () => {
    const spec = readJson(path.join(economyDir, 'specs', 'sfc-error.vl.json'));
    const line = layers(spec).find((l) => l.mark.type === 'line');
    expect(line.encoding.y.scale.type).toBe('log');
    const values = line.data.values.map((r: any) => r.s0);
    expect(Math.min(...values)).toBe(1e-17);
    expect(layers(spec).some((l) => l.mark.type === 'rule' && l.data.values[0].value === 1e-9)).toBe(true);
  });

  test('ensemble runs draw medians with 5–95% bands for the columns in quantiles.csv only', () => {
    const withBand = readJson(path.join(ensembleDir, 'specs', 'k-equity-vs-wages.vl.json'));
    const areas = layers(withBand).filter((l) => l.mark.type === 'area');
    expect(areas).toHaveLength(2);
    expect(areas[0].data.values[10]).toEqual({ month: 10, q05: 102, q95: 110 });
    const line = layers(withBand).find((l) => l.mark.type === 'line');
    expect(line.data.values[10].s0).toBeCloseTo(106); // median, not the single run's value
    expect(withBand.description).toContain('5–95%');
    const withoutBand = readJson(path.join(ensembleDir, 'specs', 'policy-rates.vl.json'));
    expect(layers(withoutBand).some((l) => l.mark.type === 'area')).toBe(false);
    expect(ENSEMBLE_COLUMNS).toContain('unemployment');
    // Absence is normal: the economy run has no quantiles and no bands.
    for (const p of economy.specs) expect(layers(readJson(p)).some((l) => l.mark?.type === 'area'), p).toBe(false);
  });
});

describe('rendered files', () => {
  test('SVG files hold drawn marks', () => {
    for (const p of [...lesson.svgs, ...economy.svgs]) {
      const svg = readFileSync(p, 'utf8');
      expect(svg.startsWith('<svg'), p).toBe(true);
      expect(svg.includes('<path'), p).toBe(true);
      expect((svg.match(/class="mark-(?:line|rect|area)/g) ?? []).length, p).toBeGreaterThan(0);
      if (!p.endsWith('lorenz.svg')) expect(svg.includes('>Month</text>'), p).toBe(true);
    }
  });

  test('PNG files have the PNG signature and real content', () => {
    for (const p of [...lesson.pngs, ...economy.pngs]) {
      const png = readFileSync(p);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), p).toBe(true);
      expect(png.length, p).toBeGreaterThan(10_000);
      const width = png.readUInt32BE(16);
      expect(width).toBeGreaterThan(600);
    }
    expect(ensemble.pngs).toEqual([]);
  });
});

describe('the HTML page', () => {
  test('scenario text is escaped: a <script> description shows as text', () => {
    const html = readFileSync(lesson.html, 'utf8');
    expect(html).toContain('An exchange economy. &lt;script&gt;alert(1)&lt;/script&gt; Watch the Gini &amp; the shares.');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Read a Lorenz curve &lt;b&gt;carefully&lt;/b&gt;');
    expect(html).toContain('What happens to the bottom 50% share &amp; why?');
    expect(html).not.toContain('<b>carefully</b>');
  });

  test('a Content-Security-Policy meta tag allows only the page’s own scripts, by hash', () => {
    const html = readFileSync(economy.html, 'utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    expect(meta).not.toBeNull();
    const csp = meta![1].replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('img-src data: blob:');
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline.length).toBe(4); // vega, vega-lite, vega-embed, the page's own bootstrap
    for (const code of inline) expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect(scriptSrc.match(/sha256-/g)).toHaveLength(inline.length);
  });

  test('the libraries are inlined and nothing is loaded from anywhere', () => {
    const html = readFileSync(economy.html, 'utf8');
    expect(html).toContain('vegaEmbed');
    expect(html.length).toBeGreaterThan(800_000);
    const ours = pageWithoutScripts(html);
    expect(ours).not.toMatch(/<script[^>]+src=/i);
    expect(ours).not.toMatch(/<link\b/i);
    expect(ours).not.toMatch(/<img\b/i);
    expect(ours).not.toMatch(/@import|url\(/i);
    for (const m of ours.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(m[1].startsWith('#'), m[1]).toBe(true);
    expect(ours).not.toMatch(/https?:\/\//);
  });

  test('the specs are embedded as escaped JSON equal to the spec files (minus $schema)', () => {
    const html = readFileSync(economy.html, 'utf8');
    const block = html.match(/<script type="application\/json" id="finsim-specs">([\s\S]*?)<\/script>/)![1];
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const embedded = JSON.parse(block);
    for (const p of economy.specs) {
      const { $schema, ...rest } = readJson(p);
      expect($schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(embedded[path.basename(p, '.vl.json')]).toEqual(rest);
    }
  });

  test('Overview: description, questions, headline table, regime timeline', () => {
    const html = readFileSync(economy.html, 'utf8');
    const overview = html.slice(html.indexOf('<section id="overview">'), html.indexOf('</section>'));
    expect(overview).toContain('QT ends and QE starts');
    expect(overview).toContain('<h3>Questions</h3>');
    expect(overview).toContain('Headline numbers: month 0 and month 120');
    expect(overview).toMatch(/<td>Equity index<\/td><td>100\.\d<\/td><td>\d+\.\d<\/td><td[^>]*>\+\d+\.\d pts<\/td>/);
    expect(overview).toContain('<td>Top 10% wealth share</td><td>67.0%</td><td>72.0%</td><td class="up">+5.0 pp</td>');
    expect(overview).toContain('data-chart="regime-timeline"');
    expect(overview).toContain('within rounding');
  });

  test('Accounts: Godley tables with row and column sums', () => {
    const html = readFileSync(economy.html, 'utf8');
    const accounts = html.slice(html.indexOf('<section id="accounts">'));
    expect(accounts.match(/<table class="godley">/g)).toHaveLength(4);
    expect(accounts).toContain('Balance sheet — month 0 ($ billions)');
    expect(accounts).toContain('Transactions flow — month 120 ($ billions)');
    expect(accounts).toContain('<th>Central bank</th>');
    expect(accounts).toContain('<td>Deposits</td><td>900</td><td>300</td><td>−1,200</td><td></td><td></td><td class="sum ok">0</td>');
    expect(accounts).toContain('Σ (column sum)');
    expect(accounts).toContain('data-chart="sfc-error"');
  });
});

describe('escaping and strange inputs', () => {
  test('jsonForScript leaves nothing that can close or alter a script element', () => {
    const text = jsonForScript({ s: '</script><!-- & \u2028 \u2029 >' });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ s: '</script><!-- & \u2028 \u2029 >' });
  });

  test('escapeHtml escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('regime names from the data are escaped in the page and in the SVG; unknown regimes get a colour', async () => {
    const dir = path.join(root, 'odd-regimes');
    mkdirSync(dir, { recursive: true });
    const rows = ['month,regime,equity_index,wage_real_index'];
    for (let m = 0; m <= 24; m++) rows.push(`${m},${m < 12 ? 'liquidity' : '"<img src=x onerror=alert(1)>"'},${100 + m},${100}`);
    writeFileSync(path.join(dir, 'series.csv'), rows.join('\n'));
    const r = await writeReport(dir, { png: false });
    expect(r.sections).toEqual(['Overview', 'The K: two economies', 'Markets', 'Society']);
    const html = readFileSync(r.html, 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; (months 12–24)');
    const svg = readFileSync(path.join(dir, 'charts', 'k-equity-vs-wages.svg'), 'utf8');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const spec = readJson(path.join(dir, 'specs', 'k-equity-vs-wages.vl.json'));
    expect(spec.layer[0].encoding.fill.scale.domain).toEqual(['liquidity', '<img src=x onerror=alert(1)>']);
    expect(spec.layer[0].encoding.fill.scale.range).toEqual(['#009E73', '#666666']);
  });

  test('a folder without summary.json still reports, named after the folder', async () => {
    const dir = path.join(root, 'bare-run');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'series.csv'), 'month,wealth_gini,top10_share\n0,0.3,0.2\n1,0.31,\n2,0.32,0.22\n');
    const r = await writeReport(dir, { png: false });
    expect(r.sections).toEqual(['Overview', 'Wealth concentration']);
    expect(readFileSync(r.html, 'utf8')).toContain('<h1>bare-run</h1>');
  });

  test('the same run gives byte-identical report files', async () => {
    const before = [lesson.html, ...lesson.svgs, ...lesson.specs, ...lesson.pngs].map((p) => readFileSync(p));
    const again = await writeReport(lessonDir);
    const after = [again.html, ...again.svgs, ...again.specs, ...again.pngs].map((p) => readFileSync(p));
    expect(after.length).toBe(before.length);
    after.forEach((b, i) => expect(b.equals(before[i])).toBe(true));
  });

  test('an all-empty column is treated as absent', async () => {
    const dir = path.join(root, 'empty-column');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'series.csv'), 'month,wealth_gini,pmi\n0,0.3,\n1,0.31,\n2,0.32,NaN\n');
    const r = await writeReport(dir, { png: false });
    expect(r.sections).toEqual(['Overview', 'Wealth concentration']);
    expect(ids(r)).toEqual(['wealth-gini']);
  });
});

describe('readers and formatting', () => {
  test('parseCsv handles quotes, escaped quotes, CRLF and a missing final newline', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi"""\r\n3,4')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"'],
      ['3', '4'],
    ]);
  });

  test('regime spells come from the regime column, each running to the next spell', () => {
    const series = parseSeriesCsv('month,regime,pmi\n0,tighten,50\n1,tighten,49\n2,panic,45\n3,liquidity,47\n4,liquidity,52\n');
    expect(regimeSpells(series)).toEqual([
      { regime: 'tighten', from: 0, to: 2 },
      { regime: 'panic', from: 2, to: 3 },
      { regime: 'liquidity', from: 3, to: 4 },
    ]);
  });

  test('without a regime column, spells come from summary.regimes', () => {
    const series = parseSeriesCsv('month,pmi\n0,50\n1,50\n2,50\n3,50\n');
    expect(regimeSpells(series, [{ regime: 'recede', from: 0, to: 1 }, { regime: 'panic', from: 2, to: 3 }])).toEqual([
      { regime: 'recede', from: 0, to: 2 },
      { regime: 'panic', from: 2, to: 3 },
    ]);
  });

  test('values and differences print in their units', () => {
    expect(formatValue(0.0431, 'rate')).toBe('4.3%');
    expect(formatValue(23456.7, 'billions')).toBe('$23,457 bn');
    expect(formatValue(101.26, 'index')).toBe('101.3');
    expect(formatValue(3e-14, 'error')).toBe('3.0e−14');
    expect(formatDifference(-0.012, 'share')).toBe('−1.2 pp');
    expect(formatDifference(0.0004, 'rate')).toBe('0.0 pp');
    expect(formatDifference(12.34, 'index')).toBe('+12.3 pts');
    expect(formatDifference(-1500, 'billions')).toBe('−$1,500 bn');
  });

  test('month ticks fall on whole years for long runs; log ticks on decades', () => {
    expect(monthTicks([0, 120])).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120]);
    expect(monthTicks([0, 360])).toEqual([0, 60, 120, 180, 240, 300, 360]);
    expect(monthTicks([0, 10])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(decades([3e-14, 1e-9, 0, null])).toEqual([1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9]);
  });
});
