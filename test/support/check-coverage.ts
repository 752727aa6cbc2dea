/**
 * The meta test STYLE.md asks for: every registered check has RuleTester cases, at least one
 * valid and one invalid. `checkTester.run` records each check it is given (test files run in
 * separate workers, so the record is a file per check); the global teardown compares the record
 * with the registry once every file has run.
 *
 * Enforced when RAMPART_REQUIRE_CHECK_TESTS is set (CI sets it): a run of a few test files would
 * otherwise always fail it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHECK_RECORD_DIR = fileURLToPath(new URL('../../node_modules/.cache/rampart-check-tests/', import.meta.url));

export function recordCheckCases(checkId: string, valid: number, invalid: number): void {
  mkdirSync(CHECK_RECORD_DIR, { recursive: true });
  const file = join(CHECK_RECORD_DIR, `${encodeURIComponent(checkId)}.json`);
  let previous = { valid: 0, invalid: 0 };
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')) as { valid: number; invalid: number };
  } catch {
    // first record of this check
  }
  writeFileSync(file, JSON.stringify({ valid: previous.valid + valid, invalid: previous.invalid + invalid }));
}

export function resetCheckRecords(): void {
  rmSync(CHECK_RECORD_DIR, { recursive: true, force: true });
  mkdirSync(CHECK_RECORD_DIR, { recursive: true });
}

/** Check ids (of `registered`) without at least one valid and one invalid recorded case. */
export function checksWithoutCases(registered: readonly string[]): string[] {
  const recorded = new Map<string, { valid: number; invalid: number }>();
  for (const name of readdirSync(CHECK_RECORD_DIR)) {
    recorded.set(decodeURIComponent(name.replace(/\.json$/, '')), JSON.parse(readFileSync(join(CHECK_RECORD_DIR, name), 'utf8')) as { valid: number; invalid: number });
  }
  return registered.filter((id) => {
    const r = recorded.get(id);
    return !r || r.valid === 0 || r.invalid === 0;
  });
}
