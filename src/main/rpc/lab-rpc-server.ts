/**
 * The RPC contract served over one LabSession: terminals (pty-like sessions with scrollback, so a
 * reloaded page finds its terminal as it left it), the terminal host's files, a cluster snapshot
 * stream for the office/employee picture, the request trace, and lessons.
 */
import type { Node, Pod } from '../../shared/api/core.js';
import { type Disposable, DisposableStore, Emitter, toDisposable } from '../../shared/lifecycle.js';
import type { ClusterSnapshot, FileEntry, LabInfo, Locale, MethodName, StreamName, TraceEntry } from '../../shared/rpc/contract.js';
import { METHOD_NAMES, STREAM_NAMES } from '../../shared/rpc/contract.js';
import { type RpcResponse, rpcFailure } from '../../shared/rpc/envelope.js';
import { RealtimeClock } from '../base/clock.js';
import { podDisplayStatus } from '../cluster/apiserver/registry/pod.js';
import { nodeDisplayStatus } from '../cluster/apiserver/registry/node.js';
import { Informer } from '../cluster/client/informer.js';
import { NODES, PODS } from '../cluster/client/resources.js';
import { isFsError } from '../hosts/vfs.js';
import type { Lab } from '../lab/lab.js';
import { LESSONS_AGENT } from '../lessons/checks.js';
import type { LabSession } from '../lab/lab-session.js';
import { TerminalSession } from '../shell/terminal-session.js';
import type { Shell } from '../shell/shell.js';
import { EditorBridge } from './editor-bridge.js';
import { type LessonsProvider, noLessons } from './lessons-provider.js';
import { BadParams, type RpcServer, integerParam, objectParams, stringParam } from './rpc-server.js';

/** The workspace's own reads are not the learner's requests: they stay out of the trace view. */
export const WORKSPACE_AGENT = 'kubelab-workspace';
const SCROLLBACK_LIMIT = 256 * 1024;
/** Cursor home, erase the screen, erase the saved lines (xterm's ED 3). */
export const REPLAY_PREFIX = '\x1b[H\x1b[2J\x1b[3J';
const LOCALES: readonly Locale[] = ['zh-TW', 'zh-CN', 'en'];

interface OpenTerminal {
  id: string;
  shell: Shell;
  session: TerminalSession;
  scrollback: string;
  output: Emitter<string>;
  exited: number | undefined;
  disposables: DisposableStore;
}

export class LabRpcServer implements RpcServer, Disposable {
  private readonly terminals = new Map<string, OpenTerminal>();
  private nextTerminal = 1;
  private readonly disposables = new DisposableStore();
  /** `vim FILE` and `kubectl edit` open files in the subscribed workspace. */
  private readonly editor = this.disposables.add(new EditorBridge());
  private editorAttachment: Disposable | undefined;

  constructor(
    private readonly session: LabSession,
    private readonly lessons: LessonsProvider = noLessons,
  ) {}

  async invoke(method: string, params: unknown): Promise<RpcResponse> {
    if (!(METHOD_NAMES as readonly string[]).includes(method)) return rpcFailure(404, 'NotFound', `unknown method "${method}"`);
    try {
      return { ok: true, value: await this.dispatch(method as MethodName, objectParams(params)) };
    } catch (error) {
      if (error instanceof BadParams) return rpcFailure(400, 'BadRequest', `${method}: ${error.message}`);
      if (isFsError(error)) return rpcFailure(error.code === 'ENOENT' ? 404 : 400, error.code === 'ENOENT' ? 'NotFound' : 'BadRequest', `${error.path}: ${error.description}`);
      if (error instanceof RpcFailure) return error.response;
      return rpcFailure(500, 'InternalError', error instanceof Error ? error.message : String(error));
    }
  }

