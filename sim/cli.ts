#!/usr/bin/env node
/**
 * The command line: `finsim run | compare | validate | list | schema`.
 * Exit codes: 0 ok, 1 the run failed (accounting violation, numeric blow-up), 2 bad input.
 */
import { join, relative } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runComparison } from './compare.js';
import { RunFailure } from './engine.js';
import { defaultWorkers, runEnsemble } from './ensemble.js';
import { runToFolder } from './run.js';
import { findScenarioFiles } from './scenarioFiles.js';
import { loadScenario, ScenarioError } from './scenario.js';
import { scenarioJsonSchema } from './scenarioSchema.js';
import { FINSIM_VERSION, PROJECT_ROOT } from './version.js';

export const ExitCode = { ok: 0, runFailed: 1, badInput: 2 } as const;

/** What `finsim run` (and `npm start`) runs when no scenario is named. */
export const DEFAULT_SCENARIO = 'scenarios/baseline-2025.yaml';

/** Every message the CLI prints, in one place. */
const say = {
  runStart: (name: string, months: number, households: number, seed: number) =>
    `finsim: running ${name} — ${months} months, ${households.toLocaleString('en-US')} households, seed ${seed}`,
  runDone: (dir: string, seconds: number) => `finsim: done in ${seconds.toFixed(1)} s; data in ${dir}`,
  ensembleStart: (name: string, runs: number, first: number, months: number, households: number, threads: number) =>
    `finsim: running ${name} — ${runs} runs (seeds ${first}–${first + runs - 1}), ${months} months, ${households.toLocaleString('en-US')} households, on ${threads} thread${threads === 1 ? '' : 's'}`,
  compareStart: (names: string[], seed: number, runs: number, threads: number) =>
    `finsim: comparing ${names.join(' vs ')} — seed ${seed}${runs > 1 ? ` (ensembles of ${runs} seeds)` : ''}, common random numbers, on ${threads} thread${threads === 1 ? '' : 's'}`,
  report: (path: string) => `finsim: report: ${path}`,
  sfcWarningIn: (count: number, where: string) => `finsim: warning: the accounts failed to balance in ${count} month(s) in ${where}; see run.json. Run with --strict to stop at the first.`,
  sfcWarning: (count: number, worst: string) =>
    `finsim: warning: the accounts failed to balance in ${count} month(s); worst: ${worst}. Run with --strict to stop at the first.`,
  runFailed: (message: string) => `finsim: run failed: ${message}\nfinsim: nothing was written.`,
  badInput: (message: string) => `finsim: bad input:\n${message}\nfinsim: nothing was written.`,
  valid: (file: string, name: string) => `ok      ${file} (${name})`,
  invalid: (file: string) => `invalid ${file}`,
  usage: (message: string) => `finsim: ${message}\nRun 'finsim --help' for usage.`,
  noScenarios: (dir: string) => `finsim: no scenario files under ${dir}`,
};

/** A path relative to the working folder when it lies inside it, absolute otherwise. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/** Progress on a TTY, shown only once a run has taken about a second. */
function progressBar(quiet: boolean, format: string) {
  if (quiet || !process.stderr.isTTY) return { update: undefined, stop: () => {} };
  const started = performance.now();
  let bar: SingleBar | null = null;
  return {
    update: (value: number, total: number) => {
      if (!bar) {
        if (performance.now() - started < 1000) return;
        bar = new SingleBar({ format, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
        bar.start(total, value);
      }
      bar.update(value);
    },
    stop: () => bar?.stop(),
  };
}

function progressReporter(quiet: boolean) {
  const bar = progressBar(quiet, 'finsim |{bar}| month {value}/{total} | {eta_formatted} left');
  return { onMonth: bar.update, stop: bar.stop };
}

/** A positive whole number from the command line, or an error message. */
function positiveInteger(name: string, text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < 1) return `--${name} must be a whole number of at least 1 (found ${JSON.stringify(text)})`;
  return value;
}

/** `--at 12,24,60`: months, or an error message. */
function parseHorizons(text: string | undefined): number[] | string | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  if (!parts.length || parts.some((p) => !/^\d+$/.test(p))) return `--at takes months separated by commas, e.g. --at 12,24,60 (found ${JSON.stringify(text)})`;
  return parts.map(Number);
}

