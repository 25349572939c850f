/**
 * The request journey strip: trace entries that belong to the journey (see cluster/journey.ts),
 * played back one hop at a time so a burst of a dozen requests after one `kubectl apply` is
 * something a learner can follow.
 */
import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { Disposable } from '../../../shared/lifecycle.js';
import type { TraceEntry } from '../../../shared/rpc/contract.js';
import { type JourneyHop, describeEntry, journeyHop } from '../cluster/journey';
import { useLabStore } from './lab';

export interface JourneyStep {
  seq: number;
  hop: JourneyHop;
  entry: TraceEntry;
  text: string;
}

/** How long each hop stays lit. */
const STEP_MS = 320;
/** A longer backlog is cut to its newest entries: the strip must not lag behind the cluster. */
const MAX_BACKLOG = 24;

export const useJourneyStore = defineStore('journey', () => {
  const lab = useLabStore();
  const current = shallowRef<JourneyStep>();
  const active = ref(false);

  let queue: JourneyStep[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let subscription: Disposable | undefined;

  function play(): void {
    const next = queue.shift();
    if (!next) {
      timer = undefined;
      active.value = false;
      return;
    }
    current.value = next;
    active.value = true;
    timer = setTimeout(play, STEP_MS);
  }

  function receive(entry: TraceEntry): void {
    const hop = journeyHop(entry);
    if (!hop) return;
    queue.push({ seq: entry.seq, hop, entry, text: describeEntry(entry) });
    if (queue.length > MAX_BACKLOG) queue = queue.slice(-MAX_BACKLOG);
    if (timer === undefined) play();
  }

  function reset(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    queue = [];
    active.value = false;
  }

  watch(
    () => lab.client,
    (client) => {
      subscription?.dispose();
      subscription = undefined;
      reset();
      if (client) subscription = client.subscribe('trace', {}, receive);
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    subscription?.dispose();
    reset();
  });

  return { current, active };
});
