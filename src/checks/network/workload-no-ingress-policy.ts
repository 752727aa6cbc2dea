/**
 * Control: every workload is selected by at least one NetworkPolicy for ingress.
 * Looks at: each workload's pod labels against the podSelector of every NetworkPolicy of its
 * namespace (with Ingress in its defaulted policyTypes). hostNetwork workloads are outside
 * NetworkPolicy's reach and skipped.
 */
import { defineCheck } from '../../engine/types.js';
import { networkAnalysis, podLabelsPath } from './analysis.js';

export default defineCheck<'notIsolated'>({
  id: 'network.workload-no-ingress-policy',
  title: 'Workload selected by no ingress NetworkPolicy',
  // medium: the workload accepts connections from every pod of the cluster and every address that reaches it.
  severity: 'medium',
  scope: 'inventory',
  match: ['NetworkPolicy', 'pod-templates'],
  domain: 'network',
  controls: [
    { framework: 'cis-k8s', id: '5.3.2' },
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1210' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  messages: { notIsolated: '{{workload}} is selected by no ingress NetworkPolicy: every pod of the cluster can connect to it' },
  remediation:
    'Add a NetworkPolicy whose podSelector matches the workload\'s pod labels and allows only its intended clients and ports, or a default-deny ingress policy for its namespace.',
  docs: [
    'A pod that no NetworkPolicy selects for ingress is not isolated: any pod in any namespace, and',
    'any address that can route to it, may connect on any port. The check uses the reachability',
    'engine of `rampart netpol` (label selectors with matchExpressions, policyTypes defaulting);',
    'hostNetwork workloads are skipped because NetworkPolicy does not apply to them.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    const { analyzer } = networkAnalysis(inventory);
    for (const endpoint of analyzer.workloadEndpoints()) {
      if (analyzer.isIsolated(endpoint, 'ingress')) continue;
      const { workload } = endpoint;
      report({ resource: workload.resource, path: podLabelsPath(workload), messageId: 'notIsolated', data: { workload: workload.id } });
    }
  },
});
