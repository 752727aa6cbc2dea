/**
 * The RBAC model: Roles, ClusterRoles (aggregation recomputed), RoleBindings and
 * ClusterRoleBindings from an Inventory, merged with the built-in default roles, and indexed so
 * that `can` and `who-can` look at a handful of candidate rules instead of every rule.
 */
import type { Inventory } from '../../model/inventory.js';
import { isJsonObject, joinPointer, type JsonValue, type Resource } from '../../model/types.js';
import { compileLabelSelector, matchesLabelSelector, type LabelSelector } from '../netpol/selector.js';
import { ruleAllows } from './match.js';
import { identityKeys, subjectKey } from './subjects.js';
import type {
  AccessRequest,
  BindingInfo,
  Grant,
  Identity,
  PolicyRule,
  RbacProblem,
  RoleInfo,
  SubjectKind,
  SubjectRef,
} from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface RbacModelOptions {
  /** Built-in default roles and bindings, used when the input does not define an object of the same kind and name. */
  defaults?: readonly Resource[];
}

/** The subjects that hold a permission, each with the grants that give it. */
export interface SubjectGrants {
  readonly subject: string;
  readonly grants: readonly Grant[];
}

/** The answer to `can`: allowed or not, and every grant that allows it. */
export interface Decision {
  readonly allowed: boolean;
  readonly grants: readonly Grant[];
}

function isRbacObject(resource: Resource): boolean {
  return resource.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

function location(resource: Resource, pointer = ''): { file: string; line: number } {
  const line = pointer !== '' && resource.source.positions
    ? resource.source.positions.locate(resource.source.pointerPrefix + pointer).line
    : resource.source.line;
  return { file: resource.source.file, line };
}

function problem(resource: Resource, message: string, pointer = ''): RbacProblem {
  return { ...location(resource, pointer), message, resource };
}

function stringList(value: JsonValue | undefined): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  return value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

const RULE_FIELDS = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** Parses one `rules[]` entry; a malformed entry is reported and grants nothing. */
function parseRule(value: JsonValue, resource: Resource, pointer: string, problems: RbacProblem[]): PolicyRule | undefined {
  if (!isJsonObject(value)) {
    problems.push(problem(resource, `${resource.kind} ${resource.name}: rule is not an object; it grants nothing`, pointer));
    return undefined;
  }
  const lists: Partial<Record<(typeof RULE_FIELDS)[number], string[]>> = {};
  for (const field of RULE_FIELDS) {
    const list = stringList(value[field]);
    if (!list) {
      problems.push(problem(resource, `${resource.kind} ${resource.name}: rule field "${field}" must be a list of strings; the rule grants nothing`, joinPointer(pointer, field)));
      return undefined;
    }
    lists[field] = list;
  }
  return {
    verbs: lists.verbs ?? [],
    apiGroups: lists.apiGroups ?? [],
    resources: lists.resources ?? [],
    resourceNames: lists.resourceNames ?? [],
    nonResourceURLs: lists.nonResourceURLs ?? [],
  };
}

function parseRules(resource: Resource, problems: RbacProblem[]): PolicyRule[] {
  const raw = resource.body['rules'];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    problems.push(problem(resource, `${resource.kind} ${resource.name}: "rules" must be a list; the role grants nothing`, '/rules'));
    return [];
  }
  const rules: PolicyRule[] = [];
  (raw ?? []).forEach((value, index) => {
    const rule = parseRule(value, resource, `/rules/${index}`, problems);
    if (rule) rules.push(rule);
  });
  return rules;
}

function ruleKey(rule: PolicyRule): string {
  return JSON.stringify(RULE_FIELDS.map((f) => rule[f]));
}

interface ClusterRoleSource {
  resource: Resource;
  ownRules: PolicyRule[];
  selectors: LabelSelector[] | undefined;
  builtIn: boolean;
}

function aggregationSelectors(resource: Resource, problems: RbacProblem[]): LabelSelector[] | undefined {
  const rule = resource.body['aggregationRule'];
  if (!isJsonObject(rule)) return undefined;
  const raw = rule['clusterRoleSelectors'];
  const selectors: LabelSelector[] = [];
  (Array.isArray(raw) ? raw : []).forEach((value, index) => {
    const selector = compileLabelSelector(value).selector;
    if (selector) selectors.push(selector);
    else problems.push(problem(resource, `ClusterRole ${resource.name}: invalid clusterRoleSelectors entry ignored`, `/aggregationRule/clusterRoleSelectors/${index}`));
  });
  return selectors;
}

/**
 * Effective rules of every ClusterRole. An aggregated role's rules are the union of the rules
 * of every other ClusterRole its selectors match, computed to the fixpoint the aggregation
 * controller converges to (aggregated roles may select aggregated roles); its own stored
 * `rules` are ignored as possibly stale.
 */
