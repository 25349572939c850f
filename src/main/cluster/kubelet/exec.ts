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
 * A shell given a terminal and an open stdin (`kubectl exec -it … -- sh`) is the exception: it
 * answers with a session (exec-session.ts) that runs what is typed, line by line.
 */
import type { Container, Pod, Service } from '../../../shared/api/core.js';
import type { ExecStreamSession } from '../../../shared/api/exec-stream.js';
import type { ImageReference, Userland } from './image-catalog.js';
import { formatColumns } from '../../base/columns.js';
import { type ContainerFs, podHostname } from './container-fs.js';
import { type ExecNetwork, type HttpRouter, type NetworkToolContext, curl, nc, nslookup, wget } from './exec-network.js';
import { shellSession } from './exec-session.js';
import { tar, testDirectory } from './exec-tar.js';
import { type CommandIO, Shell, type ProcessContext, type ProcessRun, resolvePath } from './shell-script.js';

export interface ExecOptions {
  /** What is piped to the process's stdin (`kubectl exec -i`). */
  stdin?: string;
  tty?: boolean;
  /** Stdin is a terminal the client keeps open (`-it` at a prompt): a shell then runs interactively. */
  interactive?: boolean;
  /** The terminal's width (the first message of the resize stream), with a tty; default 80. */
  columns?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Lab time the process took (sleeps, connect timeouts). */
  elapsedMs: number;
  /** The process was still running when the exec session ended (it would have run forever). */
  blocked?: boolean;
  /** An interactive shell: the stream stays open and runs what the client types. */
  session?: ExecStreamSession;
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
const COREUTILS = ['sh', 'ls', 'cat', 'echo', 'env', 'printenv', 'hostname', 'id', 'pwd', 'date', 'sleep', 'true', 'false', 'touch', 'rm', 'mkdir', 'test', '[', 'tar', 'head', 'tail', 'grep', 'wc'];
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

/** A process exec'd into the container: what it sees, what it wrote, and how long it waited. */
export interface ExecProcess {
  readonly ctx: ProcessContext;
  /** Output as bytes written: lines end in a newline; `cat` writes files exactly. */
  readonly output: { stdout: string; stderr: string };
  /** Lab time the network tools waited so far. */
  waited(): number;
  /** Keep what the process wrote in the container (the kubelet-made files are rewritten each time). */
  persist(): void;
}

/** A process's view of the container: its files and volumes, its environment, the image's tools. */
export function execProcess(target: ExecTarget, options: ExecOptions = {}): ExecProcess {
  return containerProcess(target, imageExecutables(target.userland, target.image), options);
}

function containerProcess(target: ExecTarget, executables: Set<string>, options: ExecOptions): ExecProcess {
  const files = new Map([...target.fs.files, ...target.written]);
  const output = { stdout: '', stderr: '' };
  let waited = 0;
  const ctx: ProcessContext = {
    userland: target.userland,
    env: new Map(target.env),
    files,
    listening: target.listening,
    podIP: target.podIP,
    cwd: workingDir(target),
    isDirectory: (path) => directories(target, files).has(path),
    now: () => target.now() + waited,
    // A tty has one output stream: stderr is written to it too.
    out: (stream, text) => (output[stream === 'stdout' || options.tty ? 'stdout' : 'stderr'] += `${text}\n`),
    startup: () => undefined,
    command: (cmd, args, write, io) => {
      // On a tty (not a pipe or a file), `ls` lays its names out in columns as wide as the terminal.
      const columns = options.tty && !io?.stdoutRedirected ? (options.columns ?? 80) : undefined;
      return tool(target, ctx, executables, cmd, args, write, (ms) => (waited += ms), columns);
    },
  };
  return {
    ctx,
    output,
    waited: () => waited,
    persist() {
      for (const [path, content] of files) if (target.fs.files.get(path) !== content || target.written.has(path)) target.written.set(path, content);
      for (const path of [...target.written.keys()]) if (!files.has(path)) target.written.delete(path);
    },
  };
}

/** The image's tools for a container's main process, given that process's context. */
export type ProcessTools = (ctx: ProcessContext, name: string, args: string[], write: Write, io?: CommandIO) => ProcessRun | undefined;

/**
 * The image's tools for a container's main process (its command, its scripts' commands): exec's
 * tools, seeing the process's own files over the container's files and volumes. The container's
 * view (`target`: volumes, network, DNS) is built on the first such command only — servers never
 * run one. A tool runs at once; what it printed is then written in order with its waits (connect
 * and DNS timeouts) yielded between as the process's sleeps, so each line is logged when printed.
 */
export function mainProcessTools(userland: Userland, image: ImageReference | undefined, target: () => ExecTarget | undefined): ProcessTools {
  let executables: Set<string> | undefined;
  let built: ExecTarget | null | undefined;
  return (ctx, name, args, write, io) => {
    executables ??= imageExecutables(userland, image);
    if (!executables.has(basename(name))) return undefined;
    if (built === undefined) built = target() ?? null;
    if (built === null) return undefined;
    const t = built;
    const files = new Map([...t.fs.files, ...ctx.files]);
    const steps: Array<{ ms: number } | { stream: 'stdout' | 'stderr'; text: string }> = [];
    let waited = 0;
    const view: ProcessContext = {
      userland: ctx.userland,
      env: ctx.env,
      files,
      listening: ctx.listening,
      podIP: ctx.podIP,
      cwd: ctx.cwd,
      now: () => ctx.now() + waited,
      out: ctx.out,
      startup: ctx.startup,
    };
    // A container with a tty writes to a terminal nobody has sized: ls lays out 80 columns.
    const columns = t.container.tty === true && !io?.stdoutRedirected ? 80 : undefined;
    const status = tool(t, view, executables, name, args, (stream, text) => steps.push({ stream, text }), (ms) => {
      waited += ms;
      steps.push({ ms });
    }, columns);
    if (status === undefined) return undefined;
    // What the tool saved (wget without -O) stays in the container.
    for (const [path, content] of files) if (ctx.files.has(path) || t.fs.files.get(path) !== content) ctx.files.set(path, content);
    return replay(steps, write, status);
  };
}

/** A tool's output and waits, in the order it made them, on the process's clock. */
function* replay(steps: Array<{ ms: number } | { stream: 'stdout' | 'stderr'; text: string }>, write: Write, status: number): ProcessRun {
  for (const step of steps) {
    if ('ms' in step) {
      if (step.ms > 0) yield step.ms;
    } else write(step.stream, step.text);
  }
  return status;
}

/** The directories of the container: the kubelet-made ones and those holding files. */
function directories(target: ExecTarget, files: Map<string, string>): Set<string> {
  const dirs = new Set(target.fs.dirs);
  for (const file of files.keys()) for (let i = file.lastIndexOf('/'); i > 0; i = file.lastIndexOf('/', i - 1)) dirs.add(file.slice(0, i));
  return dirs;
}

/** Run `argv` in the container. */
export function runExec(target: ExecTarget, argv: string[], options: ExecOptions = {}): ExecOutcome {
  const [first] = argv;
  if (first === undefined) return { ok: false, stage: 'upgrade', message: 'you must specify at least one command for the container' };
  const executables = imageExecutables(target.userland, target.image);
  const name = basename(first);
  const onPath = first.includes('/') ? ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/local/bin/'].some((d) => first === d + name) : true;
  if (!executables.has(name) || !onPath) return { ok: false, stage: 'stream', message: execStartError(target.execId, first) };

  const process = containerProcess(target, executables, options);
  const { ctx, output } = process;
  const files = ctx.files;
  const [, ...rest] = argv;
  const isShell = name === 'sh' || name === 'ash' || name === 'bash';
  if (isShell && rest.length === 0 && options.interactive && options.tty) {
    const session = shellSession(process, { name, userland: target.userland, hostname: podHostname(target.pod), uid: userId(target) });
    return { ok: true, result: { stdout: '', stderr: '', exitCode: 0, elapsedMs: 0, session } };
  }
  let run: ProcessRun;
  if (isShell && rest[0] === '-c') run = new Shell(ctx, { name }).run(rest[1] ?? '', options.stdin);
  else if (isShell) run = new Shell(ctx, { name }).run(options.stdin ?? '');
  else if (name === 'cat' && rest.length > 0 && rest.every((p) => files.has(p))) run = catExactly(rest, files, output);
  // What `kubectl cp` runs: tar archives on stdout and stdin, and `test -d` of the destination.
  else if (name === 'tar') run = exitWith(tar({ userland: target.userland, files, dirs: target.fs.dirs, cwd: workingDir(target) }, rest, options.stdin ?? '', output));
  else if (name === 'test' && rest.length === 2 && rest[0] === '-d') run = exitWith(testDirectory({ userland: target.userland, files, dirs: target.fs.dirs, cwd: workingDir(target) }, rest[1]!));
  // Any other program reads what was sent on its stdin (`echo hi | kubectl exec -i p -- cat`).
  else run = new Shell(ctx).run(quote(argv), options.stdin);

  let elapsed = 0;
  let blocked = false;
  let next = run.next();
  while (!next.done) {
    elapsed += next.value;
    if (elapsed + process.waited() > MAX_EXEC_MS) {
      blocked = true;
      break;
    }
    next = run.next();
  }
  process.persist();
  const elapsedMs = blocked ? MAX_EXEC_MS : elapsed + process.waited();
  return {
    ok: true,
    result: { stdout: output.stdout, stderr: output.stderr, exitCode: blocked ? 0 : next.done ? next.value : 0, elapsedMs, ...(blocked ? { blocked } : {}) },
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
function tool(
  target: ExecTarget,
  ctx: ProcessContext,
  executables: Set<string>,
  name: string,
  args: string[],
  write: Write,
  wait: (ms: number) => void,
  ttyColumns: number | undefined,
): number | undefined {
  const base = basename(name);
  if (!executables.has(base)) return undefined;
  const net: NetworkToolContext = {
    pod: { namespace: target.pod.metadata.namespace ?? 'default', name: target.pod.metadata.name ?? '', ...(target.podIP ? { ip: target.podIP } : {}) },
    busyboxVersion: target.image?.tag,
    network: target.network,
    http: target.http,
    now: ctx.now,
    wait,
    save: (path, content) => ctx.files.set(resolvePath(ctx.cwd ?? workingDir(target), path), content),
  };
  switch (base) {
    case 'ls':
      return ls(target, ctx, args, write, args.includes('-1') ? undefined : ttyColumns);
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

type RunAs = { runAsUser?: number; runAsGroup?: number } | undefined;

/** The uid processes run as: securityContext.runAsUser, else root (the images' default user). */
function userId(target: ExecTarget): number {
  return (target.container.securityContext as RunAs)?.runAsUser ?? (target.pod.spec.securityContext as RunAs)?.runAsUser ?? 0;
}

/** `id` as root (the images' default user) or as securityContext.runAsUser. */
function idText(target: ExecTarget): string {
  const uid = userId(target);
  const gid = (target.container.securityContext as RunAs)?.runAsGroup ?? (target.pod.spec.securityContext as RunAs)?.runAsGroup ?? 0;
  const named = (n: number): string => (n === 0 ? '0(root)' : String(n));
  const groups = target.userland === 'busybox' && uid === 0 && gid === 0 ? '0(root),10(wheel)' : named(gid);
  return `uid=${named(uid)} gid=${named(gid)} groups=${groups}`;
}

/**
 * `ls [-a] [-1] [PATH…]`: directories' entries sorted, one name per line — or, on a tty, in columns
 * `ttyColumns` wide: GNU's layout, or busybox's (equal columns, names coloured by default).
 */
function ls(target: ExecTarget, ctx: ProcessContext, args: string[], write: Write, ttyColumns: number | undefined): number {
  const all = args.some((a) => /^-[a-zA-Z1]*a/.test(a));
  const paths = args.filter((a) => !a.startsWith('-'));
  const cwd = ctx.cwd ?? '/';
  const absolute = (p: string): string => resolvePath(cwd, p);
  const dirs = directories(target, ctx.files);
  let status = 0;
  const listings: Array<{ path: string; prefix: string; names: string[] }> = [];
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
    listings.push({ path: operand, prefix, names: all ? ['.', '..', ...sorted] : sorted });
  }
  for (const f of fileOperands.sort()) write('stdout', f);
  const headed = listings.length + fileOperands.length > 1;
  listings.forEach((listing, i) => {
    if (headed) {
      if (i > 0 || fileOperands.length > 0) write('stdout', '');
      write('stdout', `${listing.path}:`);
    }
    if (ttyColumns === undefined) for (const n of listing.names) write('stdout', n);
    else {
      const isDir = (n: string): boolean => n === '.' || n === '..' || dirs.has(listing.prefix + n);
      for (const line of columnLines(target.userland, listing.names, isDir, ttyColumns)) write('stdout', line);
    }
  });
  return status;
}

/** Names in columns on a terminal `width` wide, as the image's ls lays them out. */
function columnLines(userland: Userland, names: string[], isDir: (name: string) => boolean, width: number): string[] {
  if (names.length === 0) return [];
  if (userland !== 'busybox') return formatColumns(names, width, { tabs: true }).replace(/\n$/, '').split('\n');
  // busybox ls: every column as wide as the longest name plus 2, filled top to bottom, and in
  // colour (FEATURE_LS_COLOR_IS_DEFAULT): directories bold blue, other files `0;0`.
  const columnWidth = Math.max(...names.map((n) => n.length)) + 2;
  const columns = Math.max(1, Math.floor(width / columnWidth));
  const rows = Math.ceil(names.length / columns);
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    let line = '';
    let column = 0;
    for (let c = 0; c < columns; c++) {
      const name = names[c * rows + row];
      if (name === undefined) continue;
      if (column > 0) line += ' '.repeat(c * columnWidth - column);
      column = c * columnWidth + name.length;
      line += `\x1b[${isDir(name) ? '1;34' : '0;0'}m${name}\x1b[0m`;
    }
    lines.push(line);
  }
  return lines;
}
