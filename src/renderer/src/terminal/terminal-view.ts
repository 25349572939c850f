/**
 * The workspace terminal: a plain class that owns one xterm instance, its addons and every
 * subscription, released together by `dispose()` (the Freelens pattern). The shell itself runs
 * in the engine (a pty-like session): this side only draws its output and sends keystrokes and
 * resizes. `terminal.open` returns the lab's running terminal after a reload, and the output
 * stream replays its scrollback first, so the page shows what was there.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { type ITheme, Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { type Disposable, DisposableStore, toDisposable } from '../../../shared/lifecycle.js';
import type { LabClient } from '../../../shared/rpc/lab-client.js';

export interface TerminalViewOptions {
  client: LabClient;
  fontFamily: string;
  lineHeight: number;
  /** New output arrived (the lab may have moved: the clock store re-reads time). */
  onOutput?: () => void;
  /** The shell ended (`exit`, Ctrl+D). */
  onExit?: (status: number) => void;
}

/** A calm dark palette; ANSI colours chosen to stay readable on it (kubectl, ls, the prompt). */
const THEME: ITheme = {
  background: '#1b2230',
  foreground: '#dfe5ee',
  cursor: '#f0c674',
  cursorAccent: '#1b2230',
  selectionBackground: '#3b4a63',
  black: '#27303f',
  red: '#f07178',
  green: '#a3d977',
  yellow: '#f0c674',
  blue: '#82aaff',
  magenta: '#c792ea',
  cyan: '#89ddff',
  white: '#dfe5ee',
  brightBlack: '#6b7689',
  brightRed: '#ff8b92',
  brightGreen: '#c3e88d',
  brightYellow: '#ffd68a',
  brightBlue: '#a3c2ff',
  brightMagenta: '#ddb3ff',
  brightCyan: '#a8ecff',
  brightWhite: '#ffffff',
};

export class TerminalView implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly terminal: Terminal;
  private readonly fitAddon = new FitAddon();
  private id: string | undefined;
  private size = { cols: 0, rows: 0 };
  private pendingInput = '';
  private sending = false;
  private fitFrame: number | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: TerminalViewOptions,
  ) {
    this.terminal = new Terminal({
      // `terminal.unicode` (below) is still a proposed API in xterm 6.
      allowProposedApi: true,
      fontFamily: options.fontFamily,
      fontSize: 14,
      lineHeight: options.lineHeight,
      cursorBlink: true,
      scrollback: 5000,
      theme: THEME,
    });
    this.disposables.add(toDisposable(() => this.terminal.dispose()));

    this.terminal.loadAddon(this.fitAddon);
    // CJK characters take two cells only with Unicode 11 widths active; the engine's line editor
    // measures with the same rules, so cursor movement over Chinese text stays aligned.
    this.terminal.loadAddon(new Unicode11Addon());
    this.terminal.unicode.activeVersion = '11';
    this.terminal.loadAddon(new WebLinksAddon((event, uri) => this.openLink(event, uri)));

    this.terminal.open(container);
    this.fitNow();

    const observer = new ResizeObserver(() => this.scheduleFit());
    observer.observe(container);
    this.disposables.add(toDisposable(() => observer.disconnect()));
    this.disposables.add(toDisposable(() => this.fitFrame !== undefined && cancelAnimationFrame(this.fitFrame)));
  }

  /** Opens (or re-attaches to) the lab's terminal and starts the streams. Call once. */
  async start(): Promise<void> {
    const { client } = this.options;
    this.size = { cols: this.terminal.cols, rows: this.terminal.rows };
    const { id } = await client.invoke('terminal.open', { cols: Math.max(2, this.size.cols), rows: Math.max(1, this.size.rows) });
    if (this.disposables.isDisposed) return;
    this.id = id;
    this.disposables.add(
      client.subscribe('terminal.output', { id }, (text) => {
        this.terminal.write(text);
        this.options.onOutput?.();
      }),
    );
    this.disposables.add(client.subscribe('terminal.exit', { id }, (status) => this.options.onExit?.(status)));
    // Typed keys, pastes and IME commits all arrive here; xterm's hidden textarea handles the
    // composition itself, so Chinese input methods work without anything extra.
    this.disposables.add(this.terminal.onData((data) => this.input(data)));
    // Sizes may have changed while opening.
    this.sendResize();
  }

  get terminalId(): string | undefined {
    return this.id;
  }

  focus(): void {
    this.terminal.focus();
  }

  setFont(fontFamily: string, lineHeight: number): void {
    if (this.terminal.options.fontFamily === fontFamily && this.terminal.options.lineHeight === lineHeight) return;
    this.terminal.options.fontFamily = fontFamily;
    this.terminal.options.lineHeight = lineHeight;
    this.scheduleFit();
  }

  /** Keystrokes go out in order, coalesced while a call is in flight. */
  private input(data: string): void {
    this.pendingInput += data;
    if (!this.sending) void this.flushInput();
  }

  private async flushInput(): Promise<void> {
    const id = this.id;
    if (!id) return;
    this.sending = true;
    try {
      while (this.pendingInput && !this.disposables.isDisposed) {
        const data = this.pendingInput;
        this.pendingInput = '';
        await this.options.client.invoke('terminal.input', { id, data }).catch(() => undefined);
      }
    } finally {
      this.sending = false;
    }
  }

  private scheduleFit(): void {
    if (this.fitFrame !== undefined) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = undefined;
      this.fitNow();
      this.sendResize();
    });
  }

  private fitNow(): void {
    // A hidden or zero-sized container (during layout) has no meaningful size.
    if (this.container.clientWidth === 0 || this.container.clientHeight === 0) return;
    const dims = this.fitAddon.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    this.fitAddon.fit();
  }

  private sendResize(): void {
    const cols = this.terminal.cols;
    const rows = this.terminal.rows;
    if (!this.id || (cols === this.size.cols && rows === this.size.rows)) {
      this.size = { cols, rows };
      return;
    }
    this.size = { cols, rows };
    void this.options.client.invoke('terminal.resize', { id: this.id, cols: Math.max(2, cols), rows: Math.max(1, rows) }).catch(() => undefined);
  }

  /**
   * Links in output: only http(s), only in a new window (which the Electron shell refuses), never
   * by navigating this page away from the lab.
   */
  private openLink(event: MouseEvent, uri: string): void {
    event.preventDefault();
    if (!/^https?:\/\//i.test(uri)) return;
    window.open(uri, '_blank', 'noopener,noreferrer');
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
