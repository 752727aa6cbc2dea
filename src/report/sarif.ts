/**
 * `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
 *
 * Rules: one per check that ran (`result.checks`), sorted by id, not only the checks that
 * produced findings. A viewer can then show what was checked and found clean, and a rule's
 * index does not shift between runs with different findings. A finding whose check is
 * missing from `result.checks` (a caller that filled only `findings`) still gets a rule,
 * built from the finding itself, so every `ruleIndex` points at a rule.
 *
 * Levels: critical and high → `error`, medium → `warning`, low and info → `note`. The finer
 * grading travels in the rule's `security-severity`, which GitHub maps back to
 * critical/high/medium/low.
 */
import { type AnyCheck, type Control, type Finding, type RunError, type ScanResult, type Severity } from '../engine/types.js';
import { describeResource } from '../model/types.js';
import type { Reporter } from './reporter.js';
import { jsonResource, jsonSummary, type JsonResource } from './json.js';
import { compareStrings, sortErrors, sortFindings } from './order.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The fingerprint key in `partialFingerprints`; the suffix changes if the fingerprint algorithm ever does. */
export const FINGERPRINT_KEY = 'rampart/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub's `security-severity` scale (0.0–10.0): ≥9.0 critical, ≥7.0 high, ≥4.0 medium, >0 low. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string };
  region?: { startLine: number; startColumn?: number };
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: { 'security-severity': string; tags: string[]; domain: string; severity: Severity };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  /** One location: where in the file, and (as the logical location) which Kubernetes object. */
  locations: Array<{ physicalLocation: SarifPhysicalLocation; logicalLocations: Array<{ name: string; fullyQualifiedName: string; kind: 'resource' }> }>;
  partialFingerprints: Record<string, string>;
  /** Only when the run applied a baseline: `unchanged` for findings it knew, `new` for the others. */
  baselineState?: 'new' | 'unchanged';
  properties: { severity: Severity; domain: string; path: string; resource: JsonResource; controls: Control[]; template?: string };
}

export interface SarifNotification {
  level: 'error' | 'note';
  message: SarifMessage;
  locations?: Array<{ physicalLocation: SarifPhysicalLocation }>;
  associatedRule?: { id: string; index?: number };
  properties?: { resource: JsonResource };
}

/** The subset of the SARIF 2.1.0 log that Rampart writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: 'rampart'; version: string; semanticVersion: string; rules: SarifRule[] } };
      invocations: [{ executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }];
      results: SarifResult[];
      properties: { summary: ScanResult['summary']; compliance?: unknown };
    },
  ];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file path as a SARIF `uri-reference`: forward slashes, each segment percent-encoded (so
 * spaces, `#`, `?`, `%` and non-ASCII names survive, and a `:` in a relative path cannot be
 * read as a URI scheme). Relative paths stay relative; absolute paths become `file:` URIs;
 * values that already are URIs (`cluster://…`) are only made safe.
 *
 * @example
 * toArtifactUri('k8s\\my app\\名前.yaml'); // 'k8s/my%20app/%E5%90%8D%E5%89%8D.yaml'
 * toArtifactUri('/srv/k8s/a.yaml');        // 'file:///srv/k8s/a.yaml'
 */
export function toArtifactUri(file: string): string {
  // A lone surrogate (from a mis-decoded file name) makes encodeURI throw; U+FFFD keeps the rest.
  const wellFormed = file.replace(LONE_SURROGATE, '\uFFFD');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(wellFormed)) return encodeURI(wellFormed);
  const path = wellFormed.replace(/\\/g, '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^([a-zA-Z]):\//.exec(path);
  if (drive) return `file:///${drive[1]}:${encode(path.slice(2))}`;
  if (path.startsWith('//')) return `file:${encode(path)}`;
  if (path.startsWith('/')) return `file://${encode(path)}`;
  return encode(path);
}

