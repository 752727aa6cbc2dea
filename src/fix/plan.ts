/**
 * `fixSources`: manifest texts → fixed texts, with an account of every finding fixed and every
 * finding left alone (and why). Pure: the CLI reads and writes the files.
 *
 * For each file: evaluate the checks, ask the fix registry for JSON-Patch operations per finding
 * (each fix sees the body as earlier fixes left it), apply them to the text with the one YAML
 * patcher, then load the new text again and prove that the patched resource is exactly the
 * original plus the operations and that every other resource of the file is unchanged. A
 * resource whose edit fails that proof keeps its original text and its findings are reported.
 */
import { CHECKS } from '../checks/index.js';
import { applyExceptions, type ExceptionsFile } from '../engine/exceptions.js';
import { evaluateInventory, fingerprint, formatMessage } from '../engine/runner.js';
import { SuppressionIndex } from '../engine/suppressions.js';
import type { AnyCheck, CheckContext, Finding, InventoryCheckContext, Report, RunError, RunSettings } from '../engine/types.js';
import { describeError } from '../errors.js';
import { loadText } from '../load/index.js';
import { Inventory } from '../model/inventory.js';
import { describeResource, resourceRef, type JsonObject, type Resource, type ResourceRef } from '../model/types.js';
import { FIXES, type FixRegistry } from './fixes/index.js';
import { applyPatch, isDeepEqual } from './json-patch.js';
import { documentSlices, patchYamlText, type DocumentSlice } from './patcher.js';
import { templateRefusal } from './template.js';
import type { FixOptions, PatchOp } from './types.js';

/** One input file's text (without a byte-order mark). */
export interface FixSource {
  file: string;
  text: string;
}

export interface FixRunOptions {
  settings: RunSettings;
  /** Checks to evaluate; every built-in check by default. */
  checks?: readonly AnyCheck[];
  /** Fix registry; the built-in one by default. */
  fixes?: FixRegistry;
  /** Only findings of checks this accepts are fixed or reported (`--check`). */
  only?: (checkId: string) => boolean;
  options?: FixOptions;
  /** Accepted risks (`--exceptions`): findings a live exception covers are neither fixed nor reported. */
  exceptions?: ExceptionsFile;
  /** The date exceptions expire against; today by default. */
  now?: Date;
}

/** A finding located in its file. */
export interface LocatedFinding {
  checkId: string;
  resource: ResourceRef;
  file: string;
  line: number;
  /** JSON Pointer inside the resource body. */
  path: string;
}

export interface AppliedFix extends LocatedFinding {
  /** What the fix wrote. */
  description: string;
  ops: PatchOp[];
}

export interface UnfixedFinding extends LocatedFinding {
  /**
   * `no-fix`: the check has no automatic fix; `declined`: the fix judged this case unsafe;
   * `refused`: the file is never rewritten; `failed`: the edit did not survive the read-back proof.
   */
  kind: 'no-fix' | 'declined' | 'refused' | 'failed';
  reason: string;
  /** For declined findings that only lack input: the option that would supply it. */
  needsOption?: string;
}

export interface FileFixResult {
  file: string;
  original: string;
  /** Equal to `original` when nothing was fixed. */
  fixed: string;
  applied: AppliedFix[];
  unfixed: UnfixedFinding[];
  /** Why the file is never rewritten (templates, documents that do not parse). */
  refused?: string;
}

export interface FixRunResult {
  files: FileFixResult[];
  /** Documents that did not parse, checks that threw. */
  errors: RunError[];
}

interface RecordedFinding {
  check: AnyCheck;
  checkId: string;
  resource: Resource;
  path: string;
  messageId: string;
  data: Readonly<Record<string, string | number>> | undefined;
}

/**
 * Computes every safe fix for `sources`.
 *
 * @example
 * const { files } = fixSources([{ file: 'pod.yaml', text }], { settings: { pssLevel: 'restricted', pssVersion: '1.37' } });
 * files[0].fixed // the manifest with securityContext hardened, comments and layout intact
 */
