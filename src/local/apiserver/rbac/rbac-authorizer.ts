import { serviceAccountUsername, type UserInfo } from '../auth/user-info.js';
import type { ObjectStore } from '../store/object-store.js';
import { type AuthorizationResult, type Authorizer, aggregateErrors, type UserRules } from './authorizer.js';
import { type Binding, bindingOf, type PolicyRule, RbacStorage, rulesOf, type Subject } from './policy.js';
import type { RequestAttributes } from './request-attributes.js';
import { ruleAllows } from './rule-matching.js';

/** Told each rule granted to a user (with where it comes from), or an error; answers false to stop. */
type RuleVisitor = (visit: { source: string; rule: PolicyRule } | { error: string }) => boolean;

/** Whether a binding's subject is the user (Kubernetes' `appliesToUser`). */
export function subjectMatches(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== '' && user.name === serviceAccountUsername(namespace, subject.name);
    }
    default:
      return false;
  }
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount')
    return `${subject.kind} "${subject.name}/${subject.namespace || bindingNamespace}"`;
  return `${subject.kind} "${subject.name}"`;
}

function describeBinding(binding: Binding, subject: Subject): string {
  const kind = binding.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
  const name = binding.namespace ? `${binding.name}/${binding.namespace}` : binding.name;
  return `${kind} "${name}" of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${describeSubject(subject, binding.namespace)}`;
}

/**
 * Kubernetes' RBAC authorizer over the stored Roles, ClusterRoles and their bindings: a request is allowed
 * when a rule of a role bound to the user (by name, group or service account) allows it; nothing denies.
 */
export class RbacAuthorizer implements Authorizer {
  constructor(private readonly store: ObjectStore) {}

  authorize(attributes: RequestAttributes): AuthorizationResult {
    let allowedBy: string | undefined;
    const errors: string[] = [];
    this.visit(attributes.user, attributes.namespace, (visit) => {
      if ('error' in visit) {
        errors.push(visit.error);
        return true;
      }
      if (!ruleAllows(attributes, visit.rule)) return true;
      allowedBy = visit.source;
      return false;
    });
    if (allowedBy) return { decision: 'allow', reason: `RBAC: allowed by ${allowedBy}` };
    return { decision: 'no-opinion', reason: errors.length > 0 ? `RBAC: ${aggregateErrors(errors)}` : '' };
  }

  rulesFor(user: UserInfo, namespace: string): UserRules {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visit(user, namespace, (visit) => {
      if ('error' in visit) errors.push(visit.error);
      else rules.push(visit.rule);
      return true;
    });
    return { rules, errors };
  }

  /** ClusterRoleBindings first, then the RoleBindings of the namespace (Kubernetes' `VisitRulesFor`). */
  private visit(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    const bindings = this.store.list(RbacStorage.clusterRoleBindings).map(bindingOf);
    if (namespace) bindings.push(...this.store.list(RbacStorage.roleBindings, namespace).map(bindingOf));
    for (const binding of bindings) {
      const subject = binding.subjects.find((s) => subjectMatches(user, s, binding.namespace));
      if (!subject) continue;
      const found = this.roleRules(binding);
      if ('error' in found) {
        if (!visitor(found)) return;
        continue;
      }
      const source = describeBinding(binding, subject);
      for (const rule of found.rules) if (!visitor({ source, rule })) return;
    }
  }

  private roleRules(binding: Binding): { rules: PolicyRule[] } | { error: string } {
    const { kind, name } = binding.roleRef;
    switch (kind) {
      case 'Role': {
        const role = this.store.get(RbacStorage.roles, binding.namespace, name);
        return role
          ? { rules: rulesOf(role) }
          : { error: `role.rbac.authorization.k8s.io "${name}" not found` };
      }
      case 'ClusterRole': {
        const role = this.store.get(RbacStorage.clusterRoles, '', name);
        return role
          ? { rules: rulesOf(role) }
          : { error: `clusterrole.rbac.authorization.k8s.io "${name}" not found` };
      }
      default:
        return { error: `unsupported role reference kind: "${kind}"` };
    }
  }
}
