/**
 * The "namespace without a companion object" pattern (LimitRange, ResourceQuota), evaluated only
 * under a multi-tenant posture.
 */
import { defineCheck, type CheckDefinition, type Control, type Severity } from '../../engine/types.js';
import { isCheckedNamespace, SYSTEM_NAMESPACES, type ExemptNamespacesOption } from './psa-labels.js';

export interface MultiTenantOptions extends ExemptNamespacesOption {
  /** The cluster is shared between tenants (teams, customers) that must not starve each other. */
  multiTenant: boolean;
}

export interface CompanionCheckMeta {
  id: string;
  title: string;
  severity: Severity;
  controls: readonly Control[];
  remediation: string;
  docs: string;
  /** Kind that must exist in the namespace. */
  companionKind: string;
}

/**
 * A check reporting a Namespace in which the inventory holds no object of `companionKind`, when
 * the `multiTenant` option is set.
 *
 * @example
 * export default companionCheck({ id: 'namespace.missing-limitrange', companionKind: 'LimitRange', … });
 */
export function companionCheck(meta: CompanionCheckMeta): CheckDefinition<'missing', MultiTenantOptions> {
  return defineCheck<'missing', MultiTenantOptions>({
    id: meta.id,
    title: meta.title,
    domain: 'namespace',
    severity: meta.severity,
    controls: meta.controls,
    remediation: meta.remediation,
    docs: meta.docs,
    scope: 'resource',
    match: ['Namespace'],
    defaultOptions: { multiTenant: false, exemptNamespaces: [...SYSTEM_NAMESPACES] },
    messages: { missing: `Namespace {{name}} has no ${meta.companionKind} under a multi-tenant posture` },
    evaluate: ({ resource, inventory, options, report }) => {
      if (!options.multiTenant || !isCheckedNamespace(resource, options.exemptNamespaces)) return;
      if (inventory.inNamespace(resource.name).some((r) => r.kind === meta.companionKind)) return;
      report({ messageId: 'missing', data: { name: resource.name }, path: '' });
    },
  });
}
