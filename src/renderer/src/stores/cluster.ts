/**
 * The cluster picture for the office view: nodes and Pods from the `cluster.changes` stream (a full
 * snapshot after every batch of changes, and one at once when subscribing).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Disposable } from '../../../shared/lifecycle.js';
import type { ClusterSnapshot, NodeSummary, PodSummary } from '../../../shared/rpc/contract.js';
import { useLabStore } from './lab';

export const useClusterStore = defineStore('cluster', () => {
  const lab = useLabStore();
  const snapshot = shallowRef<ClusterSnapshot>();
  /** Show kube-system's Pods (static control-plane Pods, kube-proxy, DNS) in the offices. */
  const showSystem = ref(true);

  let subscription: Disposable | undefined;
  watch(
    () => lab.client,
    (client) => {
      subscription?.dispose();
      subscription = undefined;
      snapshot.value = undefined;
      if (!client) return;
      subscription = client.subscribe('cluster.changes', {}, (next) => {
        snapshot.value = next;
        lab.observeTime(next.time);
      });
    },
    { immediate: true },
  );

  const nodes = computed<NodeSummary[]>(() => {
    // Headquarters first, then the offices by name.
    const all = snapshot.value?.nodes ?? [];
    return [...all.filter((n) => n.role === 'control-plane'), ...all.filter((n) => n.role !== 'control-plane')];
  });

  const visiblePods = computed<PodSummary[]>(() => {
    const all = snapshot.value?.pods ?? [];
    return showSystem.value ? all : all.filter((p) => p.namespace !== 'kube-system');
  });

  const podsByNode = computed<ReadonlyMap<string, PodSummary[]>>(() => {
    const map = new Map<string, PodSummary[]>();
    for (const pod of visiblePods.value) {
      if (!pod.node) continue;
      const list = map.get(pod.node) ?? [];
      list.push(pod);
      map.set(pod.node, list);
    }
    return map;
  });

  /** Pods no node has been chosen for yet (or whose node is gone). */
  const unscheduled = computed<PodSummary[]>(() => {
    const names = new Set(nodes.value.map((n) => n.name));
    return visiblePods.value.filter((p) => !p.node || !names.has(p.node));
  });

  const hasSystemPods = computed(() => (snapshot.value?.pods ?? []).some((p) => p.namespace === 'kube-system'));
  const ready = computed(() => snapshot.value !== undefined);

  function setShowSystem(value: boolean): void {
    showSystem.value = value;
  }

  return { ready, nodes, podsByNode, unscheduled, showSystem, hasSystemPods, setShowSystem };
});
