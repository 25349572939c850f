/**
 * GNU `diff -u -N` of two directories of small text files, as `kubectl diff` runs it: for each file
 * (by name) whose contents differ, a `diff -u -N` line, `---`/`+++` headers with timestamps (the
 * epoch for a missing file) and hunks with three lines of context.
 */
import { diffLines, editScript, unifiedHunks } from '../../../base/line-diff.js';

export interface DiffFile {
  path: string;
  /** undefined: the file does not exist (diff -N treats it as empty). */
  text: string | undefined;
}

const EPOCH = '1970-01-01 00:00:00.000000000 +0000';

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
    out += unifiedHunks(editScript(diffLines(a), diffLines(b)));
  }
  return out;
}
