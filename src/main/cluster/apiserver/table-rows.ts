/**
 * Server-side Table rows, remembered per stored object and per includeObject form. A stored object
 * is shared and never changes (a write makes a new one), so when its freshly printed cells equal
 * the remembered row's (same ages), a list hands out that row again instead of a new row, cells
 * array and PartialObjectMetadata: listing 10,000 Pods twice then leaves little for the collector.
 * Rows are read-only for every consumer (frozen under test to prove it).
 */
import type { KubeObject, TableRow } from '../../../shared/api/meta.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const FREEZE_ROWS = process.env.VITEST === 'true';

export class TableRowMemo {
  private readonly rows: Record<IncludeObject, WeakMap<KubeObject, TableRow>> = {
    None: new WeakMap(),
    Metadata: new WeakMap(),
    Object: new WeakMap(),
  };

  /** The row for `object` with these cells: the remembered one when its cells are the same. */
  row(object: KubeObject, cells: TableRow['cells'], includeObject: IncludeObject): TableRow {
    const memo = this.rows[includeObject];
    const known = memo.get(object);
    if (known && sameCells(known.cells, cells)) return known;
    const row = makeRow(object, cells, includeObject);
    if (FREEZE_ROWS) Object.freeze(Object.freeze(row).cells);
    memo.set(object, row);
    return row;
  }
}

function makeRow(object: KubeObject, cells: TableRow['cells'], includeObject: IncludeObject): TableRow {
  // includeObject: Metadata (the default) sends PartialObjectMetadata, Object the whole object.
  if (includeObject === 'None') return { cells };
  if (includeObject === 'Object') return { cells, object };
  return { cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata } };
}

function sameCells(a: TableRow['cells'], b: TableRow['cells']): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
