/**
 * The Electron IPC transport with fakes for ipcMain and WebContents: invoke round trips, payload
 * validation, refusal of untrusted frames, subscription events, and cleanup when a page goes.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../../src/shared/lifecycle.js';
import { LAB_CHANNELS, type LabEventMessage } from '../../../src/shared/rpc/window-api.js';
import { type RpcResponse, rpcFailure } from '../../../src/shared/rpc/envelope.js';
import { createHostedLab, type HostedLab } from '../../../src/main/rpc/hosted-lab.js';
import type { RpcServer } from '../../../src/main/rpc/rpc-server.js';
import { bindIpc, type IpcEventLike, type IpcMainLike, type IpcSenderLike, type NavigationStartLike } from '../../../src/main/transport/ipc.js';
import { isAppUrl } from '../../../src/main/window-security.js';
import { stripAnsi } from '../helpers/ansi.js';

const APP_URL = 'file:///opt/KubeLab/resources/app/out/renderer/index.html';

type Listener = (event: IpcEventLike, payload: unknown) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener[]>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
  }

  /** What `ipcRenderer.invoke` does. */
  async invoke(event: IpcEventLike, channel: string, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  }
  /** What `ipcRenderer.send` does. */
  send(event: IpcEventLike, channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}

let nextSenderId = 1;

/** A WebContents: records what it is sent and can navigate or be destroyed. */
class FakeSender extends EventEmitter implements IpcSenderLike {
  readonly id = nextSenderId++;
  readonly sent: LabEventMessage[] = [];
  private destroyed = false;

  constructor(public frameUrl: string | null = APP_URL) {
    super();
  }
  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    expect(channel).toBe(LAB_CHANNELS.event);
    this.sent.push(structuredClone(message) as LabEventMessage);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  navigate(details: NavigationStartLike): void {
    this.emit('did-start-navigation', details);
  }
  event(): IpcEventLike {
    return { sender: this, senderFrame: this.frameUrl === null ? null : { url: this.frameUrl } };
  }
}

/** An RpcServer whose subscriptions are counted, so cleanup is visible. */
function countingServer() {
  const live = new Map<number, (value: unknown) => void>();
  let next = 0;
  const server: RpcServer = {
    invoke: (method, params) => Promise.resolve<RpcResponse>({ ok: true, value: { method, params } }),
    subscribe: (stream, _params, listener) => {
      if (stream !== 'ticks') return rpcFailure(404, 'NotFound', `unknown stream "${stream}"`);
      const key = next++;
      live.set(key, listener);
      return { ok: true, subscription: { dispose: () => live.delete(key) } };
    },
  };
  return { server, live, fire: (value: unknown) => [...live.values()].forEach((l) => l(value)) };
}

const disposables: Disposable[] = [];
afterEach(() => {
  for (const d of disposables.splice(0).reverse()) d.dispose();
});

function bind(server: RpcServer) {
  const ipc = new FakeIpcMain();
  disposables.push(bindIpc(ipc, server, { isTrustedSender: (url) => isAppUrl(url, APP_URL) }));
  return ipc;
}

function hostedLab(): HostedLab {
  const lab = createHostedLab({ lab: { seed: 1, virtualClock: true } });
  disposables.push(lab);
  return lab;
}

