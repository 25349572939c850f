/** The parser: quoting, expansions, lists, redirects, heredocs, errors and completeness. */
import { describe, expect, it } from 'vitest';
import type { Program, SimpleCommand, Word, WordPart } from '../../../src/main/shell/ast.js';
import { isComplete, parse } from '../../../src/main/shell/parser.js';

function program(source: string, aliases?: Record<string, string>): Program {
  const result = parse(source, { final: true, ...(aliases ? { aliases: (n: string) => aliases[n] } : {}) });
  if (result.kind !== 'complete') throw new Error(`expected a program, got ${JSON.stringify(result)}`);
  return result.program;
}

function simple(source: string, index = 0): SimpleCommand {
  const command = program(source).items[index]!.first.commands[0]!;
  if (command.type !== 'simple') throw new Error(`not a simple command: ${command.type}`);
  return command;
}

/** A compact picture of a word: literals as text, quoted ones in «», expansions as $name. */
function show(word: Word): string {
  return word.parts.map(showPart).join('');
}

function showPart(part: WordPart): string {
  switch (part.type) {
    case 'literal':
      return part.quoted ? `«${part.value}»` : part.value;
    case 'param':
      return `${part.quoted ? 'q' : ''}$${part.length ? '#' : ''}${part.name}${part.op ?? ''}${part.arg ? show(part.arg) : ''}`;
    case 'command':
      return `${part.quoted ? 'q' : ''}$(…)`;
    case 'arith':
      return `$((${part.expression}))`;
    case 'procsub':
      return `${part.direction}(…)`;
  }
}

function error(source: string): string {
  const result = parse(source, { final: true });
  if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
  return result.message;
}

describe('words and quoting', () => {
  it('keeps single-quoted text literal and marks it quoted', () => {
    expect(simple(`echo 'a $HOME "b"'`).words.map(show)).toEqual(['echo', '«a $HOME "b"»']);
  });

  it('expands inside double quotes and honours their backslash rules', () => {
    expect(simple('echo "x $HOME ${USER} \\$ \\a"').words.map(show)).toEqual(['echo', '«x »q$HOME« »q$USER« $ \\a»']);
  });

  it('treats backslash outside quotes as quoting the next character', () => {
    expect(simple('echo a\\ b \\$x').words.map(show)).toEqual(['echo', 'a« »b', '«$»x']);
  });

  it('joins a backslash-newline continuation', () => {
    expect(simple('echo a\\\nb').words.map(show)).toEqual(['echo', 'ab']);
  });

  it('keeps an empty quoted word', () => {
    expect(simple(`echo "" ''`).words.map(show)).toEqual(['echo', '«»', '«»']);
  });

  it('recognises $VAR, ${VAR}, special parameters and operators', () => {
    expect(simple('echo $? $HOME ${x:-def} ${#x} ${f%.yaml} $1 $').words.map(show)).toEqual([
      'echo',
      '$?',
      '$HOME',
      '$x:-def',
      '$#x',
      '$f%.yaml',
      '$1',
      '$',
    ]);
  });

  it('reads ${10} as the tenth positional parameter but $10 as $1 then 0', () => {
    const [, braced, bare, count, length] = simple('echo ${10} $10 ${#} ${#@}').words;
    expect(braced!.parts).toEqual([{ type: 'param', name: '10', quoted: false, length: false }]);
    expect(bare!.parts.map(showPart)).toEqual(['$1', '0']);
    expect([count, length].map((w) => show(w!))).toEqual(['$#', '$#@']);
  });

  it('makes `for name; do` go over "$@"', () => {
    const loop = program('for a; do echo $a; done').items[0]!.first.commands[0]!;
    expect(loop.type === 'for' && loop.items.map(show)).toEqual(['q$@']);
    const listed = program('for a in; do echo $a; done').items[0]!.first.commands[0]!;
    expect(listed.type === 'for' && listed.items).toEqual([]);
  });

  it('parses command substitution with $( ) and backquotes, and arithmetic', () => {
    const words = simple('echo $(kubectl get pods | wc -l) "`hostname`" $((1 + 2))').words;
    expect(words.map(show)).toEqual(['echo', '$(…)', 'q$(…)', '$((1 + 2))']);
    const inner = words[1]!.parts[0]!;
    expect(inner.type === 'command' && inner.program.items[0]!.first.commands.length).toBe(2);
  });

  it('ignores comments', () => {
    expect(simple('echo a # b c').words.map(show)).toEqual(['echo', 'a']);
    expect(simple('echo a#b').words.map(show)).toEqual(['echo', 'a#b']);
    expect(program('# only a comment').items).toEqual([]);
  });

  it('separates prefix assignments from the command', () => {
    const command = simple('A=1 B="x y" kubectl get pods');
    expect(command.assignments.map((a) => `${a.name}=${show(a.value)}`)).toEqual(['A=1', 'B=«x y»']);
    expect(command.words.map(show)).toEqual(['kubectl', 'get', 'pods']);
    expect(simple('A=1').words).toEqual([]);
  });
});

