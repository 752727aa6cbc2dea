/**
 * RuleTester-style cases for every RBAC scan check. Risk cases are derived from the risk
 * catalog: a ClusterRole granting exactly the first probe of each requirement, bound to a user.
 */
import { RBAC_CHECKS } from '../../src/checks/rbac/index.js';
import { RISKS, type RiskDefinition } from '../../src/analyzers/rbac/risks.js';
import type { AnyCheck } from '../../src/engine/types.js';
import { checkTester } from '../support/check-tester.js';

const byId = new Map<string, AnyCheck>(RBAC_CHECKS.map((c) => [c.id, c]));
const check = (id: string): AnyCheck => {
  const found = byId.get(id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

function ruleYaml(risk: RiskDefinition): string {
  return risk.requires
    .map((group) => {
      const p = group[0];
      if (!p) return '';
      const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
      const names = p.name ? `, resourceNames: ["${p.name}"]` : '';
      return `  - {apiGroups: ["${p.apiGroup ?? ''}"], resources: ["${resource}"], verbs: ["${p.verb}"]${names}}`;
    })
    .join('\n');
}

const binding = (name: string, labels = '') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}${labels}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: risky}
subjects:
  - {kind: User, name: mallory}
`;

for (const risk of RISKS) {
  const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: risky}
rules:
${ruleYaml(risk)}
`;
  const harmless = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: risky}
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get]}
`;
  checkTester.run(check(`rbac.risk.${risk.id}`), {
    valid: [
      { name: 'a harmless role', manifest: binding('harmless'), inventory: harmless },
      { name: 'a risky role bound only by a bootstrap binding', manifest: binding('system:x', ', labels: {kubernetes.io/bootstrapping: rbac-defaults}'), inventory: role },
    ],
    invalid: [
      {
        name: `${risk.id} bound cluster-wide`,
        manifest: binding('risky'),
        inventory: role,
        errors: [{ messageId: 'risk', path: '/subjects/0', resource: 'ClusterRoleBinding risky', data: { subject: 'User mallory', scope: 'cluster-wide' } }],
      },
    ],
  });
}

const escalation = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-maker, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pod-maker, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-maker}
subjects: [{kind: User, name: intern}]
`;
const powerfulSa = (verbs: string, resources: string) => `apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deployer}
rules: [{apiGroups: ["*"], resources: [${resources}], verbs: [${verbs}]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
subjects: [{kind: ServiceAccount, name: deployer, namespace: shop}]
`;
const enforcing = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {pod-security.kubernetes.io/enforce: restricted}}
`;

checkTester.run(check('rbac.path.cluster-admin'), {
  valid: [{ name: 'creating pods where no ServiceAccount is powerful', manifest: escalation, inventory: enforcing }],
  invalid: [
    {
      name: 'create pods → powerful ServiceAccount',
      manifest: escalation,
      inventory: `${enforcing}---\n${powerfulSa('"*"', '"*"')}`,
      errors: [
        { messageId: 'path', resource: 'RoleBinding shop/pod-maker', data: { source: 'User intern', hops: 3, cut: 'RoleBinding/shop/pod-maker' } },
        { messageId: 'path', resource: 'ClusterRoleBinding deployer', data: { source: 'ServiceAccount shop/deployer', hops: 1 } },
      ],
    },
  ],
});

checkTester.run(check('rbac.path.secrets'), {
  valid: [{ name: 'no secret access anywhere', manifest: escalation, inventory: enforcing }],
  invalid: [
    {
      name: 'create pods → ServiceAccount that lists secrets',
      manifest: escalation,
      inventory: `${enforcing}---\n${powerfulSa('list', 'secrets')}`,
      errors: [
        { messageId: 'path', resource: 'RoleBinding shop/pod-maker', data: { source: 'User intern', hops: 3 } },
        { messageId: 'path', resource: 'ClusterRoleBinding deployer', data: { source: 'ServiceAccount shop/deployer' } },
      ],
    },
  ],
});

checkTester.run(check('rbac.path.nodes'), {
  valid: [{ name: 'pod creation where Pod Security enforces restricted', manifest: escalation, inventory: enforcing }],
  invalid: [
    {
      name: 'pod creation without Pod Security enforcement',
      manifest: escalation,
      inventory: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
      errors: [{ messageId: 'path', resource: 'RoleBinding shop/pod-maker', data: { source: 'User intern', hops: 1, cut: 'RoleBinding/shop/pod-maker' } }],
    },
  ],
});
