/**
 * A worker thread of the run pool (sim/ensemble.ts): takes one scenario at a time, simulates it with the
 * same engine as an in-process run, and sends back the recorded series as transferable Float64Arrays
 * (moved, not copied), with the regimes, Lorenz curves, Godley tables and accounting record.
 *
 * Messages in:  { type: 'run', index, scenario, strict, progress }
 * Messages out: { type: 'month', index, month, months }                    (when `progress`)
 *               { type: 'done', index, run: TransferredRun, seconds }
 *               { type: 'failed', index, kind, month, message }           (RunFailure: SFC or numeric)
 *               { type: 'error', index, message, stack }                  (a bug)
 */
import { parentPort } from 'node:worker_threads';
import { RunFailure, simulate } from './engine.js';
import type { Scenario } from './scenarioSchema.js';
import type { TransferredRun, WorkerJob, WorkerReply } from './ensemble.js';

const port = parentPort;
if (!port) throw new Error('finsim: ensembleWorker.js runs as a worker thread of the run pool, not on its own');

port.on('message', (job: WorkerJob) => {
  const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  try {
    const started = performance.now();
    const output = simulate(job.scenario as Scenario, {
      strict: job.strict,
      onMonth: job.progress ? (month, months) => post({ type: 'month', index: job.index, month, months }) : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    const numeric = output.columns.filter((c) => c !== 'regime');
    const arrays = numeric.map((c) => output.values.get(c)!);
    const run: TransferredRun = {
      columns: output.columns,
      numericColumns: numeric,
      arrays,
      regimes: output.regimes,
      lorenz: output.lorenz,
      godley: output.godley,
      maxSfcError: output.maxSfcError,
      sfcViolations: output.sfcViolations,
    };
    post({ type: 'done', index: job.index, run, seconds }, arrays.map((a) => a.buffer as ArrayBuffer));
  } catch (error) {
    if (error instanceof RunFailure) post({ type: 'failed', index: job.index, kind: error.kind, month: error.month, message: error.message });
    else post({ type: 'error', index: job.index, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  }
});
