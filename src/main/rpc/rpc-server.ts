/**
 * The engine side of the RPC contract, as every transport sees it: untyped method calls that
 * answer with an RpcResponse, and stream subscriptions that return a Disposable. Parameters are
 * validated here, once, whatever transport they arrived on.
 */
import type { Disposable } from '../../shared/lifecycle.js';
import type { RpcResponse } from '../../shared/rpc/envelope.js';

export interface RpcServer {
  invoke(method: string, params: unknown): Promise<RpcResponse>;
  /** Start a stream; a Status-bearing failure when the stream or its params are unknown/invalid. */
  subscribe(stream: string, params: unknown, listener: (value: unknown) => void): { ok: true; subscription: Disposable } | Extract<RpcResponse, { ok: false }>;
}

/** Thrown inside handlers for bad input; turned into a 400 Status at the boundary. */
export class BadParams extends Error {}

export function objectParams(params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) throw new BadParams('params must be an object');
  return params as Record<string, unknown>;
}

export function stringParam(params: Record<string, unknown>, name: string, options: { optional?: boolean; max?: number } = {}): string {
  const value = params[name];
  if (value === undefined && options.optional) return '';
  if (typeof value !== 'string') throw new BadParams(`${name} must be a string`);
  if (value.length > (options.max ?? 1_000_000)) throw new BadParams(`${name} is too long`);
  return value;
}

export function integerParam(params: Record<string, unknown>, name: string, min: number, max: number): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadParams(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
