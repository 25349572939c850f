/**
 * The network tools of an exec'd process — busybox's `nslookup`, `wget` and `nc`, Debian's `curl` —
 * over the lab's data plane: names through the Pod's resolver (NetworkModel.lookupFromPod), one
 * connection through the node's kube-proxy rules and NetworkPolicies (NetworkModel.connect), and
 * the answering container's HTTP server. Each failure is worded as that tool words it.
 */
import type { HttpAnswer } from './servers.js';
import { dateText } from './shell-script.js';

/** One line of output; with `raw`, text written exactly as it is (hosts' curl prints a body byte for byte). */
type Write = (stream: 'stdout' | 'stderr', text: string, raw?: boolean) => void;

/** An HTTP request's method, headers (lower-case names) and body, where it is not a plain GET. */
export interface HttpRequestContent {
  method?: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

/** The part of the proxy's NetworkModel the tools use (structural: the kubelet does not import the proxy). */
export interface ExecNetwork {
  lookupFromPod(
    name: string,
    pod: { namespace: string; name: string; ip?: string },
    type?: 'A' | 'PTR',
  ):
    | { reached: true; resolution: { response: { name: string; rcode: string; answers: Array<{ name: string; type: string; data: string }> } } }
    | { reached: false; connection: { message: string } };
  connect(request: { from: ConnectionOrigin; address: string; port: number; protocol?: 'TCP' | 'UDP' }): {
    ok: boolean;
    error?: string;
    sourceIP?: string;
    backend?: { ip: string; port: number; pod?: { namespace: string; name: string }; node?: string };
  };
  nameserver(): string;
  resolvConf(namespace: string): string;
}

/** Where a connection starts: a Pod (with its sandbox IP, when the runtime knows it), a node's own network namespace, or a machine outside the cluster. */
export type ConnectionOrigin = { pod: { namespace: string; name: string; ip?: string } } | { node: string } | { external: string };

/** Who answers an HTTP request on a backend: the container runtime of the backend's node. */
export type HttpRouter = (
  backend: { ip: string; port: number; pod?: { namespace: string; name: string }; node?: string },
  request: { path: string; host: string; client: string; userAgent: string } & HttpRequestContent,
) => HttpAnswer | undefined;

export interface NetworkToolContext {
  /** The Pod the tool runs in, with its sandbox IP (connections start there). */
  pod: { namespace: string; name: string; ip?: string };
  /** Run on a host instead of in `pod`: connections start there and names resolve with `resolveName`. */
  host?: { origin: ConnectionOrigin; resolveName(name: string): string | undefined };
  /** busybox 1.28's nslookup prints the old format. */
  busyboxVersion?: string;
  network?: ExecNetwork;
  http?: HttpRouter;
  now(): number;
  /** The tool waited this long (a connect timeout): the exec takes that much lab time. */
  wait(ms: number): void;
  /** A file the tool saved (wget without -O). */
  save(path: string, content: string): void;
  /** A file the tool reads (curl's `-d @file`); undefined when it cannot be read. */
  read?(path: string): string | undefined;
  /** The tool's standard input (curl's `-d @-`). */
  stdin?: string;
  /** Output goes out as written (a host's streams), not line by line (a container's). */
  rawOutput?: boolean;
}

/** Linux's connect() timeout with the default tcp_syn_retries (6): about 130 s. */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface Url {
  host: string;
  port: number;
  path: string;
}

export function parseUrl(text: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)$/.exec(text);
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  const path = m[4] && m[4] !== '' ? (m[4].startsWith('/') ? m[4] : `/${m[4]}`) : '/';
  return { host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path };
}

/** An address for `host`: itself when it is one, else the first A record the Pod's resolver finds. */
export function resolveHost(ctx: NetworkToolContext, host: string): { ok: true; ip: string } | { ok: false; timedOut: boolean } {
  if (IPV4.test(host)) return { ok: true, ip: host };
  if (host === 'localhost') return { ok: true, ip: '127.0.0.1' };
  if (ctx.host) {
    const ip = ctx.host.resolveName(host);
    return ip ? { ok: true, ip } : { ok: false, timedOut: false };
  }
  const network = ctx.network;
  if (!network) return { ok: false, timedOut: true };
  const looked = network.lookupFromPod(host, ctx.pod, 'A');
  if (!looked.reached) return { ok: false, timedOut: true };
  const answer = looked.resolution.response.answers.find((a) => a.type === 'A');
  return answer ? { ok: true, ip: answer.data } : { ok: false, timedOut: false };
}

type Connected = { ok: true; answer: HttpAnswer | undefined } | { ok: false; error: string };

