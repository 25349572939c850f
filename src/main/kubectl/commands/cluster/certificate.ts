/**
 * `kubectl certificate approve|deny CSR…` (or `-f`): each CSR is read, given the Approved or
 * Denied condition unless it already has it (`--force`: always), and written back through the
 * `approval` subresource (an update, as client-go's UpdateApproval), then printed as
 * `certificatesigningrequest.certificates.k8s.io/x approved`.
 */
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '../../../../shared/api/certificates.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { PRINT_FLAGS, printObjects, validateOutputFormat } from '../../print-flags.js';
import { loadManifests } from '../apply.js';
import { CERTIFICATE_SIGNING_REQUESTS } from './refs.js';
import { commandGroup, type Subcommand } from '../../command-group.js';

const FLAGS = [
  ...PRINT_FLAGS,
  { name: 'filename', short: 'f', type: 'stringArray' as const },
  { name: 'force', type: 'bool' as const },
  { name: 'kustomize', short: 'k', type: 'string' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
];

interface Decision {
  condition: 'Approved' | 'Denied';
  excludes: 'Approved' | 'Denied';
  reason: string;
  message: string;
  operation: string;
}

/** One CSR: the condition added unless present, written back unless unchanged. */
function decide(inv: Invocation, name: string, decision: Decision): CertificateSigningRequest {
  const client = inv.client();
  const got = client.get<CertificateSigningRequest>(CERTIFICATE_SIGNING_REQUESTS, undefined, name);
  if (!got.ok) throw new KubectlError(formatStatusError(got.status));
  const csr = got.value;
  const conditions = csr.status?.conditions ?? [];
  const blocking = conditions.find((c) => c.type === decision.excludes);
  if (blocking) throw new KubectlError(`error: certificate signing request "${name}" is already ${blocking.type}\n`);
  let modified = csr;
  if (!conditions.some((c) => c.type === decision.condition)) {
    const lastUpdateTime = new Date(inv.env.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    const condition: CertificateSigningRequestCondition = { type: decision.condition, status: 'True', reason: decision.reason, message: decision.message, lastUpdateTime };
    modified = { ...csr, status: { ...csr.status, conditions: [...conditions, condition] } };
  } else if (!inv.flags.bool('force')) {
    return csr;
  }
  const updated = client.request<CertificateSigningRequest>({ verb: 'update', ...CERTIFICATE_SIGNING_REQUESTS, subresource: 'approval', name, body: modified });
  if (!updated.ok) throw new KubectlError(formatStatusError(updated.status));
  return updated.value;
}

function csrCommand(decision: Decision): Subcommand {
  return {
    flags: FLAGS,
    run(inv, args) {
      validateOutputFormat(inv);
      const names = [...args];
      if (inv.flags.strings('filename').length > 0) names.push(...loadManifests(inv).map((m) => m.object.metadata?.name ?? ''));
      if (names.length === 0) throw new KubectlError('error: one or more CSRs must be specified as <name> or -f <filename>\n');
      let status = 0;
      for (const name of names) {
        try {
          printObjects(inv, [decide(inv, name, decision)], decision.operation);
        } catch (error) {
          if (!(error instanceof KubectlError)) throw error;
          inv.err(error.text);
          status = 1;
        }
      }
      return status;
    },
  };
}

export const CERTIFICATE_COMMAND: KubectlCommand = commandGroup('certificate', 'cobraHelp', {
  approve: csrCommand({ condition: 'Approved', excludes: 'Denied', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.', operation: 'approved' }),
  deny: csrCommand({ condition: 'Denied', excludes: 'Approved', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.', operation: 'denied' }),
});
