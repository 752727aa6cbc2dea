/** Escalation paths to cluster-admin-equivalent power (every verb on every resource cluster-wide, or system:masters). */
import { pathCheck } from './path-check.js';
import { attack, cis } from './controls.js';

export default pathCheck({
  target: 'cluster-admin',
  title: 'Escalation path to cluster-admin',
  severity: 'critical',
  controls: [cis('5.1.1'), cis('5.1.8'), attack('T1078'), attack('T1098')],
  docs: 'A subject or workload that is not cluster-admin can become cluster-admin in one or more steps: by creating a pod that mounts a more powerful ServiceAccount, minting or reading its token, impersonating users or system:masters, binding or escalating roles, or issuing itself a client certificate.',
});
