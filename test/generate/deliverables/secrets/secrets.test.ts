import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CHECK_REGISTRY } from '../../../../src/checks/index.js';
import { evaluateInventory } from '../../../../src/engine/runner.js';
import { applyPatch } from '../../../../src/fix/json-patch.js';
import type { PatchOp } from '../../../../src/fix/types.js';
import { loadText } from '../../../../src/load/index.js';
import { Inventory } from '../../../../src/model/inventory.js';
import type { JsonObject } from '../../../../src/model/types.js';
import { generateSecrets } from '../../../../src/generate/deliverables/secrets/index.js';
import { SECRETS_BACKENDS, type Deliverable, type Profile } from '../../../../src/generate/types.js';
import { compileSchema, contextFromYaml, deliverableProblems, demoContext, makeProfile, manifestsIn, manifestsOf, schemaErrors, schemaFiles, textOf } from '../support.js';

const INVENTORY = `
apiVersion: v1
kind: Secret
metadata: { name: cart-db, namespace: shop }
type: Opaque
data: { password: aHVudGVyMi1zdXBlcnNlY3JldA== }
stringData: { username: very-secret-username }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: cart, namespace: shop }
spec:
  selector: { matchLabels: { app: cart } }
  template:
    metadata: { labels: { app: cart } }
    spec:
      securityContext: { fsGroup: 1000 }
      containers:
        - name: cart
          image: ghcr.io/acme/cart:1.0
          env:
            - { name: LOG_LEVEL, value: info }
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: cart-db, key: password } }
            - name: DB_USER
              valueFrom: { secretKeyRef: { name: cart-db, key: username } }
          envFrom:
            - configMapRef: { name: cart-config }
            - secretRef: { name: cart-api-keys }
          volumeMounts:
            - { name: tls, mountPath: /tls, readOnly: true }
      volumes:
        - name: tls
          secret: { secretName: cart-tls }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: billing }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers:
            - name: fetch
              image: ghcr.io/acme/fetch:1.0
              env:
                - name: TOKEN
                  valueFrom: { secretKeyRef: { name: billing-token, key: token } }
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0
          volumes:
            - name: creds
              projected:
                sources:
                  - secret: { name: billing-creds, items: [{ key: ca.crt, path: ca.crt }] }
---
apiVersion: v1
kind: Secret
metadata: { name: builder-token, namespace: billing, annotations: { kubernetes.io/service-account.name: builder } }
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: Pod
metadata: { name: uses-sa-token, namespace: billing }
spec:
  containers:
    - name: c
      image: ghcr.io/acme/c:1
      volumeMounts: [{ name: t, mountPath: /t }]
  volumes:
    - name: t
      secret: { secretName: builder-token }
`;

function generate(overrides: Partial<Profile> = {}): Deliverable {
  return generateSecrets(contextFromYaml(INVENTORY, makeProfile(overrides)));
}

/**
 * The shared schemas have no External Secrets Operator CRD, so ExternalSecret and SecretStore
 * are validated against this strict schema of the external-secrets.io/v1 fields Rampart
 * generates (mirroring the typed builders in src/generate/deliverables/secrets/eso.ts).
 */
const strictObject = (properties: Record<string, object>, required: string[] = Object.keys(properties)): object => ({ type: 'object', properties, required, additionalProperties: false });
const str = { type: 'string', minLength: 1 };
const saRef = strictObject({ name: str });
const metadata = { type: 'object', required: ['name', 'namespace'], properties: { name: str, namespace: str } };
const ESO_SCHEMAS: Record<string, object> = {
  SecretStore: strictObject({
    apiVersion: { const: 'external-secrets.io/v1' },
    kind: { const: 'SecretStore' },
    metadata,
    spec: strictObject({
      provider: {
        oneOf: [
          strictObject({ vault: strictObject({ server: { type: 'string', pattern: '^https://' }, path: str, version: { enum: ['v1', 'v2'] }, auth: strictObject({ kubernetes: strictObject({ mountPath: str, role: str, serviceAccountRef: saRef }) }) }) }),
          strictObject({ aws: strictObject({ service: { enum: ['SecretsManager', 'ParameterStore'] }, region: str, auth: strictObject({ jwt: strictObject({ serviceAccountRef: saRef }) }) }) }),
          strictObject({ gcpsm: strictObject({ projectID: str, auth: strictObject({ workloadIdentity: strictObject({ clusterLocation: str, clusterName: str, serviceAccountRef: saRef }) }) }) }),
          strictObject({ azurekv: strictObject({ vaultUrl: { type: 'string', pattern: '^https://' }, authType: { const: 'WorkloadIdentity' }, serviceAccountRef: saRef }) }),
        ],
      },
    }),
  }),
  ExternalSecret: strictObject({
    apiVersion: { const: 'external-secrets.io/v1' },
    kind: { const: 'ExternalSecret' },
    metadata,
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['refreshInterval', 'secretStoreRef', 'target'],
      oneOf: [{ required: ['data'] }, { required: ['dataFrom'] }],
      properties: {
        refreshInterval: { type: 'string', pattern: '^([0-9]+(s|m|h))+$' },
        secretStoreRef: strictObject({ kind: { enum: ['SecretStore', 'ClusterSecretStore'] }, name: str }),
        target: strictObject({ name: str, creationPolicy: { enum: ['Owner', 'Orphan', 'Merge', 'None'] }, deletionPolicy: { enum: ['Delete', 'Merge', 'Retain'] } }),
        data: { type: 'array', minItems: 1, items: strictObject({ secretKey: str, remoteRef: strictObject({ key: str, property: str }) }) },
        dataFrom: { type: 'array', minItems: 1, items: strictObject({ extract: strictObject({ key: str }) }) },
      },
    },
  }),
};
const esoValidators = Object.fromEntries(Object.entries(ESO_SCHEMAS).map(([kind, schema]) => [kind, compileSchema(schema)]));

