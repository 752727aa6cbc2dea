/** reliability checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import missingLivenessProbe from './missing-liveness-probe.js';
import missingPodDisruptionBudget from './missing-pod-disruption-budget.js';
import missingReadinessProbe from './missing-readiness-probe.js';
import podDisruptionBudgetBlocksEviction from './pod-disruption-budget-blocks-eviction.js';
import singleReplica from './single-replica.js';

export const RELIABILITY_CHECKS = {
  'reliability.missing-liveness-probe': missingLivenessProbe,
  'reliability.missing-pod-disruption-budget': missingPodDisruptionBudget,
  'reliability.missing-readiness-probe': missingReadinessProbe,
  'reliability.pod-disruption-budget-blocks-eviction': podDisruptionBudgetBlocksEviction,
  'reliability.single-replica': singleReplica,
} as const satisfies Record<string, AnyCheck>;
