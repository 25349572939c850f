import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/shared/api/batch.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { jobDisplayStatus } from '../../../../src/main/cluster/apiserver/registry/job.js';
import { JOBS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { jobManifest } from '../../helpers/workloads.js';

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

function create(manifest: Job): Job {
  return expectOk(client.create<Job>(JOBS, 'default', manifest));
}

function invalidMessage(manifest: Job): string | undefined {
  return expectStatus(client.create(JOBS, 'default', manifest)).message;
}

describe('Job defaulting (SetDefaults_Job) and the generated selector', () => {
  it('fills a minimal manifest as kube-apiserver 1.32 stores it', () => {
    const created = create(jobManifest('pi'));
    // The creator's managedFields entry is covered by the server-side apply tests.
    delete created.metadata.managedFields;
    const uid = created.metadata.uid!;
    const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(created).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'pi',
        namespace: 'default',
        uid,
        resourceVersion: created.metadata.resourceVersion,
        generation: 1,
        creationTimestamp: '2025-01-01T00:00:00Z',
        // The Job takes its template's labels — the generated ones included.
        labels: generated,
      },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: {
          metadata: { creationTimestamp: null, labels: generated },
          spec: {
            containers: [
              {
                name: 'pi',
                image: 'perl:5.34.0',
                command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
                imagePullPolicy: 'IfNotPresent',
                resources: {},
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
              },
            ],
            dnsPolicy: 'ClusterFirst',
            restartPolicy: 'Never',
            schedulerName: 'default-scheduler',
            securityContext: {},
            terminationGracePeriodSeconds: 30,
          },
        },
      },
      status: {},
    });
  });

  it('copies template labels onto a Job without labels, and leaves a labelled Job alone', () => {
    const withTemplateLabels = jobManifest('a');
    withTemplateLabels.spec.template.metadata.labels = { app: 'batch' };
    const a = create(withTemplateLabels);
    expect(a.metadata.labels).toMatchObject({ app: 'batch', 'job-name': 'a' });
    expect(a.metadata.labels).toEqual(a.spec.template.metadata.labels);
    const labelled = jobManifest('b');
    labelled.metadata.labels = { owner: 'me' };
    expect(create(labelled).metadata.labels).toEqual({ owner: 'me' });
  });

  it('re-copies template labels onto a Job whose labels an update cleared', () => {
    create(jobManifest('pi'));
    const updated = expectOk(client.patch<Job>(JOBS, 'default', 'pi', 'merge', { metadata: { labels: null } }));
    expect(updated.metadata.labels).toEqual(updated.spec.template.metadata.labels);
    expect(updated.metadata.labels).not.toBe(updated.spec.template.metadata.labels);
  });

  it('defaults only parallelism when completions is set, and neither when parallelism alone is (a work queue)', () => {
    expect(create(jobManifest('a', { completions: 5 })).spec).toMatchObject({ completions: 5, parallelism: 1 });
    const queue = create(jobManifest('b', { parallelism: 3 })).spec;
    expect(queue.parallelism).toBe(3);
    expect(queue.completions).toBeUndefined();
  });

  it('uses podReplacementPolicy Failed with a podFailurePolicy, and defaults its condition status to True', () => {
    const spec = create(jobManifest('a', { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } })).spec;
    expect(spec.podReplacementPolicy).toBe('Failed');
    expect(spec.podFailurePolicy?.rules?.[0]?.onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }]);
  });

  it('generates nothing for a manual selector', () => {
    const manifest = jobManifest('m', { manualSelector: true, selector: { matchLabels: { app: 'm' } } });
    manifest.spec.template.metadata.labels = { app: 'm' };
    const created = create(manifest);
    expect(created.spec.selector).toEqual({ matchLabels: { app: 'm' } });
    expect(created.spec.template.metadata.labels).toEqual({ app: 'm' });
  });
});

