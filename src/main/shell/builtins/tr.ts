/** `tr`: translate, delete (`-d`, `-c`) and squeeze (`-s`) characters; ranges, escapes and `[:class:]`. */
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions } from './options.js';
import { localeQuote, usageError } from './util.js';

const CLASSES: Readonly<Record<string, string>> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  space: '\t\n\v\f\r ',
  blank: '\t ',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
};

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };

interface CharSet {
  readonly chars: string[];
  /** Where `[:upper:]`/`[:lower:]` sit, for GNU's alignment rule when translating case. */
  readonly classes: Array<{ name: string; index: number }>;
}

type SetResult = { ok: true; set: CharSet } | { ok: false; message: string };

function parseSet(text: string): SetResult {
  const units: string[] = [];
  const classes: CharSet['classes'] = [];
  const atoms: Array<{ char: string } | { chars: string[] }> = [];
  for (let i = 0; i < text.length; ) {
    const cls = /^\[:([a-z]+):\]/.exec(text.slice(i));
    if (cls) {
      const members = CLASSES[cls[1]!];
      if (members === undefined) return { ok: false, message: `invalid character class ${localeQuote(cls[1]!)}` };
      classes.push({ name: cls[1]!, index: atoms.length });
      atoms.push({ chars: [...members] });
      i += cls[0].length;
      continue;
    }
    let char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1));
      if (octal) {
        char = String.fromCharCode(Number.parseInt(octal[0], 8));
        i += 1 + octal[0].length;
      } else {
        char = ESCAPES[text[i + 1]!] ?? text[i + 1]!;
        i += 2;
      }
    } else {
      i++;
    }
    atoms.push({ char });
  }
  for (let a = 0; a < atoms.length; a++) {
    const atom = atoms[a]!;
    const next = atoms[a + 1];
    const end = atoms[a + 2];
    if ('char' in atom && next && 'char' in next && next.char === '-' && end && 'char' in end) {
      const from = atom.char.codePointAt(0)!;
      const to = end.char.codePointAt(0)!;
      if (to < from) return { ok: false, message: `range-endpoints of '${atom.char}-${end.char}' are in reverse collating sequence order` };
      for (let c = from; c <= to; c++) units.push(String.fromCodePoint(c));
      a += 2;
      continue;
    }
    units.push(...('char' in atom ? [atom.char] : atom.chars));
  }
  return { ok: true, set: { chars: units, classes } };
}

function tr(ctx: BuiltinContext): number {
  const parsed = parseOptions('tr', ctx.argv.slice(1), {
    flags: 'cCdst',
    long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
  });
  if (!parsed.ok) return usageError(ctx, 'tr', parsed.message);
  const { flags, operands } = parsed.options;
  const complement = flags.has('c') || flags.has('C');
  const deleting = flags.has('d');
  const squeezing = flags.has('s');
  const translating = !deleting && operands.length >= 2;
  if (operands.length === 0) return usageError(ctx, 'tr', 'tr: missing operand');
  const maxOperands = deleting && squeezing ? 2 : deleting || (squeezing && operands.length === 1) ? 1 : 2;
  if (!deleting && !squeezing && operands.length === 1) {
    return usageError(ctx, 'tr', `tr: missing operand after ${localeQuote(operands[0]!)}\nTwo strings must be given when translating.`);
  }
  if (deleting && squeezing && operands.length === 1) {
    return usageError(ctx, 'tr', `tr: missing operand after ${localeQuote(operands[0]!)}\nTwo strings must be given when both deleting and squeezing repeats.`);
  }
  if (operands.length > maxOperands) {
    const why = deleting ? '\nOnly one string may be given when deleting without squeezing repeats.' : maxOperands === 2 ? '' : '';
    return usageError(ctx, 'tr', `tr: extra operand ${localeQuote(operands[maxOperands]!)}${why}`);
  }
  const sets: CharSet[] = [];
  for (const operand of operands) {
    const result = parseSet(operand);
    if (!result.ok) {
      ctx.stderr.write(`tr: ${result.message}\n`);
      return 1;
    }
    sets.push(result.set);
  }
  const [set1, set2] = sets as [CharSet, CharSet | undefined];
  if (translating && set2 && set2.classes.some((c) => c.name === 'upper' || c.name === 'lower')) {
    const aligned = set2.classes.every((c) => set1.classes.some((d) => d.index === c.index && (d.name === 'upper' || d.name === 'lower')));
    if (!aligned) {
      ctx.stderr.write('tr: misaligned [:upper:] and/or [:lower:] construct\n');
      return 1;
    }
  }
  const inSet1 = new Set(set1.chars);
  const matches1 = (c: string): boolean => inSet1.has(c) !== complement;
  const map = new Map<string, string>();
  if (translating && set2) {
    if (set2.chars.length === 0) {
      ctx.stderr.write('tr: when not truncating set1, string2 must be non-empty\n');
      return 1;
    }
    const last = set2.chars[set2.chars.length - 1]!;
    set1.chars.forEach((c, i) => map.set(c, set2.chars[i] ?? (flags.has('t') ? c : last)));
  }
  // The set squeezing applies to: the last one given.
  const squeezeSet = new Set(translating || deleting ? (set2?.chars ?? []) : set1.chars);
  const squeezeMatches = (c: string): boolean => (translating || deleting ? squeezeSet.has(c) : matches1(c));
  let out = '';
  let previous: string | undefined;
  for (const c of ctx.stdin) {
    if (deleting && matches1(c)) continue;
    let mapped = c;
    if (translating) {
      if (complement) mapped = matches1(c) ? set2!.chars[set2!.chars.length - 1]! : c;
      else mapped = map.get(c) ?? c;
    }
    if (squeezing && mapped === previous && squeezeMatches(mapped)) continue;
    out += mapped;
    previous = mapped;
  }
  ctx.stdout.write(out);
  return 0;
}

export const trBuiltin: Builtin = { name: 'tr', kind: 'utility', run: tr };
