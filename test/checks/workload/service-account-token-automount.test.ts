import check from '../../../src/checks/workload/service-account-token-automount.js';
import { checkTester } from '../../support/check-tester.js';

const deployment = (specExtra: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    spec:${specExtra}
      containers:
        - {name: app, image: app:1}`;

const serviceAccount = (name: string, automount: string) => `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: shop}
${automount}`;

checkTester.run(check, {
  valid: [
    { manifest: deployment('\n      automountServiceAccountToken: false') },
    {
      name: 'unset on the pod, false on its ServiceAccount',
      manifest: deployment('\n      serviceAccountName: cart'),
      inventory: serviceAccount('cart', 'automountServiceAccountToken: false'),
    },
    {
      name: 'unset on the pod, false on the default ServiceAccount',
      manifest: deployment(''),
      inventory: serviceAccount('default', 'automountServiceAccountToken: false'),
    },
  ],
  invalid: [
    {
      manifest: deployment(''),
      errors: [{ messageId: 'mountedByDefault', path: '/spec/template/spec', data: { serviceAccount: 'default' } }],
      output: `${deployment('')}\n      automountServiceAccountToken: false`,
    },
    {
      name: 'explicit true wins over the ServiceAccount',
      manifest: deployment('\n      serviceAccountName: cart\n      automountServiceAccountToken: true'),
      inventory: serviceAccount('cart', 'automountServiceAccountToken: false'),
      errors: [{ messageId: 'mountedExplicitly', path: '/spec/template/spec/automountServiceAccountToken', data: { serviceAccount: 'cart' } }],
      // An explicit true is somebody's decision: reported, never flipped.
      output: null,
    },
    {
      name: 'ServiceAccount in the inventory does not disable automount',
      manifest: deployment('\n      serviceAccountName: cart'),
      inventory: serviceAccount('cart', ''),
      errors: [{ messageId: 'mountedByDefault', path: '/spec/template/spec', data: { serviceAccount: 'cart' } }],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      manifest: deployment('\n      serviceAccountName: cart'),
      inventory: serviceAccount('cart', 'automountServiceAccountToken: false').replace('namespace: shop', 'namespace: other'),
      errors: [{ messageId: 'mountedByDefault', path: '/spec/template/spec' }],
    },
    {
      name: 'CronJob template',
      manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: job:1}]`,
      errors: [{ messageId: 'mountedByDefault', path: '/spec/jobTemplate/spec/template/spec' }],
    },
  ],
});
