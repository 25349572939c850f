/** Bash's `<(list)` and `>(list)`, and GNU `diff` (normal and unified) that often reads them. */
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../../../src/main/shell/parser.js';
import { KubectlLab } from '../kubectl/lab.js';
import { makeFixture } from './helpers.js';

describe('process substitution', () => {
  it('parses <(list) as a word, also after a redirect and inside a word', () => {
    const result = parse('diff <(ls) x<(echo a) >(cat)\nwhile read l; do :; done < <(echo hi)', { final: true });
    if (result.kind !== 'complete') throw new Error(result.kind);
    const [diffLine, loop] = result.program.items;
    const words = diffLine!.first.commands[0]!;
    if (words.type !== 'simple') throw new Error(words.type);
    expect(words.words.map((w) => w.parts.map((p) => (p.type === 'procsub' ? `${p.direction}()` : p.type === 'literal' ? p.value : p.type)).join(''))).toEqual(['diff', '<()', 'x<()', '>()']);
    expect(words.redirects).toEqual([]);
    const whileCommand = loop!.first.commands[0]!;
    if (whileCommand.type !== 'while') throw new Error(whileCommand.type);
    expect(whileCommand.redirects[0]).toMatchObject({ type: 'file', op: '<', target: { raw: '<(echo hi)' } });
  });

  it('reads a list’s output through /dev/fd/63, 62 … which go away with the command', async () => {
    const f = makeFixture();
    expect(await f.run('echo <(true) <(true); cat <(echo one) <(echo two); ls /dev 2>&1')).toEqual({
      status: 2,
      stdout: "/dev/fd/63 /dev/fd/62\none\ntwo\nls: cannot access '/dev': No such file or directory\n",
      stderr: '',
    });
    expect(await f.run('while read -r line; do echo "got $line"; done < <(printf "a\\nb\\n")')).toEqual({ status: 0, stdout: 'got a\ngot b\n', stderr: '' });
    expect(await f.run('false; wc -l <(echo x); echo "status $?"')).toEqual({ status: 0, stdout: '1 /dev/fd/63\nstatus 0\n', stderr: '' });
  });

  it('feeds what the command wrote to >(list) once it is done', async () => {
    const f = makeFixture();
    expect(await f.run('echo hello | tee >(tr a-z A-Z)')).toEqual({ status: 0, stdout: 'hello\nHELLO\n', stderr: '' });
  });

  it('sources a script from a command: source <(…)', async () => {
    const f = makeFixture();
    expect(await f.run("source <(echo 'x=42; alias k=kubectl'); echo $x; alias k")).toEqual({ status: 0, stdout: "42\nalias k='kubectl'\n", stderr: '' });
  });
});

describe('diff', () => {
  it('prints the normal format and exits 1 when files differ, 0 when equal', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/a', 'one\ntwo\nthree\nfour\n');
    f.bastion.fs.writeFile('/home/student/b', 'one\n2\nthree\nfour\nfive\n');
    f.bastion.fs.writeFile('/home/student/c', 'two\nthree\n');
    expect(await f.run('diff a b; echo "status $?"')).toEqual({ status: 0, stdout: '2c2\n< two\n---\n> 2\n4a5\n> five\nstatus 1\n', stderr: '' });
    expect(await f.run('diff a c')).toEqual({ status: 1, stdout: '1d0\n< one\n4d2\n< four\n', stderr: '' });
    expect(await f.run('diff a a; echo $?; diff -q a b')).toEqual({ status: 1, stdout: '0\nFiles a and b differ\n', stderr: '' });
    expect(await f.run('diff a nope')).toEqual({ status: 2, stdout: '', stderr: 'diff: nope: No such file or directory\n' });
    expect(await f.run('diff a')).toEqual({ status: 2, stdout: '', stderr: "diff: missing operand after 'a'\ndiff: Try 'diff --help' for more information.\n" });
  });

  it('prints unified hunks with -u and -U N', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/a', 'one\ntwo\nthree\nfour\n');
    f.bastion.fs.writeFile('/home/student/b', 'one\n2\nthree\nfour\n');
    expect((await f.run('diff -u a b')).stdout).toBe(
      '--- a\t2025-01-01 00:00:00.000000000 +0000\n+++ b\t2025-01-01 00:00:00.000000000 +0000\n@@ -1,4 +1,4 @@\n one\n-two\n+2\n three\n four\n',
    );
    expect((await f.run('diff -U0 a b')).stdout).toContain('@@ -2 +2 @@\n-two\n+2\n');
  });
});

describe('diff of two Pods through process substitution', () => {
  let lab: KubectlLab;
  afterEach(() => lab.dispose());

  it('compares kubectl output side by side', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl run a --image=nginx:1.25
kubectl run b --image=nginx:1.27
diff <(kubectl get pod a -o jsonpath='{.spec.containers[0].image}{"\\n"}') <(kubectl get pod b -o jsonpath='{.spec.containers[0].image}{"\\n"}')
echo "status $?"
`);
    expect(r.stdout).toBe('pod/a created\npod/b created\n1c1\n< nginx:1.25\n---\n> nginx:1.27\nstatus 1\n');
  });
});
