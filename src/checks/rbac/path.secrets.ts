/** Escalation paths to reading every secret of the cluster. */
import { pathCheck } from './path-check.js';
import { attack, cis } from './controls.js';

export default pathCheck({
  target: 'secrets',
  title: 'Escalation path to every secret',
  severity: 'high',
  controls: [cis('5.1.2'), attack('T1552.007')],
  docs: 'A subject or workload can read every secret of the cluster, directly (list secrets cluster-wide) or in several steps (through a ServiceAccount that can, a mutating webhook, or RoleBindings to powerful roles in every namespace).',
});
