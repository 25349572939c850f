import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CronJob } from '../../../../src/shared/api/batch.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CRON_JOBS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { cronJobManifest } from '../../helpers/workloads.js';

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

function create(manifest: CronJob): CronJob {
  return expectOk(client.create<CronJob>(CRON_JOBS, 'default', manifest));
}

function invalidMessage(manifest: CronJob): string | undefined {
  return expectStatus(client.create(CRON_JOBS, 'default', manifest)).message;
}

describe('CronJob defaulting (SetDefaults_CronJob)', () => {
  it('fills a minimal manifest as kube-apiserver 1.32 stores it — without Job defaults in the jobTemplate', () => {
    const created = create(cronJobManifest('hello'));
    expect(created.spec).toEqual({
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              containers: [
                {
                  name: 'hello',
                  image: 'busybox:1.36',
                  command: ['date'],
                  imagePullPolicy: 'IfNotPresent',
                  resources: {},
                  terminationMessagePath: '/dev/termination-log',
                  terminationMessagePolicy: 'File',
                },
              ],
              dnsPolicy: 'ClusterFirst',
              restartPolicy: 'OnFailure',
              schedulerName: 'default-scheduler',
              securityContext: {},
              terminationGracePeriodSeconds: 30,
            },
          },
        },
      },
    });
    expect(created.status).toEqual({});
    expect(created.metadata.generation).toBe(1);
  });
});

describe('CronJob schedule validation (robfig/cron ParseStandard)', () => {
  it.each<[string, string]>([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['0 0 1 foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
  ])('refuses %s', (schedule, why) => {
    expect(invalidMessage(cronJobManifest('hello', schedule))).toBe(`CronJob.batch "hello" is invalid: spec.schedule: Invalid value: ${JSON.stringify(schedule)}: ${why}`);
  });

  it.each(['*/5 * * * *', '0 9-17 * * mon-fri', '30 2 1,15 jan,jul ?', '@hourly', '@daily', '@every 90m', '0 0 29 2 *'])('accepts %s', (schedule) => {
    expect(create(cronJobManifest('hello', schedule)).spec.schedule).toBe(schedule);
  });

  it('sends time zones to the timeZone field', () => {
    expect(invalidMessage(cronJobManifest('hello', 'CRON_TZ=UTC 0 * * * *'))).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(invalidMessage(cronJobManifest('hello', 'TZ=Mars/Olympus 0 * * * *'))).toBe(
      'CronJob.batch "hello" is invalid: [spec.schedule: Invalid value: "TZ=Mars/Olympus 0 * * * *": provided bad location Mars/Olympus: unknown time zone Mars/Olympus, spec.schedule: Invalid value: "TZ=Mars/Olympus 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead]',
    );
  });

  it('refuses a schedule that is not a string while decoding, as a 400', () => {
    const manifest = { ...cronJobManifest('hello'), spec: { ...cronJobManifest('hello').spec, schedule: 5 } };
    expect(expectStatus(client.create(CRON_JOBS, 'default', manifest))).toMatchObject({
      code: 400,
      message: 'CronJob in version "v1" cannot be handled as a CronJob: json: cannot unmarshal number into Go struct field CronJobSpec.spec.schedule of type string',
    });
  });

  it('requires a schedule', () => {
    expect(invalidMessage(cronJobManifest('hello', ''))).toBe('CronJob.batch "hello" is invalid: spec.schedule: Required value');
  });
});

describe('CronJob validation', () => {
  it.each<[string, Partial<CronJob['spec']>, string]>([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ['an empty time zone', { timeZone: '' }, 'spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string'],
    ['Local', { timeZone: 'Local' }, 'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['an unknown concurrencyPolicy', { concurrencyPolicy: 'Queue' }, 'spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"'],
    ['a negative history limit', { failedJobsHistoryLimit: -1 }, 'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
  ])('refuses %s', (_name, spec, details) => {
    expect(invalidMessage(cronJobManifest('hello', '*/5 * * * *', spec))).toBe(`CronJob.batch "hello" is invalid: ${details}`);
  });

  it('accepts a real time zone', () => {
    expect(create(cronJobManifest('hello', '0 9 * * *', { timeZone: 'Asia/Taipei' })).spec.timeZone).toBe('Asia/Taipei');
  });

  it('applies the Job rules to the jobTemplate', () => {
    const manifest = cronJobManifest('hello');
    manifest.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always';
    manifest.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } };
    expect(invalidMessage(manifest)).toBe(
      'CronJob.batch "hello" is invalid: [spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never", spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated]',
    );
  });

  it('keeps names to 52 characters, leaving room for the Jobs’ timestamp suffix', () => {
    const name = 'a'.repeat(53);
    expect(invalidMessage(cronJobManifest(name))).toBe(`CronJob.batch "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`);
  });

  it('bumps the generation on spec changes', () => {
    create(cronJobManifest('hello'));
    expect(expectOk(client.patch<CronJob>(CRON_JOBS, 'default', 'hello', 'merge', { spec: { suspend: true } })).metadata.generation).toBe(2);
  });
});

describe('CronJob storage and printing', () => {
  it('is stored at /registry/cronjobs/<namespace>/<name> and discovered as cj', () => {
    create(cronJobManifest('hello'));
    expect(cluster.store.range('/registry/cronjobs/default/hello').kvs).toHaveLength(1);
    expect(client.discovery().find((r) => r.name === 'cronjobs')).toMatchObject({ group: 'batch', shortNames: ['cj'], categories: ['all'], subresources: ['status'] });
  });

  it('prints NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, and CONTAINERS IMAGES SELECTOR wide', () => {
    const created = create(cronJobManifest('hello'));
    const table = expectOk(client.listTable(CRON_JOBS, 'default'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Schedule:string:0',
      'Timezone:string:0',
      'Suspend:boolean:0',
      'Active:integer:0',
      'Last Schedule:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
    expect(table.rows[0]!.cells).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 0, '<none>', '0s', 'hello', 'busybox:1.36', '<none>']);
    expectOk(
      client.updateStatus(CRON_JOBS, 'default', {
        ...created,
        status: { active: [{ kind: 'Job', name: 'hello-28954320', namespace: 'default' }], lastScheduleTime: '2025-01-01T00:00:00Z' },
      }),
    );
    cluster.clock.advance(45_000);
    expect(expectOk(client.getTable(CRON_JOBS, 'default', 'hello')).rows[0]!.cells.slice(3, 7)).toEqual(['False', 1, '45s', '45s']);
  });
});
