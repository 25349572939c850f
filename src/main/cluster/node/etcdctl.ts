/**
 * `etcdctl` 3.5.16 (API v3) and `etcdutl` as they behave on a kubeadm control plane: global flags
 * from the command line or `ETCDCTL_*` variables, TLS to etcd's client port, the key-value
 * commands (`get`, `put`, `del`), `endpoint health|status`, `member list`, `snapshot
 * save|status|restore`, `defrag`, `alarm list` and `version`. Reads and writes go through the
 * EtcdClient handed in by the lab — the same door the API server uses — so `put` and `del` change
 * what kube-apiserver sees. Values are printed as stored: the lab stores kube-apiserver's JSON
 * where a real cluster stores protobuf for most kinds.
 */
import type { Random } from '../../base/random.js';
import { formatGoDuration, parseDuration } from '../../base/duration.js';
import type { CommandContext, CommandHandler } from '../../shell/types.js';
import { CompactedError, type EtcdClient, FutureRevisionError, type KeyValue } from '../store/etcd-client.js';
import { type FlagSpec, type ParsedFlags, boolFlag, parseFlags, stringFlag } from './command-flags.js';
import { type EtcdServer, type TlsMaterial, dial, hostPort, loadTls } from './etcdctl-connection.js';
import { clusterId, hexId, humanizeBytes, memberId, renderTable, zapJsonLine } from './etcdctl-format.js';
import { EXIT, type SnapshotCodec, restoreSnapshot, saveSnapshot, snapshotStatus } from './etcdctl-snapshot.js';

export const ETCD_VERSION = '3.5.16';

export interface EtcdctlDeps extends EtcdServer {
  /** The etcd member on this control plane: `--name`, `--initial-advertise-peer-urls`, `--advertise-client-urls`. */
  readonly member: { name: string; peerUrls: readonly string[]; clientUrls: readonly string[] };
  /** `--initial-cluster-token` (kubeadm leaves etcd's default, `etcd-cluster`). */
  readonly clusterToken?: string;
  readonly snapshots: SnapshotCodec;
  /** Latencies and client pointers in the output. */
  readonly random: Random;
  /** Wait out a timeout in simulated time (a virtual clock advances); absent: fail at once. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/** A single member's raft term after it elected itself at start-up. */
const RAFT_TERM = 2;
/** Raft entries before the first key-value write: the member's configuration change and its publish. */
const RAFT_BOOTSTRAP_ENTRIES = 3;

const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  endpoints: { kind: 'string' },
  cacert: { kind: 'string' },
  cert: { kind: 'string' },
  key: { kind: 'string' },
  'write-out': { kind: 'string', short: 'w' },
  hex: { kind: 'bool' },
  'dial-timeout': { kind: 'string' },
  'command-timeout': { kind: 'string' },
  'keepalive-time': { kind: 'string' },
  'keepalive-timeout': { kind: 'string' },
  'insecure-transport': { kind: 'bool' },
  'insecure-skip-tls-verify': { kind: 'bool' },
  'insecure-discovery': { kind: 'bool' },
  user: { kind: 'string' },
  password: { kind: 'string' },
  debug: { kind: 'bool' },
  help: { kind: 'bool', short: 'h' },
};

const COMMAND_FLAGS: Record<string, FlagSpec> = {
  prefix: { kind: 'bool' },
  'keys-only': { kind: 'bool' },
  'print-value-only': { kind: 'bool' },
  'count-only': { kind: 'bool' },
  'from-key': { kind: 'bool' },
  'prev-kv': { kind: 'bool' },
  limit: { kind: 'string' },
  rev: { kind: 'string' },
  'sort-by': { kind: 'string' },
  order: { kind: 'string' },
  consistency: { kind: 'string' },
  cluster: { kind: 'bool' },
  'data-dir': { kind: 'string' },
  'wal-dir': { kind: 'string' },
  name: { kind: 'string' },
  'initial-cluster': { kind: 'string' },
  'initial-cluster-token': { kind: 'string' },
  'initial-advertise-peer-urls': { kind: 'string' },
  'skip-hash-check': { kind: 'bool' },
};

