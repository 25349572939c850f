/**
 * `kubectl proxy [--port=8001] [--address] [--api-prefix] [--accept-hosts]`: kubectl 1.32's proxy
 * server on the workstation — `Starting to serve on 127.0.0.1:8001`, then every request a program
 * there sends (`curl localhost:8001/api/v1/namespaces/default/pods`) goes through the filter
 * (accepted hosts and paths, rejected paths and methods: `Forbidden`) and on to the API server
 * with the kubeconfig's credentials. The API server's answer comes back as it sends it: pretty JSON
 * for curl and wget (kube-apiserver indents for command-line user agents), compact otherwise.
 * It runs until Ctrl+C (or `kill %1` as a job).
 */
import type { Status } from '../../../../shared/api/meta.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { KubectlError } from '../../errors.js';
import type { LocalListener } from '../../environment.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { escapeHtml } from '../../printers/json-printer.js';
import { SERVER_VERSION_INFO } from '../version.js';
import { parseApiPath, queryOf, wireObject } from '../viewing/get-raw.js';
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

const NOT_FOUND = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };

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

/** How kube-apiserver writes JSON: indented for curl, wget and browsers, compact with a newline otherwise. */
function apiServerJson(value: unknown, userAgent: string): string {
  const pretty = /^(curl|Wget|Mozilla\/5\.0)/.test(userAgent);
  return escapeHtml(JSON.stringify(value, null, pretty ? 2 : undefined)) + '\n';
}

/** metav1.Status with its fields in the Go struct's order, as the server encodes it. */
function statusInFieldOrder(status: Status): Record<string, unknown> {
  const order = ['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'details', 'code'] as const;
  const out: Record<string, unknown> = {};
  for (const key of order) if (status[key] !== undefined) out[key] = status[key];
  return out;
}

/** A GET of `path` through the API client, answered as kube-apiserver answers it. */
function proxiedGet(inv: Invocation, path: string, search: string, userAgent: string): Answer {
  if (['/healthz', '/livez', '/readyz'].includes(path.replace(/\/$/, ''))) return { status: 200, body: 'ok' };
  // WriteRawJSON: always indented, no newline at the end.
  if (path === '/version') return { status: 200, body: JSON.stringify(SERVER_VERSION_INFO, null, 2) };
  const target = parseApiPath(path);
  if (!target) return { status: 404, body: apiServerJson(NOT_FOUND, userAgent) };
  let client: ApiClient;
  try {
    client = inv.client();
  } catch (error) {
    // The reverse proxy's answer when it cannot reach the API server.
    if (error instanceof KubectlError) return { status: 502, body: '' };
    throw error;
  }
  const request = { ...target, query: queryOf(search) };
  const result = target.name ? client.request({ verb: 'get', ...request }) : client.request({ verb: 'list', ...request });
  if (!result.ok) return { status: result.status.code ?? 500, body: apiServerJson(statusInFieldOrder(result.status), userAgent) };
  return { status: 200, body: apiServerJson(wireObject(result.value as Record<string, unknown>, !target.name), userAgent) };
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
    if (filter && !accepts(filter, 'GET', rawPath, host)) return { status: 403, body: 'Forbidden\n' };
    if (!rawPath.startsWith(apiPrefix)) return { status: 404, body: '404 page not found\n' };
    return proxiedGet(inv, `/${rawPath.slice(apiPrefix.length)}`, search, request.userAgent);
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
