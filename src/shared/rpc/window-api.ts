/**
 * What the preload script exposes to the page as `window.lab`, and the IPC messages behind it.
 * The preload (Electron) and the renderer both type against this; a browser build served by
 * `kubelab web` provides the same surface over a WebSocket, so the UI never knows which it has.
 * The typed method/stream catalogue (the RPC contract) layers on top of these untyped pipes.
 */
import type { Status } from '../api/meta.js';

/** Stops a subscription; calling it again does nothing. */
export type Unsubscribe = () => void;

export interface LabWindowApi {
  /** Call an engine method; resolves with its result. */
  invoke(method: string, params?: unknown): Promise<unknown>;
  /**
   * Receive a stream's values until the returned function is called. If the engine refuses the
   * subscription (unknown stream, bad params), `onError` gets its Status.
   */
  subscribe(stream: string, params: unknown, listener: (value: unknown) => void, onError?: (status: Status) => void): Unsubscribe;
}

/** The only IPC channels the preload uses; it refuses any other. */
export const LAB_CHANNELS = {
  /** renderer → main, request/response (`ipcRenderer.invoke`): {@link LabInvokeRequest}. */
  invoke: 'lab:invoke',
  /** renderer → main: {@link LabSubscribeRequest}. */
  subscribe: 'lab:subscribe',
  /** renderer → main: {@link LabUnsubscribeRequest}. */
  unsubscribe: 'lab:unsubscribe',
  /** main → renderer: {@link LabEventMessage}. */
  event: 'lab:event',
} as const;

export type LabChannel = (typeof LAB_CHANNELS)[keyof typeof LAB_CHANNELS];

const channelSet: ReadonlySet<string> = new Set(Object.values(LAB_CHANNELS));

export function isLabChannel(channel: string): channel is LabChannel {
  return channelSet.has(channel);
}

export interface LabInvokeRequest {
  method: string;
  params: unknown;
}

export interface LabSubscribeRequest {
  /** Chosen by the preload, unique within one page load. */
  id: number;
  stream: string;
  params: unknown;
}

export interface LabUnsubscribeRequest {
  id: number;
}

export interface LabEventMessage {
  /** The {@link LabSubscribeRequest.id} this value belongs to. */
  id: number;
  value: unknown;
  /** Set instead of a value when the engine refused the subscription; no events follow. */
  error?: Status;
}
