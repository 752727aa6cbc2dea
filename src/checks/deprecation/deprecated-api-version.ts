/**
 * Control: manifests do not use API versions that are deprecated at the target Kubernetes
 * version (option `kubernetesVersion`, default 1.30) and will stop being served.
 * Restricted field: apiVersion, for the group/version/kind pairs of api-versions.ts whose
 * deprecatedIn ≤ target < removedIn.
 */
import { defineCheck } from '../../engine/types.js';
import { DEFAULT_KUBERNETES_VERSION, lifecycleAt, type KubernetesVersionOptions } from './version-check.js';

const ID = 'deprecation.deprecated-api-version';

export default defineCheck<'deprecated', KubernetesVersionOptions>({
  id: ID,
  title: 'Deprecated API version',
  // low: still served today; the manifest breaks at a later upgrade, which delays security upgrades.
  severity: 'low',
  scope: 'resource',
  match: '*',
  domain: 'deprecation',
  defaultOptions: { kubernetesVersion: DEFAULT_KUBERNETES_VERSION },
  controls: [
    { framework: 'nsa-cisa', id: 'upgrading-and-application-security-practices' },
    { framework: 'pci-dss', id: '12.3.4' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: {
    deprecated: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecatedIn}} and no longer served from {{removedIn}}; migrate to {{replacement}}',
  },
  remediation:
    'Change apiVersion to the replacement named in the message and adjust the fields that changed between versions (the Kubernetes Deprecated API Migration Guide lists them), then re-apply the manifest before upgrading.',
  docs: [
    'A manifest on a deprecated API version breaks at a later upgrade, which tends to delay upgrades that carry security fixes.',
    '',
    'Deprecated API versions are still served, but a later release removes them: manifests, Helm',
    'charts and controllers that use them fail on that upgrade, which tends to delay upgrades that',
    'carry security fixes.',
    '',
    'The check compares each resource\'s `apiVersion` and `kind` with a table of the upstream',
    'deprecations (Kubernetes Deprecated API Migration Guide) for the target version, set with the',
    'check option `kubernetesVersion` (default `1.30`). Versions already removed at the target are',
    'reported by `deprecation.removed-api-version` instead.',
  ].join('\n'),
  evaluate: ({ resource, options, report }) => {
    const { state, api } = lifecycleAt(ID, resource, options);
    if (state !== 'deprecated' || !api) return;
    report({
      messageId: 'deprecated',
      data: { apiVersion: resource.apiVersion, kind: resource.kind, deprecatedIn: api.deprecatedIn, removedIn: api.removedIn, replacement: api.replacement },
      path: '/apiVersion',
    });
  },
});
