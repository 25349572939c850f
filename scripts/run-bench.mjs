// Runs a benchmark as the app runs the engine: bundled by esbuild (no keepNames helpers, no
// on-the-fly TypeScript loader), so the figures are production code's, not the dev loader's.
// Usage: node [node flags] scripts/run-bench.mjs bench/apiserver.ts
import { build } from 'esbuild';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) throw new Error('usage: node scripts/run-bench.mjs bench/<name>.ts');
const outfile = join(root, 'out/bench', basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [join(root, entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __kubelabCreateRequire } from 'node:module'; const require = __kubelabCreateRequire(import.meta.url);" },
});
await import(pathToFileURL(outfile).href);
