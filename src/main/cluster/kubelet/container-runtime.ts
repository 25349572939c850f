/**
 * One simulated container process (what containerd's shim runs): it steps its Program on the lab
 * clock — each yielded duration is a sleep — writes what it prints to its instance log with the
 * time it was printed, and reports its exit status once. Killing it ends it without a report; the
 * kubelet decides what exit that was.
 */
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { Userland } from './image-catalog.js';
import type { Program } from './behaviour.js';
import { InstanceLog } from './logs.js';
import type { ProcessContext, ProcessRun } from './shell-script.js';
import type { ProcessTools } from './exec.js';

export interface ProcessOptions {
  clock: Clock;
  userland: Userland;
  /** Built on first use: most processes never read their environment. */
  env: () => Map<string, string>;
  podIP?: string;
  /** The image's tools (wget, nslookup, ls …) for the commands the process runs. */
  tools?: ProcessTools;
  /** The container's files and volumes (without what the process wrote), built when first read. */
  containerFiles?: () => ReadonlyMap<string, string> | undefined;
  /** Where the process keeps what it writes (emptyDir paths go to the Pod's volumes); a plain map by default. */
  files?: () => Map<string, string>;
  log: InstanceLog;
  onExit(code: number): void;
}

export class ContainerProcess implements Disposable {
  readonly ctx: ProcessContext;
  private run: ProcessRun | undefined;
  private timer: Disposable | undefined;
  private ended = false;

  readonly log: InstanceLog;

  constructor(
    readonly program: Program,
    private readonly options: ProcessOptions,
  ) {
    this.log = options.log;
    const log = options.log;
    const clock = options.clock;
    let env: Map<string, string> | undefined;
    let files: Map<string, string> | undefined;
    const tools = options.tools;
    this.ctx = {
      userland: options.userland,
      get env() {
        return (env ??= options.env());
      },
      get files() {
        return (files ??= options.files?.() ?? new Map());
      },
      listening: new Set(),
      podIP: options.podIP,
      now: () => clock.now(),
      out: (stream, text) => log.append({ time: clock.now(), stream, text }),
      startup: (lines) => log.setPreamble(clock.now(), lines),
      ...(tools ? { command: (name, args, write, io) => tools(this.ctx, name, args, write, io) } : {}),
      ...(options.containerFiles ? { fileView: () => overlay(options.containerFiles?.(), (files ??= options.files?.() ?? new Map())) } : {}),
    };
  }

  get exited(): boolean {
    return this.ended;
  }

  start(): void {
    this.run = this.program.run(this.ctx);
    this.step();
  }

  private step(): void {
    if (this.ended || !this.run) return;
    let next = this.run.next();
    while (!next.done && next.value <= 0) next = this.run.next();
    if (next.done) {
      this.ended = true;
      this.ctx.listening.clear();
      this.options.onExit(next.value);
      return;
    }
    if (next.value === Infinity) return;
    this.timer = this.options.clock.schedule(Math.max(0, next.value), () => this.step());
  }

  /** Input for a process that waits on it (a shell's terminal, exec-attach.ts): step it now. */
  wake(): void {
    if (this.ended || !this.run) return;
    this.timer?.dispose();
    this.timer = undefined;
    this.step();
  }

  /** SIGKILL (or a signal it honours): the process is gone; no exit is reported. */
  kill(): void {
    this.ended = true;
    this.ctx.listening.clear();
    this.timer?.dispose();
    this.timer = undefined;
  }

  dispose(): void {
    this.kill();
  }
}

/** The container's files with what was written into it on top. */
function overlay(container: ReadonlyMap<string, string> | undefined, written: Map<string, string> | undefined): ReadonlyMap<string, string> | undefined {
  if (!container) return written;
  if (!written || written.size === 0) return container;
  return new Map([...container, ...written]);
}
