/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle): the namespaces
 * kube-apiserver keeps alive — default, kube-system, kube-public — may not be deleted. (Refusing
 * new content in a missing or terminating namespace happens in the API server's create path.)
 */
import type { AdmissionPlugin } from './admission.js';
import { forbid, isResource } from './forbid.js';

/** --immortal-namespaces as kube-apiserver 1.32 sets them. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate(attributes) {
    if (attributes.operation !== 'DELETE' || !isResource(attributes, '', 'namespaces')) return undefined;
    if (!IMMORTAL_NAMESPACES.has(attributes.name)) return undefined;
    return forbid(attributes, 'this namespace may not be deleted');
  },
};
