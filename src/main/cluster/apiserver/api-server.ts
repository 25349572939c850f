/**
 * The API server: the only component that talks to etcd. It owns REST semantics — registry
 * strategies, resourceVersion concurrency, uid/creationTimestamp/generation, graceful deletion and
 * finalizers, deletion propagation, dry runs, selectors, watch (with bookmarks), subresources and
 * server-side table printing — and records every request in the trace. Synchronous: the lab is a
 * single-threaded discrete-event simulation.
 */
import type { Pod } from '../../../shared/api/core.js';
import { type KubeObject, type Status, type Table, type TableColumnDefinition, type TableRow, isStatus } from '../../../shared/api/meta.js';
import { type Disposable, toDisposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { jsonEqual } from './json-equal.js';
import { rfc3339 } from '../../base/duration.js';
import { NAME_SUFFIX_ALPHABET, type Random } from '../../base/random.js';
import type { Tracer } from '../../base/trace.js';
import type { EtcdClient, KeyValue, WatchEvent } from '../store/etcd-client.js';
import { CompactedError } from '../store/etcd-client.js';
import {
  type FieldError,
  type GroupResource,
  alreadyExists,
  badRequest,
  conflict,
  conflictModified,
  forbiddenByAuthorizer,
  forbiddenNamespaceTerminating,
  gone,
  invalid,
  invalidValue,
  methodNotAllowedByRoute,
  methodNotSupported,
  notFound,
  notSupported,
  required,
} from './errors.js';
import { applyPatch } from './patch/apply-patch.js';
import { type UpdateOperation, managerOf, recordUpdate, resetFields } from './patch/managed-fields.js';
import { forceNotAllowed, serverSideApply, validateApplyOptions } from './patch/server-side-apply.js';
import { strictDecodingError } from './registry/decoding.js';
import { pruneUnknownFields } from './registry/known-fields.js';
import { type DiscoveredSubresource, describeSubresources } from './registry/subresource-discovery.js';
import {
  DEFAULT_REGISTRY_CONFIG,
  type RegistryConfig,
  type ResourceDefinition,
  type StrategyContext,
  type SubresourceHandler,
  apiVersionOf,
  type TableCells,
  type TablePrinter,
} from './registry/resource.js';
import { type FilterFacts, FilterIndex, factsMatch, factsOf } from './filter-index.js';
import { LabelIndex } from './watch-cache.js';
import { type CacheEntry, ListCache, cacheEntry } from './list-cache.js';
import { SharedManagedFields } from './shared-managed-fields.js';
import { clonePlain } from './clone.js';
import { boundPodText } from './bound-pod-text.js';
import { CreateFieldsMemo } from './patch/create-fields-memo.js';
import { type AdmissionAttributes, type AdmissionOperation, type AdmissionPlugin, admit, validateAdmission } from './admission/admission.js';
import { ALWAYS_ALLOW, type AuthorizationAttributes, type Authorizer, type RuleResolver } from './auth/authorizer.js';
import { impersonate } from './auth/impersonation.js';
import { LOOPBACK_USER, type UserInfo } from './auth/user.js';
import { applyScale, requestedScale, toScale } from './scale.js';
import { CrdController, servesCustomResourceDefinitions } from './crd/crd-controller.js';
import { type FieldSelector, type LabelRequirement, type LabelSelector, parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { ApiRequest, ApiResult, DeleteOptions, ListResult, RequestQuery, WatchEventObject } from './types.js';

export interface ApiServerOptions {
  etcd: EtcdClient;
  clock: Clock;
  random: Random;
  tracer: Tracer;
  resources: readonly ResourceDefinition[];
  /** Runs a watch delivery later (after the current request), keeping writers from re-entering. */
  defer: (fn: () => void) => void;
  /** kube-apiserver flags the registries read (service IP and node port ranges). */
  config?: Partial<RegistryConfig>;
  /** --authorization-mode; everything is allowed when unset. */
  authorizer?: Authorizer;
  /** For SelfSubjectRulesReview; reports nothing when unset. */
  ruleResolver?: RuleResolver;
  /** --enable-admission-plugins, in kube-apiserver's order. */
  admission?: readonly AdmissionPlugin[];
}

/** A request after authentication and impersonation: it always has a user. */
type AuthenticatedRequest = ApiRequest & { user: UserInfo };

export interface DiscoveredResource {
  group: string;
  version: string;
  kind: string;
  name: string;
  singularName: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
  /** The same subresources with the kind, group/version and verbs each serves (aggregated discovery's). */
  subresourceDetails: DiscoveredSubresource[];
}

type Filter = { label: LabelSelector; field: FieldSelector };

/** Lease expiries are checked in batches of this many milliseconds. */
const LEASE_BATCH_MS = 10_000;

/** The watch cache's bookmarkFrequency. */
const BOOKMARK_FREQUENCY_MS = 60_000;

export class ApiServer {
  private readonly resources: readonly ResourceDefinition[];
  private readonly ctx: StrategyContext;
  private readonly filterIndex = new FilterIndex();
  /** Label → keys, so selective lists visit only candidates (kept exact by revision). */
  private readonly labelIndex: LabelIndex;
  /** The kinds' `indexedFields` (field=value → keys), kept exact by revision as the label index is. */
  private readonly fieldIndex: LabelIndex;
  /** Each listed resource's current objects in key order (kept exact by revision as the indexes are). */
  private readonly listCache: ListCache;
  private readonly authorizer: Authorizer;
  /**
   * The watch cache's decoded objects: one per stored version (etcd hands out one frozen object per
   * revision), shared by every watcher of it and by the binding subresource. A version's entry is
   * dropped once the deliveries of the write that superseded it have run (`retire`).
   */
  private readonly sharedDecodes = new WeakMap<KeyValue, SharedDecode>();
  /** Superseded versions whose decodings go once the deliveries queued before `retiring` ran. */
  private retiredNext: KeyValue[] = [];
  private retiring = false;
  /** Namespace phases by stored version, so NamespaceLifecycle does not parse the Namespace per create. */
  private readonly namespacePhases = new WeakMap<KeyValue, string | undefined>();
  private readonly sharedManagedFields = new SharedManagedFields();
  private readonly createFields = new CreateFieldsMemo();
  private readonly parseShared = (text: string): KubeObject => this.sharedManagedFields.parse(text);
  /** etcd leases of keys whose kind has a TTL: the revision that attached each, and when it ends. */
  private readonly leases = new Map<string, { def: ResourceDefinition; revision: number; expiresAt: number }>();
  private leaseTimer: Disposable | undefined;
  private leaseTimerAt: number | undefined;
  private readonly admissionPlugins: readonly AdmissionPlugin[];
  /** Serves the resources of established CRDs when the apiextensions.k8s.io group is served. */
  private readonly crds: CrdController | undefined;

  constructor(private readonly options: ApiServerOptions) {
    this.resources = options.resources;
    const storeStatus = options.etcd.status();
    this.labelIndex = new LabelIndex(storeStatus.revision, storeStatus.keys === 0);
    this.fieldIndex = new LabelIndex(storeStatus.revision, storeStatus.keys === 0);
    this.listCache = new ListCache(storeStatus.revision);
    this.authorizer = options.authorizer ?? ALWAYS_ALLOW;
    this.admissionPlugins = options.admission ?? [];
    const streams = new Map<string, Random>();
    this.ctx = {
      now: () => options.clock.now(),
      random: options.random,
      config: { ...DEFAULT_REGISTRY_CONFIG, ...options.config },
      stream: (label) => {
        let stream = streams.get(label);
        if (!stream) streams.set(label, (stream = options.random.fork(label)));
        return stream;
      },
      list: (group, resource) => this.ctx.listIn(group, resource, undefined),
      listIn: (group, resource, namespace) => {
        const def = this.resourceFor(group, resource);
        if (!def || def.virtual) return [];
        return this.options.etcd.range(this.keyPrefix(def, namespace), { prefix: true }).kvs.map((kv) => this.decode(def, kv));
      },
      get: (group, resource, namespace, name) => {
        const def = this.resourceFor(group, resource);
        if (!def || def.virtual) return undefined;
        const kv = this.options.etcd.range(this.key(def, namespace, name)).kvs[0];
        return kv ? this.decode(def, kv) : undefined;
      },
      internal: (request) => this.handle({ ...request, user: LOOPBACK_USER, agent: 'kube-apiserver' }),
      authorize: (attributes) => this.authorizer.authorize(attributes),
      rules: options.ruleResolver ?? { rulesFor: () => ({ resourceRules: [], nonResourceRules: [], incomplete: true }) },
    };
    this.crds = servesCustomResourceDefinitions(options.resources) ? new CrdController({ etcd: options.etcd, clock: options.clock, ctx: this.ctx }) : undefined;
  }

  /** The built-in resources, then those served from CustomResourceDefinitions. */
  private served(): readonly ResourceDefinition[] {
    return this.crds ? [...this.resources, ...this.crds.definitions()] : this.resources;
  }

  /** Stop the server's own timers (lease expiry); the store and its data stay. */
  dispose(): void {
    this.leaseTimer?.dispose();
    this.leaseTimer = undefined;
    this.leaseTimerAt = undefined;
  }

  /** The discovery documents' content: every served resource. */
  discovery(): DiscoveredResource[] {
    return this.served().map((r) => ({
      group: r.group,
      version: r.version,
      kind: r.kind,
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      shortNames: r.shortNames,
      categories: r.categories,
      verbs: r.verbs,
      subresources: r.subresources,
      subresourceDetails: describeSubresources(r),
    }));
  }

  /**
   * Handle any non-watch request, as kube-apiserver's filter chain does: impersonation, then
   * authorization, then the resource's handler (where admission runs).
   */
  handle(incoming: ApiRequest): ApiResult<unknown> {
    const authenticated = this.authenticate(incoming);
    if (!authenticated.ok) return this.traced(incoming, authenticated);
    const request = authenticated.value;
    const def = this.lookup(request);
    if (!def) {
      return this.traced(request, {
        ok: false,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          details: {},
          code: 404,
        },
      });
    }
    const forbidden = this.authorizeRequest(request, def);
    if (forbidden) return this.traced(request, { ok: false, status: forbidden });
    if (def.virtual) return this.traced(request, this.serveVirtual(def, request));
    const handler = request.subresource ? def.subresourceHandlers?.[request.subresource] : undefined;
    if (handler) return this.traced(request, this.serveSubresource(def, handler, request));
    if (request.subresource === 'scale') return this.traced(request, this.scale(def, request));
    let result: ApiResult<unknown>;
    switch (request.verb) {
      case 'get':
        result = this.get(def, request);
        break;
      case 'list':
        result = this.list(def, request);
        break;
      case 'create':
        result = request.subresource === 'binding' ? this.bind(def, request) : this.create(def, request);
        break;
      case 'update':
        result = this.update(def, request);
        break;
      case 'patch':
        result = this.patch(def, request);
        break;
      case 'delete':
        result = this.delete(def, request);
        break;
      case 'deletecollection':
        result = this.deleteCollection(def, request);
        break;
      default:
        result = { ok: false, status: methodNotSupported(gr(def), request.verb) };
    }
    return this.traced(request, result);
  }

  /**
   * Watch a resource. `resourceVersion` unset or "0": synthetic ADDED events for the current state
   * first; otherwise replay every change after that revision (410 Gone if compacted).
   */
  watch(incoming: ApiRequest, onEvent: (event: WatchEventObject) => void): ApiResult<Disposable> {
    const authenticated = this.authenticate(incoming);
    if (!authenticated.ok) return authenticated;
    const request = authenticated.value;
    const def = this.lookup(request);
    if (!def) return { ok: false, status: notFound({ group: request.group, resource: request.resource }, '') };
    if (def.virtual) return { ok: false, status: methodNotAllowedByRoute() };
    const forbidden = this.authorizeRequest({ ...request, verb: 'watch' }, def);
    if (forbidden) return { ok: false, status: forbidden };
    const filter = this.parseFilter(def, request);
    if (!filter.ok) return { ok: false, status: filter.status };
    const prefix = this.keyPrefix(def, request.namespace);
    const key = request.name ? this.key(def, request.namespace, request.name) : prefix;
    const rv = request.query?.resourceVersion;
    let startRevision: number;
    let active = true;
    const asTable = request.query?.asTable;
    const send = (event: WatchEventObject): void => {
      if (!active) return;
      // Accept: as=Table: each event's object printed server-side as a one-row Table.
      if (asTable && (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED')) {
        const table = this.toTable(def, [event.object as KubeObject], event.object.metadata?.resourceVersion, request.query?.includeObject);
        onEvent({ type: event.type, object: table as unknown as KubeObject });
      } else onEvent(event);
    };
    if (!rv || rv === '0') {
      const current = this.options.etcd.range(key, { prefix: !request.name });
      startRevision = current.revision + 1;
      const initial = current.kvs.map((kv) => this.decode(def, kv)).filter((o) => this.matches(def, o, filter.value));
      this.options.defer(() => {
        for (const object of initial) send({ type: 'ADDED', object });
      });
    } else {
      startRevision = Number(rv) + 1;
    }
    this.options.tracer.emit({
      from: request.agent ?? 'client',
      to: 'kube-apiserver',
      verb: 'watch',
      resource: def.plural,
      namespace: request.namespace,
      name: request.name,
    });
    const watch = this.options.etcd.watch(
      key,
      { prefix: !request.name, startRevision },
      {
        onEvents: (events) => {
          for (const event of events) {
            const translated = this.translate(def, event, filter.value);
            if (translated) send(translated);
          }
        },
        onError: () => {
          send({ type: 'ERROR', object: gone('too old resource version') });
        },
      },
    );
    const bookmarks = request.query?.allowWatchBookmarks ? this.scheduleBookmarks(def, send) : undefined;
    return {
      ok: true,
      code: 200,
      value: toDisposable(() => {
        active = false;
        bookmarks?.dispose();
        watch.dispose();
      }),
    };
  }

  /**
   * The watch cache's bookmarks: about every minute, an object of the watched kind carrying only
   * the current resourceVersion. Background work on the lab clock, so it never keeps it busy. The
   * revision is read when the timer fires and sent after the deliveries already queued, so every
   * event up to it has reached the watcher first.
   */
  private scheduleBookmarks(def: ResourceDefinition, send: (event: WatchEventObject) => void): Disposable {
    let timer: Disposable | undefined;
    let stopped = false;
    const tick = (): void => {
      const resourceVersion = String(this.options.etcd.status().revision);
      this.options.defer(() => {
        if (!stopped) send({ type: 'BOOKMARK', object: { apiVersion: apiVersionOf(def), kind: def.kind, metadata: { resourceVersion } } });
      });
      arm();
    };
    const arm = (): void => {
      timer = this.options.clock.schedule(BOOKMARK_FREQUENCY_MS, tick, { background: true });
    };
    arm();
    return toDisposable(() => {
      stopped = true;
      timer?.dispose();
    });
  }

  /** Convert one object or a list to a server-side printed Table. */
  toTable(def: ResourceDefinition, objects: KubeObject[], resourceVersion: string | undefined, includeObject: RequestQuery['includeObject'] = 'Metadata'): Table {
    // Passing entries (not the cache's): the objects at hand, decoded for `def`.
    const entries = objects.map((object) => ({ ...cacheEntry('', undefined), object, decodedFor: def }));
    return this.tableOf(def, entries, resourceVersion, includeObject, (entry) => entry.object!);
  }

  /**
   * The Table of listed entries. A printer that splits its work keeps each entry's time-independent
   * facts on the entry, so cached entries listed again only format their ages.
   */
  private tableOf(
    def: ResourceDefinition,
    entries: readonly CacheEntry[],
    resourceVersion: string | undefined,
    includeObject: RequestQuery['includeObject'] = 'Metadata',
    objectOf: (entry: CacheEntry) => KubeObject,
  ): Table {
    const now = this.options.clock.now();
    const printer = def.printer;
    const rows = new Array<TableRow>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const object = objectOf(entry);
      const cells = printer ? rowCells(printer, entry, object, now) : [object.metadata.name ?? '', object.metadata.creationTimestamp ?? ''];
      // includeObject: Metadata (the default) sends PartialObjectMetadata, Object the whole object.
      if (includeObject === 'None') rows[i] = { cells };
      else if (includeObject === 'Object') rows[i] = { cells, object };
      else rows[i] = { cells, object: (entry.partial ??= partialObjectMetadata(object)) };
    }
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: resourceVersion ? { resourceVersion } : {},
      columnDefinitions: printer?.columns ?? DEFAULT_TABLE_COLUMNS,
      rows,
    };
  }

  resourceFor(group: string, resource: string): ResourceDefinition | undefined {
    return this.served().find((r) => r.group === group && r.plural === resource);
  }

  // ---- verbs ------------------------------------------------------------------------------------

  private get(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const name = request.name ?? '';
    const kv = this.options.etcd.range(this.key(def, request.namespace, name)).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    const object = this.decode(def, kv);
    if (request.query?.asTable) return { ok: true, code: 200, value: this.toTable(def, [object], undefined, request.query.includeObject) };
    return { ok: true, code: 200, value: object };
  }

  private list(def: ResourceDefinition, request: ApiRequest): ListResult | ApiResult<Table> {
    const filter = this.parseFilter(def, request);
    if (!filter.ok) return { ok: false, status: filter.status };
    const prefix = this.keyPrefix(def, request.namespace);
    const limit = request.query?.limit ?? 0;
    let startKey = prefix;
    let revision: number | undefined;
    if (request.query?.continue) {
      const token = decodeContinue(request.query.continue);
      if (!token) return { ok: false, status: badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)') };
      startKey = token.start;
      revision = token.rv;
    }
    let listed: { entries: CacheEntry[]; revision: number; shared: boolean };
    try {
      listed = this.listedEntries(def, prefix, startKey, filter.value, revision);
    } catch (error) {
      if (error instanceof CompactedError) {
        return { ok: false, status: gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.') };
      }
      throw error;
    }
    const matched: CacheEntry[] = [];
    let next: string | undefined;
    const selective = !filter.value.label.empty || !filter.value.field.empty;
    // Served as the watch cache serves lists: its decoded objects, shared and not to be mutated.
    const objectOf = (entry: CacheEntry): KubeObject => (entry.decodedFor === def ? entry.object! : this.decodeEntry(def, entry, listed.shared));
    const continuing = startKey !== prefix;
    for (const entry of listed.entries) {
      if (continuing && entry.key < startKey) continue;
      // A selective list consults the remembered labels and fields first and decodes only matches.
      if (selective && !factsMatch(this.filterFactsOf(def, entry, objectOf), filter.value.label, filter.value.field)) continue;
      if (limit > 0 && matched.length >= limit) {
        next = entry.key;
        break;
      }
      matched.push(entry);
    }
    const resourceVersion = String(revision ?? listed.revision);
    const cont = next ? encodeContinue({ rv: Number(resourceVersion), start: next }) : undefined;
    if (request.query?.asTable) {
      const table = this.tableOf(def, matched, resourceVersion, request.query.includeObject, objectOf);
      if (cont) table.metadata.continue = cont;
      return { ok: true, code: 200, value: table };
    }
    const items = matched.map(objectOf);
    return {
      ok: true,
      code: 200,
      value: {
        apiVersion: apiVersionOf(def),
        kind: `${def.kind}List`,
        metadata: { resourceVersion, ...(cont ? { continue: cont } : {}) },
        items,
      },
    };
  }

  /**
   * What a list walks: the label or field index's candidates when one narrows it, else the list
   * cache's entries at the current revision, else (an older revision, or a view of another
   * resource's storage) etcd's range. `shared`: the entries are the cache's, decoded once for all.
   */
  private listedEntries(
    def: ResourceDefinition,
    prefix: string,
    startKey: string,
    filter: Filter,
    revision: number | undefined,
  ): { entries: CacheEntry[]; revision: number; shared: boolean } {
    const indexed = this.indexedRange(def, prefix, filter, revision);
    if (!indexed && !def.conversion) {
      const current = this.options.etcd.range(prefix).revision;
      if (revision === undefined || revision === current) {
        const resourcePrefix = this.keyPrefix(def, undefined);
        const entries = this.listCache.entries(
          resourcePrefix,
          prefix,
          startKey,
          current,
          () => this.options.etcd.range(resourcePrefix, { prefix: true }).kvs,
          (key) => this.options.etcd.range(key).kvs[0],
        );
        return { entries, revision: current, shared: true };
      }
    }
    const range = indexed ?? this.options.etcd.range(prefix, { prefix: true, revision });
    return { entries: range.kvs.map((kv) => cacheEntry(kv.key, kv)), revision: range.revision, shared: false };
  }

  /** The labels and fields a selector reads of an entry: remembered at the write, kept on the entry once read. */
  private filterFactsOf(def: ResourceDefinition, entry: CacheEntry, objectOf: (entry: CacheEntry) => KubeObject): FilterFacts {
    if (entry.filteredFor === def) return entry.filterFacts!;
    entry.filterFacts = this.filterIndex.facts(def, entry.kv!, () => objectOf(entry));
    entry.filteredFor = def;
    return entry.filterFacts;
  }

  /**
   * An entry's object for `def`: a cached entry's decoding is the watch cache's shared one, kept
   * on the entry; a passing one (an older revision) reuses a watcher's decoding when there is one.
   */
  private decodeEntry(def: ResourceDefinition, entry: CacheEntry, shared: boolean): KubeObject {
    const kv = entry.kv!;
    const object = shared ? this.decodeShared(def, kv) : (this.cachedDecode(def, kv) ?? this.decode(def, kv));
    entry.object = object;
    entry.decodedFor = def;
    entry.rowFacts = undefined;
    entry.printedBy = undefined;
    entry.partial = undefined;
    return object;
  }

  /**
   * A list's stored objects read through the label index, or else the indexed fields' index: only
   * the keys that can match, in key order, at the current revision. Undefined when no index can
   * help (no equality or set requirement on an indexed label or field, too many candidates, or a
   * list at an older revision) — then the caller scans.
   */
  private indexedRange(def: ResourceDefinition, prefix: string, filter: Filter, revision: number | undefined): { kvs: KeyValue[]; revision: number } | undefined {
    const fields: LabelRequirement[] = [];
    // A version that is a view of another's storage (events.k8s.io Events) names other fields.
    for (const r of def.conversion ? [] : filter.field.requirements) {
      if (r.op === '=' && def.strategy.indexedFields?.includes(r.field)) fields.push({ key: r.field, op: '=', value: r.value });
    }
    if (filter.label.empty && fields.length === 0) return undefined;
    // A single-key read is the cheap way to learn the store's revision (status() counts every key).
    const current = this.options.etcd.range(prefix).revision;
    if (revision !== undefined && revision !== current) return undefined;
    const resourcePrefix = this.keyPrefix(def, undefined);
    const decode = (kv: KeyValue): KubeObject => this.cachedDecode(def, kv) ?? this.decode(def, kv);
    const stored = (): KeyValue[] => this.options.etcd.range(resourcePrefix, { prefix: true }).kvs;
    let keys = filter.label.empty
      ? undefined
      : this.labelIndex.candidates(resourcePrefix, prefix, filter.label.requirements, current, () =>
          stored().map((kv) => ({ key: kv.key, labels: this.filterIndex.facts(def, kv, decode).labels })),
        );
    if (!keys && fields.length > 0) {
      keys = this.fieldIndex.candidates(resourcePrefix, prefix, fields, current, () =>
        stored().map((kv) => ({ key: kv.key, labels: this.indexedValues(def, decode(kv)) ?? undefined })),
      );
    }
    if (!keys) return undefined;
    const kvs: KeyValue[] = [];
    for (const key of keys) {
      const kv = this.options.etcd.range(key).kvs[0];
      if (kv) kvs.push(kv);
    }
    return { kvs, revision: current };
  }

  private create(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const decoded = this.decodeBody(def, request);
    if (!decoded.ok) return decoded;
    const object = decoded.value;
    const decodeError = this.decodeKind(def, object, request);
    if (decodeError) return { ok: false, status: decodeError };
    omitEmptyMetadata(object);
    const meta = object.metadata;
    if (!meta.name && meta.generateName) {
      meta.name = meta.generateName + this.options.random.string(5, NAME_SUFFIX_ALPHABET);
    }
    if (def.namespaced) {
      const admitted = this.admitNamespace(def, request.namespace ?? '', meta.name ?? '');
      if (admitted) return { ok: false, status: admitted };
    }
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.options.random.uuid();
    meta.creationTimestamp = rfc3339(this.options.clock.now());
    if (def.strategy.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    def.strategy.applyDefaults?.(object);
    // The field manager runs on the decoded, defaulted object, before admission and the registry's
    // own mutations: scheme defaults are the creator's fields, allocations and admission's are not.
    if (request.patchType !== 'apply') this.createFields.recordCreate(def, object, this.managedFieldsUpdate(def, request, undefined));
    const notAdmitted = this.admission('admit', 'CREATE', def, request, object, undefined);
    if (notAdmitted) return { ok: false, status: notAdmitted };
    const refused = def.strategy.beginCreate?.(object, this.ctx);
    if (refused) return { ok: false, status: refused };
    def.strategy.prepareForCreate?.(object, this.ctx);
    const errors = def.strategy.validate?.(object) ?? [];
    if (errors.length > 0) return { ok: false, status: invalid(def.kind, def.group, meta.name ?? '', errors) };
    const notValid = this.admission('validate', 'CREATE', def, request, object, undefined);
    if (notValid) return { ok: false, status: notValid };
    const key = this.key(def, meta.namespace, meta.name ?? '');
    if (isDryRun(request)) {
      // The dry-run storage still checks that the name is free; nothing is written or kept.
      if (this.options.etcd.range(key).kvs[0]) return { ok: false, status: alreadyExists(gr(def), meta.name ?? '') };
      return { ok: true, code: 201, value: object };
    }
    const revision = this.writeIfUnchanged(def, request, key, 0, object);
    if (revision === undefined) return { ok: false, status: alreadyExists(gr(def), meta.name ?? '') };
    meta.resourceVersion = String(revision);
    return { ok: true, code: 201, value: object };
  }

  private update(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const decoded = this.decodeBody(def, request);
    if (!decoded.ok) return decoded;
    return this.writeUpdate(def, request, decoded.value);
  }

  private patch(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    if (request.patchType === 'apply') return this.apply(def, request);
    if (request.query?.force !== undefined) return { ok: false, status: forceNotAllowed() };
    const name = request.name ?? '';
    const kv = this.options.etcd.range(this.key(def, request.namespace, name)).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    const current = this.decode(def, kv);
    const result = applyPatch(current, request.patchType, request.body);
    if (!result.ok) return result;
    const patched = result.value;
    if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
      return { ok: false, status: badRequest('the patch did not produce an object') };
    }
    const object = patched as KubeObject;
    object.metadata ??= {};
    // A patch that names no resourceVersion applies to whatever is current. A JSON patch keeps the
    // current one unless it replaces it (then a stale one conflicts).
    if (request.patchType !== 'json' && !(request.body as KubeObject | undefined)?.metadata?.resourceVersion) {
      object.metadata.resourceVersion = String(kv.modRevision);
    }
    return this.writeUpdate(def, request, object);
  }

  /**
   * Server-side apply: the applied configuration merged into the live object with field ownership
   * (409 on conflicts unless forced); a missing object is created (201).
   */
  private apply(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const refused = validateApplyOptions(request.query?.fieldManager);
    if (refused) return { ok: false, status: refused };
    const name = request.name ?? '';
    const kv = this.options.etcd.range(this.key(def, request.namespace, name)).kvs[0];
    if (!kv && request.subresource) return { ok: false, status: notFound(gr(def), name) };
    const current = kv ? this.decode(def, kv) : undefined;
    const applied = serverSideApply(current, request.body, {
      kind: def.kind,
      apiVersion: apiVersionOf(def),
      manager: request.query?.fieldManager ?? '',
      force: request.query?.force === true,
      time: rfc3339(this.options.clock.now()),
      ignored: resetFields(def.strategy.hasStatusSubresource, request.subresource),
    });
    if (!applied.ok) return applied;
    const object = applied.value;
    // checkName: the applied object must carry the URL's name.
    if (object.metadata.name !== name) {
      return { ok: false, status: badRequest(`the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${name})`) };
    }
    if (!kv) return this.create(def, { ...request, verb: 'create', body: object });
    if (!(request.body as KubeObject).metadata?.resourceVersion) object.metadata.resourceVersion = String(kv.modRevision);
    return this.writeUpdate(def, request, object);
  }

  /** The field manager's view of an Update operation (create, update, non-apply patch). */
  private managedFieldsUpdate(def: ResourceDefinition, request: ApiRequest, subresource: string | undefined): UpdateOperation {
    return {
      kind: def.kind,
      manager: managerOf(request.query?.fieldManager, request.agent),
      apiVersion: apiVersionOf(def),
      ...(subresource ? { subresource } : {}),
      time: rfc3339(this.options.clock.now()),
      ignored: resetFields(def.strategy.hasStatusSubresource, subresource),
    };
  }

  /**
   * GET, PUT or PATCH of `<resource>/<name>/scale` (autoscaling/v1 Scale). Writing a Scale is an
   * update of the workload itself: its strategy, generation, validation and conflicts apply.
   */
  private scale(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    if (!def.subresources.includes('scale')) {
      return { ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 } };
    }
    if (request.verb !== 'get' && request.verb !== 'update' && request.verb !== 'patch') {
      return { ok: false, status: methodNotSupported({ group: def.group, resource: `${def.plural}/scale` }, request.verb) };
    }
    const name = request.name ?? '';
    const kv = this.options.etcd.range(this.key(def, request.namespace, name)).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    const workload = this.decode(def, kv);
    const current = toScale(workload);
    if (!current.ok) return current;
    if (request.verb === 'get') return { ok: true, code: 200, value: current.value };
    const sent = requestedScale(current.value, request);
    if (!sent.ok) return sent;
    const next = applyScale(def, workload, sent.value);
    if (!next.ok) return next;
    const written = this.writeUpdate(def, { ...request, verb: 'update', subresource: undefined }, next.value, 'scale');
    if (!written.ok) return written;
    const scale = toScale(written.value as KubeObject);
    return scale.ok ? { ok: true, code: 200, value: scale.value } : scale;
  }

  /** `fieldsSubresource`: the subresource the write is recorded under in managedFields (`scale`). */
  private writeUpdate(def: ResourceDefinition, request: ApiRequest, object: KubeObject, fieldsSubresource = request.subresource): ApiResult<unknown> {
    const name = request.name ?? object.metadata.name ?? '';
    if (object.metadata.name && request.name && object.metadata.name !== request.name) {
      return { ok: false, status: badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${request.name})`) };
    }
    const key = this.key(def, request.namespace, name);
    const kv = this.options.etcd.range(key).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    const old = this.decode(def, kv);
    const decodeError = this.decodeKind(def, object, request);
    if (decodeError) return { ok: false, status: decodeError };
    const sentRv = object.metadata.resourceVersion;
    if (sentRv && sentRv !== String(kv.modRevision)) return { ok: false, status: conflictModified(gr(def), name) };
    if (!sentRv && def.strategy.allowUnconditionalUpdate === false && !request.subresource && request.verb === 'update') {
      return {
        ok: false,
        status: invalid(def.kind, def.group, name, [
          { type: 'FieldValueInvalid', field: 'metadata.resourceVersion', detail: 'Invalid value: 0x0: must be specified for an update' },
        ]),
      };
    }
    const next = this.mergeForUpdate(def, request.subresource, object, old);
    omitEmptyMetadata(next);
    if (next.metadata.deletionTimestamp === undefined && old.metadata.deletionTimestamp !== undefined) {
      next.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
      next.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    def.strategy.applyDefaults?.(next);
    if (request.patchType === 'apply') {
      // Server-side apply has settled ownership already; `/status` keeps the stored metadata otherwise.
      if (object.metadata.managedFields) next.metadata.managedFields = object.metadata.managedFields;
      else delete next.metadata.managedFields;
    } else {
      recordUpdate(old, next, this.managedFieldsUpdate(def, request, fieldsSubresource));
    }
    const notAdmitted = this.admission('admit', 'UPDATE', def, request, next, old);
    if (notAdmitted) return { ok: false, status: notAdmitted };
    if (!request.subresource) {
      const refused = def.strategy.beginUpdate?.(next, old, this.ctx);
      if (refused) return { ok: false, status: refused };
      def.strategy.prepareForUpdate?.(next, old, this.ctx);
    }
    const subresourceUpdate = request.subresource ? def.strategy.subresourceUpdates?.[request.subresource] : undefined;
    subresourceUpdate?.prepare?.(next, old, this.ctx);
    if (def.strategy.tracksGeneration && !request.subresource && !jsonEqual(next.spec, old.spec)) {
      next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    }
    const errors = !request.subresource
      ? ((def.strategy.validateUpdate ?? def.strategy.validate)?.(next, old) ?? [])
      : subresourceUpdate?.validate
        ? subresourceUpdate.validate(next, old)
        : request.subresource === 'status'
        ? (def.strategy.validateStatusUpdate?.(next, old) ?? [])
        : [];
    if (errors.length > 0) return { ok: false, status: invalid(def.kind, def.group, name, errors) };
    const notValid = this.admission('validate', 'UPDATE', def, request, next, old);
    if (notValid) return { ok: false, status: notValid };
    delete next.metadata.resourceVersion;
    if (jsonEqual(next, withoutRv(old))) {
      // No-op updates are not written: the resourceVersion stays, and watchers see nothing.
      next.metadata.resourceVersion = String(kv.modRevision);
      return { ok: true, code: 200, value: next };
    }
    if (isDryRun(request)) return { ok: true, code: 200, value: { ...next, metadata: { ...next.metadata, resourceVersion: String(kv.modRevision) } } };
    if (shouldDeleteDuringUpdate(def, next, old)) return this.removeFromStorage(def, request, key, kv, next);
    const revision = this.writeIfUnchanged(def, request, key, kv.modRevision, next);
    if (revision === undefined) return { ok: false, status: conflictModified(gr(def), name) };
    next.metadata.resourceVersion = String(revision);
    return { ok: true, code: 200, value: next };
  }

  /** Status/spec split: the main endpoint keeps the stored status, `/status` keeps everything else. */
  private mergeForUpdate(def: ResourceDefinition, subresource: string | undefined, sent: KubeObject, old: KubeObject): KubeObject {
    const next = clonePlain(sent);
    // System-owned metadata never changes through an update.
    next.metadata.uid = old.metadata.uid;
    next.metadata.creationTimestamp = old.metadata.creationTimestamp;
    next.metadata.namespace = old.metadata.namespace;
    next.metadata.name = old.metadata.name;
    if (def.strategy.tracksGeneration) next.metadata.generation = old.metadata.generation;
    next.apiVersion = apiVersionOf(def);
    next.kind = def.kind;
    // A subresource with its own update strategy (CSR `approval`) gets the object as sent; its
    // PrepareForUpdate keeps what it may not change.
    if (subresource && subresource !== 'status' && def.strategy.subresourceUpdates?.[subresource]) return next;
    if (subresource === 'status') {
      const merged = clonePlain(old);
      merged.status = next.status;
      merged.metadata.resourceVersion = next.metadata.resourceVersion;
      if (def.strategy.statusUpdatesAnnotations) {
        if (next.metadata.annotations) merged.metadata.annotations = next.metadata.annotations;
        else delete merged.metadata.annotations;
      }
      return merged;
    }
    if (def.strategy.hasStatusSubresource) next.status = clonePlain(old.status);
    return next;
  }

  private bind(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const body = request.body as { target?: { name?: string }; metadata?: { name?: string } } | undefined;
    const name = request.name ?? body?.metadata?.name ?? '';
    const key = this.key(def, request.namespace, name);
    const kv = this.options.etcd.range(key).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    // The watch cache's object (read-only): the write copies only what it changes.
    const pod = this.decodeShared(def, kv) as Pod;
    const node = body?.target?.name;
    if (!node) return { ok: false, status: invalid('Binding', '', name, [required('target.name')]) };
    // kube-apiserver names the subresource in these conflicts: `on pods/binding "x"`.
    const binding = { group: def.group, resource: `${def.plural}/binding` };
    if (pod.spec.nodeName) {
      return { ok: false, status: conflict(binding, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`) };
    }
    if (pod.metadata.deletionTimestamp) {
      return { ok: false, status: conflict(binding, name, `pod ${name} is being deleted, cannot be assigned to a host`) };
    }
    if (isDryRun(request)) return { ok: true, code: 201, value: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    const now = rfc3339(this.options.clock.now());
    const conditions = [
      ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True' as const, lastProbeTime: null, lastTransitionTime: now },
    ];
    const bound: Pod = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec, nodeName: node }, status: { ...pod.status, conditions } };
    const revision = this.writeIfUnchanged(def, request, key, kv.modRevision, bound, boundPodText(kv.value, pod, node, conditions));
    if (revision === undefined) return { ok: false, status: conflictModified(gr(def), name) };
    // The bound Pod is exactly what decoding the new version gives (JSON data, nobody else holds it):
    // the watch cache shares it instead of parsing the text again.
    const written = this.options.etcd.range(key).kvs[0];
    if (written?.modRevision === revision) {
      bound.metadata.resourceVersion = String(revision);
      if (FREEZE_SHARED_OBJECTS) deepFreeze(bound);
      this.sharedDecodes.set(written, { def, object: bound, next: undefined });
    }
    return { ok: true, code: 201, value: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  }

  private delete(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const name = request.name ?? '';
    const options: DeleteOptions = request.deleteOptions ?? {};
    const refused = validateDeleteOptions(options);
    if (refused) return { ok: false, status: refused };
    const key = this.key(def, request.namespace, name);
    const kv = this.options.etcd.range(key).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    const object = this.decode(def, kv);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== object.metadata.uid) {
      return {
        ok: false,
        status: conflict(gr(def), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${object.metadata.uid ?? ''}`),
      };
    }
    if (pre?.resourceVersion && pre.resourceVersion !== String(kv.modRevision)) {
      return {
        ok: false,
        status: conflict(gr(def), name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${kv.modRevision}`),
      };
    }
    const notAdmitted = this.admission('validate', 'DELETE', def, request, undefined, object);
    if (notAdmitted) return { ok: false, status: notAdmitted };
    const grace = def.strategy.gracePeriod?.(object, options.gracePeriodSeconds);
    const alreadyDeleting = object.metadata.deletionTimestamp !== undefined;
    // deletionFinalizersForGarbageCollection: the policy adds `orphan` or `foregroundDeletion`
    // (and drops the other); Background drops both. Once deletion has started they stay as they are.
    const policy = propagationPolicyOf(options);
    if (!alreadyDeleting && policy !== undefined) {
      const current = object.metadata.finalizers ?? [];
      const finalizers = propagationFinalizers(current, policy);
      if (finalizers.length > 0) object.metadata.finalizers = finalizers;
      else if (current.length > 0) delete object.metadata.finalizers;
    }
    if (!alreadyDeleting) def.strategy.beginDelete?.(object, this.ctx);
    if (def.strategy.specFinalizers) return this.deleteHeldBySpec(def, request, key, kv, object, alreadyDeleting);
    const finalizers = object.metadata.finalizers ?? [];
    if (grace !== undefined && grace > 0) {
      // Graceful deletion: mark the object; its kubelet stops it and then deletes it for good.
      const current = object.metadata.deletionGracePeriodSeconds;
      if (alreadyDeleting && current !== undefined && current <= grace) return notYetDeleted(object, options);
      object.metadata.deletionTimestamp = rfc3339(this.options.clock.now() + grace * 1000);
      object.metadata.deletionGracePeriodSeconds = grace;
      return this.storeMarked(def, request, key, kv, object);
    }
    if (finalizers.length > 0) {
      // Wait for the finalizers; a shorter grace period (down to 0) still updates the mark, so that
      // removing the last finalizer then deletes the object.
      if (alreadyDeleting && object.metadata.deletionGracePeriodSeconds === 0) return notYetDeleted(object, options);
      object.metadata.deletionTimestamp = rfc3339(this.options.clock.now());
      object.metadata.deletionGracePeriodSeconds = 0;
      return this.storeMarked(def, request, key, kv, object);
    }
    return this.deleted(def, this.removeFromStorage(def, request, key, kv, object));
  }

  /**
   * Namespace storage's Delete: the first request only marks the object (deletionTimestamp, with no
   * grace period; the registry's beginDelete sets the Terminating phase), later ones answer with it
   * until `spec.finalizers` and metadata's finalizers are gone, then delete it.
   */
  private deleteHeldBySpec(def: ResourceDefinition, request: ApiRequest, key: string, kv: KeyValue, object: KubeObject, alreadyDeleting: boolean): ApiResult<unknown> {
    if (!alreadyDeleting) {
      object.metadata.deletionTimestamp = rfc3339(this.options.clock.now());
      return this.storeMarked(def, request, key, kv, object);
    }
    const held = (def.strategy.specFinalizers?.(object) ?? []).length > 0 || (object.metadata.finalizers ?? []).length > 0;
    return held ? notYetDeleted(object, request.deleteOptions ?? {}) : this.deleted(def, this.removeFromStorage(def, request, key, kv, object));
  }

  /** A delete that removed the object answers as Store.finalizeDelete does (an update that did so answers with the object). */
  private deleted(def: ResourceDefinition, result: ApiResult<unknown>): ApiResult<unknown> {
    return result.ok ? { ...result, value: finalizeDelete(def, result.value as KubeObject) } : result;
  }

  private storeMarked(def: ResourceDefinition, request: ApiRequest, key: string, kv: KeyValue, object: KubeObject): ApiResult<unknown> {
    // A dry run answers with the object as it would be marked, at its current resourceVersion.
    if (isDryRun(request)) return notYetDeleted(object, request.deleteOptions ?? {});
    delete object.metadata.resourceVersion;
    const revision = this.writeIfUnchanged(def, request, key, kv.modRevision, object);
    if (revision === undefined) return { ok: false, status: conflictModified(gr(def), object.metadata.name ?? '') };
    object.metadata.resourceVersion = String(revision);
    return notYetDeleted(object, request.deleteOptions ?? {});
  }

  private removeFromStorage(def: ResourceDefinition, request: ApiRequest, key: string, kv: KeyValue, object: KubeObject): ApiResult<unknown> {
    if (isDryRun(request)) return { ok: true, code: 200, value: { ...object, metadata: { ...object.metadata, resourceVersion: String(kv.modRevision) } } };
    const revision = this.writeIfUnchanged(def, request, key, kv.modRevision, null);
    if (revision === undefined) return { ok: false, status: conflictModified(gr(def), object.metadata.name ?? '') };
    object.metadata.resourceVersion = String(kv.modRevision);
    // AfterDelete: kube-apiserver itself removes what lives and dies with the object (a
    // Service's Endpoints), so a new Service of the same name never inherits stale endpoints.
    for (const ref of def.strategy.dependents?.(object) ?? []) {
      const dependent = this.resourceFor(ref.group, ref.resource);
      if (!dependent) continue;
      this.delete(dependent, {
        verb: 'delete',
        group: ref.group,
        version: dependent.version,
        resource: ref.resource,
        namespace: ref.namespace,
        name: ref.name,
        agent: 'kube-apiserver',
      });
    }
    return { ok: true, code: 200, value: object };
  }

  private deleteCollection(def: ResourceDefinition, request: ApiRequest): ApiResult<unknown> {
    const refused = validateDeleteOptions(request.deleteOptions ?? {});
    if (refused) return { ok: false, status: refused };
    const listed = this.list(def, { ...request, verb: 'list', query: { ...request.query, asTable: false } });
    if (!listed.ok) return listed;
    // Store.DeleteCollection answers with the list it worked from: the objects as they were listed,
    // before their deletion. Each delete gets its own copy of the options; a NotFound (deleted
    // meanwhile) is no failure, any other error is the answer.
    for (const item of (listed.value as { items: KubeObject[] }).items) {
      const deleteOptions = request.deleteOptions ? structuredClone(request.deleteOptions) : undefined;
      const result = this.delete(def, { ...request, verb: 'delete', name: item.metadata.name, namespace: item.metadata.namespace, deleteOptions });
      if (!result.ok && result.status.code !== 404) return result;
    }
    return { ok: true, code: 200, value: listed.value };
  }

  // ---- authentication, authorization, admission --------------------------------------------------

  /** The request's user (the loopback identity when none was authenticated), after impersonation. */
  private authenticate(request: ApiRequest): ApiResult<AuthenticatedRequest> {
    const user = request.user ?? LOOPBACK_USER;
    if (!request.impersonate) return { ok: true, code: 200, value: { ...request, user } };
    const impersonated = impersonate(user, request.impersonate, this.authorizer);
    if (!impersonated.ok) return impersonated;
    return { ok: true, code: 200, value: { ...request, user: impersonated.value, impersonate: undefined } };
  }

  /** The authorization filter: 403 with kube-apiserver's wording unless the authorizer allows. */
  private authorizeRequest(request: AuthenticatedRequest, def: ResourceDefinition): Status | undefined {
    const attributes = requestAttributes(request, def);
    const result = this.authorizer.authorize(attributes);
    if (result.decision === 'Allow') return undefined;
    return forbiddenByAuthorizer({ ...attributes, group: attributes.apiGroup, username: request.user.username }, result.reason);
  }

  private admission(
    phase: 'admit' | 'validate',
    operation: AdmissionOperation,
    def: ResourceDefinition,
    request: ApiRequest,
    object: KubeObject | undefined,
    oldObject: KubeObject | undefined,
  ): Status | undefined {
    if (this.admissionPlugins.length === 0) return undefined;
    const attributes: AdmissionAttributes = {
      operation,
      resource: def,
      subresource: request.subresource,
      namespace: def.namespaced ? (object?.metadata.namespace ?? oldObject?.metadata.namespace ?? request.namespace) : undefined,
      name: object?.metadata.name ?? oldObject?.metadata.name ?? request.name ?? '',
      object,
      oldObject,
      user: request.user ?? LOOPBACK_USER,
      dryRun: isDryRun(request),
    };
    return phase === 'admit' ? admit(this.admissionPlugins, attributes, this.ctx) : validateAdmission(this.admissionPlugins, attributes, this.ctx);
  }

  private serveVirtual(def: ResourceDefinition, request: AuthenticatedRequest): ApiResult<unknown> {
    const virtual = def.virtual!;
    if (request.verb === 'create' && virtual.create) {
      const decoded = this.decodeBody(def, request);
      if (!decoded.ok) return decoded;
      const decodeError = this.decodeKind(def, decoded.value, request);
      if (decodeError) return { ok: false, status: decodeError };
      return virtual.create(request, decoded.value, this.ctx);
    }
    if (request.verb === 'get' && virtual.get) return virtual.get(request, this.ctx);
    if (request.verb === 'list' && virtual.list) return virtual.list(request, this.ctx);
    return { ok: false, status: methodNotAllowedByRoute() };
  }

  private serveSubresource(def: ResourceDefinition, handler: SubresourceHandler, request: AuthenticatedRequest): ApiResult<unknown> {
    if (!handler.verbs.includes(request.verb)) {
      return { ok: false, status: methodNotSupported({ group: def.group, resource: `${def.plural}/${request.subresource ?? ''}` }, request.verb) };
    }
    const name = request.name ?? '';
    const kv = this.options.etcd.range(this.key(def, request.namespace, name)).kvs[0];
    if (!kv) return { ok: false, status: notFound(gr(def), name) };
    return handler.handle(request, this.decode(def, kv), this.ctx);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private lookup(request: ApiRequest): ResourceDefinition | undefined {
    return this.served().find((r) => r.group === request.group && r.version === request.version && r.plural === request.resource);
  }

  key(def: ResourceDefinition, namespace: string | undefined, name: string): string {
    return def.namespaced ? `/registry/${def.storagePrefix}/${namespace ?? ''}/${name}` : `/registry/${def.storagePrefix}/${name}`;
  }

  private keyPrefix(def: ResourceDefinition, namespace: string | undefined): string {
    return def.namespaced && namespace ? `/registry/${def.storagePrefix}/${namespace}/` : `/registry/${def.storagePrefix}/`;
  }

  private decode(def: ResourceDefinition, kv: KeyValue, parse: (text: string) => KubeObject = JSON.parse): KubeObject {
    const stored = parse(kv.value);
    // A version that is a view of another's storage (events.k8s.io/v1 Events) converts on read.
    const object = def.conversion ? def.conversion.fromStorage(stored) : stored;
    object.metadata.resourceVersion = String(kv.modRevision);
    object.apiVersion ??= apiVersionOf(def);
    object.kind ??= def.kind;
    return object;
  }

  private decodeBody(def: ResourceDefinition, request: ApiRequest): ApiResult<KubeObject> {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, status: badRequest('the body of the request was in an unknown format') };
    }
    const object = clonePlain(body) as KubeObject;
    const expected = apiVersionOf(def);
    if (object.apiVersion && object.apiVersion !== expected) {
      return { ok: false, status: badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`) };
    }
    if (object.kind && object.kind !== def.kind) {
      return { ok: false, status: badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${def.kind})`) };
    }
    object.apiVersion = expected;
    object.kind = def.kind;
    object.metadata = typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : {};
    if (def.namespaced) {
      if (object.metadata.namespace && request.namespace && object.metadata.namespace !== request.namespace) {
        return { ok: false, status: badRequest('the namespace of the provided object does not match the namespace sent on the request') };
      }
      object.metadata.namespace = request.namespace ?? object.metadata.namespace;
    } else {
      delete object.metadata.namespace;
    }
    return { ok: true, code: 200, value: object };
  }

  /**
   * The kind's own decoding of the v1 JSON; a failure is the 400 kube-apiserver's codec returns.
   * Unknown fields are dropped, as the decoder never keeps them; with `fieldValidation=Strict`
   * they fail the request (a type error wins over them, as in Go). `Warn` — the default — and
   * `Ignore` let it through (the lab sends no warnings).
   */
  private decodeKind(def: ResourceDefinition, object: KubeObject, request: ApiRequest): Status | undefined {
    const unknownFields = def.strategy.pruneUnknownFields?.(object) ?? pruneUnknownFields(apiVersionOf(def), def.kind, object);
    const cannotHandle = `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: `;
    const error = def.strategy.decode?.(object);
    if (error) return badRequest(cannotHandle + error);
    if (unknownFields.length === 0 || request.query?.fieldValidation !== 'Strict') return undefined;
    // The patch handler reports the strict decoding error of the patched object on its own.
    const message = strictDecodingError(unknownFields);
    return badRequest(request.verb === 'patch' ? message : cannotHandle + message);
  }

  /** NamespaceLifecycle admission: no new objects in a missing or terminating namespace. */
  private admitNamespace(def: ResourceDefinition, namespace: string, name: string): Status | undefined {
    const ns = this.options.etcd.range(`/registry/namespaces/${namespace}`).kvs[0];
    if (!ns) return notFound({ group: '', resource: 'namespaces' }, namespace);
    let phase = this.namespacePhases.get(ns);
    if (!this.namespacePhases.has(ns)) this.namespacePhases.set(ns, (phase = (JSON.parse(ns.value) as { status?: { phase?: string } }).status?.phase));
    if (phase === 'Terminating') return forbiddenNamespaceTerminating(gr(def), name, namespace);
    return undefined;
  }

  private parseFilter(def: ResourceDefinition, request: ApiRequest): { ok: true; value: Filter } | { ok: false; status: Status } {
    const label = parseLabelSelector(request.query?.labelSelector);
    if (!label.ok) return { ok: false, status: badRequest(label.error) };
    const field = parseFieldSelector(request.query?.fieldSelector);
    if (!field.ok) return { ok: false, status: badRequest(field.error) };
    for (const r of field.selector.requirements) {
      if (r.field === 'metadata.name' || (r.field === 'metadata.namespace' && def.namespaced)) continue;
      if (!def.strategy.selectableFields?.includes(r.field)) {
        return { ok: false, status: badRequest(`field label not supported: ${r.field}`) };
      }
    }
    return { ok: true, value: { label: label.selector, field: field.selector } };
  }

  private matches(def: ResourceDefinition, object: KubeObject, filter: Filter): boolean {
    if (!filter.label.matches(object.metadata.labels)) return false;
    return filter.field.matches((field) => {
      if (field === 'metadata.name') return object.metadata.name;
      if (field === 'metadata.namespace') return object.metadata.namespace;
      return def.strategy.selectableField?.(object, field);
    });
  }

  /** An etcd event as a watch event, judged against the watch's selectors before and after. */
  private translate(def: ResourceDefinition, event: WatchEvent, filter: Filter): WatchEventObject | undefined {
    if (event.type === 'PUT' && filter.label.requirements.length === 0 && filter.field.requirements.length === 0) {
      // Everything matches: the previous version only decides ADDED or MODIFIED.
      return { type: event.prevKv ? 'MODIFIED' : 'ADDED', object: this.decodeShared(def, event.kv) };
    }
    const prev = event.prevKv ? this.decodeShared(def, event.prevKv) : undefined;
    const prevMatched = prev ? this.matches(def, prev, filter) : false;
    if (event.type === 'DELETE') {
      if (!prev || !prevMatched) return undefined;
      return { type: 'DELETED', object: atRevision(prev, event.kv.modRevision) };
    }
    const current = this.decodeShared(def, event.kv);
    const matched = this.matches(def, current, filter);
    if (matched && (!prev || !prevMatched)) return { type: 'ADDED', object: current };
    if (matched) return { type: 'MODIFIED', object: current };
    if (prev && prevMatched) {
      // As the watch cache does: the object the watcher last saw, at the event's resourceVersion.
      return { type: 'DELETED', object: atRevision(prev, event.kv.modRevision) };
    }
    return undefined;
  }

  /**
   * One decoded object per etcd event for every watcher of it, as kube-apiserver's watch cache
   * hands the same object to all its watchers: receivers must not mutate it (client-go's rule;
   * tests freeze it to catch a component that does).
   */
  private decodeShared(def: ResourceDefinition, kv: KeyValue): KubeObject {
    const cached = this.cachedDecode(def, kv);
    if (cached) return cached;
    const first = this.sharedDecodes.get(kv);
    const object = this.decode(def, kv, this.parseShared);
    if (FREEZE_SHARED_OBJECTS) deepFreeze(object);
    this.sharedDecodes.set(kv, { def, object, next: first });
    return object;
  }

  /** The watch cache's decoding of a stored version, if a watcher has had it. */
  private cachedDecode(def: ResourceDefinition, kv: KeyValue): KubeObject | undefined {
    for (let entry = this.sharedDecodes.get(kv); entry; entry = entry.next) if (entry.def === def) return entry.object;
    return undefined;
  }

  /** The kind's indexed fields of a stored object (null when the kind indexes none). */
  private indexedValues(def: ResourceDefinition, object: KubeObject): Record<string, string> | null {
    const fields = def.strategy.indexedFields;
    if (!fields) return null;
    const values: Record<string, string> = {};
    for (const field of fields) values[field] = def.strategy.selectableField?.(object, field) ?? '';
    return values;
  }

  /** The definition whose form etcd stores: a view's (events.k8s.io Events) is the core one. */
  private storageDefinition(def: ResourceDefinition): ResourceDefinition {
    if (!def.conversion) return def;
    return this.served().find((r) => r.storagePrefix === def.storagePrefix && !r.conversion) ?? def;
  }

  /**
   * A version was superseded (or deleted): its decoding is kept until the watch deliveries of that
   * write — queued before this — have run, then dropped, so only current versions stay decoded.
   */
  private retire(kv: KeyValue | undefined): void {
    if (!kv || !this.sharedDecodes.has(kv)) return;
    if (this.retiring) {
      this.retiredNext.push(kv);
      return;
    }
    this.retiring = true;
    this.dropDecodes([kv]);
  }

  private dropDecodes(batch: KeyValue[]): void {
    this.options.defer(() => {
      for (const kv of batch) this.sharedDecodes.delete(kv);
      const next = this.retiredNext;
      if (next.length === 0) {
        this.retiring = false;
        return;
      }
      // Retired while this batch waited: their deliveries are queued before the next drop.
      this.retiredNext = [];
      this.dropDecodes(next);
    });
  }

  private traced<T>(request: ApiRequest, result: ApiResult<T>): ApiResult<T> {
    const body = request.body as KubeObject | undefined;
    this.options.tracer.emit({
      from: request.agent ?? 'client',
      ...(request.user ? { user: request.user.username } : {}),
      to: 'kube-apiserver',
      verb: request.subresource === 'binding' ? 'bind' : request.verb,
      resource: request.resource,
      subresource: request.subresource,
      namespace: request.namespace,
      name: request.name ?? body?.metadata?.name,
      code: result.ok ? result.code : result.status.code,
      message: result.ok ? undefined : result.status.message,
    });
    return result;
  }

  /**
   * The one way objects reach etcd: a compare-and-swap on the key's modRevision (0: the key must not
   * exist), as kube-apiserver's etcd3 storage does. `null` deletes. Returns the new revision, or
   * undefined when someone else wrote first.
   */
  private writeIfUnchanged(
    def: ResourceDefinition,
    request: ApiRequest,
    key: string,
    modRevision: number,
    object: KubeObject | null,
    /** The object's encoding, when the caller made it more cheaply (checked against `encode` under test). */
    encoded?: string,
  ): number | undefined {
    if (object) omitEmptyMetadata(object);
    const stored = object && def.conversion ? def.conversion.toStorage(object) : object;
    const value = stored ? this.encodeForStorage(def, stored, encoded) : '';
    const txn = this.options.etcd.txn({
      compare: [{ key, target: modRevision === 0 ? 'create' : 'mod', result: '=', value: modRevision }],
      success: [object ? { put: { key, value } } : { delete: { key } }],
      failure: [],
    });
    if (!txn.succeeded) return undefined;
    const written = txn.results[0];
    this.retire(written && 'put' in written ? written.put.prevKv : written && 'delete' in written ? written.delete.prevKvs[0] : undefined);
    if (object) this.filterIndex.remember(key, factsOf(def, object, txn.revision));
    else this.filterIndex.forget(key);
    if (def.strategy.ttlSeconds !== undefined) this.leaseFor(def, key, object ? txn.revision : undefined);
    const resourcePrefix = this.keyPrefix(def, undefined);
    this.labelIndex.record(resourcePrefix, key, object ? object.metadata.labels : null, txn.revision);
    this.fieldIndex.record(resourcePrefix, key, stored ? this.indexedValues(this.storageDefinition(def), stored) : null, txn.revision);
    this.listCache.record(resourcePrefix, key, object !== null, txn.revision);
    this.traceStorage(request, object ? 'put' : 'delete', key, txn.revision);
    return txn.revision;
  }

  /** The storage form's encoding (`stored`: the object, or its conversion for a view's write). */
  private encodeForStorage(def: ResourceDefinition, stored: KubeObject, encoded: string | undefined): string {
    if (encoded === undefined || def.conversion) return encode(stored);
    if (FREEZE_SHARED_OBJECTS && encoded !== encode(stored)) throw new Error(`cheaper encoding of ${stored.kind ?? ''} differs from JSON.stringify`);
    return encoded;
  }

  /**
   * etcd leases for kinds with a TTL (Events): each write attaches a fresh lease, and when it expires
   * etcd deletes the key — unless it was written again meanwhile. Expiries are checked in 10 s
   * batches on the lab clock, as background work.
   */
  private leaseFor(def: ResourceDefinition, key: string, revision: number | undefined): void {
    if (revision === undefined) {
      this.leases.delete(key);
      return;
    }
    const expiresAt = Math.ceil((this.options.clock.now() + (def.strategy.ttlSeconds ?? 0) * 1000) / LEASE_BATCH_MS) * LEASE_BATCH_MS;
    this.leases.set(key, { def, revision, expiresAt });
    if (this.leaseTimerAt === undefined || expiresAt < this.leaseTimerAt) this.armLeaseTimer(expiresAt);
  }

  private armLeaseTimer(at: number): void {
    this.leaseTimer?.dispose();
    this.leaseTimerAt = at;
    this.leaseTimer = this.options.clock.schedule(Math.max(0, at - this.options.clock.now()), () => this.expireLeases(), { background: true });
  }

  private expireLeases(): void {
    this.leaseTimer = undefined;
    this.leaseTimerAt = undefined;
    const now = this.options.clock.now();
    let next: number | undefined;
    for (const [key, lease] of [...this.leases]) {
      if (lease.expiresAt > now) {
        next = next === undefined ? lease.expiresAt : Math.min(next, lease.expiresAt);
        continue;
      }
      this.leases.delete(key);
      const txn = this.options.etcd.txn({ compare: [{ key, target: 'mod', result: '=', value: lease.revision }], success: [{ delete: { key } }], failure: [] });
      if (!txn.succeeded) continue;
      const deleted = txn.results[0];
      this.retire(deleted && 'delete' in deleted ? deleted.delete.prevKvs[0] : undefined);
      this.filterIndex.forget(key);
      const resourcePrefix = this.keyPrefix(lease.def, undefined);
      this.labelIndex.record(resourcePrefix, key, null, txn.revision);
      this.fieldIndex.record(resourcePrefix, key, null, txn.revision);
      this.listCache.record(resourcePrefix, key, false, txn.revision);
      this.options.tracer.emit({ from: 'etcd', to: 'etcd', verb: 'delete', resource: lease.def.plural, name: key.slice(key.lastIndexOf('/') + 1), key, revision: txn.revision, message: 'lease expired' });
    }
    if (next !== undefined) this.armLeaseTimer(next);
  }

  private traceStorage(request: ApiRequest, verb: 'put' | 'delete', key: string, revision: number): void {
    this.options.tracer.emit({
      from: 'kube-apiserver',
      to: 'etcd',
      verb,
      resource: request.resource,
      namespace: request.namespace,
      name: key.slice(key.lastIndexOf('/') + 1),
      key,
      revision,
    });
  }
}

