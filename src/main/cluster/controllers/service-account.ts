/**
 * The ServiceAccount controller (kube-controller-manager's serviceaccount-controller): every active
 * namespace has a `default` ServiceAccount — created with the namespace, re-created if deleted —
 * which the ServiceAccount admission plugin requires before a Pod may run there.
 */
import type { Namespace, ServiceAccount } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer } from '../client/informer.js';
import { NAMESPACES, SERVICE_ACCOUNTS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

/** The accounts ensured in every namespace (--service-account-names … defaults to just this one). */
export const ENSURED_SERVICE_ACCOUNTS = ['default'];

/** Retry after a failed create, as the controller's rate-limited queue would. */
const RETRY_MS = 5_000;

export class ServiceAccountController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly namespaces: Informer<Namespace>;
  private readonly accounts: Informer<ServiceAccount>;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
  ) {
    this.namespaces = this.disposables.add(new Informer<Namespace>(client, NAMESPACES));
    this.accounts = this.disposables.add(new Informer<ServiceAccount>(client, SERVICE_ACCOUNTS));
    this.queue = this.disposables.add(new WorkQueue(clock, (namespace) => this.sync(namespace)));
    this.disposables.add(
      this.namespaces.onDidChange((change) => {
        if (change.type !== 'delete') this.queue.add(change.object.metadata.name ?? '');
      }),
    );
    this.disposables.add(
      this.accounts.onDidChange((change) => {
        // serviceAccountDeleted: a removed ensured account is made again.
        if (change.type === 'delete' && ENSURED_SERVICE_ACCOUNTS.includes(change.object.metadata.name ?? '')) {
          this.queue.add(change.object.metadata.namespace ?? '');
        }
      }),
    );
  }

  start(): void {
    this.accounts.start();
    this.namespaces.start();
  }

  private sync(namespace: string): void {
    const ns = this.namespaces.get(namespace);
    // syncNamespace: nothing for a namespace that is gone or being deleted.
    if (!ns || ns.metadata.deletionTimestamp || (ns.status?.phase !== undefined && ns.status.phase !== 'Active')) return;
    for (const name of ENSURED_SERVICE_ACCOUNTS) {
      if (this.accounts.get(`${namespace}/${name}`)) continue;
      const created = this.client.create<ServiceAccount>(SERVICE_ACCOUNTS, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
      if (created.ok || created.status.reason === 'AlreadyExists') continue;
      // Forbidden (the namespace started terminating) ends the work; anything else is retried.
      if (created.status.reason !== 'Forbidden') this.queue.addAfter(namespace, RETRY_MS);
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
