/**
 * Builds Resources for netpol tests: from fields, or from YAML text (one Resource per document).
 */
import { loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';
import { isJsonObject, type JsonObject, type Resource } from '../../src/model/types.js';

export interface ResourceFields {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  body?: JsonObject;
}

export function makeResource(fields: ResourceFields): Resource {
  const metadata: JsonObject = { name: fields.name };
  if (fields.namespace !== undefined) metadata['namespace'] = fields.namespace;
  if (fields.labels) metadata['labels'] = fields.labels;
  if (fields.annotations) metadata['annotations'] = fields.annotations;
  return {
    apiVersion: fields.apiVersion,
    kind: fields.kind,
    name: fields.name,
    namespace: fields.namespace,
    labels: fields.labels ?? {},
    annotations: fields.annotations ?? {},
    body: { apiVersion: fields.apiVersion, kind: fields.kind, ...fields.body, metadata: { ...metadata, ...(isJsonObject(fields.body?.['metadata']) ? fields.body['metadata'] : {}) } },
    source: { file: 'test.yaml', documentIndex: 0, line: 1, pointerPrefix: '' },
  };
}

/** One Resource per YAML document, through the real loader. */
export function resourcesFromYaml(text: string, file = 'test.yaml'): Resource[] {
  const loaded = loadText(text, file);
  if (loaded.errors.length > 0) throw new Error(`test YAML did not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.resources;
}

/** Documents given as objects (JSON is YAML), loaded through the real loader. */
export function resourcesFromObjects(docs: readonly object[]): Resource[] {
  return resourcesFromYaml(docs.map((d) => JSON.stringify(d, null, 1)).join('\n---\n'));
}

export function inventoryFromYaml(text: string): Inventory {
  return new Inventory(resourcesFromYaml(text));
}

/** A Deployment with pod labels and container ports, YAML-free. */
export function deployment(namespace: string, name: string, labels: Record<string, string>, ports: Array<{ name?: string; containerPort: number; protocol?: string }> = []): Resource {
  return makeResource({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name,
    namespace,
    body: {
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1', ports }] } },
      },
    },
  });
}
