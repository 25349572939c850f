/**
 * Cuts a stream of text into whole commands: lines are gathered until they parse as complete
 * (closed quotes, here-document bodies read, no trailing `|`, `&&` or `\`). The script runner
 * and `source` run each command as soon as it is whole, so an alias defined on one line
 * applies to the next, as in bash.
 */
import { isComplete } from './parser.js';

export class CommandBuffer {
  private pending: string[] = [];
  private partial = '';

  /** Add text; returns the commands it completed, in order. */
  push(chunk: string): string[] {
    this.partial += chunk;
    const out: string[] = [];
    let newline = this.partial.indexOf('\n');
    while (newline >= 0) {
      const line = this.partial.slice(0, newline);
      this.partial = this.partial.slice(newline + 1);
      this.addLine(line, out);
      newline = this.partial.indexOf('\n');
    }
    return out;
  }

  /** The input is over: whatever is left, complete or not (the parser reports what is missing). */
  end(): string | undefined {
    const out: string[] = [];
    if (this.partial !== '') this.addLine(this.partial, out);
    this.partial = '';
    const rest = this.pending.join('\n');
    this.pending = [];
    if (rest.trim() !== '') out.push(rest);
    return out.length > 0 ? out.join('\n') : undefined;
  }

  /** True while lines are waiting for the rest of their command. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  private addLine(line: string, out: string[]): void {
    this.pending.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    const text = this.pending.join('\n');
    if (!isComplete(text)) return;
    this.pending = [];
    if (text.trim() !== '') out.push(text);
  }
}