export function request(ctx: NetworkToolContext, ip: string, url: Url, userAgent: string, content: HttpRequestContent = {}): Connected {
  const network = ctx.network;
  if (!network) return { ok: false, error: 'ETIMEDOUT' };
  const connection = network.connect({ from: ctx.host?.origin ?? { pod: ctx.pod }, address: ip, port: url.port });
  if (!connection.ok || !connection.backend) return { ok: false, error: connection.error ?? 'ETIMEDOUT' };
  const hostHeader = url.port === 80 ? url.host : `${url.host}:${url.port}`;
  const answer = ctx.http?.(connection.backend, { path: url.path, host: hostHeader, client: connection.sourceIP ?? '', userAgent, ...content });
  return { ok: true, answer };
}

export function reasonPhrase(status: number): string {
  return (
    {
      200: 'OK', 201: 'Created', 202: 'Accepted', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
      405: 'Method Not Allowed', 409: 'Conflict', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
      502: 'Bad Gateway', 503: 'Service Unavailable',
    }[status] ?? ''
  );
}

function writeBody(write: Write, body: string): void {
  const text = body.endsWith('\n') ? body.slice(0, -1) : body;
  for (const line of text.split('\n')) write('stdout', line.replace(/\r$/, ''));
}

/** busybox nslookup: the 1.28 format (`Address 1: …`) or the current one (`Name:\t…`). */
export function nslookup(ctx: NetworkToolContext, args: string[], write: Write): number {
  const name = args.find((a) => !a.startsWith('-'));
  if (!name || !ctx.network) {
    write('stderr', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.');
    write('stderr', '');
    write('stderr', 'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
    return 1;
  }
  const server = ctx.network.nameserver();
  const looked = ctx.network.lookupFromPod(name, ctx.pod, 'A');
  const old = ctx.busyboxVersion === '1.28';
  if (!looked.reached) {
    ctx.wait(15_000);
    if (old) {
      write('stderr', `nslookup: can't resolve '${name}'`);
      return 1;
    }
    write('stdout', ';; connection timed out; no servers could be reached');
    write('stdout', '');
    return 1;
  }
  const response = looked.resolution.response;
  const answers = response.answers.filter((a) => a.type === 'A');
  if (old) {
    const serverName = ptrName(ctx, server);
    write('stdout', `Server:    ${server}`);
    write('stdout', `Address 1: ${server}${serverName ? ` ${serverName}` : ''}`);
    write('stdout', '');
    if (answers.length === 0) {
      write('stderr', `nslookup: can't resolve '${name}'`);
      return 1;
    }
    write('stdout', `Name:      ${name}`);
    answers.forEach((a, i) => write('stdout', `Address ${i + 1}: ${a.data} ${a.name.replace(/\.$/, '')}`));
    return 0;
  }
  write('stdout', `Server:\t\t${server}`);
  write('stdout', `Address:\t${server}:53`);
  write('stdout', '');
  if (answers.length === 0) {
    write('stdout', `** server can't find ${name}: ${response.rcode === 'NOERROR' ? 'NXDOMAIN' : response.rcode}`);
    write('stdout', '');
    return 1;
  }
  for (const a of answers) {
    write('stdout', `Name:\t${a.name.replace(/\.$/, '')}`);
    write('stdout', `Address: ${a.data}`);
  }
  write('stdout', '');
  return 0;
}

/** The name a reverse lookup gives an address (busybox 1.28 prints it beside each address). */
function ptrName(ctx: NetworkToolContext, ip: string): string | undefined {
  const reversed = `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
  const looked = ctx.network?.lookupFromPod(reversed, ctx.pod, 'PTR');
  if (!looked?.reached) return undefined;
  return looked.resolution.response.answers.find((a) => a.type === 'PTR')?.data.replace(/\.$/, '');
}

/** busybox wget: `-q`, `-O FILE` / `-O-`, `-T N` / `--timeout=N`, `-S`. */
export function wget(ctx: NetworkToolContext, args: string[], write: Write): number {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q') quiet = true;
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-O') output = args[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-T' || a === '--timeout') timeoutMs = Number(args[++i]) * 1000;
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice('--timeout='.length)) * 1000;
    else if (a.startsWith('-T')) timeoutMs = Number(a.slice(2)) * 1000;
    else if (!a.startsWith('-')) target = a;
  }
  const url = target ? parseUrl(target) : undefined;
  if (!url) {
    write('stderr', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.');
    return 1;
  }
  const resolved = resolveHost(ctx, url.host);
  if (!resolved.ok) {
    write('stderr', `wget: bad address '${url.host}'`);
    return 1;
  }
  const info = (text: string): void => {
    if (!quiet) write('stderr', text);
  };
  info(`Connecting to ${url.host} (${resolved.ip}:${url.port})`);
  const result = request(ctx, resolved.ip, url, 'Wget');
  if (!result.ok) {
    if (result.error === 'ECONNREFUSED') {
      write('stderr', `wget: can't connect to remote host (${resolved.ip}): Connection refused`);
      return 1;
    }
    if (timeoutMs !== undefined) {
      ctx.wait(timeoutMs);
      write('stderr', 'wget: download timed out');
      return 1;
    }
    ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
    write('stderr', `wget: can't connect to remote host (${resolved.ip}): Connection timed out`);
    return 1;
  }
  const answer = result.answer;
  if (!answer) {
    write('stderr', 'wget: error getting response: Connection reset by peer');
    return 1;
  }
  if (answer.status >= 400) {
    write('stderr', `wget: server returned error: HTTP/1.1 ${answer.status} ${reasonPhrase(answer.status)}`);
    return 1;
  }
  const body = answer.body ?? '';
  const size = String(Buffer.byteLength(body)).padStart(6);
  const file = output ?? (url.path === '/' ? 'index.html' : url.path.slice(url.path.lastIndexOf('/') + 1) || 'index.html');
  if (file === '-') {
    info('writing to stdout');
    writeBody(write, body);
    info(`-                    100% |********************************|${size}  0:00:00 ETA`);
    info('written to stdout');
    return 0;
  }
  info(`saving to '${file}'`);
  ctx.save(file, body);
  info(`${file.padEnd(20)} 100% |********************************|${size}  0:00:00 ETA`);
  info(`'${file}' saved`);
  return 0;
}

