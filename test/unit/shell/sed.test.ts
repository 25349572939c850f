/** sed: the GNU behaviours learners rely on to fix manifests (checked against GNU sed 4.9). */
import { describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './helpers.js';

const MANIFEST = 'spec:\n  containers:\n  - image: registry.k8s.io/kube-scheduler:v1.32.4\n    name: kube-scheduler\n    command:\n    - kube-scheduler\n    - --bind-address=127.0.0.1\n';

function fixture(): Fixture {
  const f = makeFixture();
  f.bastion.fs.writeFile('/home/student/m.yaml', MANIFEST);
  f.bastion.fs.writeFile('/home/student/n.txt', 'a a a\nb a\nc\n');
  return f;
}

describe('sed s///', () => {
  it('replaces the first match per line, every match with g, the Nth with a number', async () => {
    const f = fixture();
    expect((await f.run("sed 's/a/X/' n.txt")).stdout).toBe('X a a\nb X\nc\n');
    expect((await f.run("sed 's/a/X/g' n.txt")).stdout).toBe('X X X\nb X\nc\n');
    expect((await f.run("sed 's/a/X/2' n.txt")).stdout).toBe('a X a\nb a\nc\n');
    expect((await f.run("sed 's/a/X/2g' n.txt")).stdout).toBe('a X X\nb a\nc\n');
  });

  it('supports BRE groups and & in the replacement, other delimiters and -E', async () => {
    const f = fixture();
    expect((await f.run("echo v1.32.4 | sed 's/v\\([0-9]*\\)\\.\\([0-9]*\\)/[\\2.\\1]/'")).stdout).toBe('[32.1].4\n');
    expect((await f.run("echo abc | sed 's|b|<&>|'")).stdout).toBe('a<b>c\n');
    expect((await f.run("echo aaa | sed -E 's/a+/b/'")).stdout).toBe('b\n');
    // In a BRE, + is literal.
    expect((await f.run("echo 'a+' | sed 's/a+/b/'")).stdout).toBe('b\n');
  });

  it('edits a manifest in place with -i (and keeps a backup with -i.bak)', async () => {
    const f = fixture();
    expect(await f.run("sed -i 's/kube-scheduler:v1.32.4/kube-scheduler:v1.32.99/' m.yaml")).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(f.bastion.fs.readFile('/home/student/m.yaml')).toContain('image: registry.k8s.io/kube-scheduler:v1.32.99\n');
    await f.run("sed -i.bak 's/127.0.0.1/0.0.0.0/' m.yaml");
    expect(f.bastion.fs.readFile('/home/student/m.yaml.bak')).toContain('--bind-address=127.0.0.1');
    expect(f.bastion.fs.readFile('/home/student/m.yaml')).toContain('--bind-address=0.0.0.0');
  });
});

describe('sed addresses and commands', () => {
  it('prints with -n and p, by line number, range, $ and /re/', async () => {
    const f = fixture();
    expect((await f.run("sed -n '2p' n.txt")).stdout).toBe('b a\n');
    expect((await f.run("sed -n '2,$p' n.txt")).stdout).toBe('b a\nc\n');
    expect((await f.run("sed -n '/image/p' m.yaml")).stdout).toBe('  - image: registry.k8s.io/kube-scheduler:v1.32.4\n');
    expect((await f.run("sed -n '/command/,/bind/p' m.yaml")).stdout).toBe('    command:\n    - kube-scheduler\n    - --bind-address=127.0.0.1\n');
    expect((await f.run("sed -n 's/a/X/p' n.txt")).stdout).toBe('X a a\nb X\n');
  });

  it('deletes, negates, quits and runs several commands', async () => {
    const f = fixture();
    expect((await f.run("sed '/^b/d' n.txt")).stdout).toBe('a a a\nc\n');
    expect((await f.run("sed '1!d' n.txt")).stdout).toBe('a a a\n');
    expect((await f.run("sed 2q n.txt")).stdout).toBe('a a a\nb a\n');
    expect((await f.run("sed -e 's/a/1/' -e 's/b/2/' n.txt")).stdout).toBe('1 a a\n2 1\nc\n');
    expect((await f.run("sed '3s/c/C/;1d' n.txt")).stdout).toBe('b a\nC\n');
  });

  it("words errors as GNU sed does", async () => {
    const f = fixture();
    expect(await f.run("sed 's/a/b' n.txt")).toEqual({ status: 1, stdout: '', stderr: "sed: -e expression #1, char 5: unterminated `s' command\n" });
    expect((await f.run("sed 'k' n.txt")).stderr).toBe("sed: -e expression #1, char 1: unknown command: `k'\n");
    expect(await f.run("sed -i 's/a/b/'")).toEqual({ status: 1, stdout: '', stderr: 'sed: no input files\n' });
    expect(await f.run("sed 's/a/b/' nope.txt")).toEqual({ status: 2, stdout: '', stderr: "sed: can't read nope.txt: No such file or directory\n" });
  });
});
