/**
 * Label selectors (k8s.io/apimachinery/pkg/labels) and field selectors (pkg/fields), parsed from
 * their query-string form with Kubernetes' operators and error wording.
 */

export type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: '=' | '!=' | 'gt' | 'lt'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export interface Selector<T> {
  matches(target: T): boolean;
  readonly empty: boolean;
}

export type ParseResult<T> = { ok: true; selector: T } | { ok: false; error: string };

export type LabelSelector = Selector<Record<string, string> | undefined> & { requirements: LabelRequirement[] };

/** The lexer's special symbols: they end an identifier and form the operators. */
const SPECIAL = '=!(),<>';
const OPERATOR_TOKENS = ['!=', '==', '=', '(', ')', ',', '!', '>', '<'];

/**
 * Parse `app=nginx,tier!=db,env in (a,b),!legacy,release,replicas>2`. Errors are worded as
 * labels.Parse words them: problems inside one requirement carry the `unable to parse requirement:`
 * prefix, problems between requirements do not.
 */
export function parseLabelSelector(text: string | undefined): ParseResult<LabelSelector> {
  const requirements: LabelRequirement[] = [];
  const s = (text ?? '').trim();
  let i = 0;
  const skipSpace = (): void => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const readWord = (): string => {
    skipSpace();
    const start = i;
    while (i < s.length && !/\s/.test(s[i]!) && !SPECIAL.includes(s[i]!)) i++;
    return s.slice(start, i);
  };
  /** The literal of the next token, for error messages ('' at the end of the string). */
  const nextToken = (): string => {
    skipSpace();
    const op = OPERATOR_TOKENS.find((t) => s.startsWith(t, i));
    if (op) return op;
    const start = i;
    const word = readWord();
    i = start;
    return word;
  };
  const fail = (error: string): ParseResult<LabelSelector> => ({ ok: false, error });
  const failRequirement = (error: string): ParseResult<LabelSelector> => fail(`unable to parse requirement: ${error}`);
  let afterComma = false;
  while (i < s.length) {
    skipSpace();
    let negated = false;
    if (s[i] === '!' && s[i + 1] !== '=') {
      negated = true;
      i++;
    }
    const at = i;
    const key = readWord();
    if (!key || key === 'in' || key === 'notin') {
      i = at;
      const found = key || nextToken();
      if (negated) return failRequirement(`found '${found}', expected: identifier`);
      if (afterComma) return fail(`found '${found}', expected: identifier after ','`);
      return fail(`found '${found}', expected: !, identifier, or 'end of string'`);
    }
    const keyError = validateLabelKey(key);
    if (keyError) return failRequirement(keyError);
    skipSpace();
    if (negated) {
      requirements.push({ key, op: 'notexists' });
    } else if (i >= s.length || s[i] === ',') {
      requirements.push({ key, op: 'exists' });
    } else if (s.startsWith('==', i) || s[i] === '=' || s.startsWith('!=', i) || s[i] === '>' || s[i] === '<') {
      const symbol = s.startsWith('==', i) || s.startsWith('!=', i) ? s.slice(i, i + 2) : s[i]!;
      i += symbol.length;
      const op = symbol === '!=' ? '!=' : symbol === '>' ? 'gt' : symbol === '<' ? 'lt' : '=';
      const value = readWord();
      if (!value && i < s.length && s[i] !== ',') return failRequirement(`found '${nextToken()}', expected: identifier`);
      if ((op === 'gt' || op === 'lt') && !/^[+-]?\d+$/.test(value)) {
        return failRequirement(`values[0]: Invalid value: "${value}": for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      const valueError = validateLabelValue(value);
      if (valueError) return failRequirement(valueError);
      requirements.push({ key, op, value });
    } else {
      const word = readWord() || nextToken();
      if (word !== 'in' && word !== 'notin') {
        return failRequirement(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      }
      skipSpace();
      if (s[i] !== '(') return failRequirement(`found '${nextToken()}' expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readWord();
        values.push(v);
        skipSpace();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        return failRequirement(`found '${nextToken()}', expected: ',', ')' or identifier`);
      }
      for (const v of values) {
        const valueError = validateLabelValue(v);
        if (valueError) return failRequirement(valueError);
      }
      requirements.push({ key, op: word, values: [...new Set(values)] });
    }
    skipSpace();
    afterComma = false;
    if (i < s.length) {
      if (s[i] !== ',') return fail(`found '${nextToken()}', expected: ',' or 'end of string'`);
      i++;
      afterComma = true;
      skipSpace();
      if (i >= s.length) return fail(`found '', expected: identifier after ','`);
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
    case 'gt':
    case 'lt': {
      // Only integer label values compare; anything else does not match.
      const actual = has && /^[+-]?\d+$/.test(labels[r.key]!) ? Number(labels[r.key]) : undefined;
      if (actual === undefined) return false;
      return r.op === 'gt' ? actual > Number(r.value) : actual < Number(r.value);
    }
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
