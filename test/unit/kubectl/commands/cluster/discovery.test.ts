/** `kubectl api-resources`, `api-versions`, `cluster-info` and `explain`: what the server serves and documents. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeAll(() => {
  lab = new KubectlLab();
});

afterAll(() => {
  lab.dispose();
});

describe('kubectl api-resources and api-versions', () => {
  it('lists the preferred resources by group, with filters, wide and name output', async () => {
    // Every resource a kubeadm 1.32 cluster with metrics-server serves, in the same order.
    expect((await lab.run('kubectl api-resources')).stdout).toBe(
      [
        'NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND',
        'bindings                                         v1                                true         Binding',
        'componentstatuses                   cs           v1                                false        ComponentStatus',
        'configmaps                          cm           v1                                true         ConfigMap',
        'endpoints                           ep           v1                                true         Endpoints',
        'events                              ev           v1                                true         Event',
        'limitranges                         limits       v1                                true         LimitRange',
        'namespaces                          ns           v1                                false        Namespace',
        'nodes                               no           v1                                false        Node',
        'persistentvolumeclaims              pvc          v1                                true         PersistentVolumeClaim',
        'persistentvolumes                   pv           v1                                false        PersistentVolume',
        'pods                                po           v1                                true         Pod',
        'podtemplates                                     v1                                true         PodTemplate',
        'replicationcontrollers              rc           v1                                true         ReplicationController',
        'resourcequotas                      quota        v1                                true         ResourceQuota',
        'secrets                                          v1                                true         Secret',
        'serviceaccounts                     sa           v1                                true         ServiceAccount',
        'services                            svc          v1                                true         Service',
        'mutatingwebhookconfigurations                    admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration',
        'validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy',
        'validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding',
        'validatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration',
        'customresourcedefinitions           crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition',
        'apiservices                                      apiregistration.k8s.io/v1         false        APIService',
        'controllerrevisions                              apps/v1                           true         ControllerRevision',
        'daemonsets                          ds           apps/v1                           true         DaemonSet',
        'deployments                         deploy       apps/v1                           true         Deployment',
        'replicasets                         rs           apps/v1                           true         ReplicaSet',
        'statefulsets                        sts          apps/v1                           true         StatefulSet',
        'selfsubjectreviews                               authentication.k8s.io/v1          false        SelfSubjectReview',
        'tokenreviews                                     authentication.k8s.io/v1          false        TokenReview',
        'localsubjectaccessreviews                        authorization.k8s.io/v1           true         LocalSubjectAccessReview',
        'selfsubjectaccessreviews                         authorization.k8s.io/v1           false        SelfSubjectAccessReview',
        'selfsubjectrulesreviews                          authorization.k8s.io/v1           false        SelfSubjectRulesReview',
        'subjectaccessreviews                             authorization.k8s.io/v1           false        SubjectAccessReview',
        'horizontalpodautoscalers            hpa          autoscaling/v2                    true         HorizontalPodAutoscaler',
        'cronjobs                            cj           batch/v1                          true         CronJob',
        'jobs                                             batch/v1                          true         Job',
        'certificatesigningrequests          csr          certificates.k8s.io/v1            false        CertificateSigningRequest',
        'leases                                           coordination.k8s.io/v1            true         Lease',
        'endpointslices                                   discovery.k8s.io/v1               true         EndpointSlice',
        'events                              ev           events.k8s.io/v1                  true         Event',
        'flowschemas                                      flowcontrol.apiserver.k8s.io/v1   false        FlowSchema',
        'prioritylevelconfigurations                      flowcontrol.apiserver.k8s.io/v1   false        PriorityLevelConfiguration',
        'nodes                                            metrics.k8s.io/v1beta1            false        NodeMetrics',
        'pods                                             metrics.k8s.io/v1beta1            true         PodMetrics',
        'ingressclasses                                   networking.k8s.io/v1              false        IngressClass',
        'ingresses                           ing          networking.k8s.io/v1              true         Ingress',
        'networkpolicies                     netpol       networking.k8s.io/v1              true         NetworkPolicy',
        'runtimeclasses                                   node.k8s.io/v1                    false        RuntimeClass',
        'poddisruptionbudgets                pdb          policy/v1                         true         PodDisruptionBudget',
        'clusterrolebindings                              rbac.authorization.k8s.io/v1      false        ClusterRoleBinding',
        'clusterroles                                     rbac.authorization.k8s.io/v1      false        ClusterRole',
        'rolebindings                                     rbac.authorization.k8s.io/v1      true         RoleBinding',
        'roles                                            rbac.authorization.k8s.io/v1      true         Role',
        'priorityclasses                     pc           scheduling.k8s.io/v1              false        PriorityClass',
        'csidrivers                                       storage.k8s.io/v1                 false        CSIDriver',
        'csinodes                                         storage.k8s.io/v1                 false        CSINode',
        'csistoragecapacities                             storage.k8s.io/v1                 true         CSIStorageCapacity',
        'storageclasses                      sc           storage.k8s.io/v1                 false        StorageClass',
        'volumeattachments                                storage.k8s.io/v1                 false        VolumeAttachment',
        '',
      ].join('\n'),
    );
    expect((await lab.run('kubectl api-resources --api-group=apps -o wide --no-headers')).stdout.split('\n')[2]).toBe(
      'deployments           deploy   apps/v1   true   Deployment           [create delete deletecollection get list patch update watch]   all',
    );
    expect((await lab.run('kubectl api-resources --api-group= -o wide --no-headers --namespaced=false')).stdout.split('\n').slice(0, 2)).toEqual([
      'componentstatuses   cs    v1    false   ComponentStatus    [get list]                                                     ',
      'namespaces          ns    v1    false   Namespace          [create delete get list patch update watch]                    ',
    ]);
    expect((await lab.run('kubectl api-resources --categories=api-extensions -o name')).stdout).toBe(
      'mutatingwebhookconfigurations.admissionregistration.k8s.io\nvalidatingadmissionpolicies.admissionregistration.k8s.io\n' +
        'validatingadmissionpolicybindings.admissionregistration.k8s.io\nvalidatingwebhookconfigurations.admissionregistration.k8s.io\n' +
        'customresourcedefinitions.apiextensions.k8s.io\napiservices.apiregistration.k8s.io\n',
    );
    expect((await lab.run('kubectl api-resources --namespaced=false --api-group=rbac.authorization.k8s.io -o name')).stdout).toBe(
      'clusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\n',
    );
    expect((await lab.run('kubectl api-resources --verbs=create --api-group=authorization.k8s.io -o name --sort-by=kind')).stdout).toBe(
      'localsubjectaccessreviews.authorization.k8s.io\nselfsubjectaccessreviews.authorization.k8s.io\nselfsubjectrulesreviews.authorization.k8s.io\nsubjectaccessreviews.authorization.k8s.io\n',
    );
    expect((await lab.run('kubectl api-resources -o yaml')).stderr).toBe('error: --output yaml is not available\n');
    expect((await lab.run('kubectl api-resources --sort-by=age')).stderr).toBe('error: --sort-by accepts only name or kind\n');
  });

  it('lists every group/version sorted, v1 last', async () => {
    expect((await lab.run('kubectl api-versions')).stdout).toBe(
      [
        'admissionregistration.k8s.io/v1',
        'apiextensions.k8s.io/v1',
        'apiregistration.k8s.io/v1',
        'apps/v1',
        'authentication.k8s.io/v1',
        'authorization.k8s.io/v1',
        'autoscaling/v1',
        'autoscaling/v2',
        'batch/v1',
        'certificates.k8s.io/v1',
        'coordination.k8s.io/v1',
        'discovery.k8s.io/v1',
        'events.k8s.io/v1',
        'flowcontrol.apiserver.k8s.io/v1',
        'metrics.k8s.io/v1beta1',
        'networking.k8s.io/v1',
        'node.k8s.io/v1',
        'policy/v1',
        'rbac.authorization.k8s.io/v1',
        'scheduling.k8s.io/v1',
        'storage.k8s.io/v1',
        'v1',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl cluster-info', () => {
  it('prints the control plane and CoreDNS proxy addresses in go-colortext colours', async () => {
    expect((await lab.run('kubectl cluster-info')).stdout).toBe(
      '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://192.168.200.10:6443\x1b[0m\n' +
        '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.200.10:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });
});

describe('kubectl explain', () => {
  it('documents a kind with its fields', async () => {
    const out = (await lab.run('kubectl explain pods')).stdout;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\nFIELDS:\n  apiVersion\t<string>\n')).toBe(true);
    expect(out).toContain('\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
    expect(out.endsWith('#spec-and-status\n\n\n')).toBe(true);
  });

  it('follows a field path through lists, with enums, required marks and the group header', async () => {
    expect((await lab.run('kubectl explain deploy.spec.replicas')).stdout).toBe(
      'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n\n',
    );
    const containers = (await lab.run('kubectl explain pods.spec.containers')).stdout;
    expect(containers).toContain('FIELD: containers <[]Container>\n\n\n');
    expect(containers).toContain('\n  imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never\n');
    expect(containers).toContain('\n  name\t<string> -required-\n');
    expect((await lab.run('kubectl explain pod.spec.containers.imagePullPolicy')).stdout).toContain('FIELD: imagePullPolicy <string>\nENUM:\n    Always\n    IfNotPresent\n    Never\n\nDESCRIPTION:\n');
  });

  it('prints the field tree with --recursive', async () => {
    expect((await lab.run('kubectl explain deployment.spec.strategy --recursive')).stdout).toBe(
      'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n' +
        '    The deployment strategy to use to replace existing pods with new\n    ones.DeploymentStrategy describes how to replace existing pods with new\n    ones.\n' +
        'FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n  enum: Recreate, RollingUpdate\n\n',
    );
  });

  it('fails for unknown types and fields', async () => {
    expect(await lab.run('kubectl explain widgets')).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "widgets"\n', status: 1 });
    expect((await lab.run('kubectl explain pods.spec.nope.deeper')).stderr).toBe('error: field "deeper" does not exist\n');
    expect((await lab.run('kubectl explain')).stderr).toBe(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  });

  it('uses --api-version to pick another served version', async () => {
    expect((await lab.run('kubectl explain hpa --api-version=autoscaling/v1')).stdout).toContain('GROUP:      autoscaling\nKIND:       HorizontalPodAutoscaler\nVERSION:    v1\n');
  });
});
