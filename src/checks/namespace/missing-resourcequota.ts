/**
 * Control: under a multi-tenant posture, every namespace has a ResourceQuota that caps its total
 * consumption (NSA/CISA resource policies).
 * Looks at: Namespaces, when the `multiTenant` option is true; a ResourceQuota of the namespace
 * must be in the inventory.
 */
import { companionCheck } from './companion.js';

export default companionCheck({
  id: 'namespace.missing-resourcequota',
  title: 'Namespace without a ResourceQuota (multi-tenant)',
  // medium: a tenant can create objects and pods without bound and exhaust the cluster's capacity.
  severity: 'medium',
  companionKind: 'ResourceQuota',
  controls: [
    { framework: 'nsa-cisa', id: 'resource-policies' },
    { framework: 'mitre-attack', id: 'T1496' },
    { framework: 'pci-dss', id: '2.2.1' },
    { framework: 'hipaa', id: '164.308(a)(7)(i)' },
    { framework: 'soc2', id: 'A1.1' },
  ],
  remediation:
    'Add a ResourceQuota to the namespace that caps total CPU and memory requests and limits, and the number of pods, Services, LoadBalancers and PersistentVolumeClaims.',
  docs: [
    'On a shared cluster, a namespace without a ResourceQuota lets one tenant exhaust the cluster\'s capacity.',
    '',
    'A ResourceQuota caps the sum of what a namespace may consume: CPU, memory, storage and object',
    'counts (pods, LoadBalancer Services, Secrets). On a cluster shared between tenants it keeps one',
    'tenant, or one compromised deployment pipeline, from exhausting the cluster.',
    '',
    'The check runs only under a multi-tenant posture (option `multiTenant: true`) and reports each',
    'Namespace for which the scanned input holds no ResourceQuota. System namespaces are exempt by',
    'default.',
  ].join('\n'),
});
