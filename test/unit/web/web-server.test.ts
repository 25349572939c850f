/**
 * `kubelab web`'s server with real sockets: the WebSocket Origin check, one lab per browser
 * token (and the same lab, scrollback included, after a reconnect), the cap on labs, idle
 * eviction on injected timers, and the join code on a non-loopback host.
 */
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WS_CLOSE } from '../../../src/shared/rpc/wire.js';
import { createHostedLab } from '../../../src/main/rpc/hosted-lab.js';
import { JOIN_COOKIE } from '../../../src/main/web/join-code.js';
import { type WebServer, type WebServerOptions, startWebServer } from '../../../src/main/web/web-server.js';
import { stripAnsi } from '../helpers/ansi.js';
import { FakeTimers } from '../helpers/fake-timers.js';
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

async function connect(server: WebServer, options: Parameters<typeof TestClient.connect>[1] = {}) {
  const result = await TestClient.connect(server.url, options);
  clients.push(result.client);
  return result;
}

/** Open a socket that the server is expected to close or refuse. */
function attempt(server: WebServer, options: Parameters<typeof TestClient.open>[1] = {}) {
  const result = TestClient.open(server.url, options);
  clients.push(result.client);
  return result;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (paths are sent exactly as given). */
function http(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function run(client: TestClient, terminal: string, output: number, line: string, expect: string): Promise<string> {
  await client.invoke('terminal.input', { id: terminal, data: `${line}\r` });
  return stripAnsi(await client.waitForText(output, expect));
}

describe('kubelab web: the WebSocket Origin check', () => {
  it("accepts the server's own origin, by IP or as localhost", async () => {
    const server = await serve();
    await connect(server);
    await connect(server, { host: 'localhost' });
  });

  it.each([
    ['a foreign site', 'https://evil.example'],
    ['another port on this machine', 'http://127.0.0.1:1'],
    ['a file page', 'null'],
  ])('refuses %s with 403 before any lab exists', async (_name, origin) => {
    const server = await serve();
    const { opened } = attempt(server, { origin });
    await expect(opened).rejects.toThrow('HTTP 403');
    expect(server.labs.size).toBe(0);
  });

  it('refuses an upgrade without an Origin header', async () => {
    const server = await serve();
    await expect(attempt(server, { origin: null }).opened).rejects.toThrow('HTTP 403');
  });

  it('refuses a DNS-rebinding page whose Host and Origin agree on a foreign name', async () => {
    const server = await serve();
    const host = `evil.example:${server.port}`;
    // The browser would send the name the page was loaded from as both Host and Origin.
    const raw = await http(server.url, '/rpc', {
      headers: { Host: host, Origin: `http://${host}`, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    expect(raw.status).toBe(403);
    expect(server.labs.size).toBe(0);
  });

  it('upgrades only /rpc', async () => {
    const server = await serve();
    const origin = new URL(server.url).origin;
    const upgrade = { Origin: origin, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    expect((await http(server.url, '/other', { headers: upgrade })).status).toBe(404);
    expect((await http(server.url, '/rpc')).status).toBe(426);
  });
});

describe('kubelab web: one lab per browser', () => {
  it('gives two browsers two labs that do not share files', async () => {
    const server = await serve();
    const a = await connect(server);
    const b = await connect(server);
    expect(a.lab).not.toBe(b.lab);
    expect(server.labs.size).toBe(2);
    expect(await a.client.invoke('files.write', { path: 'mine.yaml', content: 'a\n' })).toEqual({ ok: true, value: null });
    expect(await b.client.invoke('files.read', { path: 'mine.yaml' })).toMatchObject({ ok: false, status: { code: 404 } });
    expect(await a.client.invoke('files.read', { path: 'mine.yaml' })).toMatchObject({ ok: true, value: { content: 'a\n' } });
  });

  it('reattaches a reconnecting browser to its lab, with the terminal and its scrollback', async () => {
    const server = await serve();
    const first = await connect(server);
    const opened = await first.client.invoke('terminal.open', { cols: 80, rows: 24 });
    const terminal = (opened as { ok: true; value: { id: string } }).value.id;
    const output = await first.client.subscribe('terminal.output', { id: terminal });
    await run(first.client, terminal, output.id, 'echo marker-1234', 'marker-1234\r\n');
    await first.client.close();

    const again = await connect(server, { token: first.lab });
    expect(again.lab).toBe(first.lab);
    expect(again.resumed).toBe(true);
    expect(server.labs.size).toBe(1);
    const reopened = await again.client.invoke('terminal.open', { cols: 100, rows: 30 });
    expect(reopened).toEqual({ ok: true, value: { id: terminal } });
    const replay = await again.client.subscribe('terminal.output', { id: terminal });
    expect(stripAnsi(await again.client.waitForText(replay.id, 'marker-1234\r\n'))).toContain('$ echo marker-1234\r\nmarker-1234\r\n');
  });

  it('starts a new lab under a new token when the token is unknown or malformed', async () => {
    const server = await serve();
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAA', '../../etc/passwd', 'x']) {
      const { lab, resumed } = await connect(server, { token });
      expect(resumed).toBe(false);
      expect(lab).not.toBe(token);
    }
    expect(server.labs.size).toBe(3);
  });

  it('caps the number of labs, but lets known browsers back in', async () => {
    const server = await serve({ maxLabs: 2 });
    const a = await connect(server);
    await connect(server);
    const third = attempt(server);
    await third.opened;
    const closed = await third.client.closed;
    expect(closed.code).toBe(WS_CLOSE.labsFull);
    expect(closed.reason).toBe('KubeLab is full: all 2 labs are in use (--max-labs). Try again later.');
    expect(server.labs.size).toBe(2);
    await a.client.close();
    const back = await connect(server, { token: a.lab });
    expect(back.resumed).toBe(true);
  });

  it('frees a lab after the idle timeout with no connection, and not while one is open', async () => {
    const timers = new FakeTimers();
    const disposed: string[] = [];
    let made = 0;
    const server = await serve({
      timers,
      idleTimeoutMs: 30 * 60_000,
      createLab: () => {
        const lab = createHostedLab({ lab: { seed: 1, virtualClock: true } });
        const name = `lab${++made}`;
        return { server: lab.server, dispose: () => (disposed.push(name), lab.dispose()) };
      },
    });
    const a = await connect(server);
    const second = await connect(server, { token: a.lab });
    timers.advance(60 * 60_000);
    expect(server.labs.size).toBe(1);

    await a.client.close();
    await second.client.close();
    await expect.poll(() => timers.pending).toBe(1);
    timers.advance(29 * 60_000);
    expect(server.labs.size).toBe(1);

    // Coming back in time cancels the eviction.
    const back = await connect(server, { token: a.lab });
    expect(back.resumed).toBe(true);
    expect(timers.pending).toBe(0);
    await back.client.close();
    await expect.poll(() => timers.pending).toBe(1);
    timers.advance(30 * 60_000);
    expect(server.labs.size).toBe(0);
    expect(disposed).toEqual(['lab1']);

    const after = await connect(server, { token: a.lab });
    expect(after.resumed).toBe(false);
    expect(after.lab).not.toBe(a.lab);
  });

  it('frees every lab and closes every connection on shutdown (1001)', async () => {
    const server = await startWebServer({ host: '127.0.0.1', port: 0, rendererDir: rendererDir(), lab: { virtualClock: true }, heartbeatMs: 0 });
    const { client } = await connect(server);
    await server.close();
    expect((await client.closed).code).toBe(WS_CLOSE.goingAway);
    expect(server.labs.size).toBe(0);
  });

  it('cuts off a connection that stops answering pings', async () => {
    const server = await serve({ heartbeatMs: 50 });
    // A client that never answers pings looks half-open to the server.
    const { client } = await connect(server, { autoPong: false });
    const closed = await client.closed;
    expect(closed.code).toBe(1006);
    await expect.poll(() => server.connectionCount).toBe(0);
  });
});

describe('kubelab web: the join code on a non-loopback host', () => {
  it('needs none on loopback', async () => {
    const server = await serve();
    expect(server.joinCode).toBeUndefined();
    expect((await http(server.url, '/')).status).toBe(200);
    expect(await http(server.url, '/join')).toMatchObject({ status: 303, headers: { location: '/' } });
  });

  it('makes a readable code and asks for it before serving anything', async () => {
    const server = await serve({ host: '0.0.0.0' });
    expect(server.url).toBe(`http://0.0.0.0:${server.port}/`);
    expect(server.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const local = `http://127.0.0.1:${server.port}/`;
    expect(await http(local, '/')).toMatchObject({ status: 303, headers: { location: '/join' } });
    expect(await http(local, '/assets/app.js')).toMatchObject({ status: 303, headers: { location: '/join' } });
    const page = await http(local, '/join', { headers: { 'Accept-Language': 'zh-TW,zh;q=0.9' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<form method="post" action="/join" data-testid="join-form">');
    expect(page.body).toContain('加入代碼');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('sets the join cookie for the right code and lets the browser in', async () => {
    const server = await serve({ host: '0.0.0.0', joinCode: 'ABCD-EFGH' });
    const local = `http://127.0.0.1:${server.port}/`;
    const form = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };

    const wrong = await http(local, '/join', { ...form, body: 'code=ABCD-EFGX' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('data-testid="join-error"');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const right = await http(local, '/join', { ...form, body: 'code=abcd+efgh' });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    const setCookie = String(right.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${JOIN_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).not.toContain('ABCD');

    expect((await http(local, '/', { headers: { Cookie: cookie } })).status).toBe(200);
    // A shared link with the code works too.
    const link = await http(local, '/join?code=ABCDEFGH');
    expect(link.status).toBe(303);
    expect(String(link.headers['set-cookie'])).toContain(`${JOIN_COOKIE}=`);

    // The WebSocket wants the cookie as well: connect via 127.0.0.1 while bound to 0.0.0.0.
    const refused = attempt(server, { host: '127.0.0.1' });
    await refused.opened;
    expect(await refused.client.closed).toEqual({ code: WS_CLOSE.joinRequired, reason: 'This KubeLab needs its join code: reload the page to enter it' });
    expect(server.labs.size).toBe(0);
    const joined = await connect(server, { host: '127.0.0.1', cookie });
    expect(joined.resumed).toBe(false);
    expect(server.labs.size).toBe(1);
  });

  it('throttles an address after ten wrong codes', async () => {
    const server = await serve({ host: '0.0.0.0', joinCode: 'ABCD-EFGH' });
    const local = `http://127.0.0.1:${server.port}/`;
    const post = (code: string) => http(local, '/join', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `code=${code}` });
    for (let i = 0; i < 10; i++) expect((await post(`WRONG-${i}`)).status).toBe(401);
    const throttled = await post('ABCD-EFGH');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an oversized join form', async () => {
    const server = await serve({ host: '0.0.0.0' });
    const local = `http://127.0.0.1:${server.port}/`;
    const answer = await http(local, '/join', { method: 'POST', body: `code=${'A'.repeat(10_000)}` });
    expect(answer.status).toBe(413);
  });
});
