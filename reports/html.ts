/**
 * The self-contained HTML page: Vega, Vega-Lite and vega-embed inlined, chart specs embedded as JSON, a
 * Content-Security-Policy that allows only the page's own inline scripts (by SHA-256 hash), no network
 * request of any kind. Opens offline, from a USB stick.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON safe to place inside a <script> element: `<`, `>` and `&` as \u escapes (so no `</script>` or
 * `<!--` can end or alter the element) and U+2028/U+2029 escaped (line terminators in older JS parsers).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** SHA-256 source expression for a CSP `script-src` (hash of the exact inline script text). */
export function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

const require = createRequire(import.meta.url);

/** Path of a package's minified browser build (`build/<file>` beside its resolved entry point). */
function browserBuild(pkg: string, file: string): string {
  const entry = require.resolve(pkg);
  let dir = path.dirname(entry);
  // Walk up to the package's own `build/` folder (entry points live in it or below it).
  while (path.basename(dir) !== 'build' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, file);
}

let libraries: Array<{ name: string; code: string }> | null = null;

/** Vega, Vega-Lite and vega-embed browser builds, read once per process, checked safe to inline. */
export function inlineLibraries(): Array<{ name: string; code: string }> {
  if (libraries) return libraries;
  libraries = [
    { name: 'vega', code: readFileSync(browserBuild('vega', 'vega.min.js'), 'utf8') },
    { name: 'vega-lite', code: readFileSync(browserBuild('vega-lite', 'vega-lite.min.js'), 'utf8') },
    { name: 'vega-embed', code: readFileSync(browserBuild('vega-embed', 'vega-embed.min.js'), 'utf8') },
  ];
  for (const lib of libraries) {
    if (/<\/script|<!--/i.test(lib.code)) throw new Error(`${lib.name}'s browser build contains "</script" or "<!--" and cannot be inlined safely`);
  }
  return libraries;
}

/**
 * Draws every `[data-chart]` element from the embedded specs with vega-embed: SVG renderer (marks can be
 * counted), no actions menu (it links to the web), the CSP-safe expression interpreter (`ast: true`, no eval).
 * Time charts stretch to the page width. When done, <body> carries data-render-state="done" and counts.
 */
const BOOTSTRAP = `(function () {
  'use strict';
  var body = document.body;
  body.setAttribute('data-render-state', 'rendering');
  var specs = JSON.parse(document.getElementById('finsim-specs').textContent);
  var containers = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var jobs = containers.map(function (el) {
    var id = el.getAttribute('data-chart');
    var spec = specs[id];
    if (!spec) return Promise.reject(new Error('no spec for chart ' + id));
    var s = Object.assign({}, spec);
    delete s.$schema;
    var meta = s.usermeta && s.usermeta.finsim;
    if (meta && meta.responsive) {
      s.width = 'container';
      s.autosize = { type: 'fit-x', contains: 'padding' };
    }
    return vegaEmbed(el, s, { mode: 'vega-lite', renderer: 'svg', actions: false, ast: true })
      .then(function (result) {
        el.setAttribute('data-rendered', 'true');
        return result;
      })
      .catch(function (err) {
        el.setAttribute('data-rendered', 'error');
        el.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
        console.error('finsim: chart ' + id + ' failed', err);
        throw err;
      });
  });
  Promise.allSettled(jobs).then(function (results) {
    var ok = results.filter(function (r) { return r.status === 'fulfilled'; }).length;
    body.setAttribute('data-charts-rendered', String(ok));
    body.setAttribute('data-charts-failed', String(results.length - ok));
    body.setAttribute('data-render-state', 'done');
  });
})();`;

