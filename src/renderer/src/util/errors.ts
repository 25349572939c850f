/** A readable message from whatever an RPC call or connection attempt threw. */
import { RpcError } from '../../../shared/rpc/contract.js';

export function errorMessage(error: unknown): string {
  if (error instanceof RpcError) return error.status.message ?? error.status.reason ?? error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
