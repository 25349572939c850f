/**
 * The registry the composition root fills with engine commands (`kubectl`, `lab`) and their
 * Tab completers; the shell looks commands up here after its own built-ins.
 */
import { toDisposable, type Disposable } from '../../shared/lifecycle.js';
import type { CommandCompleter, CommandHandler, CommandOptions, CommandRegistry } from './types.js';

interface Entry {
  readonly handler: CommandHandler;
  readonly complete: CommandCompleter | undefined;
}

export class InMemoryCommandRegistry implements CommandRegistry {
  private readonly entries = new Map<string, Entry>();

  register(name: string, handler: CommandHandler, options: CommandOptions = {}): Disposable {
    if (!/^[A-Za-z0-9_.+-]+$/.test(name)) throw new Error(`invalid command name: ${JSON.stringify(name)}`);
    if (this.entries.has(name)) throw new Error(`command already registered: ${name}`);
    const entry: Entry = { handler, complete: options.complete };
    this.entries.set(name, entry);
    return toDisposable(() => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
    });
  }

  get(name: string): CommandHandler | undefined {
    return this.entries.get(name)?.handler;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  completer(name: string): CommandCompleter | undefined {
    return this.entries.get(name)?.complete;
  }
}
