/**
 * core/v1 ComponentStatus (`kubectl get cs`), deprecated since 1.19 but still served: never
 * stored, each get or list probes the control plane's health endpoints — the scheduler's and the
 * controller manager's `/healthz` on the control-plane node, and etcd (`etcd-0`). Every answer
 * carries the deprecation warning, and rows print as NAME STATUS MESSAGE ERROR.
 */
import type { KubeObject, Table } from '../../../../shared/api/meta.js';
import type { ApiResult } from '../types.js';
import { type ResourceDefinition, type TablePrinter, column } from './resource.js';
import { nameColumn } from './workload-columns.js';

/** The components kube-apiserver checks, by their ComponentStatus names. */
export type CheckedComponent = 'scheduler' | 'controller-manager' | 'etcd-0';

/** Whether a component answers its health check now. */
export type ComponentProbe = (component: CheckedComponent) => boolean;

interface ComponentStatus extends KubeObject {
  conditions: Array<{ type: string; status: string; message?: string; error?: string }>;
}

/** GetServersToValidate: kubeadm's secure ports on the control plane's loopback, and the one etcd server. */
const HEALTH_URLS: Record<CheckedComponent, string | undefined> = {
  scheduler: 'https://127.0.0.1:10259/healthz',
  'controller-manager': 'https://127.0.0.1:10257/healthz',
  'etcd-0': undefined,
};

const COMPONENTS = Object.keys(HEALTH_URLS) as CheckedComponent[];

const DEPRECATION_WARNING = 'v1 ComponentStatus is deprecated in v1.19+';

/** getComponentStatus: a refused connection is a probe error, so the condition is Unknown. */
function componentStatus(name: CheckedComponent, healthy: boolean): ComponentStatus {
  const url = HEALTH_URLS[name] ?? '';
  const port = url.replace(/^https:\/\/([^/]+)\/.*$/, '$1');
  const condition = healthy
    ? { type: 'Healthy', status: 'True', message: 'ok' }
    : { type: 'Healthy', status: 'Unknown', error: `Get "${url}": dial tcp ${port}: connect: connection refused` };
  // A zero metav1.Time serializes as null: the object was never stored.
  return { kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, conditions: [condition] };
}

/** printComponentStatus. */
const printer: TablePrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  cells: (obj) => {
    const condition = (obj as ComponentStatus).conditions.find((c) => c.type === 'Healthy');
    const status = !condition ? 'Unknown' : condition.status === 'True' ? 'Healthy' : 'Unhealthy';
    return [obj.metadata.name ?? '', status, condition?.message ?? '', condition?.error ?? ''];
  },
};

function table(objects: KubeObject[], now: number): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: printer.columns,
    rows: objects.map((o) => ({ cells: printer.cells(o, now), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } })),
  };
}

function answer(value: unknown): ApiResult<unknown> {
  return { ok: true, code: 200, value, warnings: [DEPRECATION_WARNING] };
}

/** The componentstatuses resource, probing with `probe`. */
export function componentStatusResource(probe: ComponentProbe): ResourceDefinition {
  return {
    group: '',
    version: 'v1',
    kind: 'ComponentStatus',
    plural: 'componentstatuses',
    singular: 'componentstatus',
    namespaced: false,
    shortNames: ['cs'],
    categories: [],
    storagePrefix: 'componentstatuses',
    verbs: ['get', 'list'],
    subresources: [],
    strategy: {},
    printer,
    virtual: {
      get(request, ctx) {
        const name = request.name ?? '';
        if (!COMPONENTS.includes(name as CheckedComponent)) {
          // A plain error in the REST storage: a reasonless 500.
          return { ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Component not found: ${name}`, code: 500 } };
        }
        const status = componentStatus(name as CheckedComponent, probe(name as CheckedComponent));
        return answer(request.query?.asTable ? table([status], ctx.now()) : status);
      },
      list(request, ctx) {
        const items = COMPONENTS.map((name) => componentStatus(name, probe(name)));
        return answer(request.query?.asTable ? table(items, ctx.now()) : { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items });
      },
    },
  };
}

/** Served until the lab wires its components' health in: everything healthy. */
export const healthyComponentStatusResource = componentStatusResource(() => true);

