/**
 * jq 1.6's input side: a stream of JSON texts separated by whitespace, and its parser's
 * messages (`parse error: Invalid literal at line 2, column 0`) with the position the real
 * tokenizer reports (where the offending token ended).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class JsonInputError extends Error {}

/** The values before the first error, and that error's message. */
export function parseJsonStream(text: string): { values: Json[]; error: string | undefined } {
  return new StreamParser(text).all();
}

class StreamParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  all(): { values: Json[]; error: string | undefined } {
    const values: Json[] = [];
    try {
      for (;;) {
        this.skipSpace();
        if (this.pos >= this.text.length) return { values, error: undefined };
        values.push(this.value());
      }
    } catch (error) {
      if (error instanceof JsonInputError) return { values, error: error.message };
      throw error;
    }
  }

  /** Line and column as jq counts them: the column after the character at `index`. */
  private fail(message: string, index = this.pos): never {
    let line = 1;
    let column = 0;
    for (let i = 0; i <= index && i < this.text.length; i++) {
      if (this.text[i] === '\n') {
        line++;
        column = 0;
      } else {
        column++;
      }
    }
    throw new JsonInputError(`parse error: ${message} at line ${line}, column ${column}`);
  }

  private eof(): never {
    return this.fail('Unfinished JSON term at EOF', this.text.length - 1);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos]!)) this.pos++;
  }

  private value(): Json {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) return this.eof();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === ']' || c === '}') this.fail(c === ']' ? 'Unmatched \']\'' : "Unmatched '}'");
    if (c === ',' || c === ':') this.fail(c === ',' ? "Expected value before ','" : "':' not as part of an object");
    return this.literal();
  }

  private literal(): Json {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s[\]{},:"]/.test(this.text[this.pos]!)) this.pos++;
    const word = this.text.slice(start, this.pos);
    const end = this.pos >= this.text.length ? this.text.length - 1 : this.pos;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(word)) return Number(word);
    if (this.pos >= this.text.length) return this.eof();
    return this.fail(/^[tfn]/.test(word) ? 'Invalid literal' : 'Invalid numeric literal', end);
  }

  private string(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++]!;
      if (c === '"') return out;
      if (c === '\\') {
        const e = this.text[this.pos++];
        if (e === undefined) return this.eof();
        if (e === 'u') {
          const hex = this.text.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid escape', this.pos);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.pos += 4;
          continue;
        }
        const mapped = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' } as Record<string, string>)[e];
        if (mapped === undefined) this.fail('Invalid escape', this.pos - 1);
        out += mapped;
        continue;
      }
      out += c;
    }
    return this.eof();
  }

  private array(): Json[] {
    this.pos++;
    const items: Json[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === undefined) return this.eof();
      this.pos++;
      if (c === ']') return items;
      if (c !== ',') this.fail("Expected separator between values", this.pos - 1);
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail('Expected another array element', this.pos);
    }
  }

  private object(): { [key: string]: Json } {
    this.pos++;
    const object: { [key: string]: Json } = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) return this.eof();
      if (this.text[this.pos] !== '"') this.fail('Object keys must be strings', this.pos);
      const key = this.string();
      this.skipSpace();
      if (this.pos >= this.text.length) return this.eof();
      if (this.text[this.pos] !== ':') this.fail("Objects must consist of key:value pairs", this.pos);
      this.pos++;
      object[key] = this.value();
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === undefined) return this.eof();
      this.pos++;
      if (c === '}') return object;
      if (c !== ',') this.fail("Expected separator between values", this.pos - 1);
      this.skipSpace();
      if (this.text[this.pos] === '}') this.fail('Expected another key-value pair', this.pos);
    }
  }
}
