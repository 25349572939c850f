/** The bitmap allocators' strategy: a static band kept for hand-picked values, random picks above it. */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/main/base/random.js';
import { NodePortOperation, NodePortRange, ServiceIPRange } from '../../../../src/main/cluster/apiserver/registry/service-allocator.js';

describe('ServiceIPRange (ipallocator with offset)', () => {
  it.each<[string, number, number]>([
    // min(max(16, size/16), 256); network and broadcast are never handed out.
    ['10.96.0.0/12', 2 ** 20 - 2, 256],
    ['10.0.0.0/24', 254, 16],
    ['10.0.0.0/20', 4094, 256],
    ['10.0.0.0/28', 14, 0],
  ])('%s: %i addresses, the first %i kept for static use', (cidr, max, offset) => {
    const range = new ServiceIPRange(cidr);
    expect(range.max).toBe(max);
    expect(range.offset).toBe(offset);
  });

  it('picks from the upper band while it has room, then from the static band', () => {
    const range = new ServiceIPRange('10.0.0.0/24');
    const random = new SeededRandom(7);
    const taken: string[] = [];
    for (let i = 0; i < 254 - 16; i++) {
      const ip = range.allocateNext(taken, random)!;
      expect(Number(ip.split('.')[3])).toBeGreaterThan(16);
      taken.push(ip);
    }
    const fromStatic = range.allocateNext(taken, random)!;
    expect(Number(fromStatic.split('.')[3])).toBeLessThanOrEqual(16);
  });

  it('reports a full range', () => {
    const range = new ServiceIPRange('10.0.0.0/30');
    expect(range.allocateNext(['10.0.0.1', '10.0.0.2'], new SeededRandom(1))).toBeUndefined();
  });

  it.each<[string, string | undefined]>([
    ['10.0.0.5', 'provided IP is already allocated'],
    ['10.0.0.6', undefined],
    ['010.000.000.006', undefined],
    ['10.0.0.255', 'the provided IP (10.0.0.255) is not in the valid range. The range of valid IPs is 10.0.0.0/24'],
    ['010.0.1.1', 'the provided IP (10.0.1.1) is not in the valid range. The range of valid IPs is 10.0.0.0/24'],
  ])('allocating %s: %s', (ip, error) => {
    expect(new ServiceIPRange('10.0.0.0/24').allocate(ip, ['10.0.0.5'])).toBe(error);
  });
});

describe('NodePortRange (portallocator with offset)', () => {
  it('keeps 30000–30085 for static use in the default range', () => {
    const range = new NodePortRange('30000-32767');
    expect(range.size).toBe(2768);
    expect(range.offset).toBe(86);
  });

  it('hands out every port of a small range once, then reports it full', () => {
    const op = new NodePortOperation(new NodePortRange('30000-30019'), [30005], new SeededRandom(3));
    const ports = Array.from({ length: 19 }, () => op.allocateNext());
    expect(new Set(ports).size).toBe(19);
    expect(ports).not.toContain(30005);
    expect(op.allocateNext()).toBeUndefined();
  });

  it('counts ports taken earlier in the same request', () => {
    const op = new NodePortOperation(new NodePortRange('30000-32767'), [], new SeededRandom(1));
    expect(op.allocate(30080)).toBeUndefined();
    expect(op.allocate(30080)).toBe('provided port is already allocated');
    expect(op.allocate(29999)).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767');
  });
});
