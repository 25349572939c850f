/**
 * A pty-like session over a Shell: clients (xterm in the app, `kubelab shell` on a TTY) send
 * raw keystrokes and pastes and get ANSI text back, with `\r\n` line endings as a pty's ONLCR
 * gives. It does readline's job: line editing, history, Ctrl+R, Tab completion, continuation
 * prompts, Ctrl+C/D/L. Input is processed strictly in order; keys typed while a command runs
 * wait for it (Ctrl+C excepted, which interrupts it) — unless the command reads the terminal
 * itself (interactive-input.ts): then its lines are edited here and handed to it.
 */
import { Emitter, type Disposable, type Event } from '../../shared/lifecycle.js';
import { formatColumns } from './columns.js';
import { commonPrefix, complete, type Completion } from './completion.js';
import { type Key, KeyDecoder } from './key-decoder.js';
import { LineBuffer } from './line-buffer.js';
import { LineView } from './line-view.js';
import { isComplete } from './parser.js';
import type { TerminalInput, TerminalLine } from './interactive-input.js';
import { CONTINUATION_PROMPT, renderPrompt } from './prompt.js';
import type { Shell, ShellIO } from './shell.js';

export interface TerminalSessionOptions {
  readonly columns?: number;
  readonly rows?: number;
}

interface SearchState {
  query: string;
  /** Index into the history of the line shown, if any matched. */
  match: number | undefined;
  failed: boolean;
  readonly original: { readonly text: string; readonly cursor: number };
}

const BELL = '\x07';

/** A foreground command waiting for a line from the terminal. */
interface LineReader {
  readonly history: readonly string[];
  readonly resolve: (line: TerminalLine) => void;
}

export class TerminalSession implements Disposable {
  private readonly outputEmitter = new Emitter<string>();
  /** ANSI text for the client's screen. */
  readonly onDidOutput: Event<string> = this.outputEmitter.event;
  private readonly exitEmitter = new Emitter<number>();
  /** The shell ended (`exit`, Ctrl+D); carries its status. */
  readonly onDidExit: Event<number> = this.exitEmitter.event;

  private cols: number;
  private rows: number;
  private readonly decoder = new KeyDecoder();
  private readonly line = new LineBuffer();
  private readonly view: LineView;
  /** Raw input not decoded yet, and decoded keys not handled yet. */
  private raw = '';
  private keys: Key[] = [];
  private pumping = false;
  private started = false;
  private exited = false;
  private disposed = false;
  private running: AbortController | undefined;
  private idleWaiters: Array<() => void> = [];
  /** Lines of a command that is not complete yet (shown with `> `). */
  private continuation: string[] = [];
  private prompt = '';
  private historyIndex = 0;
  private readonly drafts = new Map<number, string>();
  private search: SearchState | undefined;
  private lastKeyWasTab = false;
  private readonly io: ShellIO;
  /** The foreground command's pending readLine, if it asked for one. */
  private reader: LineReader | undefined;
  /** Set while the foreground command takes Ctrl+C itself (catchInterrupts). */
  private interruptCatcher: AbortController | undefined;

  constructor(
    private readonly shell: Shell,
    options: TerminalSessionOptions = {},
  ) {
    // A pty that reports 0×0 (no size set yet) means "unknown", not "two columns".
    this.cols = options.columns && options.columns > 0 ? Math.max(2, Math.floor(options.columns)) : 80;
    this.rows = options.rows && options.rows > 0 ? Math.floor(options.rows) : 24;
    this.view = new LineView(this.cols);
    this.shell.columns = this.cols;
    const write = (text: string): void => this.emit(text.replace(/\r?\n/g, '\r\n'));
    this.io = { stdout: { write }, stderr: { write }, isTerminal: true, terminal: this.terminalInput() };
  }

  /** The client's terminal size as last reported. */
  get size(): { readonly columns: number; readonly rows: number } {
    return { columns: this.cols, rows: this.rows };
  }

