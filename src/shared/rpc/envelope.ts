/**
 * What every transport carries back for an `invoke`: the result, or a Kubernetes Status. (Electron
 * IPC keeps only the message of a thrown error, so errors travel as values, never as rejections.)
 */
import { type Status, isStatus } from '../api/meta.js';

export type RpcResponse<T = unknown> = { ok: true; value: T } | { ok: false; status: Status };

export function isRpcResponse(value: unknown): value is RpcResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; status?: unknown };
  return v.ok === true || (v.ok === false && isStatus(v.status));
}

export type RpcFailureResponse = Extract<RpcResponse, { ok: false }>;

export function rpcFailure(code: number, reason: Status['reason'], message: string): RpcFailureResponse {
  return { ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message } };
}
