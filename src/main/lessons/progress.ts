/**
 * One lesson's progress on the current lab. Steps are sequential: only the first step not yet done
 * is judged, and a step that is done stays done (deleting the Pod later does not un-tick "hire the
 * first employee"). The current step is judged again after trace events that may change its answer
 * (every change of cluster state is a traced etcd write; see `mayChange`), coalesced into one
 * zero-delay task on the lab clock. Request checks remember their latest matching event here,
 * because the trace itself is a bounded ring buffer.
 */
import { type Disposable, DisposableStore, Emitter, toDisposable } from '../../shared/lifecycle.js';
import type { DiscoveredResource } from '../cluster/apiserver/api-server.js';
import type { ApiClient } from '../cluster/client/api-client.js';
import type { Lab } from '../lab/lab.js';
import { type CheckEnvironment, LESSONS_AGENT, type RequestCheck, evaluateCheck, mayChange, requestMatches } from './checks.js';
import type { Lesson } from './lesson.js';

export class LessonProgress implements Disposable {
  /** Per step: the trace sequence number at which it was found done. */
  private doneAt: Array<number | undefined> = [];
  /** Per step with a request check: the latest matching trace event. */
  private lastMatch: Array<number | undefined> = [];
  private openedAt = 0;
  private lab!: Lab;
  private client!: ApiClient;
  private discovery: readonly DiscoveredResource[] = [];
  private attached = new DisposableStore();
  private pending: Disposable | undefined;
  private readonly onDidChangeEmitter = new Emitter<void>();
  /** Fires when a step became done, and after a restart. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    readonly lesson: Lesson,
    lab: Lab,
  ) {
    this.attach(lab);
  }

  /** Which steps are done, in order. */
  get done(): boolean[] {
    return this.lesson.steps.map((_, i) => this.doneAt[i] !== undefined);
  }

  /** Start over on a fresh lab (after `lab reset`): the cluster the progress described is gone. */
  restart(lab: Lab): void {
    this.attach(lab);
    if (!this.evaluate()) this.onDidChangeEmitter.fire();
  }

  /** Judge the current step, and the next ones while they hold; fires onDidChange if any got done. */
  evaluate(): boolean {
    let changed = false;
    const steps = this.lesson.steps;
    for (let i = 0; i < steps.length; i++) {
      if (this.doneAt[i] !== undefined) continue;
      if (!evaluateCheck(steps[i]!.check, this.environment(i))) break;
      this.doneAt[i] = this.lab.tracer.lastSeq;
      changed = true;
    }
    if (changed) this.onDidChangeEmitter.fire();
    return changed;
  }

  private environment(index: number): CheckEnvironment {
    return {
      client: this.client,
      discovery: this.discovery,
      requestSeen: (check: RequestCheck) => {
        const since = check.since === 'step' && index > 0 ? (this.doneAt[index - 1] ?? Infinity) : this.openedAt;
        return (this.lastMatch[index] ?? 0) > since;
      },
    };
  }

  private attach(lab: Lab): void {
    this.attached.dispose();
    this.attached = new DisposableStore();
    this.pending = undefined;
    this.lab = lab;
    this.client = lab.client(LESSONS_AGENT);
    this.discovery = this.client.discovery();
    this.doneAt = [];
    this.lastMatch = [];
    this.openedAt = lab.tracer.lastSeq;
    const steps = this.lesson.steps;
    this.attached.add(
      lab.tracer.onDidTrace((event) => {
        if (event.from === LESSONS_AGENT) return;
        steps.forEach((step, i) => {
          if (step.check.type === 'request' && requestMatches(step.check, event)) this.lastMatch[i] = event.seq;
        });
        const current = steps.find((_, i) => this.doneAt[i] === undefined);
        if (current && mayChange(current.check, event)) this.schedule();
      }),
    );
    this.attached.add(toDisposable(() => this.pending?.dispose()));
  }

  /** One judging pass per batch of events; background work, so quiet-waiting ignores it. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = this.lab.clock.schedule(
      0,
      () => {
        this.pending = undefined;
        this.evaluate();
      },
      { background: true },
    );
  }

  dispose(): void {
    this.attached.dispose();
    this.onDidChangeEmitter.dispose();
  }
}
