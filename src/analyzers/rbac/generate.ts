/**
 * Least privilege from audit logs: Roles, ClusterRoles and bindings that grant each identity
 * exactly the allowed requests it made, generalised only in the three ways documented in
 * docs/rbac.md:
 *
 * 1. A request without a name grants its verb on every name (RBAC cannot express "no name").
 * 2. A request without a namespace is granted through a ClusterRole and ClusterRoleBinding,
 *    which also allows it in every namespace.
 * 3. A plain `create` is granted without resourceNames: the authorizer never sees its name.
 */
import type { JsonObject } from '../../model/types.js';
import type { AuditRequest } from './audit.js';
import { grantAllows, type RbacModel } from './model.js';
import { combinedResource } from './match.js';
import { identityOf, parseServiceAccountUser } from './subjects.js';
import type { Grant, Identity } from './types.js';

const RBAC_API = 'rbac.authorization.k8s.io/v1';
const ANY_NAME = '\u0000any';

/** Verbs per (group, resource) or per URL, each with the names it was used on (or any name). */
type Usage = Map<string, Map<string, Set<string>>>;

export interface IdentitySummary {
  readonly user: string;
  readonly allowed: number;
  readonly denied: number;
}

export interface GeneratedPolicy {
  /** ClusterRoles, Roles, ClusterRoleBindings and RoleBindings, ready to apply. */
  readonly manifests: JsonObject[];
  readonly identities: IdentitySummary[];
  /** Requests the authorizer denied: never granted. */
  readonly denied: AuditRequest[];
  /** Requests that cannot be granted without granting more (a URL ending in `*`, a `*` verb or resource). */
  readonly ungrantable: Array<{ file: string; line: number; message: string }>;
}

function add(usage: Usage, key: string, verb: string, name: string): void {
  let verbs = usage.get(key);
  if (!verbs) usage.set(key, (verbs = new Map()));
  let names = verbs.get(verb);
  if (!names) verbs.set(verb, (names = new Set()));
  names.add(name === '' ? ANY_NAME : name);
}

/** Why a request cannot be granted exactly, or undefined when it can. */
function ungrantable(r: AuditRequest): string | undefined {
  const q = r.request;
  if (q.verb === '*') return 'verb "*" would grant every verb';
  if (q.kind === 'nonResource') return q.path.endsWith('*') ? `URL ${q.path} ends in "*", which RBAC reads as a prefix` : undefined;
  if (q.resource === '*' || q.apiGroup === '*' || q.resource.includes('/')) return `resource "${combinedResource(q)}" cannot be written as an exact rule`;
  return undefined;
}

function slug(user: string): string {
  return user.replace(/[/%]/g, '_');
}

function subjectOf(user: string): JsonObject {
  const sa = parseServiceAccountUser(user);
  return sa ? { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace } : { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user };
}

/** Rules for one scope: one per resource and name set, verbs sorted; URLs grouped by verb set. */
function rulesOf(usage: Usage): JsonObject[] {
  const rules: JsonObject[] = [];
  const urlsByVerbs = new Map<string, string[]>();
  for (const key of [...usage.keys()].sort()) {
    const [kind, group, resource] = JSON.parse(key) as [string, string, string];
    const verbs = usage.get(key) ?? new Map<string, Set<string>>();
    if (kind === 'url') {
      const verbList = [...verbs.keys()].sort().join(',');
      urlsByVerbs.set(verbList, [...(urlsByVerbs.get(verbList) ?? []), group]);
      continue;
    }
    const byNames = new Map<string, string[]>();
    for (const [verb, names] of verbs) {
      const nameKey = names.has(ANY_NAME) ? '' : JSON.stringify([...names].sort());
      byNames.set(nameKey, [...(byNames.get(nameKey) ?? []), verb]);
    }
    for (const [nameKey, verbList] of [...byNames.entries()].sort()) {
      const rule: JsonObject = { apiGroups: [group], resources: [resource], verbs: verbList.sort() };
      if (nameKey !== '') rule['resourceNames'] = JSON.parse(nameKey) as string[];
      rules.push(rule);
    }
  }
  for (const [verbList, urls] of [...urlsByVerbs.entries()].sort()) rules.push({ nonResourceURLs: urls.sort(), verbs: verbList.split(',') });
  return rules;
}