export function fixSources(sources: readonly FixSource[], options: FixRunOptions): FixRunResult {
  const fixes = options.fixes ?? FIXES;
  const errors: RunError[] = [];
  const loadedFiles = sources.map((source) => {
    const loaded = loadText(source.text, source.file);
    errors.push(...loaded.errors);
    return { source, loaded };
  });
  const allResources = loadedFiles.flatMap((f) => f.loaded.resources);
  const recorded = recordFindings(allResources, options.checks ?? CHECKS, options.settings);
  errors.push(...recorded.errors);
  const findings = options.exceptions ? withoutExcepted(recorded.findings, options.exceptions, options.now ?? new Date()) : recorded.findings;
  const only = options.only ?? (() => true);
  const byResource = new Map<Resource, RecordedFinding[]>();
  for (const finding of findings) {
    if (!only(finding.checkId)) continue;
    const list = byResource.get(finding.resource) ?? [];
    if (!list.some((f) => f.checkId === finding.checkId && f.path === finding.path)) list.push(finding);
    byResource.set(finding.resource, list);
  }

  const files = loadedFiles.map(({ source, loaded }) => fixFile(source, loaded.resources, loaded.errors.length > 0, byResource, fixes, options.options ?? {}));
  return { files, errors };
}

interface PendingResource {
  resource: Resource;
  plan: ResourcePlan;
}

/** Plans and applies the fixes of one file, document by document. */
function fixFile(
  source: FixSource,
  resources: readonly Resource[],
  hasErrors: boolean,
  byResource: ReadonlyMap<Resource, RecordedFinding[]>,
  fixes: FixRegistry,
  options: FixOptions,
): FileFixResult {
  const result: FileFixResult = { file: source.file, original: source.text, fixed: source.text, applied: [], unfixed: [] };
  const refusal = templateRefusal(source.text, resources) ?? (hasErrors ? 'a document in the file does not parse' : undefined);
  if (refusal !== undefined) result.refused = refusal;
  const pending: PendingResource[] = [];
  for (const resource of resources) {
    const findings = byResource.get(resource) ?? [];
    if (findings.length === 0) continue;
    if (refusal !== undefined) {
      for (const f of findings) result.unfixed.push({ ...locate(f), kind: 'refused', reason: `the file is not rewritten: ${refusal}` });
      continue;
    }
    const plan = planResource(resource, findings, fixes, options);
    result.unfixed.push(...plan.unfixed);
    if (plan.ops.length === 0) result.applied.push(...plan.applied);
    else pending.push({ resource, plan });
  }
  if (pending.length === 0) return result;

  const fail = (entries: readonly PendingResource[], error: unknown): void => {
    const reason = `the edit could not be applied safely: ${describeError(error)}`;
    for (const entry of entries) for (const fix of entry.plan.applied) result.unfixed.push({ ...withoutOps(fix), kind: 'failed', reason });
  };
  let slices: DocumentSlice[];
  try {
    slices = documentSlices(source.text);
  } catch (error) {
    fail(pending, error);
    return result;
  }

  // Each document is patched and proven on its own; the text around it stays byte for byte.
  const bySlice = new Map<DocumentSlice, PendingResource[]>();
  for (const entry of pending) {
    const slice = sliceOf(slices, entry.resource.source.line);
    if (!slice) {
      fail([entry], new Error('the document was not found in the file'));
      continue;
    }
    bySlice.set(slice, [...(bySlice.get(slice) ?? []), entry]);
  }
  let text = source.text;
  let shift = 0;
  const applied: PendingResource[] = [];
  for (const slice of slices) {
    const entries = bySlice.get(slice);
    if (!entries) continue;
    const start = slice.start + shift;
    const end = slice.end + shift;
    const before = text.slice(start, end);
    const original = loadText(before, source.file).resources;
    const expected = new Map<string, JsonObject>();
    let after = before;
    for (const entry of entries) {
      try {
        const candidate = patchYamlText(after, { documentIndex: 0, pointerPrefix: entry.resource.source.pointerPrefix }, entry.plan.ops);
        verify(candidate, source.file, original, new Map([...expected, [entry.resource.source.pointerPrefix, entry.plan.body]]));
        after = candidate;
        expected.set(entry.resource.source.pointerPrefix, entry.plan.body);
        applied.push(entry);
      } catch (error) {
        fail([entry], error);
      }
    }
    text = text.slice(0, start) + after + text.slice(end);
    shift += after.length - before.length;
  }

  // The whole file, once: every resource is what it was, or exactly what its fixes intended.
  try {
    const intended = new Map(applied.map((entry) => [entry.resource, entry.plan.body]));
    const reloaded = loadText(text, source.file);
    if (reloaded.errors.length > 0 || reloaded.resources.length !== resources.length) throw new Error('the edited file does not load as the same resources');
    resources.forEach((resource, i) => {
      if (!isDeepEqual(reloaded.resources[i]?.body, intended.get(resource) ?? resource.body)) throw new Error(`${describeResource(resourceRef(resource))} changed unexpectedly`);
    });
  } catch (error) {
    fail(applied, error);
    return result;
  }
  result.fixed = text;
  for (const entry of applied) result.applied.push(...entry.plan.applied);
  result.applied.sort((a, b) => a.line - b.line);
  return result;
}

