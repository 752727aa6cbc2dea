/** Test cases shared by the capability checks: the same minimal pods, one tweak each, for any capability of the table. */
import type { InvalidCase, TesterCase } from '../../../support/check-tester.js';

const pod = (capabilities: string, specExtra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:${specExtra}
  containers:
    - name: app
      image: app:1
      securityContext:
        capabilities: ${capabilities}`;

export function capabilityCases(name: string): { valid: TesterCase[]; invalid: InvalidCase[] } {
  const other = name === 'NET_ADMIN' ? 'SYS_TIME' : 'NET_ADMIN';
  return {
    valid: [
      { manifest: pod('{drop: [ALL]}') },
      { name: 'a harmless capability', manifest: pod('{drop: [ALL], add: [NET_BIND_SERVICE]}') },
      { name: 'another dangerous capability is another check', manifest: pod(`{add: [${other}]}`) },
      { name: 'dropping it is fine', manifest: pod(`{drop: [${name}]}`) },
      { name: 'windows pods are skipped', manifest: pod(`{add: [${name}]}`, '\n  os: {name: windows}') },
    ],
    invalid: [
      {
        manifest: pod(`{drop: [ALL], add: [NET_BIND_SERVICE, ${name}]}`),
        errors: [{ messageId: 'added', path: '/spec/containers/0/securityContext/capabilities/add/1', data: { container: 'app', capability: name } }],
      },
      {
        name: 'CAP_ prefix and lower case',
        manifest: pod(`{add: [cap_${name.toLowerCase()}]}`),
        errors: [{ messageId: 'added', path: '/spec/containers/0/securityContext/capabilities/add/0', data: { capability: `cap_${name.toLowerCase()}` } }],
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
            - {name: init, image: i:1, securityContext: {capabilities: {add: [${name}]}}}
          containers:
            - {name: job, image: j:1}
          ephemeralContainers:
            - {name: dbg, image: d:1, securityContext: {capabilities: {add: [${name}]}}}`,
        errors: [
          { messageId: 'added', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/capabilities/add/0', data: { containerKind: 'init container' } },
          { messageId: 'added', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/capabilities/add/0', data: { containerKind: 'ephemeral container' } },
        ],
      },
    ],
  };
}
