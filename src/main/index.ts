/**
 * The Electron entry: one hardened window showing the renderer. No lab logic lives here; the
 * engine is plain Node code that `kubelab web` and the CLI host the same way.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, session } from 'electron';
import { hardenSession, hardenWebContents, secureWebPreferences } from './window-security.js';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererIndex = join(import.meta.dirname, '../renderer/index.html');

/** The page the window may show: the dev server while developing, else the built file. */
function resolveAppUrl(): string {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && devUrl ? devUrl : pathToFileURL(rendererIndex).href;
}

function createWindow(appUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'KubeLab',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  if (appUrl.startsWith('file:')) {
    void window.loadFile(rendererIndex);
  } else {
    void window.loadURL(appUrl);
  }
  return window;
}

export function startDesktop(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever a BrowserWindow's options say.
  app.enableSandbox();

  const appUrl = resolveAppUrl();
  let mainWindow: BrowserWindow | undefined;

  // Every WebContents the app ever creates (the window, devtools, anything a page tries) gets
  // the same rules, not only the ones we remember to harden.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);

    // Seam for the engine (a later issue): create the Lab from src/main/lab and bind its RPC
    // server to IPC with src/main/transport/ipc.ts on the channels in src/shared/rpc/window-api.ts,
    // validating every payload. Until then no IPC handler exists and window.lab calls reject.

    const open = (): void => {
      const window = createWindow(appUrl);
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = undefined;
      });
      mainWindow = window;
    };
    open();
    // macOS: clicking the dock icon with no window open opens one again.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });
}

startDesktop();
