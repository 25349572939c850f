/**
 * The store's ordered index of keys, each with its value (a key's version history): sorted blocks
 * of at most a thousand entries, so inserting a key in the middle of 150,000 (Pod names arrive in no
 * order) moves one block's worth of entries instead of the whole array, and a prefix range starts
 * with two binary searches and then reads values without a hash lookup per key.
 */
const MAX_BLOCK = 1024;

interface Block<V> {
  keys: string[];
  values: V[];
}

export class SortedMap<V> {
  private blocks: Block<V>[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Add a key that is not yet present, with its value. */
  insert(key: string, value: V): void {
    if (this.blocks.length === 0) {
      this.blocks.push({ keys: [key], values: [value] });
      this.count = 1;
      return;
    }
    const b = this.blockFor(key);
    const block = this.blocks[b]!;
    const at = lowerBound(block.keys, key);
    block.keys.splice(at, 0, key);
    block.values.splice(at, 0, value);
    this.count++;
    if (block.keys.length > MAX_BLOCK) {
      const half = block.keys.length >> 1;
      this.blocks.splice(
        b,
        1,
        { keys: block.keys.slice(0, half), values: block.values.slice(0, half) },
        { keys: block.keys.slice(half), values: block.values.slice(half) },
      );
    }
  }

  /** Keep only the entries for which `keep` holds. */
  retain(keep: (key: string, value: V) => boolean): void {
    const blocks: Block<V>[] = [];
    let count = 0;
    for (const block of this.blocks) {
      const kept: Block<V> = { keys: [], values: [] };
      for (let i = 0; i < block.keys.length; i++) {
        if (!keep(block.keys[i]!, block.values[i]!)) continue;
        kept.keys.push(block.keys[i]!);
        kept.values.push(block.values[i]!);
      }
      if (kept.keys.length > 0) {
        blocks.push(kept);
        count += kept.keys.length;
      }
    }
    this.blocks = blocks;
    this.count = count;
  }

  /** Every key starting with `prefix`, in order. */
  keysWithPrefix(prefix: string): string[] {
    const keys: string[] = [];
    this.scan(prefix, (block, i) => keys.push(block.keys[i]!));
    return keys;
  }

  /** The values of every key starting with `prefix`, in key order. */
  valuesWithPrefix(prefix: string): V[] {
    const values: V[] = [];
    this.scan(prefix, (block, i) => values.push(block.values[i]!));
    return values;
  }

  private scan(prefix: string, visit: (block: Block<V>, index: number) => void): void {
    if (this.blocks.length === 0) return;
    let b = this.blockFor(prefix);
    let i = lowerBound(this.blocks[b]!.keys, prefix);
    for (; b < this.blocks.length; b++, i = 0) {
      const block = this.blocks[b]!;
      for (; i < block.keys.length; i++) {
        if (!block.keys[i]!.startsWith(prefix)) return;
        visit(block, i);
      }
    }
  }

  /** The first block whose last key is ≥ `key`, or the last block. */
  private blockFor(key: string): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const keys = this.blocks[mid]!.keys;
      if (keys[keys.length - 1]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
