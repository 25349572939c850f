/**
 * `kubelab`: the command-line host of the engine. `kubelab shell` runs a lab behind the terminal
 * (a TTY gets the full line editor; a pipe or file is run as a script with no prompts or echo).
 * `kubelab web` serves the workspace to browsers (src/main/web). `serve` arrives with its issue;
 * `start` is what `npm start` runs: the Electron app, or `web` in the system browser without it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneEngineHeap } from './engine-heap.js';
import { LabSession } from './lab/lab-session.js';
import { DEFAULT_LAB_OPTIONS, type LabOptionArgs, takeLabOption } from './lab-options.js';
import { createLessonsFactory } from './lessons/provider.js';
import { buildWorkspace, electronBinary, runDesktop } from './launcher.js';
import { ScriptRunner } from './shell/script-runner.js';
import { TerminalSession } from './shell/terminal-session.js';
import { WEB_USAGE, runWeb } from './web/web-command.js';

export const VERSION = '0.1.0';

/** The bundle lives in out/cli/, two levels below the project. */
function projectRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The built workspace, next to the CLI bundle (out/cli/kubelab.mjs → out/renderer). */
function rendererDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

const USAGE = `Usage: kubelab COMMAND [options]

Commands:
  shell    a lab in this terminal (scripts can be piped in)
  web      the workspace in a browser, one lab per browser
  serve    the Kubernetes HTTPS API for real kubectl (coming in a later release)
  start    the desktop app (what \`npm start\` runs); without Electron, \`web\` in your browser

Options for shell:
  --virtual-clock   time moves only with \`lab step\` and blocking commands
  --seed N          seed for everything random in the lab (default 1)
  --state DIR       where the lab is kept between runs
  --lessons DIR     lessons to load instead of the built-in ones

${WEB_USAGE}`;

type ShellArgs = LabOptionArgs;

function parseShellArgs(args: string[]): ShellArgs | string {
  const result: ShellArgs = { ...DEFAULT_LAB_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const taken = takeLabOption('shell', flag, () => inline ?? args[++i], result);
    if (taken === 'unknown') return `kubelab shell: unknown option ${flag}`;
    if (taken) return taken;
  }
  return result;
}

async function runShell(args: string[]): Promise<number> {
  const parsed = parseShellArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.state || parsed.lessons) {
    process.stderr.write('kubelab: --state and --lessons are accepted but not used yet; this lab lives in memory\n');
  }
  const session = new LabSession({ seed: parsed.seed, virtualClock: parsed.virtualClock });
  try {
    return process.stdin.isTTY ? await runInteractive(session) : await runScript(session);
  } finally {
    session.dispose();
  }
}

async function runScript(session: LabSession): Promise<number> {
  const shell = session.createShell({ interactive: false });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const runner = new ScriptRunner(shell, {
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    signal: controller.signal,
  });
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    await runner.write(chunk as string);
    if (runner.finished) break;
  }
  return runner.end();
}

function runInteractive(session: LabSession): Promise<number> {
  const stdin = process.stdin;
  const stdout = process.stdout;
  const shell = session.createShell({ interactive: true, columns: stdout.columns });
  const terminal = new TerminalSession(shell, { columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
  return new Promise((resolve) => {
    const onResize = (): void => terminal.resize(stdout.columns ?? 80, stdout.rows ?? 24);
    const onData = (data: string): void => terminal.input(data);
    // libuv's raw mode keeps the tty's ONLCR, which turns \n into \r\n by itself.
    terminal.onDidOutput((text) => stdout.write(text.replace(/\r\n/g, '\n')));
    terminal.onDidExit((status) => {
      stdin.off('data', onData);
      stdout.off('resize', onResize);
      stdin.setRawMode(false);
      stdin.pause();
      terminal.dispose();
      resolve(status);
    });
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdout.on('resize', onResize);
    stdout.write(`KubeLab ${VERSION} — a simulated Kubernetes 1.32 cluster. Type \`lab status\`, \`kubectl get nodes\`, or \`exit\` to leave.\n`);
    void terminal.start();
  });
}

export async function main(argv: string[]): Promise<number> {
  tuneEngineHeap();
  const [command, ...rest] = argv;
  switch (command) {
    case 'shell':
      return runShell(rest);
    case 'start': {
      const root = projectRoot();
      const electron = electronBinary(root);
      if (electron) return runDesktop(root, electron);
      process.stderr.write(
        "kubelab: Electron's binary is not installed (it is downloaded on first use, which needs the internet); serving the workspace to your browser instead (kubelab web).\n",
      );
      // `npm install` builds the workspace; build here only when that has not happened.
      if (!existsSync(join(rendererDir(), 'index.html')) && buildWorkspace(root) !== 0) return 1;
      return runWeb(rest, { rendererDir: rendererDir(), lessons: createLessonsFactory(), open: true, anyPortIfBusy: true });
    }
    case 'web':
      return runWeb(rest, { rendererDir: rendererDir(), lessons: createLessonsFactory() });
    case 'serve':
      process.stderr.write(`kubelab ${command}: not available in this version yet\n`);
      return 2;
    case '--version':
    case 'version':
      process.stdout.write(`kubelab ${VERSION}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`kubelab: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
