#!/usr/bin/env node
// RBAC analysis benchmark: 10,000 bindings and 2,000 roles (plus ServiceAccounts and
// workloads), measuring load (YAML parse + model build), who-can latency (median of several
// queries after load) and the time of `paths` (escalation graph + every path to every target).
// Usage: npm run build && node bench/rbac.mjs [DIST_DIR]   (DIST_DIR defaults to ../dist)
import { pathToFileURL } from 'node:url';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, process.argv[2] ?? '../dist');
const load = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { loadText } = await load('load/index.js');
const { Inventory } = await load('model/inventory.js');
const rbac = await load('analyzers/rbac/index.js');

const NAMESPACES = 200;
const ROLES = 1_500;
const CLUSTER_ROLES = 500;
const ROLE_BINDINGS = 9_000;
const CLUSTER_ROLE_BINDINGS = 1_000;
const WORKLOADS = 2_000;

// A deterministic generator, so that runs are comparable.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = (list) => list[Math.floor(random() * list.length)];

const VERBS = [['get'], ['get', 'list', 'watch'], ['create', 'update', 'patch'], ['delete'], ['*']];
const RESOURCES = [['', 'pods'], ['', 'configmaps'], ['', 'services'], ['apps', 'deployments'], ['batch', 'jobs'], ['', 'events'], ['networking.k8s.io', 'ingresses'],
  ['', 'secrets'], ['', 'pods/exec'], ['', 'pods/log'], ['apps', '*/scale'], ['', 'serviceaccounts/token'], ['rbac.authorization.k8s.io', 'rolebindings']];
const ns = (i) => `team-${i % NAMESPACES}`;

function rule() {
  const [group, resource] = pick(RESOURCES);
  const r = { apiGroups: [group], resources: [resource], verbs: pick(VERBS) };
  if (random() < 0.1) r.resourceNames = [`obj-${Math.floor(random() * 50)}`];
  return r;
}
const rules = () => Array.from({ length: 1 + Math.floor(random() * 6) }, rule);
function subject(namespace) {
  const r = random();
  if (r < 0.4) return { kind: 'User', name: `user-${Math.floor(random() * 3_000)}` };
  if (r < 0.55) return { kind: 'Group', name: `group-${Math.floor(random() * 300)}` };
  return { kind: 'ServiceAccount', name: `sa-${Math.floor(random() * 20)}`, namespace };
}

const docs = [];
const y = (o) => JSON.stringify(o);
for (let i = 0; i < NAMESPACES; i++) docs.push(y({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(i) } }));
for (let i = 0; i < ROLES; i++) docs.push(y({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `role-${i}`, namespace: ns(i) }, rules: rules() }));
for (let i = 0; i < CLUSTER_ROLES; i++) {
  const body = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `clusterrole-${i}`, labels: { tier: `t${i % 10}` } }, rules: rules() };
  if (i % 50 === 0) body.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { tier: `t${(i / 50) % 10}` } }] };
  docs.push(y(body));
}
for (let i = 0; i < ROLE_BINDINGS; i++) {
  const namespace = ns(i);
  const roleRef = random() < 0.5
    ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `role-${(i % NAMESPACES) + NAMESPACES * Math.floor(random() * (ROLES / NAMESPACES))}` }
    : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: pick(['view', 'edit', 'admin', `clusterrole-${Math.floor(random() * CLUSTER_ROLES)}`]) };
  docs.push(y({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `rb-${i}`, namespace }, roleRef, subjects: [subject(namespace), subject(namespace)] }));
}
for (let i = 0; i < CLUSTER_ROLE_BINDINGS; i++) {
  docs.push(y({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `crb-${i}` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `clusterrole-${Math.floor(random() * CLUSTER_ROLES)}` }, subjects: [subject(ns(i))] }));
}
for (let i = 0; i < WORKLOADS; i++) {
  docs.push(y({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${i}`, namespace: ns(i) },
    spec: { template: { spec: { serviceAccountName: `sa-${i % 20}`, containers: [{ name: 'app', image: 'app:1' }] } } } }));
}
const text = docs.join('\n---\n');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};

const [loaded, parseMs] = time(() => loadText(text, 'bench.yaml'));
const inventory = new Inventory(loaded.resources);
const [model, modelMs] = time(() => rbac.buildRbacModel(inventory, { defaults: rbac.loadDefaultRoles() }));

const queries = [
  rbac.resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'team-7', name: 'db' }),
  rbac.resourceRequest({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'team-42', name: 'web' }),
  rbac.resourceRequest({ verb: 'list', resource: 'pods' }),
  rbac.resourceRequest({ verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'team-3', name: 'x' }),
  rbac.resourceRequest({ verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'team-99' }),
  rbac.nonResourceRequest('get', '/healthz'),
  rbac.resourceRequest({ verb: 'delete', resource: 'configmaps', namespace: 'team-150', name: 'obj-3' }),
];
const whoCanTimes = [];
let subjectsFound = 0;
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    const [result, ms] = time(() => model.whoCan(q));
    whoCanTimes.push(ms);
    subjectsFound = Math.max(subjectsFound, result.length);
  }
}
const [graph, graphMs] = time(() => rbac.buildEscalationGraph(model, inventory));
const [paths, findMs] = time(() => rbac.findPaths(graph));

console.log(JSON.stringify({
  benchmark: 'rbac',
  inventory: { roles: ROLES + CLUSTER_ROLES, bindings: ROLE_BINDINGS + CLUSTER_ROLE_BINDINGS, workloads: WORKLOADS, namespaces: NAMESPACES, documents: loaded.summary.documents },
  loadMs: Math.round(parseMs + modelMs),
  parseMs: Math.round(parseMs),
  modelBuildMs: Math.round(modelMs),
  whoCanMedianMs: Number(median(whoCanTimes).toFixed(2)),
  whoCanMaxMs: Number(Math.max(...whoCanTimes).toFixed(2)),
  whoCanMaxSubjects: subjectsFound,
  pathsMs: Math.round(graphMs + findMs),
  graph: { nodes: graph.nodes.size, edges: graph.edges.length },
  paths: paths.length,
  node: process.version,
}, null, 2));
