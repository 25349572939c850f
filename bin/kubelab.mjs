#!/usr/bin/env node
// The `kubelab` command. It needs Node >= 22.12; when an older Node starts it (Debian's Node 20,
// say), it re-executes itself under the Node 24 the project installs from the npm registry.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 12);

if (!supported) {
  const bundled = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled) || process.env.KUBELAB_REEXEC === '1') {
    process.stderr.write(
      `kubelab: Node ${process.versions.node} is too old (need 22.12 or newer). Run \`npm install\` in ${root} first.\n`,
    );
    process.exit(1);
  }
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, KUBELAB_REEXEC: '1' },
  });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}

const cli = join(root, 'out', 'cli', 'kubelab.mjs');
if (!existsSync(cli)) {
  process.stderr.write(`kubelab: ${cli} is missing. Run \`npm install\` (or \`npm run build:cli\`) in ${root}.\n`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
