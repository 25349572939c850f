/**
 * A WorkloadView read through the API server, as metrics-server reads Pods and Nodes: the client
 * is asked for lazily, since the metrics API is part of the server the client talks to (the
 * source exists before the server does).
 */
import type { Node, Pod } from '../../../shared/api/core.js';
import type { ApiClient } from '../client/api-client.js';
import { NODES, PODS } from '../client/resources.js';
import type { WorkloadView } from './simulated-usage.js';

export function clientWorkloadView(client: () => ApiClient): WorkloadView {
  return {
    pod(namespace, name) {
      const got = client().get<Pod>(PODS, namespace, name);
      return got.ok ? got.value : undefined;
    },
    podsOn(nodeName) {
      const listed = client().list<Pod>(PODS);
      return listed.ok ? listed.value.items.filter((pod) => pod.spec.nodeName === nodeName) : [];
    },
    node(name) {
      const got = client().get<Node>(NODES, undefined, name);
      return got.ok ? got.value : undefined;
    },
  };
}
