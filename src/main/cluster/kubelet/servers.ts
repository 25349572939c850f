/**
 * The long-running servers of the image catalog as simulated processes: the lines each prints at
 * start-up (as `kubectl logs` shows them), when it starts listening, how it answers HTTP (nginx's
 * and httpd's default pages, with their access-log lines for every request, kubelet probes
 * included), and the databases' refusal to start without a password.
 */
import type { CatalogImage, ImageReference } from './image-catalog.js';
import { KERNEL_VERSION } from './node-status.js';
import type { ProcessContext, ProcessRun } from './shell-script.js';
import type { Program } from './behaviour.js';
import { unknownComponentFlag } from './component-flags.js';
import { HTTPD_NOT_FOUND, HTTPD_WELCOME, NGINX_WELCOME, nginxErrorPage, nginxNotFound } from './http-pages.js';

export interface HttpAnswer {
  status: number;
  /** The response body and the `Server` header (what curl and wget show). */
  body?: string;
  server?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const hms = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** nginx's error-log time, `2025/01/01 00:00:05`. */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${hms(d)}`;
}

/** The common log format's time, `01/Jan/2025:00:00:05 +0000`. */
function accessTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}

function versionOf(ref: ImageReference, versions: Record<string, string>, fallback: string): string {
  return versions[ref.tag] ?? fallback;
}

function nginx(ref: ImageReference): Program {
  const version = versionOf(ref, { '1.25': '1.25.5', '1.25.5': '1.25.5', '1.26': '1.26.2' }, '1.27.3');
  let connections = 0;
  return {
    kind: 'server',
    ports: [80],
    memoryBytes: 0,
    *run(ctx: ProcessContext): ProcessRun {
      ctx.startup((write, time) => {
        const out = (line: string): void => write('stdout', line);
        out('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
        out('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/');
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh');
        out('10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf');
        out('10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf');
        out('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh');
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh');
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh');
        out('/docker-entrypoint.sh: Configuration complete; ready for start up');
        const t = nginxTime(time);
        const notice = (text: string): void => write('stderr', `${t} [notice] 1#1: ${text}`);
        notice('using the "epoll" event method');
        notice(`nginx/${version}`);
        notice('built by gcc 12.2.0 (Debian 12.2.0-14) ');
        notice(`OS: Linux ${KERNEL_VERSION}`);
        notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576');
        notice('start worker processes');
        // One worker per CPU (worker_processes auto) on the lab's 2-CPU nodes.
        notice('start worker process 29');
        notice('start worker process 30');
      });
      ctx.listening.add(80);
      yield Infinity;
      return 0;
    },
    http(ctx, request) {
      connections++;
      const answer = nginxServe(ctx, request.path, version);
      if (answer.error) {
        ctx.out('stderr', `${nginxTime(ctx.now())} [error] 29#29: *${connections} ${answer.error}, client: ${request.client}, server: localhost, request: "GET ${request.path} HTTP/1.1", host: "${request.host}"`);
      }
      const bytes = Buffer.byteLength(answer.body, 'utf8');
      ctx.out('stdout', `${request.client} - - [${accessTime(ctx.now())}] "GET ${request.path} HTTP/1.1" ${answer.status} ${bytes} "-" "${request.userAgent ?? 'kube-probe/1.32'}" "-"`);
      return { status: answer.status, body: answer.body, server: `nginx/${version}` };
    },
  };
}

const NGINX_ROOT = '/usr/share/nginx/html';

/**
 * nginx's default server: `root /usr/share/nginx/html; index index.html index.htm;` over the
 * container's files (a ConfigMap mounted there, a page written with kubectl exec). Without a file
 * view (a runtime that does not model files) it has the image's welcome page only.
 */
function nginxServe(ctx: ProcessContext, requestPath: string, version: string): { status: number; body: string; error?: string } {
  const path = requestPath.split('?')[0]!;
  const files = ctx.fileView?.() ?? new Map([[`${NGINX_ROOT}/index.html`, NGINX_WELCOME]]);
  if (path.endsWith('/')) {
    for (const index of ['index.html', 'index.htm']) {
      const body = files.get(`${NGINX_ROOT}${path}${index}`);
      if (body !== undefined) return { status: 200, body };
    }
    const dirExists = [...files.keys()].some((f) => f.startsWith(`${NGINX_ROOT}${path}`));
    if (dirExists || path === '/') return { status: 403, body: nginxErrorPage('403 Forbidden', version), error: `directory index of "${NGINX_ROOT}${path}" is forbidden` };
    return { status: 404, body: nginxNotFound(version), error: `"${NGINX_ROOT}${path}index.html" is not found (2: No such file or directory)` };
  }
  const body = files.get(`${NGINX_ROOT}${path}`);
  if (body !== undefined) return { status: 200, body };
  return { status: 404, body: nginxNotFound(version), error: `open() "${NGINX_ROOT}${path}" failed (2: No such file or directory)` };
}

function httpd(): Program {
  return {
    kind: 'server',
    ports: [80],
    memoryBytes: 0,
    *run(ctx: ProcessContext): ProcessRun {
      ctx.startup((write, time) => {
        const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`;
        write('stderr', fqdn);
        write('stderr', fqdn);
        const d = new Date(time);
        const stamp = `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${hms(d)}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}]`;
        write('stderr', `${stamp} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`);
        write('stderr', `${stamp} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
      });
      ctx.listening.add(80);
      yield Infinity;
      return 0;
    },
    http(ctx, request) {
      const found = request.path === '/' || request.path === '/index.html';
      ctx.out('stdout', `${request.client} - - [${accessTime(ctx.now())}] "GET ${request.path} HTTP/1.1" ${found ? 200 : 404} ${found ? 45 : 196}`);
      return { status: found ? 200 : 404, body: found ? HTTPD_WELCOME : HTTPD_NOT_FOUND, server: 'Apache/2.4.62 (Unix)' };
    },
  };
}

