/**
 * Which workloads the reliability checks judge, and how many replicas they run: the built-in
 * controllers of long-running pods plus Argo Rollouts, with a HorizontalPodAutoscaler in the
 * inventory taking over the replica count of the workload it targets.
 */
import { effectiveNamespace, type Inventory } from '../../model/inventory.js';
import { isBuiltInWorkload } from '../../model/pod-templates.js';
import type { Resource } from '../../model/types.js';
import { LONG_RUNNING_KINDS, REPLICATED_KINDS, stringAt, valueAt } from '../workload/helpers.js';

const ROLLOUT_GROUP = 'argoproj.io/';

function isRollout(resource: Pick<Resource, 'apiVersion' | 'kind'>): boolean {
  return resource.kind === 'Rollout' && resource.apiVersion.startsWith(ROLLOUT_GROUP);
}

/** True for resources whose pods should keep running: Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Rollouts. */
export function isLongRunningWorkload(resource: Resource): boolean {
  return (LONG_RUNNING_KINDS.includes(resource.kind) && isBuiltInWorkload(resource)) || isRollout(resource);
}

/** True for workloads with a `spec.replicas` field. */
export function isReplicatedWorkload(resource: Resource): boolean {
  return (REPLICATED_KINDS.includes(resource.kind) && isBuiltInWorkload(resource)) || isRollout(resource);
}

/** The kinds the reliability checks match on (the runner filters by kind before the checks refine). */
export const RELIABILITY_KINDS: readonly string[] = [...LONG_RUNNING_KINDS, 'Rollout'];

/** Autoscalers by `namespace/kind/name` of their target, built once per inventory. */
const autoscalerIndex = new WeakMap<Inventory, Map<string, Resource>>();

function targetKey(namespace: string | undefined, kind: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}\u0000${kind ?? ''}\u0000${name ?? ''}`;
}

/** The HorizontalPodAutoscaler in the inventory that scales `workload`, if any. */
export function autoscalerOf(inventory: Inventory, workload: Resource): Resource | undefined {
  let index = autoscalerIndex.get(inventory);
  if (!index) {
    index = new Map();
    for (const hpa of inventory.ofKind('HorizontalPodAutoscaler')) {
      const key = targetKey(effectiveNamespace(hpa), stringAt(hpa.body, 'spec', 'scaleTargetRef', 'kind'), stringAt(hpa.body, 'spec', 'scaleTargetRef', 'name'));
      if (!index.has(key)) index.set(key, hpa);
    }
    autoscalerIndex.set(inventory, index);
  }
  return index.get(targetKey(effectiveNamespace(workload), workload.kind, workload.name));
}

export interface ReplicaCount {
  /** The smallest number of replicas the workload runs with. */
  count: number;
  /** Where it comes from: the workload's `spec.replicas`, its default (1), or an autoscaler's `minReplicas`. */
  source: 'replicas' | 'default' | 'autoscaler';
  autoscaler?: Resource;
}

/** The minimum replica count of a replicated workload. */
export function minimumReplicas(inventory: Inventory, workload: Resource): ReplicaCount {
  const autoscaler = autoscalerOf(inventory, workload);
  if (autoscaler) {
    const min = valueAt(autoscaler.body, 'spec', 'minReplicas');
    return { count: typeof min === 'number' ? min : 1, source: 'autoscaler', autoscaler };
  }
  const replicas = valueAt(workload.body, 'spec', 'replicas');
  return typeof replicas === 'number' ? { count: replicas, source: 'replicas' } : { count: 1, source: 'default' };
}
