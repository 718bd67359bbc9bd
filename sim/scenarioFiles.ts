/** Finding scenario files on disk. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Scenario files (YAML or JSON) under a folder, recursively, sorted by path. */
export function findScenarioFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/i.test(entry)) out.push(path);
    }
  };
  walk(dir);
  return out;
}
