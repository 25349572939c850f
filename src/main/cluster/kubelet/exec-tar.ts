/**
 * `tar` and `test -d` for processes exec'd into a container — what `kubectl cp` runs there:
 * `tar cf - PATH` writes an archive of a file or directory to stdout, `tar -xmf - -C DIR` unpacks
 * the archive on stdin under DIR, `test -d PATH` asks whether a directory exists. Messages follow
 * GNU tar (Debian images) or BusyBox's applet.
 */
import { type TarEntry, packTar, unpackTar } from '../../base/tar.js';
import type { Userland } from './image-catalog.js';

/** The container's file tree as an exec'd process sees it. */
export interface FileTree {
  userland: Userland;
  /** Files by absolute path (written back to the container when the process ends). */
  files: Map<string, string>;
  /** Directories the image and the kubelet made. */
  dirs: ReadonlySet<string>;
  /** The process's working directory. */
  cwd: string;
}

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

function absolute(tree: FileTree, path: string): string {
  const joined = path.startsWith('/') ? path : `${tree.cwd === '/' ? '' : tree.cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Whether `path` is a directory: one the image has, or one a file lives under. */
export function isDirectory(tree: FileTree, path: string): boolean {
  const abs = absolute(tree, path);
  if (abs === '/' || tree.dirs.has(abs)) return true;
  const prefix = `${abs}/`;
  for (const file of tree.files.keys()) if (file.startsWith(prefix)) return true;
  for (const dir of tree.dirs) if (dir.startsWith(prefix)) return true;
  return false;
}

/** `test -d PATH`. */
export function testDirectory(tree: FileTree, path: string): number {
  return isDirectory(tree, path) ? 0 : 1;
}

/** The options of `tar cf -`, `-xmf`, `--no-same-owner …`: the mode letter, `-f`'s and `-C`'s values, the operands. */
function parseArgs(args: string[]): { mode: string; file: string; directory?: string; operands: string[] } {
  let mode = '';
  let file = '-';
  let directory: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) continue;
    if (arg === '-C') {
      directory = args[++i];
      continue;
    }
    // The first word takes letters without a dash (`cf`), as old-style tar options.
    if (arg.startsWith('-') || (i === 0 && /^[a-zA-Z]+$/.test(arg))) {
      for (const letter of arg.replace(/^-/, '')) {
        if ('cxt'.includes(letter)) mode = letter;
        if (letter === 'f') file = args[++i] ?? '-';
        if (letter === 'C') directory = args[++i];
      }
      continue;
    }
    operands.push(arg);
  }
  return { mode, file, directory, operands };
}

const gnu = (tree: FileTree): boolean => tree.userland !== 'busybox';

/** `tar c`: the archive of each operand (a file, or a directory and everything under it). */
function create(tree: FileTree, operands: string[], out: ToolOutput): number {
  const entries: TarEntry[] = [];
  let failed = false;
  let warned = false;
  for (const operand of operands) {
    const abs = absolute(tree, operand);
    if (operand.startsWith('/') && !warned) {
      out.stderr += gnu(tree) ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n";
      warned = true;
    }
    const member = (path: string): string => path.slice(1);
    const content = tree.files.get(abs);
    if (content !== undefined) {
      entries.push({ name: member(abs), type: 'file', content });
      continue;
    }
    if (!isDirectory(tree, abs)) {
      out.stderr += gnu(tree) ? `tar: ${operand}: Cannot stat: No such file or directory\n` : `tar: ${operand}: No such file or directory\n`;
      failed = true;
      continue;
    }
    const prefix = abs === '/' ? '/' : `${abs}/`;
    const below = new Set<string>();
    for (const dir of tree.dirs) if (dir.startsWith(prefix)) below.add(dir);
    for (const file of tree.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      for (let i = file.lastIndexOf('/'); i > prefix.length - 1; i = file.lastIndexOf('/', i - 1)) below.add(file.slice(0, i));
    }
    entries.push({ name: `${member(abs)}/`, type: 'dir' });
    const paths = [...below, ...[...tree.files.keys()].filter((f) => f.startsWith(prefix))].sort();
    for (const path of paths) {
      const text = tree.files.get(path);
      entries.push(text === undefined ? { name: `${member(path)}/`, type: 'dir' } : { name: member(path), type: 'file', content: text });
    }
  }
  out.stdout += packTar(entries);
  if (failed && gnu(tree)) out.stderr += 'tar: Exiting with failure status due to previous errors\n';
  return failed ? (gnu(tree) ? 2 : 1) : 0;
}

/** `tar x`: unpack the archive on stdin under the working directory or `-C DIR`. */
function extract(tree: FileTree, archive: string, directory: string | undefined, out: ToolOutput): number {
  const base = directory === undefined ? tree.cwd : absolute(tree, directory);
  if (directory !== undefined && !isDirectory(tree, base)) {
    if (gnu(tree)) {
      out.stderr += `tar: ${directory}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`;
      return 2;
    }
    out.stderr += `tar: can't change directory to '${directory}': No such file or directory\n`;
    return 1;
  }
  const unpacked = unpackTar(archive);
  if (!unpacked.ok) {
    out.stderr += gnu(tree) ? 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n' : 'tar: short read\n';
    return gnu(tree) ? 2 : 1;
  }
  for (const entry of unpacked.entries) {
    if (entry.type !== 'file') continue;
    tree.files.set(absolute({ ...tree, cwd: base }, entry.name), entry.content ?? '');
  }
  return 0;
}

/** `tar` with its arguments and stdin; what it wrote and its exit status. */
export function tar(tree: FileTree, args: string[], stdin: string, out: ToolOutput): number {
  const { mode, file, directory, operands } = parseArgs(args);
  if (mode === 'c') {
    if (operands.length === 0) {
      out.stderr += gnu(tree) ? "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: empty archive\n';
      return 2;
    }
    return create(tree, operands, out);
  }
  if (mode === 'x' && file === '-') return extract(tree, stdin, directory, out);
  if (mode === 't' && file === '-') {
    const unpacked = unpackTar(stdin);
    if (unpacked.ok) for (const entry of unpacked.entries) out.stdout += `${entry.name}\n`;
    return unpacked.ok ? 0 : 2;
  }
  out.stderr += gnu(tree) ? "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: need at least one option\n';
  return 2;
}
