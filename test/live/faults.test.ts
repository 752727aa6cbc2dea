/**
 * Each fault ends in a completed scan that reports the gap: a type that returns 403, a list
 * that never answers, a 410 on a continue token, a connection reset in the middle of a page,
 * a 500.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { assembleScan } from '../../src/engine/scan.js';
import { readCluster } from '../../src/live/reader.js';
import { getReporter } from '../../src/report/index.js';
import { startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const settings = { pssLevel: 'restricted' as const, pssVersion: '1.30' };
// Only the faulted list may time out, even on a loaded CI machine: a generous deadline for everything.
const fast = { retries: 1, requestTimeoutMs: 1_500, pageSize: 1 };

describe('faults become coverage gaps', () => {
  it('403 on a type', async () => {
    cluster = await startCluster({ faults: [{ group: 'rbac.authorization.k8s.io', resource: 'clusterroles', kind: 'forbidden' }] });
    const { loaded, gaps } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast });
    expect(gaps).toEqual([expect.objectContaining({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', reason: 'forbidden', itemsRead: 0 })]);
    expect(loaded.resources.some((r) => r.kind === 'ClusterRole')).toBe(false);
    expect(loaded.resources.some((r) => r.kind === 'Deployment')).toBe(true);
    // Not retried: a 403 does not go away.
    expect(cluster.server.requests.filter((r) => r.resource === 'clusterroles')).toHaveLength(1);
    const result = assembleScan(loaded, CHECKS, { settings });
    expect(result.summary.failed).toBe(0);
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      expect(getReporter(format).render(result, { color: false, toolVersion: '0.1.0' }), format).toMatch(/coverage gap \(forbidden\): could not list clusterroles\.rbac\.authorization\.k8s\.io/);
    }
  });

  it('a list that never answers', async () => {
    cluster = await startCluster({ faults: [{ group: '', resource: 'configmaps', kind: 'timeout' }] });
    const started = Date.now();
    const { loaded, gaps } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(gaps).toEqual([expect.objectContaining({ group: '', resource: 'configmaps', reason: 'timeout' })]);
    expect(gaps[0]?.message).toMatch(/within 1500 ms/);
    // Retried once, then given up.
    expect(cluster.server.requests.filter((r) => r.resource === 'configmaps')).toHaveLength(2);
    expect(loaded.resources.filter((r) => r.kind === 'Pod')).toHaveLength(1);
  });

  it('410 Gone on a continue token restarts the list from the first page', async () => {
    cluster = await startCluster({ faults: [{ group: '', resource: 'namespaces', kind: 'gone', times: 2 }] });
    const { loaded, gaps } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast });
    expect(gaps).toEqual([]);
    expect(loaded.resources.filter((r) => r.kind === 'Namespace').map((r) => r.name)).toEqual(['default', 'kube-system', 'ml', 'payments', 'shop']);
    const lists = cluster.server.requests.filter((r) => r.resource === 'namespaces');
    expect(lists.filter((r) => r.query['continue'] === undefined)).toHaveLength(3);
    expect(lists.filter((r) => r.status === 410)).toHaveLength(2);
  });

  it('410 Gone that never stops is a gap after three restarts', async () => {
    cluster = await startCluster({ faults: [{ group: '', resource: 'namespaces', kind: 'gone', times: 99 }] });
    const { gaps } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast });
    expect(gaps).toEqual([expect.objectContaining({ resource: 'namespaces', reason: 'gone', itemsRead: 1 })]);
  });

  it('a connection reset in the middle of a page keeps what was read', async () => {
    cluster = await startCluster({ faults: [{ group: 'apps', resource: 'deployments', kind: 'reset', page: 1 }] });
    const { loaded, gaps } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast });
    expect(gaps).toEqual([expect.objectContaining({ group: 'apps', resource: 'deployments', reason: 'connection', itemsRead: 1 })]);
    expect(gaps[0]?.message).toMatch(/1 objects read before the failure are scanned/);
    expect(loaded.resources.filter((r) => r.kind === 'Deployment').map((r) => r.name)).toEqual(['gateway']);
  });

  it('500 on a type, within one namespace', async () => {
    cluster = await startCluster({ faults: [{ group: 'batch', resource: 'jobs', kind: 'server-error' }] });
    const { gaps, loaded } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast, namespaces: ['shop', 'payments'] });
    expect(gaps).toEqual([
      expect.objectContaining({ group: 'batch', resource: 'jobs', namespace: 'payments', reason: 'server-error' }),
      expect.objectContaining({ group: 'batch', resource: 'jobs', namespace: 'shop', reason: 'server-error' }),
    ]);
    expect(loaded.errors.map((e) => e.file)).toEqual(['cluster://test/apis/batch/v1/namespaces/payments/jobs', 'cluster://test/apis/batch/v1/namespaces/shop/jobs']);
    // Namespaced reads stay inside the named namespaces; Namespace objects are filtered to them.
    expect(new Set(loaded.resources.filter((r) => r.namespace !== undefined).map((r) => r.namespace))).toEqual(new Set(['shop', 'payments']));
    expect(loaded.resources.filter((r) => r.kind === 'Namespace').map((r) => r.name)).toEqual(['payments', 'shop']);
  });

  it('several faults at once (the timeout is left to its own test, for time) still complete', async () => {
    cluster = await startCluster({
      faults: [
        { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', kind: 'forbidden' },
        { group: '', resource: 'namespaces', kind: 'gone', times: 1 },
        { group: 'apps', resource: 'deployments', kind: 'reset' },
        { group: 'batch', resource: 'jobs', kind: 'server-error' },
      ],
    });
    const progress: Array<[number, number]> = [];
    const { gaps } = await readCluster({ kubeconfig: cluster.kubeconfig, ...fast, onProgress: (done, total) => progress.push([done, total]) });
    expect(gaps.map((g) => `${g.resource}:${g.reason}`)).toEqual(['deployments:connection', 'jobs:server-error', 'clusterroles:forbidden']);
    const last = progress[progress.length - 1] as [number, number];
    expect(last[0]).toBe(last[1]);
  });
});
