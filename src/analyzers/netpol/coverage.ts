/**
 * Coverage: per namespace and workload, whether NetworkPolicy isolates it in each direction,
 * whether the namespace has default-deny policies, whether DNS still works for egress-isolated
 * workloads, and how widely each workload is exposed.
 */
import { NetworkAnalyzer, type Endpoint } from './analyzer.js';
import { ConnectionSet } from './connections.js';
import { kubeDnsWorkloads, withDnsProbe, type NetworkModel, type Workload } from './model.js';
import { policyLabel, type Direction, type Policy } from './policies.js';
import { selectsEverything } from './selector.js';

/** DNS is needed on both protocols: UDP for most queries, TCP for truncated answers. */
export const DNS_CONNECTIONS = ConnectionSet.ports('UDP', 53).union(ConnectionSet.ports('TCP', 53));

export type DnsStatus = 'allowed' | 'broken' | 'partial' | 'not-isolated';
export type Exposure = 'all' | 'some' | 'none';

export interface WorkloadCoverage {
  id: string;
  namespace: string;
  ingressIsolated: boolean;
  egressIsolated: boolean;
  ingressPolicies: string[];
  egressPolicies: string[];
  /** `broken`: egress-isolated and neither 53/UDP nor 53/TCP reaches kube-dns; `partial`: only one of them. */
  dns: DnsStatus;
  /** What of 53/UDP and 53/TCP reaches kube-dns, in connlist form. */
  dnsAllowed: string;
  /** Reachable from a pod in any namespace (a pod in a namespace no policy names). */
  clusterWideIngress: boolean;
  /** Inbound from addresses outside the cluster: every range (0.0.0.0/0), some, or none. */
  externalIngress: Exposure;
  externalEgress: Exposure;
}

export interface NamespaceCoverage {
  name: string;
  workloads: number;
  defaultDenyIngress: string[];
  defaultDenyEgress: string[];
  ingressIsolated: number;
  egressIsolated: number;
}

export interface CoverageReport {
  namespaces: NamespaceCoverage[];
  workloads: WorkloadCoverage[];
  /** hostNetwork workloads: NetworkPolicy does not apply to them. */
  outsideReach: string[];
}

/**
 *A NetworkPolicy that selects every pod of its namespace and allows nothing in `direction`.
 *
 * @example
 * model.networkPolicies.filter((p) => isDefaultDeny(p, 'ingress'));
 */
export function isDefaultDeny(policy: Policy, direction: Direction): boolean {
  return policy.kind === 'NetworkPolicy' && selectsEverything(policy.subject.pods) && policy.types.has(direction) && policy[direction].length === 0;
}

/** A pod in a namespace that no policy can name specifically: stands for "anywhere in the cluster". */
const ANYWHERE: Workload = {
  id: 'rampart-probe-anywhere/any[Pod]',
  namespace: 'rampart-probe-anywhere',
  name: 'any',
  kind: 'Pod',
  podLabels: {},
  ports: [],
  hostNetwork: false,
  resource: { apiVersion: 'v1', kind: 'Pod', name: 'any', namespace: 'rampart-probe-anywhere', labels: {}, annotations: {}, body: {}, source: { file: '(probe)', documentIndex: 0, line: 0, pointerPrefix: '' } },
  probe: true,
};

function exposure(allowed: readonly boolean[]): Exposure {
  if (allowed.length > 0 && allowed.every(Boolean)) return 'all';
  return allowed.some(Boolean) ? 'some' : 'none';
}

function dnsStatus(analyzer: NetworkAnalyzer, src: Endpoint & { kind: 'workload' }, dns: readonly Endpoint[]): { dns: DnsStatus; dnsAllowed: string } {
  let reached = ConnectionSet.none();
  for (const d of dns) reached = reached.union(analyzer.connections(src, d).intersect(DNS_CONNECTIONS));
  const dnsAllowed = reached.toString();
  if (!analyzer.isIsolated(src, 'egress')) return { dns: 'not-isolated', dnsAllowed };
  if (reached.covers(DNS_CONNECTIONS)) return { dns: 'allowed', dnsAllowed };
  return { dns: reached.isEmpty() ? 'broken' : 'partial', dnsAllowed };
}

/**
 * Computes the coverage report of a model.
 *
 * @example
 * const report = coverage(buildNetworkModel(inventory));
 * report.workloads.filter((w) => w.dns === 'broken');
 */
