/**
 * The vocabulary of the RBAC analyzer: policy rules, access requests as the Kubernetes
 * authorizer sees them, identities, and the grants that connect them.
 */
import type { Resource } from '../../model/types.js';

/** One `rules[]` entry of a Role or ClusterRole, with every list present (empty when absent). */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A request on an API resource, as the authorizer's attributes describe it. */
export interface ResourceRequest {
  readonly kind: 'resource';
  readonly verb: string;
  /** API group; `""` for the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  /** Subresource (`exec`, `status`, `scale`…); `""` when none. */
  readonly subresource: string;
  /** Object name; `""` for requests on a collection (list, watch, create, deletecollection). */
  readonly name: string;
  /** Namespace; `""` for cluster-scoped and all-namespaces requests. */
  readonly namespace: string;
}

/** A request on a non-resource URL such as `/healthz` or `/metrics`. */
export interface NonResourceRequest {
  readonly kind: 'nonResource';
  readonly verb: string;
  readonly path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

/** Who is asking: a user name and every group the request carries (implicit groups included). */
export interface Identity {
  readonly user: string;
  readonly groups: readonly string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A subject as written in a binding (`namespace` only for ServiceAccounts). */
export interface SubjectRef {
  readonly kind: SubjectKind;
  readonly name: string;
  readonly namespace?: string;
}

/** A Role or ClusterRole with its effective rules (aggregation already applied). */
export interface RoleInfo {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  /** Namespace of a Role; undefined for a ClusterRole. */
  readonly namespace: string | undefined;
  readonly rules: readonly PolicyRule[];
  /** True when the role came from Rampart's built-in defaults rather than the input. */
  readonly builtIn: boolean;
  readonly resource: Resource;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface BindingInfo {
  /** Stable id: `RoleBinding/NS/NAME` or `ClusterRoleBinding/NAME`. */
  readonly id: string;
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly namespace: string | undefined;
  readonly roleRef: { readonly kind: string; readonly name: string };
  readonly subjects: readonly SubjectRef[];
  /** Subject keys (`user:NAME`, `group:NAME`) this binding applies to; see {@link subjectKey}. */
  readonly subjectKeys: readonly string[];
  /** The role the binding resolves to; undefined when it is missing. */
  readonly role: RoleInfo | undefined;
  readonly builtIn: boolean;
  readonly resource: Resource;
}

/** One rule made effective by one binding, in one scope. */
export interface Grant {
  readonly binding: BindingInfo;
  readonly role: RoleInfo;
  readonly rule: PolicyRule;
  /** Index of the rule among the role's effective rules. */
  readonly ruleIndex: number;
  /** Namespace the grant applies in; `""` for a ClusterRoleBinding (every namespace and cluster scope). */
  readonly scope: string;
}

/** A problem found while building the model: a binding to a missing role, a role without rules… */
export interface RbacProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly resource?: Resource;
}
