/**
 * `curl`, `wget` and `nc` typed on the workstation or a node: curl as in containers
 * (cluster/kubelet/exec-network.ts), Ubuntu's GNU wget and OpenBSD nc (host-tools.ts), with
 * connections starting at that machine — NodePorts on node
 * addresses, ClusterIPs only from nodes (kube-proxy's rules live there), the API server on
 * controlplane:6443 answering anonymous requests as kube-apiserver does. Names resolve as the lab
 * network's hosts are known to each other (no cluster DNS outside Pods).
 */
import type { HttpAnswer } from '../cluster/kubelet/servers.js';
import { curl, type ConnectionOrigin, type ExecNetwork, type HttpRequestContent, type HttpRouter, type NetworkToolContext } from '../cluster/kubelet/exec-network.js';
import { kubeletHttpRouter } from '../cluster/kubelet/exec-source.js';
import { toDisposable, type Disposable } from '../../shared/lifecycle.js';
import type { CommandContext, CommandHandler } from '../shell/types.js';
import { gnuWget, openbsdNc } from './host-tools.js';
import type { Lab } from './lab.js';

const API_SERVER_PORT = 6443;

/** Paths system:public-info-viewer lets anonymous clients read. */
const PUBLIC_HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** kube-apiserver's answer to an anonymous request (kubeadm: anonymous auth on, RBAC). */
export function anonymousApiServerAnswer(path: string): HttpAnswer {
  const bare = path.split('?')[0] ?? '/';
  if (PUBLIC_HEALTH.has(bare)) return { status: 200, body: 'ok' };
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `forbidden: User "system:anonymous" cannot get path "${bare}"`,
    reason: 'Forbidden',
    details: {},
    code: 403,
  };
  return { status: 403, body: JSON.stringify(status, null, 2) + '\n' };
}

const CURL_TLS_FAILURE = [
  'curl: (60) SSL certificate problem: unable to get local issuer certificate',
  'More details here: https://curl.se/docs/sslcerts.html',
  '',
  'curl failed to verify the legitimacy of the server and therefore could not',
  'establish a secure connection to it. To learn more about this situation and',
  'how to fix it, please visit the web page mentioned above.',
];

/** Options of curl's that take a value. */
const CURL_VALUE_OPTIONS = new Set([
  '--cacert', '--cert', '--key', '--capath', '-E', '--data', '-d', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--user', '-u',
  '--header', '-H', '--request', '-X', '--output', '-o', '--write-out', '-w', '--user-agent', '-A', '--resolve', '-m', '--max-time', '--connect-timeout',
]);

/** Those the shared parser does not know about (left out before it reads the rest). */
const CURL_UNKNOWN_VALUE_OPTIONS = new Set(['--cacert', '--cert', '--key', '--capath', '--user', '--resolve']);

/**
 * What answers on a port a process opened on a host itself (`kubectl port-forward` on the
 * workstation): an HTTP request, or with `probe` a connection closed without sending (`nc -z`).
 */
export type HostPortListener = (request: { path: string; host: string; client: string; userAgent: string; probe?: boolean } & HttpRequestContent) => HttpAnswer | undefined;

/**
 * Ports processes listen on in a host's own network namespace, outside the cluster's data plane:
 * `kubectl port-forward svc/web 8080:80 &` listens on the workstation's localhost:8080.
 */
export class HostPorts {
  private readonly listeners = new Map<string, HostPortListener>();

  /** Listen on `port` of `host` (a host name) until disposed. */
  listen(host: string, port: number, answer: HostPortListener): Disposable {
    const key = `${host}:${port}`;
    this.listeners.set(key, answer);
    return toDisposable(() => {
      if (this.listeners.get(key) === answer) this.listeners.delete(key);
    });
  }

  listener(host: string, port: number): HostPortListener | undefined {
    return this.listeners.get(`${host}:${port}`);
  }
}

const LOOPBACK = '127.0.0.1';

/** The progress meter curl writes to stderr; on a terminal curl shows none when output goes there too. */
const CURL_METER = /^( {2}% Total| {33}Dload|100 )/;

type Tool = (ctx: NetworkToolContext, args: string[], write: (stream: 'stdout' | 'stderr', text: string, raw?: boolean) => void) => number;

