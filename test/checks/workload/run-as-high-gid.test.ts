import check from '../../../src/checks/workload/run-as-high-gid.js';
import { checkTester } from '../../support/check-tester.js';

const deployment = (podContext: string, containerContext: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: app}
spec:
  template:
    spec:
      securityContext: ${podContext}
      containers:
        - name: app
          image: app:1
          securityContext: ${containerContext}`;

checkTester.run(check, {
  valid: [
    { manifest: deployment('{runAsUser: 10001, runAsGroup: 10001}', '{}') },
    { name: 'container overrides a low pod value', manifest: deployment('{runAsGroup: 0}', '{runAsGroup: 10001}') },
    { name: 'option lowers the bound', manifest: deployment('{runAsGroup: 3000}', '{}'), options: { minimumGid: 1000 } },
  ],
  invalid: [
    {
      manifest: deployment('{runAsUser: 10001}', '{}'),
      errors: [{ messageId: 'unset', path: '/spec/template/spec/containers/0/securityContext', data: { field: 'runAsGroup' } }],
    },
    {
      manifest: deployment('{runAsGroup: 0}', '{}'),
      errors: [{ messageId: 'tooLowInherited', path: '/spec/template/spec/securityContext/runAsGroup', data: { value: 0, containers: '"app"' } }],
    },
    {
      manifest: deployment('{runAsGroup: 10001}', '{runAsGroup: 100}'),
      errors: [{ messageId: 'tooLow', path: '/spec/template/spec/containers/0/securityContext/runAsGroup' }],
    },
    {
      name: 'init container without a group and no securityContext at all',
      manifest: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i:1}
  containers:
    - {name: app, image: a:1, securityContext: {runAsGroup: 10001}}`,
      errors: [{ messageId: 'unset', path: '/spec/initContainers/0' }],
    },
  ],
});