/** Flags that may also come from the environment (`ETCDCTL_CACERT` …). */
const ENV_FLAGS = ['endpoints', 'cacert', 'cert', 'key', 'write-out', 'dial-timeout', 'command-timeout', 'insecure-transport', 'insecure-skip-tls-verify', 'user', 'password'];

const OUTPUT_FORMATS = new Set(['simple', 'json', 'table', 'fields', 'protobuf']);

interface Session {
  ctx: CommandContext;
  deps: EtcdctlDeps;
  flags: ParsedFlags;
  endpoints: string[];
  writeOut: string;
  tls: TlsMaterial;
  commandTimeoutMs: number;
}

function envValue(ctx: CommandContext, flag: string): string | undefined {
  return ctx.shell.env.get(`ETCDCTL_${flag.toUpperCase().replace(/-/g, '_')}`);
}

/** The etcdctl command for a control-plane node. */
export function createEtcdctlCommand(deps: EtcdctlDeps): CommandHandler {
  return (ctx) => runEtcdctl(ctx, deps);
}

async function runEtcdctl(ctx: CommandContext, deps: EtcdctlDeps): Promise<number> {
  const api = ctx.shell.env.get('ETCDCTL_API');
  if (api !== undefined && api !== '' && api !== '3') {
    ctx.stderr.write(
      api === '2'
        ? 'etcdctl: ETCDCTL_API=2 is not available here: the v2 API is deprecated and disabled in etcd 3.5 (--enable-v2=false), and Kubernetes keeps its data in the v3 keyspace; unset ETCDCTL_API or set it to 3\n'
        : `unsupported API version: ${api}\n`,
    );
    return EXIT.error;
  }
  const parsed = parseFlags(ctx.argv.slice(1), { ...GLOBAL_FLAGS, ...COMMAND_FLAGS });
  if (!parsed.ok) return fail(ctx, parsed.error, EXIT.error);
  const flags = parsed.value;
  for (const flag of ENV_FLAGS) {
    if (envValue(ctx, flag) !== undefined && flags.values.has(flag)) {
      return fail(ctx, `conflicting environment variable "ETCDCTL_${flag.toUpperCase().replace(/-/g, '_')}" is shadowed by corresponding command-line flag (either unset environment variable or disable flag)`, EXIT.error);
    }
  }
  const option = (name: string): string | undefined => stringFlag(flags, name) ?? envValue(ctx, name);
  const [command, ...args] = flags.args;
  if (command === undefined || boolFlag(flags, 'help') || command === 'help') {
    ctx.stdout.write(USAGE);
    return 0;
  }
  if (command === 'version') {
    ctx.stdout.write(`etcdctl version: ${ETCD_VERSION}\nAPI version: 3.5\n`);
    return 0;
  }
  const writeOut = option('write-out') ?? 'simple';
  if (!OUTPUT_FORMATS.has(writeOut)) return fail(ctx, `unsupported output format "${writeOut}"`, EXIT.badFeature);
  if (command === 'snapshot' && (args[0] === 'status' || args[0] === 'restore')) {
    // etcdctl 3.5 hands these to etcdutl after a warning; they never dial etcd.
    ctx.stderr.write(`Deprecated: Use \`etcdutl snapshot ${args[0]}\` instead.\n\n`);
    return args[0] === 'status' ? snapshotStatus(ctx, args[1], writeOut, deps.snapshots) : restoreSnapshot(ctx, args[1], flags, deps.now(), deps.snapshots);
  }
  if (!KNOWN_COMMANDS.has(command)) {
    ctx.stderr.write(`Error: unknown command "${command}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
    return EXIT.error;
  }
  const envBool = (name: string): boolean | undefined => {
    const value = flags.values.get(name);
    if (typeof value === 'boolean') return value;
    const env = envValue(ctx, name);
    return env === undefined ? undefined : env === 'true';
  };
  const tls = loadTls(ctx.shell.host.fs, (p) => ctx.shell.resolvePath(p), {
    cacert: option('cacert'),
    cert: option('cert'),
    key: option('key'),
    insecureTransport: envBool('insecure-transport') ?? true,
    insecureSkipVerify: envBool('insecure-skip-tls-verify') ?? false,
  });
  if (!tls.ok) return fail(ctx, tls.error, EXIT.badArgs);
  const endpoints = (option('endpoints') ?? '127.0.0.1:2379').split(',').filter((e) => e !== '');
  const session: Session = { ctx, deps, flags, endpoints, writeOut, tls: tls.value, commandTimeoutMs: parseDuration(option('command-timeout') ?? '5s') ?? 5000 };
  switch (command) {
    case 'get':
      return withClient(session, (etcd) => get(session, etcd, args));
    case 'put':
      return withClient(session, (etcd) => put(session, etcd, args));
    case 'del':
      return withClient(session, (etcd) => del(session, etcd, args));
    case 'endpoint':
      if (args[0] === 'health') return endpointHealth(session);
      if (args[0] === 'status') return endpointStatus(session);
      ctx.stderr.write(`Error: unknown command "${args[0] ?? ''}" for "etcdctl endpoint"\nRun 'etcdctl endpoint --help' for usage.\n`);
      return EXIT.error;
    case 'member':
      if (args[0] === 'list') return withClient(session, () => memberList(session));
      ctx.stderr.write(`Error: unknown command "${args[0] ?? ''}" for "etcdctl member"\nRun 'etcdctl member --help' for usage.\n`);
      return EXIT.error;
    case 'snapshot':
      if (args[0] === 'save') {
        if (args.length !== 2) return fail(ctx, 'snapshot save expects one argument', EXIT.badArgs);
        return snapshotSave(session, args[1]!);
      }
      ctx.stderr.write(`Error: unknown command "${args[0] ?? ''}" for "etcdctl snapshot"\nRun 'etcdctl snapshot --help' for usage.\n`);
      return EXIT.error;
    case 'defrag':
      return withClient(session, () => {
        ctx.stdout.write(`Finished defragmenting etcd member[${endpoints[0]}]\n`);
        return 0;
      });
    case 'alarm':
      return withClient(session, () => 0);
    default:
      return fail(ctx, `unknown command "${command}" for "etcdctl"`, EXIT.error);
  }
}

const KNOWN_COMMANDS = new Set(['get', 'put', 'del', 'endpoint', 'member', 'snapshot', 'defrag', 'alarm']);

function fail(ctx: CommandContext, message: string, code: number): number {
  ctx.stderr.write(`Error: ${message}\n`);
  return code;
}

/** The balancer's warning when a unary call gives up, as clientv3's retry interceptor logs it. */
function retryWarning(session: Session, endpoint: string, desc: string): string {
  const pointer = `0xc000${session.deps.random.string(5, '0123456789abcdef')}0`;
  return zapJsonLine(
    'warn',
    session.deps.now(),
    [
      ['target', `etcd-endpoints://${pointer}/${hostPort(endpoint)}`],
      ['attempt', 0],
      ['error', `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = "${desc}"`],
    ],
    'v3@v3.5.16/retry_interceptor.go:62',
    'retrying of unary invoker failed',
    'etcd-client',
  );
}

