/**
 * EndpointSlices by the Service they belong to (`<namespace>/<kubernetes.io/service-name>`), only
 * those one controller manages (`endpointslice.kubernetes.io/managed-by`): what each sync of a
 * Service reads instead of scanning every slice.
 */
import { type EndpointSlice, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../../../shared/api/discovery.js';
import type { Disposable } from '../../../../shared/lifecycle.js';
import { type Informer, objectKey } from '../../client/informer.js';

/** The Service key a managed slice belongs to, or undefined when another controller manages it. */
export function owningServiceKey(slice: EndpointSlice, managedBy: string): string | undefined {
  const labels = slice.metadata.labels;
  if (labels?.[LABEL_MANAGED_BY] !== managedBy) return undefined;
  const service = labels[LABEL_SERVICE_NAME];
  return service ? `${slice.metadata.namespace ?? ''}/${service}` : undefined;
}

export class SliceIndex implements Disposable {
  private readonly byService = new Map<string, Map<string, EndpointSlice>>();
  private readonly subscription: Disposable;

  constructor(
    informer: Informer<EndpointSlice>,
    private readonly managedBy: string,
    /** Called with the Service key of every managed slice that changes. */
    onChange: (serviceKey: string) => void,
  ) {
    this.subscription = informer.onDidChange((change) => {
      const key = objectKey(change.object);
      const before = change.old ? owningServiceKey(change.old, managedBy) : undefined;
      const after = owningServiceKey(change.object, managedBy);
      if (before !== undefined && (before !== after || change.type === 'delete')) this.remove(before, key);
      if (after !== undefined && change.type !== 'delete') {
        let slices = this.byService.get(after);
        if (!slices) this.byService.set(after, (slices = new Map()));
        slices.set(key, change.object);
      }
      if (change.type === 'delete' && after !== undefined) this.remove(after, key);
      if (before !== undefined) onChange(before);
      if (after !== undefined && after !== before) onChange(after);
    });
  }

  private remove(serviceKey: string, sliceKey: string): void {
    const slices = this.byService.get(serviceKey);
    slices?.delete(sliceKey);
    if (slices?.size === 0) this.byService.delete(serviceKey);
  }

  /** The managed slices of a Service (the cache's own objects: copy before changing). */
  of(serviceKey: string): EndpointSlice[] {
    return [...(this.byService.get(serviceKey)?.values() ?? [])];
  }

  get managedByValue(): string {
    return this.managedBy;
  }

  dispose(): void {
    this.subscription.dispose();
    this.byService.clear();
  }
}
