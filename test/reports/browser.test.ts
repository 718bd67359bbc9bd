/**
 * The reports in a real browser (Debian's Chromium through playwright-core), opened from file:// with every
 * request other than the page itself aborted and counted as a failure: the page must draw every chart with
 * no console error, no page error, no CSP violation and no network.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeReport } from '../../reports/report.js';
import { writeComparisonReport } from '../../reports/compare.js';
import { writeEconomyRun, writeEnsembleRun, writeLessonRun } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  if (process.env.CI) {
    test('Chromium is installed for the browser tests', () => {
      throw new Error(`${CHROMIUM} not found: install it (apt-get install -y chromium fonts-dejavu-core) — required on CI`);
    });
  } else {
    console.warn(`[reports/browser.test] SKIPPED: ${CHROMIUM} not found. Install Debian's chromium to run the browser tests.`);
  }
}

interface PageCheck {
  consoleErrors: string[];
  pageErrors: string[];
  blockedRequests: string[];
  cspViolations: string[];
  dialogs: string[];
  containers: number;
  rendered: number;
  failed: number;
  /** Per chart container: number of drawn mark elements inside its SVG. */
  marks: Record<string, number>;
}

describe.skipIf(!haveChromium)('reports in a browser', () => {
  let root: string;
  let browser: Browser;
  const screenshots = path.join(os.tmpdir(), 'finsim-test-results');
  const pages: Record<string, { file: string; specs: number }> = {};

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'finsim-browser-'));
    const lesson = writeLessonRun(path.join(root, 'lesson'));
    const economy = writeEconomyRun(path.join(root, 'economy'), { description: 'Into a bubble. <script>alert("xss")</script> <img src=x onerror=alert(2)>' });
    const ensemble = writeEnsembleRun(path.join(root, 'ensemble'));
    const qt = writeEconomyRun(path.join(root, 'qt'), { months: 72, name: 'QT continues', qe: 0 });
    const [l, e, en, c] = await Promise.all([
      writeReport(lesson, { png: false }),
      writeReport(economy, { png: false }),
      writeReport(ensemble, { png: false }),
      writeComparisonReport([qt, economy], path.join(root, 'compare'), { png: false }),
    ]);
    pages.lesson = { file: l.html, specs: l.specs.length };
    pages.economy = { file: e.html, specs: e.specs.length };
    pages.ensemble = { file: en.html, specs: en.specs.length };
    pages.compare = { file: c.html, specs: c.specs.length };
    for (const [name, p] of Object.entries(pages)) expect(readdirSync(path.join(path.dirname(p.file), 'specs')).length, name).toBe(p.specs);
    mkdirSync(screenshots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(name: string): Promise<PageCheck> {
    const { file } = pages[name];
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
    const page = await context.newPage();
    const check: PageCheck = { consoleErrors: [], pageErrors: [], blockedRequests: [], cspViolations: [], dialogs: [], containers: 0, rendered: 0, failed: 0, marks: {} };
    page.on('console', (m) => {
      if (m.type() === 'error') check.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => check.pageErrors.push(e.message));
    page.on('dialog', (d) => {
      check.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) check.blockedRequests.push(r.url());
    });
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      check.blockedRequests.push(u);
      return route.abort();
    });
    await page.addInitScript(() => {
      (window as any).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(url);
    await page.waitForSelector('body[data-render-state="done"]', { timeout: 20_000 });
    const state = await page.evaluate(() => {
      const marks: Record<string, number> = {};
      for (const el of Array.from(document.querySelectorAll('[data-chart]'))) {
        const svg = el.querySelector('.vega-embed svg, svg');
        marks[el.getAttribute('data-chart')!] = svg ? svg.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark text').length : 0;
      }
      return {
        containers: document.querySelectorAll('[data-chart]').length,
        rendered: Number(document.body.dataset.chartsRendered),
        failed: Number(document.body.dataset.chartsFailed),
        marks,
        csp: (window as any).__csp as string[],
      };
    });
    Object.assign(check, { containers: state.containers, rendered: state.rendered, failed: state.failed, marks: state.marks, cspViolations: state.csp });
    // Screenshots to look at: the whole page, and the first chart section as it appears on screen.
    const shotName = name === 'economy' ? 'report' : name;
    const shot = path.join(screenshots, `${shotName}.png`);
    await page.screenshot({ path: shot, fullPage: name === 'economy' || name === 'lesson' });
    const firstSection = page.locator('main section').nth(1);
    if ((await firstSection.count()) > 0) {
      await firstSection.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, `${shotName}-screen.png`) });
    }
    console.log(`[reports/browser.test] screenshots: ${shot} and ${shotName}-screen.png`);
    await context.close();
    return check;
  }

  function expectClean(check: PageCheck, specs: number) {
    expect(check.consoleErrors).toEqual([]);
    expect(check.pageErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.cspViolations).toEqual([]);
    expect(check.dialogs).toEqual([]);
    expect(check.containers).toBe(specs);
    expect(check.rendered).toBe(specs);
    expect(check.failed).toBe(0);
    for (const [id, n] of Object.entries(check.marks)) expect(n, `marks drawn in chart ${id}`).toBeGreaterThan(0);
    expect(Object.keys(check.marks)).toHaveLength(specs);
  }

  test('lesson report: every chart drawn, offline, no errors', async () => {
    const check = await open('lesson');
    expectClean(check, pages.lesson.specs);
    expect(pages.lesson.specs).toBe(4);
  });

  test('economy report: every chart drawn, offline, no errors, the injected description stays text', async () => {
    const check = await open('economy');
    expectClean(check, pages.economy.specs);
    expect(pages.economy.specs).toBeGreaterThan(20);
  });

  test('ensemble report: bands drawn', async () => {
    expectClean(await open('ensemble'), pages.ensemble.specs);
  });

  test('comparison report: every chart drawn, offline, no errors', async () => {
    expectClean(await open('compare'), pages.compare.specs);
  });
});
