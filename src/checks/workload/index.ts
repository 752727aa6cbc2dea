/** workload checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import cpuLimits from './cpu-limits.js';
import cpuRequests from './cpu-requests.js';
import defaultNamespace from './default-namespace.js';
import defaultServiceAccount from './default-service-account.js';
import duplicateEnvName from './duplicate-env-name.js';
import memoryLimits from './memory-limits.js';
import memoryRequests from './memory-requests.js';
import nakedPod from './naked-pod.js';
import readOnlyRootFilesystem from './read-only-root-filesystem.js';
import runAsHighGid from './run-as-high-gid.js';
import runAsHighUid from './run-as-high-uid.js';
import serviceAccountTokenAutomount from './service-account-token-automount.js';
import shareProcessNamespace from './share-process-namespace.js';

export const WORKLOAD_CHECKS = {
  'workload.cpu-limits': cpuLimits,
  'workload.cpu-requests': cpuRequests,
  'workload.default-namespace': defaultNamespace,
  'workload.default-service-account': defaultServiceAccount,
  'workload.duplicate-env-name': duplicateEnvName,
  'workload.memory-limits': memoryLimits,
  'workload.memory-requests': memoryRequests,
  'workload.naked-pod': nakedPod,
  'workload.read-only-root-filesystem': readOnlyRootFilesystem,
  'workload.run-as-high-gid': runAsHighGid,
  'workload.run-as-high-uid': runAsHighUid,
  'workload.service-account-token-automount': serviceAccountTokenAutomount,
  'workload.share-process-namespace': shareProcessNamespace,
} as const satisfies Record<string, AnyCheck>;
