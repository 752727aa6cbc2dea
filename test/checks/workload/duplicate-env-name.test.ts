import check from '../../../src/checks/workload/duplicate-env-name.js';
import { checkTester } from '../../support/check-tester.js';

const pod = (env: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: app:1
      env: ${env}`;

checkTester.run(check, {
  valid: [
    { manifest: pod('[{name: A, value: "1"}, {name: B, value: "2"}]') },
    {
      name: 'the same name in two containers is fine',
      manifest: pod('[{name: A, value: "1"}]') + '\n    - {name: side, image: s:1, env: [{name: A, value: "2"}]}',
    },
  ],
  invalid: [
    {
      manifest: pod('[{name: VERIFY_TLS, value: "true"}, {name: B, value: "2"}, {name: VERIFY_TLS, value: "false"}]'),
      errors: [{ messageId: 'duplicate', path: '/spec/containers/0/env/2', data: { name: 'VERIFY_TLS', first: 0, container: 'app' } }],
      // Which value was meant is a person's call: no fix.
      output: null,
    },
    {
      name: 'each repeat is reported',
      manifest: pod('[{name: A, value: "1"}, {name: A, value: "2"}, {name: A, value: "3"}]'),
      errors: [
        { messageId: 'duplicate', path: '/spec/containers/0/env/1' },
        { messageId: 'duplicate', path: '/spec/containers/0/env/2' },
      ],
    },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: init, image: i:1, env: [{name: X, value: a}, {name: X, value: b}]}
          containers:
            - {name: job, image: job:1}
          ephemeralContainers:
            - {name: dbg, image: d:1, env: [{name: DEBUG, value: a}, {name: DEBUG, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}`,
      errors: [
        { messageId: 'duplicate', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/env/1', data: { containerKind: 'init container' } },
        { messageId: 'duplicate', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/env/1', data: { containerKind: 'ephemeral container' } },
      ],
    },
  ],
});
