/**
 * The EndpointSlice mirroring controller (kube-controller-manager `endpointslicemirroring`,
 * pkg/controller/endpointslicemirroring in 1.32): Endpoints written by hand for a Service without a
 * selector are mirrored into EndpointSlices `<endpoints>-xxxxx` managed by
 * `endpointslicemirroring-controller.k8s.io`, owned by the Endpoints, carrying its labels and
 * annotations (but the trigger time and last-applied configuration). Endpoints labelled
 * `endpointslice.kubernetes.io/skip-mirror: "true"` (the API server's own `kubernetes` Endpoints),
 * leader-election Endpoints, and those of Services with a selector or of no Service are not
 * mirrored; their mirrored slices are removed.
 */
import type { EndpointAddress, Endpoints, Service } from '../../../../shared/api/core.js';
import { type Endpoint, type EndpointPort, type EndpointSlice, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../../../shared/api/discovery.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import type { ApiClient } from '../../client/api-client.js';
import { Informer, objectKey } from '../../client/informer.js';
import { ENDPOINT_SLICES, ENDPOINTS, SERVICES } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { type EndpointGroup, planSlices } from './reconcile-slices.js';
import { SliceIndex } from './slice-index.js';
import { LAST_CHANGE_TRIGGER_TIME } from './trigger-time.js';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** --mirroring-max-endpoints-per-subset. */
const MAX_ENDPOINTS_PER_SUBSET = 1000;
const RETRY_MS = 1_000;

/** addressToEndpoint: ready from which list the address is in; hostname, nodeName, targetRef kept. */
function addressToEndpoint(address: EndpointAddress, ready: boolean): Endpoint {
  const endpoint: Endpoint = { addresses: [address.ip], conditions: { ready } };
  if (address.hostname) endpoint.hostname = address.hostname;
  if (address.targetRef) endpoint.targetRef = address.targetRef;
  if (address.nodeName) endpoint.nodeName = address.nodeName;
  return endpoint;
}

function addressType(ip: string): 'IPv4' | 'IPv6' {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

export class EndpointSliceMirroringController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly endpoints: Informer<Endpoints>;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly slicesByEndpoints: SliceIndex;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
  ) {
    this.endpoints = this.disposables.add(new Informer<Endpoints>(client, ENDPOINTS));
    this.services = this.disposables.add(new Informer<Service>(client, SERVICES));
    this.slices = this.disposables.add(new Informer<EndpointSlice>(client, ENDPOINT_SLICES));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.slicesByEndpoints = this.disposables.add(new SliceIndex(this.slices, MIRRORING_CONTROLLER_NAME, (key) => this.queue.add(key)));
    this.disposables.add(this.endpoints.onDidChange((change) => this.queue.add(objectKey(change.object))));
    this.disposables.add(this.services.onDidChange((change) => this.queue.add(objectKey(change.object))));
  }

  start(): void {
    this.slices.start();
    this.services.start();
    this.endpoints.start();
  }

  private sync(key: string): void {
    const existing = this.slicesByEndpoints.of(key);
    const endpoints = this.endpoints.get(key);
    const service = this.services.get(key);
    const mirror =
      endpoints !== undefined &&
      service !== undefined &&
      (service.spec.selector === undefined || service.spec.selector === null) &&
      endpoints.metadata.labels?.[SKIP_MIRROR_LABEL] !== 'true' &&
      endpoints.metadata.annotations?.[LEADER_ANNOTATION] === undefined;
    if (!mirror) {
      this.deleteAll(key, existing);
      return;
    }
    const groups = new Map<string, EndpointGroup>();
    for (const subset of endpoints.subsets ?? []) {
      const ports: EndpointPort[] = (subset.ports ?? []).map((p) => {
        const port: EndpointPort = { name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' };
        if (p.appProtocol !== undefined) port.appProtocol = p.appProtocol;
        return port;
      });
      let count = 0;
      const add = (address: EndpointAddress, ready: boolean): void => {
        if (count++ >= MAX_ENDPOINTS_PER_SUBSET) return;
        const type = addressType(address.ip);
        const groupKey = canonicalJson([type, ports]);
        let group = groups.get(groupKey);
        if (!group) groups.set(groupKey, (group = { addressType: type, ports, endpoints: [] }));
        group.endpoints.push(addressToEndpoint(address, ready));
      };
      for (const address of subset.addresses ?? []) add(address, true);
      for (const address of subset.notReadyAddresses ?? []) add(address, false);
    }
    const labels: Record<string, string> = { ...endpoints.metadata.labels, [LABEL_SERVICE_NAME]: endpoints.metadata.name ?? '', [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME };
    const annotations: Record<string, string> = { ...endpoints.metadata.annotations };
    delete annotations[LAST_CHANGE_TRIGGER_TIME];
    delete annotations[LAST_APPLIED];
    const owner = { apiVersion: 'v1', kind: 'Endpoints', name: endpoints.metadata.name ?? '', uid: endpoints.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
    const setMetadata = (slice: EndpointSlice): boolean => {
      const before = canonicalJson([slice.metadata.labels ?? {}, slice.metadata.annotations ?? {}, slice.metadata.ownerReferences ?? []]);
      slice.metadata.labels = { ...labels };
      if (Object.keys(annotations).length > 0) slice.metadata.annotations = { ...annotations };
      else delete slice.metadata.annotations;
      slice.metadata.ownerReferences = [owner];
      return canonicalJson([slice.metadata.labels, slice.metadata.annotations ?? {}, slice.metadata.ownerReferences]) !== before;
    };
    const plan = planSlices(existing, [...groups.values()], {
      maxEndpointsPerSlice: MAX_ENDPOINTS_PER_SUBSET,
      newSlice: (group) => {
        const slice: EndpointSlice = {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { generateName: `${endpoints.metadata.name ?? ''}-`, namespace: endpoints.metadata.namespace },
          addressType: group.addressType,
          endpoints: [],
          ports: group.ports ?? [],
        };
        setMetadata(slice);
        return slice;
      },
      updateMetadata: setMetadata,
    });
    let failed = false;
    for (const slice of plan.create) if (!this.client.create(ENDPOINT_SLICES, slice.metadata.namespace, slice).ok) failed = true;
    for (const slice of plan.update) if (!this.client.update(ENDPOINT_SLICES, slice.metadata.namespace, slice).ok) failed = true;
    for (const slice of plan.delete) {
      const deleted = this.client.delete(ENDPOINT_SLICES, slice.metadata.namespace, slice.metadata.name ?? '');
      if (!deleted.ok && deleted.status.code !== 404) failed = true;
    }
    if (failed) this.queue.addAfter(key, RETRY_MS);
  }

  private deleteAll(key: string, slices: readonly EndpointSlice[]): void {
    for (const slice of slices) {
      const deleted = this.client.delete(ENDPOINT_SLICES, slice.metadata.namespace, slice.metadata.name ?? '');
      if (!deleted.ok && deleted.status.code !== 404) this.queue.addAfter(key, RETRY_MS);
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
