/**
 * The preload bridge: `window.lab` is exactly { invoke, subscribe }, it uses only the allow-listed
 * `lab:*` channels, and the page never receives an IpcRendererEvent.
 */
import { describe, expect, it, vi } from 'vitest';
import { createLabApi, type LabIpc } from '../../../src/preload/lab-api.js';
import { LAB_CHANNELS } from '../../../src/shared/rpc/window-api.js';

const exposed = vi.hoisted(() => new Map<string, unknown>());

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn() },
}));

type EventListener = (event: unknown, message: unknown) => void;

function fakeIpc() {
  const listeners = new Map<string, EventListener[]>();
  const ipc = {
    invoke: vi.fn((_channel: string, _payload: unknown) => Promise.resolve<unknown>('result')),
    send: vi.fn(),
    on: vi.fn((channel: string, listener: EventListener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    /** What the main process would do: send on `lab:event` (with the event object Electron adds). */
    emit(channel: string, message: unknown) {
      const ipcEvent = { sender: { send: () => undefined }, senderFrame: null };
      for (const listener of listeners.get(channel) ?? []) listener(ipcEvent, message);
    },
    channelsUsed(): string[] {
      return [
        ...ipc.invoke.mock.calls.map((c) => c[0]),
        ...ipc.send.mock.calls.map((c) => c[0] as string),
        ...ipc.on.mock.calls.map((c) => c[0]),
      ];
    },
  };
  return ipc;
}

describe('preload entry', () => {
  it('exposes window.lab with invoke and subscribe only', async () => {
    await import('../../../src/preload/index.js');
    expect([...exposed.keys()]).toEqual(['lab']);
    const api = exposed.get('lab') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(api['invoke']).toBeTypeOf('function');
    expect(api['subscribe']).toBeTypeOf('function');
  });
});

describe('createLabApi', () => {
  it('invokes on lab:invoke and resolves with the reply', async () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc satisfies LabIpc);
    await expect(lab.invoke('cluster.get', { kind: 'Pod' })).resolves.toBe('result');
    expect(ipc.invoke).toHaveBeenCalledWith(LAB_CHANNELS.invoke, { method: 'cluster.get', params: { kind: 'Pod' } });
  });

  it('rejects a bad method name without sending', async () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc);
    await expect(lab.invoke('')).rejects.toThrow(TypeError);
    await expect(lab.invoke(42 as unknown as string)).rejects.toThrow(TypeError);
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the value of its own subscription, never the IPC event', () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc);
    const pods = vi.fn();
    const nodes = vi.fn();
    lab.subscribe('watch', { kind: 'Pod' }, pods);
    lab.subscribe('watch', { kind: 'Node' }, nodes);
    const [, podsRequest] = ipc.send.mock.calls[0] as [string, { id: number }];
    expect(ipc.send.mock.calls[0]).toEqual([LAB_CHANNELS.subscribe, { id: podsRequest.id, stream: 'watch', params: { kind: 'Pod' } }]);

    ipc.emit(LAB_CHANNELS.event, { id: podsRequest.id, value: { type: 'ADDED' } });
    expect(pods).toHaveBeenCalledTimes(1);
    expect(pods.mock.calls[0]).toEqual([{ type: 'ADDED' }]);
    expect(nodes).not.toHaveBeenCalled();

    // Malformed messages are dropped.
    ipc.emit(LAB_CHANNELS.event, 'junk');
    ipc.emit(LAB_CHANNELS.event, null);
    expect(pods).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes once and stops delivering', () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc);
    const listener = vi.fn();
    const unsubscribe = lab.subscribe('logs', { pod: 'nginx' }, listener);
    const [, { id }] = ipc.send.mock.calls[0] as [string, { id: number }];

    unsubscribe();
    unsubscribe();
    expect(ipc.send.mock.calls.slice(1)).toEqual([[LAB_CHANNELS.unsubscribe, { id }]]);
    ipc.emit(LAB_CHANNELS.event, { id, value: 'late line' });
    expect(listener).not.toHaveBeenCalled();
  });

  it("hands a refused subscription's Status to onError, never to the listener", () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc);
    const listener = vi.fn();
    const onError = vi.fn();
    lab.subscribe('nope', {}, listener, onError);
    const [, { id }] = ipc.send.mock.calls[0] as [string, { id: number }];
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound', message: 'unknown stream "nope"' };
    ipc.emit(LAB_CHANNELS.event, { id, value: undefined, error: status });
    expect(onError).toHaveBeenCalledExactlyOnceWith(status);
    expect(listener).not.toHaveBeenCalled();
    // The subscription is over: later messages for its id go nowhere.
    ipc.emit(LAB_CHANNELS.event, { id, value: 'late' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('rejects bad subscriptions without sending', () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc);
    expect(() => lab.subscribe('', {}, () => undefined)).toThrow(TypeError);
    expect(() => lab.subscribe('watch', {}, 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(ipc.send).not.toHaveBeenCalled();
  });

  it('uses only the allow-listed channels', async () => {
    const ipc = fakeIpc();
    const lab = createLabApi(ipc);
    await lab.invoke('m', null);
    lab.subscribe('s', null, () => undefined)();
    const allowed: string[] = Object.values(LAB_CHANNELS);
    expect(ipc.channelsUsed().filter((c) => !allowed.includes(c))).toEqual([]);
    expect(new Set(ipc.channelsUsed())).toEqual(new Set(allowed));
  });
});
