/**
 * Fuzzing kubectl's flag parser and dispatcher: any argument list ends in a status and a
 * kubectl-style message (`error: …`, `Error from server …`, usage), never a throw out of the
 * engine or an internal error.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { KubectlLab } from './lab.js';

const WORDS = [
  'get', 'describe', 'delete', 'apply', 'create', 'run', 'expose', 'scale', 'rollout', 'label', 'annotate', 'edit', 'logs', 'exec', 'set', 'config', 'explain', 'top', 'version',
  'pods', 'pod', 'po/x', 'deploy', 'deployment', 'svc', 'nodes', 'ns', 'cm', 'secret', 'generic', 'status', 'history', 'undo', 'image', 'view', 'use-context',
  '-n', '-A', '-o', 'yaml', 'json', 'wide', 'name', 'jsonpath={.items[*].metadata.name}', 'jsonpath={', '-l', 'app=web', 'app!=', '--selector', '-f', '-', '--dry-run=client',
  '--dry-run', '--image=nginx', '--replicas=3', '--replicas=x', '--port', '80', '--', '-c', '--all', '--force', '--grace-period=0', '--timeout=1s', '-w', '--watch',
  '--field-selector', 'status.phase=Running', '--sort-by=.metadata.name', '--show-labels', '-h', '--help', '--bogus', '-Z', '=', '%', 'web', 'x', '',
];

const args = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { minLength: 1, maxLength: 7 });

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The first line of every kubectl failure: kubectl's `error: …`, klog lines, a server error, or help text. */
const KUBECTL_MESSAGE = /^(error: |Error from server|Error: |E\d{4} |W\d{4} |You must specify|[A-Z][a-z]+ .*\.$)/;

describe('kubectl fuzzing', () => {
  const lab = new KubectlLab();
  afterAll(() => lab.dispose());

  it('answers any argument list with kubectl-style output', async () => {
    await lab.run('kubectl create deployment web --image=nginx\nlab step 20s');
    await fc.assert(
      fc.asyncProperty(args, async (argv) => {
        const r = await lab.run(`kubectl ${argv.map(quote).join(' ')} </dev/null`);
        expect(Number.isInteger(r.status) && r.status >= 0 && r.status <= 255).toBe(true);
        expect(r.stderr).not.toMatch(/internal error|TypeError|RangeError|Cannot read properties/);
        const firstError = r.stderr.split('\n')[0] ?? '';
        if (r.status !== 0 && firstError !== '') expect(firstError).toMatch(KUBECTL_MESSAGE);
      }),
      { numRuns: 250, seed: 32 },
    );
  }, 120_000);
});
