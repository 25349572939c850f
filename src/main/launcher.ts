/**
 * `npm start`: open the Electron app when Electron's binary is installed; otherwise the CLI says
 * so and falls back to `kubelab web` in the system browser. Electron downloads its binary on
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

/**
 * Build main, preload and the renderer (out/) with electron-vite, so `npm start` always shows the
 * current sources; returns its exit status. The build's chatter goes to stderr: stdout carries
 * only start-up lines such as `KubeLab is running at …`.
 */
export function buildWorkspace(projectRoot: string): number {
  const build = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: projectRoot,
    stdio: ['ignore', 2, 2],
  });
  return build.status ?? 1;
}

/** Build the app with electron-vite and run it; returns the exit status. */
export function runDesktop(projectRoot: string, binary: string): number {
  const built = buildWorkspace(projectRoot);
  if (built !== 0) return built;
  const run = spawnSync(binary, [projectRoot], { cwd: projectRoot, stdio: 'inherit' });
  return run.status ?? 1;
}
