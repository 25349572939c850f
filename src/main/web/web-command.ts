/**
 * `kubelab web` on the command line: parses its options (INTERFACES.md), starts the web server,
 * prints the start-up lines on stdout (`KubeLab is running at …`, the join code on a
 * non-loopback host) and serves until SIGINT/SIGTERM, then shuts down cleanly.
 */
import { parseDuration } from '../base/duration.js';
import { type LabOptionArgs, takeLabOption } from '../lab-options.js';
import type { LessonsProviderFactory } from '../rpc/lessons-provider.js';
import { isWildcardHost, networkAddresses } from './hosts.js';
import { DEFAULT_IDLE_MS, DEFAULT_MAX_LABS } from './lab-registry.js';
import { openInBrowser } from './open-browser.js';
import { type WebServer, startWebServer } from './web-server.js';

export const WEB_USAGE = `Options for web:
  --host HOST          address to listen on (default 127.0.0.1; any other address needs the join code)
  --port N             port to listen on (default 5173; 0 = any free port)
  --seed N             seed for everything random in each lab (default 1)
  --virtual-clock      time moves only with \`lab step\` and blocking commands
  --state DIR          where labs are kept between runs
  --lessons DIR        lessons to load instead of the built-in ones
  --max-labs N         most labs (browsers) at once (default ${DEFAULT_MAX_LABS})
  --idle-timeout DUR   free a lab after no browser used it this long (default 30m)
`;

export interface WebArgs extends LabOptionArgs {
  host: string;
  port: number;
  maxLabs: number;
  idleTimeoutMs: number;
}

export function parseWebArgs(args: readonly string[]): WebArgs | string {
  const result: WebArgs = { host: '127.0.0.1', port: 5173, seed: 1, virtualClock: false, maxLabs: DEFAULT_MAX_LABS, idleTimeoutMs: DEFAULT_IDLE_MS };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--host': {
        const v = value();
        if (!v || !/^[A-Za-z0-9.:[\]-]+$/.test(v)) return 'kubelab web: --host needs an address or host name';
        result.host = v.replace(/^\[(.*)\]$/, '$1');
        break;
      }
      case '--port':
      case '--max-labs': {
        const v = value();
        if (!v || !/^\d+$/.test(v)) return `kubelab web: ${flag} needs a whole number`;
        const n = Number(v);
        if (flag === '--port') {
          if (n > 65535) return 'kubelab web: --port must be from 0 to 65535';
          result.port = n;
        } else {
          if (n < 1) return 'kubelab web: --max-labs must be at least 1';
          result.maxLabs = n;
        }
        break;
      }
      case '--idle-timeout': {
        const v = value();
        const ms = v === undefined ? undefined : parseDuration(v);
        if (ms === undefined || ms <= 0) return 'kubelab web: --idle-timeout needs a duration such as 30m or 2h';
        result.idleTimeoutMs = ms;
        break;
      }
      default: {
        const taken = takeLabOption('web', flag, value, result);
        if (taken === 'unknown') return `kubelab web: unknown option ${flag}`;
        if (taken) return taken;
      }
    }
  }
  return result;
}

export interface RunWebOptions {
  /** The built renderer (out/renderer next to the CLI bundle). */
  rendererDir: string;
  /**
   * The lessons engine. `preload`, when present, loads and validates `--lessons DIR` (or the
   * built-in lessons) before listening, so a broken lesson fails the start, not a learner.
   */
  lessons?: LessonsProviderFactory & { preload?(dir?: string): void };
  /** Open the URL in the system browser (`npm start` without Electron). */
  open?: boolean;
  /** Take any free port when the requested one is busy (`npm start`: a second run still works). */
  anyPortIfBusy?: boolean;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  stopSignal?: Promise<unknown>;
}

/** Run `kubelab web` until stopped; returns the exit status. */
export async function runWeb(args: readonly string[], options: RunWebOptions): Promise<number> {
  const stdout = options.stdout ?? ((text) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text) => void process.stderr.write(text));
  const parsed = parseWebArgs(args);
  if (typeof parsed === 'string') {
    stderr(`${parsed}\n\n${WEB_USAGE}`);
    return 2;
  }
  if (parsed.state) stderr('kubelab: --state is accepted but not used yet; labs live in memory\n');
  try {
    options.lessons?.preload?.(parsed.lessons);
  } catch (error) {
    stderr(`kubelab web: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  const start = (port: number): Promise<WebServer> =>
    startWebServer({
      host: parsed.host,
      port,
      rendererDir: options.rendererDir,
      lab: { seed: parsed.seed, virtualClock: parsed.virtualClock },
      lessons: options.lessons,
      lessonsDir: parsed.lessons,
      maxLabs: parsed.maxLabs,
      idleTimeoutMs: parsed.idleTimeoutMs,
      log: (line) => stderr(`${line}\n`),
    });

  let server: WebServer;
  try {
    server = await start(parsed.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && options.anyPortIfBusy && parsed.port !== 0) {
      stderr(`kubelab web: port ${parsed.port} is in use; taking a free one\n`);
      server = await start(0);
    } else {
      stderr(`kubelab web: cannot listen on ${parsed.host}:${parsed.port}: ${describeListenError(error, parsed.port)}\n`);
      return 1;
    }
  }

  stdout(`KubeLab is running at ${server.url}\n`);
  if (isWildcardHost(server.host)) {
    for (const address of networkAddresses()) stdout(`  on this network: http://${address}:${server.port}/\n`);
  }
  if (server.joinCode) stdout(`Join code: ${server.joinCode}\n`);
  if (options.open) {
    const opened = openInBrowser(server.url);
    stderr(opened ? 'kubelab: opening it in your browser\n' : 'kubelab: open that address in your browser\n');
  }

  await (options.stopSignal ?? untilSignal());
  stderr('kubelab web: shutting down\n');
  await server.close();
  return 0;
}

function describeListenError(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use (another kubelab web?). Choose one with --port N, or --port 0 for any free port.`;
  if (code === 'EADDRNOTAVAIL') return 'that address does not belong to this computer.';
  if (code === 'EACCES') return `not allowed to use port ${port}; choose one above 1023.`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * SIGINT or SIGTERM. Another one a second or more later, while shutting down, exits at once;
 * sooner it is the same Ctrl+C arriving twice (from the terminal and from bin/kubelab.mjs, which
 * forwards signals when it re-executes under a newer Node).
 */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    let stoppedAt: number | undefined;
    const onSignal = (): void => {
      if (stoppedAt === undefined) {
        stoppedAt = Date.now();
        resolve();
      } else if (Date.now() - stoppedAt >= 1000) {
        process.exit(130);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
