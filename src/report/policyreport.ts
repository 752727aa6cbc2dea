/**
 * `--format policyreport`: the scan as `wgpolicyk8s.io/v1alpha2` objects, the format policy
 * engines and dashboards (Policy Reporter, Kyverno, kube-bench adapters) read from the cluster.
 * One PolicyReport per namespace and one ClusterPolicyReport for cluster-scoped resources and
 * run errors (coverage gaps of a live scan among them).
 *
 * Bounded, so that writing them never floods etcd: each report holds at most
 * `maxResults` results (default 500), worst first; what is left out is counted in a closing
 * `skip` result and in annotations. Messages and property values are length-capped too.
 * Deterministic: no clock unless a timestamp is passed in.
 */
import { SEVERITIES, severityRank, type Finding, type RunError, type ScanResult, type Severity } from '../engine/types.js';
import type { Reporter } from './reporter.js';
import { compareStrings } from './order.js';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
/** Default cap on results per report. */
export const DEFAULT_MAX_RESULTS = 500;
/** Name of every report Rampart writes (one per namespace, one cluster-wide). */
export const POLICY_REPORT_NAME = 'rampart';
/** Policy name of the closing result that counts what was left out. */
export const TRUNCATED_POLICY = 'rampart.truncated';
/** Policy name of results for run errors (coverage gaps, checks that failed). */
export const ERROR_POLICY = 'rampart.error';

const MAX_MESSAGE_LENGTH = 1024;
const MAX_PROPERTY_LENGTH = 512;

export type PolicyResultStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

