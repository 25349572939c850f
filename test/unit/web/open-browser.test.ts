/** Which command `npm start` would use to open the browser, and when it must not try. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../../src/main/web/open-browser.js';

const URL_ = 'http://127.0.0.1:5173/';

function pathWithXdgOpen(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bin-'));
  writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\n');
  chmodSync(join(dir, 'xdg-open'), 0o755);
  return dir;
}

describe('browserCommand', () => {
  it('uses open on macOS and start on Windows', () => {
    expect(browserCommand(URL_, 'darwin', {})).toEqual({ command: 'open', args: [URL_] });
    expect(browserCommand(URL_, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""', URL_] });
  });

  it('uses xdg-open from PATH on Linux with a display', () => {
    const dir = pathWithXdgOpen();
    expect(browserCommand(URL_, 'linux', { PATH: dir, DISPLAY: ':0' })).toEqual({ command: join(dir, 'xdg-open'), args: [URL_] });
    expect(browserCommand(URL_, 'linux', { PATH: dir, WAYLAND_DISPLAY: 'wayland-0' })?.command).toBe(join(dir, 'xdg-open'));
  });

  it('finds nothing without xdg-open, without a display, or when told not to', () => {
    const dir = pathWithXdgOpen();
    expect(browserCommand(URL_, 'linux', { PATH: '/nonexistent', DISPLAY: ':0' })).toBeUndefined();
    expect(browserCommand(URL_, 'linux', { PATH: dir })).toBeUndefined();
    expect(browserCommand(URL_, 'linux', { PATH: dir, DISPLAY: ':0', KUBELAB_NO_BROWSER: '1' })).toBeUndefined();
    expect(browserCommand(URL_, 'darwin', { BROWSER: 'none' })).toBeUndefined();
  });
});
