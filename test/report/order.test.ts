import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/engine/types.js';
import { compareFindings, sortFindings } from '../../src/report/order.js';
import { finding } from './fixtures.js';

describe('sortFindings', () => {
  it('orders exactly as compareFindings does (property: any findings)', () => {
    const arbitraryFinding = fc
      .record({
        severity: fc.constantFrom(...SEVERITIES),
        file: fc.constantFrom('a.yaml', 'b.yaml', 'k8s/a.yaml', 'k8s/ä.yaml', 'K8s/a.yaml', 'a.yaml.bak'),
        line: fc.integer({ min: 0, max: 30 }),
        column: fc.integer({ min: 0, max: 5 }),
        checkId: fc.constantFrom('pss.a', 'pss.b', 'image.x'),
        fingerprint: fc.constantFrom('0a', '0b', '1f', 'ff', 'a0'),
      })
      .map((f) => ({ ...finding(), ...f }));
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 60 }), (findings) => {
        expect(sortFindings(findings)).toEqual([...findings].sort(compareFindings));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a copy and leaves its input alone', () => {
    const findings = [finding({ file: 'b.yaml' }), finding({ file: 'a.yaml' })];
    const before = [...findings];
    expect(sortFindings(findings).map((f) => f.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(findings).toEqual(before);
  });
});
