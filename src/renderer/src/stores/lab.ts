/**
 * The connection to the lab engine (Electron IPC or `kubelab web`'s WebSocket, whichever
 * `connectLab` finds) and the lab's clock. The clock is read with `lab.info` and extrapolated
 * locally between reads (real-time clock × speed); a virtual clock only moves when the engine
 * says so, so it is re-read after terminal activity and whenever a cluster snapshot is newer.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, onScopeDispose, ref, shallowRef } from 'vue';
import type { LabInfo } from '../../../shared/rpc/contract.js';
import type { LabClient } from '../../../shared/rpc/lab-client.js';
import { connectLab } from '../rpc/connect';
import { errorMessage } from '../util/errors';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'failed';

/** Re-read lab.info this often even when nothing seems to happen (speed/pause changes). */
const INFO_POLL_MS = 5000;
/** After terminal output, re-read lab.info once output has been quiet this long. */
const INFO_SETTLE_MS = 250;

export const useLabStore = defineStore('lab', () => {
  const client = shallowRef<LabClient>();
  const state = ref<ConnectionState>('idle');
  const error = ref<string>();
  const info = ref<LabInfo>();
  /** performance.now() when `info` was read. */
  const syncedAt = ref(0);
  /** performance.now(), ticking once a second while connected. */
  const tick = ref(0);

  let ticker: ReturnType<typeof setInterval> | undefined;
  let poller: ReturnType<typeof setInterval> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  const now = computed<number | undefined>(() => {
    const i = info.value;
    if (!i) return undefined;
    if (i.clock === 'virtual' || i.paused) return i.now;
    return i.now + Math.max(0, tick.value - syncedAt.value) * i.speed;
  });

  async function connect(): Promise<void> {
    if (state.value === 'connecting' || state.value === 'connected') return;
    state.value = 'connecting';
    error.value = undefined;
    try {
      const connected = markRaw(await connectLab());
      client.value = connected;
      state.value = 'connected';
      await readInfo();
      startTimers();
    } catch (e) {
      state.value = 'failed';
      error.value = errorMessage(e);
    }
  }

  async function readInfo(): Promise<void> {
    const c = client.value;
    if (!c) return;
    try {
      const next = await c.invoke('lab.info', {});
      info.value = next;
      syncedAt.value = performance.now();
      tick.value = syncedAt.value;
    } catch {
      // A failed read keeps the last clock; the next poll tries again.
    }
  }

  /** Something happened in the lab (terminal output): re-read the clock once things are quiet. */
  function noteActivity(): void {
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      void readInfo();
    }, INFO_SETTLE_MS);
  }

  /** A cluster snapshot carries the simulated time it was taken at. */
  function observeTime(time: number): void {
    const i = info.value;
    if (i && time > (now.value ?? 0)) {
      info.value = { ...i, now: time };
      syncedAt.value = performance.now();
      tick.value = syncedAt.value;
    }
  }

  function startTimers(): void {
    stopTimers();
    ticker = setInterval(() => (tick.value = performance.now()), 1000);
    poller = setInterval(() => void readInfo(), INFO_POLL_MS);
  }

  function stopTimers(): void {
    if (ticker !== undefined) clearInterval(ticker);
    if (poller !== undefined) clearInterval(poller);
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    ticker = poller = settleTimer = undefined;
  }

  onScopeDispose(stopTimers);

  return { client, state, error, info, now, connect, noteActivity, observeTime };
});