  subscribe(stream: string, params: unknown, listener: (value: unknown) => void): ReturnType<RpcServer['subscribe']> {
    if (!(STREAM_NAMES as readonly string[]).includes(stream)) return rpcFailure(404, 'NotFound', `unknown stream "${stream}"`);
    try {
      const p = objectParams(params);
      switch (stream as StreamName) {
        case 'terminal.output':
          return { ok: true, subscription: this.terminalOutput(stringParam(p, 'id', { max: 64 }), listener) };
        case 'terminal.exit':
          return { ok: true, subscription: this.terminalExit(stringParam(p, 'id', { max: 64 }), listener) };
        case 'editor.requests':
          return { ok: true, subscription: this.editorRequests(p.locale === undefined ? undefined : localeParam(p), listener) };
        case 'cluster.changes':
          return { ok: true, subscription: this.clusterChanges(listener) };
        case 'trace':
          return { ok: true, subscription: this.traceStream(listener) };
        case 'lessons.progress':
          return { ok: true, subscription: this.lessons.watch(stringParam(p, 'id', { max: 200 }), localeParam(p), listener) };
      }
    } catch (error) {
      if (error instanceof BadParams) return rpcFailure(400, 'BadRequest', `${stream}: ${error.message}`);
      if (error instanceof RpcFailure) return error.response as Extract<RpcResponse, { ok: false }>;
      throw error;
    }
    return rpcFailure(404, 'NotFound', `unknown stream "${stream}"`);
  }

