/**
 * `kubectl cp <file-spec-src> <file-spec-dest>`: kubectl 1.32's CopyOptions. A file spec is a
 * local path or `[namespace/]pod:path`. To a Pod: `test -d DEST` through exec (a directory gets
 * the source's name appended), then the local files as a tar archive on the stdin of
 * `tar -xmf - -C DIR`. From a Pod: `tar cf - SRC` through exec (tar's messages, such as
 * `tar: Removing leading `/' from member names`, land on kubectl's stdout as in kubectl), then the
 * archive unpacked under the local destination. Local files are the workstation's (the shell's
 * host filesystem).
 */
import type { Pod } from '../../../../shared/api/core.js';
import { type TarEntry, packTar, unpackTar } from '../../../base/tar.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { type ExecAnswer, execInPod, refuseCompletedPod } from './exec.js';
import { findOrDefaultContainer } from './pod-target.js';

export const CP_FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'no-preserve', type: 'bool' },
  { name: 'retries', type: 'int' },
];

/** A parsed file spec: a Pod's path, or a local one (no pod). */
interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

/** Go's path.Clean. */
function clean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !rooted) out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

function dir(path: string): string {
  const slash = path.lastIndexOf('/');
  return clean(slash < 0 ? '' : path.slice(0, slash + 1));
}

