/**
 * Messages of the WebSocket transport (`kubelab web`), one JSON object per frame. The browser
 * side turns them into a `LabWindowApi`; the server side into calls on the engine's RpcServer.
 *
 * The browser connects to `/rpc?lab=TOKEN` (the token it was given last time, if any); the server
 * answers with `hello` naming the lab it attached (a fresh one when the token is missing or
 * unknown). Ids are the client's, unique per connection across invokes and subscriptions; a
 * `subscribe` is answered with a `response` (`value: null` or the refusal's Status) before any of
 * its events.
 */
import { type RpcResponse, isRpcResponse } from './envelope.js';

export type ClientMessage =
  | { type: 'invoke'; id: number; method: string; params: unknown }
  | { type: 'subscribe'; id: number; stream: string; params: unknown }
  | { type: 'unsubscribe'; id: number };

export type ServerMessage =
  | { type: 'response'; id: number; response: RpcResponse }
  | { type: 'event'; id: number; value: unknown }
  /** Sent once after connecting: the lab this browser is attached to. */
  | { type: 'hello'; lab: string; resumed: boolean };

/** The query parameter carrying the lab token on `/rpc`. */
export const LAB_TOKEN_PARAM = 'lab';

/** Close codes the server uses, and whether a client should come back. */
export const WS_CLOSE = {
  /** The server is shutting down: reconnect (with back-off). */
  goingAway: 1001,
  /** The client broke the protocol (malformed or binary message): do not retry as is. */
  policy: 1008,
  /** A message was larger than the server accepts. */
  tooBig: 1009,
  /** The client fell too far behind reading events: reconnect. */
  tryAgainLater: 1013,
  /** Every lab slot is taken (`--max-labs`): retrying will not help until one is freed. */
  labsFull: 4001,
  /** This server needs its join code: reload the page to enter it. */
  joinRequired: 4003,
} as const;

/** Close codes after which reconnecting is pointless; the reason says why. */
export const PERMANENT_CLOSE_CODES: readonly number[] = [WS_CLOSE.policy, WS_CLOSE.labsFull, WS_CLOSE.joinRequired];

export function parseClientMessage(text: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return undefined;
  if (m.type === 'invoke' && typeof m.method === 'string') return { type: 'invoke', id: m.id, method: m.method, params: m.params };
  if (m.type === 'subscribe' && typeof m.stream === 'string') return { type: 'subscribe', id: m.id, stream: m.stream, params: m.params };
  if (m.type === 'unsubscribe') return { type: 'unsubscribe', id: m.id };
  return undefined;
}

/** The client's check of what the server sent; undefined for anything else. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.type === 'hello' && typeof m.lab === 'string' && typeof m.resumed === 'boolean') return { type: 'hello', lab: m.lab, resumed: m.resumed };
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return undefined;
  if (m.type === 'response' && isRpcResponse(m.response)) return { type: 'response', id: m.id, response: m.response };
  if (m.type === 'event') return { type: 'event', id: m.id, value: m.value };
  return undefined;
}
