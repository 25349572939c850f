import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DaemonSet } from '../../../../src/shared/api/apps.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { DAEMON_SETS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { daemonSetManifest, defaultedTemplate } from '../../helpers/workloads.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function create(manifest: DaemonSet): DaemonSet {
  return expectOk(client.create<DaemonSet>(DAEMON_SETS, 'kube-system', manifest));
}

describe('DaemonSet defaulting (SetDefaults_DaemonSet)', () => {
  it('fills a minimal manifest as kube-apiserver 1.32 stores it, template generation annotation included', () => {
    const created = create(daemonSetManifest('agent'));
    expect(created.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(created.spec).toEqual({
      selector: { matchLabels: { app: 'agent' } },
      template: defaultedTemplate('agent'),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
    // These four counters have no omitempty.
    expect(created.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });

  it('gives OnDelete no rollingUpdate', () => {
    expect(create(daemonSetManifest('agent', { updateStrategy: { type: 'OnDelete' } })).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('DaemonSet validation', () => {
  it.each<[string, Partial<DaemonSet['spec']>, string]>([
    [
      // No "Required value" for a DaemonSet: a missing selector just selects nothing.
      'a missing selector, reported only as the template mismatch',
      { selector: undefined },
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ],
    [
      'an empty selector',
      { selector: {} },
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    ],
    [
      'maxSurge together with maxUnavailable',
      { updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } } },
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10%"}: may not be set when maxUnavailable is non-zero',
    ],
    [
      'both bounds 0',
      { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } },
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ],
    [
      'an unknown update strategy',
      { updateStrategy: { type: 'Surge' } },
      'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Surge", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    ],
    [
      'an activeDeadlineSeconds',
      { template: { metadata: { labels: { app: 'agent' } }, spec: { activeDeadlineSeconds: 1, containers: [{ name: 'a', image: 'busybox' }] } } },
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
    ],
  ])('refuses %s', (_name, spec, details) => {
    const manifest = daemonSetManifest('agent', spec);
    if ('selector' in spec && spec.selector === undefined) delete manifest.spec.selector;
    expect(expectStatus(client.create(DAEMON_SETS, 'kube-system', manifest)).message).toBe(`DaemonSet.apps "agent" is invalid: ${details}`);
  });

  it('refuses a changed selector', () => {
    create(daemonSetManifest('agent'));
    const status = expectStatus(
      client.patch(DAEMON_SETS, 'kube-system', 'agent', 'merge', { spec: { selector: { matchLabels: { app: 'agent', v: '2' } }, template: { metadata: { labels: { v: '2' } } } } }),
    );
    expect(status.message).toBe(
      'DaemonSet.apps "agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"agent", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('refuses a template generation annotation that is not a number, as decoding does', () => {
    const manifest = daemonSetManifest('agent');
    manifest.metadata.annotations = { 'deprecated.daemonset.template.generation': 'two' };
    expect(expectStatus(client.create(DAEMON_SETS, 'kube-system', manifest))).toMatchObject({
      code: 400,
      message: 'DaemonSet in version "v1" cannot be handled as a DaemonSet: strconv.ParseInt: parsing "two": invalid syntax',
    });
  });
});

describe('DaemonSet updates', () => {
  it('moves the template generation on with a template change, and keeps clients from setting it', () => {
    create(daemonSetManifest('agent'));
    const image = expectOk(client.patch<DaemonSet>(DAEMON_SETS, 'kube-system', 'agent', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }));
    expect(image.metadata.generation).toBe(2);
    expect(image.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    const strategy = expectOk(client.patch<DaemonSet>(DAEMON_SETS, 'kube-system', 'agent', 'merge', { spec: { minReadySeconds: 5 } }));
    expect(strategy.metadata.generation).toBe(3);
    expect(strategy.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    const forged = expectOk(client.patch<DaemonSet>(DAEMON_SETS, 'kube-system', 'agent', 'merge', { metadata: { annotations: { 'deprecated.daemonset.template.generation': '9' } } }));
    expect(forged.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });
});

describe('DaemonSet storage and printing', () => {
  it('is stored at /registry/daemonsets/<namespace>/<name> and discovered as ds, without scale', () => {
    create(daemonSetManifest('agent'));
    expect(cluster.store.range('/registry/daemonsets/kube-system/agent').kvs).toHaveLength(1);
    expect(client.discovery().find((r) => r.name === 'daemonsets')).toMatchObject({ shortNames: ['ds'], categories: ['all'], subresources: ['status'] });
  });

  it('prints NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, and CONTAINERS IMAGES SELECTOR wide', () => {
    const manifest = daemonSetManifest('agent');
    manifest.spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux', disk: 'ssd' };
    const created = create(manifest);
    expectOk(
      client.updateStatus(DAEMON_SETS, 'kube-system', {
        ...created,
        status: { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 },
      }),
    );
    const table = expectOk(client.listTable(DAEMON_SETS, 'kube-system'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Desired:0',
      'Current:0',
      'Ready:0',
      'Up-to-date:0',
      'Available:0',
      'Node Selector:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
    expect(table.rows[0]!.cells).toEqual(['agent', 3, 2, 1, 2, 1, 'disk=ssd,kubernetes.io/os=linux', '0s', 'nginx', 'nginx:1.25', 'app=agent']);
    create(daemonSetManifest('other'));
    expect(expectOk(client.getTable(DAEMON_SETS, 'kube-system', 'other')).rows[0]!.cells[6]).toBe('<none>');
  });
});
