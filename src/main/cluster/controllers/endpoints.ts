/**
 * The Endpoints controller (kube-controller-manager `endpoint`, pkg/controller/endpoint in 1.32):
 * every Service with a selector gets an Endpoints object of the same name listing its Pods —
 * `addresses` for Ready Pods, `notReadyAddresses` for the others (all ready with
 * publishNotReadyAddresses), each with ip, nodeName and a targetRef to the Pod, ports resolved from
 * the Service's targetPorts — with the Service's labels, `service.kubernetes.io/headless` for
 * headless Services and the `endpoints.kubernetes.io/last-change-trigger-time` annotation.
 * Services without a selector (the `kubernetes` Service, hand-made Endpoints) and ExternalName
 * Services are left alone; the API server deletes a Service's Endpoints with it.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { canonicalJson } from '../../base/canonical-json.js';
import type { ApiClient } from '../client/api-client.js';
import { EventRecorder } from '../client/event-recorder.js';
import { Informer, objectKey } from '../client/informer.js';
import { ENDPOINTS, PODS, SERVICES } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';
import {
  NamespaceIndex,
  endpointFingerprint,
  findPort,
  isPodReady,
  isServiceIPSet,
  podIPv4,
  servicesSelecting,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpointslice/pod-endpoints.js';
import { repackSubsets } from './endpointslice/repack-subsets.js';
import { LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker } from './endpointslice/trigger-time.js';

/** v1.IsHeadlessService. */
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';

/** Retry after a failed write, as the controller's rate-limited queue would. */
const RETRY_MS = 1_000;

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return canonicalJson(a ?? {}) === canonicalJson(b ?? {});
}

export class EndpointsController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly servicesByNamespace: NamespaceIndex<Service>;
  private readonly podsByNamespace: NamespaceIndex<Pod>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
  ) {
    this.services = this.disposables.add(new Informer<Service>(client, SERVICES));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.endpoints = this.disposables.add(new Informer<Endpoints>(client, ENDPOINTS));
    this.servicesByNamespace = this.disposables.add(new NamespaceIndex(this.services));
    this.podsByNamespace = this.disposables.add(new NamespaceIndex(this.pods));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'endpoint-controller' });
    this.disposables.add(this.services.onDidChange((change) => this.queue.add(objectKey(change.object))));
    this.disposables.add(
      this.pods.onDidChange((change) => {
        if (change.type === 'update' && change.old && endpointFingerprint(change.old) === endpointFingerprint(change.object)) return;
        this.enqueueServicesOf(change.object);
        // A Pod whose labels changed may have left Services it no longer matches.
        if (change.old && !sameLabels(change.old.metadata.labels, change.object.metadata.labels)) this.enqueueServicesOf(change.old);
      }),
    );
    // onEndpointsDelete: an Endpoints object deleted by hand comes back.
    this.disposables.add(
      this.endpoints.onDidChange((change) => {
        if (change.type === 'delete') this.queue.add(objectKey(change.object));
      }),
    );
  }

  start(): void {
    this.endpoints.start();
    this.pods.start();
    this.services.start();
  }

  private enqueueServicesOf(pod: Pod): void {
    for (const service of servicesSelecting(this.servicesByNamespace, pod)) this.queue.add(objectKey(service));
  }

  private sync(key: string): void {
    const service = this.services.get(key);
    if (!service) {
      this.triggerTimes.forget(key);
      return;
    }
    const selector = service.spec.selector;
    // ExternalName Services get no endpoints; Services without a selector get theirs out of band.
    if (service.spec.type === 'ExternalName' || selector === undefined || selector === null) return;
    const namespace = service.metadata.namespace ?? '';
    const pods = this.podsByNamespace.selecting(namespace, selector);
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const tolerateUnready = service.spec.publishNotReadyAddresses === true;
    const built: EndpointSubset[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const ip = podIPv4(pod);
      if (!ip) continue;
      const address: EndpointAddress = { ip };
      if (shouldSetHostname(pod, service)) address.hostname = pod.spec.hostname as string;
      if (pod.spec.nodeName) address.nodeName = pod.spec.nodeName;
      address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
      const ready = tolerateUnready || isPodReady(pod);
      const ports = service.spec.ports ?? [];
      if (ports.length === 0) {
        // A headless Service without ports still lists its Pods.
        if (service.spec.clusterIP === 'None') built.push(ready ? { addresses: [address] } : { notReadyAddresses: [address] });
        continue;
      }
      for (const servicePort of ports) {
        const port = findPort(pod, servicePort);
        if (port === undefined) continue;
        const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
        if (!servicePort.name) delete endpointPort.name;
        if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
        built.push(ready ? { addresses: [address], ports: [endpointPort] } : { notReadyAddresses: [address], ports: [endpointPort] });
      }
    }
    const subsets = repackSubsets(built);
    this.write(key, service, subsets, triggerTime);
  }

  private write(key: string, service: Service, subsets: EndpointSubset[], triggerTime: string | undefined): void {
    const namespace = service.metadata.namespace ?? '';
    const current = this.endpoints.get(key);
    const labels: Record<string, string> = { ...service.metadata.labels };
    if (isServiceIPSet(service)) delete labels[HEADLESS_SERVICE_LABEL];
    else labels[HEADLESS_SERVICE_LABEL] = '';
    if (current) {
      // The headless label is not on the Service: leave it out of the comparison.
      const compare = { ...current.metadata.labels };
      delete compare[HEADLESS_SERVICE_LABEL];
      if (canonicalJson(current.subsets ?? []) === canonicalJson(subsets) && sameLabels(compare, service.metadata.labels)) return;
    }
    const next: Endpoints = current ? structuredClone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace } };
    if (Object.keys(labels).length > 0) next.metadata.labels = labels;
    else delete next.metadata.labels;
    const annotations = { ...next.metadata.annotations };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (Object.keys(annotations).length > 0) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    const written = current ? this.client.update(ENDPOINTS, namespace, next) : this.client.create(ENDPOINTS, namespace, next);
    if (written.ok) return;
    // A conflict or an object already there: a newer view arrives through the informer.
    if (written.status.code === 409) {
      this.queue.addAfter(key, RETRY_MS);
      return;
    }
    // A terminating namespace refuses new objects: nothing more to do there.
    if (written.status.reason === 'Forbidden' || written.status.code === 404) return;
    const verb = current ? 'update' : 'create';
    this.recorder.event(
      next,
      'Warning',
      current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint',
      `Failed to ${verb} endpoint for service ${namespace}/${service.metadata.name ?? ''}: ${written.status.message ?? ''}`,
    );
    this.queue.addAfter(key, RETRY_MS);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
