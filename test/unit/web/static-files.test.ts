/**
 * Static serving of the built workspace: content types, caching, the security headers (the
 * Electron CSP plus the page's own WebSocket), refusal of every path that would leave
 * out/renderer, and the page shown when the workspace was never built.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES } from '../../../src/main/window-security.js';
import { contentTypeOf, resolveStaticFile, webContentSecurityPolicy } from '../../../src/main/web/static-files.js';
import { type WebServer, startWebServer } from '../../../src/main/web/web-server.js';

const servers: WebServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** out/renderer with a secret file beside it that must never be served. */
function buildTree(): { root: string; renderer: string } {
  const root = mkdtempSync(join(tmpdir(), 'kubelab-static-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>KubeLab</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(renderer, 'assets', 'blob.xyz'), 'x');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  return { root, renderer };
}

async function serve(rendererDir: string): Promise<WebServer> {
  const server = await startWebServer({ host: '127.0.0.1', port: 0, rendererDir, heartbeatMs: 0 });
  servers.push(server);
  return server;
}

function get(server: WebServer, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('kubelab web: static files', () => {
  it('serves index.html at / with the security headers', async () => {
    const server = await serve(buildTree().renderer);
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>KubeLab</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toBe(webContentSecurityPolicy(`127.0.0.1:${server.port}`));
  });

  it("uses the Electron window's CSP, adding only the page's own WebSocket", () => {
    const header = webContentSecurityPolicy('127.0.0.1:5173');
    const directives = Object.fromEntries(header.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)]));
    expect(directives).toEqual({ ...CSP_DIRECTIVES, 'connect-src': "'self' ws://127.0.0.1:5173" });
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/assets/blob.xyz', 'application/octet-stream'],
  ])('serves %s as %s, cached for good', async (path, type) => {
    const server = await serve(buildTree().renderer);
    const file = await get(server, path);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(type);
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const server = await serve(buildTree().renderer);
    const head = await get(server, '/assets/index-abc123.js', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('14');
    expect(await get(server, '/', 'POST')).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
    expect(await get(server, '/', 'DELETE')).toMatchObject({ status: 405 });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..\\..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/assets/link.txt',
    '/assets/%00',
    '/%E0%A4%A',
    '//etc/passwd',
    '/assets/',
    '/assets',
  ])('never serves anything outside out/renderer: %s', async (path) => {
    const server = await serve(buildTree().renderer);
    const answer = await get(server, path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('TOP SECRET');
    expect(answer.body).not.toContain('root:');
  });

  it('resolves only regular files inside the root', async () => {
    const { root, renderer } = buildTree();
    expect(await resolveStaticFile(renderer, '/')).toBe(join(renderer, 'index.html'));
    expect(await resolveStaticFile(renderer, '/assets/index-abc123.js')).toBe(join(renderer, 'assets', 'index-abc123.js'));
    expect(await resolveStaticFile(renderer, '/../secret.txt')).toBeUndefined();
    expect(await resolveStaticFile(renderer, `/${join(root, 'secret.txt')}`)).toBeUndefined();
    expect(await resolveStaticFile(renderer, 'relative.txt')).toBeUndefined();
  });

  it('says to run npm run build when out/renderer is missing', async () => {
    const server = await serve(join(mkdtempSync(join(tmpdir(), 'kubelab-empty-')), 'renderer'));
    const page = await get(server, '/');
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<code>npm run build</code>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('knows the content types Vite emits', () => {
    expect(contentTypeOf('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.SVG')).toBe('image/svg+xml');
    expect(contentTypeOf('a.wasm')).toBe('application/wasm');
    expect(contentTypeOf('a.ttf')).toBe('font/ttf');
    expect(contentTypeOf('Makefile')).toBe('application/octet-stream');
  });
});
