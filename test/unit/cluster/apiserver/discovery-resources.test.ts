/**
 * The resources a kubeadm 1.32 cluster serves beyond the workloads: ComponentStatus (probing the
 * control plane, with its deprecation warning), the bootstrap APIServices and API Priority and
 * Fairness objects, Bindings, PodTemplates, admission configuration, RuntimeClasses and the CSI kinds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../kubectl/lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

describe('componentstatuses', () => {
  it('probes the scheduler, the controller manager and etcd, with the deprecation warning once per run', async () => {
    expect(await lab.run('kubectl get cs')).toMatchObject({
      stderr: 'Warning: v1 ComponentStatus is deprecated in v1.19+\n',
      stdout:
        'NAME                 STATUS    MESSAGE   ERROR\n' +
        'scheduler            Healthy   ok        \n' +
        'controller-manager   Healthy   ok        \n' +
        'etcd-0               Healthy   ok        \n',
    });
    expect((await lab.run('kubectl get componentstatus etcd-0 -o yaml')).stdout).toBe(
      'apiVersion: v1\nconditions:\n- message: ok\n  status: "True"\n  type: Healthy\nkind: ComponentStatus\nmetadata:\n  creationTimestamp: null\n  name: etcd-0\n',
    );
    // A plain error from the REST storage: a 500 without a reason. (A real server sends the
    // deprecation warning with errors too; the lab's failed results carry none.)
    const missing = await lab.run('kubectl get cs apiserver');
    expect(missing.status).toBe(1);
    expect(missing.stderr.endsWith('Error from server: Component not found: apiserver\n')).toBe(true);
  });

  it('reports a stopped scheduler as Unhealthy with the refused connection', async () => {
    await lab.run('ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/\nsleep 25');
    expect(lab.session.lab.isComponentRunning('kube-scheduler')).toBe(false);
    expect((await lab.run('kubectl get cs scheduler')).stdout).toBe(
      'NAME        STATUS      MESSAGE   ERROR\n' +
        'scheduler   Unhealthy             Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused\n',
    );
  });
});

describe('bootstrap objects', () => {
  it('lists an APIService per served group/version, metrics-server\'s proxied to its Service', async () => {
    const lines = (await lab.run('kubectl get apiservices')).stdout.split('\n');
    expect(lines[0]).toBe('NAME                              SERVICE                      AVAILABLE   AGE');
    expect(lines[1]).toBe('v1.                               Local                        True        10m');
    expect(lines).toContain('v1beta1.metrics.k8s.io            kube-system/metrics-server   True        10m');
    expect(lines).toContain('v2.autoscaling                    Local                        True        10m');
    expect(lines.length).toBe(24);
    expect((await lab.run('kubectl get apiservice v1.apps -o jsonpath={.metadata.labels}{.spec}{.status.conditions[0].message}')).stdout).toBe(
      '{"kube-aggregator.kubernetes.io/automanaged":"onstart"}{"group":"apps","groupPriorityMinimum":17800,"version":"v1","versionPriority":15}Local APIServices are always available',
    );
  });

  it('has the API Priority and Fairness defaults, every FlowSchema finding its level', async () => {
    expect((await lab.run('kubectl get prioritylevelconfigurations')).stdout).toBe(
      'NAME              TYPE      NOMINALCONCURRENCYSHARES   QUEUES   HANDSIZE   QUEUELENGTHLIMIT   AGE\n' +
        'catch-all         Limited   5                          <none>   <none>     <none>             10m\n' +
        'exempt            Exempt    <none>                     <none>   <none>     <none>             10m\n' +
        'global-default    Limited   20                         128      6          50                 10m\n' +
        'leader-election   Limited   10                         16       4          50                 10m\n' +
        'node-high         Limited   40                         64       6          50                 10m\n' +
        'system            Limited   30                         64       6          50                 10m\n' +
        'workload-high     Limited   40                         128      6          50                 10m\n' +
        'workload-low      Limited   100                        128      6          50                 10m\n',
    );
    const schemas = (await lab.run('kubectl get flowschemas')).stdout.split('\n');
    expect(schemas[0]).toBe('NAME                           PRIORITYLEVEL     MATCHINGPRECEDENCE   DISTINGUISHERMETHOD   AGE   MISSINGPL');
    expect(schemas).toContain('exempt                         exempt            1                    <none>                10m   False');
    expect(schemas).toContain('kube-scheduler                 workload-high     800                  ByNamespace           10m   False');
    expect(schemas.length).toBe(15);
  });
});

describe('core resources', () => {
  it('binds a Pod through the bindings resource', async () => {
    await lab.run('ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/\nsleep 25\nkubectl run web --image=nginx');
    expect(lab.pod('web')?.spec.nodeName).toBeUndefined();
    // The answer is a Status, which kubectl's name printer shows as `status/<unknown>`.
    const manifest = 'apiVersion: v1\nkind: Binding\nmetadata:\n  name: web\ntarget:\n  apiVersion: v1\n  kind: Node\n  name: node01\n';
    expect((await lab.run(`kubectl create -f - <<EOF\n${manifest}EOF`)).stdout).toBe('status/<unknown> created\n');
    expect(lab.pod('web')?.spec.nodeName).toBe('node01');
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node01' } };
    const again = lab.session.lab.client('test').request({ verb: 'create', group: '', version: 'v1', resource: 'bindings', namespace: 'default', body: binding });
    expect(again.ok ? '' : again.status.message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node01"');
    const listed = lab.session.lab.client('test').request<{ items: Pod[] }>({ verb: 'list', group: '', version: 'v1', resource: 'bindings', namespace: 'default' });
    expect(listed.ok).toBe(false);
    expect(lab.session.lab.client('test').get<Pod>(PODS, 'default', 'web').ok).toBe(true);
  });

  it('stores PodTemplates, defaulted, printed without an age', async () => {
    const manifest = 'apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: tpl\ntemplate:\n  metadata:\n    labels:\n      app: x\n      tier: web\n  spec:\n    containers:\n    - name: c\n      image: busybox\n    - name: d\n      image: nginx\n';
    expect((await lab.run(`kubectl create -f - <<EOF\n${manifest}EOF\nkubectl get podtemplates`)).stdout).toBe(
      'podtemplate/tpl created\nNAME   CONTAINERS   IMAGES          POD LABELS\ntpl    c,d          busybox,nginx   app=x,tier=web\n',
    );
    expect((await lab.run('kubectl get podtemplate tpl -o jsonpath={.template.spec.restartPolicy}/{.template.spec.containers[0].imagePullPolicy}')).stdout).toBe('Always/Always');
    expect((await lab.run('kubectl create -f - <<EOF\napiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: bad\ntemplate:\n  spec:\n    containers: []\nEOF')).stderr).toBe(
      'The PodTemplate "bad" is invalid: template.spec.containers: Required value\n',
    );
  });
});

describe('cluster configuration kinds', () => {
  it('stores webhook configurations and admission policies with their defaults and printers', async () => {
    const webhook =
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: deny\nwebhooks:\n- name: deny.example.com\n  sideEffects: None\n  admissionReviewVersions: [v1]\n' +
      '  clientConfig:\n    service:\n      namespace: default\n      name: hook\n  rules:\n  - apiGroups: [""]\n    apiVersions: [v1]\n    operations: [CREATE]\n    resources: [pods]\n';
    const out = await lab.run(`kubectl create -f - <<EOF\n${webhook}EOF\nkubectl get validatingwebhookconfigurations\nkubectl get validatingwebhookconfiguration deny -o jsonpath={.webhooks[0].failurePolicy},{.webhooks[0].timeoutSeconds},{.webhooks[0].clientConfig.service.port},{.webhooks[0].rules[0].scope}`);
    expect(out.stdout).toBe('validatingwebhookconfiguration.admissionregistration.k8s.io/deny created\nNAME   WEBHOOKS   AGE\ndeny   1          0s\nFail,10,443,*');
    const bad = 'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata:\n  name: bad\nwebhooks:\n- name: short\n  clientConfig:\n    url: https://x\n';
    expect((await lab.run(`kubectl create -f - <<EOF\n${bad}EOF`)).stderr).toBe(
      'The MutatingWebhookConfiguration "bad" is invalid: \n' +
        '* webhooks[0].name: Invalid value: "short": should be a domain with at least three segments separated by dots\n' +
        '* webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun\n' +
        '* webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1\n',
    );
    const binding = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\nspec:\n  policyName: p\n  validationActions: [Deny]\n  paramRef:\n    name: cfg\n    namespace: default\n';
    expect((await lab.run(`kubectl create -f - <<EOF\n${binding}EOF\nkubectl get validatingadmissionpolicybindings`)).stdout).toBe(
      'validatingadmissionpolicybinding.admissionregistration.k8s.io/b created\nNAME   POLICYNAME   PARAMREF      AGE\nb      p            default/cfg   0s\n',
    );
  });

  it('stores RuntimeClasses and the CSI kinds', async () => {
    const manifests =
      'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n---\n' +
      'apiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata:\n  name: hostpath.csi.k8s.io\nspec:\n  podInfoOnMount: true\n';
    expect((await lab.run(`kubectl create -f - <<EOF\n${manifests}EOF\nkubectl get runtimeclasses,csidrivers`)).stdout).toBe(
      'runtimeclass.node.k8s.io/gvisor created\ncsidriver.storage.k8s.io/hostpath.csi.k8s.io created\n' +
        'NAME                              HANDLER   AGE\nruntimeclass.node.k8s.io/gvisor   runsc     0s\n\n' +
        'NAME                                           ATTACHREQUIRED   PODINFOONMOUNT   STORAGECAPACITY   TOKENREQUESTS   REQUIRESREPUBLISH   MODES        AGE\n' +
        'csidriver.storage.k8s.io/hostpath.csi.k8s.io   true             true             false             <unset>         false               Persistent   0s\n',
    );
    expect((await lab.run('kubectl patch runtimeclass gvisor --type=merge -p \'{"handler":"kata"}\'')).stderr).toBe(
      'The RuntimeClass "gvisor" is invalid: handler: Invalid value: "kata": field is immutable\n',
    );
    expect((await lab.run('kubectl get csinodes,volumeattachments,csistoragecapacities -A')).stderr).toBe('No resources found\n');
  });
});
