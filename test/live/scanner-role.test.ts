/**
 * The scanner ClusterRole is enough and no more: the fake API server enforces it as the RBAC
 * authorizer would (exact names; the role has no wildcards) and records every request; the
 * reader must never be denied, never use a verb but `list`, and read Secrets as metadata only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { METADATA_ONLY_ACCEPT } from '../../src/live/list.js';
import { readCluster } from '../../src/live/reader.js';
import { BUILT_IN_TYPES, WELL_KNOWN_CUSTOM_TYPES } from '../../src/live/resource-types.js';
import { rulesAllow, scannerClusterRole, scannerRules, type PolicyRule } from '../../src/live/scanner-role.js';
import { startCluster, type TestCluster } from './harness.js';
import { schemaErrors } from './schemas.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const DISCOVERY_PATH = /^\/(api|apis)(\/[^/]+){0,2}$/;

function enforcing(rules: readonly PolicyRule[]) {
  return { authorize: (r: { verb: string; group: string; resource: string }) => rulesAllow(rules, r.verb, r.group, r.resource) };
}

describe('the scanner ClusterRole', () => {
  it('grants get and list only, without wildcards, and Secrets list alone', () => {
    const role = scannerClusterRole() as { rules: PolicyRule[] };
    expect(JSON.stringify(role)).not.toContain('*');
    for (const rule of role.rules) {
      if (rule.resources.includes('secrets')) expect(rule).toEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] });
      else expect(rule.verbs).toEqual(['get', 'list']);
      expect(rule.resources.every((r) => !r.includes('/'))).toBe(true);
    }
    expect(role.rules.filter((r) => r.resources.includes('secrets'))).toHaveLength(1);
    expect(schemaErrors('kubernetes-1.30/clusterrole-rbac-v1.json', role)).toEqual([]);
  });

  it('grants every type in the reader catalogue', () => {
    const rules = scannerRules();
    for (const t of [...BUILT_IN_TYPES, ...WELL_KNOWN_CUSTOM_TYPES]) expect(rulesAllow(rules, 'list', t.group, t.resource), `${t.group}/${t.resource}`).toBe(true);
  });

  it('refuses wildcards and subresources as extra types', () => {
    expect(() => scannerRules({ extraTypes: [{ group: '*', resource: 'pods' }] })).toThrow(/wildcards/);
    expect(() => scannerRules({ extraTypes: [{ group: '', resource: 'pods/exec' }] })).toThrow(/subresources/);
  });

  it('is all the reader needs: no request is denied, every request is a list or discovery', async () => {
    const rules = scannerRules({ extraTypes: [{ group: 'ml.example.com', resource: 'trainingjobs' }] });
    cluster = await startCluster(enforcing(rules));
    const { gaps, loaded } = await readCluster({ kubeconfig: cluster.kubeconfig, pageSize: 3 });
    expect(gaps).toEqual([]);
    expect(loaded.resources.some((r) => r.kind === 'TrainingJob')).toBe(true);
    for (const r of cluster.server.requests) {
      expect(r.method).toBe('GET');
      expect(r.status, r.path).toBe(200);
      if (r.verb === 'discovery') {
        // Discovery paths are granted to every authenticated user by system:discovery.
        expect(r.path).toMatch(DISCOVERY_PATH);
        continue;
      }
      expect(r.verb).toBe('list');
      expect(rulesAllow(rules, r.verb, r.group ?? '', r.resource ?? ''), r.path).toBe(true);
      if (r.resource === 'secrets') expect(r.accept).toBe(METADATA_ONLY_ACCEPT);
    }
    // The aggregated metrics API and noisy types are never touched.
    expect(cluster.server.requests.some((r) => r.path.includes('metrics.k8s.io') || r.resource === 'events' || r.resource === 'endpoints')).toBe(false);
  });

  it('a custom resource with pod templates that the role does not name is a forbidden gap, with the remedy', async () => {
    cluster = await startCluster(enforcing(scannerRules()));
    const { gaps, loaded } = await readCluster({ kubeconfig: cluster.kubeconfig });
    expect(gaps).toEqual([expect.objectContaining({ group: 'ml.example.com', version: 'v1', resource: 'trainingjobs', reason: 'forbidden' })]);
    expect(gaps[0]?.message).toMatch(/rampart rbac scanner-role/);
    expect(loaded.resources.some((r) => r.kind === 'Rollout')).toBe(true);
  });

  it('without Secrets in the role, --no-secrets reads everything else and asks for no Secret', async () => {
    cluster = await startCluster(enforcing(scannerRules({ secrets: false, extraTypes: [{ group: 'ml.example.com', resource: 'trainingjobs' }] })));
    const { gaps, loaded } = await readCluster({ kubeconfig: cluster.kubeconfig, includeSecrets: false });
    expect(gaps).toEqual([]);
    expect(loaded.resources.some((r) => r.kind === 'Secret')).toBe(false);
    expect(cluster.server.requests.some((r) => r.resource === 'secrets')).toBe(false);
  });
});
