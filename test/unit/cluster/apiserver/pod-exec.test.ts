/**
 * `pods/exec`: kube-apiserver 1.32's streamLocation checks (which container, is the Pod on a
 * node) with its wording, the kubelet's remotecommand handshake refusals, and how the exec
 * source's answers come back (the process's output, the kubelet's `container not found`, runc's
 * start error on the stream).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { podResource } from '../../../../src/main/cluster/apiserver/registry/pod.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type ContainerExecSource, type ExecStreamResult, podExecHandler } from '../../../../src/main/cluster/apiserver/registry/pod-exec.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiResult } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
const calls: Array<{ container: string; command: string[]; stdin?: string; tty?: boolean }> = [];

/** `echo` runs; `nosuch` is not in the image; container `stopped` is not running. */
const source: ContainerExecSource = {
  exec(_pod, container, command, options) {
    calls.push({ container, command, ...options });
    if (container === 'stopped') return { ok: false, stage: 'upgrade', message: `container not found ("${container}")` };
    if (command[0] === 'nosuch') return { ok: false, stage: 'stream', message: 'Internal error occurred: error executing command in container: failed' };
    return { ok: true, result: { stdout: `${command.slice(1).join(' ')}\n`, stderr: '', exitCode: 0, elapsedMs: 0 } };
  },
};

function setup(withSource: boolean): void {
  const handler = podExecHandler(withSource ? source : undefined);
  const withExec = { ...podResource, subresourceHandlers: { ...podResource.subresourceHandlers, exec: handler } };
  cluster = makeCluster({ resources: builtinResources.map((r) => (r === podResource ? withExec : r)) });
}

beforeEach(() => {
  calls.length = 0;
  setup(true);
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function pod(name: string, containers: string[], extra: Partial<Pod['spec']> = { nodeName: 'node01' }): void {
  expectOk(
    cluster.client('test').create<Pod>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { ...extra, containers: containers.map((c) => ({ name: c, image: 'busybox' })) },
    }),
  );
}

function exec(name: string, body: Record<string, unknown>, verb: 'create' | 'get' = 'create'): ApiResult<ExecStreamResult> {
  return cluster.client('kubectl').request<ExecStreamResult>({ verb, group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name, body });
}

describe('pods/exec', () => {
  it('runs the command in the only container and returns what it wrote', () => {
    pod('web', ['nginx']);
    expect(expectOk(exec('web', { command: ['echo', 'hi'], stdin: 'in', tty: true }))).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0, elapsedMs: 0 });
    expect(calls).toEqual([{ container: 'nginx', command: ['echo', 'hi'], stdin: 'in', tty: true, interactive: false }]);
  });

  it('several containers and none named: a 400 listing them, init containers separately (getContainerNames)', () => {
    expectOk(
      cluster.client('test').create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: { nodeName: 'node01', initContainers: [{ name: 'setup', image: 'busybox' }], containers: [{ name: 'nginx', image: 'nginx' }, { name: 'sidecar', image: 'busybox' }] },
      }),
    );
    expect(expectStatus(exec('web', { command: ['ls'] }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'a container name must be specified for pod web, choose one of: [nginx sidecar] or one of the init containers: [setup]',
    });
    expect(expectStatus(exec('web', { command: ['ls'], container: 'nope' }))).toMatchObject({ code: 400, message: 'container nope is not valid for pod web' });
    expect(expectOk(exec('web', { command: ['echo', 'ok'], container: 'setup' })).stdout).toBe('ok\n');
  });

  it('a Pod not yet scheduled: `pod web does not have a host assigned`', () => {
    pod('web', ['nginx'], {});
    expect(expectStatus(exec('web', { command: ['ls'] }))).toMatchObject({ code: 400, reason: 'BadRequest', message: 'pod web does not have a host assigned' });
    expect(calls).toEqual([]);
  });

  it('the kubelet\'s refusals come back as kubectl prints them after `error: `', () => {
    pod('web', ['stopped']);
    expect(expectStatus(exec('web', { command: ['ls'] }))).toMatchObject({ code: 500, message: 'unable to upgrade connection: container not found ("stopped")' });
    pod('box', ['app']);
    const status = expectStatus(exec('box', { command: ['nosuch'] }));
    expect(status).toMatchObject({ code: 500, reason: 'InternalError', message: 'Internal error occurred: error executing command in container: failed' });
    expect(expectStatus(exec('box', { command: [] })).message).toBe('unable to upgrade connection: you must specify at least 1 command');
    expect(expectStatus(exec('box', { command: ['ls'], stdout: false, stderr: false })).message).toBe('unable to upgrade connection: you must specify at least 1 of stdin, stdout, stderr');
  });

  it('a missing Pod is a 404; only `create` is served', () => {
    expect(expectStatus(exec('ghost', { command: ['ls'] }))).toMatchObject({ code: 404, message: 'pods "ghost" not found' });
    pod('web', ['nginx']);
    expect(expectStatus(exec('web', { command: ['ls'] }, 'get')).code).toBe(405);
  });

  it('without an exec source no kubelet answers', () => {
    cluster.dispose();
    setup(false);
    pod('web', ['nginx']);
    expect(expectStatus(exec('web', { command: ['ls'] }))).toMatchObject({ code: 500, message: 'unable to upgrade connection: container not found ("nginx")' });
  });
});
