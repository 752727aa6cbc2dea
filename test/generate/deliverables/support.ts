/**
 * Test support for the deliverable generators: a GenerateContext from YAML (through the real
 * loader) with seeded randomness, a profile builder, and validators for the shared JSON
 * Schemas in `../shared/schemas`. A missing `../shared` fails the test with a clear message:
 * output that cannot be validated must not pass silently.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
import ajvFormats from 'ajv-formats';
import { controlMatches, parseCatalogue, type Catalogue } from '../../../src/engine/compliance.js';
import { FRAMEWORKS, type Control } from '../../../src/engine/types.js';
import { loadText } from '../../../src/load/index.js';
import { Inventory } from '../../../src/model/inventory.js';
import type { JsonObject, JsonValue } from '../../../src/model/types.js';
import type { Deliverable, GenerateContext, GeneratedFile, Profile } from '../../../src/generate/types.js';
import { sharedPath } from '../../support/shared.js';

const projectRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SCHEMAS_DIR = sharedPath('schemas');
export const KUBERNETES_VERSIONS = ['kubernetes-1.30', 'kubernetes-1.36'] as const;

/** A complete profile; `overrides` replace top-level fields. */
export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    clusterName: 'demo',
    distribution: 'eks',
    kubernetesVersion: '1.30',
    compliance: ['pci-dss', 'cis'],
    posture: 'restricted',
    namespaces: { production: ['payments', 'storefront'], development: [], system: ['kube-system', 'kube-public', 'kube-node-lease'] },
    tenants: [],
    identity: { mappings: [] },
    secretsBackend: 'vault',
    mesh: 'none',
    policyEngine: 'kyverno',
    allowedRegistries: ['ghcr.io/acme', 'registry.example.com'],
    auditRetentionDays: { 'pci-dss': 365 },
    ...overrides,
  };
}

/** Deterministic "random" bytes: SHA-256 of a seed and a counter. */
export function seededRandomBytes(seed = 'rampart-test'): (size: number) => Buffer {
  let counter = 0;
  return (size: number) => {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < size) {
      const chunk = createHash('sha256').update(`${seed}:${counter++}`).digest();
      chunks.push(chunk);
      length += chunk.length;
    }
    return Buffer.concat(chunks).subarray(0, size);
  };
}

/**
 * A GenerateContext over the manifests in `yaml`.
 *
 * @example
 * const context = contextFromYaml(DEMO_YAML, makeProfile({ policyEngine: 'vap' }));
 */
