/**
 * Go's text/tabwriter, which kubectl prints every table and `describe` through: tab-terminated
 * cells in consecutive lines form a column block padded to its widest cell; a line without that
 * cell ends the block. Widths count characters (runes), as Go does.
 */

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
  padChar?: string;
}

/** kubectl get: tabwriter.NewWriter(out, 6, 4, 3, ' ', 0). */
export const TABLE_OPTIONS: TabwriterOptions = { minWidth: 6, padding: 3 };
/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_OPTIONS: TabwriterOptions = { minWidth: 0, padding: 2 };

const SURROGATE = /[\uD800-\uDFFF]/;

function runeLength(text: string): number {
  // Without surrogate pairs every UTF-16 unit is one rune (the common, ASCII case).
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Padding strings by length, so a table's cells share them instead of repeating per cell. */
function padder(padChar: string): (n: number) => string {
  const made: string[] = [];
  return (n) => (n <= 0 ? '' : (made[n] ??= padChar.repeat(n)));
}

/**
 * `remembered`: liggitt/tabwriter's RememberWidths (kubectl's table writer): column widths kept
 * across flushes, so later output (watch rows) aligns with earlier output, widening as needed.
 */
export function tabwrite(text: string, options: TabwriterOptions, remembered?: number[]): string {
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  return tabwriteCells(
    rawLines.map((line) => line.split('\t')),
    options,
    remembered,
    endsWithNewline,
  );
}

/**
 * The same writer over lines already split into cells (every cell but a line's last one is
 * tab-terminated), so a table printer need not join its cells with tabs only to split them again.
 */
export function tabwriteCells(lines: readonly (readonly string[])[], options: TabwriterOptions, remembered?: number[], endsWithNewline = true): string {
  const pad = padder(options.padChar ?? ' ');
  const text = uniformCellCount(lines) ? writeUniform(lines, options, pad, remembered) : writeBlocks(lines, options, pad, remembered);
  return endsWithNewline ? `${text}\n` : text;
}

/** Whether every line has as many cells as the first (a table: each column is one block). */
function uniformCellCount(lines: readonly (readonly string[])[]): boolean {
  const n = lines[0]?.length ?? 0;
  for (const cells of lines) if (cells.length !== n) return false;
  return true;
}

/**
 * A table's fast path: when every line has the same cells, each column is a single block spanning
 * all lines, so its width is simply its widest cell — what the block algorithm would find. Each
 * cell is measured once.
 */
function writeUniform(lines: readonly (readonly string[])[], options: TabwriterOptions, pad: (n: number) => string, remembered?: number[]): string {
  const columns = (lines[0]?.length ?? 0) - 1;
  if (columns < 0) return lines.map(() => '').join('\n');
  const lengths = new Uint32Array(lines.length * columns);
  const widths: number[] = [];
  for (let column = 0; column < columns; column++) {
    let width = options.minWidth;
    for (let i = 0, at = column; i < lines.length; i++, at += columns) {
      const length = runeLength(lines[i]![column]!);
      lengths[at] = length;
      if (length + options.padding > width) width = length + options.padding;
    }
    if (remembered) {
      if (remembered.length === column) remembered.push(width);
      else if (remembered[column]! > width) width = remembered[column]!;
      else remembered[column] = width;
    }
    widths.push(width);
  }
  let out = '';
  for (let i = 0, at = 0; i < lines.length; i++) {
    const cells = lines[i]!;
    if (i > 0) out += '\n';
    for (let column = 0; column < columns; column++, at++) out += cells[column]! + pad(widths[column]! - lengths[at]!);
    out += cells[columns]!;
  }
  return out;
}

/** Go's algorithm: a column block is the consecutive lines that have that cell tab-terminated. */
function writeBlocks(lines: readonly (readonly string[])[], options: TabwriterOptions, pad: (n: number) => string, remembered?: number[]): string {
  const widths: number[] = [];
  let out = '';

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      const padded = Math.min(widths.length, cells.length - 1);
      if (i > 0) out += '\n';
      for (let j = 0; j < padded; j++) out += cells[j]! + pad(widths[j]! - runeLength(cells[j]!));
      for (let j = Math.max(0, padded); j < cells.length; j++) out += cells[j]!;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current]!.length - 1) continue;
      writeLines(start, current);
      start = current;
      let width = options.minWidth;
      let end = current;
      for (; end < line1; end++) {
        const cells = lines[end]!;
        if (column >= cells.length - 1) break;
        const w = runeLength(cells[column]!) + options.padding;
        if (w > width) width = w;
      }
      if (remembered) {
        while (remembered.length < widths.length) remembered.push(widths[remembered.length]!);
        if (remembered.length === column) remembered.push(width);
        else if (remembered[column]! > width) width = remembered[column]!;
        else remembered[column] = width;
      }
      widths.push(width);
      format(start, end);
      widths.pop();
      start = end;
      current = end - 1;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out;
}
