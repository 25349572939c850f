/**
 * The desktop window's security settings (ARCHITECTURE.md, "Desktop security"), checked without
 * the Electron binary: the pure settings and handlers of src/main/window-security.ts, and the
 * Electron entry run against a mocked `electron` to prove it actually applies them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  secureWebPreferences,
  withContentSecurityPolicy,
} from '../../../src/main/window-security.js';
import { LAB_CHANNELS } from '../../../src/shared/rpc/window-api.js';

const repoRoot = join(import.meta.dirname, '../../..');
const APP_FILE_URL = 'file:///opt/KubeLab/resources/app/out/renderer/index.html';
const DEV_URL = 'http://localhost:5173/';

// --- a stand-in for the parts of Electron the entry touches --------------------------------------

type Listener = (...args: unknown[]) => void;

class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

class FakeApp extends FakeEmitter {
  isPackaged = true;
  requestSingleInstanceLock = vi.fn(() => true);
  enableSandbox = vi.fn();
  quit = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
}

function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

/** `ipcMain`: records the handlers and listeners the entry registers. */
class FakeIpcMain {
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, Listener[]>();
  handle(channel: string, handler: (...args: unknown[]) => unknown): void {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
  }
}

const electron = vi.hoisted(() => {
  const windows: Array<{ options: unknown; loadFile: unknown; loadURL: unknown }> = [];
  return { windows, app: undefined as unknown, session: undefined as unknown, ipcMain: undefined as unknown };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => electron.windows;
    readonly options: unknown;
    readonly loadFile = vi.fn(() => Promise.resolve());
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly on = vi.fn();
    readonly once = vi.fn();
    constructor(options: unknown) {
      this.options = options;
      electron.windows.push(this);
    }
  }
  return {
    get app() {
      return electron.app;
    },
    get session() {
      return electron.session;
    },
    get ipcMain() {
      return electron.ipcMain;
    },
    BrowserWindow,
  };
});

// --- the pure settings ----------------------------------------------------------------------------

