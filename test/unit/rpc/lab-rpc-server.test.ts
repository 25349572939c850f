import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../../../src/shared/api/meta.js';
import type { ClusterSnapshot, TraceEntry } from '../../../src/shared/rpc/contract.js';
import { RpcError } from '../../../src/shared/rpc/contract.js';
import { LabClient } from '../../../src/shared/rpc/lab-client.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { LabRpcServer } from '../../../src/main/rpc/lab-rpc-server.js';
import { inMemoryLabApi } from '../../../src/main/transport/in-memory.js';

let session: LabSession;
let server: LabRpcServer;
let client: LabClient;

function setup(): void {
  session = new LabSession({ seed: 1, virtualClock: true });
  server = new LabRpcServer(session);
  client = new LabClient(inMemoryLabApi(server));
}

afterEach(() => {
  server?.dispose();
  session?.dispose();
});

/** Let the terminal's queued input run (commands are async). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('the RPC contract over the in-memory transport', () => {
  it('answers lab.info with the clock and seed', async () => {
    setup();
    expect(await client.invoke('lab.info', {})).toEqual({ seed: 1, clock: 'virtual', now: Date.UTC(2025, 0, 1), speed: 1, paused: false });
  });

  it('turns unknown methods and bad params into Status errors', async () => {
    setup();
    const api = inMemoryLabApi(server);
    expect(await api.invoke('lab.nothing', {})).toMatchObject({ ok: false, status: { code: 404, reason: 'NotFound' } });
    const error = await client.invoke('terminal.open', { cols: -1, rows: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).status).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message: 'terminal.open: cols must be an integer from 2 to 1000' });
    let refused: Status | undefined;
    inMemoryLabApi(server).subscribe('nope', {}, () => undefined, (s) => (refused = s));
    expect(refused?.code).toBe(404);
  });

  it('runs a terminal: keystrokes in, ANSI out, and a reopened page gets the same terminal with its scrollback', async () => {
    setup();
    const { id } = await client.invoke('terminal.open', { cols: 80, rows: 24 });
    let screen = '';
    const sub = client.subscribe('terminal.output', { id }, (text) => (screen += text));
    await settle();
    expect(screen).toContain('student@bastion');
    await client.invoke('terminal.input', { id, data: 'kubectl get nodes -o name\r' });
    await settle();
    expect(screen).toContain('node/node01\r\n');
    sub.dispose();
    const again = await client.invoke('terminal.open', { cols: 100, rows: 30 });
    expect(again.id).toBe(id);
    let replay = '';
    client.subscribe('terminal.output', { id }, (text) => (replay += text)).dispose();
    expect(replay).toContain('node/node01');
  });

  it('reads and writes the terminal host files, with NotFound for a missing one', async () => {
    setup();
    const listing = await client.invoke('files.list', {});
    expect(listing.host).toBe('bastion');
    expect(listing.entries.map((e) => e.name)).toContain('nginx-pod.yaml');
    await client.invoke('files.write', { path: 'web.yaml', content: 'kind: Pod\n' });
    expect(await client.invoke('files.read', { path: '/home/student/web.yaml' })).toEqual({ host: 'bastion', path: '/home/student/web.yaml', content: 'kind: Pod\n' });
    const missing = await client.invoke('files.read', { path: 'nope.yaml' }).catch((e: RpcError) => e.status);
    expect(missing).toMatchObject({ code: 404, message: '/home/student/nope.yaml: No such file or directory' });
  });

  it('streams cluster snapshots as Pods start, and the learner requests as trace entries', async () => {
    setup();
    const snapshots: ClusterSnapshot[] = [];
    const trace: TraceEntry[] = [];
    client.subscribe('cluster.changes', {}, (s) => snapshots.push(s));
    client.subscribe('trace', {}, (t) => trace.push(t));
    session.lab.settle();
    expect(snapshots.at(-1)?.nodes.map((n) => `${n.name}:${n.role}:${n.status}`)).toEqual(['controlplane:control-plane:Ready', 'node01:worker:Ready', 'node02:worker:Ready']);
    const { id } = await client.invoke('terminal.open', { cols: 80, rows: 24 });
    await settle();
    await client.invoke('terminal.input', { id, data: 'kubectl apply -f nginx-pod.yaml\rlab step 10s\r' });
    await settle();
    const pod = snapshots.at(-1)?.pods.find((p) => p.name === 'nginx-pod');
    expect(pod).toMatchObject({ namespace: 'default', status: 'Running', ready: '1/1' });
    expect(trace.some((t) => t.from === 'kubectl' && t.verb === 'create' && t.resource === 'pods' && t.name === 'nginx-pod')).toBe(true);
    expect(trace.some((t) => t.from === 'kube-apiserver' && t.to === 'etcd' && t.key === '/registry/pods/default/nginx-pod')).toBe(true);
    expect(trace.some((t) => t.from === 'kube-scheduler' && t.verb === 'bind')).toBe(true);
    expect(trace.some((t) => t.from === 'kubelab-workspace')).toBe(false);
  });

  it('follows the new lab after lab reset', async () => {
    setup();
    const snapshots: ClusterSnapshot[] = [];
    client.subscribe('cluster.changes', {}, (s) => snapshots.push(s));
    session.lab.client('test').create({ group: '', version: 'v1', resource: 'pods' }, 'default', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'a', image: 'nginx:1.25' }] },
    });
    session.lab.settle();
    expect(snapshots.at(-1)?.pods.filter((p) => p.namespace === 'default').length).toBe(1);
    session.reset();
    session.lab.settle();
    expect(snapshots.at(-1)?.pods.filter((p) => p.namespace === 'default').length).toBe(0);
    expect(snapshots.at(-1)?.pods.filter((p) => p.namespace === 'kube-system').map((p) => p.name)).toContain('etcd-controlplane');
  });
});
