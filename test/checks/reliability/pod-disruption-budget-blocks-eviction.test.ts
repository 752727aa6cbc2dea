import check from '../../../src/checks/reliability/pod-disruption-budget-blocks-eviction.js';
import { checkTester } from '../../support/check-tester.js';
import { deployment, pdb } from './support.js';

const selector = '\n  selector: {matchLabels: {app: cart}}';

checkTester.run(check, {
  valid: [
    { manifest: pdb(`  maxUnavailable: 1${selector}`), inventory: deployment('\n  replicas: 3') },
    { name: 'minAvailable below replicas', manifest: pdb(`  minAvailable: 2${selector}`), inventory: deployment('\n  replicas: 3') },
    { name: 'percentage below 100', manifest: pdb(`  minAvailable: "50%"${selector}`) },
    { name: 'numeric minAvailable without a known workload', manifest: pdb(`  minAvailable: 3${selector}`) },
  ],
  invalid: [
    { manifest: pdb(`  maxUnavailable: 0${selector}`), errors: [{ messageId: 'maxUnavailableZero', path: '/spec/maxUnavailable', resource: 'PodDisruptionBudget shop/cart' }] },
    { name: 'zero percent', manifest: pdb(`  maxUnavailable: "0%"${selector}`), errors: [{ messageId: 'maxUnavailableZero', path: '/spec/maxUnavailable', data: { value: '0%' } }] },
    { name: 'all pods required', manifest: pdb(`  minAvailable: "100%"${selector}`), errors: [{ messageId: 'minAvailableAll', path: '/spec/minAvailable' }] },
    {
      name: 'minAvailable equal to the replicas',
      manifest: pdb(`  minAvailable: 3${selector}`),
      inventory: deployment('\n  replicas: 3'),
      errors: [{ messageId: 'minAvailableReplicas', path: '/spec/minAvailable', data: { value: 3, workload: 'cart', count: 3 } }],
    },
  ],
});
