/**
 * How containerd names a Pod's sandbox in port-forward errors: the sandbox ID `crictl pods` shows
 * and the CNI network namespace the sandbox runs in.
 */
import { hexId } from '../cluster/node/commands/crictl.js';
import type { PortForwardSourceOptions } from '../cluster/kubelet/port-forward-source.js';

export const PORT_FORWARD_SANDBOXES: PortForwardSourceOptions = {
  sandboxId: (uid) => hexId(`sandbox/${uid}`),
  netns: (uid) => {
    const hex = hexId(`netns/${uid}`);
    return `/var/run/netns/cni-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  },
};
