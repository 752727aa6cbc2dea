/** Builds Resource objects from plain objects for RBAC tests, without going through the loader. */
import { Inventory } from '../../src/model/inventory.js';
import { isJsonObject, stringMap, type JsonObject, type Resource } from '../../src/model/types.js';
import { buildRbacModel, type RbacModel } from '../../src/analyzers/rbac/model.js';
import { loadDefaultRoles } from '../../src/analyzers/rbac/defaults.js';

export function resource(body: JsonObject, documentIndex = 0): Resource {
  const metadata = isJsonObject(body['metadata']) ? body['metadata'] : {};
  return {
    apiVersion: String(body['apiVersion']),
    kind: String(body['kind']),
    name: String(metadata['name'] ?? ''),
    namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined,
    labels: stringMap(metadata['labels']),
    annotations: stringMap(metadata['annotations']),
    body,
    source: { file: 'test.yaml', documentIndex, line: documentIndex * 10 + 1, pointerPrefix: '' },
  };
}

const RBAC = 'rbac.authorization.k8s.io/v1';
type Rule = { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] };

export function role(namespace: string, name: string, rules: Rule[]): Resource {
  return resource({ apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules });
}

export function clusterRole(name: string, rules: Rule[], extra: { labels?: Record<string, string>; aggregate?: Array<Record<string, string>> } = {}): Resource {
  const body: JsonObject = { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels: extra.labels ?? {} }, rules };
  if (extra.aggregate) body['aggregationRule'] = { clusterRoleSelectors: extra.aggregate.map((matchLabels) => ({ matchLabels })) };
  return resource(body);
}

export type Subject = { kind: string; name: string; namespace?: string };

export function roleBinding(namespace: string, name: string, roleRef: { kind: 'Role' | 'ClusterRole'; name: string }, subjects: Subject[]): Resource {
  return resource({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects });
}

export function clusterRoleBinding(name: string, roleName: string, subjects: Subject[]): Resource {
  return resource({ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects });
}

export function serviceAccount(namespace: string, name: string): Resource {
  return resource({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
}

export function deployment(namespace: string, name: string, serviceAccountName?: string): Resource {
  const spec: JsonObject = { containers: [{ name: 'app', image: 'app:1' }] };
  if (serviceAccountName) spec['serviceAccountName'] = serviceAccountName;
  return resource({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { template: { metadata: {}, spec } } });
}

export function namespace(name: string, labels: Record<string, string> = {}): Resource {
  return resource({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

export function model(resources: Resource[], withDefaults = false): RbacModel {
  return buildRbacModel(new Inventory(resources), withDefaults ? { defaults: loadDefaultRoles() } : {});
}

export const user = (name: string): Subject => ({ kind: 'User', name });
export const group = (name: string): Subject => ({ kind: 'Group', name });
export const sa = (ns: string | undefined, name: string): Subject => (ns === undefined ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', name, namespace: ns });
