/**
 * Finds the pod specs that a resource carries: a Pod's own spec, the template of every built-in
 * workload kind, and templates embedded in custom resources (Argo Rollouts, Knative Services,
 * anything with a `jobTemplate`). Each comes with the JSON Pointer of its template so that a
 * finding points at the right line.
 */
import { isJsonObject, joinPointer, type JsonObject, type Resource } from './types.js';

export interface PodTemplate {
  /** Pointer (inside the resource body) of the object holding `metadata` and `spec`: "" for a Pod. */
  pointer: string;
  /** Pod (or template) metadata; an empty object when absent. */
  metadata: JsonObject;
  /** The PodSpec. */
  spec: JsonObject;
  /** True for the nine kinds that Pod Security Admission itself evaluates. */
  builtIn: boolean;
}

/** Where the built-in kinds keep their pod template, as pointer segments. */
const BUILT_IN_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  ReplicationController: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const BUILT_IN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['v1'],
  PodTemplate: ['v1'],
  ReplicationController: ['v1'],
  ReplicaSet: ['apps/', 'extensions/'],
  Deployment: ['apps/', 'extensions/'],
  StatefulSet: ['apps/'],
  DaemonSet: ['apps/', 'extensions/'],
  Job: ['batch/'],
  CronJob: ['batch/'],
};

export function isBuiltInWorkload(resource: Pick<Resource, 'apiVersion' | 'kind'>): boolean {
  const groups = BUILT_IN_GROUPS[resource.kind];
  if (!groups) return false;
  return groups.some((g) => (g.endsWith('/') ? resource.apiVersion.startsWith(g) : resource.apiVersion === g));
}

function isBuiltInGroup(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function emptyObject(): JsonObject {
  return {};
}

function templateAt(body: JsonObject, segments: readonly string[]): JsonObject | undefined {
  let node: unknown = body;
  for (const s of segments) {
    if (!isJsonObject(node)) return undefined;
    node = node[s];
  }
  return isJsonObject(node) ? node : undefined;
}

/** Maximum depth searched for templates inside custom resources. */
const MAX_CUSTOM_DEPTH = 8;

function looksLikePodSpec(value: unknown): value is JsonObject {
  return isJsonObject(value) && Array.isArray(value['containers']);
}

/**
 * Custom resources: any object under `spec` whose `spec` is a PodSpec (has a `containers`
 * array) is a pod template. Nested templates are not searched below a match.
 */
function findCustomTemplates(node: JsonObject, pointer: string, depth: number, out: PodTemplate[]): void {
  if (depth > MAX_CUSTOM_DEPTH) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'metadata' || key === 'status') continue;
    const childPointer = joinPointer(pointer, key);
    if (isJsonObject(value)) {
      if (looksLikePodSpec(value['spec'])) {
        out.push({
          pointer: childPointer,
          metadata: isJsonObject(value['metadata']) ? value['metadata'] : emptyObject(),
          spec: value['spec'],
          builtIn: false,
        });
        continue;
      }
      findCustomTemplates(value, childPointer, depth + 1, out);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isJsonObject(item)) findCustomTemplates(item, joinPointer(childPointer, index), depth + 1, out);
      });
    }
  }
}

/**
 * Every pod template of a resource. Built-in workload kinds yield at most one; custom resources
 * may yield several; everything else yields none.
 *
 * @example
 * for (const t of podTemplates(deployment)) visitContainers(t.spec, t.pointer + '/spec', visit);
 */
export function podTemplates(resource: Resource): readonly PodTemplate[] {
  // The runner evaluates every check of one resource in a row, so the previous answer is usually
  // the one wanted; an identity test is cheaper than the weak-map lookup.
  if (resource === last.resource) return last.templates;
  // Many checks ask for the same resource's templates; resources are immutable, so cache by identity.
  let cached = templateCache.get(resource);
  if (!cached) {
    cached = findPodTemplates(resource);
    templateCache.set(resource, cached);
  }
  last.resource = resource;
  last.templates = cached;
  return cached;
}

const templateCache = new WeakMap<Resource, readonly PodTemplate[]>();
const last: { resource: Resource | undefined; templates: readonly PodTemplate[] } = { resource: undefined, templates: [] };

function findPodTemplates(resource: Resource): PodTemplate[] {
  const body = resource.body;
  if (isBuiltInWorkload(resource)) {
    const segments = BUILT_IN_TEMPLATE_PATHS[resource.kind] ?? [];
    const template = segments.length === 0 ? body : templateAt(body, segments);
    if (!template || !isJsonObject(template['spec'])) return [];
    return [
      {
        pointer: joinPointer('', ...segments),
        metadata: isJsonObject(template['metadata']) ? template['metadata'] : emptyObject(),
        spec: template['spec'],
        builtIn: true,
      },
    ];
  }
  // Built-in API groups (core, apps, batch… and every *.k8s.io group) define no other pod templates;
  // only custom resources are searched.
  if (isBuiltInGroup(resource.apiVersion)) return [];
  const spec = body['spec'];
  if (!isJsonObject(spec)) return [];
  const out: PodTemplate[] = [];
  findCustomTemplates(spec, '/spec', 0, out);
  return out;
}
