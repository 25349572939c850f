/**
 * `kubectl proxy [--port=8001] [--address] [--api-prefix] [--accept-hosts]`: kubectl 1.32's proxy
 * server on the workstation — `Starting to serve on 127.0.0.1:8001`, then every request a program
 * there sends (`curl localhost:8001/api/v1/namespaces/default/pods`) goes through the filter
 * (accepted hosts and paths, rejected paths and methods: `Forbidden`) and on to the API server
 * with the kubeconfig's credentials, whatever its method (proxy-api.ts: discovery, GET, POST, PUT,
 * PATCH, DELETE). The API server's answer comes back as it sends it: pretty JSON
 * for curl and wget (kube-apiserver indents for command-line user agents), compact otherwise.
 * It runs until Ctrl+C (or `kill %1` as a job).
 */
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { KubectlError } from '../../errors.js';
import type { LocalListener } from '../../environment.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { apiServerAnswer, type ProxiedRequest } from './proxy-api.js';
import { waitLabTime } from './blocking.js';

export const PROXY_FLAGS: FlagSpec[] = [
  { name: 'accept-hosts', type: 'string' },
  { name: 'accept-paths', type: 'string' },
  { name: 'address', type: 'string' },
  { name: 'api-prefix', type: 'string' },
  { name: 'append-server-path', type: 'bool' },
  { name: 'disable-filter', type: 'bool' },
  { name: 'keepalive', type: 'duration' },
  { name: 'port', short: 'p', type: 'int' },
  { name: 'reject-methods', type: 'string' },
  { name: 'reject-paths', type: 'string' },
  { name: 'unix-socket', short: 'u', type: 'string' },
  { name: 'www', short: 'w', type: 'string' },
  { name: 'www-prefix', short: 'P', type: 'string' },
];

const DEFAULT_ACCEPT_HOSTS = '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$';
const DEFAULT_REJECT_PATHS = '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach';

type Answer = NonNullable<ReturnType<LocalListener>>;

/** MakeRegexpArray: comma-separated expressions (Go's RE2 reads like JavaScript's for these). */
function regexps(text: string): RegExp[] {
  if (text === '') return [];
  return text.split(',').map((r) => new RegExp(r));
}

/** The proxy's FilterServer: which requests go on to the API server. */
interface Filter {
  acceptHosts: RegExp[];
  acceptPaths: RegExp[];
  rejectPaths: RegExp[];
  rejectMethods: RegExp[];
}

function accepts(filter: Filter, method: string, path: string, host: string): boolean {
  const matches = (list: RegExp[], value: string): boolean => list.some((r) => r.test(value));
  return matches(filter.acceptPaths, path) && !matches(filter.rejectPaths, path) && matches(filter.acceptHosts, host) && !matches(filter.rejectMethods, method);
}

/** The request passed on to the API server with the kubeconfig's credentials. */
function proxied(inv: Invocation, request: ProxiedRequest): Answer {
  let client: ApiClient;
  try {
    client = inv.client();
  } catch (error) {
    // The reverse proxy's answer when it cannot reach the API server.
    if (error instanceof KubectlError) return { status: 502, body: '' };
    throw error;
  }
  return apiServerAnswer(client, request);
}

/** net.Listener.Addr(): an unspecified IPv4 address listens on every address, shown as `[::]`. */
function listenAddress(address: string, port: number): string {
  if (address === '0.0.0.0' || address === '' || address === '::') return `[::]:${port}`;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export async function runProxy(inv: Invocation): Promise<number> {
  const prefix = inv.flags.string('api-prefix', '/');
  const apiPrefix = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const address = inv.flags.string('address', '127.0.0.1');
  const requested = inv.flags.number('port', 8001);
  const port = requested === 0 ? 40000 + (inv.env.now() % 20000) : requested;
  const filter: Filter | undefined = inv.flags.bool('disable-filter')
    ? undefined
    : {
        acceptHosts: regexps(inv.flags.string('accept-hosts', DEFAULT_ACCEPT_HOSTS)),
        acceptPaths: regexps(inv.flags.string('accept-paths', '^.*')),
        rejectPaths: regexps(inv.flags.string('reject-paths', DEFAULT_REJECT_PATHS)),
        rejectMethods: regexps(inv.flags.string('reject-methods', '^$')),
      };
  // The kubeconfig is read before the server starts (a broken one fails here, not per request).
  inv.config();
  const answer: LocalListener = (request) => {
    if (request.probe) return undefined;
    const [rawPath, search = ''] = request.path.split('?', 2) as [string, string?];
    const host = request.host.replace(/:\d+$/, '');
    const method = request.method ?? 'GET';
    // The mux serves only the prefix; below it (stripLeaveSlash, unless the prefix starts with /api) the filter sees the rest.
    if (!rawPath.startsWith(apiPrefix)) return { status: 404, body: '404 page not found\n' };
    const path = apiPrefix.startsWith('/api') ? rawPath : `/${rawPath.slice(apiPrefix.length)}`;
    if (filter && !accepts(filter, method, path, host)) return { status: 403, body: 'Forbidden\n' };
    return proxied(inv, { method, path, search, headers: request.headers ?? {}, body: request.body ?? '', userAgent: request.userAgent });
  };
  const listener = inv.env.listen?.(port, answer);
  if (inv.env.listen && !listener) throw new KubectlError(`error: listen tcp ${listenAddress(address, port).replace('[::]', '0.0.0.0')}: bind: address already in use\n`);
  inv.out(`Starting to serve on ${listenAddress(address, port)}\n`);
  try {
    // Serves until Ctrl+C.
    while (!inv.ctx.signal.aborted) await waitLabTime(inv, 60_000);
  } finally {
    listener?.dispose();
  }
  return 0;
}
