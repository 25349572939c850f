/** The store's ordered key set: stays sorted across block splits and answers prefix ranges. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedKeys } from '../../../../src/main/cluster/store/sorted-keys.js';

describe('SortedKeys', () => {
  it('lists every key, and the keys under any prefix, in order after inserts in any order, across many blocks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 3000 }), fc.string({ maxLength: 2 }), (keys, prefix) => {
        const set = new SortedKeys();
        for (const key of keys) set.insert(key);
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(set.size).toBe(keys.length);
        expect(set.withPrefix('')).toEqual(sorted);
        expect(set.withPrefix(prefix)).toEqual(sorted.filter((k) => k.startsWith(prefix)));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps only what retain accepts, dropping emptied blocks', () => {
    const set = new SortedKeys();
    const all = Array.from({ length: 5000 }, (_, i) => `/registry/pods/default/p-${i}`);
    for (const key of all) set.insert(key);
    set.retain((k) => k.endsWith('7'));
    const kept = all.filter((k) => k.endsWith('7')).sort();
    expect(set.size).toBe(500);
    expect(set.withPrefix('')).toEqual(kept);
    expect(set.withPrefix('/registry/pods/default/p-99')).toEqual(kept.filter((k) => k.startsWith('/registry/pods/default/p-99')));
    set.retain(() => false);
    expect(set.withPrefix('')).toEqual([]);
    set.insert('a');
    expect(set.withPrefix('')).toEqual(['a']);
  });
});
