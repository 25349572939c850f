/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount): a new Pod runs as a ServiceAccount that
 * exists — `default` unless it names one — and inherits the account's imagePullSecrets when it has
 * none. Mirror Pods (the kubelet's copies of static Pods) are left as they are but may reference no
 * ServiceAccount, Secret or token projection. (The API-access token volume itself is added by the
 * Pod registry's PrepareForCreate, in one place whether or not this plugin is enabled.)
 */
import type { Pod, ServiceAccount } from "../../../../shared/api/core.js";
import type { Status } from "../../../../shared/api/meta.js";
import type { StrategyContext } from "../registry/resource.js";
import type { AdmissionAttributes, AdmissionPlugin } from "./admission.js";
import { forbid, isResource } from "./forbid.js";
import { referencesSecrets, usesTokenProjection } from "./pod-references.js";

export const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
export const DEFAULT_SERVICE_ACCOUNT = "default";

function isMirror(pod: Pod): boolean {
  return pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
}

/** Validate's rules for mirror Pods. */
function validateMirror(
  attributes: AdmissionAttributes,
  pod: Pod,
): Status | undefined {
  if (pod.spec.serviceAccountName)
    return forbid(
      attributes,
      "a mirror pod may not reference service accounts",
    );
  if (referencesSecrets(pod))
    return forbid(attributes, "a mirror pod may not reference secrets");
  if (usesTokenProjection(pod))
    return forbid(
      attributes,
      "a mirror pod may not use ServiceAccountToken volume projections",
    );
  return undefined;
}

export interface ServiceAccountAdmissionOptions {
  /** Whether a ServiceAccount controller is running that will create a missing `default` account. */
  defaultAccountController?: () => boolean;
}

function lookup(
  attributes: AdmissionAttributes,
  ctx: StrategyContext,
  name: string,
  options: ServiceAccountAdmissionOptions,
): { account: ServiceAccount } | { refused: Status } {
  const account = ctx.get("", "serviceaccounts", attributes.namespace, name) as
    ServiceAccount | undefined;
  if (account) return { account };
  if (
    name === DEFAULT_SERVICE_ACCOUNT &&
    options.defaultAccountController?.() === true &&
    namespaceIsActive(ctx, attributes.namespace)
  ) {
    // The real plugin retries a missing `default` account ten times, 100–200 ms apart, because the
    // ServiceAccount controller creates it moments after the namespace: a Namespace and a Pod in one
    // `kubectl apply` succeed. A request here cannot wait on the lab clock, so it takes the outcome
    // of that wait: the account the controller is about to write (it has no imagePullSecrets).
    return {
      account: {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name, namespace: attributes.namespace },
      },
    };
  }
  return {
    refused: forbid(
      attributes,
      `error looking up service account ${attributes.namespace ?? ""}/${name}: serviceaccount "${name}" not found`,
    ),
  };
}

function namespaceIsActive(
  ctx: StrategyContext,
  namespace: string | undefined,
): boolean {
  const ns = namespace
    ? ctx.get("", "namespaces", undefined, namespace)
    : undefined;
  return (
    ns !== undefined &&
    (ns.status as { phase?: string } | undefined)?.phase !== "Terminating"
  );
}

function podCreate(attributes: AdmissionAttributes): Pod | undefined {
  if (
    attributes.operation !== "CREATE" ||
    attributes.subresource ||
    !isResource(attributes, "", "pods")
  )
    return undefined;
  return attributes.object as Pod | undefined;
}

export function serviceAccountAdmission(
  options: ServiceAccountAdmissionOptions = {},
): AdmissionPlugin {
  return {
    name: "ServiceAccount",
    admit(attributes, ctx) {
      const pod = podCreate(attributes);
      if (!pod) return undefined;
      if (isMirror(pod)) return validateMirror(attributes, pod);
      const spec = pod.spec;
      // `serviceAccount` is the deprecated alias the Pod's defaulting copies across.
      if (!spec.serviceAccountName)
        spec.serviceAccountName =
          spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
      const found = lookup(attributes, ctx, spec.serviceAccountName, options);
      if ("refused" in found) return found.refused;
      const pullSecrets =
        (
          found.account as ServiceAccount & {
            imagePullSecrets?: Array<{ name?: string }>;
          }
        ).imagePullSecrets ?? [];
      if (
        (!Array.isArray(spec.imagePullSecrets) ||
          spec.imagePullSecrets.length === 0) &&
        pullSecrets.length > 0
      ) {
        spec.imagePullSecrets = pullSecrets.map((s) => ({ name: s.name }));
      }
      return undefined;
    },
    validate(attributes) {
      const pod = podCreate(attributes);
      if (!pod) return undefined;
      if (isMirror(pod)) return validateMirror(attributes, pod);
      if (!pod.spec.serviceAccountName)
        return forbid(
          attributes,
          `no service account specified for pod ${attributes.namespace ?? ""}/${attributes.name}`,
        );
      return undefined;
    },
  };
}

/** The plugin without a ServiceAccount controller to wait for. */
export const serviceAccount: AdmissionPlugin = serviceAccountAdmission();
