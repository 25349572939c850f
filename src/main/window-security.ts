/**
 * How the desktop window is locked down (ARCHITECTURE.md, "Desktop security"). Kept apart from
 * `index.ts` and free of Electron values (types only) so tests can check every setting and
 * handler without the Electron binary.
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/** The app loads only its own bundled files: no remote origins anywhere. */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
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
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources}`)
  .join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** `setWindowOpenHandler`: the app never opens windows, and never hands URLs to the OS. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Is `url` the app's own page? `appUrl` is the built `index.html` as a file: URL, or the dev
 * server's URL. File pages must be the same file; dev pages the same origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (target.protocol !== app.protocol) return false;
  if (app.protocol === 'file:') return target.host === app.host && target.pathname === app.pathname;
  return target.origin === app.origin;
}

/** A navigation-style Electron event: `event.url` is where the page wants to go. */
interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** `will-navigate` / `will-redirect`: stay on the app's page. */
export function navigationGuard(appUrl: string): (event: NavigationEvent) => void {
  return (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  };
}

/** Applies the window-level rules to one WebContents (every one the app creates). */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  const guard = navigationGuard(appUrl);
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-navigate', (event) => guard(event));
  contents.on('will-redirect', (event) => guard(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** `setPermissionRequestHandler`: camera, notifications, clipboard, … are all refused. */
export function denyPermissionRequest(
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** `setPermissionCheckHandler` / `setDevicePermissionHandler`. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Header map with the CSP set, replacing any the response carried (in any letter case). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/**
 * Applies the session-level rules: permissions and the CSP response header. Pages served over
 * HTTP (the dev server) get the header; the built file: page relies on the identical meta tag in
 * src/renderer/index.html, which the tests keep in step with CONTENT_SECURITY_POLICY.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyPermissionCheck);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
