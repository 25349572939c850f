/**
 * The Electron IPC transport, main side: serves the preload's `window.lab` (src/preload/lab-api.ts)
 * from an RpcServer on the `lab:*` channels of src/shared/rpc/window-api.ts. Every payload's shape
 * is checked and every sender's frame must be the app's own page. Typed against a small
 * structural slice of Electron's `ipcMain` so tests run without the Electron binary.
 */
import type { Status } from '../../shared/api/meta.js';
import { type Disposable, toDisposable } from '../../shared/lifecycle.js';
import { type RpcResponse, rpcFailure } from '../../shared/rpc/envelope.js';
import { LAB_CHANNELS, type LabEventMessage } from '../../shared/rpc/window-api.js';
import type { RpcServer } from '../rpc/rpc-server.js';

/** Details of Electron's `did-start-navigation` (only what we read). */
export interface NavigationStartLike {
  readonly url: string;
  readonly isMainFrame: boolean;
  readonly isSameDocument: boolean;
}

/** The slice of a WebContents the transport uses. */
export interface IpcSenderLike {
  readonly id: number;
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-start-navigation', listener: (details: NavigationStartLike) => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'did-start-navigation', listener: (details: NavigationStartLike) => void): unknown;
}

/** The slice of IpcMainEvent / IpcMainInvokeEvent the transport uses. */
export interface IpcEventLike {
  readonly sender: IpcSenderLike;
  /** Null when the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string } | null;
}

/** The slice of Electron's `ipcMain` the transport uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, payload: unknown) => void): unknown;
}

export interface BindIpcOptions {
  /** Is this frame URL the app's own page? (`isAppUrl` from window-security.ts.) */
  isTrustedSender(frameUrl: string): boolean;
  /** Live subscriptions one page may hold. */
  maxSubscriptionsPerSender?: number;
}

const MAX_NAME_LENGTH = 100;
const DEFAULT_MAX_SUBSCRIPTIONS = 256;

/** One page's subscriptions, keyed by the preload's ids. */
interface SenderState {
  readonly sender: IpcSenderLike;
  readonly subscriptions: Map<number, Disposable>;
  readonly release: () => void;
}

