/**
 * Lesson 1 driven like a learner: a real lab (seed 1, virtual clock), commands typed into its shell
 * through the ScriptRunner, and each step judged from cluster state — done only after the action.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../../src/shared/lifecycle.js';
import type { LessonView } from '../../../src/shared/rpc/contract.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { createLessonsProvider } from '../../../src/main/lessons/provider.js';
import type { LessonsProvider } from '../../../src/main/rpc/lessons-provider.js';
import { type Learner, learner } from './helpers.js';

const ID = 'company-tour';

let session: LabSession;
let lessons: LessonsProvider & Disposable;
let you: Learner;

function setup(): void {
  session = new LabSession({ seed: 1, virtualClock: true });
  lessons = createLessonsProvider(session);
  you = learner(session);
}

afterEach(async () => {
  await you?.end();
  lessons?.dispose();
  session?.dispose();
});

/** The ids of the steps that are done. */
function done(view: LessonView | undefined = lessons.view(ID, 'en')): string[] {
  return (view?.steps ?? []).filter((s) => s.done).map((s) => s.id);
}

describe('lesson 1, the company tour, step by step', () => {
  it('ticks each step only after the learner did it, in order', async () => {
    setup();
    expect(done()).toEqual([]);

    // Looking at one node is not listing the offices.
    await you.run('kubectl get node node01');
    expect(done()).toEqual([]);
    expect(await you.run('kubectl get nodes')).toContain('controlplane   Ready    control-plane');
    expect(done()).toEqual(['list-offices']);

    // A worker is not headquarters; a typo (404) does not count either.
    await you.run('kubectl describe node node01');
    await you.run('kubectl describe node controlplan');
    expect(done()).toEqual(['list-offices']);
    expect(await you.run('kubectl describe node controlplane | grep Taints')).toBe('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n');
    expect(done()).toEqual(['list-offices', 'find-headquarters']);

    await you.run('k get ns');
    expect(done()).toEqual(['list-offices', 'find-headquarters', 'list-departments']);

    expect(await you.run('kubectl apply -f nginx-pod.yaml')).toBe('pod/nginx-pod created\n');
    expect(done()).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee']);

    // The image is still being pulled: looking now does not find the employee at work.
    expect(await you.run('kubectl get pods')).toContain('ContainerCreating');
    expect(done()).not.toContain('employee-at-work');

    await you.run('lab step 10s');
    expect(done()).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee', 'employee-at-work']);

    // The `get pods` from before the Pod ran does not count for finding its desk: look again.
    expect(await you.run('kubectl get pods -o wide')).toMatch(/nginx-pod +1\/1 +Running .* node0[12] /);
    expect(done()).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee', 'employee-at-work', 'find-desk']);
  });

  it('counts only what happened after the lesson was opened', async () => {
    setup();
    await you.run('kubectl get nodes');
    expect(done()).toEqual([]);
    await you.run('kubectl get nodes -o name');
    expect(done()).toEqual(['list-offices']);
  });

  it('keeps steps sequential: an early action ticks its step once the steps before it are done', async () => {
    setup();
    expect(done()).toEqual([]);
    await you.run('kubectl apply -f nginx-pod.yaml');
    await you.run('lab step 10s');
    expect(done()).toEqual([]);
    await you.run('kubectl get nodes');
    await you.run('kubectl get node controlplane -o yaml');
    expect(done()).toEqual(['list-offices', 'find-headquarters']);
    // The Pod already exists and runs: both its steps tick the moment the departments were seen.
    await you.run('kubectl get namespaces');
    expect(done()).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee', 'employee-at-work']);
  });

  it('remembers a done step when the Pod is deleted later', async () => {
    setup();
    lessons.view(ID, 'en');
    for (const line of ['kubectl get nodes', 'kubectl describe node controlplane', 'kubectl get ns', 'kubectl apply -f nginx-pod.yaml']) await you.run(line);
    expect(done()).toContain('hire-employee');
    await you.run('kubectl delete pod nginx-pod');
    expect(await you.run('kubectl get pods')).toBe('No resources found in default namespace.\n');
    expect(done()).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee']);
    // The next step waits for a Running nginx-pod: the learner hires again.
    await you.run('kubectl apply -f nginx-pod.yaml');
    await you.run('sleep 10');
    expect(done()).toContain('employee-at-work');
  });

  it('judges progress on the lab clock even when nobody is looking', async () => {
    setup();
    lessons.view(ID, 'en');
    for (const line of ['kubectl get nodes', 'kubectl describe node controlplane', 'kubectl get ns', 'kubectl apply -f nginx-pod.yaml', 'lab step 10s', 'kubectl get pods -o wide']) {
      await you.run(line);
    }
    // Only now does anyone ask: the Running Pod was noticed before the last `get pods`.
    expect(done()).toHaveLength(6);
  });
});