/** A resource without a printer prints its name and age, as kube-apiserver's default table convertor does. */
const DEFAULT_TABLE_COLUMNS: TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
  { name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp', priority: 0 },
];

/** A row's cells: a splitting printer's facts are made once per entry and object, then formatted at `now`. */
function rowCells(printer: TablePrinter, entry: CacheEntry, object: KubeObject, now: number): TableCells {
  if (!printer.rowFacts || !printer.cellsFrom) return printer.cells(object, now);
  if (entry.printedBy !== printer) {
    entry.rowFacts = printer.rowFacts(object);
    entry.printedBy = printer;
  }
  return printer.cellsFrom(entry.rowFacts, now);
}

/** A Table row's object under `includeObject=Metadata`: shared like the object it is made from. */
function partialObjectMetadata(object: KubeObject): KubeObject {
  const partial = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
  return FREEZE_SHARED_OBJECTS ? Object.freeze(partial) : partial;
}

/** The authorizer's view of a resource request (RequestInfo). */
function requestAttributes(request: AuthenticatedRequest, def: ResourceDefinition): AuthorizationAttributes {
  return {
    user: request.user,
    verb: request.verb,
    resourceRequest: true,
    apiGroup: def.group,
    apiVersion: def.version,
    resource: def.plural,
    subresource: request.subresource,
    namespace: def.namespaced ? request.namespace : undefined,
    name: request.name,
  };
}