/** The slice holding a line: the last document starting at or before it. */
function sliceOf(slices: readonly DocumentSlice[], line: number): DocumentSlice | undefined {
  let found: DocumentSlice | undefined;
  for (const slice of slices) if (slice.line <= line) found = slice;
  return found;
}

function withoutOps(fix: AppliedFix): LocatedFinding {
  return { checkId: fix.checkId, resource: fix.resource, file: fix.file, line: fix.line, path: fix.path };
}

function locate(finding: RecordedFinding): LocatedFinding {
  const { resource } = finding;
  const position = resource.source.positions?.locate(resource.source.pointerPrefix + finding.path);
  return { checkId: finding.checkId, resource: resourceRef(resource), file: resource.source.file, line: position?.line ?? resource.source.line, path: finding.path };
}

interface ResourcePlan {
  ops: PatchOp[];
  body: JsonObject;
  applied: AppliedFix[];
  unfixed: UnfixedFinding[];
}

/** Runs the fixes of one resource's findings in order, each on the body the previous ones left. */
function planResource(resource: Resource, findings: readonly RecordedFinding[], fixes: FixRegistry, options: FixOptions): ResourcePlan {
  const plan: ResourcePlan = { ops: [], body: resource.body, applied: [], unfixed: [] };
  for (const finding of findings) {
    const located = locate(finding);
    const fix = fixes[finding.checkId];
    if (!fix) {
      plan.unfixed.push({ ...located, kind: 'no-fix', reason: 'this check has no automatic fix' });
      continue;
    }
    let body: JsonObject;
    let ops: PatchOp[];
    try {
      const outcome = fix.fix({ resource, body: plan.body, finding: { checkId: finding.checkId, path: finding.path }, options });
      if (outcome.kind === 'unsafe') {
        plan.unfixed.push({ ...located, kind: 'declined', reason: outcome.reason, ...(outcome.needsOption !== undefined ? { needsOption: outcome.needsOption } : {}) });
        continue;
      }
      ops = outcome.ops;
      body = applyPatch(plan.body, ops);
    } catch (error) {
      plan.unfixed.push({ ...located, kind: 'failed', reason: `the fix failed: ${describeError(error)}` });
      continue;
    }
    plan.body = body;
    plan.ops.push(...ops);
    plan.applied.push({ ...located, description: fix.description, ops });
  }
  return plan;
}

/**
 * Proves the edit of one document: the new text loads without errors, holds the same resources
 * (by pointer prefix: List items) and each is either unchanged or exactly its intended body.
 */
