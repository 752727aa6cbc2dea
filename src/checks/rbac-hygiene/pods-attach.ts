/**
 * Control: no Role or ClusterRole grants `pods/attach`.
 * Looks at: every rule, wildcards and resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.pods-attach',
  title: 'Role can attach to pods',
  // high: attaching to the main process gives interactive control of the container, like exec.
  severity: 'high',
  controls: [
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1609' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [{ verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'attach' }],
  countNamedRules: true,
  remediation:
    'Remove pods/attach from the rule. Grant it, with pods/exec, only to a break-glass role that is bound when needed.',
  docs: [
    'Attaching to a container\'s main process gives interactive control of it, as exec does.',
    '',
    '`pods/attach` connects the caller to the standard input and output of a container\'s main',
    'process. For a shell or an interpreter that is the same as exec: commands run with the',
    'container\'s identity and secrets.',
    '',
    'The check reports each rule that grants `create` or `get` on `pods/attach`, including through',
    'wildcards.',
  ].join('\n'),
});