describe('Job validation', () => {
  it.each<[string, Job, string]>([
    ['an unset restartPolicy (defaulted to Always)', jobManifest('pi', {}, ''), 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['restartPolicy Always', jobManifest('pi', {}, 'Always'), 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['negative completions', jobManifest('pi', { completions: -1 }), 'spec.completions: Invalid value: -1: must be greater than or equal to 0'],
    ['a negative backoffLimit', jobManifest('pi', { backoffLimit: -1 }), 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    ['an unknown completionMode', jobManifest('pi', { completionMode: 'Sometimes' }), 'spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ['an Indexed Job without completions', jobManifest('pi', { completionMode: 'Indexed', parallelism: 2 }), 'spec.completions: Required value: when completion mode is Indexed'],
    [
      'an unknown podReplacementPolicy',
      jobManifest('pi', { podReplacementPolicy: 'Never' }),
      'spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"',
    ],
    [
      'a manual selector left out (which then matches no template labels)',
      jobManifest('pi', { manualSelector: true }),
      '[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`]',
    ],
  ])('refuses %s', (_name, manifest, details) => {
    if (manifest.spec.template.spec.restartPolicy === '') delete manifest.spec.template.spec.restartPolicy;
    expect(invalidMessage(manifest)).toBe(`Job.batch "pi" is invalid: ${details}`);
  });

  it('refuses a selector of its own unless manualSelector says so', () => {
    const manifest = jobManifest('pi', { selector: { matchLabels: { app: 'pi' } } });
    manifest.spec.template.metadata.labels = { app: 'pi' };
    const status = expectStatus(client.create(JOBS, 'default', manifest));
    expect(status.details?.causes?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      expect.stringMatching(/^spec\.selector: Invalid value: v1\.LabelSelector\{MatchLabels:map\[string\]string\{"app":"pi", "batch\.kubernetes\.io\/controller-uid":"[0-9a-f-]+"\}, MatchExpressions:\[\]v1\.LabelSelectorRequirement\(nil\)\}: `selector` not auto-generated$/),
    ]);
  });

  it('refuses a generated label the template sets to something else', () => {
    const manifest = jobManifest('pi');
    manifest.spec.template.metadata.labels = { 'job-name': 'other' };
    expect(expectStatus(client.create(JOBS, 'default', manifest)).details?.causes?.[0]).toEqual({
      reason: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels[job-name]',
      message: expect.stringMatching(/^Invalid value: map\[string\]string\{.*"job-name":"other"\}: must be 'pi'$/),
    });
  });
});

describe('Job updates', () => {
  it('refuses a changed template: spec.template is immutable', () => {
    const created = create(jobManifest('pi'));
    const changed = structuredClone(created);
    changed.spec.template.spec.containers[0]!.image = 'perl:5.36';
    const status = expectStatus(client.update(JOBS, 'default', changed));
    expect(status.details?.causes?.map((c) => c.field)).toEqual(['spec.template']);
    expect(status.message).toMatch(/^Job.batch "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{ObjectMeta:v1\.ObjectMeta\{Name:"", .*Image:"perl:5\.36".*\}: field is immutable$/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['completions', { completions: 3 }, 'spec.completions: Invalid value: 3: field is immutable'],
    ['completionMode', { completionMode: 'Indexed' }, 'spec.completionMode: Invalid value: "Indexed": field is immutable'],
  ])('refuses a changed %s', (_field, spec, details) => {
    create(jobManifest('pi'));
    expect(expectStatus(client.patch(JOBS, 'default', 'pi', 'merge', { spec })).details?.causes?.map((c) => `${c.field}: ${c.message}`)).toContain(details);
  });

  it('lets an Indexed Job change completions in step with parallelism (elastic Jobs)', () => {
    create(jobManifest('idx', { completionMode: 'Indexed', completions: 2, parallelism: 2 }));
    expect(expectOk(client.patch<Job>(JOBS, 'default', 'idx', 'merge', { spec: { completions: 4, parallelism: 4 } })).spec.completions).toBe(4);
    expect(expectStatus(client.patch(JOBS, 'default', 'idx', 'merge', { spec: { completions: 5 } })).message).toBe(
      'Job.batch "idx" is invalid: spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism',
    );
  });

  it('lets a suspended Job that never ran change its scheduling directives, and bumps the generation', () => {
    create(jobManifest('pi', { suspend: true }));
    const moved = expectOk(
      client.patch<Job>(JOBS, 'default', 'pi', 'strategic', { spec: { suspend: false, template: { spec: { nodeSelector: { disk: 'ssd' } }, metadata: { labels: { queue: 'a' } } } } }),
    );
    expect(moved.spec.template.spec.nodeSelector).toEqual({ disk: 'ssd' });
    expect(moved.metadata.generation).toBe(2);
    expect(expectStatus(client.patch(JOBS, 'default', 'pi', 'strategic', { spec: { template: { spec: { nodeSelector: { disk: 'hdd' } } } } })).details?.causes?.[0]?.field).toBe(
      'spec.template',
    );
  });

  it('does not bump the generation for a status update', () => {
    const created = create(jobManifest('pi'));
    const updated = expectOk(client.updateStatus<Job>(JOBS, 'default', { ...created, status: { active: 1, startTime: '2025-01-01T00:00:01Z' } }));
    expect(updated.metadata.generation).toBe(1);
    expect(expectStatus(client.updateStatus(JOBS, 'default', { ...updated, status: { succeeded: -1 } })).message).toBe(
      'Job.batch "pi" is invalid: status.succeeded: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});

describe('Job field selector, storage and printing', () => {
  it('selects by status.successful', () => {
    const done = create(jobManifest('done'));
    create(jobManifest('running'));
    expectOk(client.updateStatus(JOBS, 'default', { ...done, status: { succeeded: 1 } }));
    expect(expectOk(client.list(JOBS, 'default', { fieldSelector: 'status.successful=1' })).items.map((i) => i.metadata.name)).toEqual(['done']);
    expect(expectOk(client.list(JOBS, 'default', { fieldSelector: 'status.successful=0' })).items.map((i) => i.metadata.name)).toEqual(['running']);
  });

  it('is stored at /registry/jobs/<namespace>/<name>, with no short name, in category all', () => {
    create(jobManifest('pi'));
    expect(cluster.store.range('/registry/jobs/default/pi').kvs).toHaveLength(1);
    expect(client.discovery().find((r) => r.name === 'jobs')).toMatchObject({ group: 'batch', shortNames: [], categories: ['all'], subresources: ['status'] });
  });

  it('prints NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS IMAGES SELECTOR wide', () => {
    const created = create(jobManifest('pi'));
    const table = expectOk(client.listTable(JOBS, 'default'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Completions:0',
      'Duration:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
    expect(table.rows[0]!.cells).toEqual(['pi', 'Running', '0/1', '', '0s', 'pi', 'perl:5.34.0', `batch.kubernetes.io/controller-uid=${created.metadata.uid}`]);
    const started = expectOk(client.updateStatus<Job>(JOBS, 'default', { ...created, status: { startTime: '2025-01-01T00:00:02Z', active: 1 } }));
    cluster.clock.advance(12_000);
    expect(expectOk(client.getTable(JOBS, 'default', 'pi')).rows[0]!.cells.slice(1, 5)).toEqual(['Running', '0/1', '10s', '12s']);
    expectOk(
      client.updateStatus(JOBS, 'default', {
        ...started,
        status: { startTime: '2025-01-01T00:00:02Z', completionTime: '2025-01-01T00:00:09Z', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      }),
    );
    expect(expectOk(client.getTable(JOBS, 'default', 'pi')).rows[0]!.cells.slice(1, 4)).toEqual(['Complete', '1/1', '7s']);
  });

  it('prints COMPLETIONS as n/1 of p for a work queue', () => {
    create(jobManifest('queue', { parallelism: 3 }));
    expect(expectOk(client.getTable(JOBS, 'default', 'queue')).rows[0]!.cells[2]).toBe('0/1 of 3');
  });

  it.each<[string, Partial<Job>]>([
    ['Complete', { status: { conditions: [{ type: 'Complete', status: 'True' }] } }],
    ['Failed', { status: { conditions: [{ type: 'Failed', status: 'True' }] } }],
    ['Terminating', { metadata: { name: 'x', deletionTimestamp: '2025-01-01T00:00:00Z' } }],
    ['Suspended', { status: { conditions: [{ type: 'Suspended', status: 'True' }] } }],
    ['FailureTarget', { status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }],
    ['Running', { status: { conditions: [{ type: 'Suspended', status: 'False' }] } }],
  ])('shows STATUS %s', (expected, extra) => {
    expect(jobDisplayStatus({ ...jobManifest('x'), ...extra })).toBe(expected);
  });
});
