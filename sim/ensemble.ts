/**
 * Runs on all cores, and ensembles.
 *
 * 1. The run pool (`simulateInWorkers`): scenarios go to node:worker_threads running dist/sim/ensembleWorker.js,
 *    one scenario at a time per thread; the series come back as transferred Float64Arrays. Each run is the
 *    same computation as an in-process `simulate` of its scenario (its randomness comes from the named RNG
 *    streams of its seed), so results do not depend on the number of threads or on the order runs finish.
 * 2. Ensembles (`runEnsemble`): a scenario run with seeds seed, seed+1, …, seed+K−1. The folder holds
 *    `runs/seed-N/` (each run's data files, the same bytes as `finsim run --seed N` would write),
 *    `quantiles.csv` (month,column,q05,q50,q95: every numeric column, every month), `summary.json`
 *    (medians at month 0 and the end, the quantiles at the last month, median Lorenz curves),
 *    `scenario.resolved.yaml` (at the first seed), `run.json` and the ensemble report (median and 5–95% bands).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { writeReport } from '../reports/report.js';
import { RunFailure, type SimulationOutput } from './engine.js';
import { formatNumber, writeFolderAtomically } from './output.js';
import { buildSummary, hostFacts, writeRunFiles } from './run.js';
import type { GodleyTable, LorenzCurve, RunSummary, SeriesColumn } from './runData.js';
import { loadScenario, type LoadedScenario } from './scenario.js';
import type { Scenario } from './scenarioSchema.js';
import { FINSIM_VERSION, PROJECT_ROOT } from './version.js';

// ————————————————————————————————————————————————————————————————————————————————————————————————
// The run pool
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** A job for a worker. */
export interface WorkerJob {
  type: 'run';
  index: number;
  scenario: Scenario;
  strict: boolean;
  progress: boolean;
}

/** A recorded run as it crosses from a worker: numeric columns as Float64Arrays whose buffers are transferred. */
export interface TransferredRun {
  columns: SeriesColumn[];
  numericColumns: SeriesColumn[];
  arrays: Float64Array[];
  regimes: string[] | null;
  lorenz: LorenzCurve[];
  godley: GodleyTable[];
  maxSfcError: number;
  sfcViolations: SimulationOutput['sfcViolations'];
}

export type WorkerReply =
  | { type: 'month'; index: number; month: number; months: number }
  | { type: 'done'; index: number; run: TransferredRun; seconds: number }
  | { type: 'failed'; index: number; kind: 'sfc' | 'numeric'; month: number; message: string }
  | { type: 'error'; index: number; message: string; stack?: string };

export interface PoolOptions {
  /** Worker threads (default: every core, at most one per run). */
  workers?: number;
  /** Stop a run at its first month whose accounts fail to balance (default true, as `simulate`). */
  strict?: boolean;
  /** Progress: run `index` has recorded `month` of `months`. */
  onMonth?: (index: number, month: number, months: number) => void;
}

export interface PoolRun {
  output: SimulationOutput;
  /** Seconds the simulation took in its thread. */
  seconds: number;
}