function validate(manifest: JsonObject): string[] {
  if (String(manifest['apiVersion']).startsWith('external-secrets.io/')) {
    const validator = esoValidators[String(manifest['kind'])];
    if (!validator) return [`no schema for ${String(manifest['kind'])}`];
    return validator(manifest) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  }
  expect(schemaFiles(manifest)).toBeDefined();
  return schemaErrors(manifest);
}

describe('secrets deliverable', () => {
  for (const backend of SECRETS_BACKENDS) {
    describe(backend, () => {
      const deliverable = generate({ secretsBackend: backend });

      it('has a README, controls from the catalogues, a phase and risks', () => {
        expect(deliverableProblems(deliverable)).toEqual([]);
      });

      it('every manifest validates (Kubernetes kinds: shared schemas; ESO kinds: the strict schema above)', () => {
        for (const { file, manifest } of manifestsOf(deliverable)) expect(validate(manifest), `${file} ${String(manifest['kind'])}`).toEqual([]);
      });

      it('authenticates with workload identity: a ServiceAccount without a token, no static credentials', () => {
        const [account, store] = manifestsIn(deliverable, 'stores/shop.yaml') as [JsonObject, JsonObject];
        expect(account['kind']).toBe('ServiceAccount');
        expect(account['automountServiceAccountToken']).toBe(false);
        const text = JSON.stringify(store);
        expect(text).toContain('"serviceAccountRef":{"name":"external-secrets"}');
        expect(text).not.toMatch(/secretRef|accessKeyID|clientSecret|"token"/);
      });

      it('is deterministic', () => {
        expect(generate({ secretsBackend: backend })).toEqual(deliverable);
      });
    });
  }

  it('one ExternalSecret per referenced Secret, with the keys used, and rotation set', () => {
    const deliverable = generate({ secretsBackend: 'vault' });
    const shop = manifestsIn(deliverable, 'external-secrets/shop.yaml');
    const billing = manifestsIn(deliverable, 'external-secrets/billing.yaml');
    const summary = (m: JsonObject) => {
      const spec = m['spec'] as JsonObject;
      return { name: (m['metadata'] as JsonObject)['name'], refresh: spec['refreshInterval'], data: spec['data'] ?? null, dataFrom: spec['dataFrom'] ?? null };
    };
    expect(shop.map(summary)).toEqual([
      { name: 'cart-api-keys', refresh: '1h', data: null, dataFrom: [{ extract: { key: 'demo/shop/cart-api-keys' } }] },
      {
        name: 'cart-db',
        refresh: '1h',
        data: [
          { secretKey: 'password', remoteRef: { key: 'demo/shop/cart-db', property: 'password' } },
          { secretKey: 'username', remoteRef: { key: 'demo/shop/cart-db', property: 'username' } },
        ],
        dataFrom: null,
      },
      { name: 'cart-tls', refresh: '1h', data: null, dataFrom: [{ extract: { key: 'demo/shop/cart-tls' } }] },
    ]);
    // The projected source names its key; the service-account token Secret is the API server's.
    expect(billing.map((m) => (m['metadata'] as JsonObject)['name'])).toEqual(['billing-creds', 'billing-token']);
    expect(((billing[0] as JsonObject)['spec'] as JsonObject)['data']).toEqual([{ secretKey: 'ca.crt', remoteRef: { key: 'demo/billing/billing-creds', property: 'ca.crt' } }]);
  });

  it('backend access scripts are valid POSIX shell and scope each identity to its namespace', () => {
    for (const backend of SECRETS_BACKENDS) {
      const deliverable = generate({ secretsBackend: backend });
      const script = textOf(deliverable, `backend/${backend}.sh`);
      expect(() => execFileSync('sh', ['-n'], { input: script, stdio: 'pipe' }), backend).not.toThrow();
      for (const ns of ['billing', 'shop']) expect(script, `${backend} ${ns}`).toContain(ns);
      expect(deliverable.readme.apply).toContain(`sh backend/${backend}.sh`);
    }
    expect(textOf(generate({ secretsBackend: 'vault' }), 'backend/vault.sh')).toContain('path "secret/data/demo/shop/*" { capabilities = ["read"] }');
  });

  it('GCP and Azure remote names contain no slash', () => {
    for (const backend of ['gcp', 'azure'] as const) {
      const keys = JSON.stringify(manifestsIn(generate({ secretsBackend: backend }), 'external-secrets/shop.yaml'));
      expect(keys).toContain('"key":"demo-shop-cart-db"');
    }
  });

  it('never copies a Secret value into any file', () => {
    for (const backend of SECRETS_BACKENDS) {
      const all = generate({ secretsBackend: backend }).files.map((f) => ('text' in f ? f.text : stringify(f.manifests))).join('\n');
      expect(all).not.toContain('aHVudGVyMi1zdXBlcnNlY3JldA==');
      expect(all).not.toContain('hunter2');
      expect(all).not.toContain('very-secret-username');
    }
  });

  it('patches move env secrets to files: they apply, validate, and clear secrets.secret-in-env', () => {
    const deliverable = generate();
    const paths = deliverable.files.map((f) => f.path).filter((p) => p.startsWith('patches/'));
    expect(paths).toEqual(['patches/billing/cronjob-report.json', 'patches/shop/deployment-cart.json']);
    const loaded = loadText(INVENTORY, 'inventory.yaml').resources;
    const patched = loaded.map((resource) => {
      const file = `patches/${resource.namespace}/${resource.kind.toLowerCase()}-${resource.name}.json`;
      if (!paths.includes(file)) return resource.body;
      const ops = JSON.parse(textOf(deliverable, file)) as PatchOp[];
      expect(ops.every((op) => op.op === 'add' || op.op === 'replace')).toBe(true);
      const body = applyPatch(resource.body, ops);
      expect(schemaErrors(body), file).toEqual([]);
      return body;
    });
    const inventory = new Inventory(loadText(patched.map((b) => stringify(b)).join('---\n'), 'patched.yaml').resources);
    const check = CHECK_REGISTRY['secrets.secret-in-env'];
    expect(check).toBeDefined();
    const before = evaluateInventory(new Inventory(loaded), [check!], { settings: { pssLevel: 'restricted', pssVersion: '1.30' }, checkOptions: {} });
    expect(before.findings.length).toBe(4);
    const after = evaluateInventory(inventory, [check!], { settings: { pssLevel: 'restricted', pssVersion: '1.30' }, checkOptions: {} });
    expect(after.findings).toEqual([]);

    const cart = patched.find((b) => (b['metadata'] as JsonObject)['name'] === 'cart') as JsonObject;
    const podSpec = ((cart['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject;
    const container = (podSpec['containers'] as JsonObject[])[0] as JsonObject;
    expect(container['env']).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/rampart/cart-db/password' },
      { name: 'DB_USER_FILE', value: '/var/run/secrets/rampart/cart-db/username' },
    ]);
    expect(container['envFrom']).toEqual([{ configMapRef: { name: 'cart-config' } }]);
    expect(container['volumeMounts']).toEqual([
      { name: 'tls', mountPath: '/tls', readOnly: true },
      { name: 'secret-cart-api-keys', mountPath: '/var/run/secrets/rampart/cart-api-keys', readOnly: true },
      { name: 'secret-cart-db', mountPath: '/var/run/secrets/rampart/cart-db', readOnly: true },
    ]);
    // fsGroup is set, so the files are group-readable only.
    expect((podSpec['volumes'] as JsonObject[]).slice(1)).toEqual([
      { name: 'secret-cart-api-keys', secret: { secretName: 'cart-api-keys', defaultMode: 0o440 } },
      { name: 'secret-cart-db', secret: { secretName: 'cart-db', defaultMode: 0o440 } },
    ]);
  });

  it('works on the demo inventory', () => {
    const deliverable = generateSecrets(demoContext());
    expect(deliverableProblems(deliverable)).toEqual([]);
    for (const { file, manifest } of manifestsOf(deliverable)) expect(validate(manifest), file).toEqual([]);
    expect(textOf(deliverable, 'secrets.md')).toContain('# Secrets in the inventory');
  });

  it('an inventory without Secret references yields only the summary and says so', () => {
    const deliverable = generateSecrets(contextFromYaml('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: x:1 }] }\n'));
    expect(deliverable.files.map((f) => f.path)).toEqual(['secrets.md']);
    expect(deliverable.risks.join(' ')).toContain('references no Secret');
  });
});
