/**
 * Rendering specs outside the browser: Vega-Lite → Vega → SVG (headless Vega view), SVG → PNG (resvg with
 * the system fonts). Also writes a report's `specs/`, `charts/` files.
 */
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vegaLite from 'vega-lite';
import * as vega from 'vega';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';

/** Render a Vega-Lite spec to an SVG document string (no DOM, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterise an SVG to PNG at twice its size (crisp on slides), white background, DejaVu Sans for text. */
export function renderPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

export interface ChartFiles {
  specs: string[];
  svgs: string[];
  pngs: string[];
}

/** Remove files a previous report wrote (specs/*.vl.json, charts/*.svg|png), so dropped charts leave nothing stale. */
async function clearOld(dir: string, pattern: RegExp): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of await readdir(dir)) if (pattern.test(name)) await unlink(path.join(dir, name));
}

/** Write `specs/<id>.vl.json`, `charts/<id>.svg` and (optionally) `charts/<id>.png` for every chart. */
export async function writeChartFiles(outDir: string, charts: Array<{ id: string; spec: TopLevelSpec }>, options: { png: boolean }): Promise<ChartFiles> {
  const specDir = path.join(outDir, 'specs');
  const chartDir = path.join(outDir, 'charts');
  await mkdir(specDir, { recursive: true });
  await mkdir(chartDir, { recursive: true });
  await clearOld(specDir, /\.vl\.json$/);
  await clearOld(chartDir, /\.(svg|png)$/);
  const files: ChartFiles = { specs: [], svgs: [], pngs: [] };
  for (const chart of charts) {
    const specPath = path.join(specDir, `${chart.id}.vl.json`);
    await writeFile(specPath, JSON.stringify(chart.spec, null, 2) + '\n');
    files.specs.push(specPath);
    const svg = await renderSvg(chart.spec);
    const svgPath = path.join(chartDir, `${chart.id}.svg`);
    await writeFile(svgPath, svg);
    files.svgs.push(svgPath);
    if (options.png) {
      const pngPath = path.join(chartDir, `${chart.id}.png`);
      await writeFile(pngPath, renderPng(svg));
      files.pngs.push(pngPath);
    }
  }
  return files;
}
