/**
 * The one rule matcher, with the semantics of the Kubernetes RBAC authorizer
 * (`RuleAllows` in plugin/pkg/auth/authorizer/rbac and the helpers in
 * pkg/apis/rbac/v1/evaluation_helpers.go). Nothing is case-folded: `Get` is not `get`.
 */
import type { AccessRequest, PolicyRule, ResourceRequest } from './types.js';

const ALL = '*';

/**
 * A rule verb `*` matches every verb; otherwise the verb must be listed exactly.
 *
 * @example
 * verbMatches(rule, 'get');
 */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

/**
 * A rule group `*` matches every group; `""` is the core group.
 *
 * @example
 * apiGroupMatches(rule, 'apps');
 */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

/**
 * `*` matches every resource and subresource; `pods/exec` matches exactly; `* /scale` (written
 * without the space) matches the `scale` subresource of every resource.
 *
 * @example
 * resourceMatches(rule, 'deployments/scale', 'scale'); // true for a rule listing the scale wildcard
 */
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL || r === combinedResource) return true;
    if (subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/**
 * A rule without resourceNames matches every name. A rule with resourceNames only matches a
 * request that names one of them — so it never matches list, watch, create or
 * deletecollection on a collection, whose requests carry no name.
 *
 * @example
 * resourceNameMatches(rule, ''); // false when the rule lists resourceNames
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

/**
 * `*` matches every URL; `/apis/*` matches every URL starting with `/apis/`; otherwise exact.
 *
 * @example
 * nonResourceURLMatches(rule, '/healthz/etcd'); // true for a rule listing '/healthz/*'
 */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs) {
    if (url === ALL || url === path) return true;
    if (url.endsWith(ALL) && path.startsWith(url.slice(0, -1))) return true;
  }
  return false;
}

/**
 * `pods` or `pods/exec`: the resource string a rule is compared with.
 *
 * @example
 * combinedResource({ resource: 'pods', subresource: 'exec' }); // 'pods/exec'
 */
export function combinedResource(request: Pick<ResourceRequest, 'resource' | 'subresource'>): string {
  return request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
}

/**
 * True when `rule` allows `request`, exactly as the Kubernetes RBAC authorizer decides.
 *
 * @example
 * ruleAllows(rule, { kind: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', name: 'web', namespace: 'shop' });
 */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (request.kind === 'nonResource') return nonResourceURLMatches(rule, request.path);
  return (
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, combinedResource(request), request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}
