/**
 * Service-account token automount: a pod gets an API token mounted at
 * /var/run/secrets/kubernetes.io/serviceaccount unless `spec.automountServiceAccountToken` is
 * false, or the pod leaves it unset and its ServiceAccount sets it to false. Allowed: false on
 * the pod, or unset on the pod with `automountServiceAccountToken: false` on its ServiceAccount
 * (when that ServiceAccount is in the inventory). Most applications never call the API, and a
 * mounted token is the first thing an intruder uses to move from a container to the cluster.
 */
import { defineCheck } from '../../engine/types.js';
import { effectiveNamespace } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import { joinPointer } from '../../model/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { stringAt, valueAt } from './helpers.js';

export default defineCheck<'mountedByDefault' | 'mountedExplicitly'>({
  id: 'workload.service-account-token-automount',
  title: 'Service-account token mounted into the pod',
  domain: 'workload',
  // medium: the token alone grants only what RBAC gives its ServiceAccount, but it is the standard first step from a container foothold to the API.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [
    cis('5.1.6'),
    NSA.serviceAccountTokens,
    attack('T1528'),
    attack('T1552.007'),
    pci('7.2.5'),
    pci('8.6.3'),
    soc2('CC6.1'),
    soc2('CC6.3'),
    HIPAA.accessControl,
  ],
  messages: {
    mountedByDefault:
      'pod mounts a token of ServiceAccount "{{serviceAccount}}" because neither the pod nor the ServiceAccount sets automountServiceAccountToken=false',
    mountedExplicitly: 'pod sets automountServiceAccountToken=true and mounts a token of ServiceAccount "{{serviceAccount}}"',
  },
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount) unless the application calls the Kubernetes API. A workload that does call it should use its own ServiceAccount with a minimal Role and record the need as an exception.',
  docs: [
    'A mounted service-account token is the first thing an intruder in a container uses to',
    'reach the API server, and most applications never need it.',
    '',
    'Unless told otherwise, the kubelet mounts a token of the pod\'s ServiceAccount into every',
    'container at `/var/run/secrets/kubernetes.io/serviceaccount/token`. Anyone who gets code',
    'execution in the container can read it and call the API server with the ServiceAccount\'s',
    'permissions (MITRE ATT&CK T1528, T1552.007). Most applications never talk to the API, so',
    'for them the token is pure attack surface.',
    '',
    'The pod field wins over the ServiceAccount field. The check passes when the pod sets',
    '`automountServiceAccountToken: false`, or leaves it unset and its ServiceAccount (looked',
    'up in the inventory: `serviceAccountName`, else `default`, in the pod\'s namespace) sets',
    'it to false. An explicit `true` is reported too: Rampart cannot tell from a manifest',
    'whether the application needs the API, so a workload that does should carry a governed',
    'exception that says so.',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata: { name: web }',
    'automountServiceAccountToken: false',
    '---',
    '# in the pod template',
    'spec:',
    '  serviceAccountName: web',
    '  automountServiceAccountToken: false',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      const specPointer = `${template.pointer}/spec`;
      const serviceAccount = stringAt(template.spec, 'serviceAccountName') ?? stringAt(template.spec, 'serviceAccount') ?? 'default';
      const podValue = valueAt(template.spec, 'automountServiceAccountToken');
      if (podValue === false) continue;
      if (podValue === true) {
        ctx.report({ messageId: 'mountedExplicitly', data: { serviceAccount }, path: joinPointer(specPointer, 'automountServiceAccountToken') });
        continue;
      }
      const account = ctx.inventory.get('ServiceAccount', effectiveNamespace(ctx.resource), serviceAccount);
      if (account && valueAt(account.body, 'automountServiceAccountToken') === false) continue;
      ctx.report({ messageId: 'mountedByDefault', data: { serviceAccount }, path: specPointer });
    }
  },
});
