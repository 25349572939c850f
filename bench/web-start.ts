/**
 * `kubelab web` start-up and the workspace's download size (prints numbers, never fails):
 *  - time from spawning `kubelab web` to an interactive terminal: the URL on stdout, the WebSocket
 *    attached to a lab (`hello`), and `terminal.open` + the first prompt over `terminal.output`,
 *    measured with a `ws` client as a browser would connect;
 *  - the built renderer's assets (out/renderer/assets), raw and gzipped, what the first page load
 *    fetches, and Monaco's lazy chunk separately.
 * Run `npm run build` first, then `npm run bench:web`; record results in docs/PERFORMANCE.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { type ServerMessage, parseServerMessage } from '../src/shared/rpc/wire.js';

const root = join(import.meta.dirname, '..');
const RUNS = 5;

interface Timings {
  listening: number;
  attached: number;
  prompt: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One cold start: spawn, read the URL, connect, open a terminal, wait for the prompt, stop. */
async function coldStart(): Promise<Timings> {
  const start = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'kubelab.mjs'), 'web', '--port', '0', '--virtual-clock', '--seed', '1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KUBELAB_NO_BROWSER: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const match = /^KubeLab is running at (\S+)$/m.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`kubelab web exited with ${code}`)));
    });
    const listening = performance.now() - start;

    const origin = new URL(url).origin;
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/rpc`, { headers: { Origin: origin } });
    const messages: ServerMessage[] = [];
    let wake: () => void = () => undefined;
    socket.on('message', (data) => {
      const message = parseServerMessage((data as Buffer).toString('utf8'));
      if (message) messages.push(message);
      wake();
    });
    const waitFor = async (match: (m: ServerMessage) => boolean): Promise<ServerMessage> => {
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    await waitFor((m) => m.type === 'hello');
    const attached = performance.now() - start;

    socket.send(JSON.stringify({ type: 'invoke', id: 1, method: 'terminal.open', params: { cols: 80, rows: 24 } }));
    const opened = await waitFor((m) => m.type === 'response' && m.id === 1);
    const response = (opened as Extract<ServerMessage, { type: 'response' }>).response;
    if (!response.ok) throw new Error(`terminal.open failed: ${response.status.message}`);
    const terminal = (response.value as { id: string }).id;
    socket.send(JSON.stringify({ type: 'subscribe', id: 2, stream: 'terminal.output', params: { id: terminal } }));
    const output = (): string =>
      messages
        .filter((m) => m.type === 'event' && m.id === 2)
        .map((m) => String((m as { value: unknown }).value))
        .join('');
    // The prompt ends in `$ ` (after its colour codes).
    await waitFor(() => output().includes('$ '));
    const prompt = performance.now() - start;
    socket.close();
    return { listening, attached, prompt };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

interface Asset {
  name: string;
  bytes: number;
  gzip: number;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function bundleSizes(): void {
  const dir = join(root, 'out', 'renderer');
  const assetsDir = join(dir, 'assets');
  if (!existsSync(assetsDir)) {
    console.log('renderer bundle: out/renderer/assets is missing (run `npm run build`)');
    return;
  }
  const assets: Asset[] = readdirSync(assetsDir)
    .filter((name) => statSync(join(assetsDir, name)).isFile() && !name.endsWith('.map'))
    .map((name) => {
      const content = readFileSync(join(assetsDir, name));
      return { name, bytes: content.length, gzip: gzipSync(content).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
  const sum = (list: Asset[]): { bytes: number; gzip: number } => ({ bytes: list.reduce((s, a) => s + a.bytes, 0), gzip: list.reduce((s, a) => s + a.gzip, 0) });
  const line = (label: string, list: Asset[]): void => {
    const total = sum(list);
    console.log(`  ${label.padEnd(34)} ${kib(total.bytes).padStart(12)} ${kib(total.gzip).padStart(12)} gzip  (${list.length} file${list.length === 1 ? '' : 's'})`);
  };

  // What the first page load fetches: index.html's scripts, module preloads and stylesheets.
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initialNames = new Set([...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1]!));
  const isMonaco = (a: Asset): boolean => /monaco|editor\.(main|api)/i.test(a.name);
  const isWorker = (a: Asset): boolean => /\.worker/i.test(a.name);

  console.log('renderer bundle (out/renderer/assets):');
  line('all assets', assets);
  line('first page load (index.html refs)', assets.filter((a) => initialNames.has(a.name)));
  line('JavaScript', assets.filter((a) => a.name.endsWith('.js')));
  line('CSS', assets.filter((a) => a.name.endsWith('.css')));
  line('fonts', assets.filter((a) => /\.(woff2?|ttf|otf)$/.test(a.name)));
  const monaco = assets.filter((a) => isMonaco(a));
  if (monaco.length > 0) line('Monaco (lazy chunk and its CSS)', monaco);
  line('workers (editor, YAML)', assets.filter((a) => isWorker(a)));
  console.log('  largest files:');
  for (const a of assets.slice(0, 6)) console.log(`    ${a.name.padEnd(40)} ${kib(a.bytes).padStart(12)} ${kib(a.gzip).padStart(12)} gzip`);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'out', 'cli', 'kubelab.mjs'))) {
    console.log('kubelab web start: out/cli/kubelab.mjs is missing (run `npm run build`)');
  } else {
    await coldStart(); // warm the file cache; not counted
    const runs: Timings[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await coldStart());
    const row = (label: string, pick: (t: Timings) => number): void => {
      const values = runs.map(pick);
      console.log(`  ${label.padEnd(44)} median ${median(values).toFixed(0).padStart(5)} ms, min ${Math.min(...values).toFixed(0).padStart(5)} ms`);
    };
    console.log(`kubelab web start (${RUNS} cold starts, virtual clock, seed 1):`);
    row('URL printed (listening)', (t) => t.listening);
    row('WebSocket attached to a new lab (hello)', (t) => t.attached);
    row('terminal.open + first prompt (interactive)', (t) => t.prompt);
  }
  bundleSizes();
}

await main();
