/**
 * An in-memory POSIX-ish filesystem, one per host. Paths are absolute (relative ones are taken
 * from `/`); failures throw FsError with an errno-like code so commands can print coreutils'
 * wording (`cat: x: No such file or directory`). snapshot()/restore() give plain JSON for
 * persistence.
 */
import { Emitter, type Disposable, type Event } from '../../shared/lifecycle.js';

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL';

const STRERROR: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

/** The C library's text for a code, as `perror` prints it. */
export function strerror(code: FsErrorCode): string {
  return STRERROR[code];
}

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${code}: ${STRERROR[code]}, ${path}`);
    this.name = 'FsError';
  }

  /** `No such file or directory` etc. */
  get description(): string {
    return STRERROR[this.code];
  }
}

export function isFsError(error: unknown): error is FsError {
  return error instanceof FsError;
}

export interface FsStat {
  readonly isDirectory: boolean;
  readonly isFile: boolean;
  /** Bytes of UTF-8 content for files; 4096 for directories, as ext4 reports. */
  readonly size: number;
  /** Milliseconds since the epoch, from the clock given to the filesystem. */
  readonly mtime: number;
  /** Permission bits, e.g. 0o644. */
  readonly mode: number;
  /** Entries below a directory that are directories (for `ls -l` link counts). */
  readonly subdirectories: number;
}

export type FsChangeKind = 'write' | 'mkdir' | 'delete' | 'rename';

export interface FsChange {
  readonly kind: FsChangeKind;
  readonly path: string;
}

export type FsSnapshotNode =
  | { readonly type: 'file'; readonly content: string; readonly mtime: number; readonly mode: number }
  | {
      readonly type: 'dir';
      readonly mtime: number;
      readonly mode: number;
      readonly entries: Readonly<Record<string, FsSnapshotNode>>;
    };

export interface FsSnapshot {
  readonly version: 1;
  readonly root: FsSnapshotNode;
}

interface FileNode {
  kind: 'file';
  content: string;
  mtime: number;
  mode: number;
}

interface DirNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mtime: number;
  mode: number;
}

type FsNode = FileNode | DirNode;

const encoder = new TextEncoder();

/** Collapse `.`, `..` and repeated slashes; `..` at the root stays at the root. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return '/' + out.join('/');
}

/** Resolve `path` against the absolute directory `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${cwd}/${path}`);
}

export function dirname(path: string): string {
  const normal = normalizePath(path);
  const index = normal.lastIndexOf('/');
  return index <= 0 ? '/' : normal.slice(0, index);
}

export function basename(path: string): string {
  const normal = normalizePath(path);
  return normal.slice(normal.lastIndexOf('/') + 1);
}

function splitPath(path: string): string[] {
  return normalizePath(path).split('/').filter((s) => s !== '');
}

export interface VirtualFsOptions {
  /** Clock for modification times; defaults to a clock stuck at 0. */
  readonly now?: () => number;
}

export class VirtualFs implements Disposable {
  private root: DirNode;
  private readonly clock: () => number;
  private readonly changeEmitter = new Emitter<FsChange>();
  /** Fires after every successful mutation (the editor reloads open files from it). */
  readonly onDidChange: Event<FsChange> = this.changeEmitter.event;

  constructor(options: VirtualFsOptions = {}) {
    this.clock = options.now ?? (() => 0);
    this.root = { kind: 'dir', children: new Map(), mtime: this.clock(), mode: 0o755 };
  }

  /** The filesystem's idea of the current time (ls compares mtimes against it). */
  now(): number {
    return this.clock();
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  stat(path: string): FsStat {
    const node = this.lookup(path);
    if (!node) throw new FsError(this.lookupFailure(path), path);
    return statOf(node);
  }

  /** stat() that answers undefined instead of throwing. */
  tryStat(path: string): FsStat | undefined {
    const node = this.lookup(path);
    return node ? statOf(node) : undefined;
  }

  readFile(path: string): string {
    const node = this.lookup(path);
    if (!node) throw new FsError(this.lookupFailure(path), path);
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    return node.content;
  }

  writeFile(path: string, content: string, mode?: number): void {
    this.putFile(path, content, false, mode);
  }

  appendFile(path: string, content: string): void {
    this.putFile(path, content, true);
  }

  /** Create an empty file or bump the modification time of an existing entry. */
  touch(path: string): void {
    const node = this.lookup(path);
    if (node) {
      node.mtime = this.clock();
      this.changeEmitter.fire({ kind: 'write', path: normalizePath(path) });
    } else {
      this.putFile(path, '', true);
    }
  }

  /** Change permission bits (only the low 12 bits are kept). */
  chmod(path: string, mode: number): void {
    const node = this.lookup(path);
    if (!node) throw new FsError(this.lookupFailure(path), path);
    node.mode = mode & 0o7777;
    this.changeEmitter.fire({ kind: 'write', path: normalizePath(path) });
  }

  mkdir(path: string, options: { readonly parents?: boolean } = {}): void {
    const segments = splitPath(path);
    if (segments.length === 0) {
      if (options.parents) return;
      throw new FsError('EEXIST', path);
    }
    let dir = this.root;
    for (let i = 0; i < segments.length; i++) {
      const name = segments[i]!;
      const last = i === segments.length - 1;
      const existing = dir.children.get(name);
      if (existing) {
        if (existing.kind !== 'dir') throw new FsError(last ? 'EEXIST' : 'ENOTDIR', path);
        if (last && !options.parents) throw new FsError('EEXIST', path);
        dir = existing;
        continue;
      }
      if (!last && !options.parents) throw new FsError('ENOENT', path);
      const created: DirNode = { kind: 'dir', children: new Map(), mtime: this.clock(), mode: 0o755 };
      dir.children.set(name, created);
      dir.mtime = this.clock();
      dir = created;
    }
    this.changeEmitter.fire({ kind: 'mkdir', path: normalizePath(path) });
  }

  /** Entry names of a directory, sorted by code unit (callers apply their own collation). */
  readdir(path: string): string[] {
    const node = this.lookup(path);
    if (!node) throw new FsError(this.lookupFailure(path), path);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  rm(path: string, options: { readonly recursive?: boolean } = {}): void {
    const { parent, name } = this.parentOf(path);
    const node = parent.children.get(name);
    if (!node) throw new FsError('ENOENT', path);
    if (node.kind === 'dir' && !options.recursive) {
      throw new FsError(node.children.size > 0 ? 'ENOTEMPTY' : 'EISDIR', path);
    }
    parent.children.delete(name);
    parent.mtime = this.clock();
    this.changeEmitter.fire({ kind: 'delete', path: normalizePath(path) });
  }

  /** rename(2): replaces a file at `to`; an existing directory there must be empty. */
  rename(from: string, to: string): void {
    const source = this.parentOf(from);
    const node = source.parent.children.get(source.name);
    if (!node) throw new FsError('ENOENT', from);
    const fromNorm = normalizePath(from);
    const toNorm = normalizePath(to);
    if (fromNorm === toNorm) return;
    if (node.kind === 'dir' && toNorm.startsWith(fromNorm + '/')) throw new FsError('EINVAL', to);
    const target = this.parentOf(to);
    const existing = target.parent.children.get(target.name);
    if (existing) {
      if (existing.kind === 'dir' && node.kind !== 'dir') throw new FsError('EISDIR', to);
      if (existing.kind !== 'dir' && node.kind === 'dir') throw new FsError('ENOTDIR', to);
      if (existing.kind === 'dir' && existing.children.size > 0) throw new FsError('ENOTEMPTY', to);
    }
    source.parent.children.delete(source.name);
    target.parent.children.set(target.name, node);
    source.parent.mtime = target.parent.mtime = this.clock();
    this.changeEmitter.fire({ kind: 'rename', path: fromNorm });
    this.changeEmitter.fire({ kind: 'write', path: toNorm });
  }

  /** Copy a file, or with `recursive` a directory tree, to `to` (replacing a file there). */
  copy(from: string, to: string, options: { readonly recursive?: boolean } = {}): void {
    const node = this.lookup(from);
    if (!node) throw new FsError(this.lookupFailure(from), from);
    if (node.kind === 'dir' && !options.recursive) throw new FsError('EISDIR', from);
    const fromNorm = normalizePath(from);
    const toNorm = normalizePath(to);
    if (node.kind === 'dir' && (toNorm === fromNorm || toNorm.startsWith(fromNorm + '/'))) {
      throw new FsError('EINVAL', to);
    }
    const target = this.parentOf(to);
    const existing = target.parent.children.get(target.name);
    if (existing?.kind === 'dir' && node.kind === 'file') throw new FsError('EISDIR', to);
    if (existing?.kind === 'file' && node.kind === 'dir') throw new FsError('ENOTDIR', to);
    target.parent.children.set(target.name, this.clone(node));
    target.parent.mtime = this.clock();
    this.changeEmitter.fire({ kind: 'write', path: toNorm });
  }

  snapshot(): FsSnapshot {
    return { version: 1, root: toSnapshot(this.root) };
  }

  /** Replace the whole tree with a snapshot taken earlier (possibly by another process). */
  restore(snapshot: FsSnapshot): void {
    const root = fromSnapshot(snapshot.root);
    if (root.kind !== 'dir') throw new Error('filesystem snapshot root must be a directory');
    this.root = root;
    this.changeEmitter.fire({ kind: 'write', path: '/' });
  }

  static fromSnapshot(snapshot: FsSnapshot, options: VirtualFsOptions = {}): VirtualFs {
    const fs = new VirtualFs(options);
    fs.restore(snapshot);
    return fs;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private putFile(path: string, content: string, append: boolean, mode?: number): void {
    const { parent, name } = this.parentOf(path);
    const existing = parent.children.get(name);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    if (existing) {
      existing.content = append ? existing.content + content : content;
      existing.mtime = this.clock();
      if (mode !== undefined) existing.mode = mode;
    } else {
      parent.children.set(name, { kind: 'file', content, mtime: this.clock(), mode: mode ?? 0o644 });
      parent.mtime = this.clock();
    }
    this.changeEmitter.fire({ kind: 'write', path: normalizePath(path) });
  }

  /** The directory that holds `path` (which must exist and be a directory) and the entry's name. */
  private parentOf(path: string): { parent: DirNode; name: string } {
    const segments = splitPath(path);
    const name = segments.pop();
    if (name === undefined) throw new FsError('EINVAL', path);
    let dir = this.root;
    for (const segment of segments) {
      const child = dir.children.get(segment);
      if (!child) throw new FsError('ENOENT', path);
      if (child.kind !== 'dir') throw new FsError('ENOTDIR', path);
      dir = child;
    }
    return { parent: dir, name };
  }

  private lookup(path: string): FsNode | undefined {
    let node: FsNode = this.root;
    for (const segment of splitPath(path)) {
      if (node.kind !== 'dir') return undefined;
      const child: FsNode | undefined = node.children.get(segment);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /** Why lookup() failed: a file in the middle of the path is ENOTDIR, anything else ENOENT. */
  private lookupFailure(path: string): FsErrorCode {
    let node: FsNode = this.root;
    for (const segment of splitPath(path)) {
      if (node.kind !== 'dir') return 'ENOTDIR';
      const child: FsNode | undefined = node.children.get(segment);
      if (!child) return 'ENOENT';
      node = child;
    }
    return 'ENOENT';
  }

  private clone(node: FsNode): FsNode {
    const mtime = this.clock();
    if (node.kind === 'file') return { kind: 'file', content: node.content, mtime, mode: node.mode };
    const children = new Map<string, FsNode>();
    for (const [name, child] of node.children) children.set(name, this.clone(child));
    return { kind: 'dir', children, mtime, mode: node.mode };
  }
}

function statOf(node: FsNode): FsStat {
  if (node.kind === 'file') {
    return {
      isDirectory: false,
      isFile: true,
      size: encoder.encode(node.content).length,
      mtime: node.mtime,
      mode: node.mode,
      subdirectories: 0,
    };
  }
  let subdirectories = 0;
  for (const child of node.children.values()) if (child.kind === 'dir') subdirectories++;
  return { isDirectory: true, isFile: false, size: 4096, mtime: node.mtime, mode: node.mode, subdirectories };
}

function toSnapshot(node: FsNode): FsSnapshotNode {
  if (node.kind === 'file') return { type: 'file', content: node.content, mtime: node.mtime, mode: node.mode };
  const entries: Record<string, FsSnapshotNode> = {};
  for (const name of [...node.children.keys()].sort()) entries[name] = toSnapshot(node.children.get(name)!);
  return { type: 'dir', mtime: node.mtime, mode: node.mode, entries };
}

function fromSnapshot(node: FsSnapshotNode): FsNode {
  if (node.type === 'file') return { kind: 'file', content: node.content, mtime: node.mtime, mode: node.mode };
  const children = new Map<string, FsNode>();
  for (const [name, child] of Object.entries(node.entries)) {
    if (name === '' || name === '.' || name === '..' || name.includes('/')) {
      throw new Error(`invalid entry name in filesystem snapshot: ${JSON.stringify(name)}`);
    }
    children.set(name, fromSnapshot(child));
  }
  return { kind: 'dir', children, mtime: node.mtime, mode: node.mode };
}