/** Report a run failure (exit 1) or rethrow. */
function failed(error: unknown): number {
  if (error instanceof RunFailure) {
    console.error(say.runFailed(error.message));
    return ExitCode.runFailed;
  }
  throw error;
}

/** Report bad scenario input (exit 2) or rethrow. */
function badInput(error: unknown): number {
  if (error instanceof ScenarioError) {
    console.error(say.badInput(error.message));
    return ExitCode.badInput;
  }
  throw error;
}

interface RunArgs {
  scenario: string;
  seed?: string;
  months?: string;
  households?: string;
  out?: string;
  set?: string[];
  strict: boolean;
  quiet: boolean;
  report: boolean;
  runs?: string;
  threads?: string;
}

/** `--set` list from the common options (seed, months and households are overrides like any other). */
function overrides(args: { set?: string[]; seed?: string; months?: string; households?: string }): string[] {
  const set = [...(args.set ?? [])];
  if (args.seed !== undefined) set.push(`seed=${args.seed}`);
  if (args.months !== undefined) set.push(`months=${args.months}`);
  if (args.households !== undefined) set.push(`households=${args.households}`);
  return set;
}

async function runCommand(args: RunArgs): Promise<number> {
  const set = overrides(args);
  const runs = positiveInteger('runs', args.runs);
  const threads = positiveInteger('threads', args.threads);
  for (const problem of [runs, threads]) {
    if (typeof problem === 'string') {
      console.error(say.usage(problem));
      return ExitCode.badInput;
    }
  }
  if (typeof runs === 'number' && runs > 1) return ensembleCommand(args, set, runs, threads as number | undefined);
  let loaded;
  try {
    loaded = loadScenario(args.scenario, { set });
  } catch (error) {
    if (error instanceof ScenarioError) {
      console.error(say.badInput(error.message));
      return ExitCode.badInput;
    }
    throw error;
  }
  const { scenario } = loaded;
  const log = args.quiet ? () => {} : (line: string) => console.error(line);
  log(say.runStart(scenario.name, scenario.months, scenario.households, scenario.seed));
  const progress = progressReporter(args.quiet);
  try {
    const result = await runToFolder(scenario, {
      strict: args.strict,
      outDir: args.out,
      report: args.report,
      resolvedYaml: loaded.resolvedYaml,
      sourceFile: args.scenario,
      onMonth: progress.onMonth,
    });
    progress.stop();
    const violations = result.output.sfcViolations;
    if (violations.length > 0) {
      const worst = violations.reduce((a, b) => (b.relativeError > a.relativeError ? b : a));
      console.error(say.sfcWarning(violations.length, `month ${worst.month}, ${worst.invariant} (${worst.relativeError.toExponential(2)})`));
    }
    log(say.runDone(displayPath(result.outDir), result.wallSeconds));
    if (result.reportPath) console.log(say.report(result.reportPath));
    else if (args.quiet) console.log(result.outDir);
    return ExitCode.ok;
  } catch (error) {
    progress.stop();
    if (error instanceof RunFailure) {
      console.error(say.runFailed(error.message));
      return ExitCode.runFailed;
    }
    throw error;
  }
}

async function ensembleCommand(args: RunArgs, set: string[], runs: number, threads: number | undefined): Promise<number> {
  let scenario;
  try {
    scenario = loadScenario(args.scenario, { set }).scenario;
  } catch (error) {
    return badInput(error);
  }
  const log = args.quiet ? () => {} : (line: string) => console.error(line);
  const workers = Math.min(threads ?? defaultWorkers(), runs);
  log(say.ensembleStart(scenario.name, runs, scenario.seed, scenario.months, scenario.households, workers));
  const bar = progressBar(args.quiet, `finsim |{bar}| ${runs} runs, {percentage}% | {eta_formatted} left`);
  try {
    const result = await runEnsemble({
      file: args.scenario,
      set,
      runs,
      outDir: args.out,
      workers,
      strict: args.strict,
      report: args.report,
      onProgress: bar.update,
    });
    bar.stop();
    for (const m of result.members) {
      if (m.output.sfcViolations.length) console.error(say.sfcWarningIn(m.output.sfcViolations.length, `seed ${m.seed}`));
    }
    log(say.runDone(displayPath(result.outDir), result.wallSeconds));
    if (result.reportPath) console.log(say.report(result.reportPath));
    else if (args.quiet) console.log(result.outDir);
    return ExitCode.ok;
  } catch (error) {
    bar.stop();
    if (error instanceof ScenarioError) return badInput(error);
    return failed(error);
  }
}

