/**
 * The one typed RPC contract between the workspace (renderer) and the engine: every method with
 * its params and result, every stream with its params and events. Transports (Electron IPC,
 * WebSocket, in-memory for tests) carry these untyped (`LabWindowApi`); `LabClient` and the
 * engine's `RpcServer` give them types. Errors cross as Kubernetes `Status` objects.
 */
import type { Status } from '../api/meta.js';

export type Locale = 'zh-TW' | 'zh-CN' | 'en';

export interface LabInfo {
  seed: number;
  clock: 'virtual' | 'realtime';
  /** Simulated time, ms since the epoch. */
  now: number;
  speed: number;
  paused: boolean;
}

export interface NodeSummary {
  name: string;
  role: 'control-plane' | 'worker';
  address: string;
  /** `Ready`, `NotReady`, `Unknown`, maybe `,SchedulingDisabled`. */
  status: string;
  taints: string[];
}

export interface PodSummary {
  namespace: string;
  name: string;
  node: string | undefined;
  /** kubectl's STATUS column: `Running`, `ContainerCreating`, `Terminating` … */
  status: string;
  phase: string;
  ready: string;
  ip: string | undefined;
}

export interface ClusterSnapshot {
  /** Simulated time of the snapshot. */
  time: number;
  nodes: NodeSummary[];
  pods: PodSummary[];
}

export interface TraceEntry {
  seq: number;
  time: number;
  from: string;
  to: string;
  verb: string;
  resource?: string;
  namespace?: string;
  name?: string;
  key?: string;
  revision?: number;
  code?: number;
}

export interface FileEntry {
  name: string;
  path: string;
  isDirectory: boolean;
  size: number;
}

export interface LessonSummary {
  id: string;
  title: Record<Locale, string>;
}

export interface LessonStepView {
  id: string;
  /** Markdown, already localised. */
  text: string;
  done: boolean;
  /** A nudge, Markdown, shown on request. */
  hint?: string;
  /** The commands that complete the step, Markdown, shown on request. */
  solution?: string;
}

export interface LessonView {
  id: string;
  title: string;
  /** Introductory Markdown, localised. */
  intro: string;
  steps: LessonStepView[];
}

/** The shell asks the workspace to open a host file (`vim FILE`, `kubectl edit`); answer with `editor.done`. */
export interface EditRequest {
  id: string;
  host: string;
  path: string;
}

export interface TerminalOpened {
  id: string;
}

/** Request/response methods: name → [params, result]. */
export interface LabMethods {
  'lab.info': [Record<string, never>, LabInfo];
  'terminal.open': [{ cols: number; rows: number }, TerminalOpened];
  'terminal.input': [{ id: string; data: string }, null];
  'terminal.resize': [{ id: string; cols: number; rows: number }, null];
  'terminal.close': [{ id: string }, null];
  /** Files on the host the terminal is on (or a named host). */
  'files.list': [{ host?: string; dir?: string }, { host: string; dir: string; entries: FileEntry[] }];
  'files.read': [{ host?: string; path: string }, { host: string; path: string; content: string }];
  'files.write': [{ host?: string; path: string; content: string }, null];
  /** The learner saved (`saved: true`) or closed the file an `editor.requests` event opened. */
  'editor.done': [{ id: string; saved: boolean }, null];
  'cluster.snapshot': [Record<string, never>, ClusterSnapshot];
  'lessons.list': [Record<string, never>, LessonSummary[]];
  'lessons.get': [{ id: string; locale: Locale }, LessonView];
}

/** Streams: name → [params, event]. */
export interface LabStreams {
  'terminal.output': [{ id: string }, string];
  'terminal.exit': [{ id: string }, number];
  /**
   * Files the shell wants opened in the editor; subscribing makes this workspace the shell's editor.
   * `locale` (default en) is the language of the line the terminal shows while a file is open.
   */
  'editor.requests': [{ locale?: Locale }, EditRequest];
  'cluster.changes': [Record<string, never>, ClusterSnapshot];
  trace: [Record<string, never>, TraceEntry];
  'lessons.progress': [{ id: string; locale: Locale }, LessonView];
}

export type MethodName = keyof LabMethods;
export type StreamName = keyof LabStreams;
export type Params<M extends MethodName> = LabMethods[M][0];
export type Result<M extends MethodName> = LabMethods[M][1];
export type StreamParams<S extends StreamName> = LabStreams[S][0];
export type StreamEvent<S extends StreamName> = LabStreams[S][1];

export const METHOD_NAMES: readonly MethodName[] = [
  'lab.info',
  'terminal.open',
  'terminal.input',
  'terminal.resize',
  'terminal.close',
  'files.list',
  'files.read',
  'files.write',
  'editor.done',
  'cluster.snapshot',
  'lessons.list',
  'lessons.get',
];

export const STREAM_NAMES: readonly StreamName[] = ['terminal.output', 'terminal.exit', 'editor.requests', 'cluster.changes', 'trace', 'lessons.progress'];

/** Thrown by LabClient when the engine answers with a Status. */
export class RpcError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'error');
  }
}
