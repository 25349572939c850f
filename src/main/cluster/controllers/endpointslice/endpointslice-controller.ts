/**
 * The EndpointSlice controller (kube-controller-manager `endpointslice`, pkg/controller/endpointslice
 * in 1.32): every Service with a selector gets EndpointSlices named `<service>-<5 random>`
 * (generateName), labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io` (plus the Service's own
 * labels and `service.kubernetes.io/headless` when headless), owned by the Service, holding at most
 * 100 endpoints each: one per Pod with an IP, with conditions ready/serving/terminating, nodeName,
 * targetRef and the node's zone. A Service without matching Pods keeps one empty placeholder slice.
 */
import type { Node, Pod, Service } from '../../../../shared/api/core.js';
import { type Endpoint, type EndpointPort, type EndpointSlice, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../../../shared/api/discovery.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { ENDPOINT_SLICES, NODES, PODS, SERVICES } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { HEADLESS_SERVICE_LABEL } from '../endpoints.js';
import { NamespaceIndex, endpointFingerprint, findPort, isPodReady, isServiceIPSet, podIPv4, servicesSelecting, shouldPodBeInEndpoints, shouldSetHostname } from './pod-endpoints.js';
import { type EndpointGroup, type SlicePlan, planSlices } from './reconcile-slices.js';
import { SliceIndex } from './slice-index.js';
import { LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker } from './trigger-time.js';

export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const RETRY_MS = 1_000;
const RESERVED_LABELS = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, HEADLESS_SERVICE_LABEL]);

/** setEndpointSliceLabels: the Service's labels (reserved keys aside), headless, service name, manager. */
export function sliceLabels(service: Service, managedBy: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.metadata.labels ?? {})) if (!RESERVED_LABELS.has(key)) labels[key] = value;
  if (!isServiceIPSet(service)) labels[HEADLESS_SERVICE_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = managedBy;
  return labels;
}

