/**
 * Control: nothing is granted to unauthenticated requests.
 * Restricted fields: subjects[*] of a RoleBinding or ClusterRoleBinding. Not allowed: User
 * system:anonymous, Group system:unauthenticated. The API server's own default binding
 * (system:public-info-viewer, read-only version and health endpoints) is not reported.
 */
import { ANONYMOUS, UNAUTHENTICATED } from '../../analyzers/rbac/subjects.js';
import { defineCheck } from '../../engine/types.js';
import { BINDING_KINDS, describeRbacObject, isBootstrapObject, isDefaultBroadBinding, isRbacObject, roleRefOf, subjectsOf } from './rbac-objects.js';

export default defineCheck<'anonymous'>({
  id: 'rbac.anonymous-binding',
  title: 'Role bound to anonymous users',
  // critical: anyone who can reach the API server gets the role with no credential at all.
  severity: 'critical',
  scope: 'resource',
  match: BINDING_KINDS,
  domain: 'rbac',
  controls: [
    { framework: 'cis-k8s', id: '5.1.1' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1078.001' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'hipaa', id: '164.312(d)' },
    { framework: 'soc2', id: 'CC6.1' },
  ],
  messages: { anonymous: '{{binding}} grants {{role}} to {{subject}}, which every unauthenticated request carries' },
  remediation:
    'Remove system:anonymous and system:unauthenticated from the binding subjects. Bind the role to authenticated identities, and disable anonymous authentication on the API server if nothing needs it.',
  docs: [
    'A role bound to system:anonymous or system:unauthenticated is held by anyone who can reach the API server, with no credential at all.',
    '',
    'Requests without credentials are authenticated as the user `system:anonymous` in the group',
    '`system:unauthenticated` (while anonymous authentication is enabled, the default). A binding to',
    'either subject hands the role to anyone on the network who can reach the API server.',
    '',
    'The check reports each such subject. The API server\'s default binding',
    '`system:public-info-viewer` (version and health endpoints) is not reported.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isRbacObject(resource) || isBootstrapObject(resource) || isDefaultBroadBinding(resource)) return;
    const ref = roleRefOf(resource);
    for (const subject of subjectsOf(resource)) {
      const anonymous = (subject.kind === 'User' && subject.name === ANONYMOUS) || (subject.kind === 'Group' && subject.name === UNAUTHENTICATED);
      if (!anonymous) continue;
      report({
        messageId: 'anonymous',
        data: { binding: describeRbacObject(resource), role: ref ? `${ref.kind} ${ref.name}` : 'its role', subject: `${subject.kind} ${subject.name}` },
        path: subject.pointer,
      });
    }
  },
});
