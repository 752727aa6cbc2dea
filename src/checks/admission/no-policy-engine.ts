/**
 * Control: the cluster has at least one active policy control mechanism (CIS 5.2.1): Kyverno,
 * Gatekeeper, Kubewarden, jsPolicy (policies or controller present) or a ValidatingAdmissionPolicy
 * with a binding.
 * Looks at: the whole inventory, when it describes a cluster (declares at least one Namespace);
 * the finding is reported on the first Namespace by name.
 */
import { defineCheck } from '../../engine/types.js';
import { firstNamespace } from './anchor.js';
import { detectPolicyEngines, POLICY_ENGINES } from './policy-engines.js';

export default defineCheck<'noEngine'>({
  id: 'admission.no-policy-engine',
  title: 'No admission policy engine',
  // medium: nothing beyond Pod Security Admission stops a non-compliant object (unsigned images, missing limits, risky Services) at admission.
  severity: 'medium',
  scope: 'inventory',
  match: '*',
  domain: 'admission',
  controls: [
    { framework: 'cis-k8s', id: '5.2.1' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'mitre-attack', id: 'T1610' },
    { framework: 'pci-dss', id: '2.2.1' },
    { framework: 'pci-dss', id: '6.5.1' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: { noEngine: 'no admission policy engine found in the inventory ({{engines}}, or a ValidatingAdmissionPolicy with a binding)' },
  remediation:
    'Install an admission policy engine (Kyverno or Gatekeeper) or define ValidatingAdmissionPolicies with bindings, and roll its policies out from audit through warn to enforce. Run `rampart harden` for a starting policy set.',
  docs: [
    'Without a policy engine nothing beyond Pod Security Admission stops a non-compliant object at admission.',
    '',
    'Pod Security Admission covers only pod fields. Everything else an organisation requires — image',
    'registries and signatures, resource limits, labels, no NodePorts, no snippet annotations —',
    'is enforced at admission by a policy engine, or not at all. CIS 5.2.1 asks for at least one',
    'active policy control mechanism.',
    '',
    'The check looks for Kyverno, Gatekeeper, Kubewarden or jsPolicy (their policy kinds, or their',
    'controller Deployment by name or image) and for a ValidatingAdmissionPolicy together with a',
    'binding to it. It runs only when the input describes a cluster (at least one Namespace object),',
    'since application manifests alone cannot show what the cluster has installed, and reports on',
    'the first Namespace by name.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    const anchor = firstNamespace(inventory);
    if (!anchor || detectPolicyEngines(inventory).length > 0) return;
    report({ resource: anchor, messageId: 'noEngine', data: { engines: POLICY_ENGINES.map((e) => e.name).join(', ') }, path: '' });
  },
});