describe('watching a lesson', () => {
  it('sends the view at once and again only when a step gets done', async () => {
    setup();
    const views: LessonView[] = [];
    const watch = lessons.watch(ID, 'zh-TW', (v) => views.push(v));
    expect(views).toHaveLength(1);
    expect(views[0]!.title).toBe('公司導覽：叢集裡有什麼');
    await you.run('lab step 1m');
    await you.run('kubectl get pods');
    expect(views).toHaveLength(1);
    await you.run('kubectl get nodes');
    expect(views).toHaveLength(2);
    expect(done(views[1])).toEqual(['list-offices']);
    watch.dispose();
    await you.run('kubectl describe node controlplane');
    expect(views).toHaveLength(2);
    expect(done()).toEqual(['list-offices', 'find-headquarters']);
  });

  it('sends one view when one action completes several steps', async () => {
    setup();
    const views: LessonView[] = [];
    lessons.watch(ID, 'en', (v) => views.push(v));
    await you.run('kubectl apply -f nginx-pod.yaml');
    await you.run('sleep 8');
    await you.run('kubectl get nodes');
    await you.run('kubectl describe node controlplane');
    expect(views.map((v) => done(v).length)).toEqual([0, 1, 2]);
    await you.run('kubectl get ns');
    expect(views.map((v) => done(v).length)).toEqual([0, 1, 2, 5]);
  });

  it('starts over after lab reset and follows the new lab', async () => {
    setup();
    const views: LessonView[] = [];
    lessons.watch(ID, 'en', (v) => views.push(v));
    await you.run('kubectl get nodes');
    await you.run('kubectl describe node controlplane');
    expect(done(views.at(-1))).toEqual(['list-offices', 'find-headquarters']);
    expect(await you.run('lab reset')).toBe('lab reset\n');
    expect(done(views.at(-1))).toEqual([]);
    expect(done()).toEqual([]);
    await you.run('kubectl get nodes');
    expect(done(views.at(-1))).toEqual(['list-offices']);
  });

  it('stays quiet while nothing relevant happens: heartbeats do not make it read the cluster', async () => {
    setup();
    lessons.view(ID, 'en');
    for (const line of ['kubectl get nodes', 'kubectl describe node controlplane', 'kubectl get ns']) await you.run(line);
    const reads = () => session.lab.tracer.recent().filter((e) => e.from === 'kubelab-lessons').length;
    const before = reads();
    await you.run('lab step 2m');
    expect(reads()).toBe(before);
    await you.run('kubectl apply -f nginx-pod.yaml');
    expect(reads()).toBeGreaterThan(before);
    expect(done()).toContain('hire-employee');
  });

  it('works on a real-time clock too', async () => {
    session = new LabSession({ seed: 1 });
    lessons = createLessonsProvider(session);
    you = learner(session);
    const views: LessonView[] = [];
    lessons.watch(ID, 'en', (v) => views.push(v));
    await you.run('kubectl get nodes');
    expect(done(views.at(-1))).toEqual(['list-offices']);
  });

  it('ignores an unknown lesson', () => {
    setup();
    const views: LessonView[] = [];
    lessons.watch('no-such-lesson', 'en', (v) => views.push(v)).dispose();
    expect(views).toEqual([]);
    expect(lessons.view('no-such-lesson', 'en')).toBeUndefined();
  });
});

describe('lesson texts per locale', () => {
  it('lists the lesson with its titles in every locale', () => {
    setup();
    expect(lessons.list().find((l) => l.id === ID)).toEqual({
      id: ID,
      title: { 'zh-TW': '公司導覽：叢集裡有什麼', 'zh-CN': '公司参观：集群里有什么', en: 'The company tour: what is in a cluster' },
    });
  });

  it('serves the intro, step texts, hints and solutions of the asked locale', () => {
    setup();
    const tw = lessons.view(ID, 'zh-TW')!;
    const cn = lessons.view(ID, 'zh-CN')!;
    const en = lessons.view(ID, 'en')!;
    expect(tw.intro).toContain('叢集');
    expect(cn.intro).toContain('集群');
    expect(en.intro).toContain('headquarters');
    expect(tw.steps[0]).toMatchObject({ id: 'list-offices', done: false, solution: '```bash\nkubectl get nodes\n```' });
    expect(tw.steps[0]!.text).toMatch(/^### 1\. 數一數有幾間辦公室/);
    expect(cn.steps[0]!.text).toMatch(/^### 1\. 数一数有几个办公室/);
    expect(en.steps[0]!.text).toMatch(/^### 1\. Count the offices/);
    expect(tw.steps[4]!.hint).toContain('映像檔');
    expect(cn.steps[4]!.hint).toContain('镜像');
    for (const view of [tw, cn, en]) {
      expect(view.steps.map((s) => s.id)).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee', 'employee-at-work', 'find-desk']);
      for (const step of view.steps) expect(step.text).toMatch(/```bash\n(kubectl|cat) /);
    }
  });
});
