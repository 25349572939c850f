/**
 * The network tools as Ubuntu ships them on the workstation and the nodes, where they differ from
 * the containers' busybox ones: OpenBSD `nc -zv` and GNU `wget`. Connections, names and HTTP
 * answers come from the shared tool context (cluster/kubelet/exec-network.ts).
 */
import { KERNEL_CONNECT_TIMEOUT_MS, parseUrl, reasonPhrase, request, resolveHost, type NetworkToolContext } from '../cluster/kubelet/exec-network.js';

/** A line of output, or with `raw` text written exactly as it is. */
type Write = (stream: 'stdout' | 'stderr', text: string, raw?: boolean) => void;

/** /etc/services names nc prints beside a port. */
const SERVICES: Readonly<Record<number, string>> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 2379: '*', 8080: 'http-alt' };

/** OpenBSD netcat (netcat-openbsd): `-z` scans, `-v` reports, `-w N` bounds the wait. */
export function openbsdNc(ctx: NetworkToolContext, args: string[], write: Write): number {
  const operands: string[] = [];
  let verbose = false;
  let waitMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-w') waitMs = Number(args[++i]) * 1000;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('v')) verbose = true;
      const w = a.indexOf('w');
      if (w > 0) waitMs = Number(a.slice(w + 1) || args[++i]) * 1000;
    } else operands.push(a);
  }
  const [host, portText] = operands;
  if (!host || !portText || !ctx.network) {
    write('stderr', 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]');
    write('stderr', '\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]');
    write('stderr', '\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]');
    write('stderr', '\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]');
    write('stderr', '\t  [destination] [port]');
    return 1;
  }
  const port = Number(portText);
  const resolved = resolveHost(ctx, host);
  if (!resolved.ok) {
    write('stderr', `nc: getaddrinfo for host "${host}" port ${portText}: Name or service not known`);
    return 1;
  }
  const connection = ctx.network.connect({ from: ctx.host?.origin ?? { pod: ctx.pod }, address: resolved.ip, port });
  if (connection.ok) {
    if (verbose) write('stderr', `Connection to ${host} (${resolved.ip}) ${port} port [tcp/${SERVICES[port] ?? '*'}] succeeded!`);
    return 0;
  }
  if (connection.error === 'ECONNREFUSED') {
    if (verbose) write('stderr', `nc: connect to ${host} (${resolved.ip}) port ${port} (tcp) failed: Connection refused`);
    return 1;
  }
  if (waitMs !== undefined) {
    ctx.wait(waitMs);
    if (verbose) write('stderr', `nc: connect to ${host} (${resolved.ip}) port ${port} (tcp) timed out: Operation now in progress`);
    return 1;
  }
  ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
  if (verbose) write('stderr', `nc: connect to ${host} (${resolved.ip}) port ${port} (tcp) failed: Connection timed out`);
  return 1;
}

/** GNU wget's timestamp: `2025-01-01 00:00:30`. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** GNU wget 1.21: `-q`, `-O FILE`/`-O -`, `-T N`/`--timeout=N`; exit 4 for network failures, 8 for HTTP errors. */
export function gnuWget(ctx: NetworkToolContext, args: string[], write: Write): number {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-O' || a === '--output-document') output = args[++i];
    else if (a.startsWith('--output-document=')) output = a.slice('--output-document='.length);
    else if (a === '-T' || a === '--timeout') timeoutMs = Number(args[++i]) * 1000;
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice('--timeout='.length)) * 1000;
    else if (a === '--quiet') quiet = true;
    else if (/^-[a-zA-Z]+/.test(a) && !a.startsWith('--')) {
      const o = a.indexOf('O');
      if (a.slice(1, o < 0 ? undefined : o).includes('q')) quiet = true;
      if (o > 0) output = a.slice(o + 1) || args[++i];
    } else if (!a.startsWith('-')) target = a;
  }
  if (!target) {
    write('stderr', 'wget: missing URL');
    write('stderr', 'Usage: wget [OPTION]... [URL]...');
    write('stderr', '');
    write('stderr', "Try `wget --help' for more options.");
    return 1;
  }
  const url = parseUrl(target);
  if (!url) {
    write('stderr', `${target}: Invalid URL ${target}: Unsupported scheme`);
    return 1;
  }
  const shown = /^https?:\/\//.test(target) ? target : `http://${target}`;
  const info = (text: string): void => {
    if (!quiet) write('stderr', text);
  };
  info(`--${stamp(ctx.now())}--  ${shown.includes('/', shown.indexOf('//') + 2) ? shown : `${shown}/`}`);
  const isAddress = /^\d{1,3}(\.\d{1,3}){3}$/.test(url.host);
  const resolved = resolveHost(ctx, url.host);
  if (!resolved.ok) {
    info(`Resolving ${url.host} (${url.host})... failed: Name or service not known.`);
    write('stderr', `wget: unable to resolve host address ‘${url.host}’`);
    return 4;
  }
  if (!isAddress) info(`Resolving ${url.host} (${url.host})... ${resolved.ip}`);
  const where = isAddress ? `${resolved.ip}:${url.port}` : `${url.host} (${url.host})|${resolved.ip}|:${url.port}`;
  const result = request(ctx, resolved.ip, url, 'Wget/1.21.2');
  if (!result.ok) {
    if (result.error === 'ECONNREFUSED') {
      info(`Connecting to ${where}... failed: Connection refused.`);
      return 4;
    }
    ctx.wait(timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS);
    info(`Connecting to ${where}... failed: Connection timed out.`);
    return 4;
  }
  info(`Connecting to ${where}... connected.`);
  const answer = result.answer;
  if (!answer) {
    info('HTTP request sent, awaiting response... No data received.');
    return 4;
  }
  const status = `${answer.status} ${reasonPhrase(answer.status)}`;
  info(`HTTP request sent, awaiting response... ${status}`);
  if (answer.status >= 400) {
    info(`${stamp(ctx.now())} ERROR ${status}.`);
    info('');
    return 8;
  }
  const body = answer.body ?? '';
  const size = Buffer.byteLength(body);
  const file = output ?? (url.path === '/' ? 'index.html' : url.path.slice(url.path.lastIndexOf('/') + 1) || 'index.html');
  info(`Length: ${size} [text/html]`);
  info(`Saving to: ‘${file === '-' ? 'STDOUT' : file}’`);
  info('');
  if (file === '-') write('stdout', body, true);
  else ctx.save(file, body);
  info(`     0K${' '.repeat(55)}100% 48.9M=0s`);
  info('');
  info(`${stamp(ctx.now())} (48.9 MB/s) - ${file === '-' ? 'written to stdout' : `‘${file}’ saved`} [${size}/${size}]`);
  info('');
  return 0;
}
