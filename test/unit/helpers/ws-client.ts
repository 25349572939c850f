/**
 * A raw `ws` client of `kubelab web`'s `/rpc` for tests: connects with a chosen Origin, token and
 * cookie, records every server message, and offers invoke/subscribe over the wire messages.
 */
import WebSocket from 'ws';
import type { RpcResponse } from '../../../src/shared/rpc/envelope.js';
import { type ClientMessage, LAB_TOKEN_PARAM, type ServerMessage, parseServerMessage } from '../../../src/shared/rpc/wire.js';

export interface ConnectOptions {
  /** Default: the server's own origin. `null` sends no Origin header. */
  origin?: string | null;
  token?: string;
  cookie?: string;
  /** Connect to this host (e.g. 127.0.0.1 while the server binds 0.0.0.0). */
  host?: string;
  /** Answer the server's pings (default true, as browsers do). */
  autoPong?: boolean;
}

export interface Closed {
  code: number;
  reason: string;
}

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = parseServerMessage((data as Buffer).toString('utf8'));
      if (!message) throw new Error(`server sent a malformed message: ${String(data)}`);
      this.messages.push(message);
      this.wake();
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    void this.closed.then(() => this.wake());
  }

  /** Open a socket (it may be refused or closed right away: see `closed`). */
  static open(baseUrl: string, options: ConnectOptions = {}): { client: TestClient; opened: Promise<void> } {
    const url = new URL('/rpc', baseUrl);
    if (options.host) url.hostname = options.host;
    url.protocol = 'ws:';
    if (options.token) url.searchParams.set(LAB_TOKEN_PARAM, options.token);
    const origin = options.origin === undefined ? new URL(url.href.replace(/^ws:/, 'http:')).origin : options.origin;
    const headers: Record<string, string> = {};
    if (origin !== null) headers['Origin'] = origin;
    if (options.cookie) headers['Cookie'] = options.cookie;
    const socket = new WebSocket(url, { headers, autoPong: options.autoPong ?? true });
    const client = new TestClient(socket);
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return { client, opened };
  }

  /** Connect and wait for `hello`. */
  static async connect(baseUrl: string, options: ConnectOptions = {}): Promise<{ client: TestClient; lab: string; resumed: boolean }> {
    const { client, opened } = TestClient.open(baseUrl, options);
    await opened;
    const hello = await client.next((m) => m.type === 'hello');
    if (hello.type !== 'hello') throw new Error('unreachable');
    return { client, lab: hello.lab, resumed: hello.resumed };
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The first message (from `from` on) that matches; fails after `timeoutMs` or on close. */
  async next(match: (m: ServerMessage) => boolean, timeoutMs = 5000, from = 0): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error('socket closed while waiting');
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out; got ${JSON.stringify(this.messages).slice(-500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(message: ClientMessage | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async invoke(method: string, params: unknown = {}): Promise<RpcResponse> {
    const id = this.nextId++;
    this.send({ type: 'invoke', id, method, params });
    const reply = await this.next((m) => m.type === 'response' && m.id === id);
    return (reply as Extract<ServerMessage, { type: 'response' }>).response;
  }

  /** Subscribe; resolves with the id and the server's answer. */
  async subscribe(stream: string, params: unknown = {}): Promise<{ id: number; response: RpcResponse }> {
    const id = this.nextId++;
    this.send({ type: 'subscribe', id, stream, params });
    const reply = await this.next((m) => m.type === 'response' && m.id === id);
    return { id, response: (reply as Extract<ServerMessage, { type: 'response' }>).response };
  }

  /** Every event value of one subscription so far. */
  events(id: number): unknown[] {
    return this.messages.filter((m) => m.type === 'event' && m.id === id).map((m) => (m as { value: unknown }).value);
  }

  /** Wait until a subscription's events, joined as text, contain `text`. */
  async waitForText(id: number, text: string, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const joined = this.events(id).join('');
      if (joined.includes(text)) return joined;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)} in ${JSON.stringify(joined.slice(-300))}`);
      await this.next((m) => m.type === 'event' && m.id === id, deadline - Date.now(), this.messages.length).catch(() => undefined);
    }
  }

  close(): Promise<Closed> {
    this.socket.close();
    return this.closed;
  }
}