function redis(ref: ImageReference): Program {
  const version = versionOf(ref, { '7': '7.4.1', '7.2': '7.2.6' }, '7.4.1');
  return {
    kind: 'server',
    ports: [6379],
    memoryBytes: 0,
    *run(ctx: ProcessContext): ProcessRun {
      ctx.startup((write, time) => {
        const d = new Date(time);
        const t = `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)}.${pad(d.getUTCMilliseconds(), 3)}`;
        const line = (role: string, mark: string, text: string): void => write('stdout', `1:${role} ${t} ${mark} ${text}`);
        line('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
        line('C', '*', `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`);
        line('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
        line('M', '*', 'monotonic clock: POSIX clock_gettime');
        line('M', '*', 'Running mode=standalone, port=6379.');
        line('M', '*', 'Server initialized');
        line('M', '*', 'Ready to accept connections tcp');
      });
      ctx.listening.add(6379);
      yield Infinity;
      return 0;
    },
  };
}

function mysql(ref: ImageReference): Program {
  const version = versionOf(ref, { '8.0': '8.0.40-1.el9' }, '8.4.3-1.el9');
  return {
    kind: 'server',
    ports: [3306, 33060],
    memoryBytes: 0,
    *run(ctx: ProcessContext): ProcessRun {
      const d = new Date(ctx.now());
      const t = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hms(d)}+00:00`;
      const note = (text: string): void => ctx.out('stdout', `${t} [Note] [Entrypoint]: ${text}`);
      note(`Entrypoint script for MySQL Server ${version} started.`);
      note("Switching to dedicated user 'mysql'");
      note(`Entrypoint script for MySQL Server ${version} started.`);
      const env = ctx.env;
      if (!env.get('MYSQL_ROOT_PASSWORD') && !env.has('MYSQL_ALLOW_EMPTY_PASSWORD') && !env.has('MYSQL_RANDOM_ROOT_PASSWORD')) {
        ctx.out('stderr', `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`);
        ctx.out('stderr', '    You need to specify one of the following as an environment variable:');
        ctx.out('stderr', '    - MYSQL_ROOT_PASSWORD');
        ctx.out('stderr', '    - MYSQL_ALLOW_EMPTY_PASSWORD');
        ctx.out('stderr', '    - MYSQL_RANDOM_ROOT_PASSWORD');
        return 1;
      }
      note('Initializing database files');
      // Initialising the data directory takes a while: readiness probes on 3306 fail until then.
      yield 15_000;
      note('Database files initialized');
      note('MySQL init process done. Ready for start up.');
      const short = version.split('-')[0]!;
      ctx.out('stdout', `${new Date(ctx.now()).toISOString().replace('Z', '000Z')} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${short}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
      ctx.listening.add(3306);
      ctx.listening.add(33060);
      yield Infinity;
      return 0;
    },
  };
}

function postgres(ref: ImageReference): Program {
  const version = versionOf(ref, { '16': '16.6 (Debian 16.6-1.pgdg120+1)' }, '17.2 (Debian 17.2-1.pgdg120+1)');
  return {
    kind: 'server',
    ports: [5432],
    memoryBytes: 0,
    *run(ctx: ProcessContext): ProcessRun {
      if (!ctx.env.get('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
        for (const line of [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          '',
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          '       connections without a password. This is *not* recommended.',
          '',
          '       See PostgreSQL documentation about "trust":',
          '       https://www.postgresql.org/docs/current/auth-trust.html',
        ]) {
          ctx.out('stderr', line);
        }
        return 1;
      }
      ctx.out('stdout', 'PostgreSQL init process complete; ready for start up.');
      yield 3_000;
      const d = new Date(ctx.now());
      const t = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hms(d)}.${pad(d.getUTCMilliseconds(), 3)} UTC [1]`;
      ctx.out('stderr', `${t} LOG:  starting PostgreSQL ${version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`);
      ctx.out('stderr', `${t} LOG:  listening on IPv4 address "0.0.0.0", port 5432`);
      ctx.out('stderr', `${t} LOG:  database system is ready to accept connections`);
      ctx.listening.add(5432);
      yield Infinity;
      return 0;
    },
  };
}

/**
 * A component that logs nothing the lab shows and runs until stopped (pause, the control plane,
 * kube-proxy, CoreDNS); its health endpoints answer, so kubeadm's probes on them pass.
 */
function quiet(): Program {
  return {
    kind: 'server',
    ports: [],
    acceptsAny: true,
    memoryBytes: 0,
    *run(): ProcessRun {
      yield Infinity;
      return 0;
    },
  };
}

const SERVERS: Record<string, (ref: ImageReference) => Program> = {
  nginx,
  'nginx-debug': nginx,
  'httpd-foreground': httpd,
  httpd,
  'redis-server': redis,
  mysqld: mysql,
  postgres,
};

/**
 * The server `argv` starts in `image`, if it starts one: the image's own program, possibly behind
 * its `docker-entrypoint.sh` (which execs anything else it is given).
 */
export function serverProgram(ref: ImageReference, image: CatalogImage | undefined, argv: string[]): Program | undefined {
  if (!image || image.behaviour === 'shell') return undefined;
  let args = argv;
  const first = args[0] ?? '';
  if (first.endsWith('docker-entrypoint.sh')) args = args.slice(1);
  const name = (args[0] ?? '').slice((args[0] ?? '').lastIndexOf('/') + 1);
  const make = SERVERS[name];
  const own = [...(image.entrypoint ?? []), ...(image.cmd ?? [])].map((w) => w.slice(w.lastIndexOf('/') + 1));
  if (make && own.includes(name)) return { ...make(ref), memoryBytes: image.memoryBytes };
  // A control-plane binary with a misspelt flag exits 1 at once (component-flags.ts): it crash-loops.
  const badFlag = own.includes(name) ? unknownComponentFlag(name, args) : undefined;
  if (badFlag) return { kind: 'script', ports: [], memoryBytes: image.memoryBytes, *run(ctx) { ctx.out('stderr', `Error: unknown flag: ${badFlag}`); yield 0; return 1; } };
  if ((image.behaviour === 'pause' || image.userland === 'none') && own.includes(name)) return { ...quiet(), memoryBytes: image.memoryBytes };
  if (image.entrypoint && image.entrypoint.length > 0 && !image.entrypoint[0]!.endsWith('docker-entrypoint.sh') && argv[0] === image.entrypoint[0]) {
    // A Go binary as the Entrypoint (kube-proxy, coredns …) with the Pod's flags as args.
    return { ...quiet(), memoryBytes: image.memoryBytes };
  }
  return undefined;
}
