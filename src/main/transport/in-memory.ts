/**
 * The in-memory transport (tests, and hosts that run the renderer in-process): a LabWindowApi that
 * calls an RpcServer directly. Values are cloned both ways, as a real transport would serialise them,
 * so tests catch anything that would not survive the trip.
 */
import type { LabWindowApi } from '../../shared/rpc/window-api.js';
import type { RpcServer } from '../rpc/rpc-server.js';

export function inMemoryLabApi(server: RpcServer): LabWindowApi {
  return {
    async invoke(method, params) {
      return structuredClone(await server.invoke(method, structuredClone(params)));
    },
    subscribe(stream, params, listener, onError) {
      const result = server.subscribe(stream, structuredClone(params), (value) => listener(structuredClone(value)));
      if (!result.ok) {
        onError?.(result.status);
        return () => undefined;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        result.subscription.dispose();
      };
    },
  };
}
