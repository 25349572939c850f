/**
 * Opens a URL in the system browser for `npm start` without Electron: `open` on macOS, `start` on
 * Windows, `xdg-open` elsewhere. Never fails: without a browser, or on a machine with no display,
 * the caller just prints the address.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface OpenCommand {
  command: string;
  args: string[];
}

/** The command that would open `url` here, or undefined when there is none to use. */
export function browserCommand(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): OpenCommand | undefined {
  // An explicit opt-out (CI, tests, people who prefer to click the link themselves).
  if (env['KUBELAB_NO_BROWSER'] || env['BROWSER'] === 'none') return undefined;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; the empty string is the window title it would otherwise take from the URL.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  // With no display, xdg-open falls back to a text browser that would take over this terminal.
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return undefined;
  const xdgOpen = findOnPath('xdg-open', env['PATH'] ?? '');
  return xdgOpen ? { command: xdgOpen, args: [url] } : undefined;
}

/** Start the browser, detached; true when a command was started. */
export function openInBrowser(url: string): boolean {
  const command = browserCommand(url);
  if (!command) return false;
  try {
    const child = spawn(command.command, command.args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
