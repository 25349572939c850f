/**
 * GNU diffutils' `diff FILE1 FILE2` for two text files: the normal format (`2c2`, `< old`,
 * `---`, `> new`), `-u`/`-U N` unified hunks with `---`/`+++` headers carrying each file's
 * modification time, and `-q`. Either operand may be `-` (standard input) or a `/dev/fd/N` of a
 * process substitution (`diff <(kubectl get pod a -o yaml) <(kubectl get pod b -o yaml)`).
 * Exit status 0 when the files are the same, 1 when they differ, 2 on trouble.
 */
import { type DiffOp, diffLines, editScript, unifiedHunks } from '../../base/line-diff.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions, lastValue } from './options.js';
import { readOperand } from './util.js';

const TRY = "diff: Try 'diff --help' for more information.\n";

/** `2` or `2,4` in a normal-format command. */
function lineRange(start: number, count: number): string {
  return count <= 1 ? `${start}` : `${start},${start + count - 1}`;
}

/** The normal output format: one `NaM`/`NdM`/`NcM` command per change, with its lines. */
function normalFormat(ops: readonly DiffOp[]): string {
  let out = '';
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < ops.length; ) {
    if (ops[i]!.kind === ' ') {
      oldLine++;
      newLine++;
      i++;
      continue;
    }
    const deleted: string[] = [];
    const added: string[] = [];
    for (; i < ops.length && ops[i]!.kind !== ' '; i++) (ops[i]!.kind === '-' ? deleted : added).push(ops[i]!.line);
    if (deleted.length > 0 && added.length > 0) out += `${lineRange(oldLine, deleted.length)}c${lineRange(newLine, added.length)}\n`;
    else if (deleted.length > 0) out += `${lineRange(oldLine, deleted.length)}d${newLine - 1}\n`;
    else out += `${oldLine - 1}a${lineRange(newLine, added.length)}\n`;
    out += deleted.map((line) => `< ${line}\n`).join('');
    if (deleted.length > 0 && added.length > 0) out += '---\n';
    out += added.map((line) => `> ${line}\n`).join('');
    oldLine += deleted.length;
    newLine += added.length;
  }
  return out;
}

/** A unified header's time: `2025-01-01 00:00:30.000000000 +0000`. */
function headerTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

function modified(ctx: BuiltinContext, operand: string): number {
  if (operand === '-') return ctx.control.services.now?.() ?? Date.now();
  return ctx.shell.host.fs.tryStat(ctx.shell.resolvePath(operand))?.mtime ?? 0;
}

function diff(ctx: BuiltinContext): number {
  const parsed = parseOptions('diff', ctx.argv.slice(1), {
    flags: 'uq',
    values: 'U',
    long: { unified: 'U', brief: 'q' },
    longValues: ['U'],
  });
  if (!parsed.ok) {
    ctx.stderr.write(`${parsed.message}\n${TRY}`);
    return 2;
  }
  const { flags, operands } = parsed.options;
  if (operands.length < 2) {
    ctx.stderr.write(`diff: missing operand after '${operands[0] ?? 'diff'}'\n${TRY}`);
    return 2;
  }
  if (operands.length > 2) {
    ctx.stderr.write(`diff: extra operand '${operands[2]}'\n${TRY}`);
    return 2;
  }
  const [first, second] = operands as [string, string];
  const texts: string[] = [];
  for (const operand of [first, second]) {
    const read = readOperand(ctx, operand);
    if (!read.ok) {
      ctx.stderr.write(`diff: ${operand}: ${read.error.description}\n`);
      return 2;
    }
    texts.push(read.text);
  }
  if (texts[0] === texts[1]) return 0;
  if (flags.has('q')) {
    ctx.stdout.write(`Files ${first} and ${second} differ\n`);
    return 1;
  }
  const ops = editScript(diffLines(texts[0]), diffLines(texts[1]));
  const contextText = lastValue(parsed.options, 'U');
  if (contextText !== undefined && !/^\d+$/.test(contextText)) {
    ctx.stderr.write(`diff: invalid context length '${contextText}'\n${TRY}`);
    return 2;
  }
  if (flags.has('u') || contextText !== undefined) {
    ctx.stdout.write(`--- ${first}\t${headerTime(modified(ctx, first))}\n+++ ${second}\t${headerTime(modified(ctx, second))}\n`);
    ctx.stdout.write(unifiedHunks(ops, contextText === undefined ? 3 : Number(contextText)));
  } else {
    ctx.stdout.write(normalFormat(ops));
  }
  return 1;
}

export const diffBuiltin: Builtin = { name: 'diff', kind: 'utility', run: diff };
