/**
 * The NetworkModel: what NetworkPolicy analysis needs from an Inventory, and nothing else.
 * Pods are grouped by their top-level owner (Deployment → ReplicaSet → Pod is the Deployment;
 * a manifest's own kind otherwise), each with its pod labels, its namespace's labels (including
 * the automatic `kubernetes.io/metadata.name`) and its container ports.
 */
import { effectiveNamespace, type Inventory } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, stringMap, type JsonObject, type Resource } from '../../model/types.js';
import { visitContainers } from '../../model/visit.js';
import { ConnectionSet, parseProtocol, type Protocol } from './connections.js';
import { readAdminPolicy, readNetworkPolicy, type NetpolIssue, type Policy } from './policies.js';
import { compareStrings } from './order.js';

/** The label every namespace carries automatically. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A named or numbered container port. */
export interface ContainerPort {
  name: string | undefined;
  port: number;
  protocol: Protocol;
}

/** Pods grouped under their top-level owner. */
export interface Workload {
  /** `namespace/name[Kind]`, as the connlist prints it. */
  id: string;
  namespace: string;
  name: string;
  kind: string;
  podLabels: Readonly<Record<string, string>>;
  ports: readonly ContainerPort[];
  /** Pods on the host network are outside NetworkPolicy's reach. */
  hostNetwork: boolean;
  /** The resource that defines the workload (the owner when loaded, else the first member). */
  resource: Resource;
  /** True for stand-ins the analyzer adds (a kube-dns pod when none is loaded); never listed. */
  probe?: boolean;
}

export interface NamespaceInfo {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** False when no Namespace object was loaded and the namespace is inferred from its members. */
  declared: boolean;
}

/** Everything the analyzer evaluates. */
export interface NetworkModel {
  /** Workloads in the reach of NetworkPolicy, sorted by id. */
  workloads: readonly Workload[];
  /** hostNetwork workloads, reported apart. */
  hostNetworkWorkloads: readonly Workload[];
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  networkPolicies: readonly Policy[];
  /** AdminNetworkPolicies sorted by priority (then name, for determinism). */
  adminPolicies: readonly Policy[];
  baselinePolicies: readonly Policy[];
  /** Per workload id: the ports Ingress objects route to it. */
  ingressExposure: ReadonlyMap<string, ConnectionSet>;
  issues: readonly NetpolIssue[];
}