  /** Source ~/.bashrc and show the first prompt. Input sent before this is kept. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.shell.start(this.io);
    this.started = true;
    this.resetHistoryNavigation();
    this.showPrompt();
    void this.pump();
  }

  /** Keystrokes or pasted text from the client. */
  input(data: string): void {
    if (this.exited || this.disposed) return;
    if (this.running && !this.reader) {
      const interrupt = data.indexOf('\x03');
      if (interrupt >= 0 && this.interruptCatcher) {
        // The command takes the interrupt (a container's shell stops its line); type-ahead is dropped.
        this.interruptCatcher.abort();
        this.keys = [];
        this.raw = data.slice(interrupt + 1);
        return;
      }
      if (interrupt >= 0) {
        // Like a tty's VINTR: the command is interrupted and type-ahead is discarded.
        this.running.abort();
        this.emit('^C');
        this.keys = [];
        this.raw = data.slice(interrupt + 1);
        return;
      }
    }
    this.raw += data;
    void this.pump();
  }

  resize(cols: number, rows: number): void {
    if (!(cols > 0) || !(rows > 0)) return;
    this.cols = Math.max(2, Math.floor(cols));
    this.rows = Math.max(1, Math.floor(rows));
    this.view.resize(this.cols);
    this.shell.columns = this.cols;
  }

  /** Resolves once every input so far has been handled and no command is running. */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Every input handled, and no command running unless it waits for a line. */
  private idle(): boolean {
    if (this.disposed) return true;
    const inputDone = !this.pumping && (this.raw === '' || !this.started || this.exited) && this.keys.length === 0;
    return inputDone && (!this.running || this.reader !== undefined);
  }

