/**
 * ReplicationControllers end to end: the registry's defaulting and validation, the replication
 * manager (the ReplicaSet controller's code on a map selector) creating, adopting, releasing and
 * scaling Pods, the scale subresource, and garbage collection of the Pods with their controller.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scale } from '../../../../src/shared/api/autoscaling.js';
import type { Pod } from '../../../../src/shared/api/core.js';
import type { ReplicationController } from '../../../../src/shared/api/replication-controller.js';
import { PODS, REPLICATION_CONTROLLERS } from '../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../kubectl/lab.js';

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

function rc(): ReplicationController {
  const got = lab.session.lab.client('test').get<ReplicationController>(REPLICATION_CONTROLLERS, 'default', 'web');
  if (!got.ok) throw new Error(got.status.message);
  return got.value;
}

function pods(): Pod[] {
  const listed = lab.session.lab.client('test').list<Pod>(PODS, 'default');
  if (!listed.ok) throw new Error(listed.status.message);
  return listed.value.items.filter((p) => !p.metadata.deletionTimestamp);
}

describe('the ReplicationController registry', () => {
  it('defaults the selector and labels from the template, and validates as kube-apiserver does', async () => {
    expect((await lab.run(`kubectl create -f - <<EOF\n${RC}EOF`)).stdout).toBe('replicationcontroller/web created\n');
    const created = rc();
    expect(created.spec.selector).toEqual({ app: 'web' });
    expect(created.metadata.labels).toEqual({ app: 'web' });
    expect(created.metadata.generation).toBe(1);
    expect(created.spec.template?.spec.restartPolicy).toBe('Always');
    const bad = 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: bad\nspec:\n  selector:\n    app: other\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      activeDeadlineSeconds: 5\n      containers:\n      - name: c\n        image: nginx\n';
    expect((await lab.run(`kubectl create -f - <<EOF\n${bad}EOF`)).stderr).toBe(
      'The ReplicationController "bad" is invalid: \n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n' +
        '* spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported\n',
    );
    expect((await lab.run('kubectl create -f - <<EOF\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: empty\nspec: {}\nEOF')).stderr).toBe(
      'The ReplicationController "empty" is invalid: \n* spec.selector: Required value\n* spec.template: Required value\n',
    );
  });
});

describe('the replication manager', () => {
  it('creates owned Pods, reports status and events, and prints DESIRED/CURRENT/READY', async () => {
    await lab.run(`kubectl create -f - <<EOF\n${RC}EOF\nlab step 30s`);
    const owned = pods();
    expect(owned).toHaveLength(2);
    for (const pod of owned) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: rc().metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(rc().status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect((await lab.run('kubectl get rc -o wide')).stdout).toBe(
      'NAME   DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    2         2         2       30s   nginx        nginx:1.27   app=web\n',
    );
    const events = (await lab.run('kubectl get events --field-selector involvedObject.kind=ReplicationController -o custom-columns=REASON:.reason,FROM:.source.component --no-headers')).stdout;
    expect(events).toBe('SuccessfulCreate   replication-controller\nSuccessfulCreate   replication-controller\n');
  });

  it('scales through the scale subresource, whose selector is the map\'s', async () => {
    await lab.run(`kubectl create -f - <<EOF\n${RC}EOF\nlab step 30s`);
    expect((await lab.run('kubectl scale rc web --replicas=3\nlab step 30s')).stdout).toContain('replicationcontroller/web scaled\n');
    expect(pods()).toHaveLength(3);
    const scale = lab.session.lab.client('test').request<Scale>({ verb: 'get', ...REPLICATION_CONTROLLERS, namespace: 'default', name: 'web', subresource: 'scale' });
    expect(scale.ok && scale.value.status).toEqual({ replicas: 3, selector: 'app=web' });
    await lab.run('kubectl scale rc web --replicas=1\nlab step 30s');
    expect(pods()).toHaveLength(1);
  });

  it('releases a relabelled Pod and replaces it, and adopts a matching orphan', async () => {
    await lab.run(`kubectl create -f - <<EOF\n${RC}EOF\nlab step 30s`);
    const [first] = pods();
    await lab.run(`kubectl label pod ${first!.metadata.name} app=debug --overwrite\nlab step 30s`);
    const released = lab.pod(first!.metadata.name!);
    expect(released?.metadata.ownerReferences ?? []).toEqual([]);
    expect(pods().filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
    await lab.run(`kubectl label pod ${first!.metadata.name} app=web --overwrite\nlab step 30s`);
    // Adopted back, one too many: the controller deletes one of the three.
    expect(pods().filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
    expect(pods().every((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicationController')).toBe(true);
  });

  it('has its Pods garbage-collected when deleted', async () => {
    await lab.run(`kubectl create -f - <<EOF\n${RC}EOF\nlab step 30s`);
    expect((await lab.run('kubectl delete rc web\nlab step 60s')).stdout).toContain('replicationcontroller "web" deleted\n');
    expect(pods()).toEqual([]);
  });
});
