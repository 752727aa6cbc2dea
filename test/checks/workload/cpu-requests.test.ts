import check from '../../../src/checks/workload/cpu-requests.js';
import { checkTester } from '../../support/check-tester.js';

const deployment = (resources: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          resources: ${resources}`;

const limitRange = (field: string) => `
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      ${field}: {cpu: "1"}`;

checkTester.run(check, {
  valid: [
    { manifest: deployment('{requests: {cpu: "1"}}') },
    { name: 'a LimitRange in the namespace defaults it', manifest: deployment('{}'), inventory: limitRange('defaultRequest') },
    {
      name: 'ephemeral containers cannot declare resources',
      manifest: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: app, image: a:1, resources: {requests: {cpu: 100m}}}
  ephemeralContainers:
    - {name: debug, image: d:1}`,
    },
  ],
  invalid: [
    { manifest: deployment('{}'), errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0/resources', data: { container: 'app', kind: 'requests', resource: 'cpu' } }] },
    { manifest: deployment('{requests: {memory: "1"}}'), errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0/resources/requests' }] },
    { name: 'only the other field set', manifest: deployment('{limits: {cpu: "1"}}'), errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0/resources' }] },
    {
      name: 'a LimitRange in another namespace does not count',
      manifest: deployment('{}'),
      inventory: limitRange('defaultRequest').replace('namespace: shop', 'namespace: other'),
      errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0/resources' }],
    },
    {
      name: 'init container without resources in a CronJob',
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
            - {name: init, image: i:1}
          containers:
            - {name: app, image: a:1, resources: {requests: {cpu: "1"}}}`,
      errors: [{ messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0', data: { containerKind: 'init container' } }],
    },
  ],
});
