/**
 * The fix registry: one module per fixable check, file name = check id, listed here explicitly in
 * id order. Nothing registers itself by import side effect; a test proves every key names a
 * registered check, matches its definition's `checkId`, and that the literal stays sorted.
 */
import type { FixDefinition } from '../types.js';
import latestTag from './image.latest-tag.js';
import mutableTagAlwaysPulled from './image.mutable-tag-always-pulled.js';
import notPinnedByDigest from './image.not-pinned-by-digest.js';
import psaVersionNotPinned from './namespace.psa-version-not-pinned.js';
import allowPrivilegeEscalation from './pss.allowPrivilegeEscalation.js';
import capabilitiesRestricted from './pss.capabilities_restricted.js';
import runAsNonRoot from './pss.runAsNonRoot.js';
import seccompProfileRestricted from './pss.seccompProfile_restricted.js';
import cpuLimits from './workload.cpu-limits.js';
import cpuRequests from './workload.cpu-requests.js';
import defaultServiceAccountAutomount from './workload.default-service-account-automount.js';
import memoryLimits from './workload.memory-limits.js';
import memoryRequests from './workload.memory-requests.js';
import readOnlyRootFilesystem from './workload.read-only-root-filesystem.js';
import serviceAccountTokenAutomount from './workload.service-account-token-automount.js';

export const FIXES = {
  'image.latest-tag': latestTag,
  'image.mutable-tag-always-pulled': mutableTagAlwaysPulled,
  'image.not-pinned-by-digest': notPinnedByDigest,
  'namespace.psa-version-not-pinned': psaVersionNotPinned,
  'pss.allowPrivilegeEscalation': allowPrivilegeEscalation,
  'pss.capabilities_restricted': capabilitiesRestricted,
  'pss.runAsNonRoot': runAsNonRoot,
  'pss.seccompProfile_restricted': seccompProfileRestricted,
  'workload.cpu-limits': cpuLimits,
  'workload.cpu-requests': cpuRequests,
  'workload.default-service-account-automount': defaultServiceAccountAutomount,
  'workload.memory-limits': memoryLimits,
  'workload.memory-requests': memoryRequests,
  'workload.read-only-root-filesystem': readOnlyRootFilesystem,
  'workload.service-account-token-automount': serviceAccountTokenAutomount,
} as const satisfies Record<string, FixDefinition>;

export type FixRegistry = Readonly<Record<string, FixDefinition>>;
