/**
 * Draws the prompt and the line being edited on a terminal of a given width, and keeps track
 * of where the terminal's cursor is. Positions are counted in display cells, so wide (CJK)
 * characters move the cursor two columns and a wide character that does not fit at the end of
 * a row wraps whole, as terminals do. Each method returns the ANSI text to send.
 */
import { displayWidth, graphemes, stripAnsi } from './display-width.js';

interface Position {
  readonly row: number;
  readonly col: number;
}

const ORIGIN: Position = { row: 0, col: 0 };

/** How a character of the line is shown: control characters as `^X`, a tab as a space. */
function displayForm(grapheme: string): string {
  if (grapheme === '\t') return ' ';
  const code = grapheme.charCodeAt(0);
  if (code < 0x20) return '^' + String.fromCharCode(code + 64);
  if (code === 0x7f) return '^?';
  return grapheme;
}

export class LineView {
  private cols: number;
  /** The prompt's end (where the line starts), relative to the row the prompt begins on. */
  private lineStart: Position = ORIGIN;
  /** Where the terminal cursor is now, in the same coordinates. */
  private cursor: Position = ORIGIN;

  constructor(cols: number) {
    this.cols = Math.max(2, cols);
  }

  resize(cols: number): void {
    this.cols = Math.max(2, cols);
  }

  /** Print a prompt; the terminal cursor must be at the start of a line. */
  begin(prompt: string): string {
    this.cursor = ORIGIN;
    return this.writePrompt(prompt);
  }

  /** Redraw the line (and the prompt, when given) and put the cursor at `cursorIndex`. */
  render(text: string, cursorIndex: number, prompt?: string): string {
    let out = '';
    if (prompt !== undefined) {
      out += this.move(ORIGIN);
      out += this.writePrompt(prompt);
    } else {
      out += this.move(this.lineStart);
    }
    const { display, starts, end } = this.layout(text);
    const written = display.join('');
    out += written;
    this.cursor = end;
    if (displayWidth(written) > 0 && end.col === 0) out += '\r\n';
    out += '\x1b[J';
    out += this.move(this.positionOf(text, cursorIndex, starts, end));
    return out;
  }

  /** Clear the screen and draw prompt and line at the top (Ctrl+L). */
  redrawAll(prompt: string, text: string, cursorIndex: number): string {
    this.cursor = ORIGIN;
    return '\x1b[H\x1b[2J' + this.writePrompt(prompt) + this.render(text, cursorIndex);
  }

  /** Text was typed at the end of the line: just print it. */
  append(text: string, inserted: string): string {
    const { end } = this.layout(text);
    this.cursor = end;
    return end.col === 0 && displayWidth(inserted) > 0 ? inserted.replace(/\t/g, ' ') + '\r\n' : inserted.replace(/\t/g, ' ');
  }

  /** Move the cursor within an unchanged line. */
  moveCursor(text: string, cursorIndex: number): string {
    const { starts, end } = this.layout(text);
    return this.move(this.positionOf(text, cursorIndex, starts, end));
  }

  /** Put the cursor after the last character (before printing `^C` or a newline). */
  finish(text: string): string {
    return this.move(this.layout(text).end);
  }

  private writePrompt(prompt: string): string {
    const { end } = this.advance(ORIGIN, graphemes(stripAnsi(prompt)));
    this.lineStart = end;
    this.cursor = end;
    return end.col === 0 && displayWidth(stripAnsi(prompt)) > 0 ? prompt + '\r\n' : prompt;
  }

  private layout(text: string): { display: string[]; starts: Position[]; end: Position } {
    const display = graphemes(text).map(displayForm);
    const { starts, end } = this.advance(this.lineStart, display);
    return { display, starts, end };
  }

  private advance(from: Position, cells: readonly string[]): { starts: Position[]; end: Position } {
    let { row, col } = from;
    const starts: Position[] = [];
    for (const cell of cells) {
      const width = displayWidth(cell);
      if (width === 2 && col === this.cols - 1) {
        row++;
        col = 0;
      }
      starts.push({ row, col });
      col += width;
      if (col >= this.cols) {
        row++;
        col = 0;
      }
    }
    return { starts, end: { row, col } };
  }

  private positionOf(text: string, cursorIndex: number, starts: readonly Position[], end: Position): Position {
    let at = 0;
    const parts = graphemes(text);
    for (let i = 0; i < parts.length; i++) {
      if (at >= cursorIndex) return starts[i]!;
      at += parts[i]!.length;
    }
    return end;
  }

  private move(to: Position): string {
    const from = this.cursor;
    let out = '';
    if (to.row < from.row) out += `\x1b[${from.row - to.row}A`;
    else if (to.row > from.row) out += `\x1b[${to.row - from.row}B`;
    if (to.col !== from.col) {
      if (to.col === 0) out += '\r';
      else if (to.col < from.col) out += `\x1b[${from.col - to.col}D`;
      else out += `\x1b[${to.col - from.col}C`;
    }
    this.cursor = to;
    return out;
  }
}
