/** The API resources this group's commands call that the shared resource list does not name. */
import type { ResourceRef } from '../../../cluster/client/resources.js';

export const SELF_SUBJECT_ACCESS_REVIEWS: ResourceRef = { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' };
export const SELF_SUBJECT_RULES_REVIEWS: ResourceRef = { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews' };
export const SELF_SUBJECT_REVIEWS: ResourceRef = { group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews' };
export const CERTIFICATE_SIGNING_REQUESTS: ResourceRef = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' };
export const CUSTOM_RESOURCE_DEFINITIONS: ResourceRef = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
