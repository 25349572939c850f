/** The provider plugged into the lab's RPC server, as the hosts do: list, get, progress, and a quiet trace. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../../src/shared/lifecycle.js';
import type { LessonView, TraceEntry } from '../../../src/shared/rpc/contract.js';
import { RpcError } from '../../../src/shared/rpc/contract.js';
import { LabClient } from '../../../src/shared/rpc/lab-client.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { createLessonsFactory, createLessonsProvider } from '../../../src/main/lessons/provider.js';
import { LabRpcServer } from '../../../src/main/rpc/lab-rpc-server.js';
import { inMemoryLabApi } from '../../../src/main/transport/in-memory.js';
import { LessonLoadError } from '../../../src/main/lessons/loader.js';
import { ScratchLessons, learner } from './helpers.js';

const owned: Disposable[] = [];

afterEach(() => {
  for (const d of owned.splice(0).reverse()) d.dispose();
});

function own<T extends Disposable>(d: T): T {
  owned.push(d);
  return d;
}

describe('lessons over the RPC contract', () => {
  it('serves lessons.list, lessons.get and lessons.progress, and keeps its own reads out of the trace', async () => {
    const session = own(new LabSession({ seed: 1, virtualClock: true }));
    const provider = own(createLessonsProvider(session));
    const server = own(new LabRpcServer(session, provider));
    const client = new LabClient(inMemoryLabApi(server));

    expect((await client.invoke('lessons.list', {})).map((l) => l.id)).toContain('company-tour');
    const view = await client.invoke('lessons.get', { id: 'company-tour', locale: 'zh-CN' });
    expect(view.title).toBe('公司参观：集群里有什么');
    const missing = await client.invoke('lessons.get', { id: 'nope', locale: 'en' }).catch((e: RpcError) => e.status);
    expect(missing).toMatchObject({ code: 404, message: 'lesson "nope" not found' });

    const views: LessonView[] = [];
    const trace: TraceEntry[] = [];
    own(client.subscribe('lessons.progress', { id: 'company-tour', locale: 'en' }, (v) => views.push(v)));
    own(client.subscribe('trace', {}, (t) => trace.push(t)));
    const you = learner(session);
    await you.run('kubectl get nodes');
    await you.end();
    expect(views.at(-1)?.steps[0]).toMatchObject({ id: 'list-offices', done: true });
    expect(trace.some((t) => t.from === 'kubectl' && t.verb === 'list' && t.resource === 'nodes')).toBe(true);
    expect(trace.filter((t) => t.from === 'kubelab-lessons')).toEqual([]);
  });

  it('gives each session of a multi-lab host its own progress from one loaded set of lessons', async () => {
    const factory = createLessonsFactory();
    factory.preload();
    const a = own(new LabSession({ seed: 1, virtualClock: true }));
    const b = own(new LabSession({ seed: 2, virtualClock: true }));
    const lessonsA = factory(a, {});
    const lessonsB = factory(b, {});
    own({ dispose: () => (lessonsA.dispose?.(), lessonsB.dispose?.()) });
    lessonsA.view('company-tour', 'en');
    lessonsB.view('company-tour', 'en');
    const you = learner(a);
    await you.run('kubectl get nodes');
    await you.end();
    expect(lessonsA.view('company-tour', 'en')?.steps[0]?.done).toBe(true);
    expect(lessonsB.view('company-tour', 'en')?.steps[0]?.done).toBe(false);
  });

  it('fails at preload, before any learner connects, when a lesson is broken', () => {
    const scratch = own(new ScratchLessons());
    scratch.edit('01-company-tour/lesson.yaml', 'kind: Pod, namespace: default, name: nginx-pod', 'kind: Pdo, namespace: default, name: nginx-pod');
    expect(() => createLessonsFactory().preload(scratch.root)).toThrow(LessonLoadError);
    expect(() => createLessonsFactory().preload(scratch.root)).toThrow(/lesson\.yaml:\d+: steps\[3\]\.check\.object\.kind: the API server serves no kind Pdo in v1/);
  });
});
