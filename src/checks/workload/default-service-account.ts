/**
 * Default ServiceAccount: a pod should name its own ServiceAccount in `spec.serviceAccountName`.
 * Reported: the field unset (the pod runs as `default`) or set to "default". Every pod of a
 * namespace that uses `default` shares one identity, so any Role bound to it for one workload
 * is granted to all of them, and audit logs cannot tell them apart.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { joinPointer } from '../../model/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { stringAt } from './helpers.js';

export default defineCheck<'unset' | 'explicitDefault'>({
  id: 'workload.default-service-account',
  title: 'Pod runs as the default ServiceAccount',
  domain: 'workload',
  // low: the default ServiceAccount has no permissions unless someone binds some; a dedicated identity is least-privilege hygiene.
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.1.5'), NSA.serviceAccountTokens, attack('T1078.001'), pci('7.2.5'), pci('8.2.2'), soc2('CC6.1'), soc2('CC6.3'), HIPAA.informationAccess],
  messages: {
    unset: 'pod sets no serviceAccountName and runs as the namespace\'s "default" ServiceAccount',
    explicitDefault: 'pod sets serviceAccountName="default"',
  },
  remediation:
    'Create a ServiceAccount for the workload, set `spec.serviceAccountName` to it in the pod template, and bind only the Roles that workload needs.',
  docs: [
    'Pods that run as the namespace\'s `default` ServiceAccount share one identity, so a Role',
    'bound for one workload is granted to all of them.',
    '',
    'Every namespace has a ServiceAccount named `default`, and pods that do not name one run as',
    'it. When every workload shares that identity, a RoleBinding made for one of them silently',
    'grants the same access to all others, and API audit logs cannot tell which workload made',
    'a request. CIS 5.1.5 asks that the default ServiceAccounts are not actively used.',
    '',
    'The check reports a pod template whose `serviceAccountName` (or the deprecated',
    '`serviceAccount`) is unset or `default`. Pair it with',
    '`workload.service-account-token-automount` so the new identity\'s token is mounted only',
    'where the API is used.',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata: { name: cart, namespace: shop }',
    'automountServiceAccountToken: false',
    '---',
    '# in the Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      serviceAccountName: cart',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      const specPointer = `${template.pointer}/spec`;
      const field = stringAt(template.spec, 'serviceAccountName') !== undefined ? 'serviceAccountName' : 'serviceAccount';
      const name = stringAt(template.spec, field);
      if (name === undefined || name === '') ctx.report({ messageId: 'unset', path: specPointer });
      else if (name === 'default') ctx.report({ messageId: 'explicitDefault', path: joinPointer(specPointer, field) });
    }
  },
});
