/**
 * Escalation paths: a graph whose nodes are identities (users, groups, ServiceAccounts),
 * workloads and three targets (cluster-admin-equivalent power, every secret, node compromise),
 * and whose edges are techniques an identity's permissions allow ("create pods in shop → run as
 * any ServiceAccount of shop"). Shortest paths come from one reverse breadth-first search per
 * target; for each path, the single binding whose removal disconnects its source from the
 * target is found by repeating that search without the binding.
 */
import type { Inventory } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import type { Resource } from '../../model/types.js';
import { grantAllows, type RbacModel } from './model.js';
import { ProbeableGrants, probeRequest, type Probe } from './risks.js';
import { MASTERS, describeSubjectKey, identityOfKey, parseServiceAccountUser, serviceAccountUser } from './subjects.js';
import type { Grant } from './types.js';

export const PATH_TARGETS = ['cluster-admin', 'secrets', 'nodes'] as const;
export type PathTarget = (typeof PATH_TARGETS)[number];

export interface GraphNode {
  readonly id: string;
  readonly kind: 'principal' | 'workload' | 'pseudo' | 'target';
  readonly label: string;
  /** For workloads: the resource. */
  readonly resource?: Resource;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  /** Binding ids that grant each permission the technique needs; empty for structural edges. */
  readonly requires: ReadonlyArray<ReadonlySet<string>>;
}

export interface PathHop {
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  /** Every binding that grants a permission this hop needs. */
  readonly bindings: readonly string[];
}

export interface EscalationPath {
  readonly source: string;
  readonly sourceLabel: string;
  readonly target: PathTarget;
  readonly hops: readonly PathHop[];
  /** A binding whose removal leaves no path at all from the source to the target; null when none does. */
  readonly cut: string | null;
}

export interface EscalationGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
}

const RBAC = 'rbac.authorization.k8s.io';
const CERTS = 'certificates.k8s.io';
const targetId = (t: PathTarget): string => `target:${t}`;
const ANY_SA = 'sas:*';
const ANY_USER = 'users:*';
const RUNNING_ANY = 'running:*';
const sasOf = (ns: string): string => `sas:${ns}`;
const runningIn = (ns: string): string => `running:${ns}`;