/** The namespace and labels of the pseudo-peer `{ingress-controller}` (the ingress-nginx conventions). */
export const INGRESS_CONTROLLER_NAMESPACE: NamespaceInfo = {
  name: 'ingress-nginx',
  labels: { [NAMESPACE_NAME_LABEL]: 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx', tier: 'ingress' },
  declared: false,
};

/**
 *`namespace/name[Kind]`.
 *
 * @example
 * workloadId('shop', 'web', 'Deployment'); // "shop/web[Deployment]"
 */
export function workloadId(namespace: string, name: string, kind: string): string {
  return `${namespace}/${name}[${kind}]`;
}

interface OwnerRef {
  kind: string;
  name: string;
}

function ownerOf(resource: Resource): OwnerRef | undefined {
  const metadata = resource.body['metadata'];
  if (!isJsonObject(metadata) || !Array.isArray(metadata['ownerReferences'])) return undefined;
  const refs = metadata['ownerReferences'].filter(isJsonObject);
  const ref = refs.find((r) => r['controller'] === true) ?? refs[0];
  if (!ref || typeof ref['kind'] !== 'string' || typeof ref['name'] !== 'string') return undefined;
  return { kind: ref['kind'], name: ref['name'] };
}

/** A ReplicaSet not in the inventory whose name carries the pod-template-hash belongs to a Deployment. */
function deploymentOfReplicaSet(owner: OwnerRef, podLabels: Readonly<Record<string, string>>): OwnerRef {
  const hash = podLabels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`))
    return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
  return owner;
}

/** Follows ownerReferences to the top-level owner (at most 10 hops, so cycles cannot hang). */
function topLevelOwner(resource: Resource, inventory: Inventory, podLabels: Readonly<Record<string, string>>): OwnerRef {
  let current: Resource = resource;
  let top: OwnerRef = { kind: resource.kind, name: resource.name };
  for (let hop = 0; hop < 10; hop++) {
    const owner = ownerOf(current);
    if (!owner) return top;
    const found = inventory.get(owner.kind, effectiveNamespace(resource), owner.name);
    if (!found) return deploymentOfReplicaSet(owner, podLabels);
    current = found;
    top = owner;
  }
  return top;
}

function containerPorts(spec: JsonObject, pointer: string): ContainerPort[] {
  const out: ContainerPort[] = [];
  visitContainers(spec, pointer, ({ container }) => {
    const ports = container['ports'];
    if (!Array.isArray(ports)) return;
    for (const p of ports) {
      if (!isJsonObject(p) || typeof p['containerPort'] !== 'number') continue;
      const protocol = parseProtocol(p['protocol']);
      if (!protocol) continue;
      out.push({ name: typeof p['name'] === 'string' ? p['name'] : undefined, port: p['containerPort'], protocol });
    }
  });
  return out;
}

interface Member {
  resource: Resource;
  owner: OwnerRef;
  namespace: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
  hostNetwork: boolean;
}

function membersOf(inventory: Inventory): Member[] {
  const members: Member[] = [];
  for (const resource of inventory.resources) {
    if (resource.kind === 'PodTemplate') continue;
    const templates = podTemplates(resource);
    const first = templates[0];
    if (!first) continue;
    const labels = stringMap(first.metadata['labels']);
    const ports = templates.flatMap((t) => containerPorts(t.spec, t.pointer + '/spec'));
    const hostNetwork = templates.some((t) => t.spec['hostNetwork'] === true);
    const namespace = effectiveNamespace(resource) ?? 'default';
    members.push({ resource, owner: topLevelOwner(resource, inventory, labels), namespace, labels, ports, hostNetwork });
  }
  return members;
}

function groupWorkloads(members: readonly Member[]): Workload[] {
  const groups = new Map<string, Member[]>();
  for (const m of members) {
    const id = workloadId(m.namespace, m.owner.name, m.owner.kind);
    const list = groups.get(id);
    if (list) list.push(m);
    else groups.set(id, [m]);
  }
  const workloads: Workload[] = [];
  for (const [id, list] of groups) {
    const first = list[0] as Member;
    // The owner's own template is authoritative; pods of a live ReplicaSet add pod-template-hash.
    const defining = list.find((m) => m.resource.kind === m.owner.kind && m.resource.name === m.owner.name) ?? first;
    const seen = new Set<string>();
    const ports = list.flatMap((m) => m.ports).filter((p) => {
      const key = `${p.name ?? ''}/${p.port}/${p.protocol}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    workloads.push({
      id,
      namespace: first.namespace,
      name: first.owner.name,
      kind: first.owner.kind,
      podLabels: defining.labels,
      ports,
      hostNetwork: list.some((m) => m.hostNetwork),
      resource: defining.resource,
    });
  }
  return workloads.sort((a, b) => compareStrings(a.id, b.id));
}

function namespaceInfos(inventory: Inventory, extra: readonly string[]): Map<string, NamespaceInfo> {
  const out = new Map<string, NamespaceInfo>();
  for (const ns of inventory.ofKind('Namespace')) {
    out.set(ns.name, { name: ns.name, labels: { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name }, declared: true });
  }
  for (const name of [...inventory.namespaces(), ...extra]) {
    if (!out.has(name)) out.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false });
  }
  return out;
}