export function contextFromYaml(yaml: string, profile: Profile = makeProfile(), seed?: string): GenerateContext {
  const loaded = loadText(yaml, 'inventory.yaml');
  if (loaded.errors.length > 0) throw new Error(`test inventory does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return { profile, inventory: new Inventory(loaded.resources), randomBytes: seededRandomBytes(seed) };
}

/** A GenerateContext over the demo in `examples/` (every YAML file, in path order). */
export function demoContext(profile: Profile = makeProfile()): GenerateContext {
  const files = ['namespaces/namespaces.yaml', 'storefront/web.yaml', 'storefront/cart.yaml', 'storefront/catalog.yaml', 'payments/gateway.yaml', 'payments/fraud-check.yaml', 'payments/jobs.yaml', 'payments/network.yaml', 'data/postgres.yaml', 'data/redis.yaml', 'monitoring/node-exporter.yaml', 'monitoring/log-shipper.yaml', 'platform/legacy-admin.yaml', 'platform/debug-shell.yaml', 'platform/nightly-report.yaml'];
  const text = files.map((f) => readFileSync(path.join(projectRoot, 'examples', f), 'utf8')).join('\n---\n');
  return contextFromYaml(text, profile);
}

/** Every manifest of a deliverable with the file it is in. */
export function manifestsOf(deliverable: Deliverable): Array<{ file: string; manifest: JsonObject }> {
  return deliverable.files.flatMap((f) => ('manifests' in f ? f.manifests.map((manifest) => ({ file: f.path, manifest })) : []));
}

export function fileOf(deliverable: Deliverable, filePath: string): GeneratedFile {
  const file = deliverable.files.find((f) => f.path === filePath);
  if (!file) throw new Error(`no file ${filePath} in ${deliverable.id}: ${deliverable.files.map((f) => f.path).join(', ')}`);
  return file;
}

export function textOf(deliverable: Deliverable, filePath: string): string {
  const file = fileOf(deliverable, filePath);
  if (!('text' in file)) throw new Error(`${filePath} is a manifest file`);
  return file.text;
}

export function manifestsIn(deliverable: Deliverable, filePath: string): JsonObject[] {
  const file = fileOf(deliverable, filePath);
  if (!('manifests' in file)) throw new Error(`${filePath} is a text file`);
  return file.manifests;
}

const ajv = new Ajv({ strict: false, allErrors: true });
(ajvFormats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
const cache = new Map<string, ValidateFunction>();

function requireSharedSchemas(): void {
  if (!existsSync(SCHEMAS_DIR)) {
    throw new Error(`the shared JSON Schemas are missing at ${SCHEMAS_DIR}: check out ../shared next to the project (see ../shared/README.md); generated manifests are validated against them and these tests cannot pass without them`);
  }
}

/** A validator for `../shared/schemas/<relative>`; throws when the schema file is missing. */
export function schemaValidator(relative: string): ValidateFunction {
  requireSharedSchemas();
  const file = path.join(SCHEMAS_DIR, relative);
  let validate = cache.get(file);
  if (validate) return validate;
  if (!existsSync(file)) throw new Error(`schema ${file} is missing from the shared schemas`);
  validate = ajv.compile(jsRegexCompatible(JSON.parse(readFileSync(file, 'utf8')) as JsonValue) as object);
  cache.set(file, validate);
  return validate;
}

/**
 * CRD schemas carry Go (RE2) patterns; the only RE2 syntax in the shared schemas that
 * JavaScript lacks is a leading `(?i)` flag, which is dropped (the pattern then matches
 * case-sensitively, which is stricter, never looser, for the lower-case values generated).
 */
function jsRegexCompatible(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return schema.map(jsRegexCompatible);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === 'pattern' && typeof value === 'string' ? value.replace(/^\^\(\?i\)/, '^').replace(/^\(\?i\)/, '') : jsRegexCompatible(value)]),
  );
}

/** Compiles a schema object (a Gatekeeper template's parameters schema) with the same Ajv settings. */
export function compileSchema(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Groups whose kinds are built into Kubernetes (schema files under kubernetes-1.N). */
function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * The schema files a manifest must validate against: both Kubernetes versions for built-in
 * kinds, the CRD schema for custom resources; undefined when no schema exists for the kind.
 */
export function schemaFiles(manifest: JsonObject): string[] | undefined {
  const { group, version } = splitApiVersion(String(manifest['apiVersion']));
  const kind = String(manifest['kind']).toLowerCase();
  if (isBuiltInGroup(group)) {
    const short = group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
    return KUBERNETES_VERSIONS.map((v) => `${v}/${kind}${short ? `-${short}` : ''}-${version}.json`);
  }
  requireSharedSchemas();
  const crd = `crds/${group}/${kind}_${version}.json`;
  return existsSync(path.join(SCHEMAS_DIR, crd)) ? [crd] : undefined;
}

/** Validation errors of a manifest against its schemas, as readable lines ([] when valid). */
export function schemaErrors(manifest: JsonObject): string[] {
  const files = schemaFiles(manifest);
  if (!files) throw new Error(`no shared schema for ${String(manifest['apiVersion'])} ${String(manifest['kind'])}`);
  const errors: string[] = [];
  for (const file of files) {
    const validate = schemaValidator(file);
    if (!validate(manifest)) for (const e of validate.errors ?? []) errors.push(`${file} ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
  return errors;
}

/** The compliance catalogues, parsed by the engine's own parser. */
export function catalogues(): Catalogue[] {
  return FRAMEWORKS.map((framework) => {
    const file = path.join(projectRoot, 'data/compliance', `${framework}.yaml`);
    return parseCatalogue(readFileSync(file, 'utf8'), file, framework);
  });
}

/** Whether a control names a control (or an alias) of its framework's catalogue. */
export function inCatalogue(all: readonly Catalogue[], control: Control): boolean {
  return all.some((c) => c.framework === control.framework && c.controls.some((entry) => controlMatches(entry, control.id)));
}

/** Problems with a deliverable's shape: README sections, controls from the catalogues, phase, risks. */
export function deliverableProblems(deliverable: Deliverable): string[] {
  const problems: string[] = [];
  for (const key of ['what', 'why', 'apply', 'verify', 'rollback'] as const) if (deliverable.readme[key].trim().length < 20) problems.push(`readme.${key} is empty or too short`);
  const all = catalogues();
  if (deliverable.controls.length === 0) problems.push('no controls');
  for (const c of deliverable.controls) if (!inCatalogue(all, c)) problems.push(`control ${c.framework} ${c.id} is not in data/compliance/${c.framework}.yaml`);
  if (!Number.isInteger(deliverable.phase) || deliverable.phase < 1) problems.push(`phase ${deliverable.phase} is not a positive integer`);
  if (deliverable.risks.length === 0) problems.push('no risks');
  const paths = deliverable.files.map((f) => f.path);
  if (new Set(paths).size !== paths.length) problems.push('duplicate file paths');
  for (const p of paths) if (p.startsWith('/') || p.split('/').includes('..')) problems.push(`file path ${p} leaves the deliverable folder`);
  return problems;
}
