/**
 * Line diffs as GNU diff computes and prints them: the edit script from a longest common
 * subsequence (deletions before insertions within a change) and unified hunks with their
 * `@@ -a,b +c,d @@` headers. `diff` in the shell and `kubectl diff` print from these.
 */

export type DiffOp = { kind: ' ' | '-' | '+'; line: string };

/** A text's lines without their newlines (a missing final newline still ends a line). */
export function diffLines(text: string | undefined): string[] {
  if (!text) return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** The edit script turning `a` into `b`. */
export function editScript(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (j === m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // GNU diff lists deletions before insertions within a change.
      ops.push({ kind: '-', line: a[i++]! });
    } else {
      ops.push({ kind: '+', line: b[j++]! });
    }
  }
  return ops;
}

/** `start,count` as a unified hunk header gives it (count 1 omitted; an empty range names the line before). */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The hunks of `diff -u` with `context` lines around each change; '' when nothing changed. */
export function unifiedHunks(ops: readonly DiffOp[], context = 3): string {
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  let out = '';
  let index = 0;
  while (index < changed.length) {
    const start = Math.max(0, changed[index]! - context);
    let end = Math.min(ops.length, changed[index]! + context + 1);
    while (index + 1 < changed.length && changed[index + 1]! - context <= end) {
      index++;
      end = Math.min(ops.length, changed[index]! + context + 1);
    }
    index++;
    const before = ops.slice(0, start);
    const oldStart = before.filter((op) => op.kind !== '+').length + 1;
    const newStart = before.filter((op) => op.kind !== '-').length + 1;
    const body = ops.slice(start, end);
    const oldCount = body.filter((op) => op.kind !== '+').length;
    const newCount = body.filter((op) => op.kind !== '-').length;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    out += body.map((op) => `${op.kind}${op.line}\n`).join('');
  }
  return out;
}