/** `pss.privileged` → `PssPrivileged`: SARIF wants a readable identifier as the rule name. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

function tags(domain: string, controls: readonly Control[]): string[] {
  return ['security', domain, ...controls.map((c) => `${c.framework}:${c.id}`)];
}

function ruleFromCheck(check: AnyCheck): SarifRule {
  const controls = check.controls.map((c) => `${c.framework} ${c.id}`).join(', ');
  const markdown = [`**Remediation:** ${check.remediation}`, check.docs, controls ? `**Controls:** ${controls}` : '']
    .filter((part) => part !== '')
    .join('\n\n');
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.docs || check.title, markdown: check.docs || check.title },
    help: { text: `${check.remediation}${check.docs ? `\n\n${check.docs}` : ''}`, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[check.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.severity],
      tags: tags(check.domain, check.controls),
      domain: check.domain,
      severity: check.severity,
    },
  };
}

/** A rule for a finding whose check definition the caller did not pass. */
function ruleFromFinding(finding: Finding): SarifRule {
  return {
    id: finding.checkId,
    name: ruleName(finding.checkId),
    shortDescription: { text: finding.title },
    fullDescription: { text: finding.title },
    help: { text: finding.title },
    defaultConfiguration: { level: SARIF_LEVEL[finding.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[finding.severity],
      tags: tags(finding.domain, finding.controls),
      domain: finding.domain,
      severity: finding.severity,
    },
  };
}

function physicalLocation(file: string, line?: number, column?: number): SarifPhysicalLocation {
  const out: SarifPhysicalLocation = { artifactLocation: { uri: toArtifactUri(file) } };
  // SARIF lines and columns start at 1; live objects have no position, so no region.
  if (line !== undefined && line >= 1) {
    out.region = column !== undefined && column >= 1 ? { startLine: line, startColumn: column } : { startLine: line };
  }
  return out;
}

function buildRules(checks: readonly AnyCheck[], findings: readonly Finding[]): SarifRule[] {
  const byId = new Map<string, SarifRule>();
  for (const check of checks) if (!byId.has(check.id)) byId.set(check.id, ruleFromCheck(check));
  for (const finding of findings) if (!byId.has(finding.checkId)) byId.set(finding.checkId, ruleFromFinding(finding));
  return [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
}

function errorNotification(error: RunError, ruleIndex: ReadonlyMap<string, number>): SarifNotification {
  const out: SarifNotification = {
    level: 'error',
    message: { text: error.message },
    locations: [{ physicalLocation: physicalLocation(error.file, error.line) }],
  };
  if (error.checkId !== undefined) {
    const index = ruleIndex.get(error.checkId);
    out.associatedRule = index !== undefined ? { id: error.checkId, index } : { id: error.checkId };
  }
  if (error.resource !== undefined) out.properties = { resource: jsonResource(error.resource) };
  return out;
}

/**
 * Builds the SARIF log as a value.
 *
 * @example
 * const log = toSarifLog(result, { color: false, toolVersion: TOOL_VERSION });
 * log.runs[0].results.length === result.findings.length; // true
 */
export function toSarifLog(result: ScanResult, options: { toolVersion: string; compliance?: unknown }): SarifLog {
  const findings = sortFindings(result.findings);
  const rules = buildRules(result.checks, findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index] as const));
  const withBaseline = typeof (result.summary as { baselined?: unknown }).baselined === 'number';

  const results = findings.map((f): SarifResult => {
    const properties: SarifResult['properties'] = {
      severity: f.severity,
      domain: f.domain,
      path: f.path,
      resource: jsonResource(f.resource),
      controls: f.controls.map((c) => ({ framework: c.framework, id: c.id })),
    };
    if (f.template !== undefined) properties.template = f.template;
    const baselineState = withBaseline ? { baselineState: (f as Finding & { baseline?: boolean }).baseline === true ? ('unchanged' as const) : ('new' as const) } : {};
    return {
      ruleId: f.checkId,
      ruleIndex: ruleIndex.get(f.checkId) ?? 0,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: physicalLocation(f.file, f.line, f.column),
          logicalLocations: [{ name: f.resource.name, fullyQualifiedName: describeResource(f.resource), kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...baselineState,
      properties,
    };
  });

  const notifications: SarifNotification[] = sortErrors(result.errors).map((e) => errorNotification(e, ruleIndex));
  for (const skipped of result.skipped) {
    notifications.push({
      level: 'note',
      message: { text: `skipped: ${skipped.reason}` },
      locations: [{ physicalLocation: physicalLocation(skipped.file, skipped.line) }],
    });
  }

  const properties: SarifLog['runs'][0]['properties'] = { summary: jsonSummary(result.summary) };
  if (options.compliance !== undefined) properties.compliance = options.compliance;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rampart',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules,
          },
        },
        invocations: [
          {
            // A document that did not parse or a check that threw means the analysis did not
            // cover everything it was asked to; viewers should say so next to the results.
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
        properties,
      },
    ],
  };
}

/**
 * `--format sarif`.
 *
 * @example
 * writeFileSync('rampart.sarif', sarifReporter.render(result, { color: false, toolVersion: TOOL_VERSION }));
 */
export const sarifReporter: Reporter = {
  format: 'sarif',
  render(result, options) {
    return `${JSON.stringify(toSarifLog(result, options), null, 2)}\n`;
  },
};
