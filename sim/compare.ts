/**
 * `finsim compare`: counterfactuals side by side.
 *
 * 1. load every scenario with the same overrides; every problem in every file is reported together
 *    (nothing runs, nothing is written);
 * 2. give them all one seed (`--seed`, else the first scenario's): common random numbers, since every draw
 *    comes from a named RNG stream of the seed, so the same agents get the same draws and two runs differ
 *    only where the scenario files differ;
 * 3. run them on all cores (the run pool of sim/ensemble.ts); with `runs` > 1 each scenario becomes an
 *    ensemble of seeds seed … seed+K−1 (the same seeds for every scenario);
 * 4. write, all or nothing, `<out>/runs/<name>/` for each (a run folder with its own report, or an ensemble
 *    folder) and the comparison report `<out>/compare.html` (reports/compare.ts).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeComparisonReport } from '../reports/compare.js';
import type { SimulationOutput } from './engine.js';
import { defaultWorkers, progressOver, simulateInWorkers, writeEnsembleFiles, type EnsembleMember } from './ensemble.js';
import { writeFolderAtomically } from './output.js';
import { writeRunFiles } from './run.js';
import { loadScenario, ScenarioError, type LoadedScenario } from './scenario.js';

export interface CompareOptions {
  /** Overrides applied to every scenario (including months and households from the command line). */
  set?: string[];
  /** The common seed (default: the first scenario's). */
  seed?: number;
  /** Horizons of the headline table, in months. */
  at?: number[];
  /** Destination (default `out/compare-<a>-vs-<b>…`). */
  outDir?: string;
  /** Seeds per scenario (default 1: single runs). */
  runs?: number;
  workers?: number;
  strict?: boolean;
  /** Write each run's own report.html too (default true; ensembles always get theirs). */
  runReports?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Called once the scenarios are loaded, before they run: their names, the common seed, the threads. */
  onStart?: (names: string[], seed: number, threads: number) => void;
}

/** A scenario of the comparison, loaded at each of its seeds. */
export interface ComparedScenario {
  file: string;
  /** Folder under the comparison folder, e.g. `runs/qe-into-bubble`. */
  folder: string;
  seeds: LoadedScenario[];
}

export interface ComparisonResult {
  outDir: string;
  htmlPath: string;
  /** Each scenario's folder, in the order given (the first is the reference). */
  runDirs: string[];
  seed: number;
  outputs: SimulationOutput[][];
  threads: number;
  wallSeconds: number;
}

/** Folder names `runs/<name>`, made unique by the run's letter when two scenarios share a name. */
function folders(names: string[]): string[] {
  return names.map((name, i) => {
    const clash = names.filter((n) => n === name).length > 1;
    return join('runs', clash ? `${name}-${String.fromCharCode(97 + (i % 26))}${i >= 26 ? Math.floor(i / 26) + 1 : ''}` : name);
  });
}

/**
 * Load the scenarios for a comparison: all with the same overrides and one seed, each at `runs` seeds.
 * Throws one ScenarioError holding every problem of every file.
 */
export function loadComparison(files: readonly string[], options: Pick<CompareOptions, 'set' | 'seed' | 'runs'> = {}): { scenarios: ComparedScenario[]; seed: number } {
  const set = [...(options.set ?? [])];
  if (options.seed !== undefined) set.push(`seed=${options.seed}`);
  const problems: ScenarioError['problems'] = [];
  const first: LoadedScenario[] = [];
  for (const file of files) {
    try {
      first.push(loadScenario(file, { set }));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ScenarioError(problems);
  const seed = options.seed ?? first[0].scenario.seed;
  const runs = Math.max(1, options.runs ?? 1);
  for (const file of runs > 1 ? files : []) {
    // The last seed is checked too (it may be out of range) before anything runs.
    try {
      loadScenario(file, { set: [...set, `seed=${seed + runs - 1}`] });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ScenarioError(problems);
  const names = folders(first.map((l) => l.scenario.name));
  const scenarios = files.map((file, i) => ({
    file,
    folder: names[i],
    seeds: Array.from({ length: runs }, (_, k) =>
      k === 0 && first[i].scenario.seed === seed ? first[i] : loadScenario(file, { set: [...set, `seed=${seed + k}`] }),
    ),
  }));
  return { scenarios, seed };
}

/** Run the scenarios of a comparison and write its folder. Throws ScenarioError (bad input) or RunFailure. */
export async function runComparison(files: readonly string[], options: CompareOptions = {}): Promise<ComparisonResult> {
  const started = performance.now();
  const { scenarios, seed } = loadComparison(files, options);
  const runs = Math.max(1, options.runs ?? 1);
  const jobs = scenarios.flatMap((s) => s.seeds.map((l) => l.scenario));
  const threads = Math.max(1, Math.min(options.workers ?? defaultWorkers(), jobs.length));
  const names = scenarios.map((s) => s.seeds[0].scenario.name);
  const outDir = resolve(options.outDir ?? join('out', `compare-${names.join('-vs-')}`));
  options.onStart?.(names, seed, threads);

  const results = await simulateInWorkers(jobs, {
    workers: threads,
    strict: options.strict,
    onMonth: progressOver(
      jobs.map((s) => s.months),
      options.onProgress,
    ),
  });

  const outputs: SimulationOutput[][] = scenarios.map((_, i) => results.slice(i * runs, (i + 1) * runs).map((r) => r.output));
  await writeFolderAtomically(outDir, async (dir) => {
    const runDirs: string[] = [];
    for (let i = 0; i < scenarios.length; i++) {
      const s = scenarios[i];
      const runDir = join(dir, s.folder);
      mkdirSync(runDir, { recursive: true });
      const own = results.slice(i * runs, (i + 1) * runs);
      if (runs === 1) {
        await writeRunFiles(runDir, s.seeds[0].scenario, own[0].output, {
          report: options.runReports ?? true,
          resolvedYaml: s.seeds[0].resolvedYaml,
          sourceFile: s.file,
          simulationSeconds: own[0].seconds,
          started,
        });
      } else {
        const members: EnsembleMember[] = own.map((r, k) => ({ seed: seed + k, loaded: s.seeds[k], output: r.output, seconds: r.seconds }));
        await writeEnsembleFiles(runDir, members, { report: true, sourceFile: s.file, started, threads });
      }
      runDirs.push(runDir);
    }
    await writeComparisonReport(runDirs, dir, { at: options.at });
  });
  return {
    outDir,
    htmlPath: join(outDir, 'compare.html'),
    runDirs: scenarios.map((s) => join(outDir, s.folder)),
    seed,
    outputs,
    threads,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