export function bindIpc(ipcMain: IpcMainLike, server: RpcServer, options: BindIpcOptions): Disposable {
  const maxSubscriptions = options.maxSubscriptionsPerSender ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const senders = new Map<number, SenderState>();
  let disposed = false;

  const trusted = (event: IpcEventLike): boolean => {
    const url = event.senderFrame?.url;
    return typeof url === 'string' && options.isTrustedSender(url);
  };

  const disposeAll = (state: SenderState): void => {
    const all = [...state.subscriptions.values()];
    state.subscriptions.clear();
    for (const subscription of all) subscription.dispose();
  };

  /** The sender's state, created with the hooks that end its subscriptions. */
  const stateOf = (sender: IpcSenderLike): SenderState => {
    const existing = senders.get(sender.id);
    if (existing) return existing;
    const onDestroyed = (): void => {
      const state = senders.get(sender.id);
      if (!state) return;
      senders.delete(sender.id);
      state.release();
      disposeAll(state);
    };
    // A reload or in-app navigation starts a new page whose preload counts ids from 1 again:
    // the old page's subscriptions must not keep firing into it. Navigations to other URLs are
    // blocked by the window's navigation guard and leave the page (and its streams) in place.
    const onNavigation = (details: NavigationStartLike): void => {
      if (!details.isMainFrame || details.isSameDocument || !options.isTrustedSender(details.url)) return;
      const state = senders.get(sender.id);
      if (state) disposeAll(state);
    };
    sender.once('destroyed', onDestroyed);
    sender.on('did-start-navigation', onNavigation);
    const state: SenderState = {
      sender,
      subscriptions: new Map(),
      release: () => {
        sender.removeListener('destroyed', onDestroyed);
        sender.removeListener('did-start-navigation', onNavigation);
      },
    };
    senders.set(sender.id, state);
    return state;
  };

  const deliver = (sender: IpcSenderLike, message: LabEventMessage): void => {
    if (sender.isDestroyed()) return;
    sender.send(LAB_CHANNELS.event, message);
  };

  const onInvoke = async (event: IpcEventLike, payload: unknown): Promise<RpcResponse> => {
    if (!trusted(event)) return rpcFailure(403, 'Forbidden', 'lab:invoke: sender is not the KubeLab page');
    const request = parseInvoke(payload);
    if (typeof request === 'string') return rpcFailure(400, 'BadRequest', `lab:invoke: ${request}`);
    try {
      return await server.invoke(request.method, request.params);
    } catch (error) {
      // The RpcServer answers with values; a throw is a bug, still answered as a Status.
      return rpcFailure(500, 'InternalError', error instanceof Error ? error.message : String(error));
    }
  };

  const onSubscribe = (event: IpcEventLike, payload: unknown): void => {
    // An untrusted frame gets nothing back, not even an error: it has no business here.
    if (disposed || !trusted(event)) return;
    const request = parseSubscribe(payload);
    if (typeof request === 'string') {
      const id = idOf(payload);
      if (id !== undefined) refuse(event.sender, id, rpcFailure(400, 'BadRequest', `lab:subscribe: ${request}`).status);
      return;
    }
    const state = stateOf(event.sender);
    // The preload never reuses an id within a page; a repeat comes from a new page that raced
    // its navigation event, and replaces the stale stream.
    const stale = state.subscriptions.get(request.id);
    if (stale) {
      state.subscriptions.delete(request.id);
      stale.dispose();
    }
    if (state.subscriptions.size >= maxSubscriptions) {
      refuse(event.sender, request.id, rpcFailure(429, 'TooManyRequests', `lab:subscribe: at most ${maxSubscriptions} subscriptions per page`).status);
      return;
    }
    const sender = event.sender;
    const result = server.subscribe(request.stream, request.params, (value) => deliver(sender, { id: request.id, value }));
    if (!result.ok) {
      refuse(sender, request.id, result.status);
      return;
    }
    state.subscriptions.set(request.id, result.subscription);
  };

  const refuse = (sender: IpcSenderLike, id: number, status: Status): void => {
    deliver(sender, { id, value: undefined, error: status });
  };

  const onUnsubscribe = (event: IpcEventLike, payload: unknown): void => {
    if (disposed || !trusted(event)) return;
    const id = idOf(payload);
    if (id === undefined) return;
    const state = senders.get(event.sender.id);
    const subscription = state?.subscriptions.get(id);
    if (!state || !subscription) return;
    state.subscriptions.delete(id);
    subscription.dispose();
  };

  ipcMain.handle(LAB_CHANNELS.invoke, onInvoke);
  ipcMain.on(LAB_CHANNELS.subscribe, onSubscribe);
  ipcMain.on(LAB_CHANNELS.unsubscribe, onUnsubscribe);

  return toDisposable(() => {
    disposed = true;
    ipcMain.removeHandler(LAB_CHANNELS.invoke);
    ipcMain.removeListener(LAB_CHANNELS.subscribe, onSubscribe);
    ipcMain.removeListener(LAB_CHANNELS.unsubscribe, onUnsubscribe);
    for (const state of senders.values()) {
      state.release();
      disposeAll(state);
    }
    senders.clear();
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}

function idOf(payload: unknown): number | undefined {
  if (!isObject(payload)) return undefined;
  const id = payload['id'];
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

function parseInvoke(payload: unknown): { method: string; params: unknown } | string {
  if (!isObject(payload)) return 'payload must be an object {method, params}';
  if (!isName(payload['method'])) return `method must be a string of 1 to ${MAX_NAME_LENGTH} characters`;
  return { method: payload['method'], params: payload['params'] };
}

function parseSubscribe(payload: unknown): { id: number; stream: string; params: unknown } | string {
  if (!isObject(payload)) return 'payload must be an object {id, stream, params}';
  const id = idOf(payload);
  if (id === undefined) return 'id must be a non-negative integer';
  if (!isName(payload['stream'])) return `stream must be a string of 1 to ${MAX_NAME_LENGTH} characters`;
  return { id, stream: payload['stream'], params: payload['params'] };
}
