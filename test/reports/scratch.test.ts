import { test } from 'vitest';
import { writeLessonRun, writeEconomyRun, writeEnsembleRun } from './fixtures.js';
import { writeReport } from '../../reports/report.js';
test('scratch', async () => {
  for (const [name, fn] of [['lesson', writeLessonRun], ['economy', writeEconomyRun], ['ensemble', writeEnsembleRun]] as const) {
    const dir = `/tmp/fs-scratch/${name}`;
    fn(dir);
    const t0 = Date.now();
    const r = await writeReport(dir);
    console.log(name, Date.now() - t0, 'ms', r.sections, r.specs.length, r.bytes);
  }
});
import { writeComparisonReport } from '../../reports/compare.js';
test('scratch compare', async () => {
  writeEconomyRun('/tmp/fs-scratch/qe', { name: 'QE into a bubble' });
  writeEconomyRun('/tmp/fs-scratch/qt', { name: 'QT continues', qe: 0 });
  const t0 = Date.now();
  const r = await writeComparisonReport(['/tmp/fs-scratch/qt', '/tmp/fs-scratch/qe', '/tmp/fs-scratch/ensemble'], '/tmp/fs-scratch/cmp');
  console.log('compare', Date.now() - t0, r.sections, r.specs.length, r.bytes);
});
