/** finsim's version, read from package.json (found from this file in the sources and in dist/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json and scenarios/ are). */
export const PROJECT_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === 'finsim') return dir;
    dir = dirname(dir);
  }
  throw new Error('finsim: cannot find the project folder (package.json) above ' + fileURLToPath(import.meta.url));
})();

export const FINSIM_VERSION: string = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
