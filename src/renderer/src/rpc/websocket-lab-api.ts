/**
 * The WebSocket transport, browser side: `window.lab`'s surface (LabWindowApi) over a WebSocket
 * to `kubelab web`, speaking the wire messages of src/shared/rpc/wire.ts. It keeps the lab token
 * in localStorage so a reload reconnects to the same lab, and when the socket drops it
 * reconnects with back-off and re-subscribes every live subscription. It connects only to the
 * page's own origin.
 */
import type { Status } from '../../../shared/api/meta.js';
import { type RpcResponse, rpcFailure } from '../../../shared/rpc/envelope.js';
import type { LabWindowApi, Unsubscribe } from '../../../shared/rpc/window-api.js';
import { type ClientMessage, LAB_TOKEN_PARAM, PERMANENT_CLOSE_CODES, type ServerMessage, parseServerMessage } from '../../../shared/rpc/wire.js';

/** Where the browser keeps its lab token. */
export const TOKEN_STORAGE_KEY = 'kubelab.token';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'closed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** When open: false if the server had to start a fresh lab (it restarted, or freed ours). */
  resumed?: boolean;
  /** When failed: why, in words for the learner (the server's close reason). */
  reason?: string;
}

export interface WebSocketLabApi extends LabWindowApi {
  /** Resolves when the first connection is attached to a lab; rejects if that can never happen. */
  readonly ready: Promise<void>;
  readonly status: ConnectionStatus;
  /** For a "reconnecting…" banner. */
  onDidChangeStatus(listener: (status: ConnectionStatus) => void): Unsubscribe;
  /** Close for good (no reconnecting). */
  close(): void;
}

/** The part of the browser's WebSocket this transport uses (the `ws` client has it too). */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

/** Where the token is kept: localStorage in a page. */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface WebSocketLabApiOptions {
  /** `/rpc`, or `ws://HOST:PORT/rpc` on the page's own origin. */
  url: string;
  /** Defaults: the page's URL, localStorage and the browser's WebSocket; tests pass their own. */
  pageUrl?: string;
  storage?: TokenStorage;
  createSocket?: (url: string) => WebSocketLike;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
}

interface PendingCall {
  method: string;
  params: unknown;
  resolve: (response: RpcResponse) => void;
  /** Sent on the current socket; unsent calls wait for the next connection. */
  sent: boolean;
}

interface LiveSubscription {
  stream: string;
  params: unknown;
  listener: (value: unknown) => void;
  onError: ((status: Status) => void) | undefined;
}

