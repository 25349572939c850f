/**
 * The WebSocket transport, server side: serves one browser connection (a `ws` socket) from an
 * RpcServer using the wire messages of src/shared/rpc/wire.ts. A dumb pipe: it validates the
 * shape of every frame and leaves the meaning of params to the RpcServer. Subscriptions belong to
 * the connection and all end when it closes.
 */
import type { RawData, WebSocket } from 'ws';
import { type Disposable, toDisposable } from '../../shared/lifecycle.js';
import { type RpcResponse, rpcFailure } from '../../shared/rpc/envelope.js';
import { type ServerMessage, WS_CLOSE, parseClientMessage } from '../../shared/rpc/wire.js';
import type { RpcServer } from '../rpc/rpc-server.js';

export interface WebSocketTransportOptions {
  /**
   * Close the connection when this many bytes wait unsent: a tab that stopped reading (asleep,
   * frozen) must not make the engine buffer a terminal's output without limit. It reconnects and
   * gets the scrollback instead.
   */
  maxBufferedBytes?: number;
  /** Live subscriptions one connection may hold (a page needs a handful). */
  maxSubscriptions?: number;
  /**
   * Frames larger than this are refused. The `ws` server's own `maxPayload` should be set to the
   * same value so it never buffers a larger one in the first place.
   */
  maxMessageBytes?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_SUBSCRIPTIONS = 256;
/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

/** ws's OPEN readyState (avoids importing the class only for a constant). */
const OPEN = 1;

/** Serve `server` over `socket` until it closes; disposing closes the socket (1001) too. */
export function serveWebSocket(socket: WebSocket, server: RpcServer, options: WebSocketTransportOptions = {}): Disposable {
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const maxSubscriptions = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const maxMessage = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const subscriptions = new Map<number, Disposable>();
  let closed = false;

  const close = (code: number, reason: string): void => {
    if (closed) return;
    closed = true;
    disposeSubscriptions();
    socket.close(code, truncateReason(reason));
  };

  const send = (message: ServerMessage): void => {
    if (closed || socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > maxBuffered) {
      close(WS_CLOSE.tryAgainLater, 'the page fell too far behind reading; reconnect to continue');
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      // A value that cannot be serialised is an engine bug; the caller still gets an answer.
      if (message.type !== 'response') return;
      text = JSON.stringify({ type: 'response', id: message.id, response: rpcFailure(500, 'InternalError', `result could not be serialised: ${String(error)}`) });
    }
    socket.send(text);
  };

  const respond = (id: number, response: RpcResponse): void => send({ type: 'response', id, response });

  const subscribe = (id: number, stream: string, params: unknown): void => {
    if (subscriptions.has(id)) {
      respond(id, rpcFailure(409, 'AlreadyExists', `subscription id ${id} is already in use on this connection`));
      return;
    }
    if (subscriptions.size >= maxSubscriptions) {
      respond(id, rpcFailure(429, 'TooManyRequests', `at most ${maxSubscriptions} subscriptions per connection`));
      return;
    }
    // Streams may deliver synchronously while subscribing (scrollback, a first snapshot): hold
    // those back so the client always sees the subscription's response before its events.
    let early: unknown[] | undefined = [];
    const result = server.subscribe(stream, params, (value) => {
      if (early) early.push(value);
      else send({ type: 'event', id, value });
    });
    if (!result.ok) {
      respond(id, result);
      return;
    }
    if (closed) {
      result.subscription.dispose();
      return;
    }
    subscriptions.set(id, result.subscription);
    respond(id, { ok: true, value: null });
    const held = early;
    early = undefined;
    for (const value of held) send({ type: 'event', id, value });
  };

  const invoke = (id: number, method: string, params: unknown): void => {
    server.invoke(method, params).then(
      (response) => respond(id, response),
      (error: unknown) => respond(id, rpcFailure(500, 'InternalError', error instanceof Error ? error.message : String(error))),
    );
  };

  const onMessage = (data: RawData, isBinary: boolean): void => {
    if (closed) return;
    if (isBinary) {
      close(WS_CLOSE.policy, 'binary frames are not part of the KubeLab protocol');
      return;
    }
    const bytes = rawByteLength(data);
    if (bytes > maxMessage) {
      close(WS_CLOSE.tooBig, `message of ${bytes} bytes is larger than the ${maxMessage} accepted`);
      return;
    }
    const message = parseClientMessage(rawToString(data));
    if (!message) {
      close(WS_CLOSE.policy, 'malformed message: expected JSON {type: invoke|subscribe|unsubscribe, id, …}');
      return;
    }
    switch (message.type) {
      case 'invoke':
        invoke(message.id, message.method, message.params);
        break;
      case 'subscribe':
        subscribe(message.id, message.stream, message.params);
        break;
      case 'unsubscribe': {
        const subscription = subscriptions.get(message.id);
        subscriptions.delete(message.id);
        subscription?.dispose();
        break;
      }
    }
  };

  const disposeSubscriptions = (): void => {
    const all = [...subscriptions.values()];
    subscriptions.clear();
    for (const subscription of all) subscription.dispose();
  };

  const onClose = (): void => {
    closed = true;
    disposeSubscriptions();
    socket.off('message', onMessage);
  };

  // ws reports protocol errors (an oversized frame, bad UTF-8) here, then closes the socket
  // itself with the right code; without a listener the error would crash the process.
  const onError = (): void => undefined;

  socket.on('message', onMessage);
  socket.on('error', onError);
  socket.once('close', onClose);

  return toDisposable(() => {
    close(WS_CLOSE.goingAway, 'KubeLab is shutting down');
    socket.off('message', onMessage);
  });
}

function rawByteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Cut a close reason to the protocol's limit without splitting a character. */
export function truncateReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  const chars = [...reason];
  while (chars.length > 0 && Buffer.byteLength(`${chars.join('')}…`) > MAX_REASON_BYTES) chars.pop();
  return `${chars.join('')}…`;
}
