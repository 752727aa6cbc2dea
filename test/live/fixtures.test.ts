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

  it('built-in objects are valid', () => {
    let checked = 0;
    for (const object of fixtureObjects()) {
      const schema = kubernetesSchema(String(object['apiVersion']), String(object['kind']));
      if (!existsSync(path.join(SCHEMAS_DIR, schema))) continue; // custom resources
      expect(schemaErrors(schema, object), `${String(object['kind'])} ${JSON.stringify(object['metadata'])}`).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
