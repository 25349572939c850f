/**
 * Finds the project's built-in `lessons/` folder from wherever this code runs: the sources
 * (src/main/lessons/), the CLI bundle (out/cli/kubelab.mjs) or the Electron main bundle
 * (out/main/index.js). It walks up from this module's location to the first directory holding both
 * `package.json` and `lessons/`. `kubelab … --lessons DIR` passes a directory instead.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultLessonsRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'lessons');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`kubelab: cannot find the built-in lessons folder above ${from}; pass --lessons DIR`);
}
