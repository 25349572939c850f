/**
 * certificates.k8s.io/v1 CertificateSigningRequests (`kubectl get csr`, `kubectl certificate
 * approve`): cluster-scoped and stored, with kube-apiserver 1.32's three update paths — the main
 * resource (spec and status untouchable), `/status` (conditions other than Approved/Denied, and
 * the certificate) and `/approval` (the conditions only) — and the NAME AGE SIGNERNAME REQUESTOR
 * REQUESTEDDURATION CONDITION printer.
 *
 * The requester (spec.username, uid, groups, extra) is set by the `CertificateSigningRequestRequester`
 * admission plugin (admission/csr-requester.ts): strategy hooks do not see the request's user.
 */
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '../../../../shared/api/certificates.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { humanDuration, rfc3339 } from '../../../base/duration.js';
import { validateCsr, validateCsrUpdate } from './csr-validation.js';
import { GO_BYTES, GO_INT32, GO_STRING, decodeError, goMap, goSlice, goStruct } from './decoding.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, type StrategyContext, column } from './resource.js';

const CSR = goStruct('CertificateSigningRequest', {
  spec: goStruct('CertificateSigningRequestSpec', {
    request: GO_BYTES,
    signerName: GO_STRING,
    expirationSeconds: GO_INT32,
    usages: goSlice(GO_STRING),
    username: GO_STRING,
    uid: GO_STRING,
    groups: goSlice(GO_STRING),
    extra: goMap(goSlice(GO_STRING)),
  }),
  status: goStruct('CertificateSigningRequestStatus', {
    conditions: goSlice(goStruct('CertificateSigningRequestCondition', { type: GO_STRING, status: GO_STRING, reason: GO_STRING, message: GO_STRING })),
    certificate: GO_BYTES,
  }),
});

function conditionsOf(obj: KubeObject): CertificateSigningRequestCondition[] {
  return (obj as CertificateSigningRequest).status?.conditions ?? [];
}

/**
 * populateConditionTimestamps: a condition without lastUpdateTime gets now; without
 * lastTransitionTime, the old one of the same type and status, else now.
 */
function populateConditionTimestamps(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
  const now = rfc3339(ctx.now());
  for (const c of conditionsOf(obj)) {
    if (!c.lastUpdateTime) c.lastUpdateTime = now;
    if (!c.lastTransitionTime) {
      const before = conditionsOf(old).find((o) => o.type === c.type && o.status === c.status && o.lastTransitionTime);
      c.lastTransitionTime = before?.lastTransitionTime ?? now;
    }
  }
}

/** preserveConditionInstances: `/status` keeps the stored Approved/Denied conditions as they were. */
function preserveConditionInstances(obj: KubeObject, old: KubeObject, type: string): void {
  const next = conditionsOf(obj);
  const oldIndices = conditionsOf(old).flatMap((c, i) => (c.type === type ? [i] : []));
  const newIndices = next.flatMap((c, i) => (c.type === type ? [i] : []));
  if (oldIndices.length !== newIndices.length) return;
  newIndices.forEach((at, i) => {
    next[at] = structuredClone(conditionsOf(old)[oldIndices[i]!]!);
  });
}

/** kubectl's CONDITION: Denied over Approved over Pending, then `,Failed` and `,Issued`. */
export function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if ((csr.status?.certificate ?? '').length > 0) status += ',Issued';
  return status;
}

export const certificateSigningRequestResource: ResourceDefinition = {
  group: 'certificates.k8s.io',
  version: 'v1',
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
  singular: 'certificatesigningrequest',
  namespaced: false,
  shortNames: ['csr'],
  categories: [],
  storagePrefix: 'certificatesigningrequests',
  verbs: ALL_VERBS,
  subresources: ['approval', 'status'],
  strategy: {
    hasStatusSubresource: true,
    decode: (obj) => decodeError(obj, CSR),
    prepareForCreate(obj) {
      // Users cannot create pre-approved requests: the status starts empty.
      (obj as CertificateSigningRequest).status = {};
    },
    prepareForUpdate(obj, old) {
      // Certificate requests are immutable after creation except through the subresources.
      const csr = obj as CertificateSigningRequest;
      const stored = old as CertificateSigningRequest;
      csr.spec = structuredClone(stored.spec);
      csr.status = structuredClone(stored.status);
    },
    validate: (obj) => validateCsr(obj),
    validateUpdate: (obj, old) => validateCsrUpdate(obj, old, {}),
    subresourceUpdates: {
      status: {
        prepare(obj, old, ctx) {
          // Issuance is not approval: the Approved/Denied conditions stay as stored.
          preserveConditionInstances(obj, old, 'Approved');
          preserveConditionInstances(obj, old, 'Denied');
          populateConditionTimestamps(obj, old, ctx);
        },
        validate: (obj, old) => validateCsrUpdate(obj, old, { allowSettingCertificate: true }),
      },
      approval: {
        prepare(obj, old, ctx) {
          // Updating the approval updates the conditions only.
          const csr = obj as CertificateSigningRequest;
          const stored = old as CertificateSigningRequest;
          csr.spec = structuredClone(stored.spec);
          const conditions = csr.status?.conditions;
          csr.status = structuredClone(stored.status) ?? {};
          if (conditions) csr.status.conditions = conditions;
          else delete csr.status.conditions;
          populateConditionTimestamps(obj, old, ctx);
        },
        validate: (obj, old) => validateCsrUpdate(obj, old, { allowSettingApprovalConditions: true }),
      },
    },
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
      column('SignerName', 'string', 'signerName indicates the requested signer, and is a qualified name.'),
      // kubectl's printer describes this column with the `request` field's documentation.
      column('Requestor', 'string', 'request contains an x509 certificate signing request encoded in a "CERTIFICATE REQUEST" PEM block.'),
      column('RequestedDuration', 'string', 'expirationSeconds is the requested duration of validity of the issued certificate.'),
      column('Condition', 'string', 'conditions applied to the request. Known conditions are "Approved", "Denied", and "Failed".'),
    ],
    cells: (obj, now) => {
      const csr = obj as CertificateSigningRequest;
      const seconds = csr.spec?.expirationSeconds;
      return [
        csr.metadata.name ?? '',
        age(csr.metadata.creationTimestamp, now),
        csr.spec?.signerName || '<none>',
        csr.spec?.username ?? '',
        seconds === undefined || seconds === null ? '<none>' : humanDuration(seconds * 1000),
        csrCondition(csr),
      ];
    },
  },
};

export const certificatesV1Resources: readonly ResourceDefinition[] = [certificateSigningRequestResource];