interface CompareArgs {
  scenarios: string[];
  seed?: string;
  months?: string;
  households?: string;
  set?: string[];
  at?: string;
  out?: string;
  runs?: string;
  threads?: string;
  strict: boolean;
  quiet: boolean;
}

async function compareCommand(args: CompareArgs): Promise<number> {
  const files = args.scenarios ?? [];
  const runs = positiveInteger('runs', args.runs);
  const threads = positiveInteger('threads', args.threads);
  const at = parseHorizons(args.at);
  for (const problem of [runs, threads, at]) {
    if (typeof problem === 'string') {
      console.error(say.usage(problem));
      return ExitCode.badInput;
    }
  }
  if (files.length < 2) {
    console.error(say.usage(`compare needs at least two scenarios (the first is the reference); found ${files.length}`));
    return ExitCode.badInput;
  }
  // --seed is an override like the others; without it every scenario gets the first one's seed.
  const set = overrides(args);
  const log = args.quiet ? () => {} : (line: string) => console.error(line);
  const bar = progressBar(args.quiet, 'finsim |{bar}| all runs, {percentage}% | {eta_formatted} left');
  const ensembleRuns = (runs as number | undefined) ?? 1;
  try {
    const result = await runComparison(files, {
      set,
      at: at as number[] | undefined,
      outDir: args.out,
      runs: ensembleRuns,
      workers: threads as number | undefined,
      strict: args.strict,
      onProgress: bar.update,
      onStart: (names, commonSeed, workers) => {
        log(say.compareStart(names, commonSeed, ensembleRuns, workers));
      },
    });
    bar.stop();
    result.outputs.forEach((runsOf, i) =>
      runsOf.forEach((o, k) => {
        if (o.sfcViolations.length) console.error(say.sfcWarningIn(o.sfcViolations.length, `${files[i]}, seed ${result.seed + k}`));
      }),
    );
    log(say.runDone(displayPath(result.outDir), result.wallSeconds));
    console.log(say.report(result.htmlPath));
    return ExitCode.ok;
  } catch (error) {
    bar.stop();
    if (error instanceof ScenarioError) return badInput(error);
    return failed(error);
  }
}

function validateCommand(files: string[]): number {
  let bad = 0;
  for (const file of files) {
    try {
      const { scenario } = loadScenario(file);
      console.log(say.valid(file, scenario.name));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      bad++;
      console.log(say.invalid(file));
      console.error(error.message);
    }
  }
  return bad > 0 ? ExitCode.badInput : ExitCode.ok;
}

function listCommand(): number {
  const dir = join(PROJECT_ROOT, 'scenarios');
  const files = findScenarioFiles(dir);
  if (files.length === 0) {
    console.error(say.noScenarios(dir));
    return ExitCode.ok;
  }
  const rows = files.map((file) => {
    const path = relative(PROJECT_ROOT, file);
    try {
      const { scenario } = loadScenario(file);
      const firstSentence = scenario.description.split(/(?<=\.)\s/)[0].replace(/\s+/g, ' ').trim();
      return [path, firstSentence];
    } catch {
      return [path, '(invalid: run finsim validate on it)'];
    }
  });
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [path, text] of rows) console.log(`${path.padEnd(width)}  ${text}`);
  return ExitCode.ok;
}