export function createWebSocketLabApi(options: WebSocketLabApiOptions): WebSocketLabApi {
  const target = ownOriginSocketUrl(options.url, options.pageUrl ?? pageLocation());
  const storage = options.storage ?? pageStorage();
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const initialDelay = options.backoff?.initialMs ?? 500;
  const maxDelay = options.backoff?.maxMs ?? 10_000;

  const calls = new Map<number, PendingCall>();
  const subscriptions = new Map<number, LiveSubscription>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let nextId = 1;
  let socket: WebSocketLike | undefined;
  /** The current socket has said hello: requests may go out. */
  let attached = false;
  let everAttached = false;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let status: ConnectionStatus = { state: 'connecting' };

  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A caller that never awaits `ready` must not get an unhandled-rejection report.
  ready.catch(() => undefined);

  const setStatus = (next: ConnectionStatus): void => {
    if (next.state === status.state && next.resumed === status.resumed && next.reason === status.reason) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  };

  const send = (message: ClientMessage): void => {
    socket?.send(JSON.stringify(message));
  };

  const connect = (): void => {
    reconnectTimer = undefined;
    const url = new URL(target);
    const token = readToken(storage);
    if (token) url.searchParams.set(LAB_TOKEN_PARAM, token);
    setStatus({ state: everAttached ? 'reconnecting' : 'connecting' });
    let ws: WebSocketLike;
    try {
      ws = createSocket(url.href);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
      return;
    }
    socket = ws;
    ws.addEventListener('message', (event) => {
      if (socket !== ws || typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (message) receive(message);
    });
    // A connection that fails also fires `close` (after `error`), which decides what comes next.
    ws.addEventListener('close', (event) => {
      if (socket === ws) disconnected(event.code, event.reason);
    });
  };

  const receive = (message: ServerMessage): void => {
    switch (message.type) {
      case 'hello':
        attached = true;
        everAttached = true;
        failures = 0;
        writeToken(storage, message.lab);
        setStatus({ state: 'open', resumed: message.resumed });
        resolveReady();
        // Live subscriptions first, then the calls that waited for a connection.
        for (const [id, s] of subscriptions) send({ type: 'subscribe', id, stream: s.stream, params: s.params });
        for (const [id, call] of calls) {
          if (call.sent) continue;
          call.sent = true;
          send({ type: 'invoke', id, method: call.method, params: call.params });
        }
        return;
      case 'response': {
        const call = calls.get(message.id);
        if (call) {
          calls.delete(message.id);
          call.resolve(message.response);
          return;
        }
        const subscription = subscriptions.get(message.id);
        if (subscription && !message.response.ok) {
          subscriptions.delete(message.id);
          subscription.onError?.(message.response.status);
        }
        return;
      }
      case 'event':
        subscriptions.get(message.id)?.listener(message.value);
        return;
    }
  };

  const disconnected = (code: number, reason: string): void => {
    socket = undefined;
    attached = false;
    // A call in flight may or may not have run; its caller decides whether to try again.
    for (const [id, call] of calls) {
      if (!call.sent) continue;
      calls.delete(id);
      call.resolve(rpcFailure(503, 'ServiceUnavailable', `the connection to KubeLab was lost during ${call.method}`));
    }
    if (status.state === 'closed') return;
    if (PERMANENT_CLOSE_CODES.includes(code)) {
      fail(reason || `KubeLab closed the connection (${code})`);
      return;
    }
    const delay = Math.min(maxDelay, initialDelay * 2 ** failures) * (0.5 + Math.random() / 2);
    failures++;
    setStatus({ state: 'reconnecting' });
    reconnectTimer = setTimeout(connect, delay);
  };

  const fail = (reason: string): void => {
    setStatus({ state: 'failed', reason });
    rejectReady(new Error(reason));
    for (const [id, call] of calls) {
      calls.delete(id);
      call.resolve(rpcFailure(503, 'ServiceUnavailable', reason));
    }
  };

  connect();

  return {
    ready,
    get status() {
      return status;
    },

    invoke(method, params) {
      if (typeof method !== 'string' || method === '') return Promise.reject(new TypeError('lab.invoke: method must be a non-empty string'));
      if (status.state === 'failed' || status.state === 'closed') {
        return Promise.resolve(rpcFailure(503, 'ServiceUnavailable', status.reason ?? 'the connection to KubeLab is closed'));
      }
      return new Promise<RpcResponse>((resolve) => {
        const id = nextId++;
        const call: PendingCall = { method, params, resolve, sent: attached };
        calls.set(id, call);
        if (attached) send({ type: 'invoke', id, method, params });
      });
    },

    subscribe(stream, params, listener, onError) {
      if (typeof stream !== 'string' || stream === '') throw new TypeError('lab.subscribe: stream must be a non-empty string');
      if (typeof listener !== 'function') throw new TypeError('lab.subscribe: listener must be a function');
      const id = nextId++;
      subscriptions.set(id, { stream, params, listener, onError });
      if (attached) send({ type: 'subscribe', id, stream, params });
      return () => {
        if (!subscriptions.delete(id)) return;
        if (attached) send({ type: 'unsubscribe', id });
      };
    },

    onDidChangeStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },

    close() {
      if (status.state === 'closed') return;
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      setStatus({ state: 'closed' });
      rejectReady(new Error('closed'));
      const ws = socket;
      socket = undefined;
      attached = false;
      ws?.close(1000, 'closed by the page');
      for (const [id, call] of calls) {
        calls.delete(id);
        call.resolve(rpcFailure(503, 'ServiceUnavailable', 'the connection to KubeLab is closed'));
      }
      subscriptions.clear();
    },
  };
}

/**
 * The socket URL if it is on the page's own origin (`/rpc`, `ws://HOST:PORT/rpc`, or the page's
 * `http://` address itself); anything else throws: this transport never talks to another site.
 */
export function ownOriginSocketUrl(url: string, pageUrl: string): string {
  const page = new URL(pageUrl);
  const target = new URL(url, page);
  if (target.protocol === 'http:') target.protocol = 'ws:';
  else if (target.protocol === 'https:') target.protocol = 'wss:';
  const expected = page.protocol === 'https:' ? 'wss:' : 'ws:';
  if (target.protocol !== expected || target.host !== page.host || target.username || target.password) {
    throw new Error(`lab: refusing to connect to ${target.protocol}//${target.host}: only the page's own server is allowed`);
  }
  target.hash = '';
  return target.href;
}

/** The page's address (read through globalThis so Node tests can load this module). */
function pageLocation(): string {
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  if (typeof href !== 'string') throw new Error('lab: no page URL; pass options.pageUrl');
  return href;
}

/** localStorage, unless the browser refuses it (private modes, blocked storage). */
function pageStorage(): TokenStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function readToken(storage: TokenStorage | undefined): string | null {
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeToken(storage: TokenStorage | undefined, token: string): void {
  try {
    storage?.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Without storage a reload starts a new lab; the current page keeps working.
  }
}
