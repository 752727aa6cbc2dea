/**
 * The compliance roll-up: for each control of a framework, whether the scan shows it passed,
 * failed (with the findings as evidence), needs manual evidence, or does not apply.
 *
 * Which checks cover which control is never listed here: it is derived from the checks' own
 * `controls`, so a check added to the registry shows up in every framework it maps to. The
 * catalogues in `data/compliance/<framework>.yaml` only name the controls, and for controls
 * no manifest can decide, what evidence an auditor should be given instead.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR } from '../data-dir.js';
import { describeResource, type ResourceRef } from '../model/types.js';
import { UsageError } from '../errors.js';
import { IssueCollector, isRecord, parseConfigDocuments, toConfigError, type ConfigDocument } from './config-file.js';
import { FRAMEWORKS, type AnyCheck, type Control, type Finding, type Framework, type Severity } from './types.js';

/** Where the catalogues live, resolved from this module so it works from `src/` and `dist/`. */
/** With a trailing slash, as callers append file names to it. */
export const COMPLIANCE_DATA_DIR = `${join(DATA_DIR, 'compliance')}/`;

/** One control as the catalogue states it. */
export interface CatalogueControl {
  id: string;
  title: string;
  /** Other spellings of the id that checks may use (`authentication-authorization` for `authentication-and-authorization`). */
  aliases?: string[];
  /** What evidence to collect when no check decides the control. */
  manual?: string;
  /** Why the control does not apply to what Rampart assesses. */
  notApplicable?: string;
}

export interface Catalogue {
  framework: Framework;
  title: string;
  version: string;
  url?: string;
  controls: CatalogueControl[];
}

export type ControlStatus = 'pass' | 'fail' | 'manual' | 'not-applicable';

/** One finding cited as evidence that a control failed. */
export interface ComplianceEvidence {
  checkId: string;
  severity: Severity;
  message: string;
  resource: ResourceRef;
  file: string;
  line: number;
}

export interface ControlResult {
  id: string;
  title: string;
  status: ControlStatus;
  /** The checks (of this run) that decide the control; empty for manual and not-applicable controls. */
  checks: string[];
  /** For `fail`: the findings. */
  evidence: ComplianceEvidence[];
  /** For `manual`: what to collect. Also present on automated controls whose catalogue entry asks for more. */
  manual?: string;
  /** For `not-applicable`: why. */
  reason?: string;
}

export interface FrameworkReport {
  framework: Framework;
  title: string;
  version: string;
  /** passed / (passed + failed), rounded to 4 decimals; null when no control was decided by a check. */
  score: number | null;
  passed: number;
  failed: number;
  manual: number;
  notApplicable: number;
  controls: ControlResult[];
}

/** What `scan --compliance` adds to a report (JSON: the top-level `compliance` key). */
export interface ComplianceRollup {
  frameworks: FrameworkReport[];
}

/** The `--compliance` values users may type for each framework id. */
export const FRAMEWORK_ALIASES: Readonly<Record<string, Framework>> = {
  cis: 'cis-k8s',
  'cis-k8s': 'cis-k8s',
  nsa: 'nsa-cisa',
  'nsa-cisa': 'nsa-cisa',
  mitre: 'mitre-attack',
  'mitre-attack': 'mitre-attack',
  attack: 'mitre-attack',
  pss: 'pss',
  'pci-dss': 'pci-dss',
  pci: 'pci-dss',
  hipaa: 'hipaa',
  soc2: 'soc2',
};

/**
 * Resolves `--compliance` values (repeatable, each may be a comma list) to framework ids, in
 * the order given, without repeats.
 *
 * @throws {UsageError} naming the valid values for an unknown framework.
 * @example
 * parseFrameworks(['cis,pci-dss', 'nsa']); // ['cis-k8s', 'pci-dss', 'nsa-cisa']
 */
