import { describe } from 'vitest';
import check from '../../../src/checks/runtime/detection-not-on-all-nodes.js';
import { checkTester } from '../../support/check-tester.js';

const daemonSet = (image: string, podSpec = ''): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: security}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "${image}"}]
${podSpec}`;
const tolerateAll = '      tolerations: [{operator: Exists}]';

describe('detection-not-on-all-nodes', () => {
  checkTester.run(check, {
    valid: [
      { manifest: daemonSet('falcosecurity/falco:0.39.2', tolerateAll) },
      { name: 'OS node selector is fine', manifest: daemonSet('falcosecurity/falco:0.39.2', `${tolerateAll}\n      nodeSelector: {kubernetes.io/os: linux}`) },
      { name: 'not a detection agent', manifest: daemonSet('quay.io/prometheus/node-exporter:v1.8.2') },
    ],
    invalid: [
      { manifest: daemonSet('cilium/tetragon:v1.2.0'), errors: [{ messageId: 'noCatchAllToleration', path: '/spec/template/spec', data: { product: 'Tetragon' } }] },
      {
        manifest: daemonSet('falcosecurity/falco:0.39.2', '      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]\n      nodeSelector: {pool: general}'),
        errors: [
          { messageId: 'noCatchAllToleration', path: '/spec/template/spec/tolerations' },
          { messageId: 'nodeSelector', path: '/spec/template/spec/nodeSelector', data: { selector: 'pool=general' } },
        ],
      },
    ],
  });
});
