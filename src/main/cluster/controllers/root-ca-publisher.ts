/**
 * The root CA publisher (kube-controller-manager's root-ca-cert-publisher): every active namespace
 * has a `kube-root-ca.crt` ConfigMap holding the cluster CA as `ca.crt`, which projected
 * service-account volumes mount so Pods can verify the API server. It is re-created if deleted
 * and its data restored if edited.
 */
import type { ConfigMap, Namespace } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer } from '../client/informer.js';
import { CONFIG_MAPS, NAMESPACES } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** Published until the lab passes its CA (ControllerManagerConfig.rootCA). */
export const PLACEHOLDER_ROOT_CA = '-----BEGIN CERTIFICATE-----\nkubernetes (placeholder: the lab passes its CA)\n-----END CERTIFICATE-----\n';

/** Retry after a failed write, as the rate-limited queue would. */
const RETRY_MS = 5_000;

export class RootCaPublisher implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly namespaces: Informer<Namespace>;
  private readonly configMaps: Informer<ConfigMap>;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
    /** The cluster CA certificate (PEM). */
    private readonly rootCA: string,
  ) {
    this.namespaces = this.disposables.add(new Informer<Namespace>(client, NAMESPACES));
    // Only the one ConfigMap name matters: a field selector keeps the cache small.
    this.configMaps = this.disposables.add(new Informer<ConfigMap>(client, CONFIG_MAPS, { query: { fieldSelector: `metadata.name=${ROOT_CA_CONFIG_MAP}` } }));
    this.queue = this.disposables.add(new WorkQueue(clock, (namespace) => this.sync(namespace)));
    this.disposables.add(
      this.namespaces.onDidChange((change) => {
        if (change.type !== 'delete') this.queue.add(change.object.metadata.name ?? '');
      }),
    );
    this.disposables.add(
      this.configMaps.onDidChange((change) => {
        // configMapDeleted / configMapUpdated: put it back as it should be.
        if (change.type !== 'add') this.queue.add(change.object.metadata.namespace ?? '');
      }),
    );
  }

  start(): void {
    this.configMaps.start();
    this.namespaces.start();
  }

  private sync(namespace: string): void {
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp !== undefined || (ns.status?.phase ?? 'Active') !== 'Active') return;
    const data = { 'ca.crt': this.rootCA };
    const current = this.configMaps.get(`${namespace}/${ROOT_CA_CONFIG_MAP}`);
    if (!current) {
      const created = this.client.create(CONFIG_MAPS, namespace, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIG_MAP, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
        data,
      });
      // A namespace that is gone or terminating by now is not retried.
      if (!created.ok && created.status.reason !== 'AlreadyExists' && created.status.reason !== 'NotFound' && created.status.reason !== 'Forbidden') {
        this.queue.addAfter(namespace, RETRY_MS);
      }
      return;
    }
    // Only the data and the presence of the description are kept as they should be.
    if (sameData(current.data, data) && (current.metadata.annotations?.[DESCRIPTION_ANNOTATION] ?? '') !== '') return;
    const updated = structuredClone(current);
    updated.data = data;
    updated.metadata.annotations = { ...updated.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION };
    const result = this.client.update(CONFIG_MAPS, namespace, updated);
    if (!result.ok && result.status.reason !== 'NotFound') this.queue.addAfter(namespace, RETRY_MS);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function sameData(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const keys = Object.keys(a ?? {});
  return keys.length === Object.keys(b).length && keys.every((k) => a?.[k] === b[k]);
}