export function parseFrameworks(values: readonly string[]): Framework[] {
  const out: Framework[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (name === 'all') {
      for (const f of FRAMEWORKS) if (!out.includes(f)) out.push(f);
      continue;
    }
    const framework = FRAMEWORK_ALIASES[name];
    if (framework === undefined || !Object.hasOwn(FRAMEWORK_ALIASES, name)) {
      throw new UsageError(`--compliance: unknown framework ${JSON.stringify(raw.trim())}; valid: ${Object.keys(FRAMEWORK_ALIASES).join(', ')}, all`);
    }
    if (!out.includes(framework)) out.push(framework);
  }
  return out;
}

/**
 * Control ids compare without case, spaces or a leading `§`, so `§164.312(a)(1)` in a check
 * and `164.312(a)(1)` in the catalogue are the same control.
 *
 * @example
 * normalizeControlId('§ 164.312(b)'); // '164.312(b)'
 */
export function normalizeControlId(id: string): string {
  return id.replace(/§/g, '').replace(/\s+/g, '').toLowerCase();
}

function controlKey(control: Control): string {
  return `${control.framework}\u0000${normalizeControlId(control.id)}`;
}

/**
 * Whether `control` is the catalogue entry for `id` (by its id or one of its aliases).
 *
 * @example
 * controlMatches({ id: '164.312(b)', title: 'Audit controls' }, '§164.312(b)'); // true
 */
export function controlMatches(control: CatalogueControl, id: string): boolean {
  const wanted = normalizeControlId(id);
  return [control.id, ...(control.aliases ?? [])].some((name) => normalizeControlId(name) === wanted);
}

/**
 * Validates a catalogue file; every problem is reported at once with its line.
 *
 * @throws {ConfigError} when the catalogue is malformed.
 * @example
 * const catalogue = parseCatalogue(await readFile('data/compliance/soc2.yaml', 'utf8'), 'soc2.yaml', 'soc2');
 */
export function parseCatalogue(text: string, file: string, expected?: Framework): Catalogue {
  const issues = new IssueCollector();
  const { documents, issues: syntax } = parseConfigDocuments(text, file);
  issues.issues.push(...syntax);
  const [doc, ...extra] = documents;
  for (const other of extra) issues.add(other, [], 'a catalogue is one YAML document');
  if (doc === undefined && syntax.length === 0) issues.addAt(file, 1, '', 'empty catalogue');
  if (doc !== undefined && !isRecord(doc.value)) issues.add(doc, [], 'a catalogue is a mapping with framework, title, version and controls');
  if (doc === undefined || !isRecord(doc.value)) throw toConfigError(`invalid compliance catalogue ${file}`, issues.issues);
  const value = doc.value;
  const framework = value['framework'];
  if (typeof framework !== 'string' || !(FRAMEWORKS as readonly string[]).includes(framework)) {
    issues.add(doc, ['framework'], `must be one of ${FRAMEWORKS.join(', ')}`);
  } else if (expected !== undefined && framework !== expected) {
    issues.add(doc, ['framework'], `is ${framework} but the file is the catalogue of ${expected}`);
  }
  requireString(issues, doc, value, ['title']);
  requireString(issues, doc, value, ['version']);
  if (value['url'] !== undefined && typeof value['url'] !== 'string') issues.add(doc, ['url'], 'must be a string');
  const controls: CatalogueControl[] = [];
  const rawControls = value['controls'];
  if (!Array.isArray(rawControls) || rawControls.length === 0) {
    issues.add(doc, ['controls'], 'must be a non-empty list of controls');
  } else {
    const seen = new Map<string, number>();
    rawControls.forEach((raw: unknown, index) => {
      const at = ['controls', index];
      if (!isRecord(raw)) {
        issues.add(doc, at, 'a control is a mapping with id and title');
        return;
      }
      for (const key of Object.keys(raw)) {
        if (!['id', 'title', 'aliases', 'manual', 'notApplicable'].includes(key)) issues.add(doc, [...at, key], 'unknown key (expected id, title, aliases, manual, notApplicable)');
      }
      const id = typeof raw['id'] === 'number' ? String(raw['id']) : raw['id'];
      if (typeof id !== 'string' || id.trim() === '') {
        issues.add(doc, [...at, 'id'], 'must be a non-empty string');
        return;
      }
      const names = [id];
      const rawAliases = raw['aliases'];
      if (rawAliases !== undefined) {
        if (!Array.isArray(rawAliases) || rawAliases.some((a) => typeof a !== 'string' || a.trim() === '')) {
          issues.add(doc, [...at, 'aliases'], 'must be a list of non-empty strings');
        } else {
          names.push(...(rawAliases as string[]));
        }
      }
      for (const name of names) {
        const key = normalizeControlId(name);
        const previous = seen.get(key);
        if (previous !== undefined) issues.add(doc, [...at, name === id ? 'id' : 'aliases'], `${name} is already used by controls[${previous}]`);
        seen.set(key, index);
      }
      const title = requireString(issues, doc, raw, [...at, 'title'], 'title');
      const control: CatalogueControl = { id, title: title ?? '' };
      if (names.length > 1) control.aliases = names.slice(1);
      if (raw['manual'] !== undefined) {
        const manual = requireString(issues, doc, raw, [...at, 'manual'], 'manual');
        if (manual !== undefined) control.manual = manual;
      }
      if (raw['notApplicable'] !== undefined) {
        const reason = requireString(issues, doc, raw, [...at, 'notApplicable'], 'notApplicable');
        if (reason !== undefined) control.notApplicable = reason;
      }
      if (control.manual !== undefined && control.notApplicable !== undefined) {
        issues.add(doc, at, 'a control is either manual or notApplicable, not both');
      }
      controls.push(control);
    });
  }
  issues.throwIfAny(`invalid compliance catalogue ${file}`);
  const catalogue: Catalogue = {
    framework: framework as Framework,
    title: value['title'] as string,
    version: value['version'] as string,
    controls,
  };
  if (typeof value['url'] === 'string') catalogue.url = value['url'];
  return catalogue;
}

