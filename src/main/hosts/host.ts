/**
 * A machine the learner can be on: the workstation `bastion` or a cluster node.
 * Each host has its own filesystem; a file is addressed as (host, path).
 */
import type { VirtualFs } from './vfs.js';

export interface Host {
  /** Hostname, e.g. `bastion`, `controlplane`, `node01`. */
  readonly name: string;
  /** The address other hosts reach it at, e.g. `192.168.200.11`. */
  readonly address: string;
  /** Login user on this host: `student` on bastion, `root` on nodes. */
  readonly user: string;
  readonly home: string;
  readonly fs: VirtualFs;
}
