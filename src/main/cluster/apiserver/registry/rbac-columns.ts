/** The rbac.authorization.k8s.io/v1 printers of kube-apiserver 1.32 (pkg/printers/internalversion). */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { RoleBinding } from '../../../../shared/api/rbac.js';
import { age } from './printing.js';
import { type TablePrinter, column } from './resource.js';

const NAME = column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name');
const CREATED = 'CreationTimestamp is a timestamp representing the server time when this object was created.';

/** Role and ClusterRole: NAME and CREATED AT, the creation time in RFC3339 (UTC). */
export const ROLE_PRINTER: TablePrinter = {
  columns: [NAME, column('Created At', 'date', CREATED)],
  cells: (obj: KubeObject) => [obj.metadata.name ?? '', createdAt(obj.metadata.creationTimestamp)],
};

/** time.Time.UTC().Format(time.RFC3339): whole seconds, `Z`; the zero time when unset. */
function createdAt(timestamp: string | null | undefined): string {
  if (!timestamp) return '0001-01-01T00:00:00Z';
  return new Date(Date.parse(timestamp)).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** rbac.SubjectsStrings: users, groups and service accounts (`namespace/name` when namespaced). */
function subjectsStrings(binding: RoleBinding): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const subject of binding.subjects ?? []) {
    const name = subject.name ?? '';
    if (subject.kind === 'User') users.push(name);
    else if (subject.kind === 'Group') groups.push(name);
    else if (subject.kind === 'ServiceAccount') sas.push(subject.namespace ? `${subject.namespace}/${name}` : name);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

/** RoleBinding and ClusterRoleBinding: NAME, ROLE (`Kind/name`), AGE, and wide USERS GROUPS SERVICEACCOUNTS. */
export function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding', roleRefDoc: string): TablePrinter {
  return {
    columns: [
      NAME,
      column('Role', 'string', roleRefDoc),
      column('Age', 'string', CREATED),
      column('Users', 'string', `Users in the ${kind}`, 1),
      column('Groups', 'string', `Groups in the ${kind}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`, 1),
    ],
    cells: (obj, now) => {
      const binding = obj as RoleBinding;
      const ref = `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`;
      return [binding.metadata.name ?? '', ref, age(binding.metadata.creationTimestamp, now), ...subjectsStrings(binding)];
    },
  };
}
