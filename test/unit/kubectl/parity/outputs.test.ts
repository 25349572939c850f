/**
 * What the lab's kubectl prints for command lines that need no server — client dry runs,
 * `--local` edits, flag, usage and missing-argument errors — byte for byte against kubectl 1.32:
 * outputs.json holds the real kubectl's stdout, stderr and exit status for each, recorded by
 * scripts/capture-kubectl-outputs.mjs in a directory with the same fixture files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KubectlLab } from '../lab.js';

interface Case {
  command: string;
  stdout: string;
  stderr: string;
  status: number;
}

const TABLE = JSON.parse(readFileSync(join(__dirname, 'outputs.json'), 'utf8')) as { kubectl: string; fixtures: Record<string, string>; cases: Case[] };

/** klog's header (`W1123 19:40:29.398473   31827 `) carries the time and process id of each run. */
function withoutKlogStamps(text: string): string {
  return text.replace(/^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1mmdd hh:mm:ss.uuuuuu pid ');
}

/**
 * Lines the lab still answers differently, each with the reason; the test fails when one starts to
 * match (then delete it here).
 */
const KNOWN_GAPS: Record<string, string> = {};

let lab: KubectlLab;

beforeAll(async () => {
  lab = new KubectlLab();
  const files = Object.entries(TABLE.fixtures).map(([file, text]) => `mkdir -p "$(dirname ${file})"\ncat > ${file} <<'KUBELAB_FIXTURE'\n${text}KUBELAB_FIXTURE`);
  const setup = await lab.run(files.join('\n'));
  expect(setup.stderr).toBe('');
});

afterAll(() => lab.dispose());

it('was recorded from kubectl 1.32', () => {
  expect(TABLE.kubectl).toMatch(/^v1\.32\./);
  expect(TABLE.cases.length).toBeGreaterThan(100);
});

const matching = TABLE.cases.filter((c) => !KNOWN_GAPS[c.command]);
const differing = TABLE.cases.filter((c) => KNOWN_GAPS[c.command]);

it('lists only gaps the table has', () => {
  expect(Object.keys(KNOWN_GAPS).filter((command) => !TABLE.cases.some((c) => c.command === command))).toEqual([]);
});

async function expectSameOutput(expected: Case): Promise<void> {
  const got = await lab.run(expected.command);
  expect({ stdout: got.stdout, stderr: withoutKlogStamps(got.stderr), status: got.status }).toEqual({
    stdout: expected.stdout,
    stderr: withoutKlogStamps(expected.stderr),
    status: expected.status,
  });
}

it.each(matching.map((c) => [c.command, c] as const))('%s', async (_command, expected) => expectSameOutput(expected));

it.fails.each(differing.map((c) => [c.command, c] as const))('still differs: %s', async (_command, expected) => expectSameOutput(expected));
