import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/main/base/clock.js';
import { WorkQueue } from '../../../../src/main/cluster/client/work-queue.js';

function setup(): { clock: VirtualClock; processed: string[]; queue: WorkQueue } {
  const clock = new VirtualClock(0);
  const processed: string[] = [];
  const queue = new WorkQueue(clock, (key) => processed.push(key));
  return { clock, processed, queue };
}

describe('WorkQueue', () => {
  it('processes in a later clock task, never inside add', () => {
    const { clock, processed, queue } = setup();
    queue.add('a');
    expect(processed).toEqual([]);
    expect(queue.length).toBe(1);
    clock.runDue();
    expect(processed).toEqual(['a']);
    expect(queue.length).toBe(0);
  });

  it('collapses duplicates and keeps first-added order', () => {
    const { clock, processed, queue } = setup();
    for (const k of ['a', 'b', 'a', 'c', 'b']) queue.add(k);
    clock.runDue();
    expect(processed).toEqual(['a', 'b', 'c']);
  });

  it('processes a key added again while it is processed once more', () => {
    const clock = new VirtualClock(0);
    const processed: string[] = [];
    let again = true;
    const queue: WorkQueue = new WorkQueue(clock, (key) => {
      processed.push(key);
      if (again) {
        again = false;
        queue.add(key);
      }
    });
    queue.add('a');
    clock.runDue();
    expect(processed).toEqual(['a', 'a']);
  });

  it('adds after a delay of simulated time, the newest request replacing the older', () => {
    const { clock, processed, queue } = setup();
    queue.addAfter('a', 1000);
    queue.addAfter('a', 3000);
    clock.advance(2000);
    expect(processed).toEqual([]);
    clock.advance(1000);
    expect(processed).toEqual(['a']);
    queue.addAfter('b', 0);
    clock.runDue();
    expect(processed).toEqual(['a', 'b']);
  });

  it('does nothing after dispose', () => {
    const { clock, processed, queue } = setup();
    queue.add('a');
    queue.addAfter('b', 10);
    queue.dispose();
    queue.add('c');
    clock.advance(100);
    expect(processed).toEqual([]);
    expect(clock.nextDue()).toBeUndefined();
  });
});
