/**
 * Secret manifests carrying data: a Secret in a file (not read from a live cluster) whose `data`
 * or `stringData` holds a non-empty value that is not a placeholder. Base64 is an encoding, not
 * protection: whoever can read the repository holds the credential. Allowed: Secrets without
 * values (filled in by a controller), placeholder or reference values, and SOPS-encrypted
 * values (`ENC[…]`); encrypted kinds such as SealedSecret are not Secrets and never match.
 * One finding per key; the value is never shown.
 */
import { defineCheck } from '../../engine/types.js';
import { joinPointer } from '../../model/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { objectAt, stringAt } from '../workload/helpers.js';
import { isPlaceholder, isReference, maskValue } from './detect.js';

/** Public material that Secrets of type kubernetes.io/tls and CA bundles carry next to the key. */
const PUBLIC_PEM = /^(?:\s*-----BEGIN (?:CERTIFICATE|PUBLIC KEY|X509 CRL|TRUSTED CERTIFICATE)-----[^]*?-----END [A-Z0-9 ]+-----\s*)+$/;

/** Values encrypted in place by SOPS (`ENC[AES256_GCM,data:…]`). */
const SOPS_ENCRYPTED = /^ENC\[[A-Z0-9_]+,data:/;

function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

export default defineCheck<'data' | 'stringData'>({
  id: 'secrets.secret-data-in-manifest',
  title: 'Secret manifest with values',
  domain: 'secrets',
  // critical: a Secret manifest in a repository gives the credential (base64 is not encryption) to everyone with read access — exposure with no further step.
  severity: 'critical',
  scope: 'resource',
  match: ['Secret'],
  controls: [cis('5.4.2'), NSA.secrets, attack('T1552.001'), pci('8.6.2'), pci('3.5.1'), pci('8.3.2'), soc2('CC6.1'), soc2('CC6.7'), HIPAA.accessControl, HIPAA.authentication],
  messages: {
    data: 'Secret "{{name}}" carries a value for key "{{key}}" in data ({{masked}}) in a file meant for version control',
    stringData: 'Secret "{{name}}" carries a plain-text value for key "{{key}}" in stringData ({{masked}})',
  },
  remediation:
    'Remove the values from the manifest and rotate the credentials. Keep secrets in an external secret manager (External Secrets Operator, Vault, a cloud secret store) or commit them only in encrypted form (Sealed Secrets, SOPS).',
  docs: [
    'A Secret manifest with values in a repository hands the credentials to everyone who can',
    'read the repository.',
    '',
    'The `data` of a Secret is base64, which is an encoding, not encryption; `stringData` is',
    'plain text. A Secret manifest with values that is committed to a repository hands the',
    'credentials to everyone who can read the repository, its forks and clones, its CI',
    'logs, and its history — removing the file later does not remove it from history.',
    '',
    'The check reports each non-empty key of `data` and `stringData` of a Secret read from a',
    'file. Secrets read from a live cluster (`cluster://…`) are expected to hold data and are',
    'not reported. Values that decode to a placeholder (`changeme`, `<password>`, `xxx`) or a',
    'reference (`${VAR}`), public certificates and keys (`tls.crt`, `ca.crt`) and',
    'SOPS-encrypted values (`ENC[…]`) are skipped. The finding names',
    'the key with a masked value (at most two characters and the length).',
    '',
    'Keep the Secret out of the repository and let a controller create it:',
    '',
    '```yaml',
    'apiVersion: external-secrets.io/v1beta1',
    'kind: ExternalSecret',
    'metadata: { name: cart-db, namespace: shop }',
    'spec:',
    '  secretStoreRef: { kind: ClusterSecretStore, name: vault }',
    '  target: { name: cart-db }',
    '  data:',
    '    - secretKey: password',
    '      remoteRef: { key: shop/cart-db, property: password }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const { resource } = ctx;
    if (resource.source.file.startsWith('cluster://')) return;
    for (const field of ['data', 'stringData'] as const) {
      const values = objectAt(resource.body, field);
      if (!values) continue;
      for (const key of Object.keys(values)) {
        const raw = stringAt(values, key);
        if (raw === undefined || raw.trim() === '' || SOPS_ENCRYPTED.test(raw.trim())) continue;
        const plain = field === 'data' ? (decodeBase64(raw) ?? raw) : raw;
        const trimmed = plain.trim();
        if (trimmed === '' || isPlaceholder(trimmed) || isReference(trimmed) || PUBLIC_PEM.test(trimmed)) continue;
        ctx.report({ messageId: field, data: { name: resource.name, key, masked: maskValue(trimmed) }, path: joinPointer(`/${field}`, key) });
      }
    }
  },
});
