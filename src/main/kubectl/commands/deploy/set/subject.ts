/** `kubectl set subject`: add users, groups and service accounts to RoleBindings and ClusterRoleBindings. */
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import type { Subcommand } from '../../../command-group.js';
import { aggregateError, requireResources } from '../targets.js';
import { SET_FLAGS, finish, patchObjects, setTargets } from './patch-objects.js';

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function sameSubject(a: Subject, b: Subject): boolean {
  return a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

export const SET_SUBJECT: Subcommand = {
  flags: [...SET_FLAGS, { name: 'user', type: 'stringArray' }, { name: 'group', type: 'stringArray' }, { name: 'serviceaccount', type: 'stringArray' }],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    requireResources(inv, args);
    const targets = setTargets(inv, args, dryRun);
    const users = [...new Set(inv.flags.strings('user'))].sort();
    const groups = [...new Set(inv.flags.strings('group'))].sort();
    const serviceAccounts = [...new Set(inv.flags.strings('serviceaccount'))].sort();
    const problems: string[] = [];
    if (users.length === 0 && groups.length === 0 && serviceAccounts.length === 0) problems.push('you must specify at least one value of user, group or serviceaccount');
    for (const sa of serviceAccounts) {
      const tokens = sa.split(':');
      if (tokens.length !== 2 || tokens[1] === '') problems.push('serviceaccount must be <namespace>:<name>');
      else if (tokens[0] === '' && targets.some((t) => t.object.kind === 'ClusterRoleBinding')) {
        problems.push('serviceaccount must be <namespace>:<name>, namespace must be specified');
      }
    }
    const invalid = aggregateError(problems.slice(0, 1));
    if (invalid) throw invalid;
    const subjects: Subject[] = [
      ...users.map((name) => ({ kind: 'User', apiGroup: RBAC_GROUP, name })),
      ...groups.map((name) => ({ kind: 'Group', apiGroup: RBAC_GROUP, name })),
      ...serviceAccounts.map((sa) => {
        const [namespace, name] = sa.split(':') as [string, string];
        return { kind: 'ServiceAccount', name, namespace: namespace || inv.namespace };
      }),
    ];
    const errors = patchObjects(inv, targets, dryRun, 'subjects updated', 'failed to patch subjects to rolebinding: ', (copy: KubeObject) => {
      if (copy.kind !== 'RoleBinding' && copy.kind !== 'ClusterRoleBinding') {
        return { objectError: 'setting subjects is only supported for RoleBinding/ClusterRoleBinding' };
      }
      const binding = copy as KubeObject & { subjects?: Subject[] };
      const existing = binding.subjects ?? [];
      const added = subjects.filter((s) => !existing.some((e) => sameSubject(e, s)));
      if (added.length > 0) binding.subjects = [...existing, ...added];
      return undefined;
    });
    return finish(inv, errors);
  },
};