function requireString(
  issues: IssueCollector,
  doc: ConfigDocument,
  object: Record<string, unknown>,
  path: Array<string | number>,
  key: string = String(path[path.length - 1]),
): string | undefined {
  const value = object[key];
  if (typeof value !== 'string' || value.trim() === '') {
    issues.add(doc, path, 'must be a non-empty string');
    return undefined;
  }
  return value.trim();
}

/**
 * Reads the catalogue of each framework from `data/compliance/`.
 *
 * @example
 * const [cis] = await readCatalogues(['cis-k8s']);
 */
export async function readCatalogues(frameworks: readonly Framework[], directory = COMPLIANCE_DATA_DIR): Promise<Catalogue[]> {
  return Promise.all(
    frameworks.map(async (framework) => {
      const file = `${directory.replace(/\/$/, '')}/${framework}.yaml`;
      return parseCatalogue(await readFile(file, 'utf8'), file, framework);
    }),
  );
}

/**
 * The roll-up of one framework. Pure: the findings and checks of a run and a catalogue in, the
 * report out. A control is decided by the checks that name it: `fail` when any of their
 * findings remains (after suppressions and exceptions, baselined or not), else `pass`. A
 * control no check names is `manual` or `not-applicable` as its catalogue entry says.
 *
 * @example
 * const report = frameworkReport(result.findings, CHECKS, catalogue);
 * report.score; // 0.8333
 */
