/**
 * The recorded cluster is realistic: discovery documents and built-in objects are valid
 * against the Kubernetes 1.30 schemas, so the reader is tested against what a real API server
 * sends.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDiscovery, fixtureObjects } from './harness.js';
import { SCHEMAS_DIR, kubernetesSchema, schemaErrors } from './schemas.js';

describe('recorded cluster fixtures', () => {
  it('discovery documents are valid', () => {
    for (const [url, doc] of Object.entries(fixtureDiscovery())) {
      const kind = (doc as { kind: string }).kind;
      const schema = { APIVersions: 'apiversions-v1.json', APIGroupList: 'apigrouplist-v1.json', APIResourceList: 'apiresourcelist-v1.json' }[kind];
      expect(schema, url).toBeDefined();
      expect(schemaErrors(`kubernetes-1.30/${schema as string}`, doc), url).toEqual([]);
    }
  });

  // A sample of kinds: each strict schema inlines every reference and takes a while to compile.
  const SAMPLED_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'Secret', 'Namespace', 'ClusterRole', 'ValidatingWebhookConfiguration']);

  it('built-in objects are valid (a sample of kinds)', () => {
    let checked = 0;
    for (const object of fixtureObjects()) {
      if (!SAMPLED_KINDS.has(String(object['kind']))) continue;
      const schema = kubernetesSchema(String(object['apiVersion']), String(object['kind']));
      expect(existsSync(path.join(SCHEMAS_DIR, schema)), schema).toBe(true);
      expect(schemaErrors(schema, object), `${String(object['kind'])} ${JSON.stringify(object['metadata'])}`).toEqual([]);
      checked++;
    }
    expect(checked).toBe(14);
  });
});