/** One decoding of a stored version (per resource definition: a view such as events.k8s.io/v1 decodes differently). */
interface SharedDecode {
  def: ResourceDefinition;
  object: KubeObject;
  next: SharedDecode | undefined;
}

/** Under test, objects shared between watchers are frozen so that a component mutating one fails loudly. */
const FREEZE_SHARED_OBJECTS = process.env.VITEST === 'true';

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** A shared object as seen at another revision (a deletion), without touching the shared one. */
function atRevision(object: KubeObject, revision: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } };
}

function gr(def: ResourceDefinition): GroupResource {
  return { group: def.group, resource: def.plural };
}

/** What goes into etcd: the object without its resourceVersion (that is the key's modRevision). */
/**
 * ObjectMeta's `omitempty` lists and maps: Go never stores or returns an empty `finalizers`,
 * `ownerReferences`, `labels`, `annotations` or `managedFields` (a patch that removes the last
 * finalizer leaves none, not `[]`).
 */
function omitEmptyMetadata(object: KubeObject): void {
  const meta = object.metadata as Record<string, unknown>;
  for (const field of ['finalizers', 'ownerReferences', 'managedFields']) {
    if (Array.isArray(meta[field]) && (meta[field] as unknown[]).length === 0) delete meta[field];
  }
  for (const field of ['labels', 'annotations']) {
    const value = meta[field];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) delete meta[field];
  }
}

