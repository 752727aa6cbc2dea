/**
 * The controls matrix of PLAN.md: for every distribution and every compliance target, a bundle
 * generated from the demo lists every control that the framework maps to Rampart's checks, each
 * with the deliverable that resolves those checks' findings.
 */
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { normalizeControlId } from '../../src/engine/compliance.js';
import { DOMAIN_DELIVERABLE, generateBundle, TARGET_FRAMEWORK } from '../../src/generate/bundle.js';
import { GENERATORS, ALL_GENERATORS } from '../../src/generate/deliverables/index.js';
import { resolveProfile } from '../../src/generate/profile.js';
import { COMPLIANCE_TARGETS, DELIVERABLE_IDS, DISTRIBUTIONS } from '../../src/generate/types.js';
import { catalogues, seededRandomBytes } from './deliverables/support.js';
import { demoInventory } from './harden-support.js';

const present = new Set(Object.keys(GENERATORS));
const missing = DELIVERABLE_IDS.filter((id) => !present.has(id));

describe('controls matrix', () => {
  for (const distribution of DISTRIBUTIONS) {
    for (const target of COMPLIANCE_TARGETS) {
      it(`${distribution} × ${target}`, async () => {
        const inventory = await demoInventory();
        const profile = resolveProfile({ distribution, compliance: [target] }, inventory);
        const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS, { catalogues: catalogues() });
        const framework = TARGET_FRAMEWORK[target];
        const [matrix] = bundle.plan.matrix;
        expect(matrix?.framework).toBe(framework);
        const rows = new Map((matrix?.rows ?? []).map((r) => [normalizeControlId(r.id), r]));
        const plan = bundle.files.get('PLAN.md') ?? '';
        for (const check of CHECKS) {
          for (const control of check.controls.filter((c) => c.framework === framework)) {
            const row = rows.get(normalizeControlId(control.id));
            expect(row, `${framework} ${control.id} (from ${check.id})`).toBeDefined();
            expect(plan).toContain(`| ${control.id}`);
            const deliverable = DOMAIN_DELIVERABLE[check.domain];
            if (present.has(deliverable)) {
              const cell = row?.cells.find((c) => c.deliverable === deliverable);
              expect(cell?.checks, `${framework} ${control.id}: ${deliverable} resolves ${check.id}`).toContain(check.id);
            }
          }
        }
        // Every control the core deliverables declare is in the matrix, marked as declared.
        for (const d of bundle.deliverables) {
          for (const c of d.controls.filter((x) => x.framework === framework)) expect(rows.get(normalizeControlId(c.id))?.cells.find((cell) => cell.deliverable === d.id)?.declared, `${d.id} ${c.id}`).toBe(true);
        }
      });
    }
  }

  it.skipIf(missing.length > 0)('with all nine deliverables, no control the checks map to is a gap', async () => {
    const inventory = await demoInventory();
    const profile = resolveProfile({ compliance: [...COMPLIANCE_TARGETS] }, inventory);
    const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, ALL_GENERATORS);
    for (const fm of bundle.plan.matrix) expect(fm.rows.filter((r) => r.cells.length === 0).map((r) => r.id), fm.framework).toEqual([]);
  });

  it('a control whose deliverable is not in the bundle is listed as a gap, not left out', async () => {
    const inventory = await demoInventory();
    const profile = resolveProfile({ compliance: ['cis'] }, inventory);
    const bundle = generateBundle({ profile, inventory, randomBytes: seededRandomBytes() }, [GENERATORS['pod-security'] as NonNullable<(typeof GENERATORS)['pod-security']>]);
    const rows = bundle.plan.matrix[0]?.rows ?? [];
    expect(rows.find((r) => r.id === '5.1.1')?.cells).toEqual([]);
    expect(rows.find((r) => r.id === '5.2.2')?.cells.map((c) => c.deliverable)).toEqual(['pod-security']);
  });
});
