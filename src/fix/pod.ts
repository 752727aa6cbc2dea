/**
 * What the pod fixes share: finding the pod template and the container a finding points into,
 * read from the body as earlier fixes left it.
 */
import { podTemplates, type PodTemplate } from '../model/pod-templates.js';
import { isJsonObject, type JsonObject, type JsonValue, type Resource } from '../model/types.js';
import { listContainers, type ContainerVisit } from '../model/visit.js';

export interface TemplateTarget {
  template: PodTemplate;
  /** Pointer of the PodSpec inside the resource body. */
  specPointer: string;
}

export interface ContainerTarget extends TemplateTarget {
  container: ContainerVisit;
}

function isUnder(path: string, pointer: string): boolean {
  return path === pointer || path.startsWith(pointer + '/');
}

/** The pod template (of `body`, the current state of `resource`) that holds `path`. */
export function templateAt(resource: Resource, body: JsonObject, path: string): TemplateTarget | undefined {
  const current: Resource = { ...resource, body };
  let best: TemplateTarget | undefined;
  for (const template of podTemplates(current)) {
    const specPointer = template.pointer + '/spec';
    if (isUnder(path, specPointer) && (best === undefined || specPointer.length > best.specPointer.length)) best = { template, specPointer };
  }
  return best;
}

/** The container (init and ephemeral containers included) that holds `path`. */
export function containerAt(resource: Resource, body: JsonObject, path: string): ContainerTarget | undefined {
  const target = templateAt(resource, body, path);
  if (!target) return undefined;
  const container = listContainers(target.template.spec, target.specPointer).find((c) => isUnder(path, c.pointer));
  return container ? { ...target, container } : undefined;
}

/** The value at `keys` below `node`; undefined when a step is missing or null. */
export function read(node: JsonValue | undefined, ...keys: string[]): JsonValue | undefined {
  let current = node;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    const child: JsonValue | undefined = current[key];
    if (child === undefined || child === null) return undefined;
    current = child;
  }
  return current;
}

/** `spec.os.name: windows`: Linux securityContext fields are rejected on such pods. */
export function isWindowsPod(spec: JsonObject): boolean {
  return read(spec, 'os', 'name') === 'windows';
}

export const WINDOWS_REASON = 'the pod runs on Windows (spec.os.name: windows), where the API server rejects this Linux securityContext field';
