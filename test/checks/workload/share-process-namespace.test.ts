import check from '../../../src/checks/workload/share-process-namespace.js';
import { checkTester } from '../../support/check-tester.js';

const pod = (specExtra: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:${specExtra}
  initContainers:
    - {name: init, image: init:1}
  containers:
    - {name: app, image: app:1}
    - {name: proxy, image: proxy:1}`;

checkTester.run(check, {
  valid: [{ manifest: pod('') }, { manifest: pod('\n  shareProcessNamespace: false') }],
  invalid: [
    { manifest: pod('\n  shareProcessNamespace: true'), errors: [{ messageId: 'shared', path: '/spec/shareProcessNamespace', data: { count: 3 } }] },
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
          shareProcessNamespace: true
          containers: [{name: job, image: job:1}]`,
      errors: [{ messageId: 'shared', path: '/spec/jobTemplate/spec/template/spec/shareProcessNamespace', data: { count: 1 } }],
    },
  ],
});