/** The worker module: beside this file when running from dist/, else the compiled one in dist/ (tests run the sources). */
export function workerScript(): URL {
  const beside = new URL('./ensembleWorker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = join(PROJECT_ROOT, 'dist', 'sim', 'ensembleWorker.js');
  if (!existsSync(built)) throw new Error(`finsim: the worker module ${built} is missing; build first (npx tsc -p tsconfig.json)`);
  return pathToFileURL(built);
}

/** Default number of worker threads: one per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

function fromTransferred(run: TransferredRun): SimulationOutput {
  const values = new Map<SeriesColumn, Float64Array>();
  run.numericColumns.forEach((c, i) => values.set(c, run.arrays[i]));
  return {
    columns: run.columns,
    values,
    regimes: run.regimes,
    lorenz: run.lorenz,
    godley: run.godley,
    maxSfcError: run.maxSfcError,
    sfcViolations: run.sfcViolations,
  };
}

/**
 * Simulate every scenario on a pool of worker threads. Results come back in the order of `scenarios`.
 * The first run that fails (RunFailure) or crashes stops the pool and rejects; its message names the run.
 */
export function simulateInWorkers(scenarios: readonly Scenario[], options: PoolOptions = {}): Promise<PoolRun[]> {
  if (!scenarios.length) return Promise.resolve([]);
  const count = Math.max(1, Math.min(Math.floor(options.workers ?? defaultWorkers()), scenarios.length));
  const strict = options.strict ?? true;
  const script = workerScript();
  return new Promise<PoolRun[]>((resolvePool, rejectPool) => {
    const results: PoolRun[] = new Array(scenarios.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (error ? rejectPool(error) : resolvePool(results)), () => (error ? rejectPool(error) : resolvePool(results)));
    };
    const dispatch = (worker: Worker) => {
      if (next >= scenarios.length) return;
      const index = next++;
      const job: WorkerJob = { type: 'run', index, scenario: scenarios[index], strict, progress: !!options.onMonth };
      worker.postMessage(job);
    };
    const describe = (index: number) => `${scenarios[index].name}, seed ${scenarios[index].seed}`;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        switch (reply.type) {
          case 'month':
            options.onMonth?.(reply.index, reply.month, reply.months);
            break;
          case 'done':
            results[reply.index] = { output: fromTransferred(reply.run), seconds: reply.seconds };
            if (++done === scenarios.length) finish();
            else dispatch(worker);
            break;
          case 'failed':
            finish(new RunFailure(reply.kind, reply.month, `${describe(reply.index)}: ${reply.message}`));
            break;
          case 'error':
            finish(new Error(`run ${describe(reply.index)} crashed in its worker thread: ${reply.message}${reply.stack ? `\n${reply.stack}` : ''}`));
            break;
        }
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`a worker thread stopped (exit code ${code}) before its run was done`));
      });
      dispatch(worker);
    }
  });
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Quantiles
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** The quantile levels an ensemble reports. */
export const QUANTILE_LEVELS = [0.05, 0.5, 0.95] as const;

/** Quantile of ascending values, linear between order statistics (Hyndman & Fan type 7, R's and numpy's default). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const fraction = h - lo;
  return fraction === 0 ? sorted[lo] : sorted[lo] + fraction * (sorted[hi] - sorted[lo]);
}

/** One column's 5th, 50th and 95th percentiles across the ensemble, month by month. */
export interface ColumnQuantiles {
  column: SeriesColumn;
  q05: Float64Array;
  q50: Float64Array;
  q95: Float64Array;
}

export interface EnsembleQuantiles {
  months: Float64Array;
  columns: ColumnQuantiles[];
}

/** Quantiles of every numeric column (all but `month` and `regime`) across runs of one scenario. */
export function ensembleQuantiles(outputs: readonly SimulationOutput[]): EnsembleQuantiles {
  if (!outputs.length) throw new Error('ensembleQuantiles: no runs');
  const months = outputs[0].values.get('month')!;
  const columns = outputs[0].columns.filter((c) => c !== 'month' && c !== 'regime');
  for (const o of outputs) {
    if (o.values.get('month')!.length !== months.length) throw new Error('ensembleQuantiles: runs of different lengths');
  }
  const scratch = new Float64Array(outputs.length);
  return {
    months,
    columns: columns.map((column) => {
      const arrays = outputs.map((o) => {
        const a = o.values.get(column);
        if (!a) throw new Error(`ensembleQuantiles: a run has no column ${column}`);
        return a;
      });
      const q05 = new Float64Array(months.length);
      const q50 = new Float64Array(months.length);
      const q95 = new Float64Array(months.length);
      for (let m = 0; m < months.length; m++) {
        for (let r = 0; r < arrays.length; r++) scratch[r] = arrays[r][m];
        scratch.sort();
        q05[m] = quantileSorted(scratch, QUANTILE_LEVELS[0]);
        q50[m] = quantileSorted(scratch, QUANTILE_LEVELS[1]);
        q95[m] = quantileSorted(scratch, QUANTILE_LEVELS[2]);
      }
      return { column, q05, q50, q95 };
    }),
  };
}

