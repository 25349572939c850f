/**
 * GNU `diff -u -N` of two directories of small text files, as `kubectl diff` runs it: for each file
 * (by name) whose contents differ, a `diff -u -N` line, `---`/`+++` headers with timestamps (the
 * epoch for a missing file) and hunks with three lines of context.
 */
export interface DiffFile {
  path: string;
  /** undefined: the file does not exist (diff -N treats it as empty). */
  text: string | undefined;
}

const CONTEXT = 3;
const EPOCH = '1970-01-01 00:00:00.000000000 +0000';

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string | undefined): string[] {
  if (!text) return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** The edit script from a longest common subsequence. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: Op[] = [];
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

function hunks(ops: Op[]): string {
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  let out = '';
  let index = 0;
  while (index < changed.length) {
    const start = Math.max(0, changed[index]! - CONTEXT);
    let end = Math.min(ops.length, changed[index]! + CONTEXT + 1);
    while (index + 1 < changed.length && changed[index + 1]! - CONTEXT <= end) {
      index++;
      end = Math.min(ops.length, changed[index]! + CONTEXT + 1);
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

/** The output of `diff -u -N fromDir toDir` for files present in either; '' when all are equal. */
export function diffDirectories(from: DiffFile[], to: DiffFile[], fromDir: string, toDir: string, timestamp: string): string {
  const names = [...new Set([...from, ...to].map((f) => f.path))].sort();
  let out = '';
  for (const name of names) {
    const a = from.find((f) => f.path === name)?.text;
    const b = to.find((f) => f.path === name)?.text;
    if ((a ?? '') === (b ?? '')) continue;
    const left = `${fromDir}/${name}`;
    const right = `${toDir}/${name}`;
    out += `diff -u -N ${left} ${right}\n`;
    out += `--- ${left}\t${a === undefined ? EPOCH : timestamp}\n`;
    out += `+++ ${right}\t${b === undefined ? EPOCH : timestamp}\n`;
    out += hunks(editScript(splitLines(a), splitLines(b)));
  }
  return out;
}
