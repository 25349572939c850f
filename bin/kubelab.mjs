#!/usr/bin/env node
// The `kubelab` command. It needs Node >= 22.12; when an older Node starts it (Debian's Node 20,
// say), it re-executes itself under the Node 24 the project installs from the npm registry,
// forwarding signals to it.
import { spawn } from 'node:child_process';
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
  const child = spawn(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, KUBELAB_REEXEC: '1' },
  });
  // `kill PID` reaches only this wrapper: pass it on, or `kubelab web` would outlive it. (A
  // terminal's Ctrl+C reaches both; the child treats a repeat within a second as the same one.)
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  const [status, signal] = await new Promise((resolve) => child.once('exit', (code, sig) => resolve([code, sig])));
  for (const s of signals) process.off(s, forward);
  if (signal) process.kill(process.pid, signal);
  process.exit(status ?? 1);
}

const cli = join(root, 'out', 'cli', 'kubelab.mjs');
if (!existsSync(cli)) {
  process.stderr.write(`kubelab: ${cli} is missing. Run \`npm install\` (or \`npm run build:cli\`) in ${root}.\n`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
