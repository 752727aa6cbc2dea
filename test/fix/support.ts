/** Shared assertions and runners for the fix tests. */
import { diffLines } from 'diff';
import { expect } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { assembleScan } from '../../src/engine/scan.js';
import type { RunSettings } from '../../src/engine/types.js';
import { fixSources, type FileFixResult } from '../../src/fix/plan.js';
import type { FixOptions } from '../../src/fix/types.js';
import { loadText } from '../../src/load/index.js';
import { describeResource } from '../../src/model/types.js';

/**
 * Every line of `original` is still in `fixed`, in order and unchanged: the edit only inserted
 * lines — apart from lines matching `replaced` (an `image:` line that got its digest).
 */
export function expectOnlyInsertedLines(original: string, fixed: string, replaced?: RegExp): void {
  const removed = diffLines(original, fixed)
    .filter((part) => part.removed)
    .flatMap((part) => part.value.split('\n').filter((line) => line !== ''))
    .filter((line) => !replaced?.test(line));
  expect(removed).toEqual([]);
}

export const SETTINGS: RunSettings = { pssLevel: 'restricted', pssVersion: '1.37' };

/** Fixes one file's text, limited to `checks` (every check when omitted). */
export function fixText(text: string, checks?: readonly string[], options: FixOptions = {}, file = 'case.yaml'): FileFixResult {
  const only = checks === undefined ? undefined : (id: string) => checks.includes(id);
  const result = fixSources([{ file, text }], { settings: SETTINGS, ...(only ? { only } : {}), options });
  const first = result.files[0];
  if (!first) throw new Error('no file result');
  return first;
}

/** Every finding of a scan of `text` as "checkId | Kind ns/name | message", sorted. */
export function findingKeys(text: string): string[] {
  const result = assembleScan(loadText(text, 'case.yaml'), CHECKS, { settings: SETTINGS });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.findings.map((f) => `${f.checkId} | ${describeResource(f.resource)} | ${f.message}`).sort();
}
