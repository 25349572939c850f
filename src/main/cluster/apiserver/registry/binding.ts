/**
 * core/v1 Bindings (`POST /api/v1/namespaces/<ns>/bindings`): the older route to the same
 * BindingREST as `pods/<name>/binding` — the Pod is the one the body's metadata.name names. Create
 * only, never stored.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { ResourceDefinition } from './resource.js';

export const bindingResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Binding',
  plural: 'bindings',
  singular: 'binding',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'bindings',
  verbs: ['create'],
  subresources: [],
  strategy: {},
  virtual: {
    create(request, body: KubeObject, ctx) {
      return ctx.internal({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'pods',
        subresource: 'binding',
        namespace: request.namespace,
        name: body.metadata.name,
        body,
        query: request.query,
      });
    },
  },
};
