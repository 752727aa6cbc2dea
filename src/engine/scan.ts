/**
 * `assemble`: loaded documents + checks + settings → the complete scan result. Pure: no I/O —
 * exceptions, baselines and compliance catalogues arrive as values, and so does the clock.
 *
 * The order of the governance steps matters and is fixed here:
 * 1. evaluate (in-manifest suppressions apply inside the runner);
 * 2. exceptions hide what they cover (counted in `summary.suppressed`) and report expired and
 *    unused entries;
 * 3. the compliance roll-up is computed from what remains, before `--min-severity` trims the
 *    output, so that hiding low findings from a report never turns a failed control into a pass;
 * 4. `--min-severity` trims;
 * 5. the baseline marks known findings; they stay listed but no longer fail the run.
 */
import { Inventory } from '../model/inventory.js';
import { resourceRef } from '../model/types.js';
import type { LoadResult } from '../load/index.js';
import { applyBaseline, isBaselined, type Baseline, type BaselinedFinding } from './baseline.js';
import { complianceRollup, type Catalogue, type ComplianceRollup } from './compliance.js';
import { applyExceptions, subjectKey, type ExceptionsFile, type FindingSubject } from './exceptions.js';
import { evaluateInventory } from './runner.js';
import { SEVERITIES, severityRank, type AnyCheck, type RunSettings, type ScanResult, type Severity, type Summary } from './types.js';

export interface ScanOptions {
  settings: RunSettings;
  /** Findings below this severity are left out of the output and the counts. */
  minSeverity?: Severity;
  checkOptions?: Readonly<Record<string, unknown>>;
  /** Accepted risks (`--exceptions`). */
  exceptions?: ExceptionsFile;
  /** Known findings (`--baseline`): listed, marked, and not counted toward `--fail-on`. */
  baseline?: Baseline;
  /** Frameworks to roll up (`--compliance`). */
  compliance?: readonly Catalogue[];
  /** The clock, for exception expiry. Defaults to the current time. */
  now?: Date;
}

/** The summary with Rampart's extensions after the contract fields. */
export interface ScanSummary extends Summary {
  /** Extension, present when a baseline was applied: findings the baseline knew. */
  baselined?: number;
}

/** A scan result with the governance extensions (baseline marks, compliance roll-up). */
export interface GovernedScanResult extends ScanResult {
  summary: ScanSummary;
  findings: BaselinedFinding[];
  compliance?: ComplianceRollup;
}

/**
 * Evaluates `checks` over everything `loaded` holds.
 *
 * @example
 * const result = assembleScan(await loadInputs(['k8s/']), CHECKS, { settings });
 */
export function assembleScan(loaded: LoadResult, checks: readonly AnyCheck[], options: ScanOptions): GovernedScanResult {
  const inventory = new Inventory(loaded.resources);
  const evaluation = evaluateInventory(inventory, checks, { settings: options.settings, checkOptions: options.checkOptions ?? {} });
  let findings = evaluation.findings;
  let suppressed = evaluation.suppressed;

  if (options.exceptions) {
    const subjects = new Map<string, FindingSubject>();
    for (const resource of loaded.resources) subjects.set(subjectKey(resource.source.file, resourceRef(resource)), resource);
    const outcome = applyExceptions(findings, options.exceptions, options.now ?? new Date(), (f) => subjects.get(subjectKey(f.file, f.resource)));
    findings = [...outcome.findings, ...outcome.governance];
    suppressed += outcome.excepted;
  }

  let compliance: ComplianceRollup | undefined;
  if (options.compliance && options.compliance.length > 0) {
    const enabled = checks.filter((c) => c.enabledFor?.(options.settings) ?? true);
    compliance = complianceRollup(findings, enabled, options.compliance);
  }

  const minRank = severityRank(options.minSeverity ?? 'info');
  let listed: BaselinedFinding[] = findings.filter((f) => severityRank(f.severity) >= minRank);
  let baselined: number | undefined;
  if (options.baseline) ({ findings: listed, baselined } = applyBaseline(listed, options.baseline));

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of listed) bySeverity[f.severity]++;
  const summary: ScanSummary = {
    documents: loaded.summary.documents,
    resources: loaded.summary.resources,
    skipped: loaded.summary.skipped,
    failed: loaded.summary.failed,
    findings: listed.length,
    suppressed,
    bySeverity,
  };
  if (baselined !== undefined) summary.baselined = baselined;
  const result: GovernedScanResult = {
    summary,
    findings: listed,
    errors: [...loaded.errors, ...evaluation.errors],
    skipped: loaded.skipped,
    checks,
  };
  if (compliance) result.compliance = compliance;
  return result;
}

/**
 * Whether a result should fail the run: a finding at or above `failOn` that the baseline does
 * not know, or a document that did not parse.
 *
 * @example
 * if (shouldFail(result, 'high')) process.exitCode = 1;
 */
export function shouldFail(result: ScanResult, failOn: Severity | 'none'): boolean {
  if (result.summary.failed > 0) return true;
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold && !isBaselined(f));
}
