/**
 * Control: no Role or ClusterRole grants `pods/exec` (create, or get for old clients).
 * Looks at: every rule, wildcards and resourceNames-limited rules included (exec into one named
 * pod still runs code with that pod's identity).
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.pods-exec',
  title: 'Role can exec into pods',
  // high: running commands in a container yields its ServiceAccount token, mounted secrets and network position.
  severity: 'high',
  controls: [
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1609' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'hipaa', id: '164.312(a)(1)' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [{ verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'exec' }],
  countNamedRules: true,
  remediation:
    'Remove pods/exec from the rule and grant it only to a break-glass role that is bound temporarily. Use logs, metrics and ephemeral debug workflows with their own review instead of routine exec access.',
  docs: [
    'Exec into a container yields its ServiceAccount token, mounted Secrets and network position.',
    '',
    '`pods/exec` runs arbitrary commands inside running containers. The caller inherits what the',
    'container holds: its ServiceAccount token, mounted Secrets, files and network reach. Commands',
    'run through exec are audited only as the exec request, not command by command.',
    '',
    'The check reports each rule that grants `create` (or `get`, which old clients used) on',
    '`pods/exec`, including through wildcards.',
  ].join('\n'),
});
