/**
 * `--format json`: the machine-readable contract of DESIGN.md ("`rampart scan INPUT… --format
 * json`"). External tools parse this, so every object is rebuilt key by key in the contract's
 * order instead of serialising engine objects as they happen to be: a field added to
 * `Finding` later must not leak into the output unannounced, and key order must not depend on
 * how the engine built its objects.
 */
import { SEVERITIES, type Control, type Finding, type RunError, type ScanResult, type Severity, type Summary } from '../engine/types.js';
import type { ResourceRef } from '../model/types.js';
import { ByteWriter, utf8, type ByteSink } from './bytes.js';
import type { Reporter, ReportOptions } from './reporter.js';
import { sortErrors, sortFindings } from './order.js';

/** Bumped only on a breaking change of the document below. */
export const JSON_SCHEMA_VERSION = 1;

/** The resource identity as printed: `namespace` only when the resource has one. */
export interface JsonResource {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface JsonFinding {
  checkId: string;
  severity: Severity;
  domain: string;
  title: string;
  message: string;
  resource: JsonResource;
  file: string;
  line: number;
  column: number;
  path: string;
  controls: Array<{ framework: string; id: string }>;
  fingerprint: string;
  template?: string;
  /** Extension, present when a baseline was applied and knew this finding: it does not count toward `--fail-on`. */
  baseline?: true;
}

export interface JsonError {
  file: string;
  line?: number;
  message: string;
  checkId?: string;
  resource?: JsonResource;
}

/** The document `--format json` prints. Contract keys first; extensions only after them. */
export interface JsonReport {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: 'rampart'; version: string };
  summary: Summary;
  findings: JsonFinding[];
  errors: JsonError[];
  /** Extension: the documents counted in `summary.skipped`, with why. */
  skipped: Array<{ file: string; line?: number; reason: string }>;
  /** Extension: the compliance roll-up, only when the run computed one. */
  compliance?: unknown;
}

/**
 * Copies only the identity fields of a resource reference. The engine may hand reporters a
 * richer object (a whole `Resource` is structurally a `ResourceRef`); copying field by field
 * is what keeps resource bodies, and the secrets in them, out of every report.
 *
 * @example
 * jsonResource(resource); // { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'db' }
 */
export function jsonResource(ref: ResourceRef): JsonResource {
  // Spreads rather than later assignments keep the contract's key order (`name` after `namespace`).
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
    name: ref.name,
  };
}

function jsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    checkId: f.checkId,
    severity: f.severity,
    domain: f.domain,
    title: f.title,
    message: f.message,
    resource: jsonResource(f.resource),
    file: f.file,
    line: f.line,
    column: f.column,
    path: f.path,
    controls: f.controls.map((c) => ({ framework: c.framework, id: c.id })),
    fingerprint: f.fingerprint,
  };
  if (f.template !== undefined) out.template = f.template;
  if ((f as Finding & { baseline?: boolean }).baseline === true) out.baseline = true;
  return out;
}

function jsonError(e: RunError): JsonError {
  return {
    file: e.file,
    ...(e.line !== undefined ? { line: e.line } : {}),
    message: e.message,
    ...(e.checkId !== undefined ? { checkId: e.checkId } : {}),
    ...(e.resource !== undefined ? { resource: jsonResource(e.resource) } : {}),
  };
}

/**
 * The summary in the contract's key order, with every severity present.
 *
 * @example
 * jsonSummary(result.summary).bySeverity.info; // 0
 */
export function jsonSummary(s: Summary): Summary & { baselined?: number } {
  const bySeverity = {} as Record<Severity, number>;
  for (const severity of SEVERITIES) bySeverity[severity] = s.bySeverity[severity] ?? 0;
  const out: Summary & { baselined?: number } = {
    documents: s.documents,
    resources: s.resources,
    skipped: s.skipped,
    failed: s.failed,
    findings: s.findings,
    suppressed: s.suppressed,
    bySeverity,
  };
  // Extension after the contract fields: only when a baseline was applied.
  const baselined = (s as Summary & { baselined?: unknown }).baselined;
  if (typeof baselined === 'number') out.baselined = baselined;
  return out;
}

/**
 * Builds the JSON document as a value, for callers (the CLI's `--output`, tests) that want
 * the object rather than its text.
 *
 * @example
 * const report = toJsonReport(result, { color: false, toolVersion: TOOL_VERSION });
 * report.findings[0]?.checkId; // 'pss.privileged'
 */
export function toJsonReport(result: ScanResult, options: ReportOptions): JsonReport {
  const report: JsonReport = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'rampart', version: options.toolVersion },
    summary: jsonSummary(result.summary),
    findings: sortFindings(result.findings).map(jsonFinding),
    errors: sortErrors(result.errors).map(jsonError),
    skipped: result.skipped.map((s) => ({
      file: s.file,
      ...(s.line !== undefined ? { line: s.line } : {}),
      reason: s.reason,
    })),
  };
  if (options.compliance !== undefined) report.compliance = options.compliance;
  return report;
}

