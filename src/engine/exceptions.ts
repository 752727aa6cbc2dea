/**
 * Governed exceptions (`scan --exceptions FILE`): accepted risks kept outside the manifests, each
 * with a reason, an owner and an expiry date. An exception hides the findings it matches until
 * it expires; then it stops applying, so the findings count again, and it is itself reported.
 * An exception that matches nothing is reported as unused, so the register stays accurate.
 *
 * ```yaml
 * exceptions:
 *   - checkId: pss.*                     # glob: * any run of characters, ? one character
 *     resource: { kind: Deployment, namespace: shop-*, name: legacy-*, labels: { team: payments } }
 *     reason: vendor image needs root until v3 ships
 *     owner: payments-team@example.com
 *     expires: 2026-12-31                # last day the exception applies (UTC)
 * ```
 */
import { createHash } from 'node:crypto';
import { effectiveNamespace } from '../model/inventory.js';
import { describeResource, type ResourceRef } from '../model/types.js';
import exceptionExpired from '../checks/governance/exception-expired.js';
import exceptionUnused from '../checks/governance/exception-unused.js';
import { IssueCollector, isRecord, parseConfigDocuments, type ConfigDocument } from './config-file.js';
import { formatMessage } from './runner.js';
import type { AnyCheck, Finding } from './types.js';

/** What an exception's resource matcher may name; every given field must match. */
export interface ResourceMatcher {
  kind?: string;
  namespace?: string;
  name?: string;
  /** Every label must be present with a value matching the glob. */
  labels?: Record<string, string>;
}

export interface ExceptionEntry {
  /** Position in the file, 0-based, and the line of the entry. */
  index: number;
  line: number;
  /** Glob over check ids. */
  checkId: string;
  resource: ResourceMatcher;
  reason: string;
  owner: string;
  /** Last day (UTC, YYYY-MM-DD) on which the exception applies. */
  expires: string;
}

export interface ExceptionsFile {
  file: string;
  entries: ExceptionEntry[];
}

/** The resource a finding belongs to, with the labels the matcher may test. */
export interface FindingSubject {
  labels: Readonly<Record<string, string>>;
}

export interface ExceptionOutcome {
  /** Findings no live exception covers. */
  findings: Finding[];
  /** How many findings live exceptions hid. */
  excepted: number;
  /** Findings of the governance checks: expired and unused exceptions. */
  governance: Finding[];
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const ENTRY_KEYS = ['checkId', 'resource', 'reason', 'owner', 'expires'];
const MATCHER_KEYS = ['kind', 'namespace', 'name', 'labels'];

/**
 * Compiles a glob (`*` any run of characters, `?` one character) to an anchored RegExp.
 *
 * @example
 * globToRegExp('pss.*').test('pss.privileged'); // true
 */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's');
}

/**
 * Parses and validates an exceptions file; every problem is reported at once, with its line.
 *
 * @throws {ConfigError} listing each problem as `file:line path: message`.
 * @example
 * const exceptions = parseExceptions(await readFile('exceptions.yaml', 'utf8'), 'exceptions.yaml');
 */
export function parseExceptions(text: string, file: string): ExceptionsFile {
  const issues = new IssueCollector();
  const { documents, issues: syntax } = parseConfigDocuments(text, file);
  issues.issues.push(...syntax);
  const entries: ExceptionEntry[] = [];
  const [doc, ...extra] = documents;
  for (const other of extra) issues.add(other, [], 'an exceptions file is one YAML document');
  if (doc !== undefined) {
    const list = Array.isArray(doc.value) ? doc.value : isRecord(doc.value) ? doc.value['exceptions'] : undefined;
    const base: Array<string | number> = Array.isArray(doc.value) ? [] : ['exceptions'];
    if (isRecord(doc.value)) {
      for (const key of Object.keys(doc.value)) if (key !== 'exceptions') issues.add(doc, [key], 'unknown key (expected exceptions)');
    }
    if (!Array.isArray(list)) {
      issues.add(doc, base, 'expected a list of exceptions under "exceptions:"');
    } else {
      list.forEach((raw: unknown, index) => {
        const entry = parseEntry(issues, doc, raw, [...base, index], index);
        if (entry) entries.push(entry);
      });
    }
  }
  issues.throwIfAny(`invalid exceptions file ${file}`);
  return { file, entries };
}

