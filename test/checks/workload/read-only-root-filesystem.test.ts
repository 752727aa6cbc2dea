import check from '../../../src/checks/workload/read-only-root-filesystem.js';
import { checkTester } from '../../support/check-tester.js';

const pod = (containerExtra: string, specExtra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:${specExtra}
  containers:
    - name: app
      image: registry.example.com/app:1.0
${containerExtra}`;

checkTester.run(check, {
  valid: [
    { manifest: pod('      securityContext: {readOnlyRootFilesystem: true}') },
    { name: 'windows pods are skipped', manifest: pod('', '\n  os: {name: windows}') },
    { name: 'resources without pod templates are ignored', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}' },
  ],
  invalid: [
    {
      manifest: pod(''),
      errors: [{ messageId: 'unset', path: '/spec/containers/0', data: { container: 'app', containerKind: 'container' } }],
      // The fix: a read-only root filesystem, with an emptyDir where most programs write (/tmp).
      output: `${pod('')}      securityContext:
        readOnlyRootFilesystem: true
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir: {}
`,
    },
    { manifest: pod('      securityContext: {runAsNonRoot: true}'), errors: [{ messageId: 'unset', path: '/spec/containers/0/securityContext' }] },
    {
      manifest: pod('      securityContext: {readOnlyRootFilesystem: false}'),
      errors: [{ messageId: 'writable', path: '/spec/containers/0/securityContext/readOnlyRootFilesystem' }],
      // An explicit false is somebody's decision: reported, never flipped.
      output: null,
    },
    {
      name: 'init and ephemeral containers',
      manifest: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: busybox:1.36}
  containers:
    - {name: app, image: app:1, securityContext: {readOnlyRootFilesystem: true}}
  ephemeralContainers:
    - {name: debug, image: busybox:1.36}`,
      errors: [
        { messageId: 'unset', path: '/spec/initContainers/0', data: { containerKind: 'init container' } },
        { messageId: 'unset', path: '/spec/ephemeralContainers/0', data: { containerKind: 'ephemeral container' } },
      ],
    },
    {
      name: 'CronJob template',
      manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - {name: job, image: job:1}`,
      errors: [{ messageId: 'unset', path: '/spec/jobTemplate/spec/template/spec/containers/0' }],
    },
  ],
});
