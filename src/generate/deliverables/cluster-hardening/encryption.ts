/**
 * EncryptionConfiguration (apiserver.config.k8s.io/v1) for Secrets at rest.
 *
 * - Cloud distributions: KMS v2 — the data keys are wrapped by the provider's key service, so no
 *   key material is generated here.
 * - kubeadm and k3s: secretbox (XSalsa20-Poly1305) with a 32-byte key from the context's
 *   random source, never a fixed key. `identity` stays last so Secrets written before the change
 *   can still be read until they are rewritten.
 */
import type { Distribution } from '../../types.js';

export interface EncryptionKey {
  name: string;
  /** Base64 of 32 random bytes. */
  secret: string;
}

export type EncryptionProvider =
  | { secretbox: { keys: EncryptionKey[] } }
  | { aescbc: { keys: EncryptionKey[] } }
  | { kms: { apiVersion: 'v2'; name: string; endpoint: string; timeout: string } }
  | { identity: Record<string, never> };

export interface EncryptionConfiguration {
  apiVersion: 'apiserver.config.k8s.io/v1';
  kind: 'EncryptionConfiguration';
  resources: Array<{ resources: string[]; providers: EncryptionProvider[] }>;
}

/** Bytes of a secretbox or aescbc key. */
export const ENCRYPTION_KEY_BYTES = 32;

/**
 * @example
 * isCloud('eks'); // true
 */
export function isCloud(distribution: Distribution): boolean {
  return distribution === 'eks' || distribution === 'gke' || distribution === 'aks';
}

/**
 * The encryption configuration for a distribution.
 *
 * @example
 * encryptionConfiguration('kubeadm', crypto.randomBytes);
 */
export function encryptionConfiguration(distribution: Distribution, randomBytes: (size: number) => Buffer): EncryptionConfiguration {
  const providers: EncryptionProvider[] = isCloud(distribution)
    ? [{ kms: { apiVersion: 'v2', name: `${distribution}-kms`, endpoint: 'unix:///var/run/kmsplugin/socket.sock', timeout: '3s' } }]
    : [{ secretbox: { keys: [{ name: 'key1', secret: randomBytes(ENCRYPTION_KEY_BYTES).toString('base64') }] } }];
  return {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [{ resources: ['secrets'], providers: [...providers, { identity: {} }] }],
  };
}

/**
 * Structural validation of a parsed EncryptionConfiguration (no published JSON Schema): provider
 * shapes, key lengths, and identity only as the last provider.
 *
 * @example
 * validateEncryptionConfiguration(parse(text)); // []
 */
export function validateEncryptionConfiguration(value: unknown): string[] {
  const problems: string[] = [];
  const v = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return ['not an object'];
  if (v['apiVersion'] !== 'apiserver.config.k8s.io/v1') problems.push('apiVersion must be apiserver.config.k8s.io/v1');
  if (v['kind'] !== 'EncryptionConfiguration') problems.push('kind must be EncryptionConfiguration');
  const resources = v['resources'];
  if (!Array.isArray(resources) || resources.length === 0) return [...problems, 'resources must be a non-empty list'];
  resources.forEach((entry: unknown, i) => {
    const e = entry as Record<string, unknown>;
    if (!Array.isArray(e['resources']) || !e['resources'].every((r) => typeof r === 'string')) problems.push(`resources[${i}].resources must list resource names`);
    const providers = e['providers'];
    if (!Array.isArray(providers) || providers.length === 0) {
      problems.push(`resources[${i}].providers must be a non-empty list`);
      return;
    }
    providers.forEach((p: unknown, j) => {
      const keys = Object.keys(p as object);
      if (keys.length !== 1) problems.push(`resources[${i}].providers[${j}] must name exactly one provider`);
      const [name] = keys;
      const body = (p as Record<string, Record<string, unknown>>)[name ?? ''];
      if (name === 'identity') {
        if (j !== providers.length - 1) problems.push(`resources[${i}].providers[${j}]: identity must come last (it would write Secrets in plain text)`);
      } else if (name === 'secretbox' || name === 'aescbc' || name === 'aesgcm') {
        const list = body?.['keys'];
        if (!Array.isArray(list) || list.length === 0) problems.push(`resources[${i}].providers[${j}].${name}.keys must be a non-empty list`);
        else
          list.forEach((k: unknown, n) => {
            const key = k as Record<string, unknown>;
            if (typeof key['name'] !== 'string' || typeof key['secret'] !== 'string') problems.push(`resources[${i}].providers[${j}].${name}.keys[${n}] needs name and secret`);
            else if (Buffer.from(key['secret'], 'base64').length !== ENCRYPTION_KEY_BYTES) problems.push(`resources[${i}].providers[${j}].${name}.keys[${n}].secret must be ${ENCRYPTION_KEY_BYTES} bytes, base64`);
          });
      } else if (name === 'kms') {
        if (body?.['apiVersion'] !== 'v2') problems.push(`resources[${i}].providers[${j}].kms.apiVersion must be v2`);
        if (typeof body?.['name'] !== 'string' || typeof body?.['endpoint'] !== 'string') problems.push(`resources[${i}].providers[${j}].kms needs name and endpoint`);
      } else {
        problems.push(`resources[${i}].providers[${j}]: unknown provider ${String(name)}`);
      }
    });
  });
  return problems;
}
