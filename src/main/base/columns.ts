/**
 * Names laid out in columns the way GNU ls does it on a terminal: the shell's `ls` and Tab
 * completion, and GNU ls in a container's terminal (`kubectl exec -it`).
 */

export interface ColumnOptions {
  /** Pad with tabs where a tab stop lands no further than the target (GNU ls's tabsize 8). */
  readonly tabs?: boolean;
  /** Display width of a name (wide characters); default its length. */
  readonly width?: (name: string) => number;
}

/**
 * GNU's vertical layout: the most columns that fit, each as wide as its longest name plus two
 * spaces (the last column without), filled top to bottom.
 */
export function formatColumns(names: readonly string[], lineWidth: number, options: ColumnOptions = {}): string {
  const widths = names.map(options.width ?? ((name) => name.length));
  const n = names.length;
  let best: { rows: number; colWidths: number[] } = { rows: n, colWidths: [Math.max(...widths)] };
  for (let cols = Math.min(n, Math.max(1, Math.floor(lineWidth / 3))); cols > 1; cols--) {
    const rows = Math.ceil(n / cols);
    const used = Math.ceil(n / rows);
    const colWidths: number[] = [];
    for (let c = 0; c < used; c++) {
      let max = 0;
      for (let r = 0; r < rows; r++) {
        const i = c * rows + r;
        if (i < n) max = Math.max(max, widths[i]!);
      }
      colWidths.push(max + (c === cols - 1 ? 0 : 2));
    }
    const total = colWidths.reduce((a, b) => a + b, 0);
    if (total < lineWidth) {
      best = { rows, colWidths };
      break;
    }
  }
  let out = '';
  for (let r = 0; r < best.rows; r++) {
    let pos = 0;
    for (let c = 0; c < best.colWidths.length; c++) {
      const i = c * best.rows + r;
      if (i >= n) break;
      out += names[i];
      if (i + best.rows >= n) break;
      out += indent(pos + widths[i]!, pos + best.colWidths[c]!, options.tabs ?? false);
      pos += best.colWidths[c]!;
    }
    out += '\n';
  }
  return out;
}

/** GNU ls pads with tabs (8 columns) where a tab lands no further than the target. */
function indent(from: number, to: number, tabs: boolean): string {
  let out = '';
  while (from < to) {
    if (tabs && Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      out += '\t';
      from += 8 - (from % 8);
    } else {
      out += ' ';
      from++;
    }
  }
  return out;
}
