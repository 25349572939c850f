/** Where the engine finds its bundled data files (help texts, offline mirrors) at run time. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's `assets/` folder, found by walking up from this module (sources or bundles). */
export function assetsRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return join(dir, 'assets');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
