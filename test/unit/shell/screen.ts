/**
 * A minimal terminal emulator for tests: enough of VT100/xterm (cursor movement, erase,
 * auto-wrap with the pending-wrap column, wide characters) to check what a user would see.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u;

export class Screen {
  private cells: string[][] = [];
  private pendingWrap = false;
  row = 0;
  col = 0;

  constructor(
    readonly cols: number,
    readonly rows = 100,
  ) {
    for (let r = 0; r < rows; r++) this.cells.push(this.blank());
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (c === '\x1b') {
        i = this.escape(data, i);
        continue;
      }
      if (c === '\r') {
        this.col = 0;
        this.pendingWrap = false;
      } else if (c === '\n') {
        this.lineFeed();
        this.pendingWrap = false;
      } else if (c === '\b') {
        this.col = Math.max(0, this.col - 1);
        this.pendingWrap = false;
      } else if (c === '\x07') {
        // bell
      } else {
        const cp = data.codePointAt(i)!;
        const char = String.fromCodePoint(cp);
        if (char.length === 2) i++;
        this.put(char);
      }
    }
  }

  /** Visible text, trailing blanks trimmed, trailing empty lines dropped. */
  text(): string {
    const lines = this.cells.map((row) => row.join('').replace(/ +$/, ''));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  line(row = this.row): string {
    return this.cells[row]!.join('').replace(/ +$/, '');
  }

  private blank(): string[] {
    return Array.from({ length: this.cols }, () => ' ');
  }

  private lineFeed(): void {
    if (this.row === this.rows - 1) {
      this.cells.shift();
      this.cells.push(this.blank());
    } else {
      this.row++;
    }
  }

  private put(char: string): void {
    const width = /\p{Mn}|\p{Me}/u.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
    if (width === 0) {
      const row = this.cells[this.row]!;
      const target = Math.max(0, this.pendingWrap ? this.col : this.col - 1);
      row[target] += char;
      return;
    }
    if (this.pendingWrap) {
      this.col = 0;
      this.lineFeed();
      this.pendingWrap = false;
    }
    if (width === 2 && this.col === this.cols - 1) {
      this.cells[this.row]![this.col] = ' ';
      this.col = 0;
      this.lineFeed();
    }
    const row = this.cells[this.row]!;
    row[this.col] = char;
    if (width === 2) row[this.col + 1] = '';
    this.col += width;
    if (this.col >= this.cols) {
      this.col = this.cols - 1;
      this.pendingWrap = true;
    }
  }

  private escape(data: string, start: number): number {
    if (data[start + 1] !== '[') return start + 1;
    let j = start + 2;
    while (j < data.length && /[0-9;?]/.test(data[j]!)) j++;
    const params = data.slice(start + 2, j);
    const final = data[j];
    const n = Number(params.split(';')[0] || 1);
    this.pendingWrap = false;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + n);
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'H': {
        const [r, c] = params.split(';').map((p) => Number(p || 1));
        this.row = (r ?? 1) - 1;
        this.col = (c ?? 1) - 1;
        break;
      }
      case 'J': {
        const mode = Number(params || 0);
        if (mode === 2 || mode === 3) {
          for (let r = 0; r < this.rows; r++) this.cells[r] = this.blank();
        } else {
          for (let c = this.col; c < this.cols; c++) this.cells[this.row]![c] = ' ';
          for (let r = this.row + 1; r < this.rows; r++) this.cells[r] = this.blank();
        }
        break;
      }
      case 'K':
        for (let c = this.col; c < this.cols; c++) this.cells[this.row]![c] = ' ';
        break;
      default:
        break;
    }
    return j;
  }
}