const POD_CREATORS: Probe[] = [
  { verb: 'create', resource: 'pods' },
  ...[['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'], ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers']]
    .flatMap(([apiGroup, resource]) => ['create', 'update', 'patch'].map((verb) => ({ verb, apiGroup: apiGroup ?? '', resource: resource ?? '' }))),
];
const IN_POD: Probe[] = [
  { verb: 'create', resource: 'pods', subresource: 'exec' },
  { verb: 'get', resource: 'pods', subresource: 'exec' },
  { verb: 'create', resource: 'pods', subresource: 'attach' },
  { verb: 'patch', resource: 'pods', subresource: 'ephemeralcontainers' },
  { verb: 'update', resource: 'pods', subresource: 'ephemeralcontainers' },
];
const IMPERSONATE_IDENTITY: Probe[] = [
  { verb: 'impersonate', resource: 'users' },
  { verb: 'impersonate', resource: 'serviceaccounts' },
];
const EVERYTHING: Probe[] = [{ verb: '*', apiGroup: '*', resource: '*' }];
const APPROVE: Probe[] = [
  { verb: 'update', apiGroup: CERTS, resource: 'certificatesigningrequests', subresource: 'approval' },
  { verb: 'patch', apiGroup: CERTS, resource: 'certificatesigningrequests', subresource: 'approval' },
];
const WEBHOOKS: Probe[] = ['create', 'update', 'patch'].map((verb) => ({ verb, apiGroup: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' }));
const AWS_AUTH: Probe[] = ['update', 'patch'].map((verb) => ({ verb, resource: 'configmaps', name: 'aws-auth', namespace: 'kube-system' }));
const PSA_ENFORCING = new Set(['baseline', 'restricted']);
// The remaining probes, as constants: probes are prepared once per object (see ProbeableGrants).
const CREATE_CLUSTER_ROLE_BINDINGS: Probe[] = [{ verb: 'create', apiGroup: RBAC, resource: 'clusterrolebindings' }];
const UPDATE_CLUSTER_ROLES: Probe[] = ['update', 'patch'].map((verb) => ({ verb, apiGroup: RBAC, resource: 'clusterroles' }));
const ESCALATE_CLUSTER_ROLES: Probe[] = [{ verb: 'escalate', apiGroup: RBAC, resource: 'clusterroles' }];
const CREATE_ROLE_BINDINGS: Probe[] = [{ verb: 'create', apiGroup: RBAC, resource: 'rolebindings' }];
const IMPERSONATE_USERS: Probe = { verb: 'impersonate', resource: 'users' };
const IMPERSONATE_GROUPS: Probe = { verb: 'impersonate', resource: 'groups' };
const IMPERSONATE_SERVICE_ACCOUNTS: Probe = { verb: 'impersonate', resource: 'serviceaccounts' };
const CREATE_CSRS: Probe[] = [{ verb: 'create', apiGroup: CERTS, resource: 'certificatesigningrequests' }];
const APPROVE_CLIENT_SIGNER: Probe[] = [{ verb: 'approve', apiGroup: CERTS, resource: 'signers', name: 'kubernetes.io/kube-apiserver-client' }];
const NODES_PROXY: Probe[] = [{ verb: 'get', resource: 'nodes', subresource: 'proxy' }, { verb: 'create', resource: 'nodes', subresource: 'proxy' }];
const LIST_SECRETS: Probe[] = [{ verb: 'list', resource: 'secrets' }, { verb: 'watch', resource: 'secrets' }];
const READ_SECRETS: Probe[] = [{ verb: 'get', resource: 'secrets' }, { verb: 'list', resource: 'secrets' }];
const CREATE_SECRETS: Probe[] = [{ verb: 'create', resource: 'secrets' }];
const CREATE_TOKEN: Probe = { verb: 'create', resource: 'serviceaccounts', subresource: 'token' };
const BIND_ADMIN: Probe[] = [{ verb: 'bind', apiGroup: RBAC, resource: 'clusterroles', name: 'admin' }];
const UPDATE_ROLES: Probe[] = ['update', 'patch'].map((verb) => ({ verb, apiGroup: RBAC, resource: 'roles' }));
const ESCALATE_ROLES: Probe[] = [{ verb: 'escalate', apiGroup: RBAC, resource: 'roles' }];

/** The inventory facts the graph needs: ServiceAccounts per namespace, workloads, token secrets, PSA labels. */
interface ClusterFacts {
  serviceAccounts: Map<string, Set<string>>;
  workloads: Array<{ resource: Resource; namespace: string; serviceAccount: string | undefined }>;
  tokenSecrets: Map<string, Set<string>>;
  enforcing: Set<string>;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function workloadServiceAccount(resource: Resource): string | undefined {
  const template = podTemplates(resource)[0];
  if (!template) return undefined;
  const spec = template.spec;
  // Without an automounted token the workload's process does not hold the ServiceAccount's credentials.
  if (spec['automountServiceAccountToken'] === false) return undefined;
  const name = spec['serviceAccountName'] ?? spec['serviceAccount'];
  return typeof name === 'string' && name !== '' ? name : 'default';
}

function clusterFacts(inventory: Inventory, model: RbacModel): ClusterFacts {
  const facts: ClusterFacts = { serviceAccounts: new Map(), workloads: [], tokenSecrets: new Map(), enforcing: new Set() };
  for (const ns of inventory.namespaces()) addTo(facts.serviceAccounts, ns, 'default');
  for (const sa of inventory.ofKind('ServiceAccount')) addTo(facts.serviceAccounts, sa.namespace ?? 'default', sa.name);
  for (const key of model.subjectKeys()) {
    const sa = key.startsWith('user:') ? parseServiceAccountUser(key.slice(5)) : undefined;
    if (sa) addTo(facts.serviceAccounts, sa.namespace, sa.name);
  }
  for (const resource of inventory.resources) {
    if (podTemplates(resource).length === 0) continue;
    const namespace = resource.namespace ?? 'default';
    const serviceAccount = workloadServiceAccount(resource);
    facts.workloads.push({ resource, namespace, serviceAccount });
    if (serviceAccount) addTo(facts.serviceAccounts, namespace, serviceAccount);
  }
  for (const secret of inventory.ofKind('Secret')) {
    const owner = secret.annotations['kubernetes.io/service-account.name'];
    if (secret.body['type'] === 'kubernetes.io/service-account-token' && owner) addTo(facts.tokenSecrets, secret.namespace ?? 'default', owner);
  }
  for (const ns of inventory.ofKind('Namespace')) {
    if (PSA_ENFORCING.has(ns.labels['pod-security.kubernetes.io/enforce'] ?? '')) facts.enforcing.add(ns.name);
  }
  return facts;
}

/** Accumulates nodes and edges without duplicates. */
class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  private readonly seen = new Set<string>();

  node(node: GraphNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  edge(from: string, to: string, technique: string, requires: ReadonlyArray<readonly Grant[]> = []): void {
    const key = `${from}\u0000${to}\u0000${technique}`;
    if (this.seen.has(key) || from === to) return;
    this.seen.add(key);
    this.edges.push({ from, to, technique, requires: requires.map((grants) => new Set(grants.map((g) => g.binding.id))) });
  }
}

function principalNode(key: string): GraphNode {
  return { id: key, kind: 'principal', label: describeSubjectKey(key) };
}

function saKey(namespace: string, name: string): string {
  return `user:${serviceAccountUser(namespace, name)}`;
}

/** Structural part: targets, pseudo nodes and their expansions, workloads running as their ServiceAccounts. */
function addStructure(b: GraphBuilder, facts: ClusterFacts): void {
  b.node({ id: targetId('cluster-admin'), kind: 'target', label: 'cluster-admin-equivalent' });
  b.node({ id: targetId('secrets'), kind: 'target', label: 'every secret' });
  b.node({ id: targetId('nodes'), kind: 'target', label: 'node compromise' });
  b.edge(targetId('cluster-admin'), targetId('secrets'), 'cluster-admin reads every secret');
  b.edge(targetId('cluster-admin'), targetId('nodes'), 'cluster-admin runs privileged pods on every node');
  b.edge(b.node(principalNode(`group:${MASTERS}`)), targetId('cluster-admin'), 'members of system:masters bypass RBAC');
  b.node({ id: ANY_SA, kind: 'pseudo', label: 'any ServiceAccount in any namespace' });
  b.node({ id: ANY_USER, kind: 'pseudo', label: 'any user' });
  b.node({ id: RUNNING_ANY, kind: 'pseudo', label: 'the ServiceAccount of any running pod' });
  for (const [ns, names] of facts.serviceAccounts) {
    b.edge(ANY_SA, b.node({ id: sasOf(ns), kind: 'pseudo', label: `any ServiceAccount of namespace ${ns}` }), 'choose the namespace');
    for (const name of names) b.edge(sasOf(ns), b.node(principalNode(saKey(ns, name))), 'use this ServiceAccount');
  }
  for (const w of facts.workloads) {
    const id = b.node({ id: `workload:${w.resource.kind}/${w.namespace}/${w.resource.name}`, kind: 'workload', label: `${w.resource.kind} ${w.namespace}/${w.resource.name}`, resource: w.resource });
    if (!w.serviceAccount) continue;
    const sa = b.node(principalNode(saKey(w.namespace, w.serviceAccount)));
    b.edge(id, sa, 'runs with the ServiceAccount token mounted');
    b.edge(RUNNING_ANY, b.node({ id: runningIn(w.namespace), kind: 'pseudo', label: `the ServiceAccount of a running pod in ${w.namespace}` }), 'choose the namespace');
    b.edge(runningIn(w.namespace), sa, 'read the token inside the pod');
  }
}

/** The permissions of one principal, probed per scope with the one matcher. */
class Capabilities {
  private readonly all: ProbeableGrants;
  private readonly cluster: ProbeableGrants;
  readonly namespaces: readonly string[];

  constructor(grants: readonly Grant[]) {
    this.all = new ProbeableGrants(grants);
    this.cluster = new ProbeableGrants(grants.filter((g) => g.scope === ''));
    this.namespaces = [...new Set(grants.map((g) => g.scope).filter((s) => s !== ''))].sort();
  }

  /** Grants allowing any of `probes` in `scope` (`""`: cluster-wide, ClusterRoleBindings only). */
  any(probes: readonly Probe[], scope: string): Grant[] {
    return (scope === '' ? this.cluster : this.all).forAny(probes, scope);
  }

  /** Grants allowing the probe for any name, and per resource name for name-restricted rules. */
  named(probe: Probe, scope: string): { any: Grant[]; names: Map<string, Grant[]> } {
    const names = new Map<string, Grant[]>();
    const any: Grant[] = [];
    const grants = scope === '' ? this.cluster : this.all;
    if (!grants.mayAllow(probe)) return { any, names };
    const request = probeRequest(probe, scope);
    for (const grant of grants.grants) {
      if (grantAllows(grant, request)) any.push(grant);
      else for (const name of grant.rule.resourceNames) {
        if (grantAllows(grant, { ...request, name })) names.set(name, [...(names.get(name) ?? []), grant]);
      }
    }
    return { any, names };
  }

  /** Grants that let the principal impersonate at least one user or ServiceAccount (any scope). */
  impersonatesSomeone(): Grant[] {
    if (!IMPERSONATE_IDENTITY.some((probe) => this.all.mayAllow(probe))) return [];
    return this.all.grants.filter((grant) =>
      IMPERSONATE_IDENTITY.some((probe) => {
        const request = probeRequest(probe, probe.resource === 'users' ? '' : grant.scope);
        return ['', ...grant.rule.resourceNames].some((name) => grantAllows(grant, { ...request, name }));
      }),
    );
  }

  get empty(): boolean {
    return this.all.grants.length === 0;
  }
}

function addClusterEdges(b: GraphBuilder, from: string, caps: Capabilities): void {
  addRbacWriteEdges(b, from, caps);
  addImpersonationEdges(b, from, caps);
  addCredentialEdges(b, from, caps);
}

const BIND_CLUSTER_ADMIN: Probe[] = [
  { verb: 'bind', apiGroup: RBAC, resource: 'clusterroles', name: 'cluster-admin' },
  { verb: 'escalate', apiGroup: RBAC, resource: 'clusterroles', name: 'cluster-admin' },
];

/** Holding everything, or writing roles and bindings past RBAC's escalation prevention. */
function addRbacWriteEdges(b: GraphBuilder, from: string, caps: Capabilities): void {
  const everything = caps.any(EVERYTHING, '');
  if (everything.length) b.edge(from, targetId('cluster-admin'), 'holds * on every resource cluster-wide', [everything]);
  const bindAdmin = caps.any(BIND_CLUSTER_ADMIN, '');
  const createCrb = caps.any(CREATE_CLUSTER_ROLE_BINDINGS, '');
  if (createCrb.length && bindAdmin.length) b.edge(from, targetId('cluster-admin'), 'create a ClusterRoleBinding to cluster-admin (bind/escalate)', [createCrb, bindAdmin]);
  const updateRoles = caps.any(UPDATE_CLUSTER_ROLES, '');
  const escalate = caps.any(ESCALATE_CLUSTER_ROLES, '');
  if (updateRoles.length && escalate.length) b.edge(from, targetId('cluster-admin'), 'add * to a ClusterRole bound to itself (escalate)', [updateRoles, escalate]);
  const createRb = caps.any(CREATE_ROLE_BINDINGS, '');
  if (createRb.length && bindAdmin.length) b.edge(from, targetId('secrets'), 'bind cluster-admin in every namespace with RoleBindings', [createRb, bindAdmin]);
}

/** Impersonating users and groups, as the API server's impersonation filter authorizes it. */
function addImpersonationEdges(b: GraphBuilder, from: string, caps: Capabilities): void {
  const users = caps.named(IMPERSONATE_USERS, '');
  if (users.any.length) b.edge(from, ANY_USER, 'impersonate any user', [users.any]);
  // A ServiceAccount's user name is impersonated through the serviceaccounts resource, never users.
  for (const [name, grants] of users.names) {
    if (!parseServiceAccountUser(name) && b.nodes.has(`user:${name}`)) b.edge(from, `user:${name}`, `impersonate the user ${name}`, [grants]);
  }
  // Group impersonation needs a user or ServiceAccount to impersonate too (groups alone are rejected).
  const asSomeone = caps.impersonatesSomeone();
  if (asSomeone.length === 0) return;
  const groups = caps.named(IMPERSONATE_GROUPS, '');
  const masters = [...groups.any, ...(groups.names.get(MASTERS) ?? [])];
  if (masters.length) b.edge(from, `group:${MASTERS}`, 'impersonate a user in the group system:masters', [masters, asSomeone]);
  for (const [name, grants] of groups.names) {
    if (b.nodes.has(`group:${name}`)) b.edge(from, `group:${name}`, `impersonate a user in the group ${name}`, [grants, asSomeone]);
  }
}

/** Minting credentials or reaching every node or secret through cluster-wide objects. */
function addCredentialEdges(b: GraphBuilder, from: string, caps: Capabilities): void {
  const csrCreate = caps.any(CREATE_CSRS, '');
  const csrApprove = caps.any(APPROVE, '');
  const signer = caps.any(APPROVE_CLIENT_SIGNER, '');
  if (csrCreate.length && csrApprove.length && signer.length) {
    b.edge(from, `group:${MASTERS}`, 'create and approve a client certificate for O=system:masters', [csrCreate, csrApprove, signer]);
  }
  const awsAuth = caps.any(AWS_AUTH, '');
  if (awsAuth.length) b.edge(from, `group:${MASTERS}`, 'map itself to system:masters in kube-system/aws-auth', [awsAuth]);
  const proxy = caps.any(NODES_PROXY, '');
  if (proxy.length) b.edge(from, targetId('nodes'), 'run commands through the kubelet API (nodes/proxy)', [proxy]);
  const webhooks = caps.any(WEBHOOKS, '');
  if (webhooks.length) {
    b.edge(from, targetId('nodes'), 'register a mutating webhook that injects privileged containers', [webhooks]);
    b.edge(from, targetId('secrets'), 'register a mutating webhook that receives every Secret written', [webhooks]);
  }
  const listSecrets = caps.any(LIST_SECRETS, '');
  if (listSecrets.length) b.edge(from, targetId('secrets'), 'list every secret cluster-wide', [listSecrets]);
}

/** Edges that exist per scope: `""` stands for every namespace at once. */
function addScopedEdges(b: GraphBuilder, from: string, caps: Capabilities, scope: string, facts: ClusterFacts): void {
  const sas = scope === '' ? ANY_SA : sasOf(scope);
  const where = scope === '' ? 'in any namespace' : `in ${scope}`;
  if (scope !== '' && !b.nodes.has(sas)) b.node({ id: sas, kind: 'pseudo', label: `any ServiceAccount of namespace ${scope}` });
  const creators = caps.any(POD_CREATORS, scope);
  if (creators.length) {
    b.edge(from, sas, `create a pod ${where} that mounts any ServiceAccount`, [creators]);
    if (scope === '' || !facts.enforcing.has(scope)) b.edge(from, targetId('nodes'), `create a privileged or hostPath pod ${where} (Pod Security does not enforce baseline)`, [creators]);
  }
  const inPod = caps.any(IN_POD, scope);
  const running = scope === '' ? RUNNING_ANY : runningIn(scope);
  if (inPod.length && b.nodes.has(running)) b.edge(from, running, `exec, attach or add an ephemeral container to running pods ${where}`, [inPod]);
  addNamedSaEdges(b, from, caps.named(CREATE_TOKEN, scope), scope, sas, `mint a token (serviceaccounts/token) ${where}`);
  addNamedSaEdges(b, from, caps.named(IMPERSONATE_SERVICE_ACCOUNTS, scope), scope, sas, `impersonate ServiceAccounts ${where}`);
  const readSecrets = caps.any(READ_SECRETS, scope);
  if (readSecrets.length) {
    const namespaces = scope === '' ? [...facts.tokenSecrets.keys()] : [scope];
    for (const ns of namespaces) for (const name of facts.tokenSecrets.get(ns) ?? []) {
      b.edge(from, b.node(principalNode(saKey(ns, name))), `read the ServiceAccount token secret of ${ns}/${name}`, [readSecrets]);
    }
    const createSecrets = caps.any(CREATE_SECRETS, scope);
    if (createSecrets.length) b.edge(from, sas, `create a service-account-token Secret ${where} and read it`, [createSecrets, readSecrets]);
  }
  if (scope !== '') {
    const createRb = caps.any(CREATE_ROLE_BINDINGS, scope);
    const bind = caps.any(BIND_ADMIN, scope);
    if (createRb.length && bind.length) b.edge(from, sas, `bind the admin ClusterRole ${where} and create a pod`, [createRb, bind]);
    const updateRoles = caps.any(UPDATE_ROLES, scope);
    const escalate = caps.any(ESCALATE_ROLES, scope);
    if (updateRoles.length && escalate.length) b.edge(from, sas, `add pod creation to a Role bound to itself ${where} (escalate)`, [updateRoles, escalate]);
  }
}

function addNamedSaEdges(b: GraphBuilder, from: string, found: { any: Grant[]; names: Map<string, Grant[]> }, scope: string, sas: string, technique: string): void {
  if (found.any.length) b.edge(from, sas, technique, [found.any]);
  if (scope === '') return;
  for (const [name, grants] of found.names) b.edge(from, b.node(principalNode(saKey(scope, name))), technique, [grants]);
}

/**
 * Builds the escalation graph of a model and its inventory.
 *
 * @example
 * const graph = buildEscalationGraph(model, inventory);
 */
export function buildEscalationGraph(model: RbacModel, inventory: Inventory): EscalationGraph {
  const b = new GraphBuilder();
  const facts = clusterFacts(inventory, model);
  addStructure(b, facts);
  for (const key of model.subjectKeys()) b.node(principalNode(key));
  const principals = [...b.nodes.values()].filter((n) => n.kind === 'principal').map((n) => n.id);
  for (const id of principals) {
    if (id.startsWith('user:') && !parseServiceAccountUser(id.slice(5))) b.edge(ANY_USER, id, 'act as this user');
    const caps = new Capabilities(model.grantsOf(identityOfKey(id)));
    if (caps.empty) continue;
    addClusterEdges(b, id, caps);
    addScopedEdges(b, id, caps, '', facts);
    for (const ns of caps.namespaces) addScopedEdges(b, id, caps, ns, facts);
  }
  return { nodes: b.nodes, edges: b.edges };
}

function cutBy(edge: GraphEdge, binding: string): boolean {
  return edge.requires.some((set) => set.size === 1 && set.has(binding));
}

/**
 * Answers "does `source` still reach the goal without `binding`?" with a forward search that
 * stops at the first node whose shortest route does not use the binding, and remembers, per
 * binding, the nodes proven unable to reach the goal (the whole area an exhausted search
 * visited), so each binding's dead area is explored once across all sources.
 */
class CutFinder {
  private readonly dead = new Map<string, Set<string>>();

  constructor(
    private readonly outgoing: ReadonlyMap<string, readonly GraphEdge[]>,
    private readonly tree: ReadonlyMap<string, GraphEdge | null>,
    private readonly goal: string,
  ) {}

  private routeAvoids(node: string, binding: string): boolean {
    if (!this.tree.has(node)) return false;
    for (let edge = this.tree.get(node); edge; edge = this.tree.get(edge.to)) if (cutBy(edge, binding)) return false;
    return true;
  }

  reachesWithout(source: string, binding: string): boolean {
    let dead = this.dead.get(binding);
    if (!dead) this.dead.set(binding, (dead = new Set()));
    if (dead.has(source)) return false;
    const visited = new Set<string>([source]);
    const queue = [source];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i] as string;
      if (node === this.goal || this.routeAvoids(node, binding)) return true;
      for (const edge of this.outgoing.get(node) ?? []) {
        if (visited.has(edge.to) || dead.has(edge.to) || cutBy(edge, binding)) continue;
        visited.add(edge.to);
        queue.push(edge.to);
      }
    }
    for (const node of visited) dead.add(node);
    return false;
  }
}

/** Reverse breadth-first search: for every node that reaches `target`, the first edge of a shortest path. */
function shortestTree(incoming: ReadonlyMap<string, readonly GraphEdge[]>, target: string): Map<string, GraphEdge | null> {
  const next = new Map<string, GraphEdge | null>([[target, null]]);
  let frontier = [target];
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const edge of incoming.get(node) ?? []) {
        if (next.has(edge.from)) continue;
        next.set(edge.from, edge);
        following.push(edge.from);
      }
    }
    frontier = following;
  }
  return next;
}

