/** networking.k8s.io/v1: Ingresses, IngressClasses and NetworkPolicies, in discovery order. */
import { ingressClassResource, ingressResource } from './ingress.js';
import { networkPolicyResource } from './network-policy.js';
import type { ResourceDefinition } from './resource.js';

export const networkingV1Resources: readonly ResourceDefinition[] = [ingressClassResource, ingressResource, networkPolicyResource];