function manifestsFor(user: string, scopes: Map<string, Usage>): JsonObject[] {
  const name = `rampart:least-privilege:${slug(user)}`;
  const labels = { 'app.kubernetes.io/managed-by': 'rampart' };
  const out: JsonObject[] = [];
  for (const scope of [...scopes.keys()].sort()) {
    const rules = rulesOf(scopes.get(scope) ?? new Map());
    const roleKind = scope === '' ? 'ClusterRole' : 'Role';
    const metadata: JsonObject = scope === '' ? { name, labels } : { name, namespace: scope, labels };
    out.push({ apiVersion: RBAC_API, kind: roleKind, metadata, rules });
    out.push({
      apiVersion: RBAC_API,
      kind: scope === '' ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name },
      subjects: [subjectOf(user)],
    });
  }
  return out;
}

/**
 * Generates least-privilege roles and bindings from audited requests.
 *
 * @example
 * const { requests } = parseAuditLog(text, 'audit.jsonl');
 * const policy = generateFromAudit(requests);
 */
export function generateFromAudit(requests: readonly AuditRequest[]): GeneratedPolicy {
  const byUser = new Map<string, Map<string, Usage>>();
  const counts = new Map<string, { allowed: number; denied: number }>();
  const denied: AuditRequest[] = [];
  const skipped: Array<{ file: string; line: number; message: string }> = [];
  for (const r of requests) {
    const count = counts.get(r.user) ?? { allowed: 0, denied: 0 };
    counts.set(r.user, count);
    if (!r.allowed) {
      count.denied++;
      denied.push(r);
      continue;
    }
    count.allowed++;
    const why = ungrantable(r);
    if (why) {
      skipped.push({ file: r.file, line: r.line, message: `not granted: ${why}` });
      continue;
    }
    let scopes = byUser.get(r.user);
    if (!scopes) byUser.set(r.user, (scopes = new Map()));
    const q = r.request;
    const scope = q.kind === 'nonResource' ? '' : q.namespace;
    let usage = scopes.get(scope);
    if (!usage) scopes.set(scope, (usage = new Map()));
    if (q.kind === 'nonResource') add(usage, JSON.stringify(['url', q.path, '']), q.verb, '');
    else add(usage, JSON.stringify(['resource', q.apiGroup, combinedResource(q)]), q.verb, q.name);
  }
  const manifests = [...byUser.keys()].sort().flatMap((user) => manifestsFor(user, byUser.get(user) ?? new Map()));
  const identities = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([user, c]) => ({ user, ...c }));
  return { manifests, identities, denied, ungrantable: skipped };
}

/**
 * The grants an identity holds today that none of its allowed audited requests used.
 *
 * @example
 * unusedGrants(model, identityOf('alice', ['dev']), requests.filter((r) => r.user === 'alice'));
 */
export function unusedGrants(model: RbacModel, identity: Identity, requests: readonly AuditRequest[]): Grant[] {
  const used = requests.filter((r) => r.allowed && r.user === identity.user).map((r) => r.request);
  return model.grantsOf(identity).filter((grant) => !used.some((request) => grantAllows(grant, request)));
}

/**
 * The identity an audited user had (its logged groups plus implicit ones).
 *
 * @example
 * auditIdentity(requests, 'alice').groups; // logged groups + system:authenticated
 */
export function auditIdentity(requests: readonly AuditRequest[], user: string): Identity {
  const groups = new Set<string>();
  for (const r of requests) if (r.user === user) for (const g of r.groups) groups.add(g);
  return identityOf(user, [...groups]);
}
