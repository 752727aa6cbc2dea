/**
 * The compliance catalogues are data the checks point into: every catalogue must be valid,
 * and every control any registered check names must exist in its framework's catalogue, so
 * the catalogues and the checks never drift apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { COMPLIANCE_DATA_DIR, controlMatches, parseCatalogue, readCatalogues, type Catalogue } from '../../src/engine/compliance.js';
import { FRAMEWORKS, type Framework } from '../../src/engine/types.js';

const catalogues = new Map<Framework, Catalogue>();
for (const framework of FRAMEWORKS) {
  const file = `${COMPLIANCE_DATA_DIR}${framework}.yaml`;
  catalogues.set(framework, parseCatalogue(readFileSync(file, 'utf8'), file, framework));
}

describe('compliance catalogues', () => {
  it('has one valid catalogue per framework and nothing else', () => {
    const files = readdirSync(COMPLIANCE_DATA_DIR).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual(FRAMEWORKS.map((f) => `${f}.yaml`).sort());
  });

  it.each(FRAMEWORKS)('%s: loads through readCatalogues with titled controls', async (framework) => {
    const [catalogue] = await readCatalogues([framework]);
    expect(catalogue?.framework).toBe(framework);
    expect(catalogue?.controls.length).toBeGreaterThan(0);
    for (const control of catalogue?.controls ?? []) expect(control.title.length, control.id).toBeGreaterThan(5);
  });

  it('contains every control that a registered check maps to', () => {
    const missing: string[] = [];
    for (const check of CHECKS) {
      for (const control of check.controls) {
        const catalogue = catalogues.get(control.framework);
        const known = catalogue?.controls.some((c) => controlMatches(c, control.id));
        if (!known) missing.push(`${check.id} → ${control.framework} ${control.id}`);
      }
    }
    expect(missing, 'add these controls to data/compliance/<framework>.yaml (or fix the check)').toEqual([]);
  });

  it('never marks a control not-applicable that a check decides', () => {
    const contradictions: string[] = [];
    for (const [framework, catalogue] of catalogues) {
      for (const control of catalogue.controls) {
        if (control.notApplicable === undefined) continue;
        const deciders = CHECKS.filter((c) => c.controls.some((x) => x.framework === framework && controlMatches(control, x.id)));
        if (deciders.length > 0) contradictions.push(`${framework} ${control.id}: ${deciders.map((c) => c.id).join(', ')}`);
      }
    }
    expect(contradictions).toEqual([]);
  });

  it('gives every control a status source: checks, manual evidence or a not-applicable reason', () => {
    const orphans: string[] = [];
    for (const [framework, catalogue] of catalogues) {
      for (const control of catalogue.controls) {
        if (control.manual !== undefined || control.notApplicable !== undefined) continue;
        const decided = CHECKS.some((c) => c.controls.some((x) => x.framework === framework && controlMatches(control, x.id)));
        if (!decided) orphans.push(`${framework} ${control.id}`);
      }
    }
    expect(orphans).toEqual([]);
  });

  it('covers the frameworks the issue names', () => {
    const ids = (f: Framework) => new Set(catalogues.get(f)?.controls.map((c) => c.id));
    expect([...ids('soc2')]).toEqual(expect.arrayContaining(['CC6.1', 'CC6.8', 'CC7.1', 'CC7.5', 'CC8.1']));
    expect([...ids('hipaa')].some((id) => id.startsWith('164.308'))).toBe(true);
    expect([...ids('hipaa')].some((id) => id.startsWith('164.312'))).toBe(true);
    expect([...ids('cis-k8s')].some((id) => id.startsWith('4.'))).toBe(true);
    expect([...ids('cis-k8s')].filter((id) => id.startsWith('5.')).length).toBeGreaterThan(30);
    expect([...ids('mitre-attack')]).toEqual(expect.arrayContaining(['T1609', 'T1610', 'T1611', 'T1613']));
    expect([...ids('pss')]).toEqual(expect.arrayContaining(['baseline', 'restricted']));
  });
});

describe('parseCatalogue', () => {
  it('reports every problem of a malformed catalogue with its line', () => {
    const text = [
      'framework: soc3', // 1
      'title: ""', // 2
      'version: "1"', // 3
      'controls:', // 4
      '  - id: A.1', // 5
      '    title: First', // 6
      '    manual: collect x', // 7
      '    notApplicable: because', // 8
      '  - id: a.1', // 9
      '    title: Duplicate', // 10
      '  - title: no id', // 11
      '  - id: B', // 12
      '    title: Bee', // 13
      '    colour: red', // 14
    ].join('\n');
    let message = '';
    try {
      parseCatalogue(text, 'bad.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('bad.yaml:1 framework: must be one of');
    expect(message).toContain('bad.yaml:2 title: must be a non-empty string');
    expect(message).toContain('bad.yaml:5 controls[0]: a control is either manual or notApplicable, not both');
    expect(message).toContain('bad.yaml:9 controls[1].id: a.1 is already used by controls[0]');
    expect(message).toContain('bad.yaml:11 controls[2].id: must be a non-empty string');
    expect(message).toContain('bad.yaml:14 controls[3].colour: unknown key');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseCatalogue('framework: pss\ncontrols: [\n', 'broken.yaml')).toThrowError(/broken\.yaml:\d+/);
  });
});
