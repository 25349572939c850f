/** Table rows remembered per stored object: reused only while the printed cells are the same. */
import { describe, expect, it } from 'vitest';
import { TableRowMemo } from '../../../../src/main/cluster/apiserver/table-rows.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` } });

describe('TableRowMemo', () => {
  it('hands out the same row for the same object and cells, a new one when a cell changes', () => {
    const memo = new TableRowMemo();
    const web = pod('web');
    const first = memo.row(web, ['web', '1/1', 'Running', '0', '5s'], 'Metadata');
    expect(first).toEqual({ cells: ['web', '1/1', 'Running', '0', '5s'], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: web.metadata } });
    expect(memo.row(web, ['web', '1/1', 'Running', '0', '5s'], 'Metadata')).toBe(first);
    // A second later the AGE cell differs: a new row, remembered from then on.
    const later = memo.row(web, ['web', '1/1', 'Running', '0', '6s'], 'Metadata');
    expect(later).not.toBe(first);
    expect(later.cells[4]).toBe('6s');
    expect(memo.row(web, ['web', '1/1', 'Running', '0', '6s'], 'Metadata')).toBe(later);
  });

  it('keeps each includeObject form apart, and never shares a row between objects', () => {
    const memo = new TableRowMemo();
    const web = pod('web');
    const cells = ['web', '5s'];
    expect(memo.row(web, cells, 'None')).toEqual({ cells });
    expect(memo.row(web, cells, 'Object')).toEqual({ cells, object: web });
    expect(memo.row(web, cells, 'Metadata').object?.kind).toBe('PartialObjectMetadata');
    // An updated object is a new stored object: its row is its own even with equal cells.
    const updated = pod('web');
    expect(memo.row(updated, cells, 'Object').object).toBe(updated);
  });

  it('freezes rows under test, so a consumer that changed one would fail', () => {
    const row = new TableRowMemo().row(pod('web'), ['web'], 'None');
    expect(Object.isFrozen(row) && Object.isFrozen(row.cells)).toBe(true);
  });
});
