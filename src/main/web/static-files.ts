/**
 * Serves the built workspace (out/renderer) to the browser: only files inside that folder, with
 * their content types, long caching for Vite's hashed assets, and the security headers on every
 * answer. If the renderer was never built, a page says how to build it.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { CSP_DIRECTIVES } from '../window-security.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** A Host header we are willing to echo into the CSP: a host name or IP literal and a port. */
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function isValidHostHeader(host: string | undefined): host is string {
  return host !== undefined && host.length <= 261 && HOST_HEADER.test(host);
}

/**
 * The Electron window's CSP, with the one addition a served page needs: its own WebSocket
 * endpoint. `'self'` covers `ws:` of the same host in current browsers; the explicit source keeps
 * older ones working too.
 */
export function webContentSecurityPolicy(host: string): string {
  const directives: Record<string, string> = { ...CSP_DIRECTIVES };
  directives['connect-src'] = `'self' ws://${host}`;
  return Object.entries(directives)
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');
}

/** Headers on every answer, static or not. */
export function securityHeaders(host: string): Record<string, string> {
  return {
    'Content-Security-Policy': webContentSecurityPolicy(host),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * The file a URL path names inside `root`, or undefined when it would leave it (`..`, encoded
 * slashes or backslashes, NUL, absolute tricks). Symlinks are resolved and checked too.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  if (segments.length === 0 || decoded.endsWith('/')) segments.push('index.html');
  const candidate = join(root, ...segments);
  if (!isInside(root, candidate)) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return undefined;
    const info = await stat(realFile);
    return info.isFile() ? realFile : undefined;
  } catch {
    return undefined;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Answer a GET/HEAD for a file under `root`; 404 when there is none. */
export async function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, pathname: string, headers: Record<string, string>): Promise<void> {
  const file = await resolveStaticFile(root, pathname);
  if (!file) {
    if (!(await indexExists(root))) {
      sendPage(response, 500, headers, notBuiltPage(root));
      return;
    }
    sendText(response, 404, headers, 'Not found\n');
    return;
  }
  const info = await stat(file);
  // Vite names assets by content hash: they never change under the same name.
  const immutable = pathname.startsWith('/assets/');
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(info.size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

async function indexExists(root: string): Promise<boolean> {
  try {
    return (await stat(join(root, 'index.html'))).isFile();
  } catch {
    return false;
  }
}

export function sendText(response: ServerResponse, status: number, headers: Record<string, string>, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store' });
  response.end(text);
}

export function sendPage(response: ServerResponse, status: number, headers: Record<string, string>, html: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)), 'Cache-Control': 'no-store' });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Shown instead of the workspace when out/renderer has no index.html. */
export function notBuiltPage(root: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>KubeLab is not built</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; } code { background: #eee; padding: 0.1em 0.3em; }</style>
</head>
<body>
<h1>KubeLab's workspace is not built</h1>
<p>The web server found no built workspace in <code>${escapeHtml(root)}</code>.</p>
<p>Run <code>npm run build</code> in the KubeLab folder, then reload this page.</p>
</body>
</html>
`;
}
