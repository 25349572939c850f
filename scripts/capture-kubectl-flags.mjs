// Captures the flags the real kubectl accepts for every command into
// test/unit/kubectl/parity/flags.json, which test/unit/kubectl/parity/flags.test.ts compares with
// the lab's FlagSpecs, so the check runs on machines without kubectl.
//
//   KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.32 node scripts/capture-kubectl-flags.mjs
//
// Use the kubectl binary itself, not a version dispatcher in front of it (gcloud's rewrites
// errors). The command paths come from assets/kubectl-help/index.json (capture-kubectl-help.mjs).
// For each command the script reads the names, shorthands and defaults of its "Options:" section
// (the global ones from `kubectl options`), then asks pflag itself for what help does not show,
// with probe command lines that always end in a parse error, so no command ever runs:
//   * the type: `--flag=kubelab` fails with ParseBool/ParseInt/ParseFloat/time.ParseDuration or
//     "must be formatted as key=value" (pflag's stringToString) or "malformed pair" (cliflag's
//     MapStringString) — that error is recorded too; `--flag="kubelab` fails only for CSV-parsed
//     stringSlice;
//   * an optional value (NoOptDefVal): `--flag --kubelab-probe-a --kubelab-probe-b` fails on
//     probe-a as an unknown flag only when `--flag` needs no value.
// NoOptDefVal's value itself is not observable offline: known ones are filled in from kubectl's
// source (OPTIONAL_VALUES below); the script fails on any other flag with an optional value.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED_MINOR = '1.32';
/** NoOptDefVal of kubectl's flags that have one (cmdutil.AddDryRunFlag, AddValidateFlags, delete's --cascade). */
const OPTIONAL_VALUES = { 'dry-run': 'unchanged', validate: 'strict', cascade: 'background' };

/**
 * Flags kubectl accepts but hides from help: deprecated ones, whose notice pflag prints (only
 * cli-runtime's RecordFlags marks one in 1.32). Each command is probed for them.
 */
const HIDDEN_FLAGS = [{ name: 'record', type: 'bool', deprecated: '--record will be removed in the future' }];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'test', 'unit', 'kubectl', 'parity', 'flags.json');
const kubectl = process.env.KUBECTL ?? 'kubectl';
const home = mkdtempSync(join(tmpdir(), 'kubectl-flags-'));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: join(home, 'config'), LANG: 'C' };

function run(args) {
  const result = spawnSync(kubectl, args, { env, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return result;
}

/** `-o, --output='':` / `--all=false:` lines of an options section. */
function optionsOf(text) {
  const flags = [];
  for (const line of text.split('\n')) {
    const match = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/.exec(line);
    if (match) flags.push({ name: match[2], ...(match[1] ? { short: match[1] } : {}), shownDefault: match[3] });
  }
  return flags;
}

function ownOptions(helpText) {
  const start = helpText.indexOf('\nOptions:\n');
  if (start < 0) return [];
  const end = helpText.indexOf('\nUsage:\n', start);
  return optionsOf(helpText.slice(start, end < 0 ? undefined : end));
}

/** The error pflag gives for `args` (the probe lines always fail). */
function probe(path, args) {
  const { stderr } = run([...path, ...args]);
  return stderr.split('\n')[0] ?? '';
}

/** The flag's type, and pflag's error (without `error: `) for `--flag=kubelab` when it rejects that value. */
function typeOf(path, flag) {
  const bad = probe(path, [`--${flag.name}=kubelab`, '--kubelab-probe-b']);
  const accepted = bad === 'error: unknown flag: --kubelab-probe-b';
  const rejects = accepted ? undefined : bad.replace(/^error: /, '');
  const typed = (type) => ({ type, ...(rejects ? { rejects } : {}) });
  if (flag.shownDefault === 'true' || flag.shownDefault === 'false' || bad.includes('strconv.ParseBool')) return typed('bool');
  if (bad.includes('strconv.ParseInt')) return typed('int');
  if (bad.includes('strconv.ParseUint')) return typed('uint');
  if (bad.includes('strconv.ParseFloat')) return typed('float');
  // A Go flag.Duration (klog's) says only "parse error".
  if (bad.includes('time: invalid duration') || (/^\d/.test(flag.shownDefault) && bad.endsWith('parse error'))) return typed('duration');
  if (bad.includes('must be formatted as key=value')) return typed('stringToString');
  if (bad.includes('malformed pair, expect string=string')) return typed('mapStringString');
  // A string flag that checks its value when set (klog's --vmodule).
  if (!flag.shownDefault.startsWith('[')) return typed('string');
  if (!accepted) throw new Error(`${path.join(' ')} --${flag.name}: unexpected probe result ${bad}`);
  const csv = probe(path, [`--${flag.name}="kubelab`, '--kubelab-probe-b']);
  return typed(csv.includes('quoted-field') ? 'stringSlice' : 'stringArray');
}

function optionalValue(path, flag) {
  const result = probe(path, [`--${flag.name}`, '--kubelab-probe-a', '--kubelab-probe-b']);
  // Took probe-a as its value: then probe-b is unknown, or probe-a no valid value of its type.
  if (result !== 'error: unknown flag: --kubelab-probe-a') return undefined;
  const value = OPTIONAL_VALUES[flag.name];
  if (value === undefined) throw new Error(`${path.join(' ')} --${flag.name} has an optional value: add it to OPTIONAL_VALUES`);
  return value;
}

function describeFlags(path, flags) {
  return flags.map((flag) => {
    const { type, rejects } = typeOf(path, flag);
    const noOptDefault = type === 'bool' ? undefined : optionalValue(path, flag);
    return { name: flag.name, ...(flag.short ? { short: flag.short } : {}), type, ...(noOptDefault ? { noOptDefault } : {}), ...(rejects ? { rejects } : {}) };
  });
}

const version = run(['version', '--client']).stdout;
if (!new RegExp(`^Client Version: v${EXPECTED_MINOR.replace('.', '\\.')}\\.`).test(version)) {
  throw new Error(`${kubectl} is not kubectl ${EXPECTED_MINOR}:\n${version}`);
}

try {
  const index = JSON.parse(readFileSync(join(root, 'assets', 'kubectl-help', 'index.json'), 'utf8'));
  const commands = {};
  for (const command of Object.keys(index).filter((c) => c !== '' && c !== 'help' && c !== 'options')) {
    const path = command.split(' ');
    const hidden = HIDDEN_FLAGS.filter((flag) => probe(path, [`--${flag.name}=kubelab`, '--kubelab-probe-b']).includes('strconv.ParseBool'));
    commands[command] = [...describeFlags(path, ownOptions(run([...path, '--help']).stdout)), ...hidden];
  }
  const global = describeFlags([], optionsOf(run(['options']).stdout));
  const table = { kubectl: version.split('\n')[0].replace('Client Version: ', ''), global, commands };
  // One flag a line keeps the table readable and its diffs small.
  const flagLines = (flags) => `[\n${flags.map((flag) => `    ${JSON.stringify(flag)}`).join(',\n')}\n  ]`;
  const commandLines = Object.entries(commands).map(([command, flags]) => `  ${JSON.stringify(command)}: ${flags.length === 0 ? '[]' : flagLines(flags).replaceAll('\n', '\n  ')}`);
  const text = `{\n"kubectl": ${JSON.stringify(table.kubectl)},\n"global": ${flagLines(global)},\n"commands": {\n${commandLines.join(',\n')}\n}\n}\n`;
  JSON.parse(text);
  writeFileSync(outFile, text);
  process.stdout.write(`wrote ${Object.keys(commands).length} commands to ${outFile}\n`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
