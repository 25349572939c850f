/**
 * In the whole lab (kube-controller-manager with --use-service-account-credentials, RBAC, the
 * scheduler and kubelets): the DaemonSet and StatefulSet controllers write as
 * daemon-set-controller and statefulset-controller and bring their Pods up on the workers.
 */
import { afterEach, expect, it } from 'vitest';
import type { DaemonSet, StatefulSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import { DAEMON_SETS, EVENTS, PODS, STATEFUL_SETS } from '../../../../src/main/cluster/client/resources.js';
import { Lab } from '../../../../src/main/lab/lab.js';
import { expectOk } from '../../helpers/cluster.js';
import { daemonSetManifest, statefulSetManifest } from '../../helpers/workloads.js';

let lab: Lab | undefined;
afterEach(() => lab?.dispose());

it('runs a DaemonSet on both workers (not the tainted control plane) and a StatefulSet in order', () => {
  lab = new Lab({ seed: 1, virtualClock: true });
  const kubectl = lab.client('kubectl');
  expectOk(kubectl.create(DAEMON_SETS, 'default', daemonSetManifest('agent')));
  expectOk(kubectl.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 2 })));
  lab.settle();
  lab.clock.advance(120_000);
  lab.settle();
  const pods = expectOk(kubectl.list<Pod>(PODS, 'default')).items;
  const agents = pods.filter((p) => p.metadata.name!.startsWith('agent-'));
  expect(agents.map((p) => p.spec.nodeName).sort()).toEqual(['node01', 'node02']);
  expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
  expect(expectOk(kubectl.get<DaemonSet>(DAEMON_SETS, 'default', 'agent')).status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 });
  expect(expectOk(kubectl.get<StatefulSet>(STATEFUL_SETS, 'default', 'web')).status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  const sources = expectOk(kubectl.list<CoreEvent>(EVENTS, 'default'))
    .items.filter((e) => e.reason === 'SuccessfulCreate')
    .map((e) => e.source?.component);
  expect(new Set(sources)).toEqual(new Set(['daemonset-controller', 'statefulset-controller']));
}, 60_000);
