/**
 * The non-TTY face of `kubelab shell`: runs a script fed whole or in chunks, command by command
 * as each becomes complete (heredocs and multi-line commands included). No prompts and no
 * echo; each command's stdout and stderr go to their sinks in the order written. Stops at
 * `exit N` or at the end of input and resolves to the last status. The Shell should be created
 * with `interactive: false` so confirmations are answered "yes".
 */
import { CommandBuffer } from './command-buffer.js';
import type { Shell, ShellIO } from './shell.js';
import type { OutputStream } from './types.js';

export interface ScriptRunnerOptions {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Aborts the running command and stops the script (SIGINT on the CLI). */
  readonly signal?: AbortSignal;
}

export class ScriptRunner {
  private readonly buffer = new CommandBuffer();
  private readonly io: ShellIO;
  private readonly signal: AbortSignal;
  private queue: Promise<void> = Promise.resolve();
  private status = 0;
  private ended = false;

  constructor(
    private readonly shell: Shell,
    options: ScriptRunnerOptions,
  ) {
    this.io = { stdout: options.stdout, stderr: options.stderr, isTerminal: false };
    this.signal = options.signal ?? new AbortController().signal;
    this.queue = this.shell.start(this.io);
  }

  /** True once `exit` ran, the input ended or the signal aborted: later input is ignored. */
  get finished(): boolean {
    return this.shell.exited || this.signal.aborted || this.ended;
  }

  /** Feed more script text; resolves when the commands it completed have run. */
  write(chunk: string): Promise<void> {
    if (this.ended) return this.queue;
    const commands = this.buffer.push(chunk);
    return this.enqueue(commands);
  }

  /** The input is over: run what is left and resolve to the final status. */
  async end(): Promise<number> {
    if (!this.ended) {
      this.ended = true;
      const rest = this.buffer.end();
      await this.enqueue(rest === undefined ? [] : [rest]);
    }
    await this.queue;
    return this.shell.exitStatus ?? (this.signal.aborted ? 130 : this.status);
  }

  /** Run a whole script. */
  async run(script: string): Promise<number> {
    await this.write(script);
    return this.end();
  }

  private enqueue(commands: readonly string[]): Promise<void> {
    this.queue = this.queue.then(async () => {
      for (const command of commands) {
        if (this.shell.exited || this.signal.aborted) return;
        this.status = await this.shell.run(command, this.io, this.signal);
      }
    });
    return this.queue;
  }
}
