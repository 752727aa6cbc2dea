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
  const list = containersOf(podSpec, specPointer);
  // Indexed rather than for…of: every check calls this, often before the JIT optimises it, and
  // unoptimised for…of allocates an iterator result per element.
  for (let i = 0; i < list.length; i++) visit(list[i] as ContainerVisit);
}

/**
 * The containers of a PodSpec as an array, oldest kind first (for checks that need `every`/`some`).
 * Pod specs are immutable during a run, so the list is built once per spec and pointer.
 */
export function listContainers(podSpec: JsonObject, specPointer: string): ContainerVisit[] {
  return [...containersOf(podSpec, specPointer)];
}

/**
 * Per spec, the list for the pointer it was first asked with (in practice the only one: a spec
 * sits at one place in its resource), then any others. The first entry is matched by string
 * equality, which needs no hash of the freshly built pointer string that callers pass.
 */
interface SpecContainers {
  readonly pointer: string;
  readonly list: readonly ContainerVisit[];
  others?: Map<string, readonly ContainerVisit[]>;
}

const containerCache = new WeakMap<JsonObject, SpecContainers>();

function containersOf(podSpec: JsonObject, specPointer: string): readonly ContainerVisit[] {
  const cached = containerCache.get(podSpec);
  if (cached && cached.pointer === specPointer) return cached.list;
  let list = cached?.others?.get(specPointer);
  if (!list) {
    list = buildContainers(podSpec, specPointer);
    if (!cached) containerCache.set(podSpec, { pointer: specPointer, list });
    else (cached.others ??= new Map()).set(specPointer, list);
  }
  return list;
}

function buildContainers(podSpec: JsonObject, specPointer: string): readonly ContainerVisit[] {
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
  return Object.freeze(built);
}
