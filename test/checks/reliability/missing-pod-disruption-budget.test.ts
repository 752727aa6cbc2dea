import check from '../../../src/checks/reliability/missing-pod-disruption-budget.js';
import { checkTester } from '../../support/check-tester.js';
import { deployment, hpa, pdb } from './support.js';

checkTester.run(check, {
  valid: [
    { manifest: deployment('\n  replicas: 3'), inventory: pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: cart}}') },
    { name: 'matchExpressions', manifest: deployment('\n  replicas: 3'), inventory: pdb('  maxUnavailable: 1\n  selector: {matchExpressions: [{key: tier, operator: In, values: [backend]}]}') },
    { name: 'empty selector in policy/v1 selects every pod', manifest: deployment('\n  replicas: 3'), inventory: pdb('  maxUnavailable: 1\n  selector: {}') },
    { name: 'single replica is left to reliability.single-replica', manifest: deployment('\n  replicas: 1') },
    { name: 'no workloads', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}' },
  ],
  invalid: [
    {
      manifest: deployment('\n  replicas: 3'),
      errors: [{ messageId: 'missing', path: '/spec/replicas', resource: 'Deployment shop/cart', data: { count: 3 } }],
    },
    {
      name: 'a budget for other pods',
      manifest: deployment('\n  replicas: 3'),
      inventory: pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}'),
      errors: [{ messageId: 'missing', path: '/spec/replicas', resource: 'Deployment shop/cart' }],
    },
    {
      name: 'a budget in another namespace',
      manifest: deployment('\n  replicas: 3'),
      inventory: pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: cart}}').replace('namespace: shop', 'namespace: other'),
      errors: [{ messageId: 'missing', path: '/spec/replicas' }],
    },
    {
      name: 'empty selector in policy/v1beta1 selects nothing',
      manifest: deployment('\n  replicas: 3'),
      inventory: pdb('  maxUnavailable: 1\n  selector: {}', 'policy/v1beta1'),
      errors: [{ messageId: 'missing', path: '/spec/replicas' }],
    },
    {
      name: 'multi-replica through its autoscaler',
      manifest: deployment(''),
      inventory: hpa('minReplicas: 2'),
      errors: [{ messageId: 'missing', path: '/spec', data: { count: 2 } }],
    },
  ],
});
