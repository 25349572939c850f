/**
 * The Electron entry: one hardened window showing the renderer, and the lab it talks to over IPC.
 * No lab logic lives here; the engine is plain Node code that `kubelab web` and the CLI host the
 * same way.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { tuneEngineHeap } from './engine-heap.js';
import { createLessonsFactory } from './lessons/provider.js';
import { createHostedLab } from './rpc/hosted-lab.js';
import { type LessonsProviderFactory, noLessonsFactory } from './rpc/lessons-provider.js';
import { bindIpc } from './transport/ipc.js';
import { hardenSession, hardenWebContents, isAppUrl, secureWebPreferences } from './window-security.js';

tuneEngineHeap();

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

/** The built-in lessons; if they fail to load (a bug), the app still opens, without lessons. */
function lessonsFactory(): LessonsProviderFactory {
  const factory = createLessonsFactory();
  try {
    factory.preload();
    return factory;
  } catch (error) {
    console.error('kubelab: the lessons could not be loaded:', error);
    return noLessonsFactory;
  }
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

    // The engine: one lab for the app, served to the window's preload over IPC. Only the app's
    // own page may call it (ipc.ts checks every sender's frame URL).
    const lab = createHostedLab({ lessons: lessonsFactory() });
    const binding = bindIpc(ipcMain, lab.server, { isTrustedSender: (url) => isAppUrl(url, appUrl) });
    app.once('will-quit', () => {
      binding.dispose();
      lab.dispose();
    });

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