/** Page styles: large type for projectors, fluid width for laptops, tables that scroll rather than squash. */
const STYLE = `
:root { --ink: #1a1a1a; --muted: #555; --rule: #d8d8d8; --accent: #0072B2; --bg: #ffffff; --panel: #f6f7f9; }
* { box-sizing: border-box; }
html { font-size: 19px; }
@media (min-width: 1400px) { html { font-size: 21px; } }
@media (max-width: 700px) { html { font-size: 16px; } }
body { margin: 0; color: var(--ink); background: var(--bg); font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; line-height: 1.5; }
header.page, main, nav.toc, footer { max-width: 1280px; margin: 0 auto; padding: 0 1.5rem; }
header.page { padding-top: 1.5rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.3rem 0 0.6rem; }
h2 { font-size: 1.6rem; margin: 2.4rem 0 0.8rem; padding-top: 0.6rem; border-top: 3px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 1.4rem 0 0.5rem; }
p, li { max-width: 60rem; }
.kicker { color: var(--muted); font-size: 0.95rem; margin: 0; }
.description { font-size: 1.1rem; white-space: pre-line; }
nav.toc ul { list-style: none; padding: 0; margin: 0.6rem 0 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
nav.toc a { color: var(--accent); text-decoration: none; font-weight: 600; }
nav.toc a:hover { text-decoration: underline; }
.panel { background: var(--panel); border-radius: 8px; padding: 0.8rem 1.2rem; margin: 1rem 0; }
.panel h3 { margin-top: 0.4rem; }
figure.chart { margin: 1.2rem 0 2rem; padding: 0; }
figure.chart .vis { width: 100%; min-height: 120px; overflow-x: auto; }
figure.chart figcaption { margin-top: 0.5rem; color: #333; max-width: 60rem; }
.table-wrap { overflow-x: auto; margin: 0.8rem 0 1.6rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; caption-side: top; }
th, td { padding: 0.35rem 0.75rem; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
td.text, th.text { text-align: left; }
td.wrap, th.wrap { white-space: normal; text-align: left; min-width: 18rem; max-width: 40rem; }
thead th { border-bottom: 2px solid #999; vertical-align: bottom; }
tr.sum td, td.sum, th.sum { font-weight: 600; background: #f1f3f6; }
td.ok { color: #00734d; }
td.bad { color: #b00020; font-weight: 700; }
.note { color: var(--muted); font-size: 0.9rem; }
footer { color: var(--muted); font-size: 0.85rem; padding-top: 2rem; padding-bottom: 2rem; }
@media print { nav.toc { display: none; } h2 { break-before: page; } figure.chart { break-inside: avoid; } }
`;

export interface PageSection {
  id: string;
  title: string;
  /** Already-escaped HTML (intro text, tables, figures). */
  html: string;
}

export interface PageInput {
  /** Plain text; escaped here. */
  title: string;
  /** Already-escaped HTML placed under the title. */
  headerHtml: string;
  sections: PageSection[];
  /** Chart specs by id, each drawn into the `[data-chart=id]` element of a section. */
  specs: Record<string, TopLevelSpec>;
  /** Plain text; escaped here. */
  footer: string;
}

/** A chart's figure: the container vega-embed draws into, and the caption. */
export function figureHtml(id: string, caption: string): string {
  return `<figure class="chart" id="chart-${escapeHtml(id)}"><div class="vis" data-chart="${escapeHtml(id)}" role="img" aria-label="${escapeHtml(caption)}"></div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** Assemble the page. Every inline script is listed by hash in the CSP; nothing else may run or load. */
export function renderPage(input: PageInput): string {
  const libs = inlineLibraries();
  const scripts = [...libs.map((l) => l.code), BOOTSTRAP];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(cspHash).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const toc = input.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`).join('');
  const body = input.sections.map((s) => `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="page">
${input.headerHtml}
</header>
<nav class="toc" aria-label="Sections"><ul>${toc}</ul></nav>
<main>
${body}
</main>
<footer>${escapeHtml(input.footer)}</footer>
<script type="application/json" id="finsim-specs">${jsonForScript(stripSchemas(input.specs))}</script>
${scripts.map((code) => `<script>${code}</script>`).join('\n')}
</body>
</html>
`;
}

/** The page's copies of the specs drop `$schema` (a URL that is never fetched, but need not appear at all). */
function stripSchemas(specs: Record<string, TopLevelSpec>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, spec] of Object.entries(specs)) {
    const { $schema: _schema, ...rest } = spec as TopLevelSpec & { $schema?: string };
    out[id] = rest;
  }
  return out;
}