  private async dispatch(method: MethodName, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'lab.info':
        return this.info();
      case 'terminal.open':
        return this.openTerminal(integerParam(p, 'cols', 2, 1000), integerParam(p, 'rows', 1, 1000));
      case 'terminal.input':
        this.terminal(stringParam(p, 'id', { max: 64 })).session.input(stringParam(p, 'data', { max: 1_000_000 }));
        return null;
      case 'terminal.resize':
        this.terminal(stringParam(p, 'id', { max: 64 })).session.resize(integerParam(p, 'cols', 2, 1000), integerParam(p, 'rows', 1, 1000));
        return null;
      case 'terminal.close':
        this.closeTerminal(stringParam(p, 'id', { max: 64 }));
        return null;
      case 'files.list':
        return this.listFiles(stringParam(p, 'host', { optional: true, max: 253 }), stringParam(p, 'dir', { optional: true, max: 4096 }));
      case 'files.read': {
        const { host, fs, path } = this.resolveFile(stringParam(p, 'host', { optional: true, max: 253 }), stringParam(p, 'path', { max: 4096 }));
        return { host, path, content: fs.readFile(path) };
      }
      case 'files.write': {
        const { fs, path } = this.resolveFile(stringParam(p, 'host', { optional: true, max: 253 }), stringParam(p, 'path', { max: 4096 }));
        fs.writeFile(path, stringParam(p, 'content', { max: 5_000_000 }));
        return null;
      }
      case 'editor.done':
        this.editor.done(stringParam(p, 'id', { max: 64 }), p.saved === true);
        return null;
      case 'cluster.snapshot':
        return this.snapshot(this.session.lab);
      case 'lessons.list':
        return this.lessons.list();
      case 'lessons.get': {
        const view = this.lessons.view(stringParam(p, 'id', { max: 200 }), localeParam(p));
        if (!view) throw new RpcFailure(rpcFailure(404, 'NotFound', `lesson "${String(p.id)}" not found`));
        return view;
      }
    }
  }

  /** The first workspace to subscribe becomes the shells' editor until the last one leaves. */
  private editorRequests(locale: Locale | undefined, listener: (value: unknown) => void): Disposable {
    if (!this.editor.attached) this.editorAttachment = this.session.attachEditor(this.editor);
    const subscription = this.editor.subscribe(listener, locale);
    return toDisposable(() => {
      subscription.dispose();
      if (!this.editor.attached) {
        this.editorAttachment?.dispose();
        this.editorAttachment = undefined;
      }
    });
  }

  private info(): LabInfo {
    const lab = this.session.lab;
    const clock = lab.clock;
    return {
      seed: lab.seed,
      clock: clock.mode,
      now: clock.now(),
      speed: clock instanceof RealtimeClock ? clock.speed : 1,
      paused: clock instanceof RealtimeClock ? clock.isPaused : false,
    };
  }

  // ---- terminals ----------------------------------------------------------------------------------

  /** One terminal per lab: opening again (a reloaded page) returns the running one. */
  private openTerminal(cols: number, rows: number): { id: string } {
    const running = [...this.terminals.values()].find((t) => t.exited === undefined);
    if (running) {
      running.session.resize(cols, rows);
      return { id: running.id };
    }
    const id = `t${this.nextTerminal++}`;
    const shell = this.session.createShell({ interactive: true, columns: cols });
    const session = new TerminalSession(shell, { columns: cols, rows });
    const terminal: OpenTerminal = { id, shell, session, scrollback: '', output: new Emitter<string>(), exited: undefined, disposables: new DisposableStore() };
    terminal.disposables.add(
      session.onDidOutput((text) => {
        terminal.scrollback = (terminal.scrollback + text).slice(-SCROLLBACK_LIMIT);
        terminal.output.fire(text);
      }),
    );
    terminal.disposables.add(
      session.onDidExit((status) => {
        terminal.exited = status;
        this.exitEmitter.fire({ id, status });
      }),
    );
    terminal.disposables.add(terminal.output);
    terminal.disposables.add(session);
    terminal.disposables.add(shell);
    this.terminals.set(id, terminal);
    void session.start();
    return { id };
  }

  private readonly exitEmitter = this.disposables.add(new Emitter<{ id: string; status: number }>());

  private terminal(id: string): OpenTerminal {
    const terminal = this.terminals.get(id);
    if (!terminal) throw new RpcFailure(rpcFailure(404, 'NotFound', `terminal "${id}" not found`));
    return terminal;
  }

  private closeTerminal(id: string): void {
    const terminal = this.terminals.get(id);
    if (!terminal) return;
    this.terminals.delete(id);
    terminal.disposables.dispose();
  }

  /**
   * New subscribers first get the scrollback, so a reloaded page shows what was there. It starts
   * by clearing the screen and the terminal's own scrollback: a page that only lost its
   * connection (the WebSocket transport re-subscribes) still holds the old text and would
   * otherwise show it twice.
   */
  private terminalOutput(id: string, listener: (value: unknown) => void): Disposable {
    const terminal = this.terminal(id);
    if (terminal.scrollback) listener(REPLAY_PREFIX + terminal.scrollback);
    return terminal.output.event((text) => listener(text));
  }

  private terminalExit(id: string, listener: (value: unknown) => void): Disposable {
    const terminal = this.terminal(id);
    if (terminal.exited !== undefined) listener(terminal.exited);
    return this.exitEmitter.event((e) => {
      if (e.id === id) listener(e.status);
    });
  }

  /** The host files are opened on: the first terminal's current host, else the workstation. */
  private currentHost(): string {
    const terminal = this.terminals.values().next().value as OpenTerminal | undefined;
    return terminal?.shell.host.name ?? 'bastion';
  }

  private resolveFile(hostName: string, path: string) {
    const name = hostName || this.currentHost();
    const host = this.session.host(name);
    if (!host) throw new RpcFailure(rpcFailure(404, 'NotFound', `host "${name}" not found`));
    const absolute = path.startsWith('/') ? path : `${host.home}/${path}`;
    return { host: name, fs: host.fs, path: absolute };
  }

  private listFiles(hostName: string, dir: string): { host: string; dir: string; entries: FileEntry[] } {
    const name = hostName || this.currentHost();
    const host = this.session.host(name);
    if (!host) throw new RpcFailure(rpcFailure(404, 'NotFound', `host "${name}" not found`));
    const terminal = [...this.terminals.values()][0];
    const directory = dir || (terminal && terminal.shell.host.name === name ? terminal.shell.cwd : host.home);
    const entries = host.fs.readdir(directory).map((entry) => {
      const path = directory === '/' ? `/${entry}` : `${directory}/${entry}`;
      const stat = host.fs.stat(path);
      return { name: entry, path, isDirectory: stat.isDirectory, size: stat.size };
    });
    return { host: name, dir: directory, entries };
  }

  // ---- cluster picture and trace ----------------------------------------------------------------

  private snapshot(lab: Lab): ClusterSnapshot {
    const client = lab.client(WORKSPACE_AGENT);
    const nodes = client.list<Node>(NODES);
    const pods = client.list<Pod>(PODS);
    return snapshotOf(lab.clock.now(), nodes.ok ? nodes.value.items : [], pods.ok ? pods.value.items : []);
  }

  /** A snapshot after every batch of changes (coalesced on the lab clock), and again after a reset. */
  private clusterChanges(listener: (value: unknown) => void): Disposable {
    const store = new DisposableStore();
    let watching = new DisposableStore();
    const watch = (lab: Lab): void => {
      watching.dispose();
      watching = new DisposableStore();
      const client = lab.client(WORKSPACE_AGENT);
      const nodes = watching.add(new Informer<Node>(client, NODES));
      const pods = watching.add(new Informer<Pod>(client, PODS));
      let pending: Disposable | undefined;
      const emit = (): void => {
        pending = undefined;
        listener(snapshotOf(lab.clock.now(), nodes.list(), pods.list()));
      };
      const changed = (): void => {
        pending ??= lab.clock.schedule(0, emit);
      };
      watching.add(nodes.onDidChange(changed));
      watching.add(pods.onDidChange(changed));
      watching.add(toDisposable(() => pending?.dispose()));
      nodes.start();
      pods.start();
      emit();
    };
    watch(this.session.lab);
    store.add(this.session.onDidReset((lab) => watch(lab)));
    store.add(toDisposable(() => watching.dispose()));
    return store;
  }

  private traceStream(listener: (value: unknown) => void): Disposable {
    const store = new DisposableStore();
    let current = new DisposableStore();
    const follow = (lab: Lab): void => {
      current.dispose();
      current = new DisposableStore();
      current.add(
        lab.tracer.onDidTrace((event) => {
          if (event.from === WORKSPACE_AGENT || event.from === LESSONS_AGENT || event.from === 'kubectl-completion') return;
          const entry: TraceEntry = { ...event };
          listener(entry);
        }),
      );
    };
    follow(this.session.lab);
    store.add(this.session.onDidReset((lab) => follow(lab)));
    store.add(toDisposable(() => current.dispose()));
    return store;
  }

  dispose(): void {
    for (const id of [...this.terminals.keys()]) this.closeTerminal(id);
    this.disposables.dispose();
  }
}

