/**
 * The interactive side of `pods/exec` with stdin and a tty (`kubectl exec -it POD -- sh`): the
 * upgraded connection as the lab models it. The client writes what is typed on the stdin stream
 * a line at a time and reads back what the process wrote to its terminal, until the process ends.
 * The process runs on the lab clock: when it sleeps, the client lets that much time pass (or sends
 * Ctrl+C) before it asks it to go on.
 */

/** What the process did since the client last spoke to it. */
export interface ExecStreamChunk {
  /** What it wrote to the terminal (stdout and stderr together, as a tty has one output). */
  readonly output: string;
  /** It waits for a line of input, showing this prompt. */
  readonly prompt?: string;
  /** It sleeps this much lab time (Infinity: until interrupted) before `resume()`. */
  readonly sleepMs?: number;
  /** It ended with this exit status; the stream is closed. */
  readonly exitCode?: number;
}

export interface ExecStreamSession {
  /** The process starting: what it writes up to its first prompt. */
  start(): ExecStreamChunk;
  /** A line typed on the terminal (without its newline). */
  writeLine(line: string): ExecStreamChunk;
  /** Go on after the sleep the last chunk asked for. */
  resume(): ExecStreamChunk;
  /** Ctrl+C on the terminal: SIGINT to the foreground job (the line being run, or the prompt). */
  interrupt(): ExecStreamChunk;
  /** Ctrl+D at an empty prompt: end of input. */
  endInput(): ExecStreamChunk;
}