describe('bindIpc', () => {
  it('answers lab:invoke from the engine, errors as Status values', async () => {
    const ipc = bind(hostedLab().server);
    const page = new FakeSender();
    expect(await ipc.invoke(page.event(), LAB_CHANNELS.invoke, { method: 'lab.info', params: {} })).toEqual({
      ok: true,
      value: { seed: 1, clock: 'virtual', now: Date.UTC(2025, 0, 1), speed: 1, paused: false },
    });
    expect(await ipc.invoke(page.event(), LAB_CHANNELS.invoke, { method: 'lab.nothing', params: {} })).toMatchObject({
      ok: false,
      status: { kind: 'Status', code: 404, reason: 'NotFound' },
    });
  });

  it.each([
    ['a string', 'lab.info'],
    ['null', null],
    ['an array', ['lab.info']],
    ['no method', { params: {} }],
    ['an empty method', { method: '', params: {} }],
    ['a numeric method', { method: 7, params: {} }],
    ['an overlong method', { method: 'x'.repeat(101), params: {} }],
  ])('refuses an invoke payload that is %s with a 400', async (_name, payload) => {
    const ipc = bind(countingServer().server);
    const reply = await ipc.invoke(new FakeSender().event(), LAB_CHANNELS.invoke, payload);
    expect(reply).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest' } });
  });

  it('refuses every channel to a frame that is not the app page', async () => {
    const { server, live } = countingServer();
    const ipc = bind(server);
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/other.html', null]) {
      const page = new FakeSender(frameUrl);
      expect(await ipc.invoke(page.event(), LAB_CHANNELS.invoke, { method: 'lab.info', params: {} })).toMatchObject({
        ok: false,
        status: { code: 403, reason: 'Forbidden' },
      });
      ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
      expect(live.size).toBe(0);
      expect(page.sent).toEqual([]);
    }
  });

  it('delivers subscription events to their sender only, and stops on unsubscribe', () => {
    const { server, live, fire } = countingServer();
    const ipc = bind(server);
    const a = new FakeSender();
    const b = new FakeSender();
    ipc.send(a.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    ipc.send(b.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    fire('tick');
    expect(a.sent).toEqual([{ id: 1, value: 'tick' }]);
    expect(b.sent).toEqual([{ id: 1, value: 'tick' }]);

    ipc.send(a.event(), LAB_CHANNELS.unsubscribe, { id: 1 });
    expect(live.size).toBe(1);
    fire('tock');
    expect(a.sent).toHaveLength(1);
    expect(b.sent.at(-1)).toEqual({ id: 1, value: 'tock' });
    // Unknown ids and junk are ignored.
    ipc.send(a.event(), LAB_CHANNELS.unsubscribe, { id: 99 });
    ipc.send(a.event(), LAB_CHANNELS.unsubscribe, 'junk');
    expect(live.size).toBe(1);
  });

  it('reports a refused or malformed subscription to its page as an error message', () => {
    const { server, live } = countingServer();
    const ipc = bind(server);
    const page = new FakeSender();
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 3, stream: 'nope', params: {} });
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 4, stream: '', params: {} });
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: -1, stream: 'ticks' });
    ipc.send(page.event(), LAB_CHANNELS.subscribe, 'junk');
    expect(live.size).toBe(0);
    expect(page.sent).toEqual([
      { id: 3, error: expect.objectContaining({ kind: 'Status', code: 404, reason: 'NotFound' }) },
      { id: 4, error: expect.objectContaining({ code: 400, message: expect.stringContaining('stream must be a string') }) },
    ]);
  });

  it('streams a real terminal: scrollback and output reach the page', async () => {
    const ipc = bind(hostedLab().server);
    const page = new FakeSender();
    const opened = (await ipc.invoke(page.event(), LAB_CHANNELS.invoke, { method: 'terminal.open', params: { cols: 80, rows: 24 } })) as RpcResponse;
    expect(opened.ok).toBe(true);
    const { id } = (opened as { value: { id: string } }).value;
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'terminal.output', params: { id } });
    await ipc.invoke(page.event(), LAB_CHANNELS.invoke, { method: 'terminal.input', params: { id, data: 'echo hi\r' } });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    const screen = stripAnsi(page.sent.map((m) => m.value).join(''));
    expect(screen).toContain('student@bastion:~$ ');
    expect(screen).toContain('hi\r\n');
  });

  it("ends a page's subscriptions when its WebContents is destroyed", () => {
    const { server, live, fire } = countingServer();
    const ipc = bind(server);
    const page = new FakeSender();
    const other = new FakeSender();
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 2, stream: 'ticks', params: {} });
    ipc.send(other.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    expect(live.size).toBe(3);
    page.destroy();
    expect(live.size).toBe(1);
    expect(page.listenerCount('did-start-navigation')).toBe(0);
    fire('after');
    expect(other.sent).toEqual([{ id: 1, value: 'after' }]);
  });

  it('ends the old page subscriptions on a reload, but not when a foreign navigation is blocked', () => {
    const { server, live } = countingServer();
    const ipc = bind(server);
    const page = new FakeSender();
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    page.navigate({ url: 'https://evil.example/', isMainFrame: true, isSameDocument: false });
    page.navigate({ url: `${APP_URL}#/lessons`, isMainFrame: true, isSameDocument: true });
    expect(live.size).toBe(1);
    page.navigate({ url: APP_URL, isMainFrame: true, isSameDocument: false });
    expect(live.size).toBe(0);
    // The new page starts its ids from 1 again.
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    expect(live.size).toBe(1);
  });

  it('caps the subscriptions of one page', () => {
    const { server, live } = countingServer();
    const ipc = new FakeIpcMain();
    disposables.push(bindIpc(ipc, server, { isTrustedSender: (url) => url === APP_URL, maxSubscriptionsPerSender: 2 }));
    const page = new FakeSender();
    for (const id of [1, 2, 3]) ipc.send(page.event(), LAB_CHANNELS.subscribe, { id, stream: 'ticks', params: {} });
    expect(live.size).toBe(2);
    expect(page.sent).toEqual([{ id: 3, error: expect.objectContaining({ code: 429 }) }]);
  });

  it('removes its handlers and ends every subscription when disposed', () => {
    const { server, live } = countingServer();
    const ipc = new FakeIpcMain();
    const binding = bindIpc(ipc, server, { isTrustedSender: () => true });
    const page = new FakeSender();
    ipc.send(page.event(), LAB_CHANNELS.subscribe, { id: 1, stream: 'ticks', params: {} });
    binding.dispose();
    expect(live.size).toBe(0);
    expect(ipc.handlers.size).toBe(0);
    expect([...ipc.listeners.values()].flat()).toEqual([]);
    expect(page.listenerCount('destroyed')).toBe(0);
  });
});