/** curl's warnf: `Warning: ` before each piece of the message, cut at blanks to 70 columns. */
function curlWarning(write: Write, message: string): void {
  const width = 70;
  let rest = message;
  while (rest.length > width) {
    let cut = width - 1;
    while (cut > 0 && rest[cut] !== ' ' && rest[cut] !== '\t') cut--;
    if (cut === 0) cut = width - 1;
    write('stderr', `Warning: ${rest.slice(0, cut + 1)}`);
    rest = rest.slice(cut + 1);
  }
  write('stderr', `Warning: ${rest}`);
}

/** Short options of curl's that take a value (attached, `-XDELETE`, or the next argument). */
const CURL_SHORT_VALUES = new Set(['m', 'o', 'H', 'X', 'A', 'w', 'd', 'u', 'E']);

/** curl's long options that take a value, as the short ones they mean (or themselves). */
const CURL_LONG_VALUES: Readonly<Record<string, string>> = {
  '--max-time': 'm',
  '--connect-timeout': '--connect-timeout',
  '--output': 'o',
  '--header': 'H',
  '--request': 'X',
  '--user-agent': 'A',
  '--write-out': 'w',
  '--data': 'd',
  '--data-ascii': 'd',
  '--data-binary': '--data-binary',
  '--data-raw': '--data-raw',
  '--data-urlencode': '--data-urlencode',
};

/** One `-d`-style value as curl sends it: `@file` read (`-d` drops CR and LF, `--data-binary` keeps them). */
function dataValue(ctx: NetworkToolContext, option: string, value: string, write: Write): string {
  if (option === '--data-raw') return value;
  if (option === '--data-urlencode') {
    const eq = value.indexOf('=');
    return eq < 0 ? encodeURIComponent(value) : `${value.slice(0, eq + 1)}${encodeURIComponent(value.slice(eq + 1))}`;
  }
  if (!value.startsWith('@')) return value;
  const file = value.slice(1);
  const text = file === '-' ? (ctx.stdin ?? '') : ctx.read?.(file);
  if (text === undefined) {
    curlWarning(write, `Couldn't read data from file "${file}", this makes an empty POST.`);
    return '';
  }
  return option === '--data-binary' ? text : text.replace(/[\r\n]/g, '');
}

/**
 * curl 7.88 (Debian 12): `-s`, `-S`, `-I`, `-i`, `-m N`, `--connect-timeout N`, `-X METHOD`,
 * `-H 'Name: value'`, `-d`/`--data`/`--data-binary`/`--data-raw`/`--data-urlencode` (several joined
 * with `&`, `@file` and `@-` read; a POST of application/x-www-form-urlencoded unless said
 * otherwise); `-o FILE`, `-A`, `-w`, `-v` ignored.
 */
