import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod, PodCondition } from '../../../../src/shared/api/core.js';
import { boundPodText } from '../../../../src/main/cluster/apiserver/bound-pod-text.js';
import { jsonValueEnd, objectMembers } from '../../../../src/main/cluster/apiserver/json-text.js';

const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:05Z' };

/** What bind encodes: the Pod with nodeName set and PodScheduled replaced, as JSON.stringify writes it. */
function expected(pod: Pod, node: string): { text: string; conditions: PodCondition[] } {
  const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), scheduled];
  return { text: JSON.stringify({ ...pod, spec: { ...pod.spec, nodeName: node }, status: { ...pod.status, conditions } }), conditions };
}

function check(pod: Pod, node = 'node-"01"'): void {
  const { text, conditions } = expected(pod, node);
  expect(boundPodText(JSON.stringify(pod), pod, node, conditions)).toBe(text);
}

describe('json-text', () => {
  it('finds where values end and the members of an object, strings with brackets and escapes included', () => {
    const text = JSON.stringify({ a: 'x]}"\\', 'b\\"c': [1, { d: '{' }], e: null, f: -1.5e-7, g: {} });
    const members = objectMembers(text, 0)!;
    expect([...members.keys()]).toEqual(['a', 'b\\"c', 'e', 'f', 'g']);
    for (const [key, { start, end }] of members) expect(JSON.parse(text.slice(start, end))).toEqual((JSON.parse(text) as Record<string, unknown>)[key]);
    expect(jsonValueEnd('[1,[2]],3', 0)).toBe(7);
    expect(objectMembers('{}', 0)?.size).toBe(0);
    expect(objectMembers('[1]', 0)).toBeUndefined();
  });
});

describe('boundPodText', () => {
  it('gives exactly the encoding of the bound Pod', () => {
    check({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c' }] } } as Pod);
    check({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [], nodeName: '' }, status: { phase: 'Pending' } } as Pod);
    check({ kind: 'Pod', metadata: { name: 'a' }, spec: {}, status: {} } as unknown as Pod);
    check({ metadata: { name: 'a' }, status: null, spec: { containers: [] } } as unknown as Pod);
    check({
      metadata: { name: 'a', annotations: { 'x"}': ']' } },
      spec: { containers: [{ name: 'c', args: ['"spec":{', '\\'] }] },
      status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: "x".' }], qosClass: 'BestEffort' },
    } as unknown as Pod);
  });

  it('matches JSON.stringify for arbitrary Pod-shaped values', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const conditions = fc.array(fc.record({ type: fc.constantFrom('Ready', 'PodScheduled', 'Initialized'), status: fc.constantFrom('True', 'False'), message: fc.string() }), { maxLength: 3 });
    const pod = fc.record({
      metadata: fc.dictionary(fc.string(), json, { maxKeys: 3 }),
      spec: fc.dictionary(fc.string(), json, { maxKeys: 4 }),
      status: fc.option(fc.record({ phase: fc.string(), conditions: fc.option(conditions, { nil: undefined }) }, { requiredKeys: ['phase'] }), { nil: undefined }),
    });
    fc.assert(
      fc.property(pod, fc.string(), (value, node) => {
        const p = JSON.parse(JSON.stringify(value)) as Pod;
        const { text, conditions: after } = expected(p, node);
        expect(boundPodText(JSON.stringify(p), p, node, after)).toBe(text);
      }),
    );
  });
});