function readPolicies(inventory: Inventory, issues: NetpolIssue[]): { networkPolicies: Policy[]; adminPolicies: Policy[]; baselinePolicies: Policy[] } {
  const read = (kind: string, reader: typeof readNetworkPolicy): Policy[] =>
    inventory
      .ofKind(kind)
      .filter((r) => (kind === 'NetworkPolicy' ? /^(networking\.k8s\.io|extensions)\//.test(r.apiVersion) : r.apiVersion.startsWith('policy.networking.k8s.io/')))
      .flatMap((r) => {
        const { policy, issues: found } = reader(r);
        issues.push(...found);
        return policy ? [policy] : [];
      });
  const adminPolicies = read('AdminNetworkPolicy', readAdminPolicy).sort((a, b) => a.priority - b.priority || compareStrings(a.name, b.name));
  return {
    networkPolicies: read('NetworkPolicy', readNetworkPolicy),
    adminPolicies,
    baselinePolicies: read('BaselineAdminNetworkPolicy', readAdminPolicy),
  };
}

/**
 *The connections a Service port (by number or name; every port when undefined) reaches on one workload.
 *
 * @example
 * servicePortTarget(service, 80, workload).toString(); // "TCP 8080" when port 80 targets container port 8080
 */
export function servicePortTarget(service: Resource, wanted: number | string | undefined, workload: Workload): ConnectionSet {
  const spec = isJsonObject(service.body['spec']) ? service.body['spec'] : {};
  const ports = Array.isArray(spec['ports']) ? spec['ports'].filter(isJsonObject) : [];
  let out = ConnectionSet.none();
  for (const p of ports) {
    const matches = wanted === undefined || p['port'] === wanted || (typeof wanted === 'string' && p['name'] === wanted);
    if (!matches) continue;
    const protocol = parseProtocol(p['protocol']) ?? 'TCP';
    const target = p['targetPort'] ?? p['port'];
    out = out.union(resolvePortOn(target, protocol, workload));
  }
  return out;
}

/**
 * A numeric port, or a named port looked up in the workload's container ports; with no
 * protocol, a named port matches on name alone and takes the container port's protocol.
 */
export function resolvePortOn(target: unknown, protocol: Protocol | undefined, workload: Workload): ConnectionSet {
  if (typeof target === 'number' || (typeof target === 'string' && /^\d+$/.test(target))) return ConnectionSet.ports(protocol ?? 'TCP', Number(target));
  let out = ConnectionSet.none();
  for (const c of workload.ports) if (c.name === target && (protocol === undefined || c.protocol === protocol)) out = out.union(ConnectionSet.ports(c.protocol, c.port));
  return out;
}

/**
 *The workloads a Service selects: pods in its namespace whose labels include its (non-empty) selector.
 *
 * @example
 * serviceWorkloads(service, model.workloads).map((w) => w.id);
 */
export function serviceWorkloads(service: Resource, workloads: readonly Workload[]): Workload[] {
  const spec = isJsonObject(service.body['spec']) ? service.body['spec'] : {};
  const selector = stringMap(spec['selector']);
  const entries = Object.entries(selector);
  if (entries.length === 0) return [];
  const namespace = effectiveNamespace(service) ?? 'default';
  return workloads.filter((w) => w.namespace === namespace && entries.every(([k, v]) => w.podLabels[k] === v));
}

interface Backend {
  service: string;
  port: number | string | undefined;
}

function backendsOf(ingress: Resource): Backend[] {
  const spec = isJsonObject(ingress.body['spec']) ? ingress.body['spec'] : {};
  const raw: JsonObject[] = [];
  for (const key of ['defaultBackend', 'backend']) if (isJsonObject(spec[key])) raw.push(spec[key]);
  for (const rule of Array.isArray(spec['rules']) ? spec['rules'].filter(isJsonObject) : []) {
    const http = isJsonObject(rule['http']) ? rule['http'] : {};
    for (const path of Array.isArray(http['paths']) ? http['paths'].filter(isJsonObject) : []) if (isJsonObject(path['backend'])) raw.push(path['backend']);
  }
  const out: Backend[] = [];
  for (const b of raw) {
    const service = b['service'];
    if (isJsonObject(service) && typeof service['name'] === 'string') {
      const port = isJsonObject(service['port']) ? (service['port']['number'] ?? service['port']['name']) : undefined;
      out.push({ service: service['name'], port: typeof port === 'number' || typeof port === 'string' ? port : undefined });
    } else if (typeof b['serviceName'] === 'string') {
      const port = b['servicePort'];
      out.push({ service: b['serviceName'], port: typeof port === 'number' || typeof port === 'string' ? port : undefined });
    }
  }
  return out;
}

function ingressExposure(inventory: Inventory, workloads: readonly Workload[], issues: NetpolIssue[]): Map<string, ConnectionSet> {
  const out = new Map<string, ConnectionSet>();
  for (const ingress of inventory.ofKind('Ingress')) {
    const namespace = effectiveNamespace(ingress) ?? 'default';
    for (const backend of backendsOf(ingress)) {
      const service = inventory.get('Service', namespace, backend.service);
      if (!service) {
        issues.push({
          file: ingress.source.file,
          line: ingress.source.line,
          message: `Ingress ${namespace}/${ingress.name}: backend Service "${backend.service}" is not in the inventory`,
        });
        continue;
      }
      for (const w of serviceWorkloads(service, workloads)) {
        const conns = servicePortTarget(service, backend.port, w);
        out.set(w.id, (out.get(w.id) ?? ConnectionSet.none()).union(conns));
      }
    }
  }
  return out;
}

/**
 * Builds the model from an inventory. Malformed policies are reported in `issues` and left out.
 *
 * @example
 * const model = buildNetworkModel(new Inventory(resources));
 * model.workloads.map((w) => w.id); // ["shop/web[Deployment]", …]
 */
export function buildNetworkModel(inventory: Inventory, options: { extraNamespaces?: readonly string[] } = {}): NetworkModel {
  const issues: NetpolIssue[] = [];
  const all = groupWorkloads(membersOf(inventory));
  const workloads = all.filter((w) => !w.hostNetwork);
  return {
    workloads,
    hostNetworkWorkloads: all.filter((w) => w.hostNetwork),
    namespaces: namespaceInfos(inventory, options.extraNamespaces ?? []),
    ...readPolicies(inventory, issues),
    ingressExposure: ingressExposure(inventory, workloads, issues),
    issues,
  };
}

/** Labels of the cluster DNS pods (CoreDNS keeps the kube-dns label). */
export const KUBE_DNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };
export const KUBE_DNS_NAMESPACE = 'kube-system';

/**
 *The workloads that serve cluster DNS: `k8s-app=kube-dns` in kube-system.
 *
 * @example
 * kubeDnsWorkloads(model).map((w) => w.id); // ["kube-system/coredns[Deployment]"]
 */
export function kubeDnsWorkloads(model: NetworkModel): Workload[] {
  return model.workloads.filter((w) => w.namespace === KUBE_DNS_NAMESPACE && w.podLabels['k8s-app'] === KUBE_DNS_LABELS['k8s-app']);
}

/**
 * The model with a stand-in kube-dns workload when none was loaded, so DNS reachability can be
 * evaluated from manifests that do not include the cluster's system namespaces.
 *
 * @example
 * const analyzer = new NetworkAnalyzer(withDnsProbe(model));
 */
export function withDnsProbe(model: NetworkModel): NetworkModel {
  if (kubeDnsWorkloads(model).length > 0) return model;
  const resource: Resource = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'kube-dns',
    namespace: KUBE_DNS_NAMESPACE,
    labels: {},
    annotations: {},
    body: {},
    source: { file: '(assumed)', documentIndex: 0, line: 0, pointerPrefix: '' },
  };
  const probe: Workload = {
    id: workloadId(KUBE_DNS_NAMESPACE, 'kube-dns', 'Deployment'),
    namespace: KUBE_DNS_NAMESPACE,
    name: 'kube-dns',
    kind: 'Deployment',
    podLabels: KUBE_DNS_LABELS,
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
    hostNetwork: false,
    resource,
    probe: true,
  };
  const namespaces = new Map(model.namespaces);
  if (!namespaces.has(KUBE_DNS_NAMESPACE))
    namespaces.set(KUBE_DNS_NAMESPACE, { name: KUBE_DNS_NAMESPACE, labels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS_NAMESPACE }, declared: false });
  return { ...model, workloads: [...model.workloads, probe], namespaces };
}
