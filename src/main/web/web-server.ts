/**
 * `kubelab web`'s server: the built workspace over HTTP and the lab over a WebSocket at `/rpc`,
 * one lab per browser token. Upgrades must come from the server's own origin; on a non-loopback
 * host every request must also carry the join cookie. Composes static-files, lab-registry,
 * join-code and the WebSocket transport; knows nothing of the command line.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Disposable } from '../../shared/lifecycle.js';
import { LAB_TOKEN_PARAM, type ServerMessage, WS_CLOSE } from '../../shared/rpc/wire.js';
import type { LabOptions } from '../lab/lab.js';
import { createHostedLab } from '../rpc/hosted-lab.js';
import type { LessonsProviderFactory } from '../rpc/lessons-provider.js';
import { DEFAULT_MAX_MESSAGE_BYTES, serveWebSocket, truncateReason } from '../transport/websocket-server.js';
import { isLoopbackHost, isOwnOrigin, urlHost } from './hosts.js';
import { JoinGate, generateJoinCode, joinPage, pageLocale } from './join-code.js';
import { DEFAULT_IDLE_MS, DEFAULT_MAX_LABS, type IdleTimers, LabRegistry, type RegisteredLab } from './lab-registry.js';
import { isValidHostHeader, securityHeaders, sendPage, sendText, serveStatic } from './static-files.js';

export interface WebServerOptions {
  /** Address to bind (default 127.0.0.1). Anything but loopback requires the join code. */
  host?: string;
  /** Port to bind (default 5173; 0 = any free port). */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Options for every lab (seed, clock). */
  lab?: LabOptions;
  lessons?: LessonsProviderFactory;
  lessonsDir?: string;
  maxLabs?: number;
  /** A lab with no connection for this long is freed (default 30 minutes). */
  idleTimeoutMs?: number;
  timers?: IdleTimers;
  /** Tests: make labs some other way. */
  createLab?: () => RegisteredLab;
  /** Tests: a known join code instead of a random one (used only on a non-loopback host). */
  joinCode?: string;
  /** Ping interval that finds dead connections (default 30 s; 0 = never). */
  heartbeatMs?: number;
  maxMessageBytes?: number;
  /** Diagnostics (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface WebServer {
  /** `http://HOST:PORT/` with the bound port. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Set when the host is not loopback: people must enter it to join. */
  readonly joinCode: string | undefined;
  readonly labs: LabRegistry;
  /** Open WebSocket connections. */
  readonly connectionCount: number;
  /** Close every connection, free every lab, stop listening. */
  close(): Promise<void>;
}

const DEFAULT_HEARTBEAT_MS = 30_000;
const MAX_FORM_BYTES = 4096;
/** How long a shutdown waits for browsers to acknowledge the close before cutting them off. */
const CLOSE_GRACE_MS = 1000;

interface Connection {
  readonly socket: WebSocket;
  readonly binding: Disposable;
  alive: boolean;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const gate = isLoopbackHost(host) ? undefined : new JoinGate({ code: options.joinCode ?? generateJoinCode() });
  const createLab = options.createLab ?? (() => createHostedLab({ lab: options.lab, lessons: options.lessons, lessonsDir: options.lessonsDir }));
  const labs = new LabRegistry({
    createLab,
    maxLabs: options.maxLabs ?? DEFAULT_MAX_LABS,
    idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MS,
    timers: options.timers,
  });
  labs.onDidEvict(() => log(`kubelab web: freed an idle lab (${labs.size} running)`));

  const connections = new Set<Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const http = createServer();
  let port = 0;
  /** The Host a browser would send, for pages answered to requests without a usable one. */
  const fallbackHost = (): string => `${urlHost(host)}:${port}`;

