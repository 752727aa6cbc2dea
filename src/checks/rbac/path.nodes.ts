/** Escalation paths to node compromise (privileged or hostPath pods where admission allows, the kubelet API, webhooks). */
import { pathCheck } from './path-check.js';
import { attack, cis } from './controls.js';

export default pathCheck({
  target: 'nodes',
  title: 'Escalation path to node compromise',
  severity: 'high',
  controls: [cis('5.1.4'), cis('5.1.10'), attack('T1611')],
  docs: 'A subject or workload can take over a node: by creating privileged or hostPath pods in a namespace whose Pod Security admission does not enforce baseline, by running commands through the kubelet API (nodes/proxy), or by injecting containers with a mutating webhook.',
});