export function buildCli(argv: string[]): Argv {
  return yargs(argv)
    .scriptName('finsim')
    .usage('finsim — agent-based, stock-flow-consistent simulation of a financialized economy\n\nUsage: $0 <command> [options]')
    .command(
      'run [scenario]',
      'Run a scenario; writes series.csv, summary.json, scenario.resolved.yaml and report.html',
      (y) =>
        y
          .positional('scenario', { type: 'string', describe: 'Scenario file (YAML or JSON)', default: DEFAULT_SCENARIO })
          .option('seed', { type: 'string', describe: 'Seed of every random stream (overrides the file)' })
          .option('months', { type: 'string', describe: 'Months to run (overrides the file)' })
          .option('households', { type: 'string', describe: 'Number of household agents (overrides the file)' })
          .option('out', { type: 'string', describe: 'Output folder [default: out/<scenario name>]' })
          .option('set', { type: 'string', array: true, describe: 'Override any field: --set exchange.stake_fraction=0.2 (repeatable)' })
          .option('strict', { type: 'boolean', default: false, describe: 'Stop at the first month whose accounts fail to balance within 1e-9' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Print only the report path' })
          .option('report', { type: 'boolean', default: true, describe: 'Write report.html and charts (--no-report to skip)' })
          .option('runs', { type: 'string', describe: 'Run an ensemble of K seeds (--seed is the first): quantiles and a report with 5–95% bands' })
          .option('threads', { type: 'string', describe: 'Worker threads for ensembles [default: one per core]' })
          .example('$0 run scenarios/lessons/yard-sale.yaml --months 240', 'Run a lesson for 20 years')
          .example('$0 run scenarios/baseline-2025.yaml --runs 20 --households 20000', 'An ensemble of 20 seeds on all cores')
          .example('$0 run scenarios/lessons/boltzmann.yaml --set exchange.initial_wealth=5', 'Change one parameter'),
      async (args) => {
        process.exitCode = await runCommand(args as unknown as RunArgs);
      },
    )
    .command(
      'compare <scenarios..>',
      'Run scenarios with the same seed (common random numbers) and write a comparison report (compare.html)',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, describe: 'Scenario files; the first is the reference', demandOption: true })
          .option('seed', { type: 'string', describe: 'The common seed [default: the first scenario’s]' })
          .option('months', { type: 'string', describe: 'Months to run (overrides every file)' })
          .option('households', { type: 'string', describe: 'Number of household agents (overrides every file)' })
          .option('set', { type: 'string', array: true, describe: 'Override a field in every scenario (repeatable)' })
          .option('at', { type: 'string', describe: 'Horizons of the headline-differences table, in months [default: 12,24,60]' })
          .option('out', { type: 'string', describe: 'Output folder [default: out/compare-<a>-vs-<b>]' })
          .option('runs', { type: 'string', describe: 'Seeds per scenario (ensembles with 5–95% bands) [default: 1]' })
          .option('threads', { type: 'string', describe: 'Worker threads [default: one per core]' })
          .option('strict', { type: 'boolean', default: false, describe: 'Stop at the first month whose accounts fail to balance within 1e-9' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Print only the report path' })
          .example('$0 compare scenarios/qe-into-bubble.yaml scenarios/qt-continues.yaml --at 12,24,60', 'QE vs QT from the same start, same seed'),
      async (args) => {
        process.exitCode = await compareCommand(args as unknown as CompareArgs);
      },
    )
    .command(
      'validate <files..>',
      'Check scenario files without running them',
      (y) => y.positional('files', { type: 'string', array: true, describe: 'Scenario files', demandOption: true }),
      (args) => {
        process.exitCode = validateCommand(args.files as string[]);
      },
    )
    .command('list', 'List the shipped scenarios with their one-line descriptions', (y) => y, () => {
      process.exitCode = listCommand();
    })
    .command('schema', 'Print the JSON Schema of scenario files (for editor autocompletion)', (y) => y, () => {
      console.log(JSON.stringify(scenarioJsonSchema(), null, 2));
      process.exitCode = ExitCode.ok;
    })
    .demandCommand(1, 'Give a command: run, compare, validate, list or schema.')
    .strict()
    .version(FINSIM_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      if (error) throw error;
      console.error(say.usage(message));
      process.exit(ExitCode.badInput);
    });
}

export async function main(argv = hideBin(process.argv)): Promise<void> {
  try {
    await buildCli(argv).parseAsync();
  } catch (error) {
    console.error(`finsim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = ExitCode.runFailed;
  }
}

await main();