function verify(text: string, file: string, before: readonly Resource[], intended: ReadonlyMap<string, JsonObject>): void {
  const after = loadText(text, file);
  if (after.errors.length > 0) throw new Error(`the edited document does not load (${after.errors[0]?.message ?? ''})`);
  if (after.resources.length !== before.length) throw new Error('the edited document holds a different number of resources');
  after.resources.forEach((resource, i) => {
    const prefix = resource.source.pointerPrefix;
    const want = intended.get(prefix) ?? (before[i] as Resource).body;
    if (!isDeepEqual(resource.body, want)) {
      throw new Error(intended.has(prefix) ? 'the edited resource does not read back as intended' : `the edit changed another resource (${describeResource(resourceRef(resource))})`);
    }
  });
}

/** The findings no live exception covers: an accepted risk is not "fixed" behind its owner's back. */
function withoutExcepted(findings: readonly RecordedFinding[], exceptions: ExceptionsFile, now: Date): RecordedFinding[] {
  const byFinding = new Map<Finding, RecordedFinding>();
  for (const recorded of findings) byFinding.set(asFinding(recorded), recorded);
  const outcome = applyExceptions([...byFinding.keys()], exceptions, now, (finding) => {
    const resource = byFinding.get(finding)?.resource;
    return resource ? { labels: resource.labels } : undefined;
  });
  return outcome.findings.flatMap((finding) => byFinding.get(finding) ?? []);
}

/** A recorded report as the engine's Finding, for the exception matcher. */
function asFinding(recorded: RecordedFinding): Finding {
  const { check, resource } = recorded;
  const located = locate(recorded);
  return {
    checkId: check.id,
    severity: check.severity,
    domain: check.domain,
    title: check.title,
    message: formatMessage((check.messages as Record<string, string>)[recorded.messageId] ?? '', recorded.data),
    resource: located.resource,
    file: located.file,
    line: located.line,
    column: 1,
    path: recorded.path,
    controls: [...check.controls],
    fingerprint: fingerprint(check.id, resource, recorded.path),
  };
}

/** Evaluates `checks` and records each unsuppressed report with the resource object it concerns. */
function recordFindings(resources: readonly Resource[], checks: readonly AnyCheck[], settings: RunSettings): { findings: RecordedFinding[]; errors: RunError[] } {
  const inventory = new Inventory([...resources]);
  const recorded: RecordedFinding[] = [];
  const wrapped = checks.map((check) => recording(check, recorded));
  const evaluation = evaluateInventory(inventory, wrapped, { settings });
  const suppressions = new SuppressionIndex(inventory);
  return { findings: recorded.filter((f) => !suppressions.find(f.resource, f.checkId)), errors: evaluation.errors };
}

function recording(check: AnyCheck, sink: RecordedFinding[]): AnyCheck {
  const record = (resource: Resource, report: Report<string>): void => {
    sink.push({ check, checkId: check.id, resource: report.resource ?? resource, path: report.path, messageId: report.messageId, data: report.data });
  };
  if (check.scope === 'inventory') {
    return {
      ...check,
      evaluate: (context: InventoryCheckContext<string, unknown>) =>
        check.evaluate({
          ...context,
          report: (report) => {
            record(report.resource, report);
            context.report(report);
          },
        }),
    };
  }
  if (check.scope === 'resource') {
    type Evaluate = (context: CheckContext<string, unknown>) => void;
    const wrap =
      (evaluate: Evaluate): Evaluate =>
      (context) =>
        evaluate({
          ...context,
          report: (report) => {
            record(context.resource, report);
            context.report(report);
          },
        });
    return {
      ...check,
      ...(check.evaluate ? { evaluate: wrap(check.evaluate) } : {}),
      ...(check.versions ? { versions: check.versions.map((v) => ({ since: v.since, evaluate: wrap(v.evaluate) })) } : {}),
    };
  }
  return check;
}
