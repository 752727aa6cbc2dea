/**
 * The `default` ServiceAccount of a namespace must set `automountServiceAccountToken: false`
 * (CIS 5.1.5). Every pod that names no ServiceAccount runs as `default`; with this setting none
 * of them gets an API token unless its own pod spec asks for one.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { valueAt } from './helpers.js';

export default defineCheck<'unset' | 'enabled'>({
  id: 'workload.default-service-account-automount',
  title: 'Default ServiceAccount mounts its token',
  domain: 'workload',
  // low: the default ServiceAccount holds no permissions unless someone binds some, so its token is hygiene until that happens.
  severity: 'low',
  scope: 'resource',
  match: ['ServiceAccount'],
  controls: [cis('5.1.5'), NSA.serviceAccountTokens, attack('T1528'), pci('7.2.5'), soc2('CC6.1'), HIPAA.accessControl],
  messages: {
    unset: 'ServiceAccount "default" does not set automountServiceAccountToken=false, so every pod without its own ServiceAccount gets its token',
    enabled: 'ServiceAccount "default" sets automountServiceAccountToken=true, so every pod without its own ServiceAccount gets its token',
  },
  remediation: 'Set `automountServiceAccountToken: false` on the `default` ServiceAccount of every namespace.',
  docs: [
    'A `default` ServiceAccount that mounts its token hands an API credential to every pod of',
    'the namespace that does not name its own ServiceAccount — usually the pods nobody thought',
    'about. Should anyone ever bind a Role to `default`, all of them gain it. CIS 5.1.5 asks',
    'that default ServiceAccounts set `automountServiceAccountToken: false`; pods that need',
    'the API then use a dedicated ServiceAccount (see `workload.default-service-account`).',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata: { name: default, namespace: shop }',
    'automountServiceAccountToken: false',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    if (ctx.resource.name !== 'default') return;
    const value = valueAt(ctx.resource.body, 'automountServiceAccountToken');
    if (value === false) return;
    if (value === true) ctx.report({ messageId: 'enabled', path: '/automountServiceAccountToken' });
    else ctx.report({ messageId: 'unset', path: '' });
  },
});
