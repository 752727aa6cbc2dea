/**
 * Validators for the shared JSON Schemas (`../shared/schemas`). A missing `../shared` fails
 * the test with a clear message: output that cannot be validated must not pass silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
import ajvFormats from 'ajv-formats';
import { sharedPath } from '../support/shared.js';

export const SCHEMAS_DIR = sharedPath('schemas');

const ajv = new Ajv({ strict: false, allErrors: true });
(ajvFormats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
const cache = new Map<string, ValidateFunction>();

/** A validator for `../shared/schemas/<relative>`; throws (failing the test) when the schema is missing. */
export function schemaValidator(relative: string): ValidateFunction {
  const file = path.join(SCHEMAS_DIR, relative);
  let validate = cache.get(file);
  if (validate) return validate;
  if (!existsSync(file)) {
    throw new Error(`schema ${file} is missing: the shared schemas must be checked out at ../shared next to the project (see ../shared/README.md); this test validates against them and cannot pass without them`);
  }
  validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  cache.set(file, validate);
  return validate;
}

/** Validation errors as readable lines ([] when valid). */
export function schemaErrors(relative: string, value: unknown): string[] {
  const validate = schemaValidator(relative);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The Kubernetes 1.30 schema file of a kind: `cronjob-batch-v1.json`, `namespace-v1.json`. */
export function kubernetesSchema(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  const shortGroup = group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
  return `kubernetes-1.30/${kind.toLowerCase()}${shortGroup ? `-${shortGroup}` : ''}-${version}.json`;
}
