/** Golden scenarios for the kubelet's container behaviour: Pods in, the virtual clock, Pods and Events out. */
import { afterEach, beforeEach, it } from 'vitest';
import { EVENTS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

let cluster: TestCluster;

beforeEach(() => {
  // The scenarios' Pods live in `lab`, so their Events are listed apart from the Node's.
  cluster = makeCluster({ namespaces: ['default', 'kube-node-lease', 'kube-system', 'lab'] });
  startIpam(cluster);
  startKubelet(cluster, 'node01');
});

afterEach(() => cluster.dispose());

const show = [{ resource: PODS, namespace: 'lab' }, { resource: EVENTS, namespace: 'lab' }];

it('CrashLoopBackOff: Completed, restarted at once, then back-off 10s, 20s, 40s (scenario kubelet/crash-loop-backoff)', () => {
  const out = runScenario(cluster, 'test/scenarios/kubelet/crash-loop-backoff.yaml', { steps: [{ advance: '50s' }], show });
  expectGolden('test/scenarios/kubelet/crash-loop-backoff.out.yaml', out);
});

it('restartPolicy Never: init container, then a failing container leaves the Pod Failed (scenario kubelet/job-never)', () => {
  const out = runScenario(cluster, 'test/scenarios/kubelet/job-never.yaml', { steps: [{ advance: '20s' }], show });
  expectGolden('test/scenarios/kubelet/job-never.out.yaml', out);
});

it('readiness probes gate Ready and ContainersReady (scenario kubelet/readiness)', () => {
  const out = runScenario(cluster, 'test/scenarios/kubelet/readiness.yaml', { steps: [{ advance: '20s' }], show });
  expectGolden('test/scenarios/kubelet/readiness.out.yaml', out);
});