  private settle(): void {
    if (this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.running?.abort();
    this.reader?.resolve({ kind: 'eof' });
    this.reader = undefined;
    this.outputEmitter.dispose();
    this.exitEmitter.dispose();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  // ---- input loop ---------------------------------------------------------------------------

  private async pump(): Promise<void> {
    if (this.pumping || !this.started) return;
    this.pumping = true;
    try {
      while (!this.exited && !this.disposed) {
        // Keys typed while a command runs wait for it, unless it is reading a line.
        if (this.running && !this.reader) break;
        if (this.keys.length === 0) {
          if (this.raw === '') break;
          this.keys = this.decoder.decode(this.raw);
          this.raw = '';
          continue;
        }
        const key = this.keys.shift()!;
        await this.handle(key);
      }
    } finally {
      this.pumping = false;
      this.settle();
    }
  }

  private emit(text: string): void {
    if (text !== '' && !this.disposed) this.outputEmitter.fire(text);
  }

  private async handle(key: Key): Promise<void> {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = key.kind === 'key' && key.name === 'tab';
    if (this.reader && this.handleReaderKey(key)) return;
    if (this.search) {
      if (await this.handleSearch(key)) return;
    }
    if (key.kind === 'text') {
      this.insert(key.text);
      return;
    }
    const line = this.line;
    switch (key.name) {
      case 'enter':
        return this.accept();
      case 'tab':
        return this.completeWord(wasTab);
      case 'backspace':
      case 'ctrl+h':
        return this.edit(line.backspace());
      case 'delete':
        return this.edit(line.deleteForward());
      case 'ctrl+d':
        if (line.text === '') return this.endOfInput();
        return this.edit(line.deleteForward());
      case 'left':
      case 'ctrl+b':
        return this.move(line.left());
      case 'right':
      case 'ctrl+f':
        return this.move(line.right());
      case 'home':
      case 'ctrl+a':
        return this.move(line.home());
      case 'end':
      case 'ctrl+e':
        return this.move(line.end());
      case 'word-left':
      case 'alt+b':
        return this.move(line.wordLeft());
      case 'word-right':
      case 'alt+f':
        return this.move(line.wordRight());
      case 'ctrl+u':
        return this.edit(line.killToStart());
      case 'ctrl+k':
        return this.edit(line.killToEnd());
      case 'ctrl+w':
        return this.edit(line.killWordBack());
      case 'alt+backspace':
        return this.edit(line.killWordLeft());
      case 'alt+d':
        return this.edit(line.killWordRight());
      case 'ctrl+y':
        return this.edit(line.yank());
      case 'up':
      case 'ctrl+p':
        return this.historyStep(-1);
      case 'down':
      case 'ctrl+n':
        return this.historyStep(1);
      case 'ctrl+c':
        return this.interrupt();
      case 'ctrl+l':
        this.emit(this.view.redrawAll(this.prompt, line.text, line.cursor));
        return;
      case 'ctrl+r':
        return this.startSearch();
      default:
        return;
    }
  }

  // ---- editing ------------------------------------------------------------------------------

  private insert(text: string): void {
    const atEnd = this.line.atEnd;
    this.line.insert(text);
    this.emit(atEnd ? this.view.append(this.line.text, text) : this.view.render(this.line.text, this.line.cursor));
  }

  private edit(changed: boolean): void {
    if (!changed) {
      this.emit(BELL);
      return;
    }
    this.emit(this.view.render(this.line.text, this.line.cursor));
  }

  private move(moved: boolean): void {
    if (moved) this.emit(this.view.moveCursor(this.line.text, this.line.cursor));
  }

  private showPrompt(): void {
    this.prompt = this.continuation.length > 0 ? CONTINUATION_PROMPT : renderPrompt(this.shell.prompt());
    this.line.set('');
    this.emit(this.view.begin(this.prompt));
  }

  private historyStep(direction: -1 | 1): void {
    const entries = this.reader?.history ?? this.shell.history.entries;
    const next = this.historyIndex + direction;
    if (next < 0 || next > entries.length) {
      this.emit(BELL);
      return;
    }
    // Edits to a recalled line are kept until the line is accepted, as readline does.
    this.drafts.set(this.historyIndex, this.line.text);
    this.historyIndex = next;
    const text = this.drafts.get(next) ?? entries[next] ?? '';
    this.line.set(text);
    this.emit(this.view.render(text, text.length));
  }

  private resetHistoryNavigation(): void {
    this.drafts.clear();
    this.historyIndex = this.shell.history.entries.length;
  }

  private interrupt(): void {
    this.emit(this.view.finish(this.line.text) + '^C\r\n');
    this.continuation = [];
    this.search = undefined;
    this.shell.interrupted();
    this.resetHistoryNavigation();
    this.showPrompt();
  }

  // ---- running commands ---------------------------------------------------------------------

  private async accept(): Promise<void> {
    const text = this.line.text;
    this.emit(this.view.finish(text) + '\r\n');
    this.shell.history.add(text);
    const lines = [...this.continuation, text];
    const command = lines.join('\n');
    if (!isComplete(command)) {
      this.continuation = lines;
      this.resetHistoryNavigation();
      this.showPrompt();
      return;
    }
    this.continuation = [];
    this.resetHistoryNavigation();
    if (command.trim() === '') {
      this.showPrompt();
      return;
    }
    this.execute(command);
  }

  /** Ctrl+D on an empty line: end of a continuation (bash reports what is missing) or `exit`. */
  private async endOfInput(): Promise<void> {
    if (this.continuation.length > 0) {
      const command = this.continuation.join('\n');
      this.continuation = [];
      this.emit('\r\n');
      this.execute(command);
      return;
    }
    this.execute('exit');
  }

  /** Start the command; the input loop goes on only for lines the command itself reads. */
  private execute(command: string): void {
    const controller = new AbortController();
    this.running = controller;
    void this.shell
      .run(command, this.io, controller.signal)
      .then(
        (status) => this.finished(controller, status),
        () => this.finished(controller, 1),
      )
      .finally(() => {
        void this.pump();
        this.settle();
      });
  }

  private finished(controller: AbortController, status: number): void {
    this.running = undefined;
    this.reader = undefined;
    this.interruptCatcher = undefined;
    if (this.disposed) return;
    if (controller.signal.aborted) this.emit('\r\n');
    this.resetHistoryNavigation();
    if (this.shell.exited) {
      this.exited = true;
      this.exitEmitter.fire(status);
      return;
    }
    this.showPrompt();
  }

  // ---- lines read by the foreground command ---------------------------------------------------

  private terminalInput(): TerminalInput {
    return {
      readLine: (prompt, history = []) =>
        new Promise<TerminalLine>((resolve) => {
          if (this.disposed || !this.running) {
            resolve({ kind: 'eof' });
            return;
          }
          this.reader = { history, resolve };
          this.prompt = prompt;
          this.drafts.clear();
          this.historyIndex = history.length;
          this.line.set('');
          this.emit(this.view.begin(prompt));
          void this.pump();
          this.settle();
        }),
      catchInterrupts: async (work) => {
        const catcher = new AbortController();
        this.interruptCatcher = catcher;
        try {
          return await work(catcher.signal);
        } finally {
          if (this.interruptCatcher === catcher) this.interruptCatcher = undefined;
        }
      },
    };
  }

  /**
   * Keys that end or refuse a line the foreground command reads; true when consumed. Editing and
   * history work as at the prompt.
   */
  private handleReaderKey(key: Key): boolean {
    const line = this.line;
    const hand = (result: TerminalLine, echo: string): true => {
      const reader = this.reader!;
      this.reader = undefined;
      this.emit(this.view.finish(line.text) + echo);
      reader.resolve(result);
      return true;
    };
    if (key.kind !== 'key') return false;
    switch (key.name) {
      case 'enter':
        return hand({ kind: 'line', text: line.text }, '\r\n');
      case 'ctrl+d':
        return line.text === '' && hand({ kind: 'eof' }, '');
      case 'ctrl+c':
        return hand({ kind: 'interrupt' }, '');
      case 'tab':
      case 'ctrl+r':
        // The container's shell completes nothing here.
        this.emit(BELL);
        return true;
      default:
        return false;
    }
  }

  // ---- completion ---------------------------------------------------------------------------

  private async completeWord(secondTab: boolean): Promise<void> {
    const shell = this.shell;
    const completion: Completion = await complete(this.line.text, this.line.cursor, {
      commandNames: () => shell.commandNames(),
      aliases: shell.aliases,
      completerFor: (name) => shell.completerFor(name),
      fs: shell.host.fs,
      cwd: shell.cwd,
      home: shell.state.env.get('HOME') ?? shell.host.home,
    });
    const { candidates, start, word } = completion;
    if (candidates.length === 0) {
      this.emit(BELL);
      return;
    }
    if (candidates.length === 1) {
      const only = candidates[0]!;
      this.replaceWord(start, only.value + only.suffix);
      return;
    }
    const prefix = commonPrefix(candidates.map((c) => c.value));
    if (prefix.length > word.length) {
      this.replaceWord(start, prefix);
      return;
    }
    if (!secondTab) {
      this.emit(BELL);
      return;
    }
    const listing = formatColumns(
      candidates.map((c) => c.display),
      this.cols,
    ).replace(/\n/g, '\r\n');
    this.emit(this.view.finish(this.line.text) + '\r\n' + listing + this.view.begin(this.prompt) + this.view.render(this.line.text, this.line.cursor));
  }

  private replaceWord(start: number, text: string): void {
    this.line.replaceBeforeCursor(start, text);
    this.emit(this.view.render(this.line.text, this.line.cursor));
  }

  // ---- reverse-i-search ---------------------------------------------------------------------

  private startSearch(): void {
    this.search = { query: '', match: undefined, failed: false, original: { text: this.line.text, cursor: this.line.cursor } };
    this.renderSearch();
  }

  /** True when the key was consumed by the search; false when it ends the search and goes on. */
  private async handleSearch(key: Key): Promise<boolean> {
    const search = this.search!;
    if (key.kind === 'text') {
      search.query += key.text;
      this.findMatch(search.match ?? this.shell.history.entries.length - 1);
      this.renderSearch();
      return true;
    }
    switch (key.name) {
      case 'ctrl+r':
        if (search.query !== '') this.findMatch((search.match ?? this.shell.history.entries.length) - 1);
        this.renderSearch();
        return true;
      case 'backspace':
        search.query = search.query.slice(0, -1);
        search.match = undefined;
        if (search.query !== '') this.findMatch(this.shell.history.entries.length - 1);
        else this.line.set(search.original.text, search.original.cursor);
        this.renderSearch();
        return true;
      case 'ctrl+g':
        this.search = undefined;
        this.line.set(search.original.text, search.original.cursor);
        this.emit(this.view.render(this.line.text, this.line.cursor, this.prompt));
        return true;
      case 'ctrl+c':
        this.search = undefined;
        return false;
      default:
        // Any other key accepts the match into the line and is then handled normally.
        this.search = undefined;
        this.emit(this.view.render(this.line.text, this.line.cursor, this.prompt));
        return false;
    }
  }

  private findMatch(from: number): void {
    const search = this.search!;
    const entries = this.shell.history.entries;
    for (let i = Math.min(from, entries.length - 1); i >= 0; i--) {
      const at = entries[i]!.lastIndexOf(search.query);
      if (at >= 0) {
        search.match = i;
        search.failed = false;
        this.line.set(entries[i]!, at);
        this.historyIndex = i;
        return;
      }
    }
    search.failed = true;
  }

  private renderSearch(): void {
    const search = this.search!;
    const label = `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${search.query}': `;
    this.emit(this.view.render(this.line.text, this.line.cursor, label));
  }
}