function base(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function join(...parts: string[]): string {
  const kept = parts.filter((p) => p !== '');
  return kept.length === 0 ? '' : clean(kept.join('/'));
}

/** stripTrailingSlash, as newLocalPath/newRemotePath do. */
function stripTrailingSlash(file: string): string {
  return file !== '/' && file.endsWith('/') ? file.slice(0, -1) : file;
}

/** stripPathShortcuts: leading `../` and a bare `.` or `..` go. */
function stripPathShortcuts(path: string): string {
  let p = path;
  while (p.startsWith('../')) p = p.slice(3);
  return p === '.' || p === '..' ? '' : p;
}

const BAD_SPEC = 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n';

function extractFileSpec(arg: string): FileSpec {
  const colon = arg.indexOf(':');
  if (colon === 0) throw new KubectlError(BAD_SPEC);
  if (colon < 0) return { file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, colon).split('/');
  const file = stripTrailingSlash(arg.slice(colon + 1).replace(/\\/g, '/'));
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw new KubectlError(BAD_SPEC);
}

/**
 * CopyOptions.execute: GET the Pod, choose the container (`Defaulted container …` through `warn`),
 * and run `command` in it.
 */
async function execute(inv: Invocation, client: ApiClient, spec: FileSpec, command: string[], stdin: string | undefined, warn: (text: string) => void): Promise<ExecAnswer> {
  const got = client.get<Pod>(PODS, spec.namespace ?? inv.namespace, spec.pod ?? '');
  if (!got.ok) throw new KubectlError(formatStatusError(got.status));
  const pod = got.value;
  refuseCompletedPod(pod);
  const container = inv.flags.string('container') || findOrDefaultContainer(inv, pod, '', false, warn);
  return execInPod(inv, client, { pod, container, command, stdin });
}

/** A remote process that failed: cmdutil.CheckErr's `command terminated with exit code N`. */
function exitStatus(inv: Invocation, answer: ExecAnswer): number {
  if (answer.exitCode === 0) return 0;
  inv.err(`command terminated with exit code ${answer.exitCode}\n`);
  return answer.exitCode;
}

/** recursiveTar: the local file or tree at `src`, named under `destName` in the archive. */
function localTar(inv: Invocation, src: string, destName: string): TarEntry[] {
  const fs = inv.ctx.shell.host.fs;
  const path = inv.ctx.shell.resolvePath(src);
  const stat = fs.stat(path);
  if (!stat.isDirectory) return [{ name: destName, type: 'file', content: fs.readFile(path), mtime: Math.floor(inv.env.now() / 1000) }];
  const children = fs.readdir(path);
  if (children.length === 0) return [{ name: destName, type: 'dir' }];
  return children.flatMap((child) => localTar(inv, `${src}/${child}`, join(destName, child)));
}

async function copyToPod(inv: Invocation, client: ApiClient, src: FileSpec, dest: FileSpec): Promise<number> {
  const fs = inv.ctx.shell.host.fs;
  if (!fs.exists(inv.ctx.shell.resolvePath(src.file))) throw new KubectlError(`error: ${src.file} doesn't exist in local filesystem\n`);
  let destFile = dest.file;
  // checkDestinationIsDir: its output and errors are discarded; only success counts.
  try {
    const isDir = await execute(inv, client, dest, ['test', '-d', dest.file], undefined, () => undefined);
    if (isDir.exitCode === 0) destFile = join(destFile, base(clean(src.file)));
  } catch (error) {
    if (!(error instanceof KubectlError)) throw error;
  }
  const srcPath = clean(src.file);
  const destPath = clean(destFile);
  const archive = packTar(localTar(inv, srcPath, base(destPath)));
  const command = inv.flags.bool('no-preserve') ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  const destDir = dir(destFile);
  if (destDir.length > 0) command.push('-C', destDir);
  const answer = await execute(inv, client, dest, command, archive, (text) => inv.err(text));
  inv.out(answer.stdout);
  inv.err(answer.stderr);
  return exitStatus(inv, answer);
}

/** Whether `target` stays inside `baseDir` (isRelative). */
function isInside(baseDir: string, target: string): boolean {
  const b = clean(baseDir);
  const t = clean(target);
  if (b === t) return true;
  const rel = b === '.' ? t : t.startsWith(`${b}/`) ? t.slice(b.length + 1) : b === '/' && t.startsWith('/') ? t.slice(1) : undefined;
  return rel !== undefined && rel === stripPathShortcuts(rel) && !rel.startsWith('/');
}

/** untarAll: each member under the local destination, the source's own path prefix taken off. */
function untarAll(inv: Invocation, src: FileSpec, dest: string, archive: string): void {
  const fs = inv.ctx.shell.host.fs;
  const prefix = stripPathShortcuts(clean(src.file.replace(/^[/\\]+/, '')));
  const unpacked = unpackTar(archive);
  if (!unpacked.ok) throw new KubectlError(`error: ${unpacked.error}\n`);
  for (const entry of unpacked.entries) {
    if (!entry.name.startsWith(prefix)) throw new KubectlError('error: tar contents corrupted\n');
    const destFileName = join(dest, entry.name.slice(prefix.length).replace(/\\/g, '/')) || dest;
    if (!isInside(dest, destFileName)) {
      inv.err(`warning: file ${JSON.stringify(destFileName)} is outside target destination, skipping\n`);
      continue;
    }
    const absolute = inv.ctx.shell.resolvePath(destFileName);
    const parent = inv.ctx.shell.resolvePath(dir(destFileName));
    if (fs.tryStat(parent) && !fs.stat(parent).isDirectory) throw new KubectlError(`error: mkdir ${dir(destFileName)}: not a directory\n`);
    fs.mkdir(parent, { parents: true });
    if (entry.type === 'dir') {
      if (!fs.tryStat(absolute)?.isDirectory) fs.mkdir(absolute, { parents: true });
      continue;
    }
    if (fs.tryStat(absolute)?.isDirectory) throw new KubectlError(`error: open ${destFileName}: is a directory\n`);
    fs.writeFile(absolute, entry.content ?? '');
  }
}

async function copyFromPod(inv: Invocation, client: ApiClient, src: FileSpec, dest: FileSpec): Promise<number> {
  // The tar process's stderr (and the default-container note) are kubectl's stdout here.
  const answer = await execute(inv, client, src, ['tar', 'cf', '-', src.file], undefined, (text) => inv.out(text));
  inv.out(answer.stderr);
  if (answer.exitCode !== 0) return exitStatus(inv, answer);
  untarAll(inv, src, dest.file, answer.stdout);
  return 0;
}

export async function runCp(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  if (args.length !== 2) throw new KubectlError('error: source and destination are required\n');
  const src = extractFileSpec(args[0]!);
  const dest = extractFileSpec(args[1]!);
  if (src.pod && dest.pod) throw new KubectlError('error: one of src or dest must be a local file specification\n');
  if (!src.file || !dest.file) throw new KubectlError('error: filepath can not be empty\n');
  if (src.pod) return copyFromPod(inv, inv.client(), src, dest);
  if (dest.pod) return copyToPod(inv, inv.client(), src, dest);
  throw new KubectlError('error: one of src or dest must be a remote file specification\n');
}
