import { describe, expect, it } from 'vitest';
import { CHECKS, CHECK_REGISTRY, DOMAIN_REGISTRIES } from '../../src/checks/index.js';
import { registryProblems } from '../../src/engine/registry.js';
import type { AnyCheck } from '../../src/engine/types.js';

describe('check registry', () => {
  it('is sound: unique ids, known frameworks, domains and severities, ordered versions, full-sentence remediations', () => {
    expect(registryProblems(CHECKS)).toEqual([]);
  });

  it('has no id twice across domains, and each key is its check id', () => {
    const total = DOMAIN_REGISTRIES.reduce((n, r) => n + Object.keys(r).length, 0);
    expect(Object.keys(CHECK_REGISTRY)).toHaveLength(total);
    for (const [id, check] of Object.entries(CHECK_REGISTRY)) expect(check.id).toBe(id);
  });

  it('keeps every domain literal sorted by id', () => {
    for (const registry of DOMAIN_REGISTRIES) {
      const ids = Object.keys(registry);
      expect(ids).toEqual([...ids].sort());
    }
  });

  it('rejects a broken registry with every problem named', () => {
    const base = CHECKS[0] as AnyCheck;
    const broken: AnyCheck[] = [
      { ...base, id: 'x.dup' },
      { ...base, id: 'x.dup' },
      { ...base, id: 'x.framework', controls: [{ framework: 'iso-27001' as never, id: 'A.1' }] },
      { ...base, id: 'x.remediation', remediation: 'fix it' },
      {
        ...base,
        id: 'x.versions',
        scope: 'resource',
        match: '*',
        versions: [
          { since: '1.25', evaluate: () => {} },
          { since: '1.8', evaluate: () => {} },
        ],
      },
    ];
    const problems = registryProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"x.dup": duplicate id'),
        expect.stringContaining('"x.framework": unknown framework "iso-27001"'),
        expect.stringContaining('"x.remediation": remediation must be a full sentence'),
        expect.stringContaining('"x.versions": versions must be listed oldest first'),
      ]),
    );
  });
});
