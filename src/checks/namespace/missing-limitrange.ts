/**
 * Control: under a multi-tenant posture, every namespace has a LimitRange that gives containers
 * default requests and limits and caps them (NSA/CISA resource policies).
 * Looks at: Namespaces, when the `multiTenant` option is true; a LimitRange of the namespace must
 * be in the inventory.
 */
import { companionCheck } from './companion.js';

export default companionCheck({
  id: 'namespace.missing-limitrange',
  title: 'Namespace without a LimitRange (multi-tenant)',
  // medium: one tenant's unbounded containers can exhaust node resources and deny service to others.
  severity: 'medium',
  companionKind: 'LimitRange',
  controls: [
    { framework: 'nsa-cisa', id: 'resource-policies' },
    { framework: 'mitre-attack', id: 'T1496' },
    { framework: 'pci-dss', id: '2.2.1' },
    { framework: 'hipaa', id: '164.308(a)(7)(i)' },
    { framework: 'soc2', id: 'A1.1' },
  ],
  remediation:
    'Add a LimitRange to the namespace that sets default requests and limits for containers and a maximum per container, so that pods without resource settings are still bounded.',
  docs: [
    'On a shared cluster, a namespace without a LimitRange lets one tenant\'s unbounded containers exhaust nodes and evict others.',
    '',
    'A LimitRange gives containers that set no requests or limits a default, and caps what any',
    'container may ask for. On a cluster shared between tenants, a namespace without one lets a',
    'single unbounded pod consume a node\'s memory or CPU and evict its neighbours.',
    '',
    'The check runs only under a multi-tenant posture (option `multiTenant: true`) and reports each',
    'Namespace for which the scanned input holds no LimitRange. System namespaces are exempt by',
    'default.',
  ].join('\n'),
});
