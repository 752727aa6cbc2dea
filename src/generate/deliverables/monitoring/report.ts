/**
 * The compliance report of the current inventory, in Markdown: the scan Rampart would run
 * (every check, at the profile's posture and version) rolled up per framework of the profile
 * with the engine's own compliance roll-up, so the report and `rampart scan --compliance` agree.
 *
 * The catalogues are data files shipped with Rampart; `loadCataloguesSync` reads them once per
 * process. Callers that already hold them (the CLI, tests) pass them in instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKS } from '../../../checks/index.js';
import { COMPLIANCE_DATA_DIR, parseCatalogue, type Catalogue, type ControlResult, type FrameworkReport } from '../../../engine/compliance.js';
import { assembleScan } from '../../../engine/scan.js';
import { SEVERITIES, type Framework } from '../../../engine/types.js';
import type { LoadResult } from '../../../load/index.js';
import type { Inventory } from '../../../model/inventory.js';
import { describeResource } from '../../../model/types.js';
import type { ComplianceTarget, Profile } from '../../types.js';
import { compareStrings, markdownTable } from '../admission/common.js';

const TARGET_FRAMEWORKS: Readonly<Record<ComplianceTarget, Framework>> = { cis: 'cis-k8s', 'pci-dss': 'pci-dss', hipaa: 'hipaa', soc2: 'soc2' };

/**
 * The frameworks a profile reports on: its targets (CIS when it names none), plus Pod Security.
 *
 * @example
 * reportFrameworks({ ...profile, compliance: ['pci-dss'] }); // ['pci-dss', 'pss']
 */
export function reportFrameworks(profile: Profile): Framework[] {
  const targets = profile.compliance.length > 0 ? profile.compliance : (['cis'] as ComplianceTarget[]);
  const frameworks = new Set<Framework>(targets.map((t) => TARGET_FRAMEWORKS[t]));
  frameworks.add('pss');
  return [...frameworks].sort();
}

const catalogueCache = new Map<Framework, Catalogue>();

/**
 * Reads the catalogues of `frameworks` from Rampart's data directory (cached).
 *
 * @example
 * loadCataloguesSync(['cis-k8s']);
 */
export function loadCataloguesSync(frameworks: readonly Framework[], directory = COMPLIANCE_DATA_DIR): Catalogue[] {
  return frameworks.map((framework) => {
    const cached = directory === COMPLIANCE_DATA_DIR ? catalogueCache.get(framework) : undefined;
    if (cached) return cached;
    const file = path.join(directory, `${framework}.yaml`);
    const catalogue = parseCatalogue(readFileSync(file, 'utf8'), file, framework);
    if (directory === COMPLIANCE_DATA_DIR) catalogueCache.set(framework, catalogue);
    return catalogue;
  });
}

function loadResultOf(inventory: Inventory): LoadResult {
  const count = inventory.resources.length;
  return { resources: [...inventory.resources], skipped: [], errors: [], summary: { documents: count, resources: count, skipped: 0, failed: 0 }, files: 0, bytes: 0, anyReadable: true };
}

function score(report: FrameworkReport): string {
  return report.score === null ? 'n/a' : `${(report.score * 100).toFixed(1)}%`;
}

function failedRows(controls: readonly ControlResult[]): string[][] {
  return controls
    .filter((c) => c.status === 'fail')
    .map((c) => {
      // Several findings of one check on one object (e.g. several escalation paths) read as one piece of evidence.
      const cited = [...new Set(c.evidence.map((e) => `${e.checkId} on ${describeResource(e.resource)} (${e.file}:${e.line})`))];
      const examples = cited.slice(0, 3);
      const more = cited.length > 3 ? `; and ${cited.length - 3} more` : '';
      return [c.id, c.title, String(c.evidence.length), `${examples.join('; ')}${more}`];
    });
}

/**
 * The report as Markdown. Deterministic: no timestamps (the file's commit records when).
 *
 * @example
 * complianceReport(profile, inventory, loadCataloguesSync(reportFrameworks(profile)));
 */
export function complianceReport(profile: Profile, inventory: Inventory, catalogues: readonly Catalogue[]): string {
  const result = assembleScan(loadResultOf(inventory), CHECKS, { settings: { pssLevel: profile.posture, pssVersion: profile.kubernetesVersion }, compliance: catalogues });
  const frameworks = result.compliance?.frameworks ?? [];
  const lines: string[] = [
    `# Compliance report: ${profile.clusterName}`,
    '',
    `The current inventory (${result.summary.resources} resources) scanned with every Rampart check at Pod Security ${profile.posture} v${profile.kubernetesVersion}: ${result.summary.findings} findings (${SEVERITIES.map((s) => `${result.summary.bySeverity[s]} ${s}`).join(', ')}). A control passes when no finding of the checks that decide it remains; controls no check decides need the manual evidence named below. Re-run with \`rampart scan --compliance ${profile.compliance.length > 0 ? [...profile.compliance].sort().join(',') : 'cis'}\` after applying the bundle; the CronJob in compliance-scan/ does so daily.`,
    '',
    '## Summary',
    '',
    markdownTable(
      ['Framework', 'Score', 'Passed', 'Failed', 'Manual', 'Not applicable'],
      frameworks.map((f) => [`${f.title} (${f.version})`, score(f), String(f.passed), String(f.failed), String(f.manual), String(f.notApplicable)]),
    ),
    '',
  ];
  for (const f of frameworks) {
    lines.push(`## ${f.title}`, '');
    const failed = failedRows(f.controls);
    lines.push('### Failed controls', '', failed.length > 0 ? markdownTable(['Control', 'Title', 'Findings', 'Evidence (first three)'], failed) : '_None._', '');
    const passed = f.controls.filter((c) => c.status === 'pass');
    lines.push('### Passed controls', '', passed.length > 0 ? passed.map((c) => `- ${c.id} ${c.title} (checked by ${c.checks.join(', ')})`).join('\n') : '_None._', '');
    const manual = f.controls.filter((c) => c.status === 'manual');
    lines.push('### Controls needing manual evidence', '', manual.length > 0 ? markdownTable(['Control', 'Title', 'Evidence to collect'], manual.map((c) => [c.id, c.title, c.manual ?? ''])) : '_None._', '');
  }
  const byCheck = new Map<string, { severity: string; count: number }>();
  for (const finding of result.findings) {
    const entry = byCheck.get(finding.checkId) ?? { severity: finding.severity, count: 0 };
    entry.count++;
    byCheck.set(finding.checkId, entry);
  }
  const checkRows = [...byCheck.entries()]
    .sort(([a, x], [b, y]) => SEVERITIES.indexOf(x.severity as (typeof SEVERITIES)[number]) - SEVERITIES.indexOf(y.severity as (typeof SEVERITIES)[number]) || compareStrings(a, b))
    .map(([id, e]) => [id, e.severity, String(e.count)]);
  lines.push('## Findings by check', '', checkRows.length > 0 ? markdownTable(['Check', 'Severity', 'Findings'], checkRows) : '_No findings._', '');
  if (result.errors.length > 0) lines.push('## Errors', '', ...result.errors.map((e) => `- ${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`), '');
  return lines.join('\n');
}
