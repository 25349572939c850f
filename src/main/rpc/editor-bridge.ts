/**
 * The workspace editor as the shells' ShellEditor: each edit becomes an `editor.requests` event to
 * the subscribed workspace, and waits for its `editor.done` (saved or closed). Ctrl+C in the
 * terminal stops waiting; a workspace that goes away answers pending edits as closed.
 */
import { type Disposable, toDisposable } from '../../shared/lifecycle.js';
import type { EditRequest, Locale } from '../../shared/rpc/contract.js';
import type { ShellEditor } from '../shell/types.js';

export class EditorBridge implements ShellEditor, Disposable {
  private readonly pending = new Map<string, (saved: boolean) => void>();
  private readonly listeners = new Set<(request: EditRequest) => void>();
  private nextId = 1;
  /** The language of the workspace that subscribed last (the terminal's line while a file is open). */
  private currentLocale: Locale | undefined;

  /** A workspace subscribed to `editor.requests`, in `locale`. */
  subscribe(listener: (request: EditRequest) => void, locale?: Locale): Disposable {
    this.listeners.add(listener);
    if (locale !== undefined) this.currentLocale = locale;
    return toDisposable(() => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const id of [...this.pending.keys()]) this.done(id, false);
    });
  }

  get locale(): Locale | undefined {
    return this.currentLocale;
  }

  get attached(): boolean {
    return this.listeners.size > 0;
  }

  edit(request: { readonly host: string; readonly path: string }, signal: AbortSignal): Promise<{ readonly saved: boolean }> {
    const id = `e${this.nextId++}`;
    return new Promise((resolve) => {
      const onAbort = (): void => this.done(id, false);
      this.pending.set(id, (saved) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ saved });
      });
      signal.addEventListener('abort', onAbort, { once: true });
      for (const listener of this.listeners) listener({ id, host: request.host, path: request.path });
    });
  }

  /** `editor.done`: unknown ids (already answered) are ignored. */
  done(id: string, saved: boolean): void {
    const resolve = this.pending.get(id);
    if (!resolve) return;
    this.pending.delete(id);
    resolve(saved);
  }

  dispose(): void {
    for (const id of [...this.pending.keys()]) this.done(id, false);
    this.listeners.clear();
  }
}
