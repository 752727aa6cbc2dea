/**
 * Least-privilege NetworkPolicy generation, verified by the analyzer before anything is written:
 * per managed namespace a default deny of ingress and egress and a DNS egress allow to kube-dns,
 * then per workload one ingress and one egress policy with a rule per intended flow. The set is
 * accepted only if the analyzer, run on the inventory with the generated policies in place of the
 * namespace's own, allows exactly the intended flows plus DNS — nothing more, nothing less.
 */
import { Inventory } from '../../model/inventory.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { endpointName, NetworkAnalyzer, type Endpoint } from './analyzer.js';
import { ConnectionSet, MAX_PORT, MIN_PORT, PROTOCOLS } from './connections.js';
import { DNS_CONNECTIONS } from './coverage.js';
import { describeSource, type Flow, type FlowSource } from './flows.js';
import {
  buildNetworkModel,
  INGRESS_CONTROLLER_NAMESPACE,
  KUBE_DNS_LABELS,
  KUBE_DNS_NAMESPACE,
  kubeDnsWorkloads,
  NAMESPACE_NAME_LABEL,
  withDnsProbe,
  type NetworkModel,
  type Workload,
} from './model.js';
import { matchesLabelSelector, type LabelSelector } from './selector.js';
import { compareStrings, pairKey } from './order.js';

/** Namespaces generation leaves alone: the cluster's own. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** A connection the verification found wrong: allowed but not intended, or intended but not allowed. */
export interface VerificationProblem {
  src: string;
  dst: string;
  conn: string;
}

export interface Verification {
  ok: boolean;
  unexpected: VerificationProblem[];
  missing: VerificationProblem[];
}

export interface GenerationResult {
  /** NetworkPolicy manifests, sorted by namespace then name. */
  policies: JsonObject[];
  /** Namespaces that received a default deny. */
  namespaces: string[];
  verification: Verification;
}

function policy(namespace: string, name: string, spec: JsonObject): JsonObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'rampart' } },
    spec,
  };
}

/** NetworkPolicy `ports` for a connection set; undefined (no restriction) for all connections. */
function portsOf(conns: ConnectionSet): JsonObject[] | undefined {
  if (conns.isAll()) return undefined;
  const out: JsonObject[] = [];
  for (const protocol of PROTOCOLS)
    for (const [from, to] of conns.intervals(protocol)) {
      if (from === MIN_PORT && to === MAX_PORT) out.push({ protocol });
      else if (from === to) out.push({ protocol, port: from });
      else out.push({ protocol, port: from, endPort: to });
    }
  return out;
}

function labelsSelector(labels: Readonly<Record<string, string>>): JsonObject {
  return { matchLabels: { ...labels } };
}

function selectorJson(selector: LabelSelector): JsonObject {
  const out: JsonObject = {};
  if (Object.keys(selector.matchLabels).length > 0) out['matchLabels'] = { ...selector.matchLabels };
  if (selector.matchExpressions.length > 0)
    out['matchExpressions'] = selector.matchExpressions.map((r): JsonObject => {
      const requirement: JsonObject = { key: r.key, operator: r.operator };
      if (r.values.length > 0) requirement['values'] = [...r.values];
      return requirement;
    });
  return out;
}

function namespacePeer(namespace: string): JsonObject {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
}

/** The peer a destination's ingress rule names for a flow source. */
function sourcePeer(source: FlowSource): JsonObject {
  if (source.kind === 'ingress-controller') return { namespaceSelector: namespacePeer(INGRESS_CONTROLLER_NAMESPACE.name) };
  if (source.kind === 'selector') return { namespaceSelector: namespacePeer(source.namespace), podSelector: selectorJson(source.selector) };
  return { namespaceSelector: namespacePeer(source.workload.namespace), podSelector: labelsSelector(source.workload.podLabels) };
}

function rule(peerKey: 'from' | 'to', peer: JsonObject, conns: ConnectionSet): JsonObject {
  const out: JsonObject = { [peerKey]: [peer] };
  const ports = portsOf(conns);
  if (ports) out['ports'] = ports;
  return out;
}

