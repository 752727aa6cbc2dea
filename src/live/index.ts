/**
 * Live cluster assessment: read a cluster into the loader's `LoadResult` (so the one
 * evaluator judges it), the scanner's RBAC, PolicyReport writing and the in-cluster
 * deployment. See docs/live.md.
 */
export { readCluster, gapToRunError, type ReadClusterOptions, type ClusterRead } from './reader.js';
export { loadKubeConfig, ApiClient, ApiStatusError, ApiTransportError, type ConnectOptions } from './client.js';
export { applyPolicyReports, policyReportPath, scannedNamespaces, FIELD_MANAGER, type ApplyOutcome, type ApplicableReport } from './apply.js';
export { scannerClusterRole, scannerClusterRoleBinding, scannerServiceAccount, scannerRules, rulesAllow, SCANNER_NAME, type PolicyRule, type ScannerRoleOptions } from './scanner-role.js';
export { deployManifests, scannerArgs, DEFAULT_IMAGE, DEFAULT_NAMESPACE, DEFAULT_SCHEDULE, type DeployOptions } from './deploy.js';
export { BUILT_IN_TYPES, WELL_KNOWN_CUSTOM_TYPES, type WantedType } from './resource-types.js';
export { METADATA_ONLY_ACCEPT } from './list.js';
export type { ApiResourceType, CoverageGap, GapReason } from './types.js';
export { collapseOwnedFindings } from './owners.js';