function encode(object: KubeObject): string {
  const copy = { ...object, metadata: { ...object.metadata } };
  delete copy.metadata.resourceVersion;
  return JSON.stringify(copy);
}

/**
 * The registry store's shouldDeleteDuringUpdate: an update that removes the last finalizer of an
 * object already marked for deletion with no grace left deletes it for good.
 */
function shouldDeleteDuringUpdate(def: ResourceDefinition, next: KubeObject, old: KubeObject): boolean {
  const specFinalizers = def.strategy.specFinalizers;
  if (specFinalizers) {
    // ShouldDeleteNamespaceDuringUpdate: no finalizers anywhere, and (the generic rule) a deletion
    // requested with no grace period or none left.
    if (specFinalizers(next).length > 0 || (next.metadata.finalizers ?? []).length > 0) return false;
    return old.metadata.deletionTimestamp !== undefined && (old.metadata.deletionGracePeriodSeconds ?? 0) === 0;
  }
  if ((next.metadata.finalizers ?? []).length > 0) return false;
  if ((old.metadata.finalizers ?? []).length === 0) return false;
  return old.metadata.deletionTimestamp !== undefined && old.metadata.deletionGracePeriodSeconds === 0;
}

/** `dryRun=All` on the query, or `dryRun: ["All"]` in a DELETE's DeleteOptions. */
function isDryRun(request: ApiRequest): boolean {
  return request.query?.dryRun === 'All' || request.deleteOptions?.dryRun?.includes('All') === true;
}