function aggregate(sources: Map<string, ClusterRoleSource>): Map<string, PolicyRule[]> {
  const result = new Map<string, PolicyRule[]>();
  const visiting = new Set<string>();
  const resolve = (name: string): PolicyRule[] => {
    const done = result.get(name);
    if (done) return done;
    const source = sources.get(name);
    if (!source) return [];
    if (!source.selectors) {
      result.set(name, source.ownRules);
      return source.ownRules;
    }
    if (visiting.has(name)) return [];
    visiting.add(name);
    const rules: PolicyRule[] = [];
    const seen = new Set<string>();
    for (const selector of source.selectors) {
      const matched = [...sources.values()]
        .filter((s) => s.resource.name !== name && matchesLabelSelector(selector, s.resource.labels))
        .sort((a, b) => (a.resource.name < b.resource.name ? -1 : 1));
      for (const s of matched) {
        for (const rule of resolve(s.resource.name)) {
          const key = ruleKey(rule);
          if (!seen.has(key)) {
            seen.add(key);
            rules.push(rule);
          }
        }
      }
    }
    visiting.delete(name);
    result.set(name, rules);
    return rules;
  };
  for (const name of sources.keys()) resolve(name);
  return result;
}

function parseSubjects(resource: Resource, problems: RbacProblem[]): SubjectRef[] {
  const raw = resource.body['subjects'];
  const subjects: SubjectRef[] = [];
  (Array.isArray(raw) ? raw : []).forEach((value, index) => {
    const pointer = `/subjects/${index}`;
    if (!isJsonObject(value) || typeof value['kind'] !== 'string' || typeof value['name'] !== 'string') {
      problems.push(problem(resource, `${resource.kind} ${resource.name}: subject needs a kind and a name; ignored`, pointer));
      return;
    }
    const kind = value['kind'];
    if (kind !== 'User' && kind !== 'Group' && kind !== 'ServiceAccount') {
      problems.push(problem(resource, `${resource.kind} ${resource.name}: unknown subject kind "${kind}" matches nobody`, pointer));
      return;
    }
    const namespace = typeof value['namespace'] === 'string' && value['namespace'] !== '' ? value['namespace'] : undefined;
    subjects.push(namespace === undefined ? { kind: kind as SubjectKind, name: value['name'] } : { kind: kind as SubjectKind, name: value['name'], namespace });
  });
  return subjects;
}

