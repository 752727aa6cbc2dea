import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/ingress-nginx-snippet-annotation.js';
import { checkTester } from '../../support/check-tester.js';

const ingress = (annotations: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
${annotations}
spec:
  tls: [{hosts: [shop.example.com]}]
  rules: [{host: shop.example.com}]`;

describe('ingress-nginx-snippet-annotation', () => {
  checkTester.run(check, {
    valid: [
      { manifest: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /') },
      { name: 'other controller', manifest: ingress('    haproxy.org/backend-config-snippet: "x"') },
    ],
    invalid: [
      {
        manifest: ingress('    nginx.ingress.kubernetes.io/server-snippet: "location /x {}"\n    nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers x"'),
        errors: [
          { messageId: 'snippet', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1configuration-snippet' },
          { messageId: 'snippet', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1server-snippet', data: { annotation: 'nginx.ingress.kubernetes.io/server-snippet' } },
        ],
      },
      {
        name: 'custom prefix',
        manifest: ingress('    internal.nginx/auth-snippet: "x"'),
        options: { annotationPrefixes: ['internal.nginx'] },
        errors: [{ messageId: 'snippet', path: '/metadata/annotations/internal.nginx~1auth-snippet' }],
      },
    ],
  });
});
