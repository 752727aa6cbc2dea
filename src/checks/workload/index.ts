/** workload checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import cpuLimits from './cpu-limits.js';
import cpuRequests from './cpu-requests.js';
import memoryLimits from './memory-limits.js';
import memoryRequests from './memory-requests.js';
import readOnlyRootFilesystem from './read-only-root-filesystem.js';
import runAsHighGid from './run-as-high-gid.js';
import runAsHighUid from './run-as-high-uid.js';

export const WORKLOAD_CHECKS = {
  'workload.cpu-limits': cpuLimits,
  'workload.cpu-requests': cpuRequests,
  'workload.memory-limits': memoryLimits,
  'workload.memory-requests': memoryRequests,
  'workload.read-only-root-filesystem': readOnlyRootFilesystem,
  'workload.run-as-high-gid': runAsHighGid,
  'workload.run-as-high-uid': runAsHighUid,
} as const satisfies Record<string, AnyCheck>;
