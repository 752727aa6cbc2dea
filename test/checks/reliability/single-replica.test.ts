import check from '../../../src/checks/reliability/single-replica.js';
import { checkTester } from '../../support/check-tester.js';
import { deployment, hpa } from './support.js';

checkTester.run(check, {
  valid: [
    { manifest: deployment('\n  replicas: 3') },
    { name: 'scaled to zero on purpose', manifest: deployment('\n  replicas: 0') },
    { name: 'autoscaler keeps two', manifest: deployment('\n  replicas: 1'), inventory: hpa('minReplicas: 2') },
    { name: 'DaemonSets have no replicas', manifest: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: a, image: a:1}]}}}' },
    { name: 'option lowers the bound', manifest: deployment('\n  replicas: 1'), options: { minimumReplicas: 1 } },
  ],
  invalid: [
    { manifest: deployment('\n  replicas: 1'), errors: [{ messageId: 'tooFew', path: '/spec/replicas', data: { kind: 'Deployment', name: 'cart', count: 1, minimum: 2 } }] },
    { name: 'replicas defaulted', manifest: deployment(''), errors: [{ messageId: 'defaulted', path: '/spec' }] },
    { name: 'autoscaler allows one', manifest: deployment('\n  replicas: 3'), inventory: hpa('minReplicas: 1'), errors: [{ messageId: 'autoscalerMinimum', path: '/spec', data: { autoscaler: 'cart', count: 1 } }] },
    { name: 'autoscaler without minReplicas', manifest: deployment('\n  replicas: 3'), inventory: hpa(''), errors: [{ messageId: 'autoscalerMinimum', path: '/spec', data: { count: 1 } }] },
    {
      name: 'StatefulSet',
      manifest: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\nspec: {replicas: 1, template: {spec: {containers: [{name: a, image: a:1}]}}}',
      errors: [{ messageId: 'tooFew', path: '/spec/replicas' }],
    },
  ],
});
