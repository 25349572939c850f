/**
 * `kubectl exec`'s far end: a process started inside a running container (CRI Exec). It sees the
 * container's filesystem (container-fs.ts, plus whatever the container's own processes wrote — the
 * same file map, so `cat /tmp/healthy` finds what the script touched, and what exec writes the
 * probes see), the container's environment (with the Service variables of the Services that
 * existed when the container started), and has the tools of its image's userland: busybox applets,
 * Debian's coreutils (and curl in the nginx image), or nothing at all in a distroless image, where
 * runc's exec fails as it does for a missing executable.
 *
 * Exec is synchronous on the lab clock: what the process sleeps or waits for is reported as
 * `elapsedMs` (the caller may advance the clock by it); a process that would never end on its own
 * (`sleep infinity`, `tail -f`) stops with `blocked`, as an interactive session is cut off.
 */
import type { Container, Pod, Service } from '../../../shared/api/core.js';
import type { ImageReference, Userland } from './image-catalog.js';
import type { ContainerFs } from './container-fs.js';
import { type ExecNetwork, type HttpRouter, type NetworkToolContext, curl, nc, nslookup, wget } from './exec-network.js';
import { tar, testDirectory } from './exec-tar.js';
import { Shell, type ProcessContext, type ProcessRun } from './shell-script.js';

export interface ExecOptions {
  /** What is piped to the process's stdin (`kubectl exec -i`). */
  stdin?: string;
  tty?: boolean;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Lab time the process took (sleeps, connect timeouts). */
  elapsedMs: number;
  /** The process was still running when the exec session ended (it would have run forever). */
  blocked?: boolean;
}

/**
 * The kubelet's answer: the process ran, or the exec never started — before the stream was
 * upgraded (`container not found`, the kubelet's GetExec) or inside it (runc could not start the
 * executable: containerd's error on the stream's error channel).
 */
export type ExecOutcome = { ok: true; result: ExecResult } | { ok: false; stage: 'upgrade' | 'stream'; message: string };

/** A process exec'd this long (1 h of lab time) without ending is cut off as blocked. */
const MAX_EXEC_MS = 3_600_000;

/** Every image with a userland has these; busybox has them as applets. */
const COREUTILS = ['sh', 'ls', 'cat', 'echo', 'env', 'printenv', 'hostname', 'id', 'pwd', 'date', 'sleep', 'true', 'false', 'touch', 'rm', 'mkdir', 'test', '[', 'tar'];
const BUSYBOX_ONLY = ['ash', 'nslookup', 'wget', 'nc'];
const DEBIAN_ONLY = ['bash'];

/** The executables on the image's $PATH. */
export function imageExecutables(userland: Userland, image: ImageReference | undefined): Set<string> {
  if (userland === 'none') return new Set();
  const tools = new Set([...COREUTILS, ...(userland === 'busybox' ? BUSYBOX_ONLY : DEBIAN_ONLY)]);
  // The official nginx image ships curl (its entrypoint scripts use it); redis, httpd, mysql do not.
  if (image?.repository === 'docker.io/library/nginx' && userland === 'debian') tools.add('curl');
  return tools;
}

/** runc's message when exec cannot start the executable, as containerd passes it on. */
export function execStartError(execId: string, executable: string): string {
  const why = executable.includes('/') ? `stat ${executable}: no such file or directory` : 'executable file not found in $PATH';
  return `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${executable}": ${why}: unknown`;
}