export function coverage(model: NetworkModel): CoverageReport {
  const probed = withDnsProbe(model);
  const analyzer = new NetworkAnalyzer({ ...probed, workloads: [...probed.workloads, ANYWHERE] });
  const endpoints = analyzer.workloadEndpoints();
  const anywhere = endpoints[endpoints.length - 1] as Endpoint;
  const dnsIds = new Set(kubeDnsWorkloads(probed).map((w) => w.id));
  const dns = endpoints.filter((e) => dnsIds.has(e.workload.id));
  const workloads = endpoints
    .filter((e) => !e.workload.probe)
    .map((e): WorkloadCoverage => ({
      id: e.workload.id,
      namespace: e.workload.namespace,
      ingressIsolated: analyzer.isIsolated(e, 'ingress'),
      egressIsolated: analyzer.isIsolated(e, 'egress'),
      ingressPolicies: analyzer.policiesSelecting(e, 'ingress').map(policyLabel),
      egressPolicies: analyzer.policiesSelecting(e, 'egress').map(policyLabel),
      ...dnsStatus(analyzer, e, dns),
      clusterWideIngress: !analyzer.policyConnections(anywhere, e).isEmpty(),
      externalIngress: exposure(analyzer.rangeVerdicts(e, 'ingress').map((c) => !c.isEmpty())),
      externalEgress: exposure(analyzer.rangeVerdicts(e, 'egress').map((c) => !c.isEmpty())),
    }));
  const names = [...new Set([...model.namespaces.keys()])].sort();
  const namespaces = names.map((name): NamespaceCoverage => {
    const members = workloads.filter((w) => w.namespace === name);
    const policies = model.networkPolicies.filter((p) => p.namespace === name);
    return {
      name,
      workloads: members.length,
      defaultDenyIngress: policies.filter((p) => isDefaultDeny(p, 'ingress')).map((p) => p.name),
      defaultDenyEgress: policies.filter((p) => isDefaultDeny(p, 'egress')).map((p) => p.name),
      ingressIsolated: members.filter((w) => w.ingressIsolated).length,
      egressIsolated: members.filter((w) => w.egressIsolated).length,
    };
  });
  return { namespaces, workloads, outsideReach: model.hostNetworkWorkloads.map((w) => w.id) };
}

/** DNS reachability of one egress-isolated workload. */
export interface DnsReachability {
  id: string;
  dns: Exclude<DnsStatus, 'not-isolated'>;
  dnsAllowed: string;
}

/**
 * DNS status of every egress-isolated workload, and nothing else: the part of {@link coverage}
 * that the scan's DNS check needs, without the per-workload exposure analysis.
 *
 * @example
 * dnsReachability(model).filter((w) => w.dns === 'broken');
 */
export function dnsReachability(model: NetworkModel): DnsReachability[] {
  // Only NetworkPolicies isolate a workload for egress: without one that covers egress, nothing is isolated.
  if (!model.networkPolicies.some((p) => p.types.has('egress'))) return [];
  const probed = withDnsProbe(model);
  const analyzer = new NetworkAnalyzer(probed);
  const endpoints = analyzer.workloadEndpoints();
  const dnsIds = new Set(kubeDnsWorkloads(probed).map((w) => w.id));
  const dns = endpoints.filter((e) => dnsIds.has(e.workload.id));
  const out: DnsReachability[] = [];
  for (const e of endpoints) {
    if (e.workload.probe || !analyzer.isIsolated(e, 'egress')) continue;
    const status = dnsStatus(analyzer, e, dns);
    if (status.dns !== 'not-isolated') out.push({ id: e.workload.id, dns: status.dns, dnsAllowed: status.dnsAllowed });
  }
  return out;
}

/** Left-aligned columns separated by two spaces. */
function columns(rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, String(cell).length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? String(cell) : String(cell).padEnd(widths[i] ?? 0))).join('  '));
}

/**
 * A plain-text rendering of a coverage report.
 *
 * @example
 * io.stdout.write(formatCoverage(coverage(model)));
 */
export function formatCoverage(report: CoverageReport): string {
  const namespaces = columns([
    ['NAMESPACE', 'WORKLOADS', 'DEFAULT-DENY-INGRESS', 'DEFAULT-DENY-EGRESS', 'INGRESS-ISOLATED', 'EGRESS-ISOLATED'],
    ...report.namespaces.map((n) => [n.name, n.workloads, n.defaultDenyIngress.join(',') || 'no', n.defaultDenyEgress.join(',') || 'no', `${n.ingressIsolated}/${n.workloads}`, `${n.egressIsolated}/${n.workloads}`]),
  ]);
  const workloads = columns([
    ['WORKLOAD', 'INGRESS', 'EGRESS', 'DNS', 'CLUSTER-WIDE-INGRESS', 'EXTERNAL-INGRESS', 'EXTERNAL-EGRESS'],
    ...report.workloads.map((w) => [w.id, w.ingressIsolated ? 'isolated' : 'open', w.egressIsolated ? 'isolated' : 'open', w.dns, w.clusterWideIngress ? 'yes' : 'no', w.externalIngress, w.externalEgress]),
  ]);
  const lines = [...namespaces, '', ...workloads];
  if (report.outsideReach.length > 0) lines.push('', `hostNetwork (outside NetworkPolicy's reach): ${report.outsideReach.join(', ')}`);
  return lines.join('\n') + '\n';
}
