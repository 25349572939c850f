// Bundles the engine's command-line entry (src/main/cli.ts) into out/cli/kubelab.mjs with esbuild,
// so `kubelab` starts without a TypeScript loader. Runs from `npm install` (the prepare script).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'src/main/cli.ts')],
  outfile: join(root, 'out/cli/kubelab.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM need a `require` to call.
  banner: { js: "import { createRequire as __kubelabCreateRequire } from 'node:module'; const require = __kubelabCreateRequire(import.meta.url);" },
});
