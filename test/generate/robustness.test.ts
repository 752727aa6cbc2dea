/**
 * Odd and empty inventories: malformed workloads, bindings to missing roles, Services selecting
 * nothing — the bundle is still generated, for every deliverable, without throwing.
 */
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../src/generate/bundle.js';
import { ALL_GENERATORS } from '../../src/generate/deliverables/index.js';
import { resolveProfile } from '../../src/generate/profile.js';
import { loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';
import { seededRandomBytes } from './deliverables/support.js';

const ODD = [
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b, namespace: x}\nspec: {template: {spec: {containers: "nope"}}}',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: c, namespace: x}\nspec: {containers: [{name: c}], volumes: [{name: v, hostPath: {path: /etc}}]}',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: r, namespace: x}\nroleRef: {kind: Role, name: missing}\nsubjects: [{kind: ServiceAccount, name: default}]',
  'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: x}\nspec: {selector: {app: q}, ports: [{port: 80}]}',
  'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj, namespace: "prod-1"}\nspec: {}',
].join('\n---\n');

describe('robustness', () => {
  it('malformed workloads, a binding to a missing role, a Service selecting nothing', () => {
    const inventory = new Inventory(loadText(ODD, 'odd.yaml').resources);
    for (const distribution of ['kubeadm', 'eks'] as const) {
      const profile = resolveProfile({ distribution, mesh: 'istio' }, inventory);
      const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS);
      expect(bundle.deliverables).toHaveLength(ALL_GENERATORS.length);
      expect(bundle.files.get('PLAN.md')).toContain('## Controls matrix');
    }
  });

  it('an empty inventory', () => {
    const inventory = new Inventory([]);
    const bundle = generateBundle({ profile: resolveProfile({}, inventory), inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS);
    expect(bundle.deliverables).toHaveLength(ALL_GENERATORS.length);
    expect(bundle.files.get('rbac/serviceaccounts.yaml')).toContain('# (no objects)');
  });
});
