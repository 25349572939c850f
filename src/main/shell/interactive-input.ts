/**
 * The seam through which a foreground command reads the terminal itself, as `kubectl exec -it`
 * does: the terminal session edits a line for it (prompt, cursor keys, its own history) and hands
 * it over on Enter, reports Ctrl+D on an empty line as end of input and Ctrl+C as an interrupt, and
 * while the command works between lines lets it take Ctrl+C instead of being interrupted itself.
 * Only a person at a terminal has one: scripts and piped input give commands no TerminalInput.
 */

/** What one read of the terminal gave. */
export type TerminalLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'eof' } | { readonly kind: 'interrupt' };

export interface TerminalInput {
  /**
   * Show `prompt` (already on the screen's current line as the program printed it) and edit a line
   * after it. ↑/↓ walk `history`, which the caller keeps (a container's shell has its own). The line
   * is echoed with its newline; an interrupt or end of input echoes nothing more (the program
   * prints what it prints then).
   */
  readLine(prompt: string, history?: readonly string[]): Promise<TerminalLine>;
  /**
   * Run `work` with Ctrl+C delivered to it: the key aborts the signal `work` is given (and drops
   * type-ahead, as a tty does) instead of interrupting the command.
   */
  catchInterrupts<T>(work: (interrupt: AbortSignal) => Promise<T>): Promise<T>;
}