async function waitOut(session: Session, ms: number): Promise<void> {
  if (session.deps.sleep) await session.deps.sleep(ms, session.ctx.signal);
}

/** Dial the first endpoint (clientv3 balances over all; one member answers them all here). */
async function withClient(session: Session, run: (etcd: EtcdClient) => number): Promise<number> {
  let lastDesc = '';
  for (const endpoint of session.endpoints) {
    const dialled = dial(session.deps, endpoint, session.tls);
    if (dialled.ok) return run(dialled.client);
    lastDesc = dialled.desc;
  }
  await waitOut(session, session.commandTimeoutMs);
  session.ctx.stderr.write(retryWarning(session, session.endpoints[0] ?? '127.0.0.1:2379', lastDesc));
  return fail(session.ctx, 'context deadline exceeded', EXIT.error);
}

function ids(session: Session): { member: bigint; cluster: bigint } {
  const member = memberId(session.deps.member.peerUrls, session.deps.clusterToken ?? 'etcd-cluster');
  return { member, cluster: clusterId([member]) };
}

function headerJson(session: Session, revision: number): string {
  const { member, cluster } = ids(session);
  return `{"cluster_id":${cluster},"member_id":${member},"revision":${revision},"raft_term":${RAFT_TERM}}`;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function kvJson(kv: KeyValue): string {
  return `{"key":"${b64(kv.key)}","create_revision":${kv.createRevision},"mod_revision":${kv.modRevision},"version":${kv.version},"value":"${b64(kv.value)}"}`;
}

function unsupported(session: Session, command: string): number | undefined {
  if (session.writeOut === 'table' || (session.writeOut === 'protobuf' && command === 'status')) {
    return fail(session.ctx, `${session.writeOut} not supported as output format`, EXIT.badFeature);
  }
  return undefined;
}

function storeError(session: Session, error: unknown): number {
  if (error instanceof CompactedError || error instanceof FutureRevisionError) return fail(session.ctx, `etcdserver: ${error.message}`, EXIT.error);
  throw error;
}

function get(session: Session, etcd: EtcdClient, args: readonly string[]): number {
  const { ctx, flags } = session;
  const refused = unsupported(session, 'get');
  if (refused !== undefined) return refused;
  if (args.length === 0 || args.length > 2) return fail(ctx, args.length === 0 ? 'range command needs arguments' : 'too many arguments, only accept one argument when `--prefix` is set.', EXIT.badArgs);
  const [key, rangeEnd] = args as [string, string | undefined];
  if (rangeEnd !== undefined && boolFlag(flags, 'prefix')) return fail(ctx, 'too many arguments, only accept one argument when `--prefix` is set.', EXIT.badArgs);
  const limit = Number(stringFlag(flags, 'limit') ?? '0');
  const revision = Number(stringFlag(flags, 'rev') ?? '0');
  let result;
  try {
    if (rangeEnd !== undefined || boolFlag(flags, 'from-key')) {
      // [key, rangeEnd): read the keys from `key` on and stop at the end (rarely used, so a scan is fine).
      const all = etcd.range('', { prefix: true, revision });
      const kvs = all.kvs.filter((kv) => kv.key >= key && (rangeEnd === undefined || kv.key < rangeEnd));
      const limited = limit > 0 ? kvs.slice(0, limit) : kvs;
      result = { kvs: limited, count: kvs.length, more: limited.length < kvs.length, revision: all.revision };
    } else {
      result = etcd.range(key, { prefix: boolFlag(flags, 'prefix'), limit, revision, countOnly: boolFlag(flags, 'count-only') });
    }
  } catch (error) {
    return storeError(session, error);
  }
  if (session.writeOut === 'json') {
    const kvs = result.kvs.length > 0 ? `,"kvs":[${result.kvs.map(kvJson).join(',')}]` : '';
    ctx.stdout.write(`{"header":${headerJson(session, result.revision)}${kvs}${result.more ? ',"more":true' : ''},"count":${result.count}}\n`);
    return 0;
  }
  if (session.writeOut === 'fields') {
    const { member, cluster } = ids(session);
    let out = `"ClusterID" : ${cluster}\n"MemberID" : ${member}\n"Revision" : ${result.revision}\n"RaftTerm" : ${RAFT_TERM}\n`;
    for (const kv of result.kvs) {
      out += `"Key" : ${JSON.stringify(kv.key)}\n"CreateRevision" : ${kv.createRevision}\n"ModRevision" : ${kv.modRevision}\n"Version" : ${kv.version}\n"Value" : ${JSON.stringify(kv.value)}\n"Lease" : 0\n`;
    }
    ctx.stdout.write(`${out}"More" : ${result.more}\n"Count" : ${result.count}\n`);
    return 0;
  }
  if (boolFlag(flags, 'count-only')) {
    ctx.stdout.write(`${result.count}\n`);
    return 0;
  }
  let out = '';
  for (const kv of result.kvs) {
    if (boolFlag(flags, 'print-value-only')) out += `${kv.value}\n`;
    else if (boolFlag(flags, 'keys-only')) out += `${kv.key}\n\n`;
    else out += `${kv.key}\n${kv.value}\n`;
  }
  ctx.stdout.write(out);
  return 0;
}

function put(session: Session, etcd: EtcdClient, args: readonly string[]): number {
  const { ctx } = session;
  const refused = unsupported(session, 'put');
  if (refused !== undefined) return refused;
  const key = args[0];
  const value = args[1] ?? (ctx.stdinRedirected ? ctx.stdin.replace(/\n$/, '') : undefined);
  if (key === undefined || value === undefined || args.length > 2) return fail(ctx, 'put command needs 1 argument and input from stdin or 2 arguments', EXIT.badArgs);
  const result = etcd.put(key, value);
  if (session.writeOut === 'json') ctx.stdout.write(`{"header":${headerJson(session, result.revision)}}\n`);
  else ctx.stdout.write('OK\n');
  return 0;
}

function del(session: Session, etcd: EtcdClient, args: readonly string[]): number {
  const { ctx, flags } = session;
  const refused = unsupported(session, 'del');
  if (refused !== undefined) return refused;
  if (args.length !== 1) return fail(ctx, 'del command needs one argument as key and an optional argument as range_end', EXIT.badArgs);
  const result = etcd.delete(args[0]!, { prefix: boolFlag(flags, 'prefix') });
  if (session.writeOut === 'json') {
    ctx.stdout.write(`{"header":${headerJson(session, result.revision)},"deleted":${result.deleted}}\n`);
    return 0;
  }
  let out = `${result.deleted}\n`;
  if (boolFlag(flags, 'prev-kv')) for (const kv of result.prevKvs) out += `${kv.key}\n${kv.value}\n`;
  ctx.stdout.write(out);
  return 0;
}

/** `--cluster` asks the member list for every member's client URLs instead of `--endpoints`. */
function targetEndpoints(session: Session): string[] {
  return boolFlag(session.flags, 'cluster') ? [...session.deps.member.clientUrls] : session.endpoints;
}

async function endpointHealth(session: Session): Promise<number> {
  const { ctx } = session;
  const results: Array<{ endpoint: string; healthy: boolean; took: string; error?: string }> = [];
  let waited = false;
  for (const endpoint of targetEndpoints(session)) {
    const dialled = dial(session.deps, endpoint, session.tls);
    if (dialled.ok) {
      const took = formatGoDuration(Math.round((4 + session.deps.random.next() * 8) * 1e6) / 1e6);
      results.push({ endpoint, healthy: true, took });
      continue;
    }
    if (!waited) await waitOut(session, session.commandTimeoutMs);
    waited = true;
    ctx.stderr.write(retryWarning(session, endpoint, dialled.desc));
    results.push({ endpoint, healthy: false, took: formatGoDuration(session.commandTimeoutMs), error: 'context deadline exceeded' });
  }
  if (session.writeOut === 'json') {
    ctx.stdout.write(`[${results.map((r) => `{"endpoint":"${r.endpoint}","health":${r.healthy},"took":"${r.took}"${r.error ? `,"error":"${r.error}"` : ''}}`).join(',')}]\n`);
  } else if (session.writeOut === 'table') {
    ctx.stdout.write(renderTable(['endpoint', 'health', 'took', 'error'], results.map((r) => [r.endpoint, String(r.healthy), r.took, r.error ?? ''])));
  } else {
    for (const r of results) {
      if (r.healthy) ctx.stdout.write(`${r.endpoint} is healthy: successfully committed proposal: took = ${r.took}\n`);
      else ctx.stderr.write(`${r.endpoint} is unhealthy: failed to commit proposal: ${r.error}\n`);
    }
  }
  if (results.some((r) => !r.healthy)) return fail(ctx, 'unhealthy cluster', EXIT.error);
  return 0;
}

async function endpointStatus(session: Session): Promise<number> {
  const { ctx } = session;
  const { member, cluster } = ids(session);
  const rows: string[][] = [];
  const json: string[] = [];
  let failed = false;
  for (const endpoint of targetEndpoints(session)) {
    const dialled = dial(session.deps, endpoint, session.tls);
    if (!dialled.ok) {
      if (!failed) await waitOut(session, session.commandTimeoutMs);
      failed = true;
      ctx.stderr.write(retryWarning(session, endpoint, dialled.desc));
      ctx.stderr.write(`Failed to get the status of endpoint ${endpoint} (context deadline exceeded)\n`);
      continue;
    }
    const status = dialled.client.status();
    const raftIndex = status.revision + RAFT_BOOTSTRAP_ENTRIES;
    rows.push([endpoint, hexId(member), ETCD_VERSION, humanizeBytes(status.dbSize), 'true', 'false', String(RAFT_TERM), String(raftIndex), String(raftIndex), '']);
    json.push(
      `{"Endpoint":"${endpoint}","Status":{"header":{"cluster_id":${cluster},"member_id":${member},"revision":${status.revision},"raft_term":${RAFT_TERM}},"version":"${ETCD_VERSION}","dbSize":${status.dbSize},"leader":${member},"raftIndex":${raftIndex},"raftTerm":${RAFT_TERM},"raftAppliedIndex":${raftIndex},"dbSizeInUse":${status.dbSize}}}`,
    );
  }
  if (session.writeOut === 'json') ctx.stdout.write(`[${json.join(',')}]\n`);
  else if (session.writeOut === 'table') {
    ctx.stdout.write(renderTable(['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'], rows));
  } else for (const row of rows) ctx.stdout.write(`${row.join(', ')}\n`);
  return failed ? EXIT.error : 0;
}

function memberList(session: Session): number {
  const { ctx, deps } = session;
  const { member, cluster } = ids(session);
  const row = [hexId(member), 'started', deps.member.name, deps.member.peerUrls.join(','), deps.member.clientUrls.join(','), 'false'];
  if (session.writeOut === 'json') {
    const urls = (list: readonly string[]): string => `[${list.map((u) => `"${u}"`).join(',')}]`;
    ctx.stdout.write(
      `{"header":{"cluster_id":${cluster},"member_id":${member},"raft_term":${RAFT_TERM}},"members":[{"ID":${member},"name":"${deps.member.name}","peerURLs":${urls(deps.member.peerUrls)},"clientURLs":${urls(deps.member.clientUrls)}}]}\n`,
    );
  } else if (session.writeOut === 'table') ctx.stdout.write(renderTable(['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'], [row]));
  else ctx.stdout.write(`${row.join(', ')}\n`);
  return 0;
}

async function snapshotSave(session: Session, path: string): Promise<number> {
  const { ctx, deps } = session;
  if (session.endpoints.length !== 1) return fail(ctx, `snapshot must be requested to one selected node, not multiple [${session.endpoints.join(' ')}]`, EXIT.badArgs);
  const endpoint = session.endpoints[0]!;
  const dialled = dial(deps, endpoint, session.tls);
  if (!dialled.ok) {
    // snapshot save has no command timeout; the client gives up when its dial timeout (2 s) passes.
    await waitOut(session, parseDuration(stringFlag(session.flags, 'dial-timeout') ?? '2s') ?? 2000);
    return fail(ctx, 'context deadline exceeded', EXIT.interrupted);
  }
  return saveSnapshot(ctx, dialled.client, endpoint, path, deps.now(), deps.snapshots);
}

/** `etcdutl`: the offline tool (no endpoint): `snapshot status|restore` and `version`. */
export function createEtcdutlCommand(deps: { now(): number; snapshots: SnapshotCodec }): CommandHandler {
  return (ctx) => {
    const parsed = parseFlags(ctx.argv.slice(1), { 'write-out': { kind: 'string', short: 'w' }, help: { kind: 'bool', short: 'h' }, ...COMMAND_FLAGS });
    if (!parsed.ok) return fail(ctx, parsed.error, EXIT.error);
    const [command, sub, file] = parsed.value.args;
    if (command === 'version') {
      ctx.stdout.write(`etcdutl version: ${ETCD_VERSION}\nAPI version: 3.5\n`);
      return 0;
    }
    if (command === 'snapshot' && sub === 'status') return snapshotStatus(ctx, file, stringFlag(parsed.value, 'write-out') ?? 'simple', deps.snapshots);
    if (command === 'snapshot' && sub === 'restore') return restoreSnapshot(ctx, file, parsed.value, deps.now(), deps.snapshots);
    if (command === undefined || boolFlag(parsed.value, 'help')) {
      ctx.stdout.write(ETCDUTL_USAGE);
      return 0;
    }
    ctx.stderr.write(`Error: unknown command "${[command, sub].filter(Boolean).join(' ')}" for "etcdutl"\nRun 'etcdutl --help' for usage.\n`);
    return EXIT.error;
  };
}

const USAGE = `NAME:
\tetcdctl - A simple command line client for etcd3.

USAGE:
\tetcdctl [flags]

VERSION:
\t${ETCD_VERSION}

API VERSION:
\t3.5


COMMANDS:
\talarm list\t\tLists all alarms
\tdefrag\t\t\tDefragments the storage of the etcd members with given endpoints
\tdel\t\t\tRemoves the specified key or range of keys [key, range_end)
\tendpoint health\t\tChecks the healthiness of endpoints specified in \`--endpoints\` flag
\tendpoint status\t\tPrints out the status of endpoints specified in \`--endpoints\` flag
\tget\t\t\tGets the key or a range of keys
\tmember list\t\tLists all members in the cluster
\tput\t\t\tPuts the given key into the store
\tsnapshot restore\tRestores an etcd member snapshot to an etcd directory
\tsnapshot save\t\tStores an etcd node backend snapshot to a given file
\tsnapshot status\t\t[deprecated] Gets backend snapshot status of a given file
\tversion\t\t\tPrints the version of etcdctl

OPTIONS:
      --cacert=""\t\t\t\tverify certificates of TLS-enabled secure servers using this CA bundle
      --cert=""\t\t\t\t\tidentify secure client using this TLS certificate file
      --command-timeout=5s\t\t\ttimeout for short running command (excluding dial timeout)
      --dial-timeout=2s\t\t\t\tdial timeout for client connections
      --endpoints=[127.0.0.1:2379]\t\tgRPC endpoints
  -h, --help[=false]\t\t\t\thelp for etcdctl
      --insecure-skip-tls-verify[=false]\tskip server certificate verification (CAUTION: this option should be enabled only for testing purposes)
      --insecure-transport[=true]\t\tdisable transport security for client connections
      --key=""\t\t\t\t\tidentify secure client using this TLS key file
  -w, --write-out="simple"\t\t\tset the output format (fields, json, protobuf, simple, table)
`;

const ETCDUTL_USAGE = `Usage:
  etcdutl [command]

Available Commands:
  snapshot    Manages etcd node snapshots
  version     Prints the version of etcdutl

Flags:
  -h, --help               help for etcdutl
  -w, --write-out string   set the output format (fields, json, protobuf, simple, table) (default "simple")
`;
