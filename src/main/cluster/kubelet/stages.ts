/**
 * How long each step of a Pod's life takes on a simulated node. These are data, not code: every
 * delay has a documented default and a seeded jitter, so the same seed gives the same timings.
 *
 * | stage              | default            | jitter |
 * |--------------------|--------------------|--------|
 * | pod sandbox + CNI  | 1 s                | ±20 %  |
 * | image pull         | 0.5 s + size ÷ 25 MB/s | ±20 % |
 * | container create   | 0.1 s              | ±20 %  |
 * | container start    | 0.2 s              | ±20 %  |
 * | container stop     | 0.3 s (servers exit on SIGTERM) | ±20 % |
 * | ErrImagePull shown | 5 s, then ImagePullBackOff | ±20 % |
 * | image pull back-off| 10 s doubling to 5 min, from the failure | none |
 * | exit noticed → next sync | 1 s (PLEG relist)  | ±20 %  |
 * | crash-loop back-off | 10 s doubling to 5 min, from the exit; reset after 10 min | none |
 * | pod worker retry while backing off | 12.5 s (10–15 s: workerBackOffPeriod, jitter 0.5) | ±20 % |
 * | OOM kill after start | 0.5 s              | none   |
 * | lease renewal      | 10 s               | none   |
 * | node status report | every 10 s if changed, else 5 min | none |
 */

export interface StageDelays {
  sandboxMs: number;
  pullBaseMs: number;
  pullBytesPerSecond: number;
  createMs: number;
  startMs: number;
  stopMs: number;
  jitter: number;
  pullErrorResyncMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** From a container's exit to the pod worker's sync that restarts it or backs off (PLEG relist). */
  restartSyncMs: number;
  /** The pod worker's retry of a sync that ended in a back-off error (BackOff Event each time). */
  backoffResyncMs: number;
  /** From start to the kernel's OOM kill of a process whose memory limit is below its working set. */
  oomKillMs: number;
  leaseRenewMs: number;
  leaseDurationSeconds: number;
  nodeStatusUpdateMs: number;
  nodeStatusReportMs: number;
}

export const DEFAULT_STAGE_DELAYS: StageDelays = {
  sandboxMs: 1000,
  pullBaseMs: 500,
  pullBytesPerSecond: 25_000_000,
  createMs: 100,
  startMs: 200,
  stopMs: 300,
  jitter: 0.2,
  pullErrorResyncMs: 5000,
  backoffInitialMs: 10_000,
  backoffMaxMs: 300_000,
  restartSyncMs: 1000,
  backoffResyncMs: 12_500,
  oomKillMs: 500,
  leaseRenewMs: 10_000,
  leaseDurationSeconds: 40,
  nodeStatusUpdateMs: 10_000,
  nodeStatusReportMs: 300_000,
};
