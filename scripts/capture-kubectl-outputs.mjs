// Records what the real kubectl prints for the command lines of
// test/unit/kubectl/parity/outputs.json, which test/unit/kubectl/parity/outputs.test.ts runs
// through the lab's kubectl to compare, byte for byte, on machines without kubectl:
//
//   KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.32 node scripts/capture-kubectl-outputs.mjs
//
// Use the kubectl binary itself, not a version dispatcher in front of it (gcloud's rewrites
// errors). Only what kubectl does without a server can be recorded: client dry runs, `--local`
// edits, flag and usage errors. Each line runs through bash in a fresh directory holding the
// table's fixture files, with no kubeconfig (so the namespace is `default`, as in the lab); a
// line that reaches for a server is dropped from the table (and listed), as the real answer would
// only be a connection error.
// Add a case by adding `{ "command": "kubectl …" }` to the table, then re-run this script: it
// fills in stdout, stderr and status and keeps the rest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED_MINOR = '1.32';
/** What kubectl prints when it needs the server it does not have. */
const NEEDS_SERVER = /localhost:8080|connection to the server|couldn't get current server API group list/;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tableFile = join(root, 'test', 'unit', 'kubectl', 'parity', 'outputs.json');
const kubectl = process.env.KUBECTL ?? 'kubectl';
const scratch = mkdtempSync(join(tmpdir(), 'kubectl-outputs-'));
const bin = join(scratch, 'bin');
mkdirSync(bin);
symlinkSync(kubectl.includes('/') ? kubectl : spawnSync('bash', ['-c', `command -v ${kubectl}`], { encoding: 'utf8' }).stdout.trim(), join(bin, 'kubectl'));
const home = join(scratch, 'home');
mkdirSync(home);
const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: home, KUBECONFIG: join(home, 'no-config'), LANG: 'C' };

function run(command, cwd) {
  const result = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

try {
  const version = run('kubectl version --client', scratch).stdout;
  if (!new RegExp(`^Client Version: v${EXPECTED_MINOR.replace('.', '\\.')}\\.`).test(version)) {
    throw new Error(`${kubectl} is not kubectl ${EXPECTED_MINOR}:\n${version}`);
  }
  const table = JSON.parse(readFileSync(tableFile, 'utf8'));
  const cases = table.cases.flatMap(({ command }, i) => {
    const dir = join(scratch, `case-${i}`);
    for (const [file, text] of Object.entries(table.fixtures)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const result = run(command, dir);
    if (!NEEDS_SERVER.test(result.stderr)) return [{ command, ...result }];
    process.stdout.write(`dropped, needs a server: ${command}\n`);
    return [];
  });
  const text = JSON.stringify({ kubectl: version.split('\n')[0].replace('Client Version: ', ''), fixtures: table.fixtures, cases }, null, 1);
  writeFileSync(tableFile, `${text}\n`);
  process.stdout.write(`recorded ${cases.length} commands in ${tableFile}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
