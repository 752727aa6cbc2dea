/**
 * Control: manifests do not use API versions that the target Kubernetes version (option
 * `kubernetesVersion`, default 1.30) no longer serves.
 * Restricted field: apiVersion, for the group/version/kind pairs of api-versions.ts whose
 * removedIn ≤ target.
 */
import { defineCheck } from '../../engine/types.js';
import { DEFAULT_KUBERNETES_VERSION, lifecycleAt, type KubernetesVersionOptions } from './version-check.js';

const ID = 'deprecation.removed-api-version';

export default defineCheck<'removed', KubernetesVersionOptions>({
  id: ID,
  title: 'Removed API version',
  // medium: the object cannot be applied; when it is a security object (NetworkPolicy, RBAC, webhook, PodSecurityPolicy) the control silently does not exist.
  severity: 'medium',
  scope: 'resource',
  match: '*',
  domain: 'deprecation',
  defaultOptions: { kubernetesVersion: DEFAULT_KUBERNETES_VERSION },
  controls: [
    { framework: 'nsa-cisa', id: 'upgrading-and-application-security-practices' },
    { framework: 'pci-dss', id: '12.3.4' },
    { framework: 'pci-dss', id: '6.3.3' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: {
    removed: '{{apiVersion}} {{kind}} is not served by Kubernetes {{version}} (removed in {{removedIn}}); migrate to {{replacement}}',
  },
  remediation:
    'Change apiVersion to the replacement named in the message and adjust the fields that changed between versions (the Kubernetes Deprecated API Migration Guide lists them). Where no replacement exists, as for PodSecurityPolicy, move the control to its successor mechanism.',
  docs: [
    'An object on a removed API version cannot be applied, so a security object written that way is silently absent from the cluster.',
    '',
    'An API version that the cluster no longer serves cannot be applied: `kubectl apply` and Helm',
    'fail, and GitOps controllers stop syncing the object. When the object is a security control —',
    'an old NetworkPolicy, RBAC v1beta1 roles, a v1beta1 webhook, a PodSecurityPolicy — the control',
    'is simply absent from the cluster.',
    '',
    'The check compares each resource\'s `apiVersion` and `kind` with a table of the upstream',
    'removals (Kubernetes Deprecated API Migration Guide, plus alpha APIs dropped in release notes)',
    'for the target version, set with the check option `kubernetesVersion` (default `1.30`).',
  ].join('\n'),
  evaluate: ({ resource, options, report }) => {
    const { state, api, version } = lifecycleAt(ID, resource, options);
    if (state !== 'removed' || !api) return;
    report({
      messageId: 'removed',
      data: { apiVersion: resource.apiVersion, kind: resource.kind, version, removedIn: api.removedIn, replacement: api.replacement },
      path: '/apiVersion',
    });
  },
});
