/**
 * The `wrap` of kubectl explain's templates: line breaks dropped, then go-wordwrap's WrapString —
 * words move to the next line when they would pass the limit, spaces at a break are dropped, and a
 * word longer than the limit stays whole on its own line.
 */
export function explainWrap(limit: number, text: string): string {
  const s = text.replaceAll('\n', '');
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const char of s) {
    if (/\s/.test(char) && char !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += [...space].length + [...word].length;
        out += space + word;
        space = '';
        word = '';
      }
      space += char;
    } else {
      word += char;
      const wordLength = [...word].length;
      if (current + [...space].length + wordLength > limit && wordLength < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + [...space].length <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/** The templates' `indent`: the pad before the text and after each of its line breaks. */
export function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.replaceAll('\n', `\n${pad}`);
}