/** Policy names unique within a namespace: `allow-ingress-web`, or with the kind when two workloads share a name. */
function uniqueName(prefix: string, workload: { name: string; kind: string }, taken: Set<string>): string {
  let name = `${prefix}-${workload.name}`;
  if (taken.has(name)) name = `${prefix}-${workload.name}-${workload.kind.toLowerCase()}`;
  taken.add(name);
  return name;
}

interface Grouped<K> {
  key: K;
  flows: Flow[];
}

function groupBy<K>(flows: readonly Flow[], keyOf: (f: Flow) => string, value: (f: Flow) => K): Array<Grouped<K>> {
  const groups = new Map<string, Grouped<K>>();
  for (const f of flows) {
    const k = keyOf(f);
    const g = groups.get(k);
    if (g) g.flows.push(f);
    else groups.set(k, { key: value(f), flows: [f] });
  }
  return [...groups.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, g]) => g);
}

function baselinePolicies(namespace: string): JsonObject[] {
  return [
    policy(namespace, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(namespace, 'allow-dns-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: namespacePeer(KUBE_DNS_NAMESPACE), podSelector: labelsSelector(KUBE_DNS_LABELS) }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
  ];
}

function ingressPolicies(flows: readonly Flow[], managed: ReadonlySet<string>, taken: Map<string, Set<string>>): JsonObject[] {
  const inbound = flows.filter((f) => managed.has(f.to.namespace));
  return groupBy(inbound, (f) => f.to.id, (f) => f.to).map(({ key: dst, flows: list }) => {
    const names = taken.get(dst.namespace) ?? new Set<string>();
    taken.set(dst.namespace, names);
    return policy(dst.namespace, uniqueName('allow-ingress', dst, names), {
      podSelector: labelsSelector(dst.podLabels),
      policyTypes: ['Ingress'],
      ingress: list.map((f) => rule('from', sourcePeer(f.from), f.ports)),
    });
  });
}

function sourceNamespace(source: FlowSource): string | undefined {
  return source.kind === 'workload' ? source.workload.namespace : source.kind === 'selector' ? source.namespace : undefined;
}

function egressPolicies(flows: readonly Flow[], managed: ReadonlySet<string>, taken: Map<string, Set<string>>): JsonObject[] {
  const outbound = flows.filter((f) => {
    const ns = sourceNamespace(f.from);
    return ns !== undefined && managed.has(ns);
  });
  return groupBy(outbound, (f) => describeSource(f.from), (f) => f.from).map(({ key: src, flows: list }) => {
    const namespace = sourceNamespace(src) as string;
    const names = taken.get(namespace) ?? new Set<string>();
    taken.set(namespace, names);
    const subject = src.kind === 'workload' ? src.workload : { name: `selector-${names.size + 1}`, kind: 'selector' };
    return policy(namespace, uniqueName('allow-egress', subject, names), {
      podSelector: src.kind === 'workload' ? labelsSelector(src.workload.podLabels) : src.kind === 'selector' ? selectorJson(src.selector) : {},
      policyTypes: ['Egress'],
      egress: list.map((f) => rule('to', { namespaceSelector: namespacePeer(f.to.namespace), podSelector: labelsSelector(f.to.podLabels) }, f.ports)),
    });
  });
}

/** The workloads a flow source stands for. */
function sourceWorkloads(source: FlowSource, model: NetworkModel): string[] {
  if (source.kind === 'workload') return [source.workload.id];
  if (source.kind === 'ingress-controller') return ['{ingress-controller}'];
  return model.workloads.filter((w) => w.namespace === source.namespace && matchesLabelSelector(source.selector, w.podLabels)).map((w) => w.id);
}

/** Intended connections per (src, dst): the flows plus DNS from every managed workload. */
function intendedConnections(flows: readonly Flow[], model: NetworkModel, managed: ReadonlySet<string>): Map<string, ConnectionSet> {
  const expected = new Map<string, ConnectionSet>();
  const add = (src: string, dst: string, conns: ConnectionSet): void => {
    if (src === dst) return;
    const key = pairKey(src, dst);
    expected.set(key, (expected.get(key) ?? ConnectionSet.none()).union(conns));
  };
  for (const f of flows) for (const src of sourceWorkloads(f.from, model)) add(src, f.to.id, f.ports);
  const dns = kubeDnsWorkloads(model);
  for (const w of model.workloads) if (managed.has(w.namespace) && !w.probe) for (const d of dns) add(w.id, d.id, DNS_CONNECTIONS);
  return expected;
}

function toResource(manifest: JsonObject, index: number): Resource {
  const metadata = manifest['metadata'] as JsonObject;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    name: String(metadata['name']),
    namespace: String(metadata['namespace']),
    labels: {},
    annotations: {},
    body: manifest,
    source: { file: '(generated)', documentIndex: index, line: 1, pointerPrefix: '' },
  };
}

/**
 * Runs the analyzer on `resources` with `policies` in place of the managed namespaces' own
 * NetworkPolicies and compares every connection touching a managed workload with the intent.
 *
 * @example
 * const v = verifyPolicies(inventory.resources, result.policies, flows, managed);
 * if (!v.ok) console.error(v.unexpected);
 */
export function verifyPolicies(resources: readonly Resource[], policies: readonly JsonObject[], flows: readonly Flow[], managed: ReadonlySet<string>): Verification {
  const kept = resources.filter((r) => !(r.kind === 'NetworkPolicy' && managed.has(r.namespace ?? 'default')));
  const model = withDnsProbe(buildNetworkModel(new Inventory([...kept, ...policies.map(toResource)])));
  const analyzer = new NetworkAnalyzer(model);
  const expected = intendedConnections(flows, model, managed);
  const result: Verification = { ok: true, unexpected: [], missing: [] };
  const compare = (src: Endpoint, dst: Endpoint, actual: ConnectionSet): void => {
    const label = { src: endpointName(src), dst: endpointName(dst) };
    const intended = expected.get(pairKey(label.src, label.dst)) ?? ConnectionSet.none();
    const extra = actual.subtract(intended);
    const lacking = intended.subtract(actual);
    if (!extra.isEmpty()) result.unexpected.push({ ...label, conn: extra.toString() });
    if (!lacking.isEmpty()) result.missing.push({ ...label, conn: lacking.toString() });
  };
  const workloads = analyzer.workloadEndpoints();
  const isManaged = (e: Endpoint & { kind: 'workload' }): boolean => managed.has(e.workload.namespace) && !e.workload.probe;
  const controller: Endpoint = { kind: 'ingress-controller' };
  for (const w of workloads.filter(isManaged)) {
    // Nothing outside the cluster is intended: every range must be closed both ways.
    analyzer.externalEndpoints().forEach((range, i) => {
      compare(w, range, analyzer.rangeVerdicts(w, 'egress')[i] as ConnectionSet);
      compare(range, w, analyzer.rangeVerdicts(w, 'ingress')[i] as ConnectionSet);
    });
    compare(controller, w, analyzer.policyConnections(controller, w));
  }
  for (const src of workloads)
    for (const dst of workloads)
      if (src.index !== dst.index && (isManaged(src) || isManaged(dst))) compare(src, dst, analyzer.policyConnections(src, dst));
  result.ok = result.unexpected.length === 0 && result.missing.length === 0;
  return result;
}

/**
 * Generates the least-privilege set for the workloads of `model` and verifies it.
 *
 * @example
 * const result = generatePolicies(inventory, model, flows);
 * if (!result.verification.ok) throw new Error('refusing to write an unverified policy set');
 */
export function generatePolicies(inventory: Inventory, model: NetworkModel, flows: readonly Flow[]): GenerationResult {
  const managedList = [...new Set(model.workloads.filter((w: Workload) => !w.probe).map((w) => w.namespace))].filter((ns) => !SYSTEM_NAMESPACES.has(ns)).sort();
  const managed = new Set(managedList);
  const taken = new Map<string, Set<string>>();
  const policies = [
    ...managedList.flatMap(baselinePolicies),
    ...ingressPolicies(flows, managed, taken),
    ...egressPolicies(flows, managed, taken),
  ].sort((a, b) => {
    const ka = `${(a['metadata'] as JsonObject)['namespace']}/${(a['metadata'] as JsonObject)['name']}`;
    const kb = `${(b['metadata'] as JsonObject)['namespace']}/${(b['metadata'] as JsonObject)['name']}`;
    return compareStrings(ka, kb);
  });
  return { policies, namespaces: managedList, verification: verifyPolicies(inventory.resources, policies, flows, managed) };
}
