/**
 * Small readers shared by the workload, image, secrets and reliability checks: typed access to
 * JSON fields, the nearest existing JSON Pointer for a missing field, securityContext
 * inheritance (pod level unless the container overrides it) and LimitRange defaults.
 */
import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/inventory.js';
import { isJsonObject, joinPointer, type JsonObject, type JsonValue, type Resource } from '../../model/types.js';
import type { ContainerKind, ContainerVisit } from '../../model/visit.js';

/** The object at `key`, or undefined. */
export function objectAt(node: JsonValue | undefined, ...keys: string[]): JsonObject | undefined {
  let current: JsonValue | undefined = node;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return isJsonObject(current) ? current : undefined;
}

/** The value at `keys`, or undefined (JSON `null` reads as undefined, as Go's decoder treats it). */
export function valueAt(node: JsonValue | undefined, ...keys: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = node;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current === null ? undefined : current;
}

export function stringAt(node: JsonValue | undefined, ...keys: string[]): string | undefined {
  const value = valueAt(node, ...keys);
  return typeof value === 'string' ? value : undefined;
}

export function arrayAt(node: JsonValue | undefined, ...keys: string[]): JsonValue[] {
  const value = valueAt(node, ...keys);
  return Array.isArray(value) ? value : [];
}

/**
 * The pointer of `keys` below `base` inside `node`, stopping at the deepest key that exists, so
 * a finding about a missing field points at its nearest existing parent.
 *
 * @example
 * nearestPointer(container, '/spec/containers/0', 'securityContext', 'runAsUser') // '/spec/containers/0' when securityContext is absent
 */
export function nearestPointer(node: JsonValue | undefined, base: string, ...keys: string[]): string {
  let pointer = base;
  let current: JsonValue | undefined = node;
  for (const key of keys) {
    if (!isJsonObject(current) || !(key in current) || current[key] === null) return pointer;
    current = current[key];
    pointer = joinPointer(pointer, key);
  }
  return pointer;
}

/** True unless the pod declares `spec.os.name: windows` (Linux-only fields do not apply then). */
export function isLinuxPod(podSpec: JsonObject): boolean {
  return stringAt(podSpec, 'os', 'name') !== 'windows';
}

/** Where an effective securityContext value comes from. */
export type SettingSource = 'container' | 'pod' | 'unset';

export interface EffectiveSetting {
  value: JsonValue | undefined;
  source: SettingSource;
  /** Pointer of the field that decides the value, or of the container when unset. */
  pointer: string;
}

/**
 * The effective value of a field that exists on both PodSecurityContext and SecurityContext
 * (runAsUser, runAsGroup, runAsNonRoot…): the container's own value wins, else the pod's.
 */
export function effectiveSecurityField(visit: ContainerVisit, podSpec: JsonObject, specPointer: string, field: string): EffectiveSetting {
  const own = valueAt(visit.container, 'securityContext', field);
  if (own !== undefined) return { value: own, source: 'container', pointer: joinPointer(visit.pointer, 'securityContext', field) };
  const inherited = valueAt(podSpec, 'securityContext', field);
  if (inherited !== undefined) return { value: inherited, source: 'pod', pointer: joinPointer(specPointer, 'securityContext', field) };
  return { value: undefined, source: 'unset', pointer: nearestPointer(visit.container, visit.pointer, 'securityContext') };
}

/** The resource kinds whose pods run until deleted (as opposed to Jobs and CronJobs). */
export const LONG_RUNNING_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];

/** The kinds with a `spec.replicas` field among the built-in workloads. */
export const REPLICATED_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/** True for app containers and for restartable (sidecar) init containers: the containers that run as long as the pod. */
export function isLongRunningContainer(visit: ContainerVisit): boolean {
  if (visit.kind === 'containers') return true;
  return visit.kind === 'initContainers' && stringAt(visit.container, 'restartPolicy') === 'Always';
}

export type ResourceKind = 'requests' | 'limits';
export type ComputeResource = 'cpu' | 'memory';

/**
 * True when a LimitRange in the resource's namespace gives containers a default for
 * `resources.<kind>.<name>` (`defaultRequest` for requests, `default` for limits). The API
 * server fills the field at admission, so a manifest that omits it is not unbounded.
 * A LimitRange with only a `default` limit also defaults the request to that limit.
 */
export function limitRangeDefault(inventory: Inventory, resource: Resource, kind: ResourceKind, name: ComputeResource): boolean {
  const namespace = effectiveNamespace(resource);
  if (namespace === undefined) return false;
  return limitRangeDefaults(inventory).has(`${namespace}\u0000${kind}\u0000${name}`);
}

/** `namespace, requests|limits, cpu|memory` triples that some LimitRange defaults, built once per inventory. */
const limitRangeIndex = new WeakMap<Inventory, ReadonlySet<string>>();

function limitRangeDefaults(inventory: Inventory): ReadonlySet<string> {
  let index = limitRangeIndex.get(inventory);
  if (index) return index;
  const out = new Set<string>();
  for (const limitRange of inventory.ofKind('LimitRange')) {
    const namespace = effectiveNamespace(limitRange);
    for (const limit of arrayAt(limitRange.body, 'spec', 'limits')) {
      if (stringAt(limit, 'type') !== 'Container') continue;
      for (const name of ['cpu', 'memory'] as const) {
        // A default limit also defaults the request to the same value.
        if (valueAt(limit, 'default', name) !== undefined) {
          out.add(`${namespace}\u0000limits\u0000${name}`);
          out.add(`${namespace}\u0000requests\u0000${name}`);
        }
        if (valueAt(limit, 'defaultRequest', name) !== undefined) out.add(`${namespace}\u0000requests\u0000${name}`);
      }
    }
  }
  index = out;
  limitRangeIndex.set(inventory, index);
  return index;
}

/** Quotes a value for a message. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** "container", "init container" or "ephemeral container", for messages. */
export function containerNoun(kind: ContainerKind): string {
  return kind === 'containers' ? 'container' : kind === 'initContainers' ? 'init container' : 'ephemeral container';
}