  http.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleRequest(request, response).catch((error: unknown) => {
      log(`kubelab web: ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendText(response, 500, securityHeaders(fallbackHost()), 'Internal server error\n');
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const hostHeader = isValidHostHeader(request.headers.host) ? request.headers.host : fallbackHost();
    const headers = securityHeaders(hostHeader);
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://kubelab.invalid');
    } catch {
      sendText(response, 400, headers, 'Bad request\n');
      return;
    }
    const method = request.method ?? 'GET';
    if (url.pathname === '/join') {
      await handleJoin(request, response, url, headers);
      return;
    }
    if (gate && !gate.isJoined(request.headers.cookie)) {
      if (method === 'GET' || method === 'HEAD') sendText(response, 303, headers, 'Enter the join code at /join\n', { Location: '/join' });
      else sendText(response, 401, headers, 'This KubeLab needs its join code: open /join\n');
      return;
    }
    if (url.pathname === '/rpc') {
      sendText(response, 426, headers, 'This is the lab WebSocket endpoint\n', { Upgrade: 'websocket' });
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(response, 405, headers, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    await serveStatic(request, response, options.rendererDir, url.pathname, headers);
  }

  async function handleJoin(request: IncomingMessage, response: ServerResponse, url: URL, headers: Record<string, string>): Promise<void> {
    const locale = pageLocale(request.headers['accept-language']);
    if (!gate) {
      // Loopback servers need no code; an old bookmark of /join just opens the workspace.
      sendText(response, 303, headers, 'No join code needed\n', { Location: '/' });
      return;
    }
    let code: string | null;
    if (request.method === 'POST') {
      const body = await readForm(request);
      if (body === undefined) {
        sendText(response, 413, headers, 'Form too large\n');
        return;
      }
      code = body.get('code');
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      // `/join?code=…` lets an instructor share one link that joins directly.
      code = url.searchParams.get('code');
      if (code === null) {
        if (gate.isJoined(request.headers.cookie)) sendText(response, 303, headers, 'Already joined\n', { Location: '/' });
        else sendPage(response, 200, headers, joinPage(locale));
        return;
      }
    } else {
      sendText(response, 405, headers, 'Method not allowed\n', { Allow: 'GET, HEAD, POST' });
      return;
    }
    const result = gate.check(code ?? '', request.socket.remoteAddress ?? 'unknown');
    if (result === 'ok') {
      sendText(response, 303, headers, 'Joined\n', { Location: '/', 'Set-Cookie': gate.cookieHeader() });
    } else {
      sendPage(response, result === 'throttled' ? 429 : 401, headers, joinPage(locale, result));
    }
  }

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://kubelab.invalid');
    } catch {
      refuseUpgrade(socket, 400, 'Bad Request');
      return;
    }
    if (url.pathname !== '/rpc') {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    // No answer beyond a status for a foreign page: it gets nothing to learn from.
    if (!isOwnOrigin(request.headers.origin, request.headers.host, host)) {
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      // Protocol errors close the socket by themselves; unheard, they would crash the server.
      ws.on('error', () => undefined);
      // Our own page without the cookie (the server restarted with a new code): a close reason
      // the page can show, which an HTTP refusal would not give it.
      if (gate && !gate.isJoined(request.headers.cookie)) {
        ws.close(WS_CLOSE.joinRequired, 'This KubeLab needs its join code: reload the page to enter it');
        return;
      }
      const attached = labs.attach(url.searchParams.get(LAB_TOKEN_PARAM) ?? undefined);
      if (!attached.ok) {
        log(`kubelab web: refused a new lab: ${attached.reason}`);
        ws.close(WS_CLOSE.labsFull, truncateReason(attached.reason));
        return;
      }
      const { attachment } = attached;
      const hello: ServerMessage = { type: 'hello', lab: attachment.token, resumed: attachment.resumed };
      ws.send(JSON.stringify(hello));
      const connection: Connection = { socket: ws, binding: serveWebSocket(ws, attachment.server, { maxMessageBytes }), alive: true };
      connections.add(connection);
      ws.on('pong', () => (connection.alive = true));
      ws.once('close', () => {
        connections.delete(connection);
        connection.binding.dispose();
        attachment.dispose();
      });
      if (!attachment.resumed) log(`kubelab web: started a lab (${labs.size} running)`);
    });
  });

  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  // A half-open TCP connection (a laptop that slept) would keep its lab from ever going idle.
  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          for (const connection of connections) {
            if (!connection.alive) {
              connection.socket.terminate();
              continue;
            }
            connection.alive = false;
            connection.socket.ping();
          }
        }, heartbeatMs)
      : undefined;
  heartbeat?.unref();

  try {
    port = await listen(http, options.port ?? 5173, host);
  } catch (error) {
    if (heartbeat) clearInterval(heartbeat);
    labs.dispose();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}/`,
    host,
    port,
    joinCode: gate?.code,
    labs,
    get connectionCount() {
      return connections.size;
    },
    close() {
      closing ??= (async () => {
        if (heartbeat) clearInterval(heartbeat);
        const sockets = [...connections].map((c) => c.socket);
        for (const connection of [...connections]) connection.binding.dispose();
        await waitForClose(sockets, CLOSE_GRACE_MS);
        wss.close();
        labs.dispose();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`);
}

/** The form fields of a small urlencoded POST body; undefined when it is too large. */
async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Resolve when every socket has closed, or after `ms`, cutting off the rest. */
function waitForClose(sockets: WebSocket[], ms: number): Promise<void> {
  const open = sockets.filter((s) => s.readyState !== s.CLOSED);
  if (open.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let remaining = open.length;
    const timer = setTimeout(() => {
      for (const socket of open) socket.terminate();
      resolve();
    }, ms);
    for (const socket of open) {
      socket.once('close', () => {
        if (--remaining === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}
