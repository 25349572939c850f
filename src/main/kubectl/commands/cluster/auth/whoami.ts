/**
 * `kubectl auth whoami`: a SelfSubjectReview, printed as kubectl's ATTRIBUTE/VALUE table (or the
 * review itself with `-o yaml|json`).
 */
import type { SelfSubjectReview } from '../../../../../shared/api/authentication.js';
import { KubectlError, formatStatusError } from '../../../errors.js';
import type { FlagSpec } from '../../../flags.js';
import type { Invocation } from '../../../invocation.js';
import { PRINT_FLAGS, printObjects, validateOutputFormat } from '../../../print-flags.js';
import { TABLE_OPTIONS, tabwrite } from '../../../printers/tabwriter.js';
import { SELF_SUBJECT_REVIEWS } from '../refs.js';

export const WHOAMI_FLAGS: FlagSpec[] = PRINT_FLAGS;

export function runWhoami(inv: Invocation, args: string[]): number {
  if (args.length > 0) throw new KubectlError(`error: unknown command "${args[0]!}" for "kubectl auth whoami"\n`);
  validateOutputFormat(inv);
  const review: SelfSubjectReview = { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} };
  const created = inv.client().create<SelfSubjectReview>(SELF_SUBJECT_REVIEWS, undefined, review);
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  if (inv.flags.string('output')) {
    printObjects(inv, [created.value], '');
    return 0;
  }
  const user = created.value.status?.userInfo ?? {};
  const rows = ['ATTRIBUTE\tVALUE'];
  if (user.username) rows.push(`Username\t${user.username}`);
  if (user.uid) rows.push(`UID\t${user.uid}`);
  if (user.groups && user.groups.length > 0) rows.push(`Groups\t[${user.groups.join(' ')}]`);
  for (const key of Object.keys(user.extra ?? {}).sort()) rows.push(`Extra: ${key}\t[${user.extra![key]!.join(' ')}]`);
  inv.out(tabwrite(rows.map((r) => `${r}\n`).join(''), TABLE_OPTIONS));
  return 0;
}
