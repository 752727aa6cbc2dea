import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/loadbalancer-service.js';
import { checkTester } from '../../support/check-tester.js';

const service = (type: string, annotations = '{}'): string => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, annotations: ${annotations}}
spec: {type: ${type}, ports: [{port: 443}]}`;

describe('loadbalancer-service', () => {
  checkTester.run(check, {
    valid: [
      { manifest: service('ClusterIP') },
      { name: 'internal on AWS', manifest: service('LoadBalancer', '{service.beta.kubernetes.io/aws-load-balancer-scheme: internal}') },
      { name: 'internal on GKE', manifest: service('LoadBalancer', '{networking.gke.io/load-balancer-type: Internal}') },
      { name: 'internal on Azure', manifest: service('LoadBalancer', '{service.beta.kubernetes.io/azure-load-balancer-internal: "true"}') },
    ],
    invalid: [
      { manifest: service('LoadBalancer'), errors: [{ messageId: 'externalLoadBalancer', path: '/spec/type' }] },
      { name: 'internal annotation set to false', manifest: service('LoadBalancer', '{service.beta.kubernetes.io/azure-load-balancer-internal: "false"}'), errors: [{ messageId: 'externalLoadBalancer', path: '/spec/type' }] },
    ],
  });
});