describe('lists, pipelines and redirects', () => {
  it('parses pipelines and && / || / ; lists', () => {
    const items = program('a | b | c && d || e; f').items;
    expect(items).toHaveLength(2);
    expect(items[0]!.first.commands).toHaveLength(3);
    expect(items[0]!.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('allows a newline after a pipe or &&', () => {
    expect(program('echo a |\n  grep a &&\n  echo ok').items[0]!.rest).toHaveLength(1);
  });

  it('parses every redirect form', () => {
    const redirects = simple('cmd > out >> app < in 2> err 2>> err2 2>&1 &> both >/dev/null').redirects;
    expect(
      redirects.map((r) => (r.type === 'file' ? `${r.fd}${r.op}${r.target.raw}` : r.type === 'dup' ? `${r.fd}>&${r.target.raw}` : r.type)),
    ).toEqual(['1>out', '1>>app', '0<in', '2>err', '2>>err2', '2>&1', '-1&>both', '1>/dev/null']);
  });
});

describe('here-documents', () => {
  const heredoc = (source: string) => {
    const redirect = simple(source).redirects[0]!;
    if (redirect.type !== 'heredoc') throw new Error('no heredoc');
    return redirect.body;
  };

  it('reads the body after the line and expands it', () => {
    const body = heredoc('cat <<EOF\nname: $USER\nEOF');
    expect(body.text).toBe('name: $USER\n');
    expect(body.expand).toBe(true);
    expect(body.word && show(body.word)).toBe('«name: »q$USER«\n»');
  });

  it("does not expand a body whose delimiter is quoted ('EOF' or \"EOF\")", () => {
    expect(heredoc("cat <<'EOF'\n$HOME\nEOF").expand).toBe(false);
    expect(heredoc('cat <<"EOF"\n$HOME\nEOF')).toMatchObject({ expand: false, text: '$HOME\n', delimiter: 'EOF' });
  });

  it('strips leading tabs with <<-', () => {
    expect(heredoc('cat <<-EOF\n\tindented\n\tEOF').text).toBe('indented\n');
  });

  it('keeps the rest of the line after the operator', () => {
    const items = program('cat <<EOF | grep a > out\napple\nEOF\necho next').items;
    expect(items).toHaveLength(2);
    expect(items[0]!.first.commands).toHaveLength(2);
  });

  it('warns when the body runs to the end of input', () => {
    const result = parse('cat <<EOF\nline', { final: true });
    expect(result.kind === 'complete' && result.warnings).toEqual([
      "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')",
    ]);
  });
});

describe('compound commands', () => {
  it('parses if / for / while', () => {
    expect(program('if true; then echo y; elif false; then :; else echo n; fi').items[0]!.first.commands[0]!.type).toBe('if');
    const loop = program('for i in 1 2 3; do echo $i; done').items[0]!.first.commands[0]!;
    expect(loop.type === 'for' && loop.items.map(show)).toEqual(['1', '2', '3']);
    expect(program('while false\ndo\n  echo x\ndone').items[0]!.first.commands[0]!.type).toBe('while');
    expect(program('{ echo a; echo b; } > out').items[0]!.first.commands[0]!.type).toBe('group');
  });
});

describe('aliases', () => {
  it('expands an alias in command position only', () => {
    expect(program('k get k', { k: 'kubectl' }).items[0]!.first.commands[0]).toMatchObject({
      words: [{ raw: 'kubectl' }, { raw: 'get' }, { raw: 'k' }],
    });
  });

  it('does not loop on a self-referencing alias and splices operators', () => {
    const items = program('ls', { ls: 'ls -l; echo done' }).items;
    expect(items).toHaveLength(2);
    expect(items[0]!.first.commands[0]).toMatchObject({ words: [{ raw: 'ls' }, { raw: '-l' }] });
  });
});

describe('syntax errors', () => {
  it("uses bash's wording", () => {
    expect(error('| ls')).toBe("syntax error near unexpected token `|'");
    expect(error('ls | | wc')).toBe("syntax error near unexpected token `|'");
    expect(error('echo a ;; echo b')).toBe("syntax error near unexpected token `;;'");
    expect(error('echo >')).toBe("syntax error near unexpected token `newline'");
    expect(error('echo > | x')).toBe("syntax error near unexpected token `|'");
    expect(error('( )')).toBe("syntax error near unexpected token `)'");
    expect(error('fi')).toBe("syntax error near unexpected token `fi'");
  });

  it('reports unterminated constructs at the end of input', () => {
    expect(error("echo 'abc")).toBe("unexpected EOF while looking for matching `''");
    expect(error('echo "abc')).toBe('unexpected EOF while looking for matching `"\'');
    expect(error('echo $(ls')).toBe("unexpected EOF while looking for matching `)'");
    expect(error('ls |')).toBe('syntax error: unexpected end of file');
    expect(error('if true; then')).toBe('syntax error: unexpected end of file');
  });
});

describe('completeness', () => {
  it('asks for more lines while a command is unfinished', () => {
    for (const source of ["echo 'a", 'echo "a', 'ls |', 'true &&', 'false ||', 'echo a \\', 'cat <<EOF', 'cat <<EOF\nbody', 'echo $(ls', 'for i in 1; do', 'if true; then echo', '{ echo']) {
      expect(isComplete(source), source).toBe(false);
    }
  });

  it('is complete once closed, and for syntax errors (which run and report)', () => {
    for (const source of ['echo a', "echo 'a\nb'", 'ls |\nwc -l', 'cat <<EOF\nbody\nEOF', "cat <<'X'\n\tbody\nX", 'for i in 1; do echo; done', 'echo a # \\', '| ls', '']) {
      expect(isComplete(source), source).toBe(true);
    }
  });

  it('does not end a heredoc on an indented delimiter unless <<- is used', () => {
    expect(isComplete('cat <<EOF\n  EOF')).toBe(false);
    expect(isComplete('cat <<-EOF\n\t\tEOF')).toBe(true);
  });
});