describe('web preferences', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('content security policy', () => {
  it('has the directives the app needs and nothing looser', () => {
    expect(CSP_DIRECTIVES).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'worker-src': "'self' blob:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
        "base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('names no remote origin, wildcard or eval', () => {
    const sources = Object.values(CSP_DIRECTIVES).flatMap((s) => s.split(' '));
    const allowed = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
    expect(sources.filter((s) => !allowed.has(s))).toEqual([]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|unsafe-eval|wasm-unsafe-eval/);
    expect(CSP_DIRECTIVES['script-src']).not.toContain('unsafe-inline');
  });

  it('is repeated as a meta tag in index.html (frame-ancestors is header-only)', () => {
    const html = readFileSync(join(repoRoot, 'src/renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta).not.toBeNull();
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]*$/, '');
    expect(meta![1]).toBe(headerWithoutFrameAncestors);
  });

  it('replaces any CSP the response carried', () => {
    const headers = withContentSecurityPolicy({
      'content-type': ['text/html'],
      'content-security-policy': ["default-src *"],
    });
    expect(headers).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isAppUrl', () => {
  it.each([
    [APP_FILE_URL, APP_FILE_URL, true],
    [`${APP_FILE_URL}#/lessons/1`, APP_FILE_URL, true],
    ['file:///etc/passwd', APP_FILE_URL, false],
    ['file:///opt/KubeLab/resources/app/out/renderer/other.html', APP_FILE_URL, false],
    ['https://example.com/', APP_FILE_URL, false],
    [`${DEV_URL}lessons`, DEV_URL, true],
    ['http://localhost:5174/', DEV_URL, false],
    ['https://localhost:5173/', DEV_URL, false],
    ['http://evil.example/', DEV_URL, false],
    ['javascript:alert(1)', DEV_URL, false],
    ['not a url', DEV_URL, false],
  ])('%s on app %s → %s', (url, app, expected) => {
    expect(isAppUrl(url, app)).toBe(expected);
  });
});

describe('hardenWebContents', () => {
  function hardened(appUrl = APP_FILE_URL): FakeWebContents {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, appUrl);
    return contents;
  }

  it('denies every window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_FILE_URL })).toEqual({ action: 'deny' });
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect'])('blocks %s away from the app', (event) => {
    const contents = hardened();
    const away = navigation('https://example.com/');
    contents.emit(event, away);
    expect(away.preventDefault).toHaveBeenCalled();

    const otherFile = navigation('file:///home/student/evil.html');
    contents.emit(event, otherFile);
    expect(otherFile.preventDefault).toHaveBeenCalled();
  });

  it('lets the app navigate within its own page', () => {
    const contents = hardened();
    const home = navigation(APP_FILE_URL);
    contents.emit('will-navigate', home);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses to attach webviews', () => {
    const contents = hardened();
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    hardenSession(session as unknown as Session);

    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'geolocation']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledWith(denyPermissionCheck);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('sets the CSP header on every response', () => {
    const session = fakeSession();
    hardenSession(session as unknown as Session);
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as
      | ((details: unknown, callback: (response: unknown) => void) => void)
      | undefined;
    expect(listener).toBeTypeOf('function');
    const callback = vi.fn();
    listener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

// --- the Electron entry, against the mock ---------------------------------------------------------

describe('src/main/index.ts', () => {
  let app: FakeApp;
  let session: ReturnType<typeof fakeSession>;
  let ipcMain: FakeIpcMain;
  const savedDevUrl = process.env['ELECTRON_RENDERER_URL'];

  beforeEach(() => {
    vi.resetModules();
    electron.windows.length = 0;
    app = new FakeApp();
    session = fakeSession();
    ipcMain = new FakeIpcMain();
    electron.app = app;
    electron.session = { defaultSession: session };
    electron.ipcMain = ipcMain;
  });

  afterEach(() => {
    // Frees the lab the entry created (its real-time clock holds a timer).
    app.emit('will-quit');
    if (savedDevUrl === undefined) delete process.env['ELECTRON_RENDERER_URL'];
    else process.env['ELECTRON_RENDERER_URL'] = savedDevUrl;
  });

  async function start(): Promise<void> {
    await import('../../../src/main/index.js');
    await Promise.resolve(); // let whenReady().then(…) run
    await Promise.resolve();
  }

  it('opens one sandboxed, isolated window with the CommonJS preload', async () => {
    await start();
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(1);
    const options = electron.windows[0]!.options as { webPreferences: { preload: string } };
    expect(options.webPreferences).toEqual(secureWebPreferences(options.webPreferences.preload));
    expect(options.webPreferences.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
  });

  it('loads the built renderer, ignoring a dev URL in a packaged app', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://evil.example/';
    await start();
    const window = electron.windows[0]!;
    expect(window.loadURL).not.toHaveBeenCalled();
    expect(window.loadFile).toHaveBeenCalledWith(expect.stringMatching(/[/\\]renderer[/\\]index\.html$/));
  });

  it('loads the dev server while developing', async () => {
    app.isPackaged = false;
    process.env['ELECTRON_RENDERER_URL'] = DEV_URL;
    await start();
    expect(electron.windows[0]!.loadURL).toHaveBeenCalledWith(DEV_URL);
  });

  it('hardens the default session before any window exists', async () => {
    await start();
    // The entry was imported afresh (vi.resetModules), so check behaviour, not function identity.
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as typeof denyPermissionRequest;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as typeof denyPermissionCheck;
    expect(check()).toBe(false);
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();

    const hardenedAt = session.setPermissionRequestHandler.mock.invocationCallOrder[0]!;
    const window = electron.windows[0]!;
    const loadedAt = (window.loadFile as ReturnType<typeof vi.fn>).mock.invocationCallOrder[0]!;
    expect(hardenedAt).toBeLessThan(loadedAt);
  });

  it('hardens every WebContents the app creates', async () => {
    await start();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const appUrl = pathToFileURL(join(repoRoot, 'src/renderer/index.html')).href;
    const away = navigation('https://example.com/');
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    const home = navigation(appUrl);
    contents.emit('will-navigate', home);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('serves the lab over IPC to the app page only, and frees it on quit', async () => {
    await start();
    const invoke = ipcMain.handlers.get(LAB_CHANNELS.invoke);
    expect(invoke).toBeTypeOf('function');
    expect(ipcMain.listeners.get(LAB_CHANNELS.subscribe)).toHaveLength(1);
    expect(ipcMain.listeners.get(LAB_CHANNELS.unsubscribe)).toHaveLength(1);
    const appUrl = pathToFileURL(join(repoRoot, 'src/renderer/index.html')).href;
    const from = (url: string) => ({ sender: new FakeWebContents(), senderFrame: { url } });
    expect(await invoke!(from(appUrl), { method: 'lab.info', params: {} })).toMatchObject({ ok: true, value: { seed: 1, clock: 'realtime' } });
    expect(await invoke!(from('https://evil.example/'), { method: 'lab.info', params: {} })).toMatchObject({ ok: false, status: { code: 403 } });

    app.emit('will-quit');
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('quits when another instance already runs', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await start();
    expect(app.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });
});
