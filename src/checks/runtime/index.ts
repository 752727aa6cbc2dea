/** runtime checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import detectionNotOnAllNodes from './detection-not-on-all-nodes.js';
import noDetectionDaemonset from './no-detection-daemonset.js';

export const RUNTIME_CHECKS = {
  'runtime.detection-not-on-all-nodes': detectionNotOnAllNodes,
  'runtime.no-detection-daemonset': noDetectionDaemonset,
} as const satisfies Record<string, AnyCheck>;