/**
 * `--format json`. The document is indented as `JSON.stringify(report, null, 2)` would indent it,
 * except that each finding is one compact line: a scan of a large estate has tens of thousands of
 * findings, and a line per finding keeps the report a third of the size, greppable, and diffable
 * finding by finding (ADR 0009). Same JSON value as {@link toJsonReport}.
 *
 * @example
 * const text = jsonReporter.render(result, { color: false, toolVersion: TOOL_VERSION });
 * JSON.parse(text).schemaVersion; // 1
 */
export const jsonReporter: Reporter = {
  format: 'json',
  render(result, options) {
    const parts: Buffer[] = [];
    renderJson(result, options, (bytes) => parts.push(Buffer.from(bytes)));
    return Buffer.concat(parts).toString('utf8');
  },
  renderTo: renderJson,
};

function renderJson(result: ScanResult, options: ReportOptions, sink: ByteSink): void {
  const envelope = JSON.stringify(toJsonReport({ ...result, findings: [] }, options), null, 2);
  // The envelope is small; the findings go where its empty array stands.
  const at = envelope.indexOf(FINDINGS_KEY) + FINDINGS_KEY.length;
  const out = new ByteWriter(sink);
  out.text(envelope.slice(0, at));
  const findings = sortFindings(result.findings);
  if (findings.length === 0) out.text('[]');
  else {
    const writer = new FindingWriter(out);
    out.raw(FIRST);
    for (let i = 0; i < findings.length; i++) {
      if (i > 0) out.raw(BETWEEN);
      writer.write(findings[i] as Finding);
    }
    out.raw(LAST);
  }
  out.text(envelope.slice(at + 2)).text('\n');
  out.end();
}

/** The envelope's empty findings array as `JSON.stringify(…, null, 2)` writes it; `findings` precedes every other array key. */
const FINDINGS_KEY = '\n  "findings": ';
const FIRST = utf8('[\n    ');
const BETWEEN = utf8(',\n    ');
const LAST = utf8('\n  ]');

/** What a finding shares with every other finding of its check, encoded once. */
interface CheckFragment {
  readonly severity: string;
  readonly domain: string;
  readonly title: string;
  readonly controls: readonly Control[];
  /** `{"checkId":…,"severity":…,"domain":…,"title":…,"message":` */
  readonly head: Buffer;
  /** `,"controls":[…],"fingerprint":` */
  readonly tail: Buffer;
}

/**
 * Writes findings one compact line each, with the parts that repeat (a check's metadata, a
 * resource's identity, a file name) encoded once. A finding whose metadata differs from what its
 * check's first finding had is encoded on its own, so the cache never changes what is written.
 */
class FindingWriter {
  private readonly checks = new Map<string, CheckFragment>();
  private readonly resources = new WeakMap<ResourceRef, Buffer>();
  private readonly files = new Map<string, Buffer>();

  constructor(private readonly out: ByteWriter) {}

  write(f: Finding): void {
    const out = this.out;
    const fragment = this.fragment(f);
    let resource = this.resources.get(f.resource);
    if (resource === undefined) this.resources.set(f.resource, (resource = utf8(`,"resource":${JSON.stringify(jsonResource(f.resource))},"file":`)));
    let file = this.files.get(f.file);
    if (file === undefined) this.files.set(f.file, (file = utf8(`${JSON.stringify(f.file)},"line":`)));
    out.raw(fragment.head).jsonString(f.message).raw(resource).raw(file).int(f.line).raw(COLUMN).int(f.column).raw(PATH).jsonString(f.path);
    out.raw(fragment.tail).jsonString(f.fingerprint);
    if (f.template !== undefined) out.raw(TEMPLATE).jsonString(f.template);
    if ((f as Finding & { baseline?: boolean }).baseline === true) out.raw(BASELINE);
    out.raw(CLOSE);
  }

  private fragment(f: Finding): CheckFragment {
    const cached = this.checks.get(f.checkId);
    if (cached && cached.severity === f.severity && cached.domain === f.domain && cached.title === f.title && sameControls(cached.controls, f.controls)) return cached;
    const fragment: CheckFragment = {
      severity: f.severity,
      domain: f.domain,
      title: f.title,
      controls: f.controls,
      head: utf8(`{"checkId":${JSON.stringify(f.checkId)},"severity":${JSON.stringify(f.severity)},"domain":${JSON.stringify(f.domain)},"title":${JSON.stringify(f.title)},"message":`),
      tail: utf8(`,"controls":${JSON.stringify(f.controls.map((c) => ({ framework: c.framework, id: c.id })))},"fingerprint":`),
    };
    if (!cached) this.checks.set(f.checkId, fragment);
    return fragment;
  }
}

const COLUMN = utf8(',"column":');
const PATH = utf8(',"path":');
const TEMPLATE = utf8(',"template":');
const BASELINE = utf8(',"baseline":true');
const CLOSE = utf8('}');

function sameControls(a: readonly Control[], b: readonly Control[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]?.framework !== b[i]?.framework || a[i]?.id !== b[i]?.id) return false;
  return true;
}
