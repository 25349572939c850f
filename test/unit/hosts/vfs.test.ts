/** The in-memory per-host filesystem. */
import { describe, expect, it } from 'vitest';
import { FsError, VirtualFs, basename, dirname, normalizePath, resolvePath } from '../../../src/main/hosts/vfs.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof FsError) return error.code;
    throw error;
  }
  return undefined;
}

describe('paths', () => {
  it('normalises dots, double slashes and .. above the root', () => {
    expect(normalizePath('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalizePath('/../..')).toBe('/');
    expect(normalizePath('')).toBe('/');
    expect(resolvePath('/home/student', '../x/./y')).toBe('/home/x/y');
    expect(resolvePath('/home/student', '/etc')).toBe('/etc');
    expect(dirname('/a/b/c')).toBe('/a/b');
    expect(dirname('/a')).toBe('/');
    expect(basename('/a/b/c.yaml')).toBe('c.yaml');
  });
});

describe('VirtualFs', () => {
  it('writes, appends and reads files with the injected clock as mtime', () => {
    let now = 1000;
    const fs = new VirtualFs({ now: () => now });
    fs.mkdir('/home/student', { parents: true });
    fs.writeFile('/home/student/a.txt', 'one\n');
    now = 2000;
    fs.appendFile('/home/student//a.txt', 'two\n');
    expect(fs.readFile('/home/student/a.txt')).toBe('one\ntwo\n');
    const stat = fs.stat('/home/student/a.txt');
    expect(stat).toMatchObject({ isDirectory: false, isFile: true, size: 8, mtime: 2000, mode: 0o644 });
    expect(fs.stat('/home').isDirectory).toBe(true);
    expect(fs.exists('/home/student/../student/a.txt')).toBe(true);
  });

  it('counts size in UTF-8 bytes', () => {
    const fs = new VirtualFs();
    fs.writeFile('/zh.txt', '中文\n');
    expect(fs.stat('/zh.txt').size).toBe(7);
  });

  it('reports errno-like codes', () => {
    const fs = new VirtualFs();
    fs.mkdir('/d');
    fs.writeFile('/f', 'x');
    expect(codeOf(() => fs.readFile('/nope'))).toBe('ENOENT');
    expect(codeOf(() => fs.readFile('/d'))).toBe('EISDIR');
    expect(codeOf(() => fs.readFile('/f/x'))).toBe('ENOTDIR');
    expect(codeOf(() => fs.writeFile('/missing/x', ''))).toBe('ENOENT');
    expect(codeOf(() => fs.writeFile('/d', ''))).toBe('EISDIR');
    expect(codeOf(() => fs.mkdir('/d'))).toBe('EEXIST');
    expect(codeOf(() => fs.mkdir('/a/b'))).toBe('ENOENT');
    expect(codeOf(() => fs.rm('/d'))).toBe('EISDIR');
    const error = (() => {
      try {
        fs.readFile('/nope');
      } catch (e) {
        return e as FsError;
      }
      return undefined;
    })();
    expect(error?.description).toBe('No such file or directory');
    expect(error?.path).toBe('/nope');
  });

  it('mkdir -p creates parents and tolerates existing directories', () => {
    const fs = new VirtualFs();
    fs.mkdir('/a/b/c', { parents: true });
    fs.mkdir('/a/b', { parents: true });
    expect(fs.readdir('/a/b')).toEqual(['c']);
  });

  it('lists directories sorted and removes trees', () => {
    const fs = new VirtualFs();
    fs.mkdir('/d/sub', { parents: true });
    fs.writeFile('/d/b', '');
    fs.writeFile('/d/a', '');
    expect(fs.readdir('/d')).toEqual(['a', 'b', 'sub']);
    fs.rm('/d', { recursive: true });
    expect(fs.exists('/d')).toBe(false);
    expect(fs.readdir('/')).toEqual([]);
  });

  it('renames and copies files and trees', () => {
    const fs = new VirtualFs();
    fs.mkdir('/src/inner', { parents: true });
    fs.writeFile('/src/inner/f', 'data');
    fs.copy('/src', '/copy', { recursive: true });
    fs.writeFile('/src/inner/f', 'changed');
    expect(fs.readFile('/copy/inner/f')).toBe('data');
    expect(codeOf(() => fs.copy('/src', '/other'))).toBe('EISDIR');
    expect(codeOf(() => fs.rename('/src', '/src/inner/x'))).toBe('EINVAL');
    fs.rename('/copy/inner/f', '/moved');
    expect(fs.exists('/copy/inner/f')).toBe(false);
    expect(fs.readFile('/moved')).toBe('data');
  });

  it('snapshots to plain JSON and restores', () => {
    const fs = new VirtualFs({ now: () => 42 });
    fs.mkdir('/etc/kubernetes', { parents: true });
    fs.writeFile('/etc/kubernetes/admin.conf', 'secret', 0o600);
    const json = JSON.parse(JSON.stringify(fs.snapshot())) as ReturnType<VirtualFs['snapshot']>;
    const copy = VirtualFs.fromSnapshot(json);
    expect(copy.readFile('/etc/kubernetes/admin.conf')).toBe('secret');
    expect(copy.stat('/etc/kubernetes/admin.conf')).toMatchObject({ mode: 0o600, mtime: 42 });
    copy.writeFile('/etc/x', '');
    expect(fs.exists('/etc/x')).toBe(false);
  });

  it('fires a change event per mutation', () => {
    const fs = new VirtualFs();
    const changes: string[] = [];
    const subscription = fs.onDidChange((c) => changes.push(`${c.kind} ${c.path}`));
    fs.mkdir('/d');
    fs.writeFile('/d/f', '');
    fs.rm('/d/f');
    subscription.dispose();
    fs.writeFile('/g', '');
    expect(changes).toEqual(['mkdir /d', 'write /d/f', 'delete /d/f']);
    fs.dispose();
  });
});
