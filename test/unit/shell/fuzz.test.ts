/**
 * Fuzzing the shell: any command line, however mangled, ends in a status and bash-style messages;
 * nothing throws out of the engine and no command reports an internal error. Loops are cut short
 * by Ctrl+C (the signal) so a generated `while :; do :; done` cannot hang the run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFixture } from './helpers.js';

const TOKENS = [
  'echo', 'cat', 'cut', 'tr', 'awk', 'jq', 'sort', 'uniq', 'grep', 'sed', 'head', 'tail', 'wc', 'jobs', 'kill', 'fg', 'wait', 'cd', 'export', 'read', 'test',
  'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'case', '{', '}', '(', ')', '|', '||', '&&', '&', ';', ';;', '>', '>>', '<', '<<', '<<<', '2>&1',
  '$', '$(', '`', '"', "'", '\\', '$x', '${x:-d}', '$((1+', '*', '?', '[', ']', '!', '#', '~', '=', 'x=1', '-n', '-f', '-d:', '-c', '-r', '%1', '.',
  "'{print $1}'", "'.a[]'", "'s/a/b/g'", 'a-z', 'A-Z', '\n',
];

const line = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((parts) => parts.join(' '));

/** What bash and the utilities print start with their names; a throw shows as `internal error`. */
function assertWellFormed(result: { status: number; stderr: string }): void {
  expect(Number.isInteger(result.status) && result.status >= 0 && result.status <= 255).toBe(true);
  expect(result.stderr).not.toMatch(/internal error|TypeError|RangeError|undefined is not|Cannot read properties/);
}

describe('shell fuzzing', () => {
  it('survives arbitrary command lines', async () => {
    const f = makeFixture({ interactive: true });
    f.bastion.fs.writeFile('/home/student/data.txt', 'a:b:c\n1 2 3\n{"a":[1,2]}\n');
    await fc.assert(
      fc.asyncProperty(line, async (text) => {
        let stdout = '';
        let stderr = '';
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 50);
        let status: number;
        try {
          status = await f.shell.run(`${text} < data.txt`, { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, isTerminal: false }, controller.signal);
        } finally {
          clearTimeout(timer);
        }
        void stdout;
        assertWellFormed({ status, stderr });
      }),
      { numRuns: 300, seed: 26 },
    );
  }, 60_000);

  it('survives arbitrary programs for awk, jq, cut and tr', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/in.json', '{"items":[{"metadata":{"name":"web"}},{"x":1}]}\n');
    const program = fc.array(fc.constantFrom('{', '}', '(', ')', '[', ']', '.', '|', ',', ':', '$1', '$NF', 'NR', '>', '==', '"a"', '1', 'print', 'printf', 'select', 'map', 'keys', '//', 'length', '+', '-', '/', '*', ';', 'if', 'then', 'else', 'end', '?', 'as', '$x', '@csv', '\\(', 'x', ' '), { maxLength: 12 }).map((p) => p.join(''));
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('awk', 'jq', 'jq -r', 'jq -c', 'cut -f', 'cut -c', 'tr', 'tr -d', 'awk -F:'), program, async (tool, source) => {
        const r = await f.run(`${tool} ${quote(source)} < in.json`);
        assertWellFormed(r);
        if (r.status !== 0) expect(r.stderr).toMatch(new RegExp(`^(${tool.split(' ')[0]}|parse error)`, 'm'));
      }),
      { numRuns: 400, seed: 7 },
    );
  }, 60_000);
});
