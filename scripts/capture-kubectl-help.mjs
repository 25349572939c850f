// Captures the real kubectl's help texts into assets/kubectl-help/, which the lab's kubectl prints
// byte for byte for `kubectl <command> --help`, `kubectl help <command>`, a bare `kubectl` and
// `kubectl options` (src/main/kubectl/help.ts).
//
// Re-run it when the lab moves to another kubectl minor version (the lab speaks kubectl 1.32):
//
//   KUBECTL=/path/to/kubectl-1.xx node scripts/capture-kubectl-help.mjs
//
// KUBECTL defaults to `kubectl` on PATH; the script refuses any client that is not v1.32.x (edit
// EXPECTED_MINOR with the upgrade). No cluster is needed: `--help` works offline. It walks every
// command from `kubectl --help`, then each command's "Available Commands:" recursively, adds the
// hidden `help` command, `kubectl options` (options.txt) and the root usage cobra prints for an
// unknown help topic (kubectl.usage.txt), and writes index.json: every command path with its
// aliases, from which the lab finds the longest path for the arguments typed.
//
// Help texts are run in an empty environment so nothing machine-specific gets in; the one default
// that depends on the machine, `--cache-dir` ($HOME/.kube/cache), is stored with the placeholder
// HOME_PLACEHOLDER below and filled in with the lab shell's $HOME when printed. The script fails
// if any other output mentions this machine's home, user or host name.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED_MINOR = '1.32';
const HOME_PLACEHOLDER = '@@HOME@@';
/** A home directory no real machine has, so it can be told apart from help text. */
const CAPTURE_HOME = '/kubectl-help-capture-home';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'assets', 'kubectl-help');
const kubectl = process.env.KUBECTL ?? 'kubectl';
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: CAPTURE_HOME, LANG: 'C' };

/** Runs kubectl and returns what it wrote to `stream`, whatever its exit status. */
function run(args, stream = 'stdout') {
  const result = spawnSync(kubectl, args, { env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result[stream];
}

/** Command names listed under a help text's command section(s). */
function subcommandsOf(path, text) {
  const lines = text.split('\n');
  if (path.length === 0) {
    // The root lists its commands in groups ("Basic Commands (Beginner):" …) before "Usage:".
    const end = lines.indexOf('Usage:');
    return lines.slice(0, end).flatMap((line) => /^ {2}(\S+) {2,}/.exec(line)?.[1] ?? []);
  }
  const start = lines.indexOf('Available Commands:');
  if (start < 0) return [];
  const names = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}(\S+) {2,}/.exec(line);
    if (!match) break;
    names.push(match[1]);
  }
  return names;
}

/** The names after "Aliases:" (the command's own name first), without the command's name. */
function aliasesOf(path, text) {
  const match = /^Aliases:\n(.+)\n/m.exec(text);
  if (!match) return [];
  return match[1].split(', ').filter((name) => name !== path[path.length - 1]);
}

function fileName(path) {
  return `${path.length === 0 ? 'kubectl' : path.join('-')}.txt`;
}

/** Fails on this machine's home directory, user's directory or host name in a help text. */
function checkMachineIndependent(name, text) {
  const escape = (literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const suspects = [CAPTURE_HOME, `/${userInfo().username}`, process.env.HOME ?? CAPTURE_HOME].map((path) => new RegExp(`${escape(path)}\\b`));
  if (hostname().length >= 3) suspects.push(new RegExp(`\\b${escape(hostname())}\\b`));
  for (const suspect of suspects) {
    if (suspect.test(text)) throw new Error(`${name} matches ${suspect}, which belongs to this machine: normalise it in this script`);
  }
}

const version = run(['version', '--client']);
if (!new RegExp(`^Client Version: v${EXPECTED_MINOR.replace('.', '\\.')}\\.`).test(version)) {
  throw new Error(`${kubectl} is not kubectl ${EXPECTED_MINOR}:\n${version}`);
}

const texts = new Map();
const index = {};
const queue = [[]];
while (queue.length > 0) {
  const path = queue.shift();
  const text = run([...path, '--help']);
  texts.set(fileName(path), text);
  index[path.join(' ')] = aliasesOf(path, text);
  for (const name of subcommandsOf(path, text)) queue.push([...path, name]);
}
// `help` is hidden from the command lists; `kubectl help --help` prints its own help.
texts.set(fileName(['help']), run(['help', '--help']));
index.help = [];
// `kubectl options` prints the global flags (its own --help prints nothing).
texts.set('options.txt', run(['options']).replaceAll(`'${CAPTURE_HOME}/`, `'${HOME_PLACEHOLDER}/`));
index.options = [];
// `kubectl help <unknown>`: "Unknown help topic [`…`]" then the root's usage, all on stderr.
const unknownTopic = run(['help', 'kubelab-no-such-topic'], 'stderr');
texts.set('kubectl.usage.txt', unknownTopic.slice(unknownTopic.indexOf('\n') + 1));

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const [name, text] of texts) {
  checkMachineIndependent(name, text);
  writeFileSync(join(outDir, name), text);
}
const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(sorted, null, 2)}\n`);
process.stdout.write(`wrote ${readdirSync(outDir).length} files to ${outDir}\n`);
