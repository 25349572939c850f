/**
 * Container probes as the kubelet's prober runs them: the Probe fields with their API defaults,
 * and one probe of a simulated container — an HTTP GET or TCP connect to the Pod IP, or an exec in
 * the container — with the prober's exact failure output (`Get "http://…": dial tcp …: connect:
 * connection refused`, `HTTP probe failed with statuscode: 404`, the exec'd command's output).
 */
import type { Container } from '../../../shared/api/core.js';
import type { Program } from './behaviour.js';
import { type ProcessContext, Shell } from './shell-script.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export function containerProbe(container: Container, kind: ProbeKind): Probe | undefined {
  return container[`${kind}Probe`] as Probe | undefined;
}

/** The API defaults (SetDefaults_Probe): period 10 s, thresholds 1 and 3. */
export function probeTiming(probe: Probe): ProbeTiming {
  return {
    initialDelayMs: (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: (probe.periodSeconds ?? 10) * 1000,
    successThreshold: probe.successThreshold ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/** `Liveness`, `Readiness`, `Startup`: the word in events and kill messages. */
export function probeWord(kind: ProbeKind): string {
  return kind[0]!.toUpperCase() + kind.slice(1);
}

export type ProbeResult = { ok: true } | { ok: false; output: string };

export interface ProbeTarget {
  container: Container;
  program: Program | undefined;
  ctx: ProcessContext | undefined;
  podIP: string;
  /** Where the kubelet's requests come from: the node's bridge address in the Pod network. */
  clientIP: string;
}

function resolvePort(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => (p as { name?: string }).name === port)?.containerPort;
}

function listening(target: ProbeTarget, port: number): boolean {
  if (target.program?.acceptsAny) return target.ctx !== undefined;
  return target.ctx?.listening.has(port) ?? false;
}

/** Run one probe against the container as it is now. */
export function runProbe(probe: Probe, target: ProbeTarget): ProbeResult {
  const host = target.podIP;
  if (probe.httpGet) {
    const port = resolvePort(target.container, probe.httpGet.port);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const rawPath = probe.httpGet.path ?? '/';
    const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
    const url = `${scheme}://${probe.httpGet.host ?? host}:${port ?? probe.httpGet.port}${path}`;
    if (port === undefined) return { ok: false, output: `Get "${url}": dial tcp: address ${String(probe.httpGet.port)}: unknown port` };
    if (!listening(target, port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (target.program?.acceptsAny) return { ok: true };
    const http = target.program?.http;
    if (!http || !target.ctx) return { ok: false, output: `Get "${url}": EOF` };
    const answer = http(target.ctx, { path, port, client: target.clientIP, host: `${host}:${port}` });
    // The prober counts 200–399 as success.
    if (answer.status >= 200 && answer.status < 400) return { ok: true };
    return { ok: false, output: `HTTP probe failed with statuscode: ${answer.status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(target.container, probe.tcpSocket.port);
    const address = `${probe.tcpSocket.host ?? host}:${port ?? String(probe.tcpSocket.port)}`;
    if (port === undefined || !listening(target, port)) return { ok: false, output: `dial tcp ${address}: connect: connection refused` };
    return { ok: true };
  }
  if (probe.grpc) {
    const address = `${host}:${probe.grpc.port}`;
    if (!listening(target, probe.grpc.port)) {
      return { ok: false, output: `timeout: failed to connect service "${address}" within 1s: context deadline exceeded` };
    }
    return { ok: true };
  }
  if (probe.exec) return execProbe(probe.exec.command ?? [], target);
  return { ok: true };
}

/** An exec probe: the command in the container; its combined output is the failure message. */
function execProbe(command: string[], target: ProbeTarget): ProbeResult {
  const ctx = target.ctx;
  if (!ctx || ctx.userland === 'none' || command.length === 0) {
    const name = command[0] ?? '';
    return {
      ok: false,
      output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`,
    };
  }
  const lines: string[] = [];
  const files = ctx.files;
  const probeCtx: ProcessContext = { ...ctx, env: new Map(ctx.env), files, out: (_stream, text) => lines.push(text) };
  const script =
    command[0] === 'sh' || command[0] === '/bin/sh'
      ? command[1] === '-c'
        ? (command[2] ?? '')
        : ''
      : command.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = new Shell(probeCtx).run(script);
  // An exec probe is over in an instant: a sleep inside it would hit the probe's timeout.
  let step = run.next();
  let guard = 0;
  while (!step.done && guard++ < 1000) step = run.next();
  const status = step.done ? step.value : 1;
  if (status === 0) return { ok: true };
  return { ok: false, output: lines.map((l) => `${l}\n`).join('') };
}
