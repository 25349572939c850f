/**
 * The WebSocket transport end to end: `kubelab web`'s server on 127.0.0.1 (any port) and a raw
 * `ws` client speaking the wire messages — invoke, subscribe/unsubscribe, ordering, refusal of
 * malformed frames, and the end of every subscription when the connection closes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rpcFailure } from '../../../src/shared/rpc/envelope.js';
import { WS_CLOSE } from '../../../src/shared/rpc/wire.js';
import type { RpcServer } from '../../../src/main/rpc/rpc-server.js';
import { truncateReason } from '../../../src/main/transport/websocket-server.js';
import { type WebServer, type WebServerOptions, startWebServer } from '../../../src/main/web/web-server.js';
import { stripAnsi } from '../helpers/ansi.js';
import { TestClient } from '../helpers/ws-client.js';

const servers: WebServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>KubeLab</title>');
  return dir;
}

async function serve(options: Partial<WebServerOptions> = {}): Promise<WebServer> {
  const server = await startWebServer({ host: '127.0.0.1', port: 0, rendererDir: rendererDir(), lab: { seed: 1, virtualClock: true }, heartbeatMs: 0, ...options });
  servers.push(server);
  return server;
}

async function connect(server: WebServer, token?: string) {
  const result = await TestClient.connect(server.url, { token });
  clients.push(result.client);
  return result;
}

/** An RpcServer whose live subscriptions are counted. */
function countingServer() {
  const live = new Set<number>();
  let next = 0;
  const server: RpcServer = {
    invoke: () => Promise.resolve({ ok: true, value: null }),
    subscribe: (stream, _params, listener) => {
      if (stream !== 'ticks') return rpcFailure(404, 'NotFound', 'no such stream');
      const key = next++;
      live.add(key);
      listener('first');
      return { ok: true, subscription: { dispose: () => live.delete(key) } };
    },
  };
  return { server, live };
}

describe('the WebSocket transport', () => {
  it('says hello with a fresh lab, then answers invokes with results and Status errors', async () => {
    const server = await serve();
    const { client, lab, resumed } = await connect(server);
    expect(lab).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(resumed).toBe(false);
    expect(await client.invoke('lab.info')).toEqual({ ok: true, value: { seed: 1, clock: 'virtual', now: Date.UTC(2025, 0, 1), speed: 1, paused: false } });
    expect(await client.invoke('lab.nothing')).toMatchObject({ ok: false, status: { kind: 'Status', code: 404, reason: 'NotFound' } });
    expect(await client.invoke('terminal.open', { cols: -1, rows: 5 })).toMatchObject({ ok: false, status: { code: 400, message: 'terminal.open: cols must be an integer from 2 to 1000' } });
  });

  it('streams a terminal: the response comes before events, input echoes, unsubscribe stops it', async () => {
    const server = await serve();
    const { client } = await connect(server);
    const opened = await client.invoke('terminal.open', { cols: 80, rows: 24 });
    const { id: terminal } = (opened as { ok: true; value: { id: string } }).value;
    const first = await client.subscribe('terminal.output', { id: terminal });
    expect(first.response).toEqual({ ok: true, value: null });
    await client.waitForText(first.id, '$ ');
    const responseAt = client.messages.findIndex((m) => m.type === 'response' && m.id === first.id);
    const firstEventAt = client.messages.findIndex((m) => m.type === 'event' && m.id === first.id);
    expect(responseAt).toBeLessThan(firstEventAt);

    await client.invoke('terminal.input', { id: terminal, data: 'echo one\r' });
    expect(stripAnsi(await client.waitForText(first.id, 'one\r\n'))).toContain('student@bastion:~$ echo one\r\none\r\n');

    client.send({ type: 'unsubscribe', id: first.id });
    const countAfterUnsubscribe = client.events(first.id).length;
    const second = await client.subscribe('terminal.output', { id: terminal });
    await client.invoke('terminal.input', { id: terminal, data: 'echo two\r' });
    await client.waitForText(second.id, 'two\r\n');
    expect(client.events(first.id)).toHaveLength(countAfterUnsubscribe);
  });

  it('refuses unknown streams, bad params and a reused subscription id with Status answers', async () => {
    const server = await serve();
    const { client } = await connect(server);
    expect((await client.subscribe('nope')).response).toMatchObject({ ok: false, status: { code: 404 } });
    expect((await client.subscribe('terminal.output', { id: 42 })).response).toMatchObject({ ok: false, status: { code: 400 } });
    client.send({ type: 'subscribe', id: 900, stream: 'trace', params: {} });
    client.send({ type: 'subscribe', id: 900, stream: 'trace', params: {} });
    await client.next((m) => m.type === 'response' && m.id === 900 && !m.response.ok);
    expect(client.messages.filter((m) => m.type === 'response' && m.id === 900).map((m) => (m as { response: { ok: boolean } }).response.ok)).toEqual([true, false]);
  });

  it.each([
    ['text that is not JSON', 'hello?'],
    ['JSON that is not a message', '{"type":"invoke","method":"lab.info"}'],
    ['an unknown message type', '{"type":"exec","id":1}'],
  ])('closes the connection (1008) on %s', async (_name, frame) => {
    const server = await serve();
    const { client } = await connect(server);
    client.send(frame);
    const closed = await client.closed;
    expect(closed.code).toBe(WS_CLOSE.policy);
    expect(closed.reason).toMatch(/^malformed message/);
  });

  it('closes the connection (1008) on a binary frame', async () => {
    const server = await serve();
    const { client } = await connect(server);
    client.socket.send(Buffer.from('{"type":"invoke","id":1,"method":"lab.info"}'), { binary: true });
    expect(await client.closed).toEqual({ code: WS_CLOSE.policy, reason: 'binary frames are not part of the KubeLab protocol' });
  });

  it('closes the connection (1009) on a message over the size cap', async () => {
    const server = await serve({ maxMessageBytes: 1024 });
    const { client } = await connect(server);
    client.send({ type: 'invoke', id: 1, method: 'files.write', params: { path: 'big', content: 'x'.repeat(2000) } });
    expect((await client.closed).code).toBe(WS_CLOSE.tooBig);
  });

  it('ends every subscription of a connection when it closes, and no other', async () => {
    const { server: rpc, live } = countingServer();
    const server = await serve({ createLab: () => ({ server: rpc, dispose: () => undefined }) });
    const a = await connect(server);
    const b = await connect(server);
    for (let i = 0; i < 3; i++) expect((await a.client.subscribe('ticks')).response.ok).toBe(true);
    const kept = await b.client.subscribe('ticks');
    // The value a stream delivers while subscribing arrives, after the response.
    await b.client.next((m) => m.type === 'event' && m.id === kept.id);
    expect(b.client.events(kept.id)).toEqual(['first']);
    expect(live.size).toBe(4);
    await a.client.close();
    await expect.poll(() => live.size).toBe(1);
  });

  it('keeps close reasons within the 123 bytes WebSocket allows', () => {
    expect(truncateReason('short')).toBe('short');
    const long = truncateReason('工'.repeat(100));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith('…')).toBe(true);
  });
});
