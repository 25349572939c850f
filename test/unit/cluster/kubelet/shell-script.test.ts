import { describe, expect, it } from 'vitest';
import { type ProcessContext, Shell, dateText, sleepMs } from '../../../../src/main/cluster/kubelet/shell-script.js';
import type { Userland } from '../../../../src/main/cluster/kubelet/image-catalog.js';

/** Run a script to its end (or `limit` ms of sleeps), collecting output and the total time slept. */
function run(script: string, userland: Userland = 'busybox', limit = 60_000): { out: string[]; code: number | undefined; slept: number; ctx: ProcessContext } {
  let now = Date.UTC(2025, 0, 1);
  const out: string[] = [];
  const ctx: ProcessContext = {
    userland,
    env: new Map([['HOSTNAME', 'pod-a']]),
    files: new Map(),
    listening: new Set(),
    now: () => now,
    out: (stream, text) => out.push(`${stream}: ${text}`),
    startup: (lines) => lines((stream, text) => out.push(`${stream}: ${text}`), now),
  };
  const gen = new Shell(ctx).run(script);
  let slept = 0;
  for (;;) {
    const step = gen.next();
    if (step.done) return { out, code: step.value, slept, ctx };
    if (step.value === Infinity || slept + step.value > limit) return { out, code: undefined, slept, ctx };
    slept += step.value;
    now += step.value;
  }
}

describe('sh -c scripts', () => {
  it.each([
    ['echo hello', ['stdout: hello'], 0],
    ['echo "a  b"; echo \'$HOSTNAME\' $HOSTNAME', ['stdout: a  b', 'stdout: $HOSTNAME pod-a'], 0],
    ['exit 3', [], 3],
    ['echo one && false && echo two', ['stdout: one'], 1],
    ['false || echo fallback', ['stdout: fallback'], 0],
    ['cat /nonexistent', ["stderr: cat: can't open '/nonexistent': No such file or directory"], 1],
    ['foo', ['stderr: sh: foo: not found'], 127],
    ['echo oops >&2; exit 1', ['stderr: oops'], 1],
    ['i=0; i=$((i+1)); i=$((i * 10 + 2)); echo $i', ['stdout: 12'], 0],
    ['for n in 1 2 3; do echo n=$n; done', ['stdout: n=1', 'stdout: n=2', 'stdout: n=3'], 0],
    // Command substitution: stdout with trailing newlines removed; stderr still goes out; exit ends only the subshell.
    ['echo "a\nb" > f; x=$(cat f | tail -n 1); echo "[$x] [$(echo one; echo two)]"', ['stdout: [b] [one', 'stdout: two]'], 0],
    ['echo "n=$(grep -c x /nope)"', ["stderr: grep: /nope: No such file or directory", 'stdout: n='], 0],
    ['v=$(exit 4; echo no); echo "[$v] $?"', ['stdout: [] 4'], 0],
    // tail from a line on: `-n +2` skips a header line.
    ['echo "h\n1\n2" > t; tail -n +2 t; tail -n+3 t', ['stdout: 1', 'stdout: 2', 'stdout: 2'], 0],
    // `< FILE` is the command's stdin; a missing file stops the command with busybox's message.
    ['echo "a\nb\nc" > f; wc -l < f; grep b < f; cat < f | tail -n 1; wc -l < nope; echo "status $?"', ['stdout: 3', 'stdout: b', 'stdout: c', "stderr: sh: can't open 'nope': No such file or directory", 'stdout: status 1'], 0],
    ['echo ok > /tmp/f; cat /tmp/f; rm /tmp/f; cat /tmp/f', ['stdout: ok', "stderr: cat: can't open '/tmp/f': No such file or directory"], 1],
    ['# a comment\necho after', ['stdout: after'], 0],
  ])('%j', (script, out, code) => {
    const result = run(script);
    expect(result.out).toEqual(out);
    expect(result.code).toBe(code);
  });

  it('uses GNU wording in Debian-based images', () => {
    expect(run('cat /nope', 'debian').out).toEqual(['stderr: cat: /nope: No such file or directory']);
    expect(run('nope', 'debian').out).toEqual(['stderr: sh: 1: nope: not found']);
  });

  it('sleeps on the clock and logs a loop periodically', () => {
    const result = run('while true; do echo "$(date)"; sleep 10; done', 'busybox', 30_000);
    expect(result.code).toBeUndefined();
    expect(result.out).toEqual([
      'stdout: Wed Jan  1 00:00:00 UTC 2025',
      'stdout: Wed Jan  1 00:00:10 UTC 2025',
      'stdout: Wed Jan  1 00:00:20 UTC 2025',
      'stdout: Wed Jan  1 00:00:30 UTC 2025',
    ]);
  });

  it('runs the docs’ liveness script: /tmp/healthy exists for 30 s', () => {
    const first = run('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', 'busybox', 29_000);
    expect(first.ctx.files.has('/tmp/healthy')).toBe(true);
    const later = run('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', 'busybox', 31_000);
    expect(later.ctx.files.has('/tmp/healthy')).toBe(false);
    expect(later.slept).toBe(30_000);
  });

  it('lets a busy loop yield so the clock can move', () => {
    const result = run('while true; do echo spin; done', 'busybox', 100);
    expect(result.code).toBeUndefined();
    expect(result.out.length).toBeGreaterThan(100);
  });

  it('sleep stops forever on `sleep infinity`', () => {
    expect(run('sleep infinity; echo never').out).toEqual([]);
  });
});

describe('helpers', () => {
  it('parses sleep operands', () => {
    expect(sleepMs(['5'])).toBe(5000);
    expect(sleepMs(['1m', '30s'])).toBe(90_000);
    expect(sleepMs(['0.5'])).toBe(500);
    expect(sleepMs(['infinity'])).toBe(Infinity);
    expect(sleepMs(['x'])).toBeUndefined();
  });

  it('formats date like `date` in UTC', () => {
    expect(dateText(Date.UTC(2025, 0, 15, 8, 5, 3))).toBe('Wed Jan 15 08:05:03 UTC 2025');
  });
});
