/**
 * The network checks share one analysis per inventory: the NetworkPolicy engine of
 * `src/analyzers/netpol`, built once and reused by every check of a run.
 */
import { NetworkAnalyzer } from '../../analyzers/netpol/analyzer.js';
import { dnsReachability, isDefaultDeny, type DnsReachability } from '../../analyzers/netpol/coverage.js';
import { buildNetworkModel, type NetworkModel, type Workload } from '../../analyzers/netpol/model.js';
import type { Inventory } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import type { Resource } from '../../model/types.js';
import type { Direction } from '../../analyzers/netpol/policies.js';

export interface NetworkAnalysis {
  model: NetworkModel;
  analyzer: NetworkAnalyzer;
  /** DNS status of the egress-isolated workloads, computed on first use. */
  dns: () => DnsReachability[];
}

const cache = new WeakMap<Inventory, NetworkAnalysis>();

/**
 *The analysis of an inventory, computed on first use.
 *
 * @example
 * const { analyzer } = networkAnalysis(inventory);
 */
export function networkAnalysis(inventory: Inventory): NetworkAnalysis {
  let analysis = cache.get(inventory);
  if (!analysis) {
    const model = buildNetworkModel(inventory);
    let dns: DnsReachability[] | undefined;
    analysis = { model, analyzer: new NetworkAnalyzer(model), dns: () => (dns ??= dnsReachability(model)) };
    cache.set(inventory, analysis);
  }
  return analysis;
}

/**
 *The resource a namespace-level finding is reported on: its Namespace object, else its first workload.
 *
 * @example
 * const anchor = namespaceAnchor(inventory, model, 'shop'); // { resource, path: '' }
 */
export function namespaceAnchor(inventory: Inventory, model: NetworkModel, namespace: string): { resource: Resource; path: string } | undefined {
  const declared = inventory.get('Namespace', undefined, namespace);
  if (declared) return { resource: declared, path: '' };
  const first = model.workloads.find((w) => w.namespace === namespace);
  return first ? { resource: first.resource, path: '/metadata' } : undefined;
}

/**
 *The pointer of a workload's pod labels, where a selector would have to match.
 *
 * @example
 * podLabelsPath(workload); // "/spec/template/metadata"
 */
export function podLabelsPath(workload: Workload): string {
  const template = podTemplates(workload.resource)[0];
  return template ? `${template.pointer}/metadata` : '/metadata';
}

/**
 *Namespaces that hold at least one workload NetworkPolicy can reach.
 *
 * @example
 * namespacesWithWorkloads(model); // ["shop"]
 */
export function namespacesWithWorkloads(model: NetworkModel): string[] {
  return [...new Set(model.workloads.filter((w) => !w.probe).map((w) => w.namespace))].sort();
}

/**
 *Namespaces with workloads but no default-deny NetworkPolicy for `direction`, each with where to report it.
 *
 * @example
 * for (const { namespace, anchor } of namespacesWithoutDefaultDeny(inventory, 'egress')) report({ ...anchor, messageId: 'noDefaultDeny', data: { namespace } });
 */
export function namespacesWithoutDefaultDeny(inventory: Inventory, direction: Direction): Array<{ namespace: string; anchor: { resource: Resource; path: string } }> {
  const { model } = networkAnalysis(inventory);
  return namespacesWithWorkloads(model).flatMap((namespace) => {
    if (model.networkPolicies.some((p) => p.namespace === namespace && isDefaultDeny(p, direction))) return [];
    const anchor = namespaceAnchor(inventory, model, namespace);
    return anchor ? [{ namespace, anchor }] : [];
  });
}
