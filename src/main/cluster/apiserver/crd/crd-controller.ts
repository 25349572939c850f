/**
 * The apiextensions-apiserver controllers that turn stored CustomResourceDefinitions into served
 * resources, run inside the API server as kube-apiserver runs them: it watches the CRDs in etcd
 * and, for each change (one zero-delay clock task later, as the informers would), accepts the
 * requested names unless another CRD of the group holds them (NamingConditionController), marks
 * the CRD Established (EstablishingController) and the api-approval condition of protected groups
 * (KubernetesAPIApprovalPolicyConformantConditionController), serves or stops serving its versions
 * (the crdHandler), and — once a CRD is marked for deletion — deletes every custom resource and then
 * removes the `customresourcecleanup.apiextensions.k8s.io` finalizer (CRDFinalizer).
 *
 * The API server asks it for the served definitions (`definitions()`); everything it writes goes
 * through the server's loopback client, so trace, validation and watches see ordinary requests.
 */
import {
  CUSTOM_RESOURCE_CLEANUP_FINALIZER,
  type CustomResourceDefinition,
  type CustomResourceDefinitionCondition,
  type CustomResourceDefinitionNames,
} from '../../../../shared/api/apiextensions.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { Disposable } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { rfc3339 } from '../../../base/duration.js';
import type { EtcdClient, KeyValue } from '../../store/etcd-client.js';
import { APIEXTENSIONS, isEstablished, setCondition } from '../registry/custom-resource-definition.js';
import type { ResourceDefinition, StrategyContext } from '../registry/resource.js';
import { customResourceDefinitions, storageVersionOf } from './custom-resource.js';

const PREFIX = `/registry/${APIEXTENSIONS}/customresourcedefinitions/`;
/** How long the finalizer waits before looking again at instances that still have finalizers. */
const CLEANUP_RETRY_MS = 5_000;

export interface CrdControllerOptions {
  etcd: EtcdClient;
  clock: Clock;
  /** The server's context: `internal` is its loopback client. */
  ctx: StrategyContext;
}

export class CrdController implements Disposable {
  /** Served resources by CRD name. */
  private readonly served = new Map<string, ResourceDefinition[]>();
  private readonly watch: Disposable;
  private readonly retries = new Map<string, Disposable>();

  constructor(private readonly options: CrdControllerOptions) {
    const current = options.etcd.range(PREFIX, { prefix: true });
    // What was already stored (a restored snapshot) is served at once, as the handler's informer would after sync.
    for (const kv of current.kvs) this.serve(parse(kv));
    this.watch = options.etcd.watch(
      PREFIX,
      { prefix: true, startRevision: current.revision + 1 },
      {
        onEvents: (events) => {
          const changed = new Set<string>();
          for (const event of events) {
            const name = event.kv.key.slice(PREFIX.length);
            changed.add(name);
            if (event.type === 'DELETE') this.forget(name);
            else this.reconcile(parse(event.kv));
          }
          this.retryRefusedNames(changed);
        },
      },
    );
    // Judged once the server is fully built (the first clock tick), as the controllers start after it.
    options.clock.schedule(0, () => {
      for (const kv of current.kvs) {
        const latest = options.etcd.range(kv.key).kvs[0];
        if (latest) this.reconcile(parse(latest));
      }
    });
  }

  /** Every resource served from CRDs, CRD by CRD in name order, preferred version first. */
  definitions(): ResourceDefinition[] {
    return [...this.served.keys()].sort().flatMap((name) => this.served.get(name) ?? []);
  }

  dispose(): void {
    this.watch.dispose();
    for (const retry of this.retries.values()) retry.dispose();
    this.retries.clear();
  }

  private forget(name: string): void {
    this.served.delete(name);
    this.retries.get(name)?.dispose();
    this.retries.delete(name);
  }

