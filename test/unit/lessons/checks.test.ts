/** The check kinds on their own: parsing, and answers from a real lab's API and trace. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/main/base/trace.js';
import { PODS } from '../../../src/main/cluster/client/resources.js';
import { type Check, type CheckEnvironment, LESSONS_AGENT, type RequestCheck, evaluateCheck, fieldText, parseCheck, parseFieldPath, requestMatches } from '../../../src/main/lessons/checks.js';
import { FieldReader, formatPath } from '../../../src/main/lessons/fields.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';

let session: LabSession | undefined;

afterEach(() => {
  session?.dispose();
  session = undefined;
});

function parse(value: unknown): { check: Check | undefined; issues: string[] } {
  const reader = new FieldReader();
  const check = parseCheck(value, ['check'], reader);
  return { check, issues: reader.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
}

function labWithPods(): CheckEnvironment {
  session = new LabSession({ seed: 1, virtualClock: true });
  const client = session.lab.client('test');
  for (const [name, app] of [['web-1', 'web'], ['web-2', 'web'], ['db', 'db']] as const) {
    client.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app, 'app.kubernetes.io/name': app } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });
  }
  session.lab.clock.advance(10_000);
  const lessons = session.lab.client(LESSONS_AGENT);
  return { client: lessons, discovery: lessons.discovery(), requestSeen: () => false };
}

function check(value: unknown): Check {
  const parsed = parse(value);
  expect(parsed.issues).toEqual([]);
  return parsed.check!;
}

describe('parsing checks', () => {
  it('fills defaults: kubectl as the agent, the lesson as the window, min 1', () => {
    expect(parse({ request: { verb: 'get', resource: 'pods' } }).check).toEqual({ type: 'request', from: 'kubectl', verbs: ['get'], resource: 'pods', since: 'lesson' });
    expect(parse({ count: { apiVersion: 'apps/v1', kind: 'Deployment' } }).check).toEqual({ type: 'count', apiVersion: 'apps/v1', kind: 'Deployment', allNamespaces: false, min: 1 });
  });

  it('reports what is wrong, by path', () => {
    expect(parse({ pod: {} }).issues).toEqual(['check.pod: unknown field; expected one of object, count, request']);
    expect(parse({ object: { kind: 'Pod', name: 'x', columns: { STATUS: ['Running'] } } }).issues).toEqual([
      'check.object.apiVersion: is required',
      'check.object.columns.STATUS: must be a string, number or boolean',
    ]);
    expect(parse({ count: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', allNamespaces: true, min: -1 } }).issues).toEqual([
      'check.count.allNamespaces: cannot be combined with namespace',
      'check.count.min: must be an integer ≥ 0',
    ]);
    expect(parse({ request: { verb: [], resource: 'Pods', since: 'always' } }).issues).toEqual([
      'check.request.verb: must not be an empty list',
      'check.request.resource: must be a plural resource name such as pods (got "Pods")',
      'check.request.since: must be one of lesson, step (got "always")',
    ]);
  });

  it('reads field paths with indexes and quoted keys', () => {
    expect(parseFieldPath('status.containerStatuses[0].ready')).toEqual(['status', 'containerStatuses', 0, 'ready']);
    expect(parseFieldPath('metadata.labels["app.kubernetes.io/name"]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(typeof parseFieldPath('.status')).toBe('string');
    expect(typeof parseFieldPath('status[x]')).toBe('string');
  });
});

describe('answering checks from the cluster', () => {
  it('object: exists, with fields and printed columns', () => {
    const env = labWithPods();
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db' } }), env)).toBe(true);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'nope' } }), env)).toBe(false);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', namespace: 'kube-public' } }), env)).toBe(false);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', fields: { 'status.phase': 'Running', 'metadata.labels["app.kubernetes.io/name"]': 'db', 'status.containerStatuses[0].ready': true } } }), env)).toBe(true);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', fields: { 'status.phase': 'Pending' } } }), env)).toBe(false);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', columns: { STATUS: 'Running', ready: '1/1' } } }), env)).toBe(true);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Node', name: 'controlplane', columns: { ROLES: 'control-plane', STATUS: 'Ready' } } }), env)).toBe(true);
  });

  it('object: the display status sees what the phase does not (Terminating)', () => {
    const env = labWithPods();
    session!.lab.client('test').delete(PODS, 'default', 'db');
    session!.lab.settle();
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', fields: { 'status.phase': 'Running' } } }), env)).toBe(true);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', columns: { STATUS: 'Running' } } }), env)).toBe(false);
    expect(evaluateCheck(check({ object: { apiVersion: 'v1', kind: 'Pod', name: 'db', columns: { STATUS: 'Terminating' } } }), env)).toBe(true);
  });

  it('count: selectors, namespaces, min and max', () => {
    const env = labWithPods();
    expect(evaluateCheck(check({ count: { apiVersion: 'v1', kind: 'Pod', labelSelector: 'app=web', min: 2, max: 2 } }), env)).toBe(true);
    expect(evaluateCheck(check({ count: { apiVersion: 'v1', kind: 'Pod', labelSelector: 'app=web', min: 3 } }), env)).toBe(false);
    expect(evaluateCheck(check({ count: { apiVersion: 'v1', kind: 'Pod', fieldSelector: 'status.phase=Running', min: 3 } }), env)).toBe(true);
    expect(evaluateCheck(check({ count: { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-public' } }), env)).toBe(false);
    expect(evaluateCheck(check({ count: { apiVersion: 'v1', kind: 'Pod', allNamespaces: true, max: 2 } }), env)).toBe(false);
    expect(evaluateCheck(check({ count: { apiVersion: 'v1', kind: 'Node', labelSelector: '!node-role.kubernetes.io/control-plane', min: 2, max: 2 } }), env)).toBe(true);
  });

  it('request: matches agent, verb, resource, namespace and name of successful requests', () => {
    const request = check({ request: { verb: ['get', 'list'], resource: 'pods', namespace: 'default' } }) as RequestCheck;
    const event = (e: Partial<TraceEvent>): TraceEvent => ({ seq: 1, time: 0, from: 'kubectl', to: 'kube-apiserver', verb: 'list', resource: 'pods', namespace: 'default', code: 200, ...e });
    expect(requestMatches(request, event({}))).toBe(true);
    expect(requestMatches(request, event({ verb: 'get', name: 'x' }))).toBe(true);
    expect(requestMatches(request, event({ code: 404 }))).toBe(false);
    expect(requestMatches(request, event({ from: 'kubelab-workspace' }))).toBe(false);
    expect(requestMatches(request, event({ namespace: undefined }))).toBe(false);
    expect(requestMatches(request, event({ verb: 'create' }))).toBe(false);
    expect(requestMatches(request, event({ subresource: 'log' }))).toBe(false);
    expect(requestMatches(request, event({ from: 'kube-apiserver', to: 'etcd' }))).toBe(false);
  });

  it('reads scalar fields only', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'x' } } };
    expect(fieldText(pod, 'metadata.labels.app')).toBe('x');
    expect(fieldText(pod, 'metadata.labels')).toBeUndefined();
    expect(fieldText(pod, 'spec.nodeName')).toBeUndefined();
  });
});
