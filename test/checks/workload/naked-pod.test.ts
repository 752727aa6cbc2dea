import check from '../../../src/checks/workload/naked-pod.js';
import { checkTester } from '../../support/check-tester.js';

checkTester.run(check, {
  valid: [
    {
      manifest: `
apiVersion: v1
kind: Pod
metadata:
  name: web-5d8f-abcde
  namespace: shop
  ownerReferences:
    - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: 1b2c, controller: true}
spec:
  containers: [{name: app, image: app:1}]`,
    },
    { name: 'controllers are not pods', manifest: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: a, image: a:1}]}}}' },
  ],
  invalid: [
    {
      manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: shop}\nspec: {containers: [{name: sh, image: busybox:1.36}]}',
      errors: [{ messageId: 'naked', path: '/metadata', data: { name: 'debug' } }],
    },
    {
      name: 'empty ownerReferences',
      manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, ownerReferences: []}\nspec: {containers: [{name: sh, image: busybox:1.36}]}',
      errors: [{ messageId: 'naked', path: '/metadata' }],
    },
  ],
});
