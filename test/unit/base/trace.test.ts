import { describe, expect, it } from 'vitest';
import { type TraceEvent, Tracer } from '../../../src/main/base/trace.js';

describe('Tracer', () => {
  it('numbers events from 1 and stamps them with the simulated time', () => {
    let now = 1000;
    const tracer = new Tracer(() => now);
    tracer.emit({ from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'pods', name: 'x' });
    now = 2500;
    tracer.emit({ from: 'kube-apiserver', to: 'etcd', verb: 'put', key: '/registry/pods/default/x', revision: 7 });
    const events = tracer.recent();
    expect(events.map((e) => [e.seq, e.time, e.verb])).toEqual([
      [1, 1000, 'create'],
      [2, 2500, 'put'],
    ]);
    expect(events[1]).toMatchObject({ key: '/registry/pods/default/x', revision: 7 });
    expect(tracer.lastSeq).toBe(2);
  });

  it('recent(afterSeq) returns only newer events', () => {
    const tracer = new Tracer(() => 0);
    for (const verb of ['a', 'b', 'c', 'd']) tracer.emit({ from: 'x', to: 'y', verb });
    expect(tracer.recent(2).map((e) => e.verb)).toEqual(['c', 'd']);
    expect(tracer.recent(4)).toEqual([]);
  });

  it('keeps only the newest `capacity` events but keeps counting', () => {
    const tracer = new Tracer(() => 0, 3);
    for (let i = 0; i < 10; i++) tracer.emit({ from: 'x', to: 'y', verb: `v${i}` });
    expect(tracer.recent().map((e) => e.verb)).toEqual(['v7', 'v8', 'v9']);
    expect(tracer.recent().map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(tracer.lastSeq).toBe(10);
  });

  it('streams new events to listeners until they unsubscribe', () => {
    const tracer = new Tracer(() => 0);
    const seen: TraceEvent[] = [];
    const subscription = tracer.onDidTrace((e) => seen.push(e));
    tracer.emit({ from: 'x', to: 'y', verb: 'one' });
    subscription.dispose();
    tracer.emit({ from: 'x', to: 'y', verb: 'two' });
    expect(seen.map((e) => e.verb)).toEqual(['one']);
    expect(tracer.recent()).toHaveLength(2);
  });
});
