/**
 * The Pod Security Standards checks: the upstream definitions, which the exact evaluator runs,
 * and the scan checks built from them. Both lists are explicit literals; nothing registers
 * itself on import.
 */
import allowPrivilegeEscalationScan, { allowPrivilegeEscalation } from './allowPrivilegeEscalation.js';
import appArmorProfileScan, { appArmorProfile } from './appArmorProfile.js';
import capabilitiesBaselineScan, { capabilities_baseline } from './capabilities_baseline.js';
import capabilitiesRestrictedScan, { capabilities_restricted } from './capabilities_restricted.js';
import hostNamespacesScan, { hostNamespaces } from './hostNamespaces.js';
import hostPathVolumesScan, { hostPathVolumes } from './hostPathVolumes.js';
import hostPortsScan, { hostPorts } from './hostPorts.js';
import hostProbesAndHostLifecycleScan, { hostProbesAndHostLifecycle } from './hostProbesAndHostLifecycle.js';
import privilegedScan, { privileged } from './privileged.js';
import procMountScan, { procMount } from './procMount.js';
import procMountRestrictedScan, { procMount_restricted } from './procMount_restricted.js';
import restrictedVolumesScan, { restrictedVolumes } from './restrictedVolumes.js';
import runAsNonRootScan, { runAsNonRoot } from './runAsNonRoot.js';
import runAsUserScan, { runAsUser } from './runAsUser.js';
import seLinuxOptionsScan, { seLinuxOptions } from './seLinuxOptions.js';
import seccompProfileBaselineScan, { seccompProfile_baseline } from './seccompProfile_baseline.js';
import seccompProfileRestrictedScan, { seccompProfile_restricted } from './seccompProfile_restricted.js';
import sysctlsScan, { sysctls } from './sysctls.js';
import windowsHostProcessScan, { windowsHostProcess } from './windowsHostProcess.js';
import type { PssScanCheck } from './scan-check.js';
import type { PodSecurityCheck } from './types.js';

/**
 * Upstream definitions in upstream evaluation order: baseline ids sorted, then restricted ids
 * sorted (registry.go sorts ids "to maintain consistent error messages"). Violations come out
 * in this order.
 */
export const PSS_CHECKS: readonly PodSecurityCheck[] = [
  appArmorProfile,
  capabilities_baseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfile_baseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilities_restricted,
  procMount_restricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfile_restricted,
];

/** The scan checks, sorted by id. */
export const PSS_SCAN_CHECKS: readonly PssScanCheck[] = [
  allowPrivilegeEscalationScan,
  appArmorProfileScan,
  capabilitiesBaselineScan,
  capabilitiesRestrictedScan,
  hostNamespacesScan,
  hostPathVolumesScan,
  hostPortsScan,
  hostProbesAndHostLifecycleScan,
  privilegedScan,
  procMountScan,
  procMountRestrictedScan,
  restrictedVolumesScan,
  runAsNonRootScan,
  runAsUserScan,
  seLinuxOptionsScan,
  seccompProfileBaselineScan,
  seccompProfileRestrictedScan,
  sysctlsScan,
  windowsHostProcessScan,
];

export type { PodCheckFn, PodCheckResult, PodSecurityCheck, PssCheckId, PssVersion, VersionedPodCheck } from './types.js';
