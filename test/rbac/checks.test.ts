import { describe, expect, it } from 'vitest';
import { RBAC_CHECKS, RBAC_CHECK_REGISTRY } from '../../src/checks/rbac/index.js';
import { registryProblems } from '../../src/engine/registry.js';
import type { Framework } from '../../src/engine/types.js';
import { evaluateInventory } from '../../src/engine/runner.js';
import { Inventory } from '../../src/model/inventory.js';
import { RISKS } from '../../src/analyzers/rbac/risks.js';
import { readFileSync } from 'node:fs';
import { COMPLIANCE_DATA_DIR, controlMatches, parseCatalogue } from '../../src/engine/compliance.js';
import { clusterRole, clusterRoleBinding, deployment, namespace, resource, role, roleBinding, sa, serviceAccount, user } from './factory.js';

const settings = { pssLevel: 'baseline' as const, pssVersion: '1.30' };

describe('RBAC scan checks', () => {
  it('are a sound, id-sorted registry of inventory checks in domain rbac, one per risk plus three path checks', () => {
    expect(registryProblems(RBAC_CHECKS)).toEqual([]);
    const ids = RBAC_CHECKS.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(RISKS.length + 3);
    expect(Object.keys(RBAC_CHECK_REGISTRY)).toEqual(ids);
    for (const check of RBAC_CHECKS) {
      expect(check.scope).toBe('inventory');
      expect(check.domain).toBe('rbac');
      const frameworks = new Set(check.controls.map((c) => c.framework));
      for (const f of ['nsa-cisa', 'mitre-attack', 'pci-dss', 'soc2', 'hipaa']) expect(frameworks).toContain(f);
    }
  });

  it('map only to controls that exist (and are applicable) in the compliance catalogues', () => {
    const problems = new Set<string>();
    const catalogues = new Map<string, ReturnType<typeof parseCatalogue>>();
    const catalogue = (framework: Framework) => {
      const file = `${COMPLIANCE_DATA_DIR}${framework}.yaml`;
      let parsed = catalogues.get(framework);
      if (!parsed) catalogues.set(framework, (parsed = parseCatalogue(readFileSync(file, 'utf8'), file, framework)));
      return parsed;
    };
    for (const check of RBAC_CHECKS) {
      for (const control of check.controls) {
        const entry = catalogue(control.framework).controls.find((c) => controlMatches(c, control.id));
        if (!entry || entry.notApplicable !== undefined) problems.add(`${control.framework} ${control.id}`);
      }
    }
    expect([...problems]).toEqual([]);
  });

  const inventory = new Inventory([
    namespace('shop'),
    serviceAccount('shop', 'deployer'),
    clusterRole('deployer', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
    clusterRoleBinding('deployer', 'deployer', [sa('shop', 'deployer')]),
    role('shop', 'pod-maker', [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }]),
    roleBinding('shop', 'pod-maker', { kind: 'Role', name: 'pod-maker' }, [user('other'), user('intern')]),
    deployment('shop', 'cart', 'deployer'),
    resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'system:basic-user', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }] }),
  ]);
  const { findings, errors } = evaluateInventory(inventory, RBAC_CHECKS, { settings });

  it('report risks on the granting binding, pointing at the subject', () => {
    expect(errors).toEqual([]);
    const podsCreate = findings.filter((f) => f.checkId === 'rbac.risk.pods-create');
    expect(podsCreate.map((f) => [f.resource.name, f.path, f.message])).toContainEqual([
      'pod-maker', '/subjects/1', 'User intern (namespace shop): can create pods, through RoleBinding/shop/pod-maker → Role shop/pod-maker',
    ]);
    expect(findings.find((f) => f.checkId === 'rbac.risk.cluster-admin')?.resource.name).toBe('deployer');
  });

  it('report paths on the binding that cuts them', () => {
    const paths = findings.filter((f) => f.checkId === 'rbac.path.cluster-admin');
    expect(paths.map((f) => f.message)).toContainEqual(expect.stringMatching(/^User intern reaches cluster-admin-equivalent in 3 step\(s\): create a pod in shop .*; removing RoleBinding\/shop\/pod-maker cuts every such path$/));
    expect(paths.find((f) => f.message.startsWith('Deployment shop/cart'))?.resource.name).toBe('deployer');
  });

  it('do not report what only bootstrap (rbac-defaults) bindings grant', () => {
    expect(findings.filter((f) => f.resource.name === 'system:basic-user')).toEqual([]);
  });
});
