/**
 * Control: nothing outside the control plane can write in kube-system.
 * Looks at: Roles in kube-system (each rule with a write verb), and RoleBindings in kube-system
 * whose ClusterRole allows writes (looked up in the inventory; `cluster-admin`, `admin` and
 * `edit` are known to). Objects named `system:*` and the API server's defaults are skipped: they
 * belong to control-plane components.
 */
import { verbMatches } from '../../analyzers/rbac/match.js';
import type { PolicyRule } from '../../analyzers/rbac/types.js';
import { defineCheck } from '../../engine/types.js';
import type { Resource } from '../../model/types.js';
import { describeRbacObject, isBootstrapObject, isRbacObject, roleRefOf, rulesOf } from './rbac-objects.js';

const KUBE_SYSTEM = 'kube-system';
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
/** Default ClusterRoles that allow writes, for bindings whose role is not in the inventory. */
const WRITING_DEFAULT_ROLES: ReadonlySet<string> = new Set(['cluster-admin', 'admin', 'edit']);

function writeVerb(rule: PolicyRule): string | undefined {
  if (rule.resources.length === 0) return undefined;
  return WRITE_VERBS.find((verb) => verbMatches(rule, verb));
}

function isControlPlaneObject(resource: Resource): boolean {
  return isBootstrapObject(resource) || resource.name.startsWith('system:');
}

export default defineCheck<'roleWrites' | 'bindingWrites'>({
  id: 'rbac.kube-system-write',
  title: 'Write access in kube-system',
  // high: kube-system holds control-plane credentials and add-on configuration; writing there is a short path to cluster compromise.
  severity: 'high',
  scope: 'resource',
  match: ['Role', 'RoleBinding'],
  domain: 'rbac',
  controls: [
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1098' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: {
    roleWrites: '{{role}} rule {{rule}} allows "{{verb}}" in kube-system',
    bindingWrites: '{{binding}} grants {{role}}, which allows writes, in kube-system',
  },
  remediation:
    'Remove write verbs from Roles in kube-system and do not bind writing ClusterRoles there. Run add-ons that need to write in their own namespace, and keep kube-system to control-plane components.',
  docs: [
    'Write access in kube-system, where control-plane credentials and add-on configuration live, is a short path to cluster compromise.',
    '',
    'kube-system runs control-plane components and add-ons with powerful ServiceAccounts, and holds',
    'their configuration (kube-proxy, CoreDNS, on EKS the aws-auth identity mapping). Whoever can',
    'create pods, change ConfigMaps or read-write Secrets there is one step from cluster-admin.',
    '',
    'The check reports each rule of a Role in kube-system that allows create, update, patch, delete',
    'or deletecollection, and each RoleBinding in kube-system to a ClusterRole that does (the role',
    'is looked up in the inventory; `cluster-admin`, `admin` and `edit` are known). Objects named',
    '`system:*` and the API server\'s defaults are skipped.',
  ].join('\n'),
  evaluate: ({ resource, inventory, report }) => {
    if (!isRbacObject(resource) || resource.namespace !== KUBE_SYSTEM || isControlPlaneObject(resource)) return;
    if (resource.kind === 'Role') {
      for (const { rule, index, pointer } of rulesOf(resource)) {
        const verb = writeVerb(rule);
        if (verb) report({ messageId: 'roleWrites', data: { role: describeRbacObject(resource), rule: index, verb }, path: pointer });
      }
      return;
    }
    const ref = roleRefOf(resource);
    if (!ref || ref.kind !== 'ClusterRole') return;
    const role = inventory.get('ClusterRole', undefined, ref.name);
    const writes = role ? rulesOf(role).some(({ rule }) => writeVerb(rule) !== undefined) : WRITING_DEFAULT_ROLES.has(ref.name);
    if (writes) report({ messageId: 'bindingWrites', data: { binding: describeRbacObject(resource), role: `ClusterRole ${ref.name}` }, path: '/roleRef' });
  },
});