function hopsFrom(source: string, tree: ReadonlyMap<string, GraphEdge | null>): PathHop[] {
  const hops: PathHop[] = [];
  let edge = tree.get(source);
  while (edge) {
    hops.push({ from: edge.from, to: edge.to, technique: edge.technique, bindings: [...new Set(edge.requires.flatMap((s) => [...s]))].sort() });
    edge = tree.get(edge.to);
  }
  return hops;
}

interface Adjacency {
  readonly incoming: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly outgoing: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Every principal and workload, sorted: the default sources. */
  readonly allSources: readonly string[];
}

/** Per graph: a scan searches one graph once per target, and graphs are not changed after they are built. */
const adjacencyCache = new WeakMap<EscalationGraph, Adjacency>();

function adjacencyOf(graph: EscalationGraph): Adjacency {
  let adjacency = adjacencyCache.get(graph);
  if (!adjacency) {
    const incoming = new Map<string, GraphEdge[]>();
    const outgoing = new Map<string, GraphEdge[]>();
    for (const edge of graph.edges) {
      const into = incoming.get(edge.to);
      if (into) into.push(edge);
      else incoming.set(edge.to, [edge]);
      const out = outgoing.get(edge.from);
      if (out) out.push(edge);
      else outgoing.set(edge.from, [edge]);
    }
    const allSources = [...graph.nodes.values()].filter((n) => n.kind === 'principal' || n.kind === 'workload').map((n) => n.id).sort();
    adjacency = { incoming, outgoing, allSources };
    adjacencyCache.set(graph, adjacency);
  }
  return adjacency;
}