export function curl(ctx: NetworkToolContext, args: string[], write: Write): number {
  let silent = false;
  let showError = false;
  let head = false;
  let include = false;
  let maxTimeMs: number | undefined;
  let connectTimeoutMs: number | undefined;
  let target: string | undefined;
  let method: string | undefined;
  let output: string | undefined;
  let writeOut: string | undefined;
  let failOnError = false;
  const sent: Record<string, string> = {};
  const data: string[] = [];
  const takeValue = (option: string, value: string): void => {
    if (option === 'm') maxTimeMs = Number(value) * 1000;
    else if (option === 'o') output = value;
    else if (option === 'w') writeOut = value;
    else if (option === '--connect-timeout') connectTimeoutMs = Number(value) * 1000;
    else if (option === 'X') method = value;
    else if (option === 'H') {
      const colon = value.indexOf(':');
      if (colon > 0) sent[value.slice(0, colon).trim().toLowerCase()] = value.slice(colon + 1).trim();
    } else if (option === 'd' || option.startsWith('--data')) data.push(dataValue(ctx, option, value, write));
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const long = CURL_LONG_VALUES[a];
    if (long) takeValue(long, args[++i] ?? '');
    else if (a === '--head') head = true;
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--include') include = true;
    else if (a === '--fail') failOnError = true;
    else if (/^-[a-zA-Z]/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (CURL_SHORT_VALUES.has(f)) {
          takeValue(f, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
          break;
        }
        if (f === 's') silent = true;
        else if (f === 'S') showError = true;
        else if (f === 'I') head = true;
        else if (f === 'i') include = true;
        else if (f === 'f') failOnError = true;
      }
    } else if (!a.startsWith('-')) target = a;
  }
  const content: HttpRequestContent = {};
  if (data.length > 0) {
    content.body = data.join('&');
    sent['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  content.method = method ?? (data.length > 0 ? 'POST' : head ? 'HEAD' : 'GET');
  content.headers = sent;
  // What --write-out reports, filled in as the transfer goes.
  const outcome: WriteOutFacts = { httpCode: 0, size: 0, contentType: '', url: effectiveUrl(target ?? ''), method: content.method, remoteIp: '', remotePort: '', exitCode: 0 };
  const finish = (code: number): number => {
    outcome.exitCode = code;
    if (writeOut !== undefined) writeWriteOut(writeOut, outcome, write, ctx.rawOutput === true);
    return code;
  };
  const fail = (code: number, message: string): number => {
    if (!silent || showError) write('stderr', `curl: (${code}) ${message}`);
    return finish(code);
  };
  if (!target) {
    write('stderr', 'curl: try \'curl --help\' or \'curl --manual\' for more information');
    return 2;
  }
  const url = parseUrl(target);
  if (!url) return fail(3, 'URL using bad/illegal format or missing URL');
  const resolved = resolveHost(ctx, url.host);
  if (!resolved.ok) {
    if (resolved.timedOut) ctx.wait(maxTimeMs !== undefined ? Math.min(maxTimeMs, 10_000) : 10_000);
    return fail(6, `Could not resolve host: ${url.host}`);
  }
  outcome.remoteIp = resolved.ip;
  outcome.remotePort = String(url.port);
  const result = request(ctx, resolved.ip, url, 'curl/7.88.1', content);
  if (!result.ok) {
    if (result.error === 'ECONNREFUSED') return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
    const limit = Math.min(maxTimeMs ?? Infinity, connectTimeoutMs ?? Infinity);
    if (limit !== Infinity) {
      ctx.wait(limit);
      return fail(28, `${connectTimeoutMs !== undefined && connectTimeoutMs <= (maxTimeMs ?? Infinity) ? 'Failed to connect to ' + url.host + ' port ' + url.port + ' after ' + (limit + 1) + ' ms: Timeout was reached' : 'Connection timed out after ' + (limit + 1) + ' milliseconds'}`);
    }
    ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
    return fail(28, `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`);
  }
  const answer = result.answer;
  if (!answer) return fail(52, 'Empty reply from server');
  outcome.httpCode = answer.status;
  // --fail: an HTTP error is curl's error 22, without the body.
  if (failOnError && answer.status >= 400) return fail(22, `The requested URL returned error: ${answer.status}`);
  const body = answer.body ?? '';
  outcome.size = head ? 0 : Buffer.byteLength(body);
  outcome.contentType = 'text/html';
  const date = dateText(ctx.now());
  // RFC 7231's IMF-fixdate, from the same parts `date` prints.
  const [dow, mon, day, time, , year] = date.split(/\s+/);
  const headers = [
    `HTTP/1.1 ${answer.status} ${reasonPhrase(answer.status)}`,
    ...(answer.server ? [`Server: ${answer.server}`] : []),
    `Date: ${dow}, ${day!.padStart(2, '0')} ${mon} ${year} ${time} GMT`,
    'Content-Type: text/html',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: keep-alive',
    '',
  ];
  if (head || include) for (const h of headers) write('stdout', h);
  if (!head) {
    if (!silent) {
      const n = String(Buffer.byteLength(body)).padStart(5);
      write('stderr', '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current');
      write('stderr', '                                 Dload  Upload   Total   Spent    Left  Speed');
      write('stderr', `100 ${n}  100 ${n}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k`);
    }
    if (output === '/dev/null') {
      // Discarded.
    } else if (output !== undefined) ctx.save(output, body);
    else if (ctx.rawOutput) write('stdout', body, true);
    else if (body !== '') writeBody(write, body);
  }
  return finish(0);
}

/** What curl's --write-out variables report of one transfer. */
interface WriteOutFacts {
  /** 0 until a response came (printed 000). */
  httpCode: number;
  size: number;
  contentType: string;
  url: string;
  method: string;
  remoteIp: string;
  remotePort: string;
  exitCode: number;
}

/** The URL curl reports as effective: the scheme it assumed and a path of at least `/`. */
function effectiveUrl(target: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(target) ? target : `http://${target}`;
  return /^[a-z]+:\/\/[^/]+$/i.test(withScheme) ? `${withScheme}/` : withScheme;
}

/**
 * `-w FORMAT`: `%{variable}` for the variables learners use, `%%`, and the `\n` `\t` `\r` `\\`
 * escapes; written after the body, without a newline of its own. An unknown variable is reported
 * on stderr and prints nothing. A container's output is kept by line: there the text is written as
 * its lines (a last line without a newline still ends one).
 */
function writeWriteOut(format: string, facts: WriteOutFacts, write: Write, raw: boolean): void {
  const values: Record<string, string> = {
    http_code: String(facts.httpCode).padStart(3, '0'),
    response_code: String(facts.httpCode).padStart(3, '0'),
    size_download: String(facts.size),
    content_type: facts.contentType,
    url_effective: facts.url,
    url: facts.url,
    method: facts.method,
    num_redirects: '0',
    exitcode: String(facts.exitCode),
    remote_ip: facts.remoteIp,
    remote_port: facts.remotePort,
    // The lab's requests take no simulated time.
    time_total: '0.000000',
    time_connect: '0.000000',
    time_namelookup: '0.000000',
  };
  let text = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\' && i + 1 < format.length) {
      const next = format[++i]!;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === '\\' ? '\\' : `\\${next}`;
    } else if (ch === '%' && format[i + 1] === '%') {
      text += '%';
      i++;
    } else if (ch === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) {
        text += format.slice(i);
        break;
      }
      const name = format.slice(i + 2, end);
      const value = values[name];
      if (value === undefined) write('stderr', `curl: unknown --write-out variable: '${name}'`);
      else text += value;
      i = end;
    } else text += ch;
  }
  if (text === '') return;
  if (raw) write('stdout', text, true);
  else writeBody(write, text);
}

