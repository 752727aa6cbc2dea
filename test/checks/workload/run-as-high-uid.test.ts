import check from '../../../src/checks/workload/run-as-high-uid.js';
import { checkTester } from '../../support/check-tester.js';

const pod = (podContext: string, containerContext: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: ${podContext}
  containers:
    - name: app
      image: app:1
      securityContext: ${containerContext}`;

checkTester.run(check, {
  valid: [
    { manifest: pod('{runAsUser: 10001}', '{}') },
    { name: 'container overrides a low pod value', manifest: pod('{runAsUser: 0}', '{runAsUser: 20000}') },
    { name: 'exactly the minimum', manifest: pod('{}', '{runAsUser: 10000}') },
    { name: 'option lowers the bound', manifest: pod('{runAsUser: 1000}', '{}'), options: { minimumUid: 1000 } },
    { name: 'windows pods are skipped', manifest: pod('{}', '{}').replace('spec:\n', 'spec:\n  os: {name: windows}\n') },
  ],
  invalid: [
    {
      manifest: pod('{}', '{runAsUser: 1000}'),
      errors: [{ messageId: 'tooLow', path: '/spec/containers/0/securityContext/runAsUser', data: { value: 1000, minimum: 10000 } }],
    },
    {
      name: 'low pod value reported once at the pod field',
      manifest: pod('{runAsUser: 0}', '{}') + '\n    - {name: sidecar, image: side:1}',
      errors: [{ messageId: 'tooLowInherited', path: '/spec/securityContext/runAsUser', data: { containers: '"app", "sidecar"' } }],
    },
    { name: 'unset everywhere', manifest: pod('{}', '{}'), errors: [{ messageId: 'unset', path: '/spec/containers/0/securityContext' }] },
    {
      name: 'option raises the bound',
      manifest: pod('{}', '{runAsUser: 10001}'),
      options: { minimumUid: 50000 },
      errors: [{ messageId: 'tooLow', path: '/spec/containers/0/securityContext/runAsUser', data: { minimum: 50000 } }],
    },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsUser: 10001}
          initContainers:
            - {name: init, image: i:1, securityContext: {runAsUser: 0}}
          containers:
            - {name: app, image: a:1}
          ephemeralContainers:
            - {name: debug, image: d:1, securityContext: {runAsUser: 999}}`,
      errors: [
        { messageId: 'tooLow', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/runAsUser' },
        { messageId: 'tooLow', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/runAsUser' },
      ],
    },
  ],
});
