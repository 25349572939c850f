/**
 * The store's ordered key set: sorted blocks of at most a thousand keys, so inserting a key in the
 * middle of 150,000 (Pod names arrive in no order) moves one block's worth of entries instead of
 * the whole array, and a prefix range starts with two binary searches.
 */
const MAX_BLOCK = 1024;

export class SortedKeys {
  private blocks: string[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Add a key that is not yet present. */
  insert(key: string): void {
    if (this.blocks.length === 0) {
      this.blocks.push([key]);
      this.count = 1;
      return;
    }
    const b = this.blockFor(key);
    const block = this.blocks[b]!;
    block.splice(lowerBound(block, key), 0, key);
    this.count++;
    if (block.length > MAX_BLOCK) this.blocks.splice(b, 1, block.slice(0, block.length >> 1), block.slice(block.length >> 1));
  }

  /** Keep only the keys for which `keep` holds. */
  retain(keep: (key: string) => boolean): void {
    const blocks: string[][] = [];
    let count = 0;
    for (const block of this.blocks) {
      const kept = block.filter(keep);
      if (kept.length > 0) {
        blocks.push(kept);
        count += kept.length;
      }
    }
    this.blocks = blocks;
    this.count = count;
  }

  /** Every key starting with `prefix`, in order, collected without a generator per key. */
  withPrefix(prefix: string): string[] {
    const keys: string[] = [];
    if (this.blocks.length === 0) return keys;
    let b = this.blockFor(prefix);
    let i = lowerBound(this.blocks[b]!, prefix);
    for (; b < this.blocks.length; b++, i = 0) {
      const block = this.blocks[b]!;
      for (; i < block.length; i++) {
        const key = block[i]!;
        if (!key.startsWith(prefix)) return keys;
        keys.push(key);
      }
    }
    return keys;
  }

  /** The first block whose last key is ≥ `key`, or the last block. */
  private blockFor(key: string): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid]!;
      if (block[block.length - 1]! < key) lo = mid + 1;
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
