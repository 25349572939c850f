/**
 * Golden transcripts: each `test/golden/*.sh` is piped into `kubelab shell --virtual-clock --seed 1`
 * (the built CLI, exactly as a user runs it) and its combined stdout+stderr, plus the exit status,
 * must equal the checked-in `.out` file. `npm run golden:update` rewrites the expectations; review
 * the diff before committing it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'bin', 'kubelab.mjs');
const update = process.env.UPDATE_GOLDEN === '1';

export function runTranscript(script: string, seed = 1): string {
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" shell --virtual-clock --seed ${seed} 2>&1`], {
    input: script,
    encoding: 'utf8',
    cwd: root,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return `${result.stdout}[exit ${result.status}]\n`;
}

const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.sh'))
  .sort();

describe('golden transcripts', () => {
  it('has transcripts to check', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(4);
  });

  for (const script of scripts) {
    it(script, () => {
      const actual = runTranscript(readFileSync(join(here, script), 'utf8'));
      const expectedFile = join(here, script.replace(/\.sh$/, '.out'));
      if (update || !existsSync(expectedFile)) {
        writeFileSync(expectedFile, actual);
        if (!update) throw new Error(`${expectedFile} did not exist; wrote it — review and commit it`);
      }
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }

  it('is deterministic: the same seed and script give the same bytes', () => {
    const script = readFileSync(join(here, '02-nginx-pod.sh'), 'utf8');
    expect(runTranscript(script)).toBe(runTranscript(script));
  });

  it('depends on the seed: another seed gives other generated names', () => {
    const script = 'kubectl apply -f nginx-pod.yaml\nkubectl get pod nginx-pod -o yaml | grep kube-api-access | head -1\n';
    expect(runTranscript(script, 1)).not.toBe(runTranscript(script, 2));
  });
});
