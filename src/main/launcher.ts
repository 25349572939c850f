/**
 * `npm start`: open the Electron app when Electron's binary is installed; otherwise say so and
 * fall back (to the terminal lab until `kubelab web` exists). Electron downloads its binary on
 * first use, which fails offline, so its absence is normal on build machines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable if `node_modules/electron` finished installing it. */
export function electronBinary(projectRoot: string): string | undefined {
  const pathFile = join(projectRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(projectRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Build the app with electron-vite and run it; returns the exit status. */
export function runDesktop(projectRoot: string, binary: string): number {
  const build = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) return build.status ?? 1;
  const run = spawnSync(binary, [projectRoot], { cwd: projectRoot, stdio: 'inherit' });
  return run.status ?? 1;
}
