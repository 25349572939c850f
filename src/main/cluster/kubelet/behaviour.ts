/**
 * What a container does: the argv runc would exec (the image's Entrypoint/Cmd, replaced by the
 * Pod's `command`/`args` the way Kubernetes does) turned into a simulated process — a server that
 * prints its start-up lines and serves its ports until stopped, a shell script, a coreutil — or the
 * start error containerd reports for an executable that is not in the image.
 */
import type { Container } from '../../../shared/api/core.js';
import type { CatalogImage, ImageReference } from './image-catalog.js';
import { expandVariables } from './container-env.js';
import { type ProcessContext, type ProcessRun, Shell, catFiles } from './shell-script.js';
import { attachableShell, stdinClosed } from './exec-attach.js';
import { imageExecutables } from './exec.js';
import { perlProgram } from './perl.js';
import { serverProgram, type HttpAnswer } from './servers.js';

export type { HttpAnswer } from './servers.js';

export interface Program {
  /** How the process takes SIGTERM: servers exit 0 at once, a shell as PID 1 ignores it. */
  kind: 'server' | 'script';
  /** TCP ports the process listens on (once its start-up lines are out). */
  ports: number[];
  memoryBytes: number;
  run(ctx: ProcessContext): ProcessRun;
  /** Accepts connections on every port and answers 200 to any GET (components whose endpoints are not modelled). */
  acceptsAny?: boolean;
  /** Answer an HTTP GET (servers speaking HTTP only). */
  http?(ctx: ProcessContext, request: { path: string; port: number; client: string; host: string; userAgent?: string }): HttpAnswer;
}

export type Resolved = { ok: true; program: Program; argv: string[] } | { ok: false; message: string; argv: string[] };

/**
 * Entrypoint/Cmd vs command/args: `command` replaces the Entrypoint and drops Cmd; `args` replace Cmd.
 * `$(VAR)` in them expands from the container's variables (`env`: as resolved at creation; without
 * it, the spec's literal values).
 */
export function containerArgv(image: CatalogImage | undefined, container: Container, env: ReadonlyMap<string, string> = literalVariables(container)): string[] {
  const expand = (args: string[]): string[] => args.map((a) => expandVariables(a, (name) => env.get(name)));
  const entrypoint = container.command ? expand(container.command) : (image?.entrypoint ?? []);
  const cmd = container.args ? expand(container.args) : container.command ? [] : (image?.cmd ?? []);
  return [...entrypoint, ...cmd];
}

/** The spec's literal `env` values, each expanded against those before it. */
function literalVariables(container: Container): Map<string, string> {
  const env = new Map<string, string>();
  for (const e of container.env ?? []) if (e.value !== undefined) env.set(e.name, expandVariables(e.value, (name) => env.get(name)));
  return env;
}

/** containerd + runc's message for an executable that cannot be started. */
export function startErrorMessage(executable: string): string {
  const why = executable.includes('/') ? `stat ${executable}: no such file or directory` : 'executable file not found in $PATH';
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${executable}": ${why}: unknown`;
}

const SHELLS = new Set(['sh', '/bin/sh', 'ash', '/bin/ash', 'bash', '/bin/bash']);

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A process that is over at once with `code`, having written `stderr` (a zero sleep costs no time). */
function* exitWith(ctx: ProcessContext, code: number, stderr: string[]): ProcessRun {
  for (const line of stderr) ctx.out('stderr', line);
  yield 0;
  return code;
}

function script(memoryBytes: number, run: (ctx: ProcessContext) => ProcessRun): Program {
  return { kind: 'script', ports: [], memoryBytes, run };
}

/** The process for a container of `image` (undefined: an image outside the catalog, run as a server). */
export function resolveProgram(ref: ImageReference, image: CatalogImage | undefined, container: Container, env?: ReadonlyMap<string, string>): Resolved {
  const argv = containerArgv(image, container, env);
  const userland = image?.userland ?? 'none';
  const memoryBytes = image?.memoryBytes ?? 8 * 1024 * 1024;
  const [first, ...rest] = argv;
  if (first === undefined) {
    // No Entrypoint or Cmd at all: runc has nothing to exec.
    return { ok: false, argv, message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown' };
  }
  const server = serverProgram(ref, image, argv);
  if (server) return { ok: true, argv, program: server };
  // The images' docker-entrypoint.sh execs whatever it is given that is not its own server.
  if (first.endsWith('docker-entrypoint.sh') && image?.entrypoint?.[0] === first && rest.length > 0) {
    const inner = resolveProgram(ref, { ...image, entrypoint: [], cmd: [] }, { ...container, command: rest, args: [] }, new Map());
    return { ...inner, argv };
  }
  const name = basename(first);
  const hasShell = userland !== 'none' && (name !== 'bash' || userland === 'debian') && (name !== 'ash' || userland === 'busybox');
  if (SHELLS.has(first) && hasShell) {
    if (rest[0] === '-c') return { ok: true, argv, program: script(memoryBytes, (ctx) => new Shell(ctx).run(rest[1] ?? '')) };
    if (rest.length === 0 && container.stdin === true && container.tty === true && !stdinClosed(container)) {
      // stdin kept open on a tty (`kubectl run -it … -- sh`): an interactive shell waits for lines typed into it.
      return { ok: true, argv, program: script(memoryBytes, (ctx) => attachableShell(ctx, name, userland, container)) };
    }
    if (rest.length === 0) {
      // No stdin (or a stdinOnce one already closed): the shell reads end-of-file and exits 0 at once.
      return { ok: true, argv, program: script(memoryBytes, (ctx) => exitWith(ctx, 0, [])) };
    }
    const file = rest[0]!;
    return {
      ok: true,
      argv,
      program: script(memoryBytes, (ctx) =>
        exitWith(ctx, 2, [userland === 'busybox' ? `${name}: can't open '${file}': No such file or directory` : `${name}: 0: cannot open ${file}: No such file`]),
      ),
    };
  }
  if (name === 'perl' && image?.repository === 'docker.io/library/perl') return { ok: true, argv, program: script(memoryBytes, perlProgram(rest)) };
  // The image's own executables (exec.ts): coreutils or busybox applets, and its network tools
  // (wget, nslookup, nc in busybox, curl in nginx), which the process context's tools run.
  if (name !== 'tar' && imageExecutables(userland, ref).has(name)) {
    if (name === 'cat') return { ok: true, argv, program: script(memoryBytes, (ctx) => exitWith(ctx, catFiles(ctx, rest, ctx.out.bind(ctx)), [])) };
    // A utility run directly behaves as it does in a one-command script (no shell expansion).
    const quoted = [name, ...rest].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    return { ok: true, argv, program: script(memoryBytes, (ctx) => new Shell(ctx).run(quoted)) };
  }
  if (!image) {
    // An image from outside the catalog that pulled fine: assume it is a long-running service.
    return { ok: true, argv, program: { kind: 'server', ports: [], memoryBytes, *run() { yield Infinity; return 0; } } };
  }
  return { ok: false, argv, message: startErrorMessage(first) };
}
