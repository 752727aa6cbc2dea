/** Vitest global setup: resets the check-case record before the run and checks it after. */
import { CHECKS } from '../src/checks/index.js';
import { checksWithoutCases, resetCheckRecords } from './support/check-coverage.js';

export function setup(): () => void {
  resetCheckRecords();
  return () => {
    if (!process.env['RAMPART_REQUIRE_CHECK_TESTS']) return;
    // Engine-scoped checks (suppression governance) are produced by the engine, tested in test/engine.
    const missing = checksWithoutCases(CHECKS.filter((c) => c.scope !== 'engine').map((c) => c.id));
    if (missing.length > 0) {
      // A throw here is only logged by Vitest; the exit code is what CI reads.
      process.stderr.write(`\nMETA TEST FAILED: ${missing.length} registered check(s) have no checkTester cases (valid and invalid): ${missing.join(', ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`meta test: every registered check has valid and invalid checkTester cases (${CHECKS.length} checks)\n`);
    }
  };
}
