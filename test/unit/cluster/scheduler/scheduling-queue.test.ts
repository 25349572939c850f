import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/main/base/clock.js';
import type { ClusterEvent } from '../../../../src/main/cluster/scheduler/framework.js';
import { SchedulingQueue } from '../../../../src/main/cluster/scheduler/scheduling-queue.js';

const clock = new VirtualClock();
const popped: Array<[string, number]> = [];
const priorities: Record<string, number> = {};
const events: Record<string, ClusterEvent[]> = { NodeResourcesFit: ['NodeAdd', 'AssignedPodDelete'], TaintToleration: ['NodeAdd', 'NodeUpdate'] };
let queue = new SchedulingQueue(clock, () => 0, () => [], () => undefined);

function make(): SchedulingQueue {
  queue.dispose();
  popped.length = 0;
  queue = new SchedulingQueue(
    clock,
    (key) => priorities[key] ?? 0,
    (plugin) => events[plugin] ?? [],
    (key) => popped.push([key, clock.now() - start]),
  );
  return queue;
}

let start = clock.now();

afterEach(() => {
  queue.dispose();
});

describe('SchedulingQueue', () => {
  it('pops higher priority first, then oldest', () => {
    make();
    start = clock.now();
    priorities.low = 0;
    priorities.high = 100;
    queue.add('low');
    queue.add('low2');
    queue.add('high');
    clock.runDue();
    expect(popped.map(([k]) => k)).toEqual(['high', 'low', 'low2']);
  });

  it('backs off 1 s, doubling per failure up to 10 s (podInitialBackoff/podMaxBackoff)', () => {
    make();
    start = clock.now();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = clock.now();
      queue.retryAfterBackoff('p');
      popped.length = 0;
      while (popped.length === 0) clock.advance(100);
      delays.push(clock.now() - before);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('moves an unschedulable Pod only on an event a rejecting plugin cares about, else after 5 minutes', () => {
    make();
    start = clock.now();
    queue.markUnschedulable('a', ['NodeResourcesFit']);
    queue.markUnschedulable('b', ['TaintToleration']);
    clock.advance(2000);
    queue.onEvent('AssignedPodDelete');
    clock.runDue();
    expect(popped.map(([k]) => k)).toEqual(['a']);
    expect(queue.isUnschedulable('b')).toBe(true);
    clock.advance(5 * 60_000);
    expect(popped.map(([k]) => k)).toEqual(['a', 'b']);
  });

  it('sends a Pod moved during its back-off to the backoff queue first', () => {
    make();
    start = clock.now();
    queue.markUnschedulable('a', ['NodeResourcesFit']);
    clock.advance(200);
    queue.onEvent('NodeAdd');
    clock.runDue();
    expect(popped).toEqual([]);
    clock.advance(800);
    expect(popped).toEqual([['a', 1000]]);
  });
});
