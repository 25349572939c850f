/**
 * Where a command's output goes inside the interpreter: the terminal (or the script runner's
 * sinks), a pipe buffer, a file on the host, or nowhere. `isTerminal` is what `ls` checks.
 */
import type { OutputStream } from './types.js';

export interface Sink extends OutputStream {
  readonly isTerminal: boolean;
}

/**
 * Text piped or redirected into commands. Commands of one loop or group share it, and each
 * takes what it reads: `read` a line, `cat` the rest (`… | while read line; do …; done`).
 */
export class StdinBuffer {
  private rest: string;

  constructor(text: string) {
    this.rest = text;
  }

  takeAll(): string {
    const text = this.rest;
    this.rest = '';
    return text;
  }

  /** The next line without its newline; undefined at end of input. */
  takeLine(): string | undefined {
    if (this.rest === '') return undefined;
    const newline = this.rest.indexOf('\n');
    const line = newline < 0 ? this.rest : this.rest.slice(0, newline);
    this.rest = newline < 0 ? '' : this.rest.slice(newline + 1);
    return line;
  }
}

/** The standard streams of one command as the interpreter sets them up. */
export interface ExecIO {
  /** Text redirected or piped in; undefined when stdin is the terminal. */
  readonly stdin: StdinBuffer | undefined;
  readonly stdout: Sink;
  readonly stderr: Sink;
}

/** Collects output: a pipe between stages, or a command substitution. */
export class BufferSink implements Sink {
  readonly isTerminal = false;
  private chunks: string[] = [];

  write(text: string): void {
    this.chunks.push(text);
  }

  get text(): string {
    return this.chunks.join('');
  }
}

export const nullSink: Sink = { isTerminal: false, write: () => undefined };

export function streamSink(stream: OutputStream, isTerminal: boolean, isOpen: () => boolean = () => true): Sink {
  return {
    isTerminal,
    write: (text) => {
      if (isOpen() && text !== '') stream.write(text);
    },
  };
}
