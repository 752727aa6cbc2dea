/**
 * Control: roles are bound to named identities, not to every authenticated one.
 * Restricted fields: subjects[*] of a RoleBinding or ClusterRoleBinding. Not allowed: Group
 * system:authenticated. The API server's default bindings (system:discovery, system:basic-user,
 * system:public-info-viewer) are not reported.
 */
import { AUTHENTICATED } from '../../analyzers/rbac/subjects.js';
import { defineCheck } from '../../engine/types.js';
import { BINDING_KINDS, describeRbacObject, isBootstrapObject, isDefaultBroadBinding, isRbacObject, roleRefOf, subjectsOf } from './rbac-objects.js';

export default defineCheck<'authenticated'>({
  id: 'rbac.authenticated-binding',
  title: 'Role bound to every authenticated identity',
  // high: every ServiceAccount of every namespace and every user holds the role, so any compromised pod gets it.
  severity: 'high',
  scope: 'resource',
  match: BINDING_KINDS,
  domain: 'rbac',
  controls: [
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1078' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'hipaa', id: '164.308(a)(4)' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: { authenticated: '{{binding}} grants {{role}} to Group system:authenticated: every user and every ServiceAccount of every namespace' },
  remediation:
    'Replace Group system:authenticated with the users, groups or ServiceAccounts that need the role.',
  docs: [
    'A role bound to system:authenticated is held by every user and every ServiceAccount, so any compromised pod gets it.',
    '',
    'Every authenticated request carries the group `system:authenticated`: every user, every node',
    'and every ServiceAccount token of every namespace (and, on some managed platforms, any account',
    'of the identity provider). A role bound to it is held by any pod an attacker compromises.',
    '',
    'The check reports each binding subject `Group system:authenticated`, except in the API',
    'server\'s own default bindings.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isRbacObject(resource) || isBootstrapObject(resource) || isDefaultBroadBinding(resource)) return;
    const ref = roleRefOf(resource);
    for (const subject of subjectsOf(resource)) {
      if (subject.kind !== 'Group' || subject.name !== AUTHENTICATED) continue;
      report({
        messageId: 'authenticated',
        data: { binding: describeRbacObject(resource), role: ref ? `${ref.kind} ${ref.name}` : 'its role' },
        path: subject.pointer,
      });
    }
  },
});
