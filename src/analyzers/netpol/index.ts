/**
 * NetworkPolicy analysis: reachability (list, can, explain), coverage, diff and verified
 * least-privilege generation, over NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy
 * and Ingress objects.
 *
 * @example
 * const analyzer = new NetworkAnalyzer(buildNetworkModel(new Inventory(resources)));
 * process.stdout.write(formatConnections(analyzer.list(), 'connlist'));
 */
export { atomicRanges, formatRange, parseCidr, type AddressRange } from './addresses.js';
export { endpointName, INGRESS_CONTROLLER, NetworkAnalyzer, type Connection, type Decision, type DirectionVerdict, type Endpoint, type Explanation } from './analyzer.js';
export { ConnectionSet, parsePortSpec, PROTOCOLS, type Protocol } from './connections.js';
export { coverage, DNS_CONNECTIONS, formatCoverage, isDefaultDeny, type CoverageReport, type NamespaceCoverage, type WorkloadCoverage } from './coverage.js';
export { diffConnections, diffToJson, formatDiff, type ConnectivityDiff } from './diff.js';
export { inferFlows, parseFlows, serviceReferences, type Flow, type FlowSource } from './flows.js';
export { formatConnections, LIST_FORMATS, type ListFormat } from './format.js';
export { generatePolicies, verifyPolicies, SYSTEM_NAMESPACES, type GenerationResult, type Verification } from './generate.js';
export { buildNetworkModel, withDnsProbe, type NetworkModel, type Workload } from './model.js';
export { readAdminPolicy, readNetworkPolicy, type NetpolIssue, type Policy } from './policies.js';
export { compileLabelSelector, matchesLabelSelector, type LabelSelector } from './selector.js';
