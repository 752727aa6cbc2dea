import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/ingress-no-tls.js';
import { checkTester } from '../../support/check-tester.js';

const ingress = (spec: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
${spec}`;
const rules = '  rules:\n    - host: shop.example.com\n    - host: api.example.com\n';

describe('ingress-no-tls', () => {
  checkTester.run(check, {
    valid: [
      { manifest: ingress(`${rules}  tls: [{hosts: [shop.example.com, api.example.com], secretName: web-tls}]`) },
      { name: 'wildcard certificate', manifest: ingress(`${rules}  tls: [{hosts: ["*.example.com"], secretName: wildcard-tls}]`) },
    ],
    invalid: [
      { manifest: ingress(rules), errors: [{ messageId: 'noTls', path: '/spec' }] },
      {
        manifest: ingress(`${rules}  tls: [{hosts: [shop.example.com], secretName: web-tls}]`),
        errors: [{ messageId: 'hostWithoutTls', path: '/spec/rules/1/host', data: { host: 'api.example.com' } }],
      },
      {
        name: 'wildcard covers one label only',
        manifest: ingress('  rules: [{host: a.b.example.com}]\n  tls: [{hosts: ["*.example.com"]}]'),
        errors: [{ messageId: 'hostWithoutTls', path: '/spec/rules/0/host' }],
      },
    ],
  });
});
