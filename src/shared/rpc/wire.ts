/**
 * Messages of the WebSocket transport (`kubelab web`), one JSON object per frame. The browser
 * side turns them into a `LabWindowApi`; the server side into calls on the engine's RpcServer.
 */
import type { RpcResponse } from './envelope.js';

export type ClientMessage =
  | { type: 'invoke'; id: number; method: string; params: unknown }
  | { type: 'subscribe'; id: number; stream: string; params: unknown }
  | { type: 'unsubscribe'; id: number };

export type ServerMessage =
  | { type: 'response'; id: number; response: RpcResponse }
  | { type: 'event'; id: number; value: unknown }
  /** Sent once after connecting: the lab this browser is attached to. */
  | { type: 'hello'; lab: string; resumed: boolean };

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