function parseEntry(issues: IssueCollector, doc: ConfigDocument, raw: unknown, at: Array<string | number>, index: number): ExceptionEntry | undefined {
  if (!isRecord(raw)) {
    issues.add(doc, at, 'an exception is a mapping with checkId, resource, reason, owner and expires');
    return undefined;
  }
  const before = issues.issues.length;
  for (const key of Object.keys(raw)) if (!ENTRY_KEYS.includes(key)) issues.add(doc, [...at, key], `unknown key (expected ${ENTRY_KEYS.join(', ')})`);
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string' || value.trim() === '') {
      issues.add(doc, [...at, key], value === undefined ? 'is required' : 'must be a non-empty string');
      return '';
    }
    return value.trim();
  };
  const checkId = text('checkId');
  const reason = text('reason');
  const owner = text('owner');
  const expires = text('expires');
  if (expires !== '' && !isValidDate(expires)) issues.add(doc, [...at, 'expires'], `must be a date written YYYY-MM-DD (got ${JSON.stringify(expires)})`);
  const resource: ResourceMatcher = {};
  const rawResource = raw['resource'];
  if (rawResource !== undefined) {
    if (!isRecord(rawResource)) {
      issues.add(doc, [...at, 'resource'], 'must be a mapping with kind, namespace, name or labels');
    } else {
      for (const key of Object.keys(rawResource)) {
        if (!MATCHER_KEYS.includes(key)) issues.add(doc, [...at, 'resource', key], `unknown key (expected ${MATCHER_KEYS.join(', ')})`);
      }
      for (const key of ['kind', 'namespace', 'name'] as const) {
        const value = rawResource[key];
        if (value === undefined) continue;
        if (typeof value !== 'string' || value === '') issues.add(doc, [...at, 'resource', key], 'must be a non-empty string (a glob)');
        else resource[key] = value;
      }
      const labels = rawResource['labels'];
      if (labels !== undefined) {
        if (!isRecord(labels)) {
          issues.add(doc, [...at, 'resource', 'labels'], 'must be a mapping of label keys to values (globs)');
        } else {
          resource.labels = {};
          for (const [key, value] of Object.entries(labels)) {
            if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') resource.labels[key] = String(value);
            else issues.add(doc, [...at, 'resource', 'labels', key], 'must be a string');
          }
        }
      }
    }
  }
  if (issues.issues.length > before) return undefined;
  return { index, line: doc.lineOf(at), checkId, resource, reason, owner, expires };
}

function isValidDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether the exception has expired at `now`: it applies through the whole of its `expires` day (UTC).
 *
 * @example
 * isExpired({ expires: '2026-01-31' } as ExceptionEntry, new Date('2026-02-01T00:00:00Z')); // true
 */
export function isExpired(entry: Pick<ExceptionEntry, 'expires'>, now: Date): boolean {
  const match = DATE_PATTERN.exec(entry.expires);
  if (!match) return true;
  const endOfDay = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1);
  return now.getTime() >= endOfDay;
}

interface CompiledException {
  entry: ExceptionEntry;
  checkId: RegExp;
  kind?: RegExp;
  namespace?: RegExp;
  name?: RegExp;
  labels: Array<[string, RegExp]>;
  used: number;
}

function compile(entry: ExceptionEntry): CompiledException {
  const compiled: CompiledException = {
    entry,
    checkId: globToRegExp(entry.checkId),
    labels: Object.entries(entry.resource.labels ?? {}).map(([k, v]) => [k, globToRegExp(v)]),
    used: 0,
  };
  if (entry.resource.kind !== undefined) compiled.kind = globToRegExp(entry.resource.kind);
  if (entry.resource.namespace !== undefined) compiled.namespace = globToRegExp(entry.resource.namespace);
  if (entry.resource.name !== undefined) compiled.name = globToRegExp(entry.resource.name);
  return compiled;
}