export class EndpointSliceController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly servicesByNamespace: NamespaceIndex<Service>;
  private readonly podsByNamespace: NamespaceIndex<Pod>;
  private readonly slicesByService: SliceIndex;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
    private readonly maxEndpointsPerSlice = MAX_ENDPOINTS_PER_SLICE,
  ) {
    this.services = this.disposables.add(new Informer<Service>(client, SERVICES));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.slices = this.disposables.add(new Informer<EndpointSlice>(client, ENDPOINT_SLICES));
    this.servicesByNamespace = this.disposables.add(new NamespaceIndex(this.services));
    this.podsByNamespace = this.disposables.add(new NamespaceIndex(this.pods));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.slicesByService = this.disposables.add(new SliceIndex(this.slices, ENDPOINTSLICE_CONTROLLER_NAME, (key) => this.queue.add(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'endpoint-slice-controller' });
    this.disposables.add(this.services.onDidChange((change) => this.queue.add(objectKey(change.object))));
    this.disposables.add(
      this.pods.onDidChange((change) => {
        if (change.type === 'update' && change.old && endpointFingerprint(change.old) === endpointFingerprint(change.object)) return;
        this.enqueueServicesOf(change.object);
        if (change.old) this.enqueueServicesOf(change.old);
      }),
    );
  }

  start(): void {
    this.nodes.start();
    this.slices.start();
    this.pods.start();
    this.services.start();
  }

  private enqueueServicesOf(pod: Pod): void {
    for (const service of servicesSelecting(this.servicesByNamespace, pod)) this.queue.add(objectKey(service));
  }

  private sync(key: string): void {
    const service = this.services.get(key);
    if (!service) {
      // The garbage collector removes a deleted Service's slices through their ownerReference.
      this.triggerTimes.forget(key);
      return;
    }
    const existing = this.slicesByService.of(key);
    const selector = service.spec.selector;
    if (service.spec.type === 'ExternalName' || selector === undefined || selector === null) return;
    const namespace = service.metadata.namespace ?? '';
    const pods = this.podsByNamespace.selecting(namespace, selector);
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const groups = new Map<string, EndpointGroup>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ip = podIPv4(pod);
      if (!ip) continue;
      const ports = this.endpointPorts(service, pod);
      const portKey = canonicalJson(ports);
      let group = groups.get(portKey);
      if (!group) groups.set(portKey, (group = { addressType: 'IPv4', ports, endpoints: [] }));
      group.endpoints.push(this.podToEndpoint(pod, service, ip));
    }
    const labels = sliceLabels(service, ENDPOINTSLICE_CONTROLLER_NAME);
    const owner = { apiVersion: 'v1', kind: 'Service', name: service.metadata.name ?? '', uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
    const plan = planSlices(existing, [...groups.values()], {
      maxEndpointsPerSlice: this.maxEndpointsPerSlice,
      placeholder: { addressType: 'IPv4', ports: null, endpoints: [] },
      newSlice: (group) => ({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: `${service.metadata.name ?? ''}-`, namespace, labels: { ...labels }, ownerReferences: [owner] },
        addressType: group.addressType,
        // A placeholder reads back as `endpoints: null` and `ports: null` from a real API server
        // (an empty list does not survive protobuf storage).
        endpoints: (group.ports === null ? null : []) as Endpoint[],
        ports: group.ports as EndpointPort[],
      }),
      updateMetadata: (slice) => {
        if (canonicalJson(slice.metadata.labels ?? {}) === canonicalJson(labels)) return false;
        slice.metadata.labels = { ...labels };
        return true;
      },
    });
    this.apply(key, service, plan, triggerTime);
  }

  /** getEndpointPorts: each Service port whose targetPort the Pod has; the name is always set. */
  private endpointPorts(service: Service, pod: Pod): EndpointPort[] {
    const ports: EndpointPort[] = [];
    for (const servicePort of service.spec.ports ?? []) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
      ports.push(endpointPort);
    }
    return ports;
  }

  /** podToEndpoint: ready never while terminating, unless the Service publishes not-ready addresses. */
  private podToEndpoint(pod: Pod, service: Service, ip: string): Endpoint {
    const serving = isPodReady(pod);
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    const ready = service.spec.publishNotReadyAddresses === true || (serving && !terminating);
    const endpoint: Endpoint = { addresses: [ip], conditions: { ready, serving, terminating } };
    if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec.hostname as string;
    endpoint.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    const nodeName = pod.spec.nodeName;
    if (nodeName) {
      endpoint.nodeName = nodeName;
      const zone = this.nodes.get(nodeName)?.metadata.labels?.[ZONE_LABEL];
      if (zone) endpoint.zone = zone;
    }
    return endpoint;
  }

  private apply(key: string, service: Service, plan: SlicePlan, triggerTime: string | undefined): void {
    let failed = false;
    const stamp = (slice: EndpointSlice): EndpointSlice => {
      const annotations = { ...slice.metadata.annotations };
      if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
      else delete annotations[LAST_CHANGE_TRIGGER_TIME];
      if (Object.keys(annotations).length > 0) slice.metadata.annotations = annotations;
      else delete slice.metadata.annotations;
      return slice;
    };
    for (const slice of plan.create) {
      const created = this.client.create(ENDPOINT_SLICES, slice.metadata.namespace, stamp(slice));
      if (!created.ok && created.status.reason !== 'Forbidden') {
        failed = true;
        this.recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${created.status.message ?? ''}`);
      }
    }
    for (const slice of plan.update) {
      const updated = this.client.update(ENDPOINT_SLICES, slice.metadata.namespace, stamp(slice));
      if (!updated.ok) failed = true;
    }
    for (const slice of plan.delete) {
      const deleted = this.client.delete(ENDPOINT_SLICES, slice.metadata.namespace, slice.metadata.name ?? '');
      if (!deleted.ok && deleted.status.code !== 404) failed = true;
    }
    // Conflicts mean the cache is behind: the informer's events queue the Service again anyway.
    if (failed) this.queue.addAfter(key, RETRY_MS);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
