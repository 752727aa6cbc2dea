/**
 * No Secret value crosses into Rampart: the fixture's Secrets carry a canary in `data`,
 * `stringData` and a `last-applied-configuration` annotation; the canary must appear in no
 * response the reader receives, no resource body and no rendered output.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { assembleScan } from '../../src/engine/scan.js';
import { METADATA_ONLY_ACCEPT } from '../../src/live/list.js';
import { readCluster } from '../../src/live/reader.js';
import { LAST_APPLIED_ANNOTATION } from '../../src/live/sanitize.js';
import { policyReportReporter } from '../../src/report/policyreport.js';
import { REPORTERS } from '../../src/report/index.js';
import type { Reporter } from '../../src/report/reporter.js';
import { CANARY, CANARY_BASE64, startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const reporters: Reporter[] = [...Object.values(REPORTERS), policyReportReporter];

async function scanAndRender(kubeconfig: string): Promise<{ bodies: string; outputs: string[]; secrets: unknown[] }> {
  const { loaded } = await readCluster({ kubeconfig, pageSize: 1 });
  const result = assembleScan(loaded, CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.30' } });
  const outputs = reporters.map((r) => r.render(result, { color: false, toolVersion: '0.1.0' }));
  const secrets = loaded.resources.filter((r) => r.kind === 'Secret').map((r) => r.body);
  return { bodies: JSON.stringify(loaded.resources.map((r) => r.body)), outputs, secrets };
}

describe('Secret values never reach Rampart', () => {
  it('learns Secret types through metadata-only lists filtered by type, so type-based checks work live', async () => {
    cluster = await startCluster();
    const { loaded } = await readCluster({ kubeconfig: cluster.kubeconfig });
    const typed = cluster.server.requests.filter((r) => r.resource === 'secrets' && r.query['fieldSelector'] !== undefined);
    expect(typed.map((r) => r.query['fieldSelector'])).toContain('type=kubernetes.io/service-account-token');
    for (const r of typed) expect(r.accept).toBe(METADATA_ONLY_ACCEPT);
    const result = assembleScan(loaded, CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.30' } });
    expect(result.findings.filter((f) => f.checkId === 'secrets.service-account-token-secret').map((f) => f.resource.name)).toEqual(['ci-deployer-token']);
  });

  it('lists Secrets as metadata only, so no value is ever sent to it', async () => {
    cluster = await startCluster({ recordResponses: true });
    const { bodies, outputs, secrets } = await scanAndRender(cluster.kubeconfig);
    const secretRequests = cluster.server.requests.filter((r) => r.resource === 'secrets');
    expect(secretRequests.length).toBeGreaterThan(0);
    for (const r of secretRequests) {
      expect(r.accept).toBe(METADATA_ONLY_ACCEPT);
      expect(r.verb).toBe('list');
    }
    // Nothing the server sent holds a value: the proof that none was in memory.
    for (const r of cluster.server.requests) {
      expect(r.response ?? '').not.toContain(CANARY_BASE64);
    }
    // The last-applied annotation is metadata, so it does cross the wire: it must be dropped on arrival.
    expect(cluster.server.requests.some((r) => (r.response ?? '').includes(CANARY))).toBe(true);
    expect(bodies).not.toContain(CANARY);
    expect(bodies).not.toContain(CANARY_BASE64);
    for (const output of outputs) {
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain(CANARY_BASE64);
    }
    expect(secrets).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'gateway-tls', namespace: 'payments', uid: '0b1b6d2c-0007-4000-8000-000000000003', resourceVersion: '182' },
        type: 'kubernetes.io/tls',
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'cart-db', namespace: 'shop', uid: '0b1b6d2c-0007-4000-8000-000000000002', resourceVersion: '181', labels: { app: 'cart' }, annotations: {} },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'ci-deployer-token',
          namespace: 'shop',
          uid: '0b1b6d2c-0007-4000-8000-000000000004',
          resourceVersion: '183',
          annotations: { 'kubernetes.io/service-account.name': 'ci-deployer', 'kubernetes.io/service-account.uid': '0b1b6d2c-0005-4000-8000-000000000002' },
        },
        type: 'kubernetes.io/service-account-token',
      },
    ]);
    expect(JSON.stringify(secrets)).not.toContain(LAST_APPLIED_ANNOTATION);
  });

  it('strips values defensively when a server ignores the metadata-only Accept header', async () => {
    cluster = await startCluster({ ignoreMetadataAccept: true, recordResponses: true });
    const { bodies, outputs, secrets } = await scanAndRender(cluster.kubeconfig);
    // This server did send the values…
    expect(cluster.server.requests.some((r) => r.resource === 'secrets' && (r.response ?? '').includes(CANARY_BASE64))).toBe(true);
    // …and none survived the page they arrived in.
    expect(bodies).not.toContain(CANARY);
    expect(bodies).not.toContain(CANARY_BASE64);
    for (const output of outputs) {
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain(CANARY_BASE64);
    }
    for (const secret of secrets) expect(Object.keys(secret as object).filter((k) => k !== 'type')).toEqual(['apiVersion', 'kind', 'metadata']);
  });
});
