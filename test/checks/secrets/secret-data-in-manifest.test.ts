import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/secrets/secret-data-in-manifest.js';
import { evaluateInventory } from '../../../src/engine/runner.js';
import { resourceFromObject } from '../../../src/load/index.js';
import { Inventory } from '../../../src/model/inventory.js';
import { checkTester } from '../../support/check-tester.js';
import { FAKE } from './support.js';

const secret = (body: string) => `
apiVersion: v1
kind: Secret
metadata: {name: cart-db, namespace: shop}
type: Opaque
${body}`;

const b64 = (s: string) => Buffer.from(s).toString('base64');

checkTester.run(check, {
  valid: [
    { name: 'no values', manifest: secret('') },
    { name: 'empty values', manifest: secret('data: {password: ""}\nstringData: {user: ""}') },
    { name: 'placeholder', manifest: secret(`data: {password: ${b64('changeme')}}\nstringData: {token: "<token>"}`) },
    { name: 'reference', manifest: secret('stringData: {password: "${DB_PASSWORD}"}') },
    { name: 'SOPS-encrypted', manifest: secret('stringData: {password: "ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]"}') },
  ],
  invalid: [
    {
      name: 'a TLS Secret: the certificate is public, the key is not',
      manifest: secret(`data:\n  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}\n  tls.key: ${b64('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n')}`).replace('type: Opaque', 'type: kubernetes.io/tls'),
      errors: [{ messageId: 'data', path: '/data/tls.key', data: { key: 'tls.key', masked: '--…(58 chars)' } }],
    },
    {
      manifest: secret(`data:\n  username: ${b64('cart')}\n  password: ${b64(FAKE.password)}`),
      errors: [
        { messageId: 'data', path: '/data/username', data: { key: 'username', masked: '…(4 chars)' } },
        { messageId: 'data', path: '/data/password', data: { key: 'password', masked: '…(10 chars)' } },
      ],
    },
    { name: 'stringData', manifest: secret(`stringData: {api-token: ${FAKE.githubToken}}`), errors: [{ messageId: 'stringData', path: '/stringData/api-token', data: { masked: 'gh…(40 chars)' } }] },
    { name: 'key with a slash-like name is escaped', manifest: secret(`stringData: {"a/b": ${FAKE.password}}`), errors: [{ messageId: 'stringData', path: '/stringData/a~1b' }] },
  ],
});

describe('secrets.secret-data-in-manifest on live objects', () => {
  it('does not report Secrets read from a cluster, which hold data by design', () => {
    const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cart-db', namespace: 'shop' }, data: { password: b64(FAKE.password) } };
    const live = resourceFromObject(body, { file: 'cluster://prod/api/v1/namespaces/shop/secrets/cart-db', documentIndex: 0, line: 1, pointerPrefix: '' });
    const file = resourceFromObject(body, { file: 'k8s/secret.yaml', documentIndex: 0, line: 1, pointerPrefix: '' });
    const settings = { pssLevel: 'restricted', pssVersion: '1.37' } as const;
    expect(evaluateInventory(new Inventory([live!]), [check], { settings }).findings).toEqual([]);
    expect(evaluateInventory(new Inventory([file!]), [check], { settings }).findings.map((f) => f.path)).toEqual(['/data/password']);
  });
});
