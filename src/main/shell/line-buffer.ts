/**
 * The line being edited: text, a cursor that always sits between user-perceived characters
 * (a CJK character or an accented letter is one step), and readline's kill/yank.
 */
import { graphemes } from './display-width.js';

const WORD = /[\p{L}\p{N}_]/u;

export class LineBuffer {
  private value = '';
  private index = 0;
  private killed = '';

  get text(): string {
    return this.value;
  }

  /** Cursor as an index into `text` (UTF-16 code units), always on a character boundary. */
  get cursor(): number {
    return this.index;
  }

  get atEnd(): boolean {
    return this.index === this.value.length;
  }

  set(text: string, cursor = text.length): void {
    this.value = text;
    this.index = Math.max(0, Math.min(cursor, text.length));
  }

  insert(text: string): void {
    this.value = this.value.slice(0, this.index) + text + this.value.slice(this.index);
    this.index += text.length;
  }

  /** Replace `[start, cursor)` with `text` (Tab completion). */
  replaceBeforeCursor(start: number, text: string): void {
    this.value = this.value.slice(0, start) + text + this.value.slice(this.index);
    this.index = start + text.length;
  }

  backspace(): boolean {
    const previous = this.previousBoundary(this.index);
    if (previous === this.index) return false;
    this.value = this.value.slice(0, previous) + this.value.slice(this.index);
    this.index = previous;
    return true;
  }

  deleteForward(): boolean {
    const next = this.nextBoundary(this.index);
    if (next === this.index) return false;
    this.value = this.value.slice(0, this.index) + this.value.slice(next);
    return true;
  }

  left(): boolean {
    const previous = this.previousBoundary(this.index);
    const moved = previous !== this.index;
    this.index = previous;
    return moved;
  }

  right(): boolean {
    const next = this.nextBoundary(this.index);
    const moved = next !== this.index;
    this.index = next;
    return moved;
  }

  home(): boolean {
    const moved = this.index !== 0;
    this.index = 0;
    return moved;
  }

  end(): boolean {
    const moved = this.index !== this.value.length;
    this.index = this.value.length;
    return moved;
  }

  /** Alt+B: back to the start of the previous word (letters and digits). */
  wordLeft(): boolean {
    const target = this.wordStartBefore(this.index);
    const moved = target !== this.index;
    this.index = target;
    return moved;
  }

  /** Alt+F: forward to the end of the next word. */
  wordRight(): boolean {
    const target = this.wordEndAfter(this.index);
    const moved = target !== this.index;
    this.index = target;
    return moved;
  }

  /** Ctrl+U: kill from the start of the line to the cursor. */
  killToStart(): boolean {
    return this.kill(0, this.index);
  }

  /** Ctrl+K: kill from the cursor to the end of the line. */
  killToEnd(): boolean {
    return this.kill(this.index, this.value.length);
  }

  /** Ctrl+W: kill the whitespace-delimited word before the cursor. */
  killWordBack(): boolean {
    let start = this.index;
    while (start > 0 && /\s/.test(this.value[start - 1]!)) start--;
    while (start > 0 && !/\s/.test(this.value[start - 1]!)) start--;
    return this.kill(start, this.index);
  }

  /** Alt+Backspace: kill back to the start of the previous word (letters and digits). */
  killWordLeft(): boolean {
    return this.kill(this.wordStartBefore(this.index), this.index);
  }

  /** Alt+D: kill forward to the end of the next word. */
  killWordRight(): boolean {
    return this.kill(this.index, this.wordEndAfter(this.index));
  }

  /** Ctrl+Y: insert the last killed text. */
  yank(): boolean {
    if (!this.killed) return false;
    this.insert(this.killed);
    return true;
  }

  private kill(start: number, end: number): boolean {
    if (start === end) return false;
    this.killed = this.value.slice(start, end);
    this.value = this.value.slice(0, start) + this.value.slice(end);
    this.index = start;
    return true;
  }

  private boundaries(): number[] {
    const out = [0];
    let at = 0;
    for (const g of graphemes(this.value)) out.push((at += g.length));
    return out;
  }

  private previousBoundary(index: number): number {
    let previous = 0;
    for (const b of this.boundaries()) {
      if (b >= index) break;
      previous = b;
    }
    return previous;
  }

  private nextBoundary(index: number): number {
    for (const b of this.boundaries()) if (b > index) return b;
    return this.value.length;
  }

  private wordStartBefore(index: number): number {
    let i = index;
    while (i > 0 && !WORD.test(this.charBefore(i))) i = this.previousBoundary(i);
    while (i > 0 && WORD.test(this.charBefore(i))) i = this.previousBoundary(i);
    return i;
  }

  private wordEndAfter(index: number): number {
    let i = index;
    while (i < this.value.length && !WORD.test(this.charAt(i))) i = this.nextBoundary(i);
    while (i < this.value.length && WORD.test(this.charAt(i))) i = this.nextBoundary(i);
    return i;
  }

  private charBefore(index: number): string {
    return this.value.slice(this.previousBoundary(index), index);
  }

  private charAt(index: number): string {
    return this.value.slice(index, this.nextBoundary(index));
  }
}
