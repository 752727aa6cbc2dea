/**
 * `assemble`: loaded documents + checks + settings → the complete scan result. Pure: no I/O.
 */
import { Inventory } from '../model/inventory.js';
import type { LoadResult } from '../load/index.js';
import { evaluateInventory } from './runner.js';
import { SEVERITIES, severityRank, type AnyCheck, type RunSettings, type ScanResult, type Severity } from './types.js';

export interface ScanOptions {
  settings: RunSettings;
  /** Findings below this severity are left out of the output and the counts. */
  minSeverity?: Severity;
  checkOptions?: Readonly<Record<string, unknown>>;
}

/**
 * Evaluates `checks` over everything `loaded` holds.
 *
 * @example
 * const result = assembleScan(await loadInputs(['k8s/']), CHECKS, { settings });
 */
export function assembleScan(loaded: LoadResult, checks: readonly AnyCheck[], options: ScanOptions): ScanResult {
  const inventory = new Inventory(loaded.resources);
  const evaluation = evaluateInventory(inventory, checks, { settings: options.settings, checkOptions: options.checkOptions ?? {} });
  const minRank = severityRank(options.minSeverity ?? 'info');
  const findings = evaluation.findings.filter((f) => severityRank(f.severity) >= minRank);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  return {
    summary: {
      documents: loaded.summary.documents,
      resources: loaded.summary.resources,
      skipped: loaded.summary.skipped,
      failed: loaded.summary.failed,
      findings: findings.length,
      suppressed: evaluation.suppressed,
      bySeverity,
    },
    findings,
    errors: [...loaded.errors, ...evaluation.errors],
    skipped: loaded.skipped,
    checks,
  };
}

/** Whether a result should fail the run: a finding at or above `failOn`, or a document that did not parse. */
export function shouldFail(result: ScanResult, failOn: Severity | 'none'): boolean {
  if (result.summary.failed > 0) return true;
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold);
}
