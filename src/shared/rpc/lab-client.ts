/**
 * The typed face of the contract for the workspace: `invoke('files.read', {...})` returns the
 * method's result type (or throws RpcError with the Status); `subscribe` returns a Disposable.
 * Works over any `LabWindowApi` (Electron IPC, WebSocket, in-memory).
 */
import { type Disposable, toDisposable } from '../lifecycle.js';
import { type MethodName, type Params, type Result, RpcError, type StreamEvent, type StreamName, type StreamParams } from './contract.js';
import { isRpcResponse } from './envelope.js';
import type { LabWindowApi } from './window-api.js';

export class LabClient {
  constructor(private readonly api: LabWindowApi) {}

  async invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const response = await this.api.invoke(method, params);
    if (!isRpcResponse(response)) throw new Error(`lab: malformed response to ${method}`);
    if (!response.ok) throw new RpcError(response.status);
    return response.value as Result<M>;
  }

  subscribe<S extends StreamName>(stream: S, params: StreamParams<S>, listener: (event: StreamEvent<S>) => void): Disposable {
    const unsubscribe = this.api.subscribe(stream, params, (value) => listener(value as StreamEvent<S>));
    return toDisposable(unsubscribe);
  }
}
