import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/loadbalancer-no-source-ranges.js';
import { checkTester } from '../../support/check-tester.js';

const service = (extra: string, annotations = '{}'): string => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, annotations: ${annotations}}
spec:
  type: LoadBalancer
  ports: [{port: 443}]
${extra}`;

describe('loadbalancer-no-source-ranges', () => {
  checkTester.run(check, {
    valid: [
      { manifest: service('  loadBalancerSourceRanges: [203.0.113.0/24]') },
      { name: 'annotation', manifest: service('', '{service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.113.0/24,198.51.100.7/32"}') },
      { name: 'internal', manifest: service('', '{networking.gke.io/load-balancer-type: Internal}') },
      { name: 'ClusterIP', manifest: 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {ports: [{port: 5432}]}' },
    ],
    invalid: [
      { manifest: service(''), errors: [{ messageId: 'noSourceRanges', path: '/spec' }] },
      { manifest: service('  loadBalancerSourceRanges: []'), errors: [{ messageId: 'noSourceRanges', path: '/spec' }] },
      {
        manifest: service('  loadBalancerSourceRanges: [203.0.113.0/24, 0.0.0.0/0]'),
        errors: [{ messageId: 'openSourceRange', path: '/spec/loadBalancerSourceRanges/1', data: { range: '0.0.0.0/0' } }],
      },
      {
        manifest: service('', '{service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, ::/0"}'),
        errors: [{ messageId: 'openSourceRange', path: '/metadata/annotations/service.beta.kubernetes.io~1load-balancer-source-ranges' }],
      },
    ],
  });
});
