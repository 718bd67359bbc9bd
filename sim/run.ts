/**
 * One run from scenario to files: simulate, then write series.csv, summary.json,
 * scenario.resolved.yaml, run.json and the report into `out/<name>/`, all or nothing.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, hostname, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { writeReport } from '../reports/report.js';
import { simulate, type SimulationOptions, type SimulationOutput } from './engine.js';
import { canonicalJson, rowAt, seriesCsv, sha256, writeFolderAtomically } from './output.js';
import type { RunSummary } from './runData.js';
import type { Scenario } from './scenarioSchema.js';
import { FINSIM_VERSION } from './version.js';

export interface RunToFolderOptions extends SimulationOptions {
  /** Destination folder (default `out/<scenario name>`). */
  outDir?: string;
  /** Write report.html, specs and charts (default true). */
  report?: boolean;
  /** The resolved scenario as YAML, written beside the data. */
  resolvedYaml: string;
  /** The scenario file it came from, for run.json. */
  sourceFile?: string;
}

export interface RunToFolderResult {
  outDir: string;
  output: SimulationOutput;
  summary: RunSummary;
  reportPath: string | null;
  wallSeconds: number;
}

/** The deterministic summary of a recorded run. */
export function buildSummary(scenario: Scenario, output: SimulationOutput): RunSummary {
  const months = output.values.get('month')!.length - 1;
  return {
    finsim_version: FINSIM_VERSION,
    scenario: {
      name: scenario.name,
      description: scenario.description,
      ...(scenario.learning_goals ? { learning_goals: [...scenario.learning_goals] } : {}),
      ...(scenario.questions ? { questions: [...scenario.questions] } : {}),
      model: scenario.model,
      hash: sha256(canonicalJson(scenario)),
    },
    seed: scenario.seed,
    months: scenario.months,
    households: scenario.households,
    columns: [...output.columns],
    initial: rowAt(output, 0),
    final: rowAt(output, months),
    max_sfc_error: output.maxSfcError,
    lorenz: output.lorenz,
    ...(output.godley.length ? { godley: output.godley } : {}),
  };
}

export interface WriteRunFilesOptions {
  /** Write report.html, specs and charts (default true). */
  report?: boolean;
  /** The resolved scenario as YAML, written beside the data. */
  resolvedYaml: string;
  /** The scenario file it came from, for run.json. */
  sourceFile?: string;
  /** Seconds the simulation took (for run.json). */
  simulationSeconds: number;
  /** `performance.now()` when the run started (for run.json's total and start time). */
  started: number;
  /** Extra facts for run.json (not deterministic: wall time, threads). */
  runFacts?: Record<string, unknown>;
}

/**
 * Write a recorded run's files into `dir` (which must exist): series.csv, summary.json,
 * scenario.resolved.yaml, the report (unless turned off) and run.json. Returns the summary.
 */
export async function writeRunFiles(dir: string, scenario: Scenario, output: SimulationOutput, options: WriteRunFilesOptions): Promise<RunSummary> {
  const summary = buildSummary(scenario, output);
  writeFileSync(join(dir, 'series.csv'), seriesCsv(output));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(dir, 'scenario.resolved.yaml'), options.resolvedYaml);
  if (options.report ?? true) await writeReport(dir);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(runFacts(options, output), null, 2) + '\n');
  return summary;
}

/** run.json: what is true of this execution and not of the scenario (kept apart from the deterministic files). */
function runFacts(options: WriteRunFilesOptions, output: SimulationOutput): Record<string, unknown> {
  return {
    finsim_version: FINSIM_VERSION,
    scenario_file: options.sourceFile ?? null,
    simulation_seconds: options.simulationSeconds,
    ...hostFacts(options.started),
    ...(options.runFacts ?? {}),
    sfc_violations: output.sfcViolations,
  };
}

/** When and where this execution ran, for run.json (never in the deterministic files). */
export function hostFacts(started: number): Record<string, unknown> {
  const elapsed = performance.now() - started;
  return {
    total_seconds: elapsed / 1000,
    started_at: new Date(Date.now() - elapsed).toISOString(),
    node: process.version,
    host: hostname(),
    platform: `${platform()} ${release()}`,
    cpus: availableParallelism(),
  };
}

/** Simulate `scenario` and write its folder. Nothing is written if the run fails. */
export async function runToFolder(scenario: Scenario, options: RunToFolderOptions): Promise<RunToFolderResult> {
  const outDir = resolve(options.outDir ?? join('out', scenario.name));
  const started = performance.now();
  const output = simulate(scenario, options);
  const simulationSeconds = (performance.now() - started) / 1000;
  let summary: RunSummary | null = null;
  await writeFolderAtomically(outDir, async (dir) => {
    summary = await writeRunFiles(dir, scenario, output, { ...options, simulationSeconds, started });
  });
  const reportPath = (options.report ?? true) ? join(outDir, 'report.html') : null;
  return { outDir, output, summary: summary!, reportPath, wallSeconds: (performance.now() - started) / 1000 };
}
