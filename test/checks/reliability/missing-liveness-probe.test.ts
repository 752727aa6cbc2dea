import check from '../../../src/checks/reliability/missing-liveness-probe.js';
import { checkTester } from '../../support/check-tester.js';
import { deployment } from './support.js';

const probe = '{name: app, image: app:1, livenessProbe: {httpGet: {path: /healthz, port: 8080}}}';

checkTester.run(check, {
  valid: [
    { manifest: deployment('', probe) },
    {
      name: 'Jobs and CronJobs run to completion',
      manifest: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: j, image: j:1}]}}}}}',
    },
    { name: 'bare pods are left to workload.naked-pod', manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: a:1}]}' },
    {
      name: 'run-to-completion init containers and ephemeral containers cannot have probes',
      manifest: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  template:
    spec:
      initContainers:
        - {name: setup, image: s:1}
      containers:
        - ${probe}
      ephemeralContainers:
        - {name: dbg, image: d:1}`,
    },
  ],
  invalid: [
    { manifest: deployment(''), errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0', data: { container: 'app', probe: 'livenessProbe' } }] },
    {
      name: 'restartable sidecar init container',
      manifest: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: p:1, restartPolicy: Always}
      containers:
        - ${probe}`,
      errors: [{ messageId: 'missing', path: '/spec/template/spec/initContainers/0', data: { containerKind: 'init container' } }],
    },
    {
      name: 'Argo Rollout',
      manifest: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: a, image: a:1}]}}}',
      errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0' }],
    },
  ],
});
