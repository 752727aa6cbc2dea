/**
 * A round-trip test per fixable check: the fix turns the manifest into exactly the expected text,
 * a re-scan shows the check's findings gone and every other finding unchanged, and fixing the
 * output again changes nothing. Declined findings carry their reason and leave the file as it was.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_REGISTRY } from '../../src/checks/index.js';
import { FIXES } from '../../src/fix/fixes/index.js';
import { FIX_CASES } from './cases.js';
import { expectOnlyInsertedLines, findingKeys, fixText } from './support.js';

const checkOf = (key: string): string => key.split(' | ')[0] as string;
const keysOf = (checkId: string) => (keys: readonly string[]) => keys.filter((k) => checkOf(k) === checkId);
const othersOf = (checkIds: readonly string[]) => (keys: readonly string[]) => keys.filter((k) => !checkIds.includes(checkOf(k)));

describe('fix registry', () => {
  it('is sorted by id, each key matches its fix and names a registered check', () => {
    const ids = Object.keys(FIXES);
    expect(ids).toEqual([...ids].sort());
    for (const [id, fix] of Object.entries(FIXES)) {
      expect(fix.checkId).toBe(id);
      expect(CHECK_REGISTRY[id], `${id} is not a registered check`).toBeDefined();
      expect(fix.description).toMatch(/^[a-z]/);
    }
  });

  it('every fixable check has a round-trip case that fixes and one where the fix declines', () => {
    for (const id of Object.keys(FIXES)) {
      const cases = FIX_CASES.filter((c) => c.checkId === id);
      expect(cases.some((c) => c.output !== null), `${id}: no fixing case`).toBe(true);
      expect(cases.some((c) => (c.declined ?? []).length > 0), `${id}: no declining case`).toBe(true);
    }
  });
});

for (const testCase of FIX_CASES) {
  describe(`${testCase.checkId}: ${testCase.name}`, () => {
    const result = fixText(testCase.manifest, [testCase.checkId], testCase.options);
    const declined = result.unfixed.filter((u) => u.kind === 'declined');

    it('produces the expected text', () => {
      expect(result.unfixed.filter((u) => u.kind === 'failed')).toEqual([]);
      expect(result.fixed).toBe(testCase.output ?? testCase.manifest);
      if (testCase.output !== null) expect(result.applied.length).toBeGreaterThan(0);
      else expect(result.applied).toEqual([]);
    });

    it('declines exactly the expected findings, with their reasons', () => {
      const expected = testCase.declined ?? [];
      expect(declined.length, declined.map((d) => d.reason).join('\n')).toBe(expected.length);
      expected.forEach((reason, i) => expect(declined[i]?.reason).toContain(reason));
    });

    if (testCase.output !== null) {
      const output = testCase.output;
      it('a re-scan shows the fixed findings gone and nothing else changed', () => {
        const before = findingKeys(testCase.manifest);
        const after = findingKeys(output);
        expect(keysOf(testCase.checkId)(after).length).toBe(declined.length);
        expect(keysOf(testCase.checkId)(before).length).toBeGreaterThan(declined.length);
        const resolved = [testCase.checkId, ...(testCase.alsoResolves ?? [])];
        expect(othersOf(resolved)(after)).toEqual(othersOf(resolved)(before));
        for (const id of testCase.alsoResolves ?? []) expect(keysOf(id)(after)).toEqual([]);
      });

      it('only inserts or extends lines, and comments survive', () => {
        const comments = testCase.manifest.split('\n').filter((l) => l.includes('#'));
        for (const comment of comments) expect(output).toContain(comment.slice(comment.indexOf('#')));
        // Block-style manifests only grow by whole lines; flow collections grow inside their line.
        if (!/[{[]/.test(testCase.manifest)) expectOnlyInsertedLines(testCase.manifest, output, /^\s*image: /);
      });

      it('is idempotent: fixing the output changes nothing', () => {
        const again = fixText(output, [testCase.checkId], testCase.options);
        expect(again.fixed).toBe(output);
        expect(again.applied).toEqual([]);
      });
    }
  });
}
