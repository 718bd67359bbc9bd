/**
 * `npm run bench`: speed of the engine, printed as JSON.
 *
 * Boltzmann lesson: household-steps per second through the engine (exchange, ledger, SFC check and every
 * recorded column, month by month) next to a bare typed-array loop doing the same exchange with the same
 * generator in the same process, and their ratio (target ≥ 0.8). Two bare loops: the plain one (the
 * receiver moved past i with a branch), and one that draws the receiver branch-free exactly as the engine
 * does — against that one the ratio isolates the engine's own per-month cost (ledger, check, statistics).
 *
 * Options: --quick (100,000 households only), --households N[,N…], --months M, --repeats R (best of R).
 */
import seedrandom from 'seedrandom';
import { simulate } from '../sim/engine.js';
import type { Scenario } from '../sim/scenarioSchema.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes('--quick');
const sizes = (option('households') ?? (quick ? '100000' : '100000,1000000')).split(',').map(Number);
const months = Number(option('months') ?? 100);
const repeats = Number(option('repeats') ?? 3);

function boltzmannScenario(households: number): Scenario {
  return {
    name: 'bench-boltzmann',
    description: 'benchmark',
    model: 'exchange',
    seed: 1,
    months,
    households,
    exchange: { rule: 'boltzmann', initial_wealth: 10, unit: 1 },
  } as Scenario;
}

/** The same exchange with no engine: one Float64Array, one generator, one loop. */
/**
 * The same exchange with no engine: one Float64Array, one generator, one loop, the receiver drawn the
 * plain way (⌊u·(n − 1)⌋, moved past i with a branch) — the loop the reference figure describes.
 */
function bareBoltzmann(households: number, seed: number): number {
  const wealth = new Float64Array(households).fill(10);
  const next = seedrandom.alea(`finsim:${seed}:exchange`);
  for (let month = 0; month < months; month++) {
    for (let i = 0; i < households; i++) {
      if (wealth[i] < 1) continue;
      let j = Math.floor(next() * (households - 1));
      if (j >= i) j++;
      wealth[i] -= 1;
      wealth[j] += 1;
    }
  }
  return wealth[0];
}

/**
 * The bare loop with the receiver drawn exactly as the engine draws it (branch-free "skip i"): against
 * this one the ratio measures the engine's own overhead — the ledger call, the monthly accounting check
 * and the distribution statistics — not a cleverer loop.
 */
function bareBoltzmannBranchFree(households: number, seed: number): number {
  const wealth = new Float64Array(households).fill(10);
  const next = seedrandom.alea(`finsim:${seed}:exchange`);
  const others = households - 1;
  for (let month = 0; month < months; month++) {
    for (let i = 0; i < households; i++) {
      if (wealth[i] < 1) continue;
      const j = (next() * others) | 0;
      const receiver = j + ((i - j - 1) >>> 31);
      wealth[i] -= 1;
      wealth[receiver] += 1;
    }
  }
  return wealth[0];
}

function bestInTurns(runs: Array<() => void>): number[] {
  const fastest = runs.map(() => Infinity);
  for (let r = 0; r < repeats; r++) {
    runs.forEach((run, k) => {
      (globalThis as { gc?: () => void }).gc?.();
      const t = performance.now();
      run();
      fastest[k] = Math.min(fastest[k], (performance.now() - t) / 1000);
    });
  }
  return fastest;
}

const results = sizes.map((households) => {
  const steps = households * months;
  const [engineSeconds, bareSeconds, branchFreeSeconds] = bestInTurns([
    () => simulate(boltzmannScenario(households), { strict: true }),
    () => bareBoltzmann(households, 1),
    () => bareBoltzmannBranchFree(households, 1),
  ]);
  return {
    households,
    months,
    engine_seconds: round(engineSeconds),
    engine_household_steps_per_second: Math.round(steps / engineSeconds),
    bare_loop_seconds: round(bareSeconds),
    bare_loop_household_steps_per_second: Math.round(steps / bareSeconds),
    engine_to_bare_ratio: round(bareSeconds / engineSeconds),
    bare_branch_free_seconds: round(branchFreeSeconds),
    bare_branch_free_household_steps_per_second: Math.round(steps / branchFreeSeconds),
    engine_to_branch_free_ratio: round(branchFreeSeconds / engineSeconds),
  };
});

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

console.log(
  JSON.stringify(
    {
      node: process.version,
      repeats,
      boltzmann: results,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