function bindingNamespace(resource: Resource): string | undefined {
  return resource.kind === 'RoleBinding' ? (resource.namespace ?? 'default') : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Rules indexed per scope by resource string, plus the non-resource rules. */
class GrantIndex {
  private readonly byResource = new Map<string, Map<string, Grant[]>>();
  private readonly nonResource: Grant[] = [];

  add(grant: Grant): void {
    if (grant.rule.nonResourceURLs.length > 0 && grant.scope === '') this.nonResource.push(grant);
    let scoped = this.byResource.get(grant.scope);
    if (!scoped) this.byResource.set(grant.scope, (scoped = new Map()));
    for (const resource of new Set(grant.rule.resources)) push(scoped, resource, grant);
  }

  /** Grants whose rule may allow `request`: same resource string, `*`, or `* /SUB`. */
  candidates(request: AccessRequest): Grant[] {
    // Non-resource requests carry no namespace: only ClusterRoleBindings can allow them.
    if (request.kind === 'nonResource') return this.nonResource;
    const scopes = request.namespace === '' ? [''] : ['', request.namespace];
    const keys = [request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`, '*'];
    if (request.subresource !== '') keys.push(`*/${request.subresource}`);
    const out: Grant[] = [];
    for (const scope of scopes) {
      const scoped = this.byResource.get(scope);
      if (!scoped) continue;
      for (const key of keys) for (const grant of scoped.get(key) ?? []) out.push(grant);
    }
    return out;
  }
}

/**
 * True when `grant` allows `request`: its rule matches and its scope covers the request's
 * namespace (a ClusterRoleBinding covers every namespace; non-resource requests have none).
 *
 * @example
 * grantAllows(grant, resourceRequest({ verb: 'get', resource: 'pods', namespace: 'shop', name: 'web' }));
 */
export function grantAllows(grant: Grant, request: AccessRequest): boolean {
  const namespace = request.kind === 'nonResource' ? '' : request.namespace;
  return (grant.scope === '' || grant.scope === namespace) && ruleAllows(grant.rule, request);
}

function compareGrants(a: Grant, b: Grant): number {
  if (a.binding.id !== b.binding.id) return a.binding.id < b.binding.id ? -1 : 1;
  return a.ruleIndex - b.ruleIndex;
}

/**
 * Everything the RBAC authorizer would consult, built once from an inventory.
 *
 * @example
 * const model = buildRbacModel(inventory, { defaults: loadDefaultRoles() });
 * model.can(parseSubject('sa:shop:cart'), resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'shop' })).allowed;
 */
export class RbacModel {
  readonly roles: readonly RoleInfo[];
  readonly bindings: readonly BindingInfo[];
  readonly problems: readonly RbacProblem[];
  private readonly index = new GrantIndex();
  private readonly grantsByKey = new Map<string, Grant[]>();
  private readonly grantsByBinding = new Map<string, Grant[]>();

  constructor(roles: RoleInfo[], bindings: BindingInfo[], problems: RbacProblem[]) {
    this.roles = roles;
    this.bindings = bindings;
    this.problems = problems;
    for (const binding of bindings) this.addBinding(binding);
  }

  private addBinding(binding: BindingInfo): void {
    const role = binding.role;
    if (!role) return;
    const scope = binding.namespace ?? '';
    const grants = role.rules.map((rule, ruleIndex): Grant => ({ binding, role, rule, ruleIndex, scope }));
    this.grantsByBinding.set(binding.id, grants);
    for (const grant of grants) this.index.add(grant);
    for (const key of new Set(binding.subjectKeys)) for (const grant of grants) push(this.grantsByKey, key, grant);
  }

  /** Every grant that applies to one subject key (`user:NAME` or `group:NAME`), identity groups not included. */
  grantsOfKey(key: string): readonly Grant[] {
    return this.grantsByKey.get(key) ?? [];
  }

  /** Every grant a binding makes. */
  grantsOfBinding(bindingId: string): readonly Grant[] {
    return this.grantsByBinding.get(bindingId) ?? [];
  }

  /** Every subject key that appears in some binding, sorted. */
  subjectKeys(): string[] {
    return [...this.grantsByKey.keys()].sort();
  }

  /** Every grant that applies to the identity (its user and all its groups), sorted by binding. */
  grantsOf(identity: Identity): Grant[] {
    const seen = new Set<Grant>();
    for (const key of identityKeys(identity)) for (const grant of this.grantsOfKey(key)) seen.add(grant);
    return [...seen].sort(compareGrants);
  }

  /**
   * Would the RBAC authorizer allow `request` for `identity`? Lists every grant that allows it.
   *
   * @example
   * model.can(identityOf('alice'), nonResourceRequest('get', '/healthz')).allowed;
   */
  can(identity: Identity, request: AccessRequest): Decision {
    const keys = new Set(identityKeys(identity));
    const grants = this.allowing(request).filter((g) => g.binding.subjectKeys.some((k) => keys.has(k)));
    return { allowed: grants.length > 0, grants };
  }

  /**
   * Every subject (as written in bindings) that `request` is allowed for, with the grants.
   *
   * @example
   * model.whoCan(resourceRequest({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop' }));
   */
  whoCan(request: AccessRequest): SubjectGrants[] {
    const bySubject = new Map<string, Grant[]>();
    for (const grant of this.allowing(request)) {
      for (const key of new Set(grant.binding.subjectKeys)) push(bySubject, key, grant);
    }
    return [...bySubject.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([subject, grants]) => ({ subject, grants }));
  }

  /** Grants (of any subject) whose rule allows `request` in its scope, deduplicated and sorted. */
  allowing(request: AccessRequest): Grant[] {
    const out = new Set<Grant>();
    for (const grant of this.index.candidates(request)) if (grantAllows(grant, request)) out.add(grant);
    return [...out].sort(compareGrants);
  }
}

function roleInfo(resource: Resource, rules: PolicyRule[], builtIn: boolean): RoleInfo {
  return {
    kind: resource.kind === 'Role' ? 'Role' : 'ClusterRole',
    name: resource.name,
    namespace: resource.kind === 'Role' ? (resource.namespace ?? 'default') : undefined,
    rules,
    builtIn,
    resource,
  };
}

/** Input objects plus the defaults the input does not override (same kind and name). */
function mergeDefaults(inventory: Inventory, defaults: readonly Resource[]): Array<{ resource: Resource; builtIn: boolean }> {
  const input = inventory.resources.filter(isRbacObject).map((resource) => ({ resource, builtIn: false }));
  const present = new Set(input.map(({ resource }) => `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`));
  const added = defaults
    .filter((d) => !present.has(`${d.kind}/${d.namespace ?? ''}/${d.name}`))
    .map((resource) => ({ resource, builtIn: true }));
  return [...input, ...added];
}

function buildRoles(objects: Array<{ resource: Resource; builtIn: boolean }>, problems: RbacProblem[]): RoleInfo[] {
  const clusterSources = new Map<string, ClusterRoleSource>();
  const roles: RoleInfo[] = [];
  for (const { resource, builtIn } of objects) {
    if (resource.kind === 'ClusterRole') {
      const selectors = aggregationSelectors(resource, problems);
      const ownRules = selectors ? [] : parseRules(resource, problems);
      clusterSources.set(resource.name, { resource, ownRules, selectors, builtIn });
    } else if (resource.kind === 'Role') {
      roles.push(roleInfo(resource, parseRules(resource, problems), builtIn));
    }
  }
  const effective = aggregate(clusterSources);
  for (const [name, source] of clusterSources) roles.push(roleInfo(source.resource, effective.get(name) ?? [], source.builtIn));
  for (const role of roles) {
    if (role.rules.length === 0 && !role.builtIn) {
      const why = clusterSources.get(role.name)?.selectors && role.kind === 'ClusterRole' ? ' (its aggregationRule selects no rules)' : '';
      problems.push(problem(role.resource, `${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name} has no rules${why}; it grants nothing`));
    }
  }
  return roles;
}

function resolveRole(
  resource: Resource,
  roleRef: { kind: string; name: string },
  lookup: (kind: string, namespace: string | undefined, name: string) => RoleInfo | undefined,
): RoleInfo | undefined {
  if (roleRef.kind === 'ClusterRole') return lookup('ClusterRole', undefined, roleRef.name);
  if (roleRef.kind === 'Role' && resource.kind === 'RoleBinding') return lookup('Role', bindingNamespace(resource), roleRef.name);
  return undefined;
}

function unresolvedMessage(resource: Resource, roleRef: { kind: string; name: string }, namespace: string | undefined): string {
  const binding = `${resource.kind} ${namespace ? `${namespace}/` : ''}${resource.name}`;
  if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') return `${binding} has roleRef.kind "${roleRef.kind}" (expected Role or ClusterRole); it grants nothing`;
  if (roleRef.kind === 'Role' && namespace === undefined) return `${binding} refers to Role "${roleRef.name}", which a ClusterRoleBinding cannot bind; it grants nothing`;
  const where = roleRef.kind === 'Role' ? ` in namespace ${namespace}` : '';
  return `${binding} refers to missing ${roleRef.kind} "${roleRef.name}"${where}; it grants nothing`;
}

function buildBinding(
  resource: Resource,
  builtIn: boolean,
  lookup: (kind: string, namespace: string | undefined, name: string) => RoleInfo | undefined,
  problems: RbacProblem[],
): BindingInfo {
  const ref = isJsonObject(resource.body['roleRef']) ? resource.body['roleRef'] : {};
  const roleRef = { kind: typeof ref['kind'] === 'string' ? ref['kind'] : '', name: typeof ref['name'] === 'string' ? ref['name'] : '' };
  const namespace = bindingNamespace(resource);
  const subjects = parseSubjects(resource, problems);
  const subjectKeys = subjects.flatMap((s) => subjectKey(s, namespace) ?? []);
  const role = resolveRole(resource, roleRef, lookup);
  const id = namespace === undefined ? `ClusterRoleBinding/${resource.name}` : `RoleBinding/${namespace}/${resource.name}`;
  if (!role) problems.push(problem(resource, unresolvedMessage(resource, roleRef, namespace), '/roleRef'));
  return { id, kind: resource.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding', name: resource.name, namespace, roleRef, subjects, subjectKeys, role, builtIn, resource };
}

/**
 * Builds the RBAC model of an inventory.
 *
 * @example
 * const model = buildRbacModel(new Inventory(resources), { defaults: loadDefaultRoles() });
 * for (const p of model.problems) console.error(`${p.file}:${p.line}: ${p.message}`);
 */
export function buildRbacModel(inventory: Inventory, options: RbacModelOptions = {}): RbacModel {
  const problems: RbacProblem[] = [];
  const objects = mergeDefaults(inventory, options.defaults ?? []);
  const roles = buildRoles(objects, problems);
  const byKey = new Map(roles.map((r) => [`${r.kind}/${r.namespace ?? ''}/${r.name}`, r]));
  const lookup = (kind: string, namespace: string | undefined, name: string): RoleInfo | undefined => byKey.get(`${kind}/${namespace ?? ''}/${name}`);
  const bindings = objects
    .filter(({ resource }) => resource.kind === 'RoleBinding' || resource.kind === 'ClusterRoleBinding')
    .map(({ resource, builtIn }) => buildBinding(resource, builtIn, lookup, problems));
  bindings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new RbacModel(roles, bindings, problems);
}
