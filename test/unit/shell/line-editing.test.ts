/** The pieces under the terminal session: display widths, key decoding, the edit buffer. */
import { describe, expect, it } from 'vitest';
import { codePointWidth, displayWidth, stripAnsi } from '../../../src/main/shell/display-width.js';
import { KeyDecoder } from '../../../src/main/shell/key-decoder.js';
import { LineBuffer } from '../../../src/main/shell/line-buffer.js';

describe('displayWidth', () => {
  it('counts CJK and full-width forms as two cells, combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('ｶﾀｶﾅ')).toBe(4);
    expect(displayWidth('Ａ')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('한글')).toBe(4);
    expect(displayWidth('🚀')).toBe(2);
    expect(codePointWidth(0x1b)).toBe(0);
  });

  it('strips ANSI escapes', () => {
    expect(stripAnsi('\x1b[01;32mstudent@bastion\x1b[00m:~$ ')).toBe('student@bastion:~$ ');
  });
});

describe('KeyDecoder', () => {
  it('decodes text, control keys and escape sequences', () => {
    const keys = new KeyDecoder().decode('ab\x1b[D\x1bOC\x1b[3~\x1b[1~\x1b[4~\x7f\x01\t\r\n\x1b[1;5D');
    expect(keys).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'key', name: 'left' },
      { kind: 'key', name: 'right' },
      { kind: 'key', name: 'delete' },
      { kind: 'key', name: 'home' },
      { kind: 'key', name: 'end' },
      { kind: 'key', name: 'backspace' },
      { kind: 'key', name: 'ctrl+a' },
      { kind: 'key', name: 'tab' },
      { kind: 'key', name: 'enter' },
      { kind: 'key', name: 'word-left' },
    ]);
  });

  it('holds back a sequence split across inputs', () => {
    const decoder = new KeyDecoder();
    expect(decoder.decode('x\x1b[')).toEqual([{ kind: 'text', text: 'x' }]);
    expect(decoder.decode('A')).toEqual([{ kind: 'key', name: 'up' }]);
  });

  it('treats tabs inside a bracketed paste as text', () => {
    expect(new KeyDecoder().decode('\x1b[200~a\tb\x1b[201~')).toEqual([{ kind: 'text', text: 'a\tb' }]);
  });
});

describe('LineBuffer', () => {
  it('steps over a character with combining marks as one', () => {
    const line = new LineBuffer();
    line.insert('cafe\u0301!');
    line.left();
    line.left();
    expect(line.cursor).toBe(3);
    line.deleteForward();
    expect(line.text).toBe('caf!');
  });

  it('kills and yanks words', () => {
    const line = new LineBuffer();
    line.insert('kubectl get pods');
    line.killWordBack();
    expect(line.text).toBe('kubectl get ');
    line.home();
    line.yank();
    expect(line.text).toBe('podskubectl get ');
    line.end();
    line.wordLeft();
    expect(line.cursor).toBe('podskubectl '.length);
  });
});
