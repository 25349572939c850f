/**
 * Turns the raw bytes a terminal sends (keystrokes, escape sequences, pastes) into keys.
 * A sequence split across two input() calls is held back until its end arrives.
 */

export type KeyName =
  | 'enter'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'escape'
  | 'alt+backspace'
  | 'unknown'
  | `ctrl+${string}`
  | `alt+${string}`;

export type Key = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'key'; readonly name: KeyName };

const CSI_FINAL = /[@-~]/;

export class KeyDecoder {
  private pending = '';
  /** Inside a bracketed paste (`ESC[200~ … ESC[201~`) tabs are text, not completion. */
  private pasting = false;

  decode(data: string): Key[] {
    const input = this.pending + data;
    this.pending = '';
    const keys: Key[] = [];
    let text = '';
    const flush = (): void => {
      if (text) keys.push({ kind: 'text', text });
      text = '';
    };
    const key = (name: KeyName): void => {
      flush();
      keys.push({ kind: 'key', name });
    };
    let i = 0;
    while (i < input.length) {
      const c = input[i]!;
      const code = c.charCodeAt(0);
      if (c === '\x1b') {
        const parsed = this.escape(input, i);
        if (parsed === undefined) {
          this.pending = input.slice(i);
          break;
        }
        i = parsed.next;
        if (parsed.name === 'paste-start') this.pasting = true;
        else if (parsed.name === 'paste-end') this.pasting = false;
        else key(parsed.name);
        continue;
      }
      i++;
      if (c === '\r') {
        if (input[i] === '\n') i++;
        key('enter');
      } else if (c === '\n') {
        key('enter');
      } else if (c === '\t') {
        if (this.pasting) text += c;
        else key('tab');
      } else if (c === '\x7f' || c === '\b') {
        key('backspace');
      } else if (code < 0x20) {
        key(`ctrl+${String.fromCharCode(code + 96)}`);
      } else {
        text += c;
      }
    }
    flush();
    return keys;
  }

  /** Parse the escape sequence at `start`; undefined when it is cut off at the end. */
  private escape(input: string, start: number): { name: KeyName | 'paste-start' | 'paste-end'; next: number } | undefined {
    const next = input[start + 1];
    if (next === undefined) return undefined;
    if (next === '[') {
      let j = start + 2;
      while (j < input.length && /[0-9;?]/.test(input[j]!)) j++;
      if (j >= input.length) return undefined;
      const final = input[j]!;
      if (!CSI_FINAL.test(final)) return { name: 'unknown', next: j + 1 };
      const params = input.slice(start + 2, j);
      return { name: csiName(params, final), next: j + 1 };
    }
    if (next === 'O') {
      const final = input[start + 2];
      if (final === undefined) return undefined;
      return { name: csiName('', final), next: start + 3 };
    }
    if (next === '\x7f' || next === '\b') return { name: 'alt+backspace', next: start + 2 };
    if (next === '\x1b') return { name: 'escape', next: start + 1 };
    if (next >= ' ' && next <= '~') return { name: `alt+${next.toLowerCase()}`, next: start + 2 };
    return { name: 'escape', next: start + 1 };
  }
}

function csiName(params: string, final: string): KeyName | 'paste-start' | 'paste-end' {
  const modifier = params.split(';')[1];
  // 5 = Ctrl, 3 = Alt: both move by words on ←/→.
  const word = modifier === '5' || modifier === '3';
  switch (final) {
    case 'A':
      return 'up';
    case 'B':
      return 'down';
    case 'C':
      return word ? 'word-right' : 'right';
    case 'D':
      return word ? 'word-left' : 'left';
    case 'H':
      return 'home';
    case 'F':
      return 'end';
    case '~':
      switch (params.split(';')[0]) {
        case '1':
        case '7':
          return 'home';
        case '4':
        case '8':
          return 'end';
        case '3':
          return 'delete';
        case '200':
          return 'paste-start';
        case '201':
          return 'paste-end';
        default:
          return 'unknown';
      }
    default:
      return 'unknown';
  }
}
