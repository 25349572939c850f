/**
 * Admission (k8s.io/apiserver/pkg/admission): plugins that see every write after authorization
 * and decoding. Mutating plugins (`admit`) may change the object — defaults from a LimitRange, a
 * Pod's priority — before validation; validating plugins (`validate`) may only refuse, after it.
 * Plugins run in kube-apiserver's order and read the cluster through the server context.
 */
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import type { ResourceDefinition, StrategyContext } from '../registry/resource.js';
import type { UserInfo } from '../auth/user.js';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: AdmissionOperation;
  /** The resource being written (group, kind, plural …). */
  resource: ResourceDefinition;
  subresource?: string;
  namespace?: string;
  name: string;
  /** The object as it would be stored (CREATE, UPDATE); mutating plugins change it in place. */
  object?: KubeObject;
  /** The stored object (UPDATE, DELETE). */
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase: may change `attributes.object`; a Status refuses the request. */
  admit?(attributes: AdmissionAttributes, ctx: StrategyContext): Status | undefined;
  /** Validating phase, after the registry's own validation; a Status refuses the request. */
  validate?(attributes: AdmissionAttributes, ctx: StrategyContext): Status | undefined;
}

/** Run the mutating phase of every plugin in order; the first refusal wins. */
export function admit(plugins: readonly AdmissionPlugin[], attributes: AdmissionAttributes, ctx: StrategyContext): Status | undefined {
  for (const plugin of plugins) {
    const refused = plugin.admit?.(attributes, ctx);
    if (refused) return refused;
  }
  return undefined;
}

/** Run the validating phase of every plugin in order; the first refusal wins. */
export function validateAdmission(plugins: readonly AdmissionPlugin[], attributes: AdmissionAttributes, ctx: StrategyContext): Status | undefined {
  for (const plugin of plugins) {
    const refused = plugin.validate?.(attributes, ctx);
    if (refused) return refused;
  }
  return undefined;
}