export interface PolicyReportResource {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface PolicyReportResult {
  policy: string;
  rule?: string;
  category?: string;
  severity?: Severity;
  result: PolicyResultStatus;
  scored?: boolean;
  source: string;
  message: string;
  resources?: PolicyReportResource[];
  properties?: Record<string, string>;
  timestamp?: { seconds: number; nanos: number };
}

export interface PolicyReportSummary {
  pass: number;
  fail: number;
  warn: number;
  error: number;
  skip: number;
}

export interface PolicyReportObject {
  apiVersion: typeof POLICY_REPORT_API_VERSION;
  kind: 'PolicyReport' | 'ClusterPolicyReport';
  metadata: { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string> };
  summary: PolicyReportSummary;
  results: PolicyReportResult[];
}

export interface PolicyReportOptions {
  /** Results per report, the closing `skip` result included (default 500, at least 2). */
  maxResults?: number;
  /** Namespaces that get a report even without findings, so an applied report replaces a stale one. */
  namespaces?: readonly string[];
  /** Stamped on every result when given; left out otherwise, so output stays reproducible. */
  timestamp?: Date;
  /** Tool version, recorded as an annotation. */
  toolVersion?: string;
}

interface Entry {
  namespace: string | undefined;
  result: PolicyReportResult;
  severity: Severity | undefined;
  sortKey: string[];
}

/**
 * The reports for a scan result: the ClusterPolicyReport first, then one PolicyReport per
 * namespace in name order.
 *
 * @example
 * const reports = toPolicyReports(result, { maxResults: 200, namespaces: ['shop'] });
 * reports.map((r) => r.kind); // ['ClusterPolicyReport', 'PolicyReport']
 */
export function toPolicyReports(result: ScanResult, options: PolicyReportOptions = {}): PolicyReportObject[] {
  const maxResults = Math.max(2, Math.floor(options.maxResults ?? DEFAULT_MAX_RESULTS));
  const timestamp = options.timestamp ? { seconds: Math.floor(options.timestamp.getTime() / 1000), nanos: 0 } : undefined;
  const groups = new Map<string, Entry[]>();
  groups.set('', []);
  for (const namespace of options.namespaces ?? []) if (namespace !== '') groups.set(namespace, []);
  const add = (entry: Entry): void => {
    const key = entry.namespace ?? '';
    const list = groups.get(key) ?? [];
    list.push(entry);
    groups.set(key, list);
  };
  for (const finding of result.findings) add(findingEntry(finding));
  for (const error of result.errors) add(errorEntry(error));
  const keys = [...groups.keys()].sort(compareStrings);
  return keys.map((key) => buildReport(key === '' ? undefined : key, groups.get(key) ?? [], maxResults, timestamp, options.toolVersion));
}

function findingEntry(f: Finding): Entry {
  const properties: Record<string, string> = { fingerprint: f.fingerprint };
  if (f.path !== '') properties['path'] = cap(f.path, MAX_PROPERTY_LENGTH);
  if (f.controls.length > 0) properties['controls'] = cap(f.controls.map((c) => `${c.framework}:${c.id}`).join(','), MAX_PROPERTY_LENGTH);
  if (!f.file.startsWith('cluster://')) {
    properties['file'] = cap(f.file, MAX_PROPERTY_LENGTH);
    if (f.line >= 1) properties['line'] = String(f.line);
  }
  if (f.template !== undefined) properties['template'] = cap(f.template, MAX_PROPERTY_LENGTH);
  const resource: PolicyReportResource = { apiVersion: f.resource.apiVersion, kind: f.resource.kind, name: f.resource.name };
  if (f.resource.namespace !== undefined) resource.namespace = f.resource.namespace;
  return {
    namespace: f.resource.namespace,
    severity: f.severity,
    sortKey: ['1', String(9 - severityRank(f.severity)), f.checkId, f.resource.kind, f.resource.name, f.path, f.fingerprint],
    result: {
      policy: f.checkId,
      rule: cap(f.title, MAX_PROPERTY_LENGTH),
      category: f.domain,
      severity: f.severity,
      result: 'fail',
      scored: true,
      source: 'rampart',
      message: cap(f.message, MAX_MESSAGE_LENGTH),
      resources: [resource],
      properties,
    },
  };
}

function errorEntry(e: RunError): Entry {
  const properties: Record<string, string> = { file: cap(e.file, MAX_PROPERTY_LENGTH) };
  if (e.line !== undefined && e.line >= 1) properties['line'] = String(e.line);
  const result: PolicyReportResult = {
    policy: e.checkId ?? ERROR_POLICY,
    result: 'error',
    scored: false,
    source: 'rampart',
    message: cap(e.message, MAX_MESSAGE_LENGTH),
    properties,
  };
  if (e.resource) {
    const resource: PolicyReportResource = { apiVersion: e.resource.apiVersion, kind: e.resource.kind, name: e.resource.name };
    if (e.resource.namespace !== undefined) resource.namespace = e.resource.namespace;
    result.resources = [resource];
  }
  // Errors sort before findings: a report that hides a coverage gap would overstate coverage.
  return { namespace: e.resource?.namespace, severity: undefined, sortKey: ['0', e.file, e.message], result };
}

function compareEntries(a: Entry, b: Entry): number {
  for (let i = 0; i < Math.max(a.sortKey.length, b.sortKey.length); i++) {
    const order = compareStrings(a.sortKey[i] ?? '', b.sortKey[i] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

function buildReport(
  namespace: string | undefined,
  entries: Entry[],
  maxResults: number,
  timestamp: { seconds: number; nanos: number } | undefined,
  toolVersion: string | undefined,
): PolicyReportObject {
  const sorted = [...entries].sort(compareEntries);
  const kept = sorted.length > maxResults ? sorted.slice(0, maxResults - 1) : sorted;
  const omitted = sorted.slice(kept.length);
  const results = kept.map((e) => e.result);
  const annotations: Record<string, string> = { 'rampart.dev/results-total': String(sorted.length), 'rampart.dev/results-omitted': String(omitted.length) };
  if (toolVersion !== undefined) annotations['rampart.dev/version'] = toolVersion;
  if (omitted.length > 0) {
    const breakdown = omittedBreakdown(omitted);
    annotations['rampart.dev/omitted-by-severity'] = breakdown;
    results.push({
      policy: TRUNCATED_POLICY,
      result: 'skip',
      scored: false,
      source: 'rampart',
      message: `${omitted.length} more results left out of this report to keep it small (${breakdown}); run rampart scan for the full list`,
      properties: { omitted: String(omitted.length), limit: String(maxResults) },
    });
  }
  if (timestamp) for (const r of results) r.timestamp = { ...timestamp };
  const summary: PolicyReportSummary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) summary[r.result]++;
  const metadata: PolicyReportObject['metadata'] = {
    name: POLICY_REPORT_NAME,
    labels: { 'app.kubernetes.io/managed-by': 'rampart' },
    annotations,
  };
  if (namespace !== undefined) metadata.namespace = namespace;
  return {
    apiVersion: POLICY_REPORT_API_VERSION,
    kind: namespace === undefined ? 'ClusterPolicyReport' : 'PolicyReport',
    metadata,
    summary,
    results,
  };
}

/** `high=3,medium=1,errors=2`: severities in rubric order, zero counts left out. */
function omittedBreakdown(omitted: readonly Entry[]): string {
  const counts = new Map<string, number>();
  for (const e of omitted) counts.set(e.severity ?? 'errors', (counts.get(e.severity ?? 'errors') ?? 0) + 1);
  return [...SEVERITIES, 'errors']
    .filter((s) => counts.has(s))
    .map((s) => `${s}=${counts.get(s)}`)
    .join(',');
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The reports as one `v1 List`, ready for `kubectl apply -f -`. JSON rather than YAML: it is
 * YAML too, and it renders 10,000 results in milliseconds where a YAML serialiser takes
 * seconds.
 *
 * @example
 * JSON.parse(renderPolicyReports(toPolicyReports(result))).items[0].kind; // 'ClusterPolicyReport'
 */
export function renderPolicyReports(reports: readonly PolicyReportObject[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: reports }, null, 2)}\n`;
}

/**
 * `--format policyreport`.
 *
 * @example
 * process.stdout.write(policyReportReporter.render(result, { color: false, toolVersion: TOOL_VERSION }));
 */
export const policyReportReporter: Reporter = {
  format: 'policyreport',
  render(result, options) {
    return renderPolicyReports(toPolicyReports(result, { toolVersion: options.toolVersion }));
  },
};
