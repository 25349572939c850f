/**
 * `window.lab` over Electron IPC: sends only on the allow-listed `lab:*` channels and never hands
 * the page an IpcRendererEvent (its `sender` could send on any channel). Takes the IPC object as
 * a parameter so tests can drive it without Electron.
 */
import type { IpcRendererEvent } from 'electron';
import { isStatus, type Status } from '../shared/api/meta.js';
import {
  isLabChannel,
  LAB_CHANNELS,
  type LabChannel,
  type LabEventMessage,
  type LabInvokeRequest,
  type LabSubscribeRequest,
  type LabUnsubscribeRequest,
  type LabWindowApi,
} from '../shared/rpc/window-api.js';

/** The slice of `ipcRenderer` the bridge needs (a fake in tests). */
export interface LabIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  send(channel: string, payload: unknown): void;
  on(channel: string, listener: (event: IpcRendererEvent, message: unknown) => void): unknown;
}

function checkChannel(channel: LabChannel): LabChannel {
  if (!isLabChannel(channel)) throw new Error(`refusing IPC channel ${String(channel)}`);
  return channel;
}

function isEventMessage(message: unknown): message is LabEventMessage {
  return typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number';
}

export function createLabApi(ipc: LabIpc): LabWindowApi {
  const listeners = new Map<number, { listener: (value: unknown) => void; onError?: (status: Status) => void }>();
  let nextId = 1;

  // One listener for all subscriptions; the page only ever sees `value` (or the refusal's Status).
  ipc.on(checkChannel(LAB_CHANNELS.event), (_event, message) => {
    if (!isEventMessage(message)) return;
    const subscription = listeners.get(message.id);
    if (!subscription) return;
    if (isStatus(message.error)) {
      listeners.delete(message.id);
      subscription.onError?.(message.error);
      return;
    }
    subscription.listener(message.value);
  });

  return {
    invoke(method, params) {
      if (typeof method !== 'string' || method === '') {
        return Promise.reject(new TypeError('lab.invoke: method must be a non-empty string'));
      }
      const request: LabInvokeRequest = { method, params };
      return ipc.invoke(checkChannel(LAB_CHANNELS.invoke), request);
    },

    subscribe(stream, params, listener, onError) {
      if (typeof stream !== 'string' || stream === '') {
        throw new TypeError('lab.subscribe: stream must be a non-empty string');
      }
      if (typeof listener !== 'function') throw new TypeError('lab.subscribe: listener must be a function');
      const id = nextId++;
      listeners.set(id, { listener, onError: typeof onError === 'function' ? onError : undefined });
      const request: LabSubscribeRequest = { id, stream, params };
      ipc.send(checkChannel(LAB_CHANNELS.subscribe), request);
      return () => {
        if (!listeners.delete(id)) return;
        const stop: LabUnsubscribeRequest = { id };
        ipc.send(checkChannel(LAB_CHANNELS.unsubscribe), stop);
      };
    },
  };
}
