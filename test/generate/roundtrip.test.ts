/**
 * Round trip: applying the bundle's namespaces, objects and workload patches to the inventory
 * and scanning again at the same posture leaves no critical or high finding in the domains the
 * bundle covers (pod-security, workload, network, rbac, namespace). System namespaces stay
 * privileged by design and are not hardened, so their findings are out of scope.
 */
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../src/generate/bundle.js';
import { ALL_GENERATORS } from '../../src/generate/deliverables/index.js';
import { resolveProfile } from '../../src/generate/profile.js';
import { loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';
import { seededRandomBytes } from './deliverables/support.js';
import { applyBundle, demoInventory, residualFindings, scanAt, syntheticInventory } from './harden-support.js';

describe('round trip', () => {
  it('the demo: no critical or high finding remains in the covered domains', async () => {
    const inventory = await demoInventory();
    const profile = resolveProfile({ compliance: ['pci-dss', 'cis'], namespaces: { production: ['payments', 'storefront'] } }, inventory);
    const before = residualFindings(scanAt(inventory.resources, profile), profile);
    expect(before.length).toBeGreaterThan(0);
    const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS);
    expect(bundle.files.get('network/verification.txt')).toMatch(/^verified: /);
    expect(bundle.files.get('rbac/replaced-rbac.yaml')).toContain('name: legacy-admin');
    const after = residualFindings(scanAt(applyBundle(inventory, bundle), profile), profile);
    expect(after).toEqual([]);
  });

  it('the demo at the baseline posture', async () => {
    const inventory = await demoInventory();
    const profile = resolveProfile({ posture: 'baseline', distribution: 'k3s' }, inventory);
    const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS);
    expect(residualFindings(scanAt(applyBundle(inventory, bundle), profile), profile)).toEqual([]);
  });

  it('a generated 500-workload inventory', () => {
    const loaded = loadText(syntheticInventory(500), 'synthetic.yaml');
    expect(loaded.errors).toEqual([]);
    const inventory = new Inventory(loaded.resources);
    const profile = resolveProfile({ compliance: ['hipaa', 'soc2'], distribution: 'gke' }, inventory);
    expect(profile.namespaces.production).toEqual(['billing', 'shop']);
    const before = residualFindings(scanAt(inventory.resources, profile), profile);
    expect(before.length).toBeGreaterThan(100);
    const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS);
    expect(bundle.files.get('network/verification.txt')).toMatch(/^verified: /);
    expect(JSON.parse(bundle.files.get('pod-security/patches/containment.json') ?? '[]').length).toBeGreaterThan(50);
    const after = residualFindings(scanAt(applyBundle(inventory, bundle), profile), profile);
    expect(after).toEqual([]);
  });
});