export function frameworkReport(findings: readonly Finding[], checks: readonly AnyCheck[], catalogue: Catalogue): FrameworkReport {
  const checksByControl = new Map<string, string[]>();
  for (const check of checks) {
    for (const control of check.controls) {
      if (control.framework !== catalogue.framework) continue;
      const key = controlKey(control);
      const list = checksByControl.get(key) ?? [];
      if (!list.includes(check.id)) list.push(check.id);
      checksByControl.set(key, list);
    }
  }
  const evidenceByControl = new Map<string, ComplianceEvidence[]>();
  for (const finding of findings) {
    const keys = new Set(finding.controls.filter((c) => c.framework === catalogue.framework).map(controlKey));
    if (keys.size === 0) continue;
    const cited = evidence(finding);
    for (const key of keys) {
      const list = evidenceByControl.get(key) ?? [];
      list.push(cited);
      evidenceByControl.set(key, list);
    }
  }
  const report: FrameworkReport = {
    framework: catalogue.framework,
    title: catalogue.title,
    version: catalogue.version,
    score: null,
    passed: 0,
    failed: 0,
    manual: 0,
    notApplicable: 0,
    controls: [],
  };
  for (const control of catalogue.controls) {
    const keys = [control.id, ...(control.aliases ?? [])].map((id) => controlKey({ framework: catalogue.framework, id }));
    const deciding = [...new Set(keys.flatMap((key) => checksByControl.get(key) ?? []))].sort();
    const found = uniqueEvidence(keys.flatMap((key) => evidenceByControl.get(key) ?? [])).sort(compareEvidence);
    const result: ControlResult = { id: control.id, title: control.title, status: 'manual', checks: deciding, evidence: [] };
    if (deciding.length > 0 || found.length > 0) {
      result.status = found.length > 0 ? 'fail' : 'pass';
      result.evidence = found;
      if (control.manual !== undefined) result.manual = control.manual;
    } else if (control.notApplicable !== undefined) {
      result.status = 'not-applicable';
      result.reason = control.notApplicable;
    } else {
      result.status = 'manual';
      result.manual = control.manual ?? 'No Rampart check covers this control: collect evidence that it is met.';
    }
    if (result.status === 'pass') report.passed++;
    else if (result.status === 'fail') report.failed++;
    else if (result.status === 'manual') report.manual++;
    else report.notApplicable++;
    report.controls.push(result);
  }
  const decided = report.passed + report.failed;
  report.score = decided === 0 ? null : Math.round((report.passed / decided) * 10_000) / 10_000;
  return report;
}

/**
 * The roll-up for several frameworks.
 *
 * @example
 * const rollup = complianceRollup(result.findings, CHECKS, await readCatalogues(['pci-dss']));
 */
export function complianceRollup(findings: readonly Finding[], checks: readonly AnyCheck[], catalogues: readonly Catalogue[]): ComplianceRollup {
  return { frameworks: catalogues.map((catalogue) => frameworkReport(findings, checks, catalogue)) };
}

function evidence(finding: Finding): ComplianceEvidence {
  // Field by field, in the JSON contract's key order: a finding may carry a whole Resource, and its body must never leak.
  const resource: ResourceRef = {
    apiVersion: finding.resource.apiVersion,
    kind: finding.resource.kind,
    ...(finding.resource.namespace !== undefined ? { namespace: finding.resource.namespace } : {}),
    name: finding.resource.name,
  };
  return { checkId: finding.checkId, severity: finding.severity, message: finding.message, resource, file: finding.file, line: finding.line };
}

/** A finding naming a control twice (by id and by alias) is cited once. */
function uniqueEvidence(list: ComplianceEvidence[]): ComplianceEvidence[] {
  return [...new Set(list)];
}

function compareEvidence(a: ComplianceEvidence, b: ComplianceEvidence): number {
  const ka = `${a.file}\u0000${String(a.line).padStart(9, '0')}\u0000${a.checkId}\u0000${describeResource(a.resource)}\u0000${a.message}`;
  const kb = `${b.file}\u0000${String(b.line).padStart(9, '0')}\u0000${b.checkId}\u0000${describeResource(b.resource)}\u0000${b.message}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Whether a value is a compliance roll-up (reporters receive it untyped through ReportOptions).
 *
 * @example
 * if (isComplianceRollup(options.compliance)) renderCompliance(options.compliance);
 */
export function isComplianceRollup(value: unknown): value is ComplianceRollup {
  return isRecord(value) && Array.isArray(value['frameworks']) && value['frameworks'].every((f) => isRecord(f) && Array.isArray(f['controls']));
}
