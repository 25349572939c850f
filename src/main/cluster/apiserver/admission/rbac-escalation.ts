/**
 * RBAC escalation prevention on Roles, ClusterRoles and their bindings. kube-apiserver does this in
 * the rbac registry's storage (policybased.Storage), after mutating admission and before
 * validation; here it is the last mutating-phase plugin, which runs at the same point.
 *
 * - `system:masters` may always write them (EscalationAllowed).
 * - Roles and ClusterRoles: allowed with the `escalate` verb on them, otherwise every rule must be
 *   held by the writer; setting an aggregationRule needs `*` on everything.
 * - Bindings: allowed with the `bind` verb on the referenced role, otherwise the writer must hold
 *   every rule of that role (a missing role refuses the write).
 * An update that changes only ownerReferences/finalizers (what the garbage collector writes) is
 * not checked.
 */
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import type { ClusterRole, PolicyRule, RoleBinding } from '../../../../shared/api/rbac.js';
import type { AuthorizationAttributes } from '../auth/authorizer.js';
import { RbacAuthorizer, aggregateErrors } from '../auth/rbac-authorizer.js';
import { FULL_AUTHORITY, confirmNoEscalation } from '../auth/rbac-escalation.js';
import { readerFromContext } from '../auth/rbac-reader.js';
import { SYSTEM_MASTERS, type UserInfo } from '../auth/user.js';
import { forbiddenWith } from '../errors.js';
import type { StrategyContext } from '../registry/resource.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const ROLE_RESOURCES = new Set(['roles', 'clusterroles']);
const BINDING_RESOURCES = new Set(['rolebindings', 'clusterrolebindings']);

/** IsOnlyMutatingGCFields: the objects are equal once ownerReferences, finalizers and managedFields are ignored. */
function onlyGCFields(object: KubeObject, old: KubeObject | undefined): boolean {
  if (!old) return false;
  const strip = (o: KubeObject): string => {
    const metadata = { ...o.metadata };
    delete metadata.ownerReferences;
    delete metadata.finalizers;
    delete metadata.managedFields;
    delete metadata.resourceVersion;
    return canonicalJson({ ...o, metadata });
  };
  return strip(object) === strip(old);
}

export class RbacEscalationAdmission implements AdmissionPlugin {
  readonly name = 'RBACEscalation';

  admit(attributes: AdmissionAttributes, ctx: StrategyContext): Status | undefined {
    const { resource, operation, object } = attributes;
    if (resource.group !== RBAC_GROUP || attributes.subresource || !object) return undefined;
    if (operation !== 'CREATE' && operation !== 'UPDATE') return undefined;
    const isRole = ROLE_RESOURCES.has(resource.plural);
    if (!isRole && !BINDING_RESOURCES.has(resource.plural)) return undefined;
    if (attributes.user.groups.includes(SYSTEM_MASTERS)) return undefined;
    return isRole ? this.checkRole(attributes, object as ClusterRole, ctx) : this.checkBinding(attributes, object as RoleBinding, ctx);
  }

  private checkRole(attributes: AdmissionAttributes, role: ClusterRole, ctx: StrategyContext): Status | undefined {
    // RoleEscalationAuthorized: the request's own name, which a create (POST to the collection) does not have.
    const escalate: AuthorizationAttributes = {
      user: attributes.user,
      verb: 'escalate',
      resourceRequest: true,
      apiGroup: RBAC_GROUP,
      apiVersion: '*',
      resource: attributes.resource.plural,
      namespace: attributes.namespace,
      name: attributes.operation === 'UPDATE' ? attributes.name : '',
    };
    if (ctx.authorize(escalate).decision === 'Allow') return undefined;
    if (attributes.operation === 'UPDATE' && onlyGCFields(role, attributes.oldObject)) return undefined;
    const refused = this.confirm(attributes, role.rules ?? [], ctx);
    if (refused) return refused;
    const addsAggregation = role.aggregationRule && !(attributes.oldObject as ClusterRole | undefined)?.aggregationRule;
    if (attributes.resource.plural === 'clusterroles' && addsAggregation && this.escalation(attributes.user, attributes.namespace, FULL_AUTHORITY, ctx)) {
      return forbiddenWith({ group: RBAC_GROUP, resource: 'clusterroles' }, attributes.name, 'must have cluster-admin privileges to use an aggregationRule');
    }
    return undefined;
  }

  private checkBinding(attributes: AdmissionAttributes, binding: RoleBinding, ctx: StrategyContext): Status | undefined {
    if (attributes.operation === 'UPDATE' && onlyGCFields(binding, attributes.oldObject)) return undefined;
    const ref = binding.roleRef;
    const namespace = attributes.namespace ?? '';
    // BindingAuthorized: `bind` on the referenced role, checked in the binding's namespace.
    if (ref?.kind === 'ClusterRole' || ref?.kind === 'Role') {
      const bind: AuthorizationAttributes = {
        user: attributes.user,
        verb: 'bind',
        resourceRequest: true,
        apiGroup: ref.apiGroup ?? '',
        resource: ref.kind === 'ClusterRole' ? 'clusterroles' : 'roles',
        namespace: namespace || undefined,
        name: ref.name ?? '',
      };
      if (ctx.authorize(bind).decision === 'Allow') return undefined;
    }
    const gr = { group: RBAC_GROUP, resource: attributes.resource.plural };
    const rules = this.resolver(ctx).roleReferenceRules(ref, namespace);
    if (!rules.ok) return forbiddenWith(gr, attributes.name, rules.error);
    return this.confirm(attributes, rules.rules, ctx);
  }

  private resolver(ctx: StrategyContext): RbacAuthorizer {
    return new RbacAuthorizer(readerFromContext(ctx), 'registry');
  }

  /** The refusal text when the user's rules in the namespace do not cover `rules`. */
  private escalation(user: UserInfo, namespace: string | undefined, rules: readonly PolicyRule[], ctx: StrategyContext): string | undefined {
    const owned = this.resolver(ctx).policyRulesFor(user, namespace ?? '');
    const resolutionError = owned.errors.length > 0 ? aggregateErrors(owned.errors) : undefined;
    return confirmNoEscalation(user, owned.rules, resolutionError, rules);
  }

  private confirm(attributes: AdmissionAttributes, rules: readonly PolicyRule[], ctx: StrategyContext): Status | undefined {
    const why = this.escalation(attributes.user, attributes.namespace, rules, ctx);
    return why ? forbiddenWith({ group: RBAC_GROUP, resource: attributes.resource.plural }, attributes.name, why) : undefined;
  }
}
