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
  for (const kind of CONTAINER_KINDS) {
    const list = podSpec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (!isJsonObject(container)) return;
      const name = typeof container['name'] === 'string' ? container['name'] : `#${index}`;
      visit({ container, name, kind, index, pointer: joinPointer(specPointer, kind, index) });
    });
  }
}

/** Collects the containers of a PodSpec into an array (for checks that need `every`/`some`). */
export function listContainers(podSpec: JsonObject, specPointer: string): ContainerVisit[] {
  const out: ContainerVisit[] = [];
  visitContainers(podSpec, specPointer, (c) => out.push(c));
  return out;
}
