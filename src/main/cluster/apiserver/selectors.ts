/**
 * Label selectors (k8s.io/apimachinery/pkg/labels) and field selectors (pkg/fields), parsed from
 * their query-string form with Kubernetes' operators and error wording.
 */

export type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export interface Selector<T> {
  matches(target: T): boolean;
  readonly empty: boolean;
}

export type ParseResult<T> = { ok: true; selector: T } | { ok: false; error: string };

export type LabelSelector = Selector<Record<string, string> | undefined> & { requirements: LabelRequirement[] };

/** Parse `app=nginx,tier!=db,env in (a,b),!legacy,release`. */
export function parseLabelSelector(text: string | undefined): ParseResult<LabelSelector> {
  const requirements: LabelRequirement[] = [];
  const s = (text ?? '').trim();
  let i = 0;
  const skipSpace = (): void => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readWord = (): string => {
    skipSpace();
    const start = i;
    while (i < s.length && !' ,=!()'.includes(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipSpace();
    let negated = false;
    if (s[i] === '!') {
      negated = true;
      i++;
    }
    const key = readWord();
    if (!key) return { ok: false, error: `unable to parse requirement: found '${s[i] ?? ''}', expected: identifier` };
    const keyError = validateLabelKey(key);
    if (keyError) return { ok: false, error: keyError };
    skipSpace();
    if (negated) {
      requirements.push({ key, op: 'notexists' });
    } else if (i >= s.length || s[i] === ',') {
      requirements.push({ key, op: 'exists' });
    } else if (s.startsWith('==', i) || s[i] === '=' || s.startsWith('!=', i)) {
      const op = s.startsWith('!=', i) ? '!=' : '=';
      i += s.startsWith('==', i) || op === '!=' ? 2 : 1;
      const value = readWord();
      const valueError = validateLabelValue(value);
      if (valueError) return { ok: false, error: valueError };
      requirements.push({ key, op, value });
    } else {
      const word = readWord();
      if (word !== 'in' && word !== 'notin') {
        return { ok: false, error: `found '${word}', expected: '=', '!=', '==', 'in', notin'` };
      }
      skipSpace();
      if (s[i] !== '(') return { ok: false, error: `found '${s[i] ?? ''}', expected: '('` };
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readWord();
        if (v) values.push(v);
        skipSpace();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        return { ok: false, error: `found '${s[i] ?? ''}', expected: ',', ')' or identifier` };
      }
      requirements.push({ key, op: word, values });
    }
    skipSpace();
    if (i < s.length) {
      if (s[i] !== ',') return { ok: false, error: `found '${s[i]}', expected: ',' or 'end of string'` };
      i++;
    }
  }
  return {
    ok: true,
    selector: {
      requirements,
      empty: requirements.length === 0,
      matches: (labels) => requirements.every((r) => matchesRequirement(r, labels ?? {})),
    },
  };
}

function matchesRequirement(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case '=':
      return has && labels[r.key] === r.value;
    case '!=':
      return !has || labels[r.key] !== r.value;
    case 'in':
      return has && r.values.includes(labels[r.key]!);
    case 'notin':
      return !has || !r.values.includes(labels[r.key]!);
  }
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateLabelKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    return `invalid label key "${key}": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  }
  if (!LABEL_NAME.test(name) || name.length > 63) {
    return `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  }
  return undefined;
}

function validateLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (!LABEL_NAME.test(value) || value.length > 63) {
    return `invalid label value: "${value}": at key: "": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
  }
  return undefined;
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export type FieldSelector = Selector<(field: string) => string | undefined> & { requirements: FieldRequirement[] };

/** Parse `metadata.name=x,spec.nodeName!=node01` (=, == and != only, as Kubernetes allows). */
export function parseFieldSelector(text: string | undefined): ParseResult<FieldSelector> {
  const requirements: FieldRequirement[] = [];
  const s = (text ?? '').trim();
  if (s) {
    for (const part of splitTerms(s)) {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
      if (!m) return { ok: false, error: `invalid selector: '${s}'; can't understand '${part}'` };
      requirements.push({ field: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: unescapeFieldValue(m[3]!) });
    }
  }
  return {
    ok: true,
    selector: {
      requirements,
      empty: requirements.length === 0,
      matches: (get) =>
        requirements.every((r) => {
          const actual = get(r.field) ?? '';
          return r.op === '=' ? actual === r.value : actual !== r.value;
        }),
    },
  };
}

/** Split on commas that are not backslash-escaped. */
function splitTerms(s: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      current += s[i]! + s[i + 1]!;
      i++;
    } else if (s[i] === ',') {
      parts.push(current);
      current = '';
    } else {
      current += s[i];
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}
