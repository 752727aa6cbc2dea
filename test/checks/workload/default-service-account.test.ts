import check from '../../../src/checks/workload/default-service-account.js';
import { checkTester } from '../../support/check-tester.js';

const pod = (specExtra: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:${specExtra}
  containers:
    - {name: app, image: app:1}`;

checkTester.run(check, {
  valid: [
    { manifest: pod('\n  serviceAccountName: cart') },
    { name: 'deprecated serviceAccount field', manifest: pod('\n  serviceAccount: cart') },
    { name: 'not a workload', manifest: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}' },
  ],
  invalid: [
    { manifest: pod(''), errors: [{ messageId: 'unset', path: '/spec' }] },
    { manifest: pod('\n  serviceAccountName: default'), errors: [{ messageId: 'explicitDefault', path: '/spec/serviceAccountName' }] },
    { manifest: pod('\n  serviceAccount: default'), errors: [{ messageId: 'explicitDefault', path: '/spec/serviceAccount' }] },
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
          serviceAccountName: default
          containers: [{name: job, image: job:1}]`,
      errors: [{ messageId: 'explicitDefault', path: '/spec/jobTemplate/spec/template/spec/serviceAccountName' }],
    },
  ],
});
