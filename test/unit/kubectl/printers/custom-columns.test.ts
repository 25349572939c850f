/** Custom columns, the relaxed JSONPath of columns and --sort-by, natural sort order and describe's smart labels. */
import { describe, expect, it } from 'vitest';
import { naturalLess } from '../../../../src/main/kubectl/commands/viewing/sort-by.js';
import { smartLabel } from '../../../../src/main/kubectl/describe/describe-generic.js';
import { parseCustomColumnsFile, printCustomColumns, relaxedJsonPath } from '../../../../src/main/kubectl/printers/custom-columns.js';

describe('custom columns', () => {
  it('accepts the relaxed path forms', () => {
    for (const path of ['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}']) expect(relaxedJsonPath(path)).toBe('{.metadata.name}');
  });

  it('prints a header, <none> for no value, and values as Go prints them', () => {
    const columns = parseCustomColumnsFile('NAME   PORTS  MISSING\n.metadata.name .spec.ports[*].port .x\n');
    const list = { items: [{ metadata: { name: 'a' }, spec: { ports: [{ port: 80 }, { port: 443 }] } }, { metadata: { name: 'bb' }, spec: {} }] };
    expect(printCustomColumns(columns, list, true)).toBe('NAME   PORTS    MISSING\na      80,443   <none>\nbb     <none>   <none>\n');
    expect(() => parseCustomColumnsFile('A B\n.a\n')).toThrow("number of headers (2) and field specifications (1) don't match");
  });
});

describe('naturalLess', () => {
  it('orders digit runs by value', () => {
    expect(['web-10', 'web-9', 'web-1', 'a'].sort((x, y) => (naturalLess(x, y) ? -1 : naturalLess(y, x) ? 1 : 0))).toEqual(['a', 'web-1', 'web-9', 'web-10']);
  });
});

describe('smartLabel', () => {
  it('splits camel case and upper-cases acronyms', () => {
    expect(['creationTimestamp', 'apiVersion', 'uid', 'podIP', 'holderIdentity', 'v1beta1'].map(smartLabel)).toEqual([
      'Creation Timestamp',
      'API Version',
      'UID',
      'Pod IP',
      'Holder Identity',
      'v1beta1',
    ]);
  });
});
