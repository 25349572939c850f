/** awk's tokens: `/regex/` versus division decided by the token before, newlines kept as terminators. */

export type TokenType = 'number' | 'string' | 'regex' | 'name' | 'funcname' | 'builtin' | 'keyword' | 'op' | 'newline' | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly line: number;
}

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set(['BEGIN', 'END', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'exit', 'print', 'printf', 'delete', 'in', 'getline', 'function', 'return', 'nextfile']);
export const BUILTIN_FUNCTIONS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'toupper', 'tolower', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system']);

const OPERATORS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Tokens after which `/` divides rather than starting a regex. */
function endsOperand(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.type === 'number' || token.type === 'string' || token.type === 'name' || token.type === 'builtin' || token.type === 'regex') return true;
  return token.type === 'op' && (token.value === ')' || token.value === ']' || token.value === '$' || token.value === '++' || token.value === '--');
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const push = (type: TokenType, value: string): void => {
    tokens.push({ type, value, line });
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '\n') {
      push('newline', '\n');
      line++;
      i++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      let value = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\n') throw new AwkSyntaxError(line, 'runaway string constant "' + value.slice(0, 10) + ' ...');
        if (source[i] === '\\' && i + 1 < source.length) {
          const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1));
          if (octal) {
            value += String.fromCharCode(Number.parseInt(octal[0], 8));
            i += 1 + octal[0].length;
            continue;
          }
          const next = source[i + 1]!;
          value += ESCAPES[next] ?? `\\${next}`;
          i += 2;
          continue;
        }
        value += source[i++];
      }
      if (i >= source.length) throw new AwkSyntaxError(line, `runaway string constant "${value.slice(0, 10)} ...`);
      i++;
      push('string', value);
      continue;
    }
    if (c === '/' && !endsOperand(tokens[tokens.length - 1])) {
      let value = '';
      i++;
      let inBracket = false;
      while (i < source.length && (source[i] !== '/' || inBracket)) {
        if (source[i] === '\n') throw new AwkSyntaxError(line, `runaway regular expression /${value.slice(0, 10)} ...`);
        if (source[i] === '\\' && i + 1 < source.length) {
          value += source[i + 1] === '/' ? '/' : source.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (source[i] === '[') inBracket = true;
        else if (source[i] === ']') inBracket = false;
        value += source[i++];
      }
      if (i >= source.length) throw new AwkSyntaxError(line, `runaway regular expression /${value.slice(0, 10)} ...`);
      i++;
      push('regex', value);
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      push('number', number[0]);
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      const value = word[0];
      i += value.length;
      if (KEYWORDS.has(value)) push('keyword', value);
      else if (BUILTIN_FUNCTIONS.has(value)) push('builtin', value);
      else push(source[i] === '(' ? 'funcname' : 'name', value);
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(line, `syntax error at or near ${c}`);
    push('op', op === '**' ? '^' : op === '**=' ? '^=' : op);
    i += op.length;
  }
  push('eof', '');
  return tokens;
}