export function hostNetworkCommands(lab: () => Lab, hostPorts: HostPorts): Record<'curl' | 'wget' | 'nc', CommandHandler> {
  let router: HttpRouter | undefined;
  let routerLab: Lab | undefined;
  const http = (current: Lab): HttpRouter => {
    if (routerLab !== current) {
      const kubelets = kubeletHttpRouter(() => current.kubelets.values());
      const apiServer = current.machines.find((m) => m.role === 'control-plane')?.address;
      router = (backend, request) => (backend.port === API_SERVER_PORT && backend.ip === apiServer ? anonymousApiServerAnswer(request.path) : kubelets(backend, request));
      routerLab = current;
    }
    return router!;
  };

  const run = async (ctx: CommandContext, tool: Tool, args: string[]): Promise<number> => {
    const current = lab();
    const hostName = ctx.shell.host.name;
    const onNode = current.machines.some((m) => m.name === hostName);
    const origin: ConnectionOrigin = onNode ? { node: hostName } : { external: ctx.shell.host.address };
    const cluster = current.network;
    const router = http(current);
    // Loopback on a host: what the host's own processes listen on, else the node's hostNetwork Pods.
    const network: ExecNetwork = {
      lookupFromPod: (name, pod, type) => cluster.lookupFromPod(name, pod, type),
      nameserver: () => cluster.nameserver(),
      resolvConf: (namespace) => cluster.resolvConf(namespace),
      connect: (request) => {
        const local = request.address === LOOPBACK ? hostPorts.listener(hostName, request.port) : undefined;
        if (local) {
          // nc only connects: the listening process sees a connection that closes without a request.
          if (tool === openbsdNc) local({ path: '', host: '', client: LOOPBACK, userAgent: '', probe: true });
          return { ok: true, sourceIP: LOOPBACK, backend: { ip: LOOPBACK, port: request.port } };
        }
        if (request.address === LOOPBACK && !onNode) return { ok: false, error: 'ECONNREFUSED' };
        return cluster.connect(request);
      },
    };
    let waited = 0;
    const toolContext: NetworkToolContext = {
      pod: { namespace: '', name: '' },
      host: {
        origin,
        resolveName: (name) => current.findHost(name.replace(/\.$/, ''))?.address,
      },
      network,
      http: (backend, request) => (backend.ip === LOOPBACK && !backend.pod ? hostPorts.listener(hostName, backend.port)?.(request) : router(backend, request)),
      now: () => current.clock.now(),
      wait: (ms) => (waited += ms),
      save: (path, content) => ctx.shell.host.fs.writeFile(ctx.shell.resolvePath(path), content),
      read: (path) => {
        const absolute = ctx.shell.resolvePath(path);
        return ctx.shell.host.fs.tryStat(absolute)?.isFile ? ctx.shell.host.fs.readFile(absolute) : undefined;
      },
      stdin: ctx.stdin,
      rawOutput: true,
    };
    const out: Array<['stdout' | 'stderr', string]> = [];
    const status = tool(toolContext, args, (stream, text, raw) => out.push([stream, raw ? text : text + '\n']));
    // A tool that timed out took that long: the lab's clock moves on before its message shows.
    if (waited > 0) await current.sleep(waited, ctx.signal);
    // With -o the body goes to a file, so curl shows its meter even on a terminal.
    const toFile = tool === curl && args.some((a) => a === '--output' || /^-[a-zA-Z]*o/.test(a));
    for (const [stream, text] of out) {
      if (ctx.stdoutIsTerminal && !toFile && tool === curl && stream === 'stderr' && CURL_METER.test(text)) continue;
      ctx[stream].write(text);
    }
    return status;
  };

  return {
    curl: (ctx) => {
      const args = ctx.argv.slice(1);
      const insecure = args.some((a) => a === '--insecure' || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(a));
      const target = args.find((a, i) => !a.startsWith('-') && !CURL_VALUE_OPTIONS.has(args[i - 1] ?? ''));
      const stripped = args.filter((a, i) => !CURL_UNKNOWN_VALUE_OPTIONS.has(a) && !CURL_UNKNOWN_VALUE_OPTIONS.has(args[i - 1] ?? ''));
      if (target?.startsWith('https://') && !insecure) {
        // The TLS handshake needs the cluster CA: without -k or --cacert curl gives up once connected.
        return run(ctx, (toolContext, toolArgs, write) => {
          const probe = curl({ ...toolContext, http: () => undefined, wait: () => undefined }, toolArgs, () => undefined);
          if (probe !== 52) return curl(toolContext, toolArgs, write);
          const silent = toolArgs.some((a) => /^-[a-zA-Z]*s/.test(a) || a === '--silent');
          const showError = toolArgs.some((a) => /^-[a-zA-Z]*S/.test(a) || a === '--show-error');
          if (!silent || showError) for (const line of CURL_TLS_FAILURE) write('stderr', line);
          return 60;
        }, stripped);
      }
      return run(ctx, curl, stripped);
    },
    wget: (ctx) => run(ctx, gnuWget, ctx.argv.slice(1)),
    nc: (ctx) => run(ctx, openbsdNc, ctx.argv.slice(1)),
  };
}
