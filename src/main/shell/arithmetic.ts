/**
 * `$(( … ))`: integer arithmetic as learners use it in loops (`i=$((i+1))`). Supports
 * + - * / % **, comparisons, && ||, !, parentheses and variables (bare or `$x`).
 */

export class ArithmeticError extends Error {}

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

const OPERATORS = ['**', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '(', ')', '!'];

export function evaluateArithmetic(expression: string, lookup: (name: string) => string | undefined): number {
  const tokens = tokenize(expression);
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const isOp = (value: string): boolean => {
    const t = peek();
    return t?.kind === 'op' && t.value === value;
  };
  const binary = (ops: readonly string[], next: () => number, apply: (op: string, a: number, b: number) => number) => {
    return (): number => {
      let left = next();
      for (;;) {
        const t = peek();
        if (t?.kind !== 'op' || !ops.includes(t.value)) return left;
        index++;
        left = apply(t.value, left, next());
      }
    };
  };
  const variable = (name: string): number => {
    const raw = (lookup(name) ?? '').trim();
    if (raw === '') return 0;
    if (!/^-?\d+$/.test(raw)) return evaluateArithmetic(raw, lookup);
    return Number(raw);
  };
  const primary = (): number => {
    const t = peek();
    if (!t) throw new ArithmeticError(`${expression}: syntax error: operand expected (error token is "${expression}")`);
    index++;
    if (t.kind === 'num') return t.value;
    if (t.kind === 'name') return variable(t.value);
    if (t.value === '(') {
      const value = or();
      if (!isOp(')')) throw new ArithmeticError(`${expression}: missing \`)' (error token is "${expression}")`);
      index++;
      return value;
    }
    if (t.value === '-') return -primary();
    if (t.value === '+') return primary();
    if (t.value === '!') return primary() === 0 ? 1 : 0;
    throw new ArithmeticError(`${expression}: syntax error: operand expected (error token is "${t.value}")`);
  };
  const power = (): number => {
    const base = primary();
    if (!isOp('**')) return base;
    index++;
    return Math.trunc(base ** power());
  };
  const multiplicative = binary(['*', '/', '%'], power, (op, a, b) => {
    if ((op === '/' || op === '%') && b === 0) {
      throw new ArithmeticError(`${expression}: division by 0 (error token is "${expression}")`);
    }
    return op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
  });
  const additive = binary(['+', '-'], multiplicative, (op, a, b) => (op === '+' ? a + b : a - b));
  const relational = binary(['<', '>', '<=', '>='], additive, (op, a, b) =>
    Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b),
  );
  const equality = binary(['==', '!='], relational, (op, a, b) => Number(op === '==' ? a === b : a !== b));
  const and = binary(['&&'], equality, (_, a, b) => Number(a !== 0 && b !== 0));
  const or = binary(['||'], and, (_, a, b) => Number(a !== 0 || b !== 0));

  if (tokens.length === 0) return 0;
  const result = or();
  if (index < tokens.length) {
    const t = tokens[index]!;
    throw new ArithmeticError(`${expression}: syntax error in expression (error token is "${String(t.value)}")`);
  }
  return result;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(0x[0-9a-fA-F]+|\d+)/.exec(expression.slice(i));
    if (number) {
      tokens.push({ kind: 'num', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    // `$1`, `${10}`, `$#`, `$?` as well as names: the positional and special parameters.
    const name = /^\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(expression.slice(i)) ?? /^\$(?:([0-9#?])|\{([0-9]+|[#?])\})/.exec(expression.slice(i));
    if (name) {
      tokens.push({ kind: 'name', value: (name[1] ?? name[2])! });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => expression.startsWith(o, i));
    if (!op) throw new ArithmeticError(`${expression}: syntax error: invalid arithmetic operator (error token is "${expression.slice(i)}")`);
    tokens.push({ kind: 'op', value: op });
    i += op.length;
  }
  return tokens;
}