  /** The crdHandler serves a CRD once its names are accepted or it is established. */
  private serve(crd: CustomResourceDefinition): void {
    const name = crd.metadata.name ?? '';
    const accepted = (crd.status?.conditions ?? []).some((c) => (c.type === 'NamesAccepted' || c.type === 'Established') && c.status === 'True');
    if (accepted) this.served.set(name, customResourceDefinitions(crd));
    else this.served.delete(name);
  }

  private reconcile(crd: CustomResourceDefinition): void {
    this.serve(crd);
    if (crd.metadata.deletionTimestamp !== undefined) {
      if ((crd.metadata.finalizers ?? []).includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)) this.cleanUp(crd);
      return;
    }
    const next = structuredClone(crd);
    this.judgeNames(next);
    this.judgeApproval(next);
    if (canonicalJson(next.status) === canonicalJson(crd.status)) return;
    this.options.ctx.internal({
      verb: 'update',
      group: APIEXTENSIONS,
      version: 'v1',
      resource: 'customresourcedefinitions',
      subresource: 'status',
      name: crd.metadata.name,
      body: next,
    });
  }

  /** A change to one CRD may free names another was refused: the naming controller requeues those. */
  private retryRefusedNames(changed: ReadonlySet<string>): void {
    for (const kv of this.options.etcd.range(PREFIX, { prefix: true }).kvs) {
      const crd = parse(kv);
      if (changed.has(crd.metadata.name ?? '') || crd.metadata.deletionTimestamp !== undefined) continue;
      if ((crd.status?.conditions ?? []).some((c) => c.type === 'NamesAccepted' && c.status === 'False')) this.reconcile(crd);
    }
  }

  /** NamingConditionController + EstablishingController: accept free names, then establish. */
  private judgeNames(crd: CustomResourceDefinition): void {
    const requested = crd.spec?.names ?? {};
    const others = this.options.etcd
      .range(PREFIX, { prefix: true })
      .kvs.map(parse)
      .filter((o) => o.metadata.name !== crd.metadata.name && o.spec?.group === crd.spec?.group)
      .map((o) => o.status?.acceptedNames ?? {});
    const now = rfc3339(this.options.ctx.now());
    const current = crd.status?.acceptedNames ?? {};
    const accepted: CustomResourceDefinitionNames = { ...current };
    let conflict: { reason: string; message: string } | undefined;
    const inUse = (value: string | undefined, taken: (n: CustomResourceDefinitionNames) => Array<string | undefined>): boolean =>
      value !== undefined && others.some((n) => taken(n).includes(value));
    const judge = (field: 'plural' | 'singular' | 'kind' | 'listKind', reason: string, taken: (n: CustomResourceDefinitionNames) => Array<string | undefined>): void => {
      const value = requested[field];
      // Each check overwrites the condition, so the last conflict found is the one reported.
      if (value !== current[field] && inUse(value, taken)) conflict = { reason, message: `${JSON.stringify(value)} is already in use` };
      else if (value !== undefined) accepted[field] = value;
    };
    judge('plural', 'PluralConflict', (n) => [n.plural]);
    judge('singular', 'SingularConflict', (n) => [n.singular]);
    const shortNames = requested.shortNames ?? [];
    const takenShort = shortNames.find((s) => !(current.shortNames ?? []).includes(s) && others.some((n) => (n.shortNames ?? []).includes(s)));
    if (takenShort) conflict = { reason: 'ShortNamesConflict', message: `${JSON.stringify(takenShort)} is already in use` };
    else if (requested.shortNames) accepted.shortNames = [...shortNames];
    judge('kind', 'KindConflict', (n) => [n.kind, n.listKind]);
    judge('listKind', 'ListKindConflict', (n) => [n.kind, n.listKind]);
    if (requested.categories) accepted.categories = [...requested.categories];
    else delete accepted.categories;
    (crd.status ??= {}).acceptedNames = accepted;
    const namesAccepted: CustomResourceDefinitionCondition = conflict
      ? { type: 'NamesAccepted', status: 'False', lastTransitionTime: now, reason: conflict.reason, message: conflict.message }
      : { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' };
    setCondition(crd, namesAccepted);
    if (!isEstablished(crd)) {
      setCondition(
        crd,
        conflict
          ? { type: 'Established', status: 'False', lastTransitionTime: now, reason: 'NotAccepted', message: 'not all names are accepted' }
          : { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      );
    }
  }

  /** KubernetesAPIApprovalPolicyConformant for groups under k8s.io and kubernetes.io. */
  private judgeApproval(crd: CustomResourceDefinition): void {
    const group = crd.spec?.group ?? '';
    if (!(group === 'k8s.io' || group === 'kubernetes.io' || group.endsWith('.k8s.io') || group.endsWith('.kubernetes.io'))) return;
    const annotation = crd.metadata.annotations?.['api-approved.kubernetes.io'] ?? '';
    const now = rfc3339(this.options.ctx.now());
    const approved = !annotation.startsWith('unapproved') && annotation !== '';
    const condition: CustomResourceDefinitionCondition = approved
      ? { type: 'KubernetesAPIApprovalPolicyConformant', status: 'True', lastTransitionTime: now, reason: 'ApprovedAnnotation', message: `approved in ${annotation}` }
      : { type: 'KubernetesAPIApprovalPolicyConformant', status: 'False', lastTransitionTime: now, reason: 'UnapprovedAnnotation', message: `not approved: ${JSON.stringify(annotation)}` };
    // The approval controller's condition comes first in a real CRD's status.
    const had = (crd.status?.conditions ?? []).some((c) => c.type === condition.type);
    setCondition(crd, condition);
    if (!had && crd.status?.conditions) crd.status.conditions = [crd.status.conditions.at(-1)!, ...crd.status.conditions.slice(0, -1)];
  }

  /** CRDFinalizer: delete every instance through the API, then let the CRD go. */
  private cleanUp(crd: CustomResourceDefinition): void {
    const name = crd.metadata.name ?? '';
    const storage = storageVersionOf(crd);
    const plural = crd.status?.acceptedNames?.plural || crd.spec?.names?.plural || '';
    const group = crd.spec?.group ?? '';
    const prefix = `/registry/${group}/${plural}/`;
    const internal = this.options.ctx.internal;
    if (storage && this.served.has(name)) {
      for (const kv of this.options.etcd.range(prefix, { prefix: true }).kvs) {
        const object = JSON.parse(kv.value) as KubeObject;
        internal({ verb: 'delete', group, version: storage, resource: plural, namespace: object.metadata.namespace, name: object.metadata.name });
      }
    }
    if (this.options.etcd.range(prefix, { prefix: true, countOnly: true }).count > 0) {
      // Instances with finalizers of their own: look again later, as the controller requeues.
      this.retries.get(name)?.dispose();
      this.retries.set(
        name,
        this.options.clock.schedule(
          CLEANUP_RETRY_MS,
          () => {
            this.retries.delete(name);
            const kv = this.options.etcd.range(PREFIX + name).kvs[0];
            if (kv) this.reconcile(parse(kv));
          },
          { background: true },
        ),
      );
      return;
    }
    const next = structuredClone(crd);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== CUSTOM_RESOURCE_CLEANUP_FINALIZER);
    internal({ verb: 'update', group: APIEXTENSIONS, version: 'v1', resource: 'customresourcedefinitions', name, body: next });
  }
}

function parse(kv: KeyValue): CustomResourceDefinition {
  const crd = JSON.parse(kv.value) as CustomResourceDefinition;
  crd.metadata.resourceVersion = String(kv.modRevision);
  crd.apiVersion = `${APIEXTENSIONS}/v1`;
  crd.kind = 'CustomResourceDefinition';
  return crd;
}

/** Whether a server's resource list includes CustomResourceDefinitions (then it runs the controller). */
export function servesCustomResourceDefinitions(resources: readonly ResourceDefinition[]): boolean {
  return resources.some((r) => r.group === APIEXTENSIONS && r.plural === 'customresourcedefinitions');
}
