/**
 * Baselines: adopt Rampart on an existing code base without fixing everything first.
 * `scan --write-baseline FILE` records the fingerprints of today's findings; `scan --baseline
 * FILE` still lists those findings (marked as baselined) but only new ones count toward
 * `--fail-on`. Fingerprints hash the check, the resource identity and the field path — never
 * file names, line numbers or formatting — so reordering documents, reformatting YAML and
 * unrelated edits keep a finding matched to its baseline entry.
 *
 * The file is JSON, sorted, without timestamps, so that it diffs cleanly in review:
 * ```json
 * { "rampartBaseline": 1, "findings": [
 *   { "fingerprint": "…", "checkId": "pss.privileged", "resource": "Deployment shop/cart", "path": "/spec/…" } ] }
 * ```
 */
import { describeResource } from '../model/types.js';
import { toConfigError, type ConfigIssue } from './config-file.js';
import type { Finding } from './types.js';

export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  /** For people reading the file; matching uses only the fingerprint. */
  checkId: string;
  resource: string;
  path: string;
}

export interface Baseline {
  file: string;
  fingerprints: ReadonlySet<string>;
}

/** A finding as a run reports it once a baseline applies: marked when the baseline knew it. */
export type BaselinedFinding = Finding & { baseline?: boolean };

/**
 * The baseline file for `findings`, as text.
 *
 * @example
 * await writeFile('rampart-baseline.json', renderBaseline(result.findings));
 */
export function renderBaseline(findings: readonly Finding[]): string {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (!entries.has(f.fingerprint)) {
      entries.set(f.fingerprint, { fingerprint: f.fingerprint, checkId: f.checkId, resource: describeResource(f.resource), path: f.path });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => {
    const ka = `${a.checkId}\u0000${a.resource}\u0000${a.path}\u0000${a.fingerprint}`;
    const kb = `${b.checkId}\u0000${b.resource}\u0000${b.path}\u0000${b.fingerprint}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return `${JSON.stringify({ rampartBaseline: BASELINE_FORMAT_VERSION, findings: sorted }, null, 2)}\n`;
}

/**
 * Reads a baseline file written by `renderBaseline`.
 *
 * @throws {ConfigError} when the file is not a baseline, naming every bad entry.
 * @example
 * const baseline = parseBaseline(await readFile('rampart-baseline.json', 'utf8'), 'rampart-baseline.json');
 */
export function parseBaseline(text: string, file: string): Baseline {
  const issues: ConfigIssue[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw toConfigError(`invalid baseline file ${file}`, [{ file, line: 1, path: '', message: `not JSON (${error instanceof Error ? error.message : String(error)})` }], error);
  }
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const version = record?.['rampartBaseline'];
  if (version !== BASELINE_FORMAT_VERSION) {
    issues.push({ file, line: 1, path: 'rampartBaseline', message: `expected ${BASELINE_FORMAT_VERSION} (write the file with rampart scan --write-baseline)` });
  }
  const list = record?.['findings'];
  const fingerprints = new Set<string>();
  if (!Array.isArray(list)) {
    issues.push({ file, line: 1, path: 'findings', message: 'must be a list' });
  } else {
    list.forEach((entry: unknown, index) => {
      const fingerprint = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['fingerprint'] : undefined;
      if (typeof fingerprint !== 'string' || fingerprint === '') issues.push({ file, line: 1, path: `findings[${index}].fingerprint`, message: 'must be a non-empty string' });
      else fingerprints.add(fingerprint);
    });
  }
  if (issues.length > 0) throw toConfigError(`invalid baseline file ${file}`, issues);
  return { file, fingerprints };
}

/**
 * Marks the findings the baseline knows. Pure; returns new finding objects.
 *
 * @example
 * const { findings, baselined } = applyBaseline(result.findings, baseline);
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { findings: BaselinedFinding[]; baselined: number } {
  let baselined = 0;
  const marked = findings.map((f): BaselinedFinding => {
    if (!baseline.fingerprints.has(f.fingerprint)) return f;
    baselined++;
    return { ...f, baseline: true };
  });
  return { findings: marked, baselined };
}

/**
 * Whether a finding was matched to the baseline.
 *
 * @example
 * result.findings.filter((f) => !isBaselined(f)); // the new findings
 */
export function isBaselined(finding: Finding): boolean {
  return (finding as BaselinedFinding).baseline === true;
}
