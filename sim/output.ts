/**
 * Writing a run's files: CSV formatting, and a folder that appears whole or not at all (written under a
 * temporary name beside its destination, then renamed).
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SimulationOutput } from './engine.js';

/** CSV text of a recorded run: header of column names, one row a month, shortest round-trip numbers. */
export function seriesCsv(output: SimulationOutput): string {
  const { columns, values, regimes } = output;
  const months = values.get('month')!.length;
  const lines: string[] = [columns.join(',')];
  const arrays = columns.map((c) => (c === 'regime' ? null : values.get(c)!));
  for (let m = 0; m < months; m++) {
    const cells = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const array = arrays[c];
      cells[c] = array === null ? regimes![m] : formatNumber(array[m]);
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** Shortest text that reads back as the same double; −0 written as 0. */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** One row of the output as an object (for summary.json). */
export function rowAt(output: SimulationOutput, month: number): Record<string, number | string> {
  const row: Record<string, number | string> = {};
  for (const c of output.columns) row[c] = c === 'regime' ? output.regimes![month] : output.values.get(c)![month];
  return row;
}

/** JSON with object keys sorted, for hashing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k]));
    return '{' + entries.join(',') + '}';
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Build a folder's contents under a temporary name beside `destination`, then move it into place.
 * If `build` throws, the temporary folder is removed and `destination` is left as it was.
 */
export async function writeFolderAtomically(destination: string, build: (tempDir: string) => Promise<void>): Promise<void> {
  const parent = dirname(destination);
  mkdirSync(parent, { recursive: true });
  const tempDir = mkdtempSync(join(parent, `.${basename(destination)}.partial-`));
  try {
    await build(tempDir);
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  chmodSync(tempDir, 0o755); // mkdtemp makes it private; a run's output is meant to be shared
  let previous: string | null = null;
  if (existsSync(destination)) {
    previous = `${tempDir}.previous`;
    renameSync(destination, previous);
  }
  renameSync(tempDir, destination);
  if (previous) rmSync(previous, { recursive: true, force: true });
}
