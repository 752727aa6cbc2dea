/**
 * Custom resources that embed pod templates, found from their CustomResourceDefinitions. The
 * test mirrors what `podTemplates` looks for in an object (`src/model/pod-templates.ts`): an
 * object somewhere under `spec` whose own `spec` has a `containers` array. Reading it from the
 * schema means the reader lists such types without knowing them in advance (Argo Rollouts,
 * Knative Services, in-house operators).
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../model/types.js';
import { compareText, type ApiResourceType } from './types.js';

/** Depth searched in a schema, as `MAX_CUSTOM_DEPTH` in the pod-template finder (plus the array levels). */
const MAX_SCHEMA_DEPTH = 16;

/**
 * The custom resource types whose served schema can hold a pod template.
 *
 * @example
 * podTemplateTypes(crdObjects); // [{ group: 'argoproj.io', version: 'v1alpha1', resource: 'rollouts', kind: 'Rollout', namespaced: true }]
 */
export function podTemplateTypes(crds: readonly JsonObject[]): ApiResourceType[] {
  const out: ApiResourceType[] = [];
  for (const crd of crds) {
    const type = crdType(crd);
    if (type) out.push(type);
  }
  return out.sort((a, b) => compareText(`${a.group}/${a.resource}`, `${b.group}/${b.resource}`));
}

function crdType(crd: JsonObject): ApiResourceType | undefined {
  const spec = crd['spec'];
  if (!isJsonObject(spec)) return undefined;
  const group = spec['group'];
  const names = spec['names'];
  if (typeof group !== 'string' || !isJsonObject(names)) return undefined;
  const resource = names['plural'];
  const kind = names['kind'];
  if (typeof resource !== 'string' || typeof kind !== 'string') return undefined;
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isJsonObject) : [];
  const served = versions.filter((v) => v['served'] === true && typeof v['name'] === 'string');
  // The storage version is the one every object exists in; otherwise the first served one.
  const chosen = served.find((v) => v['storage'] === true) ?? served[0];
  if (!chosen) return undefined;
  const schema = isJsonObject(chosen['schema']) ? chosen['schema']['openAPIV3Schema'] : isJsonObject(spec['validation']) ? spec['validation']['openAPIV3Schema'] : undefined;
  const specSchema = isJsonObject(schema) && isJsonObject(schema['properties']) ? schema['properties']['spec'] : undefined;
  if (!hasPodTemplate(specSchema, 0)) return undefined;
  return { group, version: chosen['name'] as string, resource, kind, namespaced: spec['scope'] !== 'Cluster' };
}

/** Whether an object schema, or one below it, has a property whose `spec` has a `containers` array. */
function hasPodTemplate(schema: JsonValue | undefined, depth: number): boolean {
  if (!isJsonObject(schema) || depth > MAX_SCHEMA_DEPTH) return false;
  if (isJsonObject(schema['items'])) return hasPodTemplate(schema['items'], depth + 1);
  const properties = schema['properties'];
  if (!isJsonObject(properties)) return false;
  for (const [name, child] of Object.entries(properties)) {
    if (name === 'metadata' || name === 'status' || !isJsonObject(child)) continue;
    if (isPodSpecSchema(propertyOf(child, 'spec'))) return true;
    if (hasPodTemplate(child, depth + 1)) return true;
  }
  return false;
}

function propertyOf(schema: JsonObject, name: string): JsonValue | undefined {
  return isJsonObject(schema['properties']) ? schema['properties'][name] : undefined;
}

function isPodSpecSchema(schema: JsonValue | undefined): boolean {
  if (!isJsonObject(schema)) return false;
  const containers = propertyOf(schema, 'containers');
  return isJsonObject(containers) && containers['type'] === 'array';
}
