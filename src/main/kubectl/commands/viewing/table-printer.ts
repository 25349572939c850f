/**
 * kubectl's human-readable printer for server-side Tables: decorateTable (NAMESPACE column,
 * `kind/name` with several kinds, `-L` label columns, `--show-labels`), `-o wide` priorities,
 * the EVENT column of `--output-watch-events`, and headers printed once per column set. Output
 * goes through kubectl's tabwriter, whose remembered widths keep watch rows aligned.
 */
import type { Table, TableRow } from '../../../../shared/api/meta.js';
import { formatLabels } from '../../../base/label-selector.js';
import { TABLE_OPTIONS, tabwriteCells } from '../../printers/tabwriter.js';

export interface TablePrintOptions {
  wide: boolean;
  withNamespace: boolean;
  /** `deployment.apps`: prefix names with it (several kinds, or --show-kind). */
  kind?: string;
  labelColumns: string[];
  showLabels: boolean;
  noHeaders: boolean;
}

interface Column {
  name: string;
  priority: number;
}

/** `-L app.kubernetes.io/name` heads its column `NAME`. */
function labelHeader(label: string): string {
  return label.split('/').pop()!.toUpperCase();
}

/** A cell as printTable writes it: nothing for null, text cut at its first line break. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? cell : String(cell);
  if (!LINE_BREAK.test(text)) return text;
  return `${text.slice(0, text.search(LINE_BREAK))}...`;
}

const LINE_BREAK = /[\f\n\r]/;

export class HumanTablePrinter {
  private lastColumns: string | undefined;
  private printedHeaders = false;
  /** The tabwriter's remembered widths (reset when a new resource type starts). */
  private widths: number[] = [];

  constructor(private readonly options: TablePrintOptions) {}

  /** The text for one Table (a list, one object, or one watch event's row). */
  print(table: Table, eventType?: string): string {
    const o = this.options;
    const signature = JSON.stringify(table.columnDefinitions);
    let noHeaders = o.noHeaders;
    if (this.printedHeaders && (table.columnDefinitions.length === 0 || signature === this.lastColumns)) noHeaders = true;
    if (table.columnDefinitions.length > 0 && signature !== this.lastColumns) {
      this.lastColumns = signature;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const columns: Column[] = [
      ...(eventType !== undefined ? [{ name: 'Event', priority: 0 }] : []),
      ...(o.withNamespace ? [{ name: 'Namespace', priority: 0 }] : []),
      ...table.columnDefinitions.map((c) => ({ name: c.name, priority: c.priority })),
      ...o.labelColumns.map((l) => ({ name: labelHeader(l), priority: 0 })),
      ...(o.showLabels ? [{ name: 'Labels', priority: 0 }] : []),
    ];
    const nameColumn = o.kind ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
    const rows = table.rows.map((row) => this.decorate(row, nameColumn, eventType));
    // printTable: nothing at all for no rows when headers are wanted.
    if (rows.length === 0) return '';
    const shown = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0 || o.wide);
    const lines: string[][] = [];
    if (!noHeaders) lines.push(shown.map(({ c }) => c.name.toUpperCase()));
    const picked = shown.map(({ i }) => i);
    for (const cells of rows) {
      const line = new Array<string>(picked.length);
      for (let k = 0; k < picked.length; k++) line[k] = cellText(cells[picked[k]!]);
      lines.push(line);
    }
    return tabwriteCells(lines, TABLE_OPTIONS, this.widths);
  }

  private decorate(row: TableRow, nameColumn: number, eventType: string | undefined): unknown[] {
    const o = this.options;
    // Nothing to add: the row's own cells, read as they are (no copy per row).
    if (nameColumn < 0 && !o.withNamespace && o.labelColumns.length === 0 && !o.showLabels && eventType === undefined) return row.cells;
    const meta = row.object?.metadata;
    const cells: unknown[] = [...row.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${o.kind}/${cellText(cells[nameColumn])}`;
    if (o.withNamespace) cells.unshift(meta?.namespace ?? '');
    for (const label of o.labelColumns) cells.push(meta ? (meta.labels?.[label] ?? '') : null);
    if (o.showLabels) cells.push(meta ? formatLabels(meta.labels) : null);
    if (eventType !== undefined) cells.unshift(eventType);
    return cells;
  }
}
