import check from '../../../src/checks/workload/default-namespace.js';
import { checkTester } from '../../support/check-tester.js';

const configMap = (metadata: string) => `
apiVersion: v1
kind: ConfigMap
metadata: ${metadata}
data: {a: b}`;

checkTester.run(check, {
  valid: [
    { manifest: configMap('{name: c, namespace: shop}') },
    { name: 'cluster-scoped kinds have no namespace', manifest: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules: []' },
    { name: 'Kubernetes keeps the kubernetes Service in default', manifest: 'apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default}\nspec: {}' },
    { name: 'missing namespace allowed by option', manifest: configMap('{name: c}'), options: { reportMissingNamespace: false } },
    { name: 'custom Cluster… kinds are not guessed', manifest: 'apiVersion: example.io/v1\nkind: ClusterWidget\nmetadata: {name: w}' },
  ],
  invalid: [
    { manifest: configMap('{name: c, namespace: default}'), errors: [{ messageId: 'explicitDefault', path: '/metadata/namespace', data: { kind: 'ConfigMap', name: 'c' } }] },
    { manifest: configMap('{name: c}'), errors: [{ messageId: 'noNamespace', path: '/metadata' }] },
    {
      name: 'workloads too',
      manifest: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: default}\nspec: {template: {spec: {containers: [{name: a, image: a:1}]}}}',
      errors: [{ messageId: 'explicitDefault', path: '/metadata/namespace', data: { kind: 'Deployment' } }],
    },
  ],
});