class RpcFailure extends Error {
  constructor(readonly response: Extract<RpcResponse, { ok: false }>) {
    super(response.status.message);
  }
}

function localeParam(p: Record<string, unknown>): Locale {
  const locale = p.locale;
  if (typeof locale !== 'string' || !(LOCALES as readonly string[]).includes(locale)) throw new BadParams(`locale must be one of ${LOCALES.join(', ')}`);
  return locale as Locale;
}

export function snapshotOf(time: number, nodes: Node[], pods: Pod[]): ClusterSnapshot {
  const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    time,
    nodes: nodes
      .map((n) => ({
        name: n.metadata.name ?? '',
        role: (Object.keys(n.metadata.labels ?? {}).includes('node-role.kubernetes.io/control-plane') ? 'control-plane' : 'worker') as 'control-plane' | 'worker',
        address: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
        status: nodeDisplayStatus(n),
        taints: (n.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
      }))
      .sort(byName),
    pods: pods
      .map((p) => {
        const statuses = p.status?.containerStatuses ?? [];
        return {
          namespace: p.metadata.namespace ?? '',
          name: p.metadata.name ?? '',
          node: p.spec.nodeName,
          status: podDisplayStatus(p),
          phase: p.status?.phase ?? 'Pending',
          ready: `${statuses.filter((c) => c.ready).length}/${p.spec.containers.length}`,
          ip: p.status?.podIP,
        };
      })
      .sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1)),
  };
}
