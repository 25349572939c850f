import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import { type PodMetrics, formatMilliDecimal, quantityMilli, rawResourceReplicas, resourceReplicas } from '../../../../../src/main/cluster/controllers/hpa/replica-calculator.js';

const NOW = Date.UTC(2025, 0, 1, 1, 0, 0);
const LONG_AGO = '2025-01-01T00:00:00Z';

function pod(name: string, options: { phase?: 'Running' | 'Pending' | 'Failed'; ready?: boolean; cpu?: string } = {}): Pod {
  return {
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx', ...(options.cpu === '' ? {} : { resources: { requests: { cpu: options.cpu ?? '100m' } } }) }] },
    status: {
      phase: options.phase ?? 'Running',
      startTime: LONG_AGO,
      conditions: [{ type: 'Ready', status: (options.ready ?? true) ? 'True' : 'False', lastTransitionTime: LONG_AGO }],
    },
  };
}

function metrics(values: Record<string, number>): PodMetrics {
  return new Map(Object.entries(values).map(([name, value]) => [name, { timestamp: NOW, windowMs: 15_000, value }]));
}

describe('replica calculator (replica_calculator.go)', () => {
  it('scales by ceil(ratio × ready Pods)', () => {
    const result = resourceReplicas(3, 50, 'cpu', [pod('a'), pod('b'), pod('c')], metrics({ a: 90, b: 90, c: 90 }), NOW);
    expect(result).toEqual({ ok: true, value: { replicas: 6, utilization: 90, rawAverage: 90 } });
  });

  it('on a scale-down, treats a Pod without metrics as using 100% of its request', () => {
    // a and b at 10%: ratio 0.2 → with c at 100%, (10+10+100)/300 = 40% → ratio 0.8 → ceil(0.8 × 3) = 3.
    const result = resourceReplicas(3, 50, 'cpu', [pod('a'), pod('b'), pod('c')], metrics({ a: 10, b: 10 }), NOW);
    expect(result).toEqual({ ok: true, value: { replicas: 3, utilization: 10, rawAverage: 10 } });
  });

  it('on a scale-up, counts unready Pods at 0 and keeps the current count if that reverses the direction', () => {
    // a at 60% (ratio 1.2), b Pending at 0 → 30% → ratio 0.6: the direction would flip, stay at 2.
    const result = resourceReplicas(2, 50, 'cpu', [pod('a'), pod('b', { phase: 'Pending' })], metrics({ a: 60 }), NOW);
    expect(result.ok && result.value.replicas).toBe(2);
    // a and b at 100% (ratio 2), c Pending at 0 → 200/300 = 66% → ratio 1.32 → ceil(1.32 × 3) = 4.
    const up = resourceReplicas(3, 50, 'cpu', [pod('a'), pod('b'), pod('c', { phase: 'Pending' })], metrics({ a: 100, b: 100 }), NOW);
    expect(up.ok && up.value.replicas).toBe(4);
  });

  it('ignores deleting and Failed Pods, and errors when nothing is left', () => {
    const result = resourceReplicas(1, 50, 'cpu', [pod('a', { phase: 'Failed' })], metrics({ a: 90 }), NOW);
    expect(result).toEqual({ ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' });
  });

  it('a container without a request is an error', () => {
    const result = resourceReplicas(1, 50, 'cpu', [pod('a', { cpu: '' })], metrics({ a: 90 }), NOW);
    expect(result).toEqual({ ok: false, error: 'missing request for cpu in container app of Pod a' });
  });

  it('averageValue: missing Pods count at the target on a scale-down', () => {
    const result = rawResourceReplicas(2, 100, 'cpu', [pod('a'), pod('b')], metrics({ a: 20 }), NOW);
    // (20 + 100) / 2 = 60 → ratio 0.6 → ceil(0.6 × 2) = 2.
    expect(result).toEqual({ ok: true, value: { replicas: 2, usage: 20 } });
  });

  it('formats milli-values as DecimalSI quantities and parses MilliValue rounding up', () => {
    expect([0, 250, 1000, 1500, 120_000_000_000].map(formatMilliDecimal)).toEqual(['0', '250m', '1', '1500m', '120M']);
    expect(['100m', '1', '1500000n', '1Ki', '0.5'].map(quantityMilli)).toEqual([100, 1000, 2, 1024000, 500]);
  });
});