const PROPAGATION_POLICIES: readonly string[] = ['Foreground', 'Background', 'Orphan'];
const ORPHAN_FINALIZER = 'orphan';
const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** ValidateDeleteOptions: the handler checks the options before anything is read. */
function validateDeleteOptions(options: DeleteOptions): Status | undefined {
  const policy = options.propagationPolicy as string | undefined;
  const errors: FieldError[] = [];
  if (options.orphanDependents !== undefined && policy !== undefined) {
    errors.push(invalidValue('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (policy !== undefined && !PROPAGATION_POLICIES.includes(policy)) errors.push(notSupported('propagationPolicy', policy, [...PROPAGATION_POLICIES, 'nil']));
  return errors.length > 0 ? invalid('DeleteOptions', 'meta.k8s.io', '', errors) : undefined;
}

/** The policy the options ask for: propagationPolicy, or the deprecated orphanDependents (validation refuses both). */
function propagationPolicyOf(options: DeleteOptions): DeleteOptions['propagationPolicy'] {
  if (options.orphanDependents !== undefined) return options.orphanDependents ? 'Orphan' : 'Background';
  return options.propagationPolicy;
}

/**
 * A delete that left the object in storage (graceful deletion, finalizers, a Namespace or CRD being
 * emptied) answers with the object. The handler's status is 200, or 202 when the client asked for
 * `orphanDependents: false` (kept for old clients; propagationPolicy never gives a 202).
 */
function notYetDeleted(object: KubeObject, options: DeleteOptions): ApiResult<unknown> {
  return { ok: true, code: options.orphanDependents === false ? 202 : 200, value: object };
}

/**
 * Store.finalizeDelete, once the object is gone from storage: the object itself for registries with
 * ReturnDeletedObject, else a Success Status naming it — `details.kind` is the resource (plural),
 * `group` is omitted for the core group, and there is no `code`.
 */
function finalizeDelete(def: ResourceDefinition, object: KubeObject): KubeObject | Status {
  if (def.strategy.returnDeletedObject) return object;
  const details: NonNullable<Status['details']> = { name: object.metadata.name ?? '' };
  if (def.group) details.group = def.group;
  details.kind = def.plural;
  if (object.metadata.uid) details.uid = object.metadata.uid;
  const status: Omit<Status, 'code'> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
  return status as Status;
}

/** The finalizers a deletion with this propagationPolicy leaves. */
function propagationFinalizers(current: readonly string[], policy: NonNullable<DeleteOptions['propagationPolicy']>): string[] {
  const kept = current.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (policy === 'Orphan') kept.push(ORPHAN_FINALIZER);
  if (policy === 'Foreground') kept.push(FOREGROUND_FINALIZER);
  return kept;
}

function withoutRv(object: KubeObject): KubeObject {
  const copy = { ...object, metadata: { ...object.metadata } };
  delete copy.metadata.resourceVersion;
  return copy;
}

function encodeContinue(token: { rv: number; start: string }): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64');
}

function decodeContinue(text: string): { rv: number; start: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return { rv: parsed.rv, start: parsed.start };
  } catch {
    return undefined;
  }
  return undefined;
}

export { isStatus };
