import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { assembleScan } from '../../src/engine/scan.js';
import { collapseOwnedFindings } from '../../src/live/owners.js';
import { readCluster } from '../../src/live/reader.js';
import { loadText } from '../../src/load/index.js';
import { startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const settings = { pssLevel: 'restricted' as const, pssVersion: '1.30' };

describe('collapseOwnedFindings', () => {
  it('keeps the Deployment finding and drops its exact copies on the ReplicaSet and the Pod', async () => {
    cluster = await startCluster();
    const { loaded } = await readCluster({ kubeconfig: cluster.kubeconfig });
    const result = assembleScan(loaded, CHECKS, { settings });
    const privileged = (fs: typeof result.findings) => fs.filter((f) => f.checkId === 'pss.privileged' && f.resource.namespace === 'shop').map((f) => `${f.resource.kind}/${f.resource.name}`).sort();
    expect(privileged(result.findings)).toEqual(['Deployment/cart', 'Pod/cart-6d9f7c8b5-x2x7q', 'ReplicaSet/cart-6d9f7c8b5', 'Rollout/storefront']);
    const collapsed = collapseOwnedFindings(result.findings, loaded.resources);
    expect(privileged(collapsed)).toEqual(['Deployment/cart', 'Rollout/storefront']);
    // Nothing about resources without a controller is touched.
    const unowned = (fs: typeof result.findings) => fs.filter((f) => !['Pod', 'ReplicaSet'].includes(f.resource.kind));
    expect(unowned(collapsed)).toEqual(unowned(result.findings));
  });

  it('keeps a finding the controller does not have (a sidecar injected into the Pod)', () => {
    const text = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: a, uid: d-1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web:1, securityContext: { privileged: true } }]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: a
  uid: p-1
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]
spec:
  containers:
    - { name: web, image: web:1, securityContext: { privileged: true } }
    - { name: injected, image: mesh:1, securityContext: { privileged: true } }
`;
    const loaded = loadText(text, 'k.yaml');
    const result = assembleScan(loaded, CHECKS, { settings });
    const kept = collapseOwnedFindings(result.findings, loaded.resources).filter((f) => f.checkId === 'pss.privileged');
    expect(kept.map((f) => `${f.resource.kind} ${f.path}`)).toEqual(['Deployment /spec/template/spec/containers/0/securityContext/privileged', 'Pod /spec/containers/1/securityContext/privileged']);
  });
});
