/** `kubectl top node|pod`: metrics-server's numbers in kubectl's columns, sorting, sums, and errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';
import { MULTI_POD, applyScript } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`kubectl apply -f nginx-pod.yaml\n${applyScript(MULTI_POD)}lab step 90s`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

/** The rows of a table, each split into its cells. */
const rows = (text: string): string[][] => text.trimEnd().split('\n').map((line) => line.trim().split(/\s{2,}/));

describe('kubectl top', () => {
  it('shows node usage with shares of allocatable, every cell padded', async () => {
    const r = await lab.run('kubectl top node');
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME           CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    const table = rows(r.stdout).slice(1);
    expect(table.map((row) => row[0])).toEqual(['controlplane', 'node01', 'node02']);
    for (const row of table) expect(row.slice(1)).toEqual([expect.stringMatching(/^\d+m$/), expect.stringMatching(/^\d+%$/), expect.stringMatching(/^\d+Mi$/), expect.stringMatching(/^\d+%$/)]);
  });

  it('sorts nodes by cpu or memory, descending', async () => {
    const cpu = rows((await lab.run('kubectl top nodes --sort-by=cpu --no-headers')).stdout).map((row) => parseInt(row[1]!, 10));
    expect(cpu).toEqual([...cpu].sort((a, b) => b - a));
    const memory = rows((await lab.run('kubectl top no --sort-by=memory --no-headers')).stdout).map((row) => parseInt(row[3]!, 10));
    expect(memory).toEqual([...memory].sort((a, b) => b - a));
    expect((await lab.run('kubectl top node node01 --no-headers')).stdout).toMatch(/^node01 {3}\d+m/);
  });

  it('shows pod usage in the namespace, by container with --containers', async () => {
    const r = await lab.run('kubectl top pod');
    expect(r.stdout.split('\n')[0]).toBe('NAME        CPU(cores)   MEMORY(bytes)   ');
    expect(rows(r.stdout).slice(1).map((row) => row[0])).toEqual(['multi', 'nginx-pod']);
    const containers = await lab.run('kubectl top pod multi --containers');
    expect(rows(containers.stdout)).toEqual([
      ['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
      ['multi', 'app', expect.stringMatching(/^\d+m$/), expect.stringMatching(/^\d+Mi$/)],
      ['multi', 'sidecar', expect.stringMatching(/^\d+m$/), expect.stringMatching(/^\d+Mi$/)],
    ]);
  });

  it('adds a namespace column with -A and totals with --sum', async () => {
    const r = await lab.run('kubectl top pod -A --sum');
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(table.slice(1, 3).map((row) => row.slice(0, 2))).toEqual([['default', 'multi'], ['default', 'nginx-pod']]);
    expect(table.at(-2)).toEqual(['________', '________']);
    const cpu = table.slice(1, -2).reduce((sum, row) => sum + parseInt(row[2]!, 10), 0);
    expect(table.at(-1)![0]).toBe(`${cpu}m`);
    expect(r.stdout.split('\n').at(-3)).toMatch(/^ {20,}________ {5}________ {8}$/);
  });

  it('filters pods with -l and says when nothing matches', async () => {
    expect(rows((await lab.run('kubectl top pod -l app=multi --no-headers')).stdout).map((row) => row[0])).toEqual(['multi']);
    expect(await lab.run('kubectl top pod -l app=none')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
  });

  it('explains missing metrics: too young, or a Pod that should have them', async () => {
    const young = await lab.run('kubectl create deployment late --image=nginx:1.25\nkubectl top pod -l app=late');
    expect(young.stderr).toBe('error: metrics not available yet\n');
    expect((await lab.run('kubectl top pod nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('fails as kubectl does', async () => {
    const cases: Array<[string, string]> = [
      ['kubectl top pod --sort-by=name', 'error: --sort-by accepts only cpu or memory\n'],
      ['kubectl top node a b', "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n"],
      ['kubectl top pod a b', "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n"],
      ['kubectl top node node01 -l a=b', 'error: only one of NAME or --selector can be provided\n'],
      ['kubectl top pod multi -l a=b', 'error: only one of NAME or selector can be provided\n'],
      ['kubectl top foo', "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n"],
    ];
    for (const [command, stderr] of cases) expect(await lab.run(command), command).toMatchObject({ stdout: '', stderr, status: 1 });
    const bare = await lab.run('kubectl top');
    expect(bare.stderr).toMatch(/^Display resource \(CPU\/memory\) usage\.\n/);
    expect(bare.status).toBe(1);
  });
});
