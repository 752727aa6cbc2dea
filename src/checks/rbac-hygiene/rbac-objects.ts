/**
 * Reading one RBAC object at a time for the hygiene checks: the rules of a Role or ClusterRole
 * with their pointers, the subjects of a binding, and a factory for the "this rule grants a
 * sensitive permission" checks. Matching uses the authorizer-exact helpers of the RBAC analyzer
 * (src/analyzers/rbac/match.ts); only the tolerant, pointer-keeping reading lives here, because a
 * per-object check must point at the offending rule and must not give up on a malformed sibling.
 */
import { apiGroupMatches, resourceMatches, verbMatches } from '../../analyzers/rbac/match.js';
import type { PolicyRule } from '../../analyzers/rbac/types.js';
import { defineCheck, type CheckContext, type CheckDefinition, type Control, type Severity } from '../../engine/types.js';
import { isJsonObject, joinPointer, type JsonValue, type Resource } from '../../model/types.js';

export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;
const RBAC_API_PREFIX = 'rbac.authorization.k8s.io/';
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/** A rule of a Role or ClusterRole with its JSON Pointer (`/rules/N`). */
export interface LocatedRule {
  rule: PolicyRule;
  index: number;
  pointer: string;
}

/** A subject of a binding with its JSON Pointer (`/subjects/N`). */
export interface LocatedSubject {
  kind: string;
  name: string;
  namespace: string | undefined;
  index: number;
  pointer: string;
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** True for objects of the RBAC API group (a custom kind called `Role` in another group is not RBAC). */
export function isRbacObject(resource: Resource): boolean {
  return resource.apiVersion.startsWith(RBAC_API_PREFIX);
}

/**
 * True for the roles and bindings the API server creates and reconciles itself
 * (`kubernetes.io/bootstrapping: rbac-defaults`): they are not the user's to change, and their
 * risk shows where they are bound.
 */
export function isBootstrapObject(resource: Resource): boolean {
  return resource.labels[BOOTSTRAP_LABEL] === 'rbac-defaults';
}

/**
 * The API server's default bindings to broad groups (discovery, self-review and version/health
 * endpoints), recognised by name and role even when a manifest copy lacks the bootstrapping label.
 */
const DEFAULT_BROAD_BINDINGS: ReadonlySet<string> = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export function isDefaultBroadBinding(resource: Resource): boolean {
  if (resource.kind !== 'ClusterRoleBinding' || !DEFAULT_BROAD_BINDINGS.has(resource.name)) return false;
  const ref = roleRefOf(resource);
  return ref !== undefined && ref.kind === 'ClusterRole' && ref.name === resource.name;
}

/**
 * The rules of a Role or ClusterRole, each list read as strings (entries of other types are
 * ignored, as the API server would reject them anyway).
 *
 * @example
 * for (const { rule, pointer } of rulesOf(role)) if (rule.verbs.includes('*')) report(pointer);
 */
export function rulesOf(resource: Resource): readonly LocatedRule[] {
  // Every hygiene check reads the same roles; resources do not change during a run.
  let rules = ruleCache.get(resource);
  if (!rules) {
    rules = Object.freeze(readRules(resource));
    ruleCache.set(resource, rules);
  }
  return rules;
}

const ruleCache = new WeakMap<Resource, readonly LocatedRule[]>();

function readRules(resource: Resource): LocatedRule[] {
  const raw = resource.body['rules'];
  if (!Array.isArray(raw)) return [];
  const out: LocatedRule[] = [];
  raw.forEach((value, index) => {
    if (!isJsonObject(value)) return;
    out.push({
      index,
      pointer: joinPointer('', 'rules', index),
      rule: {
        verbs: strings(value['verbs']),
        apiGroups: strings(value['apiGroups']),
        resources: strings(value['resources']),
        resourceNames: strings(value['resourceNames']),
        nonResourceURLs: strings(value['nonResourceURLs']),
      },
    });
  });
  return out;
}

/** The subjects of a RoleBinding or ClusterRoleBinding. */
export function subjectsOf(resource: Resource): LocatedSubject[] {
  const raw = resource.body['subjects'];
  if (!Array.isArray(raw)) return [];
  const out: LocatedSubject[] = [];
  raw.forEach((value, index) => {
    if (!isJsonObject(value)) return;
    const kind = value['kind'];
    const name = value['name'];
    if (typeof kind !== 'string' || typeof name !== 'string') return;
    const namespace = typeof value['namespace'] === 'string' ? value['namespace'] : undefined;
    out.push({ kind, name, namespace, index, pointer: joinPointer('', 'subjects', index) });
  });
  return out;
}

/** The `roleRef` of a binding; undefined when it is malformed. */
export function roleRefOf(resource: Resource): { kind: string; name: string } | undefined {
  const ref = resource.body['roleRef'];
  if (!isJsonObject(ref)) return undefined;
  const { kind, name } = ref;
  return typeof kind === 'string' && typeof name === 'string' ? { kind, name } : undefined;
}

/** `ClusterRole reader` or `Role shop/reader`, for messages. */
export function describeRbacObject(resource: Resource): string {
  return resource.namespace !== undefined && !resource.kind.startsWith('Cluster')
    ? `${resource.kind} ${resource.namespace}/${resource.name}`
    : `${resource.kind} ${resource.name}`;
}

/** `User alice`, `Group system:authenticated`, `ServiceAccount shop/cart`. */
export function describeSubject(subject: LocatedSubject, bindingNamespace: string | undefined): string {
  if (subject.kind === 'ServiceAccount') return `ServiceAccount ${subject.namespace ?? bindingNamespace ?? 'default'}/${subject.name}`;
  return `${subject.kind} ${subject.name}`;
}

/**
 * True for a rule with `*` in verbs, apiGroups and resources: it allows everything in its scope
 * (cluster-admin when bound cluster-wide). Such a rule is reported once, by
 * `rbac.full-wildcard-rule`, rather than by every wildcard and permission check.
 */
export function isFullWildcardRule(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') && rule.apiGroups.includes('*') && rule.resources.includes('*');
}

/** A rule list field that may hold a `*` wildcard. */
export type WildcardField = 'verbs' | 'apiGroups' | 'resources' | 'nonResourceURLs';

/**
 * The evaluation shared by the wildcard checks: each `*` in the given fields of every rule of a
 * Role or ClusterRole, except rules that are wildcards everywhere (`rbac.full-wildcard-rule`
 * reports those once) and the API server's own default roles.
 *
 * @example
 * evaluate: reportWildcards<'wildcardVerb'>({ verbs: 'wildcardVerb' }),
 */
export function reportWildcards<MessageId extends string>(
  fields: Partial<Record<WildcardField, MessageId>>,
): (context: CheckContext<MessageId, unknown>) => void {
  const entries = Object.entries(fields) as Array<[WildcardField, MessageId]>;
  return ({ resource, report }) => {
    if (!isRbacObject(resource) || isBootstrapObject(resource)) return;
    for (const { rule, index, pointer } of rulesOf(resource)) {
      if (isFullWildcardRule(rule)) continue;
      const data = { role: describeRbacObject(resource), rule: index };
      for (const [field, messageId] of entries) {
        const at = rule[field].indexOf('*');
        if (at >= 0) report({ messageId, data, path: `${pointer}/${field}/${at}` });
      }
    }
  };
}

/** One sensitive permission: any of `verbs` on `resource` (with `subresource`) in `apiGroup`. */
export interface Permission {
  readonly verbs: readonly string[];
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
}

export interface PermissionMatch {
  /** `get secrets`, `create pods/exec`… */
  readonly permission: string;
  /** True when the rule grants it only through a `*` in verbs, apiGroups or resources. */
  readonly viaWildcard: boolean;
}

/**
 * The first permission of `permissions` that `rule` grants, with the authorizer's matching
 * (verbs, apiGroups and resources with `*` and `* /sub` wildcards). Rules restricted by
 * `resourceNames` count only when `countNamedRules` is true; non-resource rules never count.
 */
export function grantedPermission(rule: PolicyRule, permissions: readonly Permission[], countNamedRules: boolean): PermissionMatch | undefined {
  if (rule.resourceNames.length > 0 && !countNamedRules) return undefined;
  for (const p of permissions) {
    const subresource = p.subresource ?? '';
    const combined = subresource === '' ? p.resource : `${p.resource}/${subresource}`;
    if (!apiGroupMatches(rule, p.apiGroup) || !resourceMatches(rule, combined, subresource)) continue;
    const verb = p.verbs.find((v) => verbMatches(rule, v));
    if (verb === undefined) continue;
    const explicitVerb = rule.verbs.includes(verb);
    const explicitGroup = rule.apiGroups.includes(p.apiGroup);
    const explicitResource = rule.resources.includes(combined);
    return { permission: `${verb} ${combined}`, viaWildcard: !(explicitVerb && explicitGroup && explicitResource) };
  }
  return undefined;
}

export type PermissionMessageId = 'grants' | 'grantsViaWildcard';

export interface PermissionCheckMeta {
  id: string;
  title: string;
  severity: Severity;
  controls: readonly Control[];
  remediation: string;
  docs: string;
  permissions: readonly Permission[];
  /** Cluster-scoped resources: a Role cannot grant them, so only ClusterRoles are looked at. */
  clusterScoped?: boolean;
  /** Whether a rule limited by `resourceNames` still counts (true where naming objects does not make the permission safe). */
  countNamedRules: boolean;
}

/**
 * A per-object check reporting every rule of a Role or ClusterRole that grants one of a list of
 * sensitive permissions, at `/rules/N`.
 *
 * @example
 * export default permissionCheck({ id: 'rbac.pods-exec', permissions: [{ verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'exec' }], … });
 */
export function permissionCheck(meta: PermissionCheckMeta): CheckDefinition<PermissionMessageId, Record<string, never>> {
  return defineCheck<PermissionMessageId>({
    id: meta.id,
    title: meta.title,
    domain: 'rbac',
    severity: meta.severity,
    controls: meta.controls,
    remediation: meta.remediation,
    docs: meta.docs,
    scope: 'resource',
    match: meta.clusterScoped ? ['ClusterRole'] : ROLE_KINDS,
    messages: {
      grants: '{{role}} rule {{rule}} grants "{{permission}}"',
      grantsViaWildcard: '{{role}} rule {{rule}} grants "{{permission}}" through a wildcard',
    },
    evaluate: ({ resource, report }) => {
      if (!isRbacObject(resource) || isBootstrapObject(resource)) return;
      for (const { rule, index, pointer } of rulesOf(resource)) {
        if (isFullWildcardRule(rule)) continue;
        const match = grantedPermission(rule, meta.permissions, meta.countNamedRules);
        if (!match) continue;
        report({
          messageId: match.viaWildcard ? 'grantsViaWildcard' : 'grants',
          data: { role: describeRbacObject(resource), rule: index, permission: match.permission },
          path: pointer,
        });
      }
    },
  });
}