/** `quantiles.csv`: long format, `month,column,q05,q50,q95`, month by month, columns in series order. */
export function quantilesCsv(q: EnsembleQuantiles): string {
  const lines = ['month,column,q05,q50,q95'];
  for (let m = 0; m < q.months.length; m++) {
    const month = formatNumber(q.months[m]);
    for (const c of q.columns) lines.push(`${month},${c.column},${formatNumber(c.q05[m])},${formatNumber(c.q50[m])},${formatNumber(c.q95[m])}`);
  }
  return lines.join('\n') + '\n';
}

/** Pointwise median of the runs' Lorenz curves (same months, labels and population grid in every run). */
export function medianLorenz(outputs: readonly SimulationOutput[], runs: number): LorenzCurve[] {
  const first = outputs[0].lorenz;
  return first.flatMap((curve, k) => {
    const same = outputs.map((o) => o.lorenz[k]);
    if (same.some((c) => !c || c.month !== curve.month || c.points.length !== curve.points.length)) return [];
    const scratch = new Float64Array(same.length);
    const points = curve.points.map(([x], i): [number, number] => {
      same.forEach((c, r) => (scratch[r] = c.points[i][1]));
      scratch.sort();
      return [x, quantileSorted(scratch, 0.5)];
    });
    return [{ month: curve.month, label: `${curve.label} (median of ${runs} runs)`, points }];
  });
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Ensemble folders
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** `summary.json` of an ensemble: a RunSummary of the medians, with the ensemble and its quantiles. */
export interface EnsembleSummary extends RunSummary {
  ensemble: {
    runs: number;
    seeds: number[];
    /** Each run's folder, relative to the ensemble folder. */
    run_folders: string[];
  };
  /** Every numeric column's quantiles at the last month. */
  quantiles: {
    month: number;
    levels: number[];
    columns: Record<string, { q05: number; q50: number; q95: number }>;
  };
}

/** One run of an ensemble: its seed, its scenario as loaded and its output. */
export interface EnsembleMember {
  seed: number;
  loaded: LoadedScenario;
  output: SimulationOutput;
  seconds: number;
}

/** Folder of a member run, relative to the ensemble folder. */
export const memberFolder = (seed: number) => join('runs', `seed-${seed}`);

/** The deterministic summary of an ensemble. */
export function buildEnsembleSummary(members: readonly EnsembleMember[], q: EnsembleQuantiles): EnsembleSummary {
  const first = buildSummary(members[0].loaded.scenario, members[0].output);
  const last = q.months.length - 1;
  const at = (m: number) => Object.fromEntries([['month', q.months[m]], ...q.columns.map((c) => [c.column, c.q50[m]])]) as Record<string, number>;
  const outputs = members.map((m) => m.output);
  return {
    finsim_version: FINSIM_VERSION,
    scenario: first.scenario,
    seed: members[0].seed,
    months: first.months,
    households: first.households,
    columns: ['month', ...q.columns.map((c) => c.column)],
    initial: at(0),
    final: at(last),
    max_sfc_error: Math.max(...outputs.map((o) => o.maxSfcError)),
    lorenz: medianLorenz(outputs, members.length),
    ensemble: {
      runs: members.length,
      seeds: members.map((m) => m.seed),
      run_folders: members.map((m) => memberFolder(m.seed)),
    },
    quantiles: {
      month: q.months[last],
      levels: [...QUANTILE_LEVELS],
      columns: Object.fromEntries(q.columns.map((c) => [c.column, { q05: c.q05[last], q50: c.q50[last], q95: c.q95[last] }])),
    },
  };
}

export interface WriteEnsembleOptions {
  /** Write the ensemble report (default true). */
  report?: boolean;
  sourceFile?: string;
  /** `performance.now()` when the ensemble started. */
  started: number;
  threads: number;
}

/** Write an ensemble's files into `dir` (which must exist). Returns its summary. */
export async function writeEnsembleFiles(dir: string, members: readonly EnsembleMember[], options: WriteEnsembleOptions): Promise<EnsembleSummary> {
  for (const member of members) {
    const memberDir = join(dir, memberFolder(member.seed));
    mkdirSync(memberDir, { recursive: true });
    await writeRunFiles(memberDir, member.loaded.scenario, member.output, {
      report: false,
      resolvedYaml: member.loaded.resolvedYaml,
      sourceFile: options.sourceFile,
      simulationSeconds: member.seconds,
      started: options.started,
    });
  }
  const q = ensembleQuantiles(members.map((m) => m.output));
  const summary = buildEnsembleSummary(members, q);
  writeFileSync(join(dir, 'quantiles.csv'), quantilesCsv(q));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(dir, 'scenario.resolved.yaml'), members[0].loaded.resolvedYaml);
  if (options.report ?? true) await writeReport(dir);
  const run = {
    finsim_version: FINSIM_VERSION,
    scenario_file: options.sourceFile ?? null,
    runs: members.length,
    seeds: members.map((m) => m.seed),
    threads: options.threads,
    simulation_seconds: members.reduce((a, m) => a + m.seconds, 0),
    ...hostFacts(options.started),
    sfc_violations: members.flatMap((m) => m.output.sfcViolations.map((v) => ({ seed: m.seed, ...v }))),
  };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run, null, 2) + '\n');
  return summary;
}

