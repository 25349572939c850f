/**
 * The browser side of the WebSocket transport (src/renderer/src/rpc/websocket-lab-api.ts) against
 * a real `kubelab web` server, with `ws` sockets standing in for the browser's: the token kept in
 * storage so a reload finds the same lab, reconnection with re-subscription after a drop, calls
 * lost in flight, permanent refusals, and the same-origin rule.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../../../src/shared/api/meta.js';
import { LabClient } from '../../../src/shared/rpc/lab-client.js';
import { RpcError } from '../../../src/shared/rpc/contract.js';
import {
  type ConnectionStatus,
  TOKEN_STORAGE_KEY,
  type TokenStorage,
  type WebSocketLabApi,
  createWebSocketLabApi,
  ownOriginSocketUrl,
} from '../../../src/renderer/src/rpc/websocket-lab-api.js';
import { type WebServer, type WebServerOptions, startWebServer } from '../../../src/main/web/web-server.js';
import { stripAnsi } from '../helpers/ansi.js';

const servers: WebServer[] = [];
const apis: WebSocketLabApi[] = [];

afterEach(async () => {
  for (const api of apis.splice(0)) api.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: Partial<WebServerOptions> = {}): Promise<WebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const server = await startWebServer({ host: '127.0.0.1', port: 0, rendererDir: dir, lab: { seed: 1, virtualClock: true }, heartbeatMs: 0, ...options });
  servers.push(server);
  return server;
}

function memoryStorage(): TokenStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

/** A "page" on the server's origin: the api plus the sockets it opened (a browser sets Origin itself). */
function page(server: WebServer, storage = memoryStorage()) {
  const sockets: WebSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const api = createWebSocketLabApi({
    url: '/rpc',
    pageUrl: server.url,
    storage,
    backoff: { initialMs: 10, maxMs: 50 },
    createSocket: (url) => {
      const socket = new WebSocket(url, { headers: { Origin: new URL(server.url).origin } });
      sockets.push(socket);
      return socket;
    },
  });
  api.onDidChangeStatus((s) => statuses.push(s));
  apis.push(api);
  return { api, client: new LabClient(api), storage, sockets, statuses };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('createWebSocketLabApi', () => {
  it('connects, keeps the lab token in storage, and carries typed calls', async () => {
    const server = await serve();
    const { api, client, storage } = page(server);
    await api.ready;
    expect(api.status).toEqual({ state: 'open', resumed: false });
    expect(storage.values.get(TOKEN_STORAGE_KEY)).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await client.invoke('lab.info', {})).toMatchObject({ seed: 1, clock: 'virtual' });
    const error = await client.invoke('files.read', { path: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).status.code).toBe(404);
  });

  it('queues calls made before the connection is ready', async () => {
    const server = await serve();
    const { api, client } = page(server);
    const info = client.invoke('lab.info', {});
    expect(api.status.state).toBe('connecting');
    expect(await info).toMatchObject({ seed: 1 });
  });

  it('reaches the same lab after a reload (a new page with the same storage)', async () => {
    const server = await serve();
    const first = page(server);
    await first.client.invoke('files.write', { path: 'kept.yaml', content: 'kept\n' });
    first.api.close();

    const reloaded = page(server, first.storage);
    await reloaded.api.ready;
    expect(reloaded.api.status).toEqual({ state: 'open', resumed: true });
    expect(await reloaded.client.invoke('files.read', { path: 'kept.yaml' })).toMatchObject({ content: 'kept\n' });
    expect(server.labs.size).toBe(1);
  });

  it('reconnects after a drop and re-subscribes, so the terminal keeps streaming', async () => {
    const server = await serve();
    const { api, client, sockets, statuses } = page(server);
    const { id } = await client.invoke('terminal.open', { cols: 80, rows: 24 });
    let screen = '';
    const subscription = client.subscribe('terminal.output', { id }, (text) => (screen += text));
    await client.invoke('terminal.input', { id, data: 'echo before\r' });
    await until(() => stripAnsi(screen).includes('before\r\n'));

    sockets[0]!.terminate();
    await until(() => api.status.state === 'reconnecting');
    await until(() => api.status.state === 'open');
    expect(statuses.map((s) => s.state)).toEqual(['open', 'reconnecting', 'open']);
    expect(api.status.resumed).toBe(true);
    expect(sockets).toHaveLength(2);

    // The replayed scrollback starts by clearing the screen, so the terminal shows it once.
    await until(() => screen.lastIndexOf('\x1b[H\x1b[2J\x1b[3J') > 0);
    await client.invoke('terminal.input', { id, data: 'echo after\r' });
    await until(() => stripAnsi(screen).includes('after\r\n'));
    subscription.dispose();
  });

  it('answers a call lost in flight with a 503 Status, and later calls normally', async () => {
    const server = await serve();
    const { api, sockets } = page(server);
    await api.ready;
    // Drop the socket right after sending, before the answer can arrive.
    const lost = api.invoke('lab.info', {});
    sockets[0]!.terminate();
    expect(await lost).toMatchObject({ ok: false, status: { code: 503, reason: 'ServiceUnavailable' } });
    expect(await api.invoke('lab.info', {})).toMatchObject({ ok: true });
  });

  it('reports a refused subscription to onError', async () => {
    const server = await serve();
    const { api } = page(server);
    const refused = await new Promise<Status>((resolve) => api.subscribe('terminal.output', { id: 'missing' }, () => undefined, resolve));
    expect(refused).toMatchObject({ code: 404, message: 'terminal "missing" not found' });
  });

  it('gives up with the reason when the server is full, and does not retry', async () => {
    const server = await serve({ maxLabs: 1 });
    await page(server).api.ready;
    const { api, sockets } = page(server);
    await expect(api.ready).rejects.toThrow('KubeLab is full: all 1 labs are in use (--max-labs). Try again later.');
    expect(api.status.state).toBe('failed');
    expect(await api.invoke('lab.info', {})).toMatchObject({ ok: false, status: { code: 503 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(sockets).toHaveLength(1);
  });

  it('connects only to the page’s own origin', () => {
    expect(ownOriginSocketUrl('/rpc', 'http://127.0.0.1:5173/')).toBe('ws://127.0.0.1:5173/rpc');
    expect(ownOriginSocketUrl('ws://127.0.0.1:5173/rpc', 'http://127.0.0.1:5173/index.html')).toBe('ws://127.0.0.1:5173/rpc');
    expect(ownOriginSocketUrl('/rpc', 'https://lab.example/')).toBe('wss://lab.example/rpc');
    for (const url of ['ws://evil.example/rpc', 'ws://127.0.0.1:6000/rpc', '//evil.example/rpc', 'wss://127.0.0.1:5173/rpc', 'ws://user:pw@127.0.0.1:5173/rpc', 'file:///rpc']) {
      expect(() => ownOriginSocketUrl(url, 'http://127.0.0.1:5173/')).toThrow(/only the page's own server/);
    }
    expect(() => createWebSocketLabApi({ url: 'ws://evil.example/rpc', pageUrl: 'http://127.0.0.1:5173/' })).toThrow(/refusing/);
  });
});
