import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/shared/api/apps.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { DEPLOYMENTS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { defaultedTemplate, deploymentManifest, template } from '../../helpers/workloads.js';

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

function create(manifest: Deployment): Deployment {
  return expectOk(client.create<Deployment>(DEPLOYMENTS, 'default', manifest));
}

function invalidMessage(manifest: Deployment): string | undefined {
  return expectStatus(client.create(DEPLOYMENTS, 'default', manifest)).message;
}

describe('Deployment defaulting (SetDefaults_Deployment)', () => {
  it('fills a minimal manifest exactly as kube-apiserver 1.32 stores it', () => {
    const created = create(deploymentManifest('web'));
    // The creator's managedFields entry is covered by the server-side apply tests.
    delete created.metadata.managedFields;
    expect(created).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: created.metadata.uid,
        resourceVersion: created.metadata.resourceVersion,
        generation: 1,
        creationTimestamp: '2025-01-01T00:00:00Z',
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: defaultedTemplate('web'),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    });
  });

  it('gives the Pod template no service account, token volume, tolerations or priority (those are Pod admission)', () => {
    const spec = create(deploymentManifest('web')).spec.template.spec;
    expect(spec.serviceAccountName).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.priority).toBeUndefined();
    expect(spec.enableServiceLinks).toBeUndefined();
  });

  it('keeps what the manifest sets; Recreate gets no rollingUpdate; one rolling bound is filled in', () => {
    const recreate = create(deploymentManifest('a', { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2 })).spec;
    expect(recreate).toMatchObject({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2, progressDeadlineSeconds: 600 });
    const surge = create(deploymentManifest('b', { strategy: { rollingUpdate: { maxSurge: 1 } } })).spec.strategy;
    expect(surge).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  });

  it('pulls :latest and untagged images Always', () => {
    const spec = create(deploymentManifest('web', { template: template('web', 'nginx') })).spec.template.spec;
    expect(spec.containers[0]!.imagePullPolicy).toBe('Always');
  });
});

describe('Deployment validation', () => {
  const mismatch = '`selector` does not match template `labels`';
  it.each<[string, Partial<Deployment['spec']>, string]>([
    [
      'a missing selector is required, and then matches no template labels',
      { selector: undefined },
      `[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${mismatch}]`,
    ],
    ['a selector that misses the template labels', { selector: { matchLabels: { app: 'api' } } }, `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${mismatch}`],
    [
      'an empty selector',
      { selector: {} },
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ],
    [
      'an unknown selector operator',
      { selector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] } },
      '[spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Is", Values:[]string{"web"}}}}: invalid label selector]',
    ],
    ['negative replicas', { replicas: -1 }, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [
      'a container without an image',
      { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx' }] } } },
      'spec.template.spec.containers[0].image: Required value',
    ],
    [
      'a restartPolicy other than Always',
      { template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'nginx', image: 'nginx' }] } } },
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'an activeDeadlineSeconds (with the ReplicaSet wording the code shares)',
      { template: { metadata: { labels: { app: 'web' } }, spec: { activeDeadlineSeconds: 5, containers: [{ name: 'nginx', image: 'nginx' }] } } },
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ],
    [
      'an invalid template label, reported under spec.template.labels',
      { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', 'bad key': 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      `spec.template.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    [
      'Recreate with a rollingUpdate left over',
      { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
    [
      'an unknown strategy type',
      { strategy: { type: 'BlueGreen' } },
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ],
    [
      'maxUnavailable and maxSurge both 0',
      { strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } },
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ],
    [
      'maxUnavailable over 100%',
      { strategy: { rollingUpdate: { maxUnavailable: '150%' } } },
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ],
    [
      'a maxSurge that is neither a number nor a percent',
      { strategy: { rollingUpdate: { maxSurge: 'lots' } } },
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"lots\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ],
    ['a negative revisionHistoryLimit', { revisionHistoryLimit: -1 }, 'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
    [
      'a progress deadline not above minReadySeconds',
      { minReadySeconds: 30, progressDeadlineSeconds: 30 },
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ],
  ])('refuses %s', (_name, spec, details) => {
    const manifest = deploymentManifest('web', spec);
    if ('selector' in spec && spec.selector === undefined) delete manifest.spec.selector;
    expect(invalidMessage(manifest)).toBe(`Deployment.apps "web" is invalid: ${details}`);
  });

  it('reports the kind and group in the Status details, one cause per error', () => {
    const manifest = deploymentManifest('web');
    delete manifest.spec.selector;
    const status = expectStatus(client.create(DEPLOYMENTS, 'default', manifest));
    expect(status).toMatchObject({ code: 422, reason: 'Invalid', details: { name: 'web', group: 'apps', kind: 'Deployment' } });
    expect(status.details?.causes?.map((c) => c.field)).toEqual(['spec.selector', 'spec.template.metadata.labels']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a string replicas', { replicas: '3' }, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a fractional replicas', { replicas: 1.5 }, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a string paused', { paused: 'yes' }, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool'],
  ])('refuses %s while decoding, with a 400', (_name, spec, error) => {
    const manifest = { ...deploymentManifest('web'), spec: { ...deploymentManifest('web').spec, ...spec } };
    expect(expectStatus(client.create(DEPLOYMENTS, 'default', manifest))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: `Deployment in version "v1" cannot be handled as a Deployment: ${error}`,
    });
  });

  it('checks the name as a DNS subdomain', () => {
    expect(invalidMessage(deploymentManifest('Web_1'))).toContain(`Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain`);
  });
});

