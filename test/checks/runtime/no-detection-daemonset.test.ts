import { describe } from 'vitest';
import check from '../../../src/checks/runtime/no-detection-daemonset.js';
import { checkTester } from '../../support/check-tester.js';

const daemonSet = (name: string, image: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: security}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      initContainers: [{name: init, image: busybox}]
      containers: [{name: agent, image: "${image}"}]`;
const namespaces = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: security}';
const required = { requireRuntimeDetection: true };

describe('no-detection-daemonset', () => {
  checkTester.run(check, {
    valid: [
      { name: 'not required (default)', manifest: namespaces },
      { name: 'Falco', manifest: namespaces, inventory: daemonSet('falco', 'docker.io/falcosecurity/falco:0.39.2'), options: required },
      { name: 'Tetragon from a mirror', manifest: namespaces, inventory: daemonSet('tetragon', 'registry.internal/mirror/cilium/tetragon:v1.2.0'), options: required },
    ],
    invalid: [
      {
        manifest: namespaces,
        inventory: daemonSet('node-exporter', 'quay.io/prometheus/node-exporter:v1.8.2'),
        options: required,
        errors: [{ messageId: 'noDetector', path: '', resource: 'Namespace security' }],
      },
      {
        name: 'no Namespace: the first resource carries the finding',
        manifest: daemonSet('node-exporter', 'quay.io/prometheus/node-exporter:v1.8.2'),
        options: required,
        errors: [{ messageId: 'noDetector', path: '', resource: 'DaemonSet security/node-exporter' }],
      },
    ],
  });
});