/** busybox nc `-z` (scan) with `-v`, `-w N`. */
export function nc(ctx: NetworkToolContext, args: string[], write: Write): number {
  const operands = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-w');
  const verbose = args.some((a) => /^-[a-z]*v/.test(a));
  const waitIndex = args.indexOf('-w');
  const waitMs = waitIndex >= 0 ? Number(args[waitIndex + 1]) * 1000 : undefined;
  const [host, portText] = operands;
  if (!host || !portText || !ctx.network) {
    write('stderr', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.');
    return 1;
  }
  const resolved = resolveHost(ctx, host);
  if (!resolved.ok) {
    write('stderr', `nc: bad address '${host}'`);
    return 1;
  }
  const port = Number(portText);
  const connection = ctx.network.connect({ from: ctx.host?.origin ?? { pod: ctx.pod }, address: resolved.ip, port });
  const where = `${host} (${resolved.ip}:${port})`;
  if (connection.ok) {
    if (verbose) write('stderr', `${where} open`);
    return 0;
  }
  if (connection.error === 'ECONNREFUSED') {
    write('stderr', `nc: ${where}: Connection refused`);
    return 1;
  }
  if (waitMs !== undefined) {
    ctx.wait(waitMs);
    write('stderr', 'nc: timeout');
    return 1;
  }
  ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
  write('stderr', `nc: ${where}: Connection timed out`);
  return 1;
}