/** Load a scenario at seeds first, first+1, …, first+runs−1 (each exactly as `--seed N` would). Throws ScenarioError. */
export function loadSeeds(file: string, set: readonly string[], runs: number): LoadedScenario[] {
  const base = loadScenario(file, { set: [...set] });
  const first = base.scenario.seed;
  return Array.from({ length: runs }, (_, i) => (i === 0 ? base : loadScenario(file, { set: [...set, `seed=${first + i}`] })));
}

export interface EnsembleOptions {
  file: string;
  /** `--set` overrides (including seed, months, households from the command line). */
  set?: string[];
  runs: number;
  /** Destination (default `out/<scenario name>-ensemble`). */
  outDir?: string;
  workers?: number;
  strict?: boolean;
  report?: boolean;
  /** Progress over all runs: months recorded so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
}

export interface EnsembleResult {
  outDir: string;
  reportPath: string | null;
  summary: EnsembleSummary;
  members: Array<{ seed: number; outDir: string; output: SimulationOutput }>;
  threads: number;
  wallSeconds: number;
}

/** Progress over many runs of known length, from the pool's per-run months. */
export function progressOver(months: readonly number[], onProgress?: (done: number, total: number) => void): PoolOptions['onMonth'] {
  if (!onProgress) return undefined;
  const total = months.reduce((a, m) => a + m + 1, 0);
  const seen = new Array<number>(months.length).fill(0);
  let done = 0;
  return (index, month) => {
    done += month + 1 - seen[index];
    seen[index] = month + 1;
    onProgress(done, total);
  };
}

/** Run an ensemble and write its folder, all or nothing. Throws ScenarioError (bad input) or RunFailure. */
export async function runEnsemble(options: EnsembleOptions): Promise<EnsembleResult> {
  const started = performance.now();
  const loaded = loadSeeds(options.file, options.set ?? [], options.runs);
  const scenarios = loaded.map((l) => l.scenario);
  const threads = Math.max(1, Math.min(options.workers ?? defaultWorkers(), scenarios.length));
  const outDir = resolve(options.outDir ?? join('out', `${scenarios[0].name}-ensemble`));
  const runs = await simulateInWorkers(scenarios, {
    workers: threads,
    strict: options.strict,
    onMonth: progressOver(
      scenarios.map((s) => s.months),
      options.onProgress,
    ),
  });
  const members: EnsembleMember[] = runs.map((r, i) => ({ seed: scenarios[i].seed, loaded: loaded[i], output: r.output, seconds: r.seconds }));
  let summary: EnsembleSummary | null = null;
  await writeFolderAtomically(outDir, async (dir) => {
    summary = await writeEnsembleFiles(dir, members, { report: options.report, sourceFile: options.file, started, threads });
  });
  return {
    outDir,
    reportPath: (options.report ?? true) ? join(outDir, 'report.html') : null,
    summary: summary!,
    members: members.map((m) => ({ seed: m.seed, outDir: join(outDir, memberFolder(m.seed)), output: m.output })),
    threads,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