function covers(exception: CompiledException, finding: Finding, subject: FindingSubject | undefined): boolean {
  if (!exception.checkId.test(finding.checkId)) return false;
  const ref = finding.resource;
  if (exception.kind && !exception.kind.test(ref.kind)) return false;
  if (exception.name && !exception.name.test(ref.name)) return false;
  if (exception.namespace) {
    // A namespaced object without metadata.namespace lands in "default"; a cluster-scoped one matches no namespace glob.
    const namespace = effectiveNamespace({ kind: ref.kind, apiVersion: ref.apiVersion, namespace: ref.namespace });
    if (namespace === undefined || !exception.namespace.test(namespace)) return false;
  }
  for (const [key, pattern] of exception.labels) {
    const value = subject?.labels[key];
    if (value === undefined || !pattern.test(value)) return false;
  }
  return true;
}

/** The checks whose findings an exception must never hide: the governance of exceptions itself. */
const UNEXCEPTABLE = new Set([exceptionExpired.id, exceptionUnused.id]);

/**
 * Applies an exceptions file to the findings of a run. Pure: `now` is passed in.
 *
 * @example
 * const outcome = applyExceptions(findings, exceptions, new Date(), (f) => subjects.get(key(f)));
 * outcome.findings; // what still counts
 */
export function applyExceptions(
  findings: readonly Finding[],
  exceptions: ExceptionsFile,
  now: Date,
  subjectOf: (finding: Finding) => FindingSubject | undefined = () => undefined,
): ExceptionOutcome {
  const compiled = exceptions.entries.map(compile);
  const live = compiled.filter((c) => !isExpired(c.entry, now));
  const kept: Finding[] = [];
  let excepted = 0;
  for (const finding of findings) {
    if (UNEXCEPTABLE.has(finding.checkId)) {
      kept.push(finding);
      continue;
    }
    const subject = live.length > 0 ? subjectOf(finding) : undefined;
    const exception = live.find((c) => covers(c, finding, subject));
    if (exception) {
      exception.used++;
      excepted++;
    } else {
      kept.push(finding);
    }
  }
  const governance: Finding[] = [];
  for (const c of compiled) {
    if (isExpired(c.entry, now)) {
      governance.push(exceptionFinding(exceptionExpired, 'expired', exceptions.file, c.entry, '/expires', { expires: c.entry.expires }));
    } else if (c.used === 0) {
      governance.push(exceptionFinding(exceptionUnused, 'unused', exceptions.file, c.entry, '', {}));
    }
  }
  return { findings: kept, excepted, governance };
}

/** How a finding about an exception names it: `Exception exceptions[2] (pss.*)`. */
function exceptionRef(entry: ExceptionEntry): ResourceRef {
  return { apiVersion: 'rampart.dev/v1', kind: 'Exception', name: `exceptions[${entry.index}]` };
}

function describeMatcher(matcher: ResourceMatcher): string {
  const parts: string[] = [];
  if (matcher.kind !== undefined) parts.push(`kind=${matcher.kind}`);
  if (matcher.namespace !== undefined) parts.push(`namespace=${matcher.namespace}`);
  if (matcher.name !== undefined) parts.push(`name=${matcher.name}`);
  for (const [key, value] of Object.entries(matcher.labels ?? {})) parts.push(`${key}=${value}`);
  return parts.length === 0 ? 'any resource' : parts.join(', ');
}

function exceptionFinding(check: AnyCheck, messageId: string, file: string, entry: ExceptionEntry, path: string, data: Record<string, string>): Finding {
  const template = (check.messages as Record<string, string>)[messageId] ?? messageId;
  const resource = exceptionRef(entry);
  const identity = [check.id, file, entry.checkId, describeMatcher(entry.resource), entry.owner, entry.expires].join('\u0000');
  return {
    checkId: check.id,
    severity: check.severity,
    domain: check.domain,
    title: check.title,
    message: formatMessage(template, { ...data, checkId: entry.checkId, resource: describeMatcher(entry.resource), owner: entry.owner }),
    resource,
    file,
    line: entry.line,
    column: 1,
    path: `/exceptions/${entry.index}${path}`,
    controls: [...check.controls],
    fingerprint: createHash('sha256').update(identity).digest('hex').slice(0, 32),
  };
}

/**
 * The key that finds the resource of a finding among loaded resources: same file, kind,
 * namespace as written and name.
 *
 * @example
 * subjects.set(subjectKey(resource.source.file, resourceRef(resource)), resource);
 */
export function subjectKey(file: string, ref: ResourceRef): string {
  return `${file}\u0000${describeResource(ref)}\u0000${ref.apiVersion}`;
}
