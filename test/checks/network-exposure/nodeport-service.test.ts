import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/nodeport-service.js';
import { checkTester } from '../../support/check-tester.js';

const service = (spec: string): string => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
${spec}`;

describe('nodeport-service', () => {
  checkTester.run(check, {
    valid: [
      { manifest: service('  selector: {app: web}\n  ports: [{port: 80}]') },
      { name: 'LoadBalancer', manifest: service('  type: LoadBalancer\n  ports: [{port: 80}]') },
      { name: 'Knative Service', manifest: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec: {type: NodePort}' },
    ],
    invalid: [
      {
        manifest: service('  type: NodePort\n  ports: [{port: 80, nodePort: 30080}, {port: 443}]'),
        errors: [{ messageId: 'nodePort', path: '/spec/type', data: { ports: 'node ports 30080, auto' } }],
      },
    ],
  });
});
