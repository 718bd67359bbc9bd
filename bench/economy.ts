/**
 * `npm run bench` (second part): the economy model — household-months per second, wall time, peak memory
 * and bytes of state per household, for the baseline scenario. JSON on stdout.
 *
 * Options: --households N[,N…] (default 100000,1000000), --months M (default 120).
 * The burn-in (52 months by default) is part of initialisation and timed separately. The months are
 * timed in wall time and in process CPU time.
 */
import { createEconomyWorld } from '../sim/economyModel.js';
import { loadScenario } from '../sim/scenario.js';
import { stepEconomyMonth } from '../sim/step.js';
import { prepareEconomyMonth } from '../sim/economyModel.js';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../sim/version.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const sizes = (option('households') ?? '100000,1000000').split(',').map(Number);
const months = Number(option('months') ?? 120);

const results = sizes.map((households) => {
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage();
  const { scenario } = loadScenario(join(PROJECT_ROOT, 'scenarios/baseline-2025.yaml'), { set: [`households=${households}`, `months=${months}`] });
  const started = performance.now();
  const world = createEconomyWorld(scenario as never);
  const initialised = performance.now();
  const cpuStart = process.cpuUsage();
  for (let m = 0; m < months; m++) {
    stepEconomyMonth(world);
    prepareEconomyMonth(world);
  }
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  const memory = process.memoryUsage();
  // State per household: every typed array whose length is the population, counted once.
  let bytes = 0;
  const seen = new Set<ArrayBufferLike>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || typeof value !== 'object') return;
    if (ArrayBuffer.isView(value)) {
      const view = value as unknown as { length: number; byteLength: number; buffer: ArrayBufferLike };
      if (view.length === households && !seen.has(view.buffer)) {
        seen.add(view.buffer);
        bytes += view.byteLength;
      }
      return;
    }
    for (const child of Object.values(value as object)) visit(child, depth + 1);
  };
  visit(world, 0);
  const seconds = (finished - initialised) / 1000;
  return {
    households,
    months,
    initialisation_and_burn_in_seconds: Math.round((initialised - started)) / 1000,
    simulation_seconds: Math.round(seconds * 1000) / 1000,
    // CPU time of the process over the months (all its threads: GC and compiler helpers too). On a shared
    // machine it moves less than the wall time when other work competes for the cores.
    simulation_cpu_seconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    household_months_per_second: Math.round((households * months) / seconds),
    state_bytes_per_household: Math.round(bytes / households),
    heap_used_mb: Math.round((memory.heapUsed - heapBefore.heapUsed) / 1e6),
    rss_mb: Math.round(memory.rss / 1e6),
    sfc_error_last_month: world.sfcError,
  };
});

console.log(JSON.stringify({ node: process.version, economy: results, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2));
