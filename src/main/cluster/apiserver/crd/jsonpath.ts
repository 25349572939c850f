/**
 * The JSONPath subset of additionalPrinterColumns (k8s.io/client-go/util/jsonpath as the CRD
 * table convertor uses it, the path wrapped in `{…}`): `.a.b`, `['a.b']`, `[0]`, `[*]`, `.*` and
 * filters `[?(@.type=="Ready")]` comparing a field with a literal by ==, !=, <, >, <=, >=.
 */

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: Step[]; op: string; literal: unknown };

export type CompiledPath = readonly Step[];

/** Parses a printer column's path, or returns undefined when it is not one this lab understands. */
export function compileJsonPath(text: string): CompiledPath | undefined {
  let source = text.trim();
  if (source.startsWith('{') && source.endsWith('}')) source = source.slice(1, -1);
  const steps: Step[] = [];
  let i = 0;
  if (source.startsWith('$')) i = 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '.') {
      i++;
      if (source[i] === '*') {
        steps.push({ kind: 'all' });
        i++;
        continue;
      }
      const start = i;
      while (i < source.length && /[A-Za-z0-9_\-/]/.test(source[i]!)) i++;
      if (i === start) return undefined;
      steps.push({ kind: 'field', name: source.slice(start, i) });
    } else if (c === '[') {
      const end = closingBracket(source, i);
      if (end < 0) return undefined;
      const inner = source.slice(i + 1, end).trim();
      i = end + 1;
      const step = bracketStep(inner);
      if (!step) return undefined;
      steps.push(step);
    } else {
      return undefined;
    }
  }
  return steps;
}

function closingBracket(source: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '(') {
      depth++;
    } else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  return -1;
}

function bracketStep(inner: string): Step | undefined {
  if (inner === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[2]! };
  const filter = /^\?\(\s*@((?:\.[A-Za-z0-9_\-/]+|\[[^\]]+\])+)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*\)$/.exec(inner);
  if (!filter) return undefined;
  const path = compileJsonPath(filter[1]!);
  if (!path) return undefined;
  const literal = parseLiteral(filter[3]!);
  if (literal === undefined) return undefined;
  return { kind: 'filter', path: [...path], op: filter[2]!, literal };
}

function parseLiteral(text: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return undefined;
}

/** Every value the path reaches, in document order; missing fields reach nothing. */
export function evaluateJsonPath(path: CompiledPath, root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'field') {
        if (isRecord(value) && step.name in value) next.push(value[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(value)) {
          const at = step.index < 0 ? value.length + step.index : step.index;
          if (at >= 0 && at < value.length) next.push(value[at]);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(value)) next.push(...value);
        else if (isRecord(value)) next.push(...Object.values(value));
      } else if (Array.isArray(value)) {
        for (const item of value) {
          const found = evaluateJsonPath(step.path, item);
          if (found.length > 0 && compare(found[0], step.op, step.literal)) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

function compare(value: unknown, op: string, literal: unknown): boolean {
  if (op === '==') return value === literal;
  if (op === '!=') return value !== literal;
  if (typeof value !== 'number' || typeof literal !== 'number') return false;
  if (op === '<') return value < literal;
  if (op === '>') return value > literal;
  if (op === '<=') return value <= literal;
  return value >= literal;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