/** Options for {@link findPaths}. */
export interface PathOptions {
  targets?: readonly PathTarget[];
  /** Only paths from these source node ids. */
  sources?: readonly string[];
  /** Bindings to propose as a cut only when no other binding cuts the path (e.g. the built-in defaults). */
  lastResortCuts?: ReadonlySet<string>;
}

/**
 * Shortest escalation paths from every principal and workload to each target, each with the
 * single binding (if any) whose removal cuts every path from that source to that target.
 *
 * @example
 * for (const p of findPaths(buildEscalationGraph(model, inventory), { targets: ['cluster-admin'] })) console.log(p.source, p.cut);
 */
export function findPaths(graph: EscalationGraph, options: PathOptions = {}): EscalationPath[] {
  const { incoming, outgoing, allSources } = adjacencyOf(graph);
  const sources = options.sources ? options.sources.filter((id) => graph.nodes.has(id)) : allSources;
  const paths: EscalationPath[] = [];
  for (const target of options.targets ?? PATH_TARGETS) {
    const goal = targetId(target);
    const tree = shortestTree(incoming, goal);
    const cuts = new CutFinder(outgoing, tree, goal);
    for (const source of sources) {
      if (!tree.has(source) || source === goal) continue;
      const hops = hopsFrom(source, tree);
      const lastResort = options.lastResortCuts;
      const onPath = [...new Set(hops.flatMap((h) => graphEdgeSoleBindings(tree, h)))];
      const candidates = lastResort ? [...onPath.filter((b) => !lastResort.has(b)), ...onPath.filter((b) => lastResort.has(b))] : onPath;
      const cut = candidates.find((binding) => !cuts.reachesWithout(source, binding)) ?? null;
      paths.push({ source, sourceLabel: graph.nodes.get(source)?.label ?? source, target, hops, cut });
    }
  }
  return paths;
}

/**
 * True when the first permission the path uses comes (at least partly) from one of `bindings`.
 * Paths that enter through built-in grants only (controller ServiceAccounts, system users) are
 * how Kubernetes works; the same route through a user's binding is reported from that
 * binding's subject instead.
 *
 * @example
 * paths.filter((p) => entersThrough(p, userBindingIds));
 */
export function entersThrough(path: EscalationPath, bindings: ReadonlySet<string>): boolean {
  const first = path.hops.find((h) => h.bindings.length > 0);
  return first !== undefined && first.bindings.some((b) => bindings.has(b));
}

/** Bindings that alone grant some permission of the hop's edge (removing one removes the edge). */
function graphEdgeSoleBindings(tree: ReadonlyMap<string, GraphEdge | null>, hop: PathHop): string[] {
  const edge = tree.get(hop.from);
  if (!edge) return [];
  return edge.requires.filter((s) => s.size === 1).flatMap((s) => [...s]);
}