/** The Service environment variables (kubelet's getServiceEnvVarMap / FromServices). */
export function serviceEnv(services: readonly Service[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const sorted = [...services].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const service of sorted) {
    const ip = service.spec.clusterIP;
    if (!ip || ip === 'None') continue;
    const ports = (service.spec.ports ?? []) as Array<{ name?: string; port: number; protocol?: string }>;
    if (ports.length === 0) continue;
    const name = (service.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
    const first = ports[0]!;
    out.push([`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(first.port)]);
    for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.push([`${name}_PORT`, `${proto}://${ip}:${first.port}`]);
    for (const p of ports) {
      const protocol = p.protocol ?? 'TCP';
      const prefix = `${name}_PORT_${p.port}_${protocol}`;
      out.push([prefix, `${protocol.toLowerCase()}://${ip}:${p.port}`], [`${prefix}_PROTO`, protocol.toLowerCase()], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
    }
  }
  return out;
}

/** Everything an exec needs to know about its container. */
export interface ExecTarget {
  pod: Pod;
  container: Container;
  image?: ImageReference;
  userland: Userland;
  /** The container's environment at start. */
  env: Map<string, string>;
  /** The kubelet-made files and volumes. */
  fs: ContainerFs;
  /** Files the container's own processes wrote (shared both ways). */
  written: Map<string, string>;
  listening: Set<number>;
  podIP?: string;
  /** containerd's exec id (64 hex). */
  execId: string;
  now(): number;
  network?: ExecNetwork;
  http?: HttpRouter;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function quote(words: string[]): string {
  return words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** Run `argv` in the container. */
export function runExec(target: ExecTarget, argv: string[], options: ExecOptions = {}): ExecOutcome {
  const [first] = argv;
  if (first === undefined) return { ok: false, stage: 'upgrade', message: 'you must specify at least one command for the container' };
  const executables = imageExecutables(target.userland, target.image);
  const name = basename(first);
  const onPath = first.includes('/') ? ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/local/bin/'].some((d) => first === d + name) : true;
  if (!executables.has(name) || !onPath) return { ok: false, stage: 'stream', message: execStartError(target.execId, first) };

  const files = new Map([...target.fs.files, ...target.written]);
  // Output as bytes written: lines end in a newline; `cat` writes files exactly.
  const output = { stdout: '', stderr: '' };
  let waited = 0;
  const ctx: ProcessContext = {
    userland: target.userland,
    env: new Map(target.env),
    files,
    listening: target.listening,
    podIP: target.podIP,
    now: () => target.now() + waited,
    // A tty has one output stream: stderr is written to it too.
    out: (stream, text) => (output[stream === 'stdout' || options.tty ? 'stdout' : 'stderr'] += `${text}\n`),
    startup: () => undefined,
    command: (cmd, args, write) => tool(target, ctx, executables, cmd, args, write, (ms) => (waited += ms)),
  };
  const [, ...rest] = argv;
  let run: ProcessRun;
  if ((name === 'sh' || name === 'ash' || name === 'bash') && rest[0] === '-c') run = new Shell(ctx).run(rest[1] ?? '');
  else if (name === 'sh' || name === 'ash' || name === 'bash') run = new Shell(ctx).run(options.stdin ?? '');
  else if (name === 'cat' && rest.length > 0 && rest.every((p) => files.has(p))) run = catExactly(rest, files, output);
  // What `kubectl cp` runs: tar archives on stdout and stdin, and `test -d` of the destination.
  else if (name === 'tar') run = exitWith(tar({ userland: target.userland, files, dirs: target.fs.dirs, cwd: workingDir(target) }, rest, options.stdin ?? '', output));
  else if (name === 'test' && rest.length === 2 && rest[0] === '-d') run = exitWith(testDirectory({ userland: target.userland, files, dirs: target.fs.dirs, cwd: workingDir(target) }, rest[1]!));
  else run = new Shell(ctx).run(quote(argv));

  let elapsed = 0;
  let blocked = false;
  let next = run.next();
  while (!next.done) {
    elapsed += next.value;
    if (elapsed + waited > MAX_EXEC_MS) {
      blocked = true;
      break;
    }
    next = run.next();
  }
  // What the process wrote stays in the container (the kubelet-made files are rewritten each time).
  for (const [path, content] of files) if (target.fs.files.get(path) !== content || target.written.has(path)) target.written.set(path, content);
  for (const path of [...target.written.keys()]) if (!files.has(path)) target.written.delete(path);
  return {
    ok: true,
    result: { stdout: output.stdout, stderr: output.stderr, exitCode: blocked ? 0 : next.done ? next.value : 0, elapsedMs: blocked ? MAX_EXEC_MS : elapsed + waited, ...(blocked ? { blocked } : {}) },
  };
}

type Write = (stream: 'stdout' | 'stderr', text: string) => void;

/** A process that did its work at once and exits with `status`. */
// eslint-disable-next-line require-yield
function* exitWith(status: number): ProcessRun {
  return status;
}

/**
 * `cat` of files that exist, byte for byte: a file without a final newline (the ServiceAccount
 * token, `namespace`) leaves the prompt on the same line, as it does in a real terminal.
 */
// eslint-disable-next-line require-yield
function* catExactly(paths: string[], files: Map<string, string>, output: { stdout: string }): ProcessRun {
  for (const path of paths) output.stdout += files.get(path) ?? '';
  return 0;
}

/** The commands beyond the shell's own: file listing, identity, and the network tools. */
function tool(target: ExecTarget, ctx: ProcessContext, executables: Set<string>, name: string, args: string[], write: Write, wait: (ms: number) => void): number | undefined {
  const base = basename(name);
  if (!executables.has(base)) return undefined;
  const net: NetworkToolContext = {
    pod: { namespace: target.pod.metadata.namespace ?? 'default', name: target.pod.metadata.name ?? '' },
    busyboxVersion: target.image?.tag,
    network: target.network,
    http: target.http,
    now: ctx.now,
    wait,
    save: (path, content) => ctx.files.set(path.startsWith('/') ? path : `${workingDir(target)}/${path}`.replace(/^\/\//, '/'), content),
  };
  switch (base) {
    case 'ls':
      return ls(target, ctx, args, write);
    case 'pwd':
      write('stdout', workingDir(target));
      return 0;
    case 'id':
      write('stdout', idText(target));
      return 0;
    case 'nslookup':
      return nslookup(net, args, write);
    case 'wget':
      return wget(net, args, write);
    case 'curl':
      return curl(net, args, write);
    case 'nc':
      return nc(net, args, write);
    default:
      return undefined;
  }
}

function workingDir(target: ExecTarget): string {
  return (target.container.workingDir as string | undefined) ?? '/';
}

/** `id` as root (the images' default user) or as securityContext.runAsUser. */
function idText(target: ExecTarget): string {
  const podContext = target.pod.spec.securityContext as { runAsUser?: number; runAsGroup?: number } | undefined;
  const own = target.container.securityContext as { runAsUser?: number; runAsGroup?: number } | undefined;
  const uid = own?.runAsUser ?? podContext?.runAsUser ?? 0;
  const gid = own?.runAsGroup ?? podContext?.runAsGroup ?? 0;
  const named = (n: number): string => (n === 0 ? '0(root)' : String(n));
  const groups = target.userland === 'busybox' && uid === 0 && gid === 0 ? '0(root),10(wheel)' : named(gid);
  return `uid=${named(uid)} gid=${named(gid)} groups=${groups}`;
}

/** `ls [-a] [-1] [PATH…]`: one name per line (exec without a tty), directories' entries sorted. */
function ls(target: ExecTarget, ctx: ProcessContext, args: string[], write: Write): number {
  const all = args.some((a) => /^-[a-zA-Z1]*a/.test(a));
  const paths = args.filter((a) => !a.startsWith('-'));
  const cwd = workingDir(target);
  const absolute = (p: string): string => {
    const joined = p.startsWith('/') ? p : `${cwd === '/' ? '' : cwd}/${p}`;
    return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
  };
  const dirs = new Set(target.fs.dirs);
  for (const file of ctx.files.keys()) for (let i = file.lastIndexOf('/'); i > 0; i = file.lastIndexOf('/', i - 1)) dirs.add(file.slice(0, i));
  let status = 0;
  const listings: Array<{ path: string; names: string[] }> = [];
  const fileOperands: string[] = [];
  for (const operand of paths.length > 0 ? paths : ['.']) {
    const path = operand === '.' ? cwd : absolute(operand);
    if (ctx.files.has(path)) {
      fileOperands.push(operand);
      continue;
    }
    if (!dirs.has(path)) {
      write('stderr', target.userland === 'busybox' ? `ls: ${operand}: No such file or directory` : `ls: cannot access '${operand}': No such file or directory`);
      status = target.userland === 'busybox' ? 1 : 2;
      continue;
    }
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const entry of [...ctx.files.keys(), ...dirs]) {
      if (!entry.startsWith(prefix) || entry === path) continue;
      const rest = entry.slice(prefix.length);
      if (rest !== '') names.add(rest.split('/')[0]!);
    }
    const sorted = [...names].sort();
    listings.push({ path: operand, names: all ? ['.', '..', ...sorted] : sorted });
  }
  for (const f of fileOperands.sort()) write('stdout', f);
  const headed = listings.length + fileOperands.length > 1;
  listings.forEach((listing, i) => {
    if (headed) {
      if (i > 0 || fileOperands.length > 0) write('stdout', '');
      write('stdout', `${listing.path}:`);
    }
    for (const n of listing.names) write('stdout', n);
  });
  return status;
}
