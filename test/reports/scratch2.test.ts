import { test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { vegaLiteSchemaErrors } from './schema.js';
test('schema', () => {
  const t0 = Date.now();
  for (const d of ['/tmp/fs-scratch/economy/specs', '/tmp/fs-scratch/cmp/specs', '/tmp/fs-scratch/lesson/specs', '/tmp/fs-scratch/ensemble/specs']) {
    for (const f of readdirSync(d)) {
      const errs = vegaLiteSchemaErrors(JSON.parse(readFileSync(`${d}/${f}`, 'utf8')));
      if (errs.length) console.log(d, f, errs.slice(0, 5));
    }
  }
  console.log('ms', Date.now() - t0);
});
