/**
 * The one walk over a PodSpec's containers. Every check uses it, so none misses init or
 * ephemeral containers.
 */
import { isJsonObject, joinPointer, type JsonObject } from './types.js';

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_KINDS: readonly ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface ContainerVisit {
  container: JsonObject;
  name: string;
  kind: ContainerKind;
  index: number;
  /** Pointer of the container inside the resource body. */
  pointer: string;
}

/**
 * Calls `visit` for every container, initContainer and ephemeralContainer of `podSpec`, in that
 * order. `specPointer` is the pointer of the PodSpec inside the resource body.
 *
 * @example
 * visitContainers(t.spec, t.pointer + '/spec', (c) => { if (c.container.securityContext) … });
 */
export function visitContainers(podSpec: JsonObject, specPointer: string, visit: (c: ContainerVisit) => void): void {
  for (const c of containersOf(podSpec, specPointer)) visit(c);
}

/**
 * The containers of a PodSpec as an array, oldest kind first (for checks that need `every`/`some`).
 * Pod specs are immutable during a run, so the list is built once per spec and pointer.
 */
export function listContainers(podSpec: JsonObject, specPointer: string): ContainerVisit[] {
  return [...containersOf(podSpec, specPointer)];
}

const containerCache = new WeakMap<JsonObject, Map<string, readonly ContainerVisit[]>>();

function containersOf(podSpec: JsonObject, specPointer: string): readonly ContainerVisit[] {
  let bySpec = containerCache.get(podSpec);
  if (!bySpec) {
    bySpec = new Map();
    containerCache.set(podSpec, bySpec);
  }
  let list = bySpec.get(specPointer);
  if (!list) {
    const built: ContainerVisit[] = [];
    for (const kind of CONTAINER_KINDS) {
      const containers = podSpec[kind];
      if (!Array.isArray(containers)) continue;
      containers.forEach((container, index) => {
        if (!isJsonObject(container)) return;
        const name = typeof container['name'] === 'string' ? container['name'] : `#${index}`;
        built.push(Object.freeze({ container, name, kind, index, pointer: joinPointer(specPointer, kind, index) }));
      });
    }
    list = Object.freeze(built);
    bySpec.set(specPointer, list);
  }
  return list;
}