describe('Deployment updates', () => {
  it('refuses a new selector: it is immutable in apps/v1', () => {
    const created = create(deploymentManifest('web'));
    const changed = structuredClone(created);
    changed.spec.selector = { matchLabels: { app: 'web', tier: 'front' } };
    changed.spec.template.metadata.labels = { app: 'web', tier: 'front' };
    expect(expectStatus(client.update(DEPLOYMENTS, 'default', changed)).message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('bumps metadata.generation on spec and annotation changes, not on labels or status', () => {
    const created = create(deploymentManifest('web'));
    const scaled = expectOk(client.patch<Deployment>(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 4 } }));
    expect(scaled.metadata.generation).toBe(2);
    const labelled = expectOk(client.patch<Deployment>(DEPLOYMENTS, 'default', 'web', 'merge', { metadata: { labels: { team: 'a' } } }));
    expect(labelled.metadata.generation).toBe(2);
    // Deployments copy their annotations onto ReplicaSets, so an annotation is desired state too.
    const annotated = expectOk(client.patch<Deployment>(DEPLOYMENTS, 'default', 'web', 'merge', { metadata: { annotations: { note: 'x' } } }));
    expect(annotated.metadata.generation).toBe(3);
    const status = expectOk(client.updateStatus<Deployment>(DEPLOYMENTS, 'default', { ...annotated, status: { observedGeneration: 3, replicas: 4 } }));
    expect(status.metadata.generation).toBe(3);
    expect(status.status).toEqual({ observedGeneration: 3, replicas: 4 });
    expect(created.metadata.generation).toBe(1);
  });

  it('re-applies defaults on update: a patch that drops a defaulted field puts the default back', () => {
    create(deploymentManifest('web', { replicas: 3 }));
    const revision = cluster.revision();
    const same = expectOk(client.patch<Deployment>(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { revisionHistoryLimit: null } }));
    expect(same.spec.revisionHistoryLimit).toBe(10);
    expect(same.metadata.generation).toBe(1);
    expect(cluster.revision()).toBe(revision);
  });

  it('keeps the stored status on the main endpoint and validates the status subresource', () => {
    const created = create(deploymentManifest('web'));
    const updated = expectOk(client.update<Deployment>(DEPLOYMENTS, 'default', { ...created, status: { replicas: 9 } }));
    expect(updated.status).toEqual({});
    expect(expectStatus(client.updateStatus(DEPLOYMENTS, 'default', { ...updated, status: { replicas: 1, readyReplicas: 2 } })).message).toBe(
      'Deployment.apps "web" is invalid: status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    );
  });
});

describe('Deployment storage, discovery and printing', () => {
  it('is stored at /registry/deployments/<namespace>/<name>', () => {
    create(deploymentManifest('web'));
    expect(cluster.store.range('/registry/deployments/default/web').kvs).toHaveLength(1);
  });

  it('is discovered as deployments.apps/v1 with short name deploy, in category all, with scale and status', () => {
    expect(client.discovery().find((r) => r.name === 'deployments')).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      name: 'deployments',
      singularName: 'deployment',
      namespaced: true,
      shortNames: ['deploy'],
      categories: ['all'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: ['scale', 'status'],
      subresourceDetails: [
        { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
        { name: 'status', group: 'apps', version: 'v1', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
      ],
    });
  });

  it('prints NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR wide', () => {
    const created = create(deploymentManifest('web', { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db', 'cache'] }] } }));
    cluster.clock.advance(90_000);
    const table = expectOk(client.listTable(DEPLOYMENTS, 'default'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Ready:string:0',
      'Up-to-date:string:0',
      'Available:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
    expect(table.rows[0]!.cells).toEqual(['web', '0/3', 0, 0, '90s', 'nginx', 'nginx:1.25', 'app=web,tier notin (cache,db)']);
    expectOk(client.updateStatus(DEPLOYMENTS, 'default', { ...created, status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 } }));
    expect(expectOk(client.getTable(DEPLOYMENTS, 'default', 'web')).rows[0]!.cells.slice(0, 4)).toEqual(['web', '2/3', 3, 2]);
  });
});
