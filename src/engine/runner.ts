/**
 * The runner: evaluates every enabled check against an Inventory, isolating a check that throws
 * (reported as an error naming the check and the resource; the run continues), applying
 * suppressions, and turning reports into located findings.
 */
import { effectiveNamespace, type Inventory } from '../model/inventory.js';
import { podTemplates } from '../model/pod-templates.js';
import { describeResource, resourceRef, type Resource, type ResourceRef } from '../model/types.js';
import { describeError } from '../errors.js';
import suppressionMissingReason from '../checks/governance/suppression-missing-reason.js';
import suppressionUnused from '../checks/governance/suppression-unused.js';
import { compareVersions } from './registry.js';
import { IGNORE_ANNOTATION, IGNORE_ANNOTATION_PATH, SuppressionIndex } from './suppressions.js';
import type { AnyCheck, CheckContext, Control, Finding, Report, ResourceCheck, RunError, RunSettings } from './types.js';

export interface Evaluation {
  findings: Finding[];
  suppressed: number;
  errors: RunError[];
}

export interface EvaluateOptions {
  settings: RunSettings;
  /** Options per check id, merged over each check's defaults. */
  checkOptions?: Readonly<Record<string, unknown>>;
}

/**
 * Runs `checks` over `inventory`.
 *
 * @example
 * const { findings } = evaluateInventory(new Inventory(resources), checks, { settings: { pssLevel: 'restricted', pssVersion: '1.37' } });
 */
export function evaluateInventory(inventory: Inventory, checks: readonly AnyCheck[], options: EvaluateOptions): Evaluation {
  const { settings } = options;
  const enabled = checks.filter((c) => c.enabledFor?.(settings) ?? true);
  const suppressions = new SuppressionIndex(inventory);
  const evaluation: Evaluation = { findings: [], suppressed: 0, errors: [] };
  // Most inputs carry no suppression annotation at all: then no finding needs a lookup.
  const anySuppression = suppressions.active.length > 0;
  const emit = (check: AnyCheck, resource: Resource, report: Report<string>): void => {
    if (anySuppression && suppressions.find(resource, check.id)) {
      evaluation.suppressed++;
      return;
    }
    evaluation.findings.push(toFinding(check, resource, report));
  };

  const optionsOf = new Map<AnyCheck, unknown>();
  for (const check of enabled) {
    optionsOf.set(check, { ...(check.defaultOptions as object | undefined), ...(options.checkOptions?.[check.id] as object | undefined) });
  }

  // One context per check, re-pointed at each resource: a scan makes millions of (resource, check)
  // calls, and a fresh object per call is mostly garbage. Checks are synchronous and must not
  // keep the context (the RuleTester would catch a check that mutates its input).
  interface Runnable {
    readonly check: AnyCheck;
    readonly evaluate: NonNullable<ResourceCheck['evaluate']>;
    readonly context: CheckContext<string, unknown>;
    readonly current: { resource: Resource | undefined };
  }
  const runnables: Runnable[] = [];
  for (const check of enabled) {
    if (check.scope !== 'resource') continue;
    const evaluate = pickVersion(check, settings);
    if (!evaluate) continue;
    const current: { resource: Resource | undefined } = { resource: undefined };
    const context: CheckContext<string, unknown> = {
      get resource() {
        return current.resource as Resource;
      },
      inventory,
      options: optionsOf.get(check),
      settings,
      report: (report) => emit(check, current.resource as Resource, report),
    };
    runnables.push({ check, evaluate, context, current });
  }
  const byKind = new Map<string, readonly Runnable[]>();
  const runnablesFor = (kind: string): readonly Runnable[] => {
    let list = byKind.get(kind);
    if (!list) {
      list = runnables.filter(({ check }) => check.match === '*' || check.match === 'pod-templates' || check.match.includes(kind));
      byKind.set(kind, list);
    }
    return list;
  };

  // Indexed loops: this one runs millions of times, much of it before the JIT optimises it, and
  // unoptimised for…of allocates an iterator result per step.
  const resources = inventory.resources;
  for (let r = 0; r < resources.length; r++) {
    const resource = resources[r] as Resource;
    const hasTemplates = podTemplates(resource).length > 0;
    const applicable = runnablesFor(resource.kind);
    for (let c = 0; c < applicable.length; c++) {
      const runnable = applicable[c] as Runnable;
      if (!hasTemplates && runnable.check.match === 'pod-templates') continue;
      runnable.current.resource = resource;
      try {
        runnable.evaluate(runnable.context);
      } catch (error) {
        evaluation.errors.push(checkError(runnable.check, resource, error));
      }
    }
  }

  for (const check of enabled) {
    if (check.scope !== 'inventory') continue;
    try {
      check.evaluate({
        inventory,
        options: optionsOf.get(check),
        settings,
        report: (report) => emit(check, report.resource, report),
      });
    } catch (error) {
      evaluation.errors.push({ file: '', checkId: check.id, message: `check ${check.id} failed: ${describeError(error)}` });
    }
  }

  reportSuppressionGovernance(suppressions, evaluation);
  return evaluation;
}

/** The implementation of a resource check for the run's version: the newest entry whose `since` is not after it. */
function pickVersion(check: ResourceCheck, settings: RunSettings): ResourceCheck['evaluate'] | undefined {
  if (!check.versions || check.versions.length === 0) return check.evaluate;
  const version = check.versionOf?.(settings) ?? settings.pssVersion;
  let chosen: ResourceCheck['evaluate'] | undefined;
  for (const entry of check.versions) if (compareVersions(entry.since, version) <= 0) chosen = entry.evaluate;
  return chosen;
}

function checkError(check: AnyCheck, resource: Resource, error: unknown): RunError {
  return {
    file: resource.source.file,
    line: resource.source.line,
    checkId: check.id,
    resource: resourceRef(resource),
    message: `check ${check.id} failed on ${describeResource(resourceRef(resource))}: ${describeError(error)}`,
  };
}

function reportSuppressionGovernance(suppressions: SuppressionIndex, evaluation: Evaluation): void {
  for (const resource of suppressions.withoutReason) {
    evaluation.findings.push(
      toFinding(suppressionMissingReason, resource, {
        messageId: 'missingReason',
        data: { value: resource.annotations[IGNORE_ANNOTATION] ?? '' },
        path: IGNORE_ANNOTATION_PATH,
      }),
    );
  }
  for (const suppression of suppressions.unused()) {
    evaluation.findings.push(
      toFinding(suppressionUnused, suppression.owner, { messageId: 'unused', data: { patterns: suppression.patterns.join(',') }, path: IGNORE_ANNOTATION_PATH }),
    );
  }
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(PLACEHOLDER, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/**
 * A message template split at its placeholders, so that a finding's message is filled without a
 * regular expression: `literals` has one more entry than `keys`, and `wholes[i]` is the
 * placeholder as written (kept when the data has no such key, as {@link formatMessage} does).
 */
interface CompiledTemplate {
  readonly source: string;
  readonly literals: readonly string[];
  readonly keys: readonly string[];
  readonly wholes: readonly string[];
}

function compileTemplate(source: string): CompiledTemplate {
  const literals: string[] = [];
  const keys: string[] = [];
  const wholes: string[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    literals.push(source.slice(last, match.index));
    keys.push(match[1] as string);
    wholes.push(match[0]);
    last = match.index + match[0].length;
  }
  literals.push(source.slice(last));
  return { source, literals, keys, wholes };
}

/** Same result as `formatMessage(template.source, data)`. */
function fillTemplate(template: CompiledTemplate, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template.source;
  const { literals, keys, wholes } = template;
  let out = literals[0] as string;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += (key in data ? String(data[key]) : (wholes[i] as string)) + (literals[i + 1] as string);
  }
  return out;
}

/** Compiled templates per check `messages` object: a scan formats tens of thousands of findings from a few hundred templates. */
const compiledMessages = new WeakMap<object, Map<string, CompiledTemplate>>();

function messageTemplate(check: AnyCheck, messageId: string): CompiledTemplate {
  let byId = compiledMessages.get(check.messages);
  if (!byId) compiledMessages.set(check.messages, (byId = new Map()));
  let compiled = byId.get(messageId);
  if (!compiled) {
    compiled = compileTemplate((check.messages as Record<string, string>)[messageId] ?? UNKNOWN_MESSAGE);
    byId.set(messageId, compiled);
  }
  return compiled;
}

/**
 * A finding's fingerprint: stable across reordering, reformatting and unrelated edits because it
 * hashes only what identifies the finding — check, resource identity and field path.
 */
export function fingerprint(checkId: string, resource: Resource, path: string): string {
  const namespace = effectiveNamespace(resource) ?? '';
  // The hash of `checkId NUL kind NUL namespace NUL name NUL path`, fed part by part rather than
  // as one concatenated string (one fewer string per finding).
  const lanes = FNV_LANES;
  if (checkId === prefixCheck && resource === prefixResource) {
    // A check often reports several paths of one resource in a row: the common prefix is hashed once.
    lanes.set(PREFIX_LANES);
  } else {
    lanes[0] = 0x811c9dc5;
    lanes[1] = 0x050c5d1f;
    lanes[2] = 0x1b873593;
    lanes[3] = 0xcc9e2d51;
    hashPart(lanes, checkId, true);
    hashPart(lanes, resource.kind, true);
    hashPart(lanes, namespace, true);
    hashPart(lanes, resource.name, true);
    PREFIX_LANES.set(lanes);
    prefixCheck = checkId;
    prefixResource = resource;
  }
  hashPart(lanes, path, false);
  return hexOf(lanes);
}

/** The lanes after the last fingerprint's `checkId NUL kind NUL namespace NUL name NUL`, and whose they are. */
const PREFIX_LANES = new Int32Array(4);
let prefixCheck: string | undefined;
let prefixResource: Resource | undefined;

/** The state of the four hash lanes while one fingerprint is computed (fingerprints are computed one at a time). */
const FNV_LANES = new Int32Array(4);

/**
 * Feeds `text` (and a NUL separator after it) into a 128-bit FNV-1a hash: four 32-bit lanes over the
 * UTF-16 code units, seeded differently and chained. Fingerprints need stability and few
 * collisions, not cryptographic strength, and a scan computes one per finding.
 */
function hashPart(lanes: Int32Array, text: string, separator: boolean): void {
  let h0 = lanes[0] as number;
  let h1 = lanes[1] as number;
  let h2 = lanes[2] as number;
  let h3 = lanes[3] as number;
  const n = text.length + (separator ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    h0 = Math.imul(h0 ^ c, 0x01000193);
    h1 = Math.imul(h1 ^ c, 0x01000193) ^ (h0 >>> 15);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 13);
    h3 = Math.imul(h3 ^ c, 0x01000193) ^ (h2 >>> 11);
  }
  lanes[0] = h0;
  lanes[1] = h1;
  lanes[2] = h2;
  lanes[3] = h3;
}

function hexOf(lanes: Int32Array): string {
  writeHex(lanes[0] as number, 0);
  writeHex(lanes[1] as number, 8);
  writeHex(lanes[2] as number, 16);
  writeHex(lanes[3] as number, 24);
  // One flat string per fingerprint: concatenating pieces would leave rope strings for the
  // reporters to flatten, and toString(16) is several times slower.
  return String.fromCharCode.apply(null, HEX_OUTPUT as unknown as number[]);
}

const HEX_DIGIT_CODES: readonly number[] = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
/** The 32 character codes of the fingerprint being formatted (fingerprints are formatted one at a time). */
const HEX_OUTPUT = new Uint16Array(32);

function writeHex(n: number, at: number): void {
  for (let i = 7; i >= 0; i--) HEX_OUTPUT[at + 7 - i] = HEX_DIGIT_CODES[(n >>> (i * 4)) & 0xf] as number;
}

export const UNKNOWN_MESSAGE = 'unknown message';

/**
 * One frozen identity per resource and one frozen control list per check, shared by all their
 * findings: a scan makes tens of thousands of findings from a few thousand resources and a few
 * hundred checks, and copies would be garbage for the collector and work for the reporters.
 */
const refs = new WeakMap<Resource, ResourceRef>();
const controlLists = new WeakMap<AnyCheck, readonly Control[]>();

function sharedRef(resource: Resource): ResourceRef {
  let ref = refs.get(resource);
  if (!ref) refs.set(resource, (ref = Object.freeze(resourceRef(resource))));
  return ref;
}

function sharedControls(check: AnyCheck): readonly Control[] {
  let controls = controlLists.get(check);
  if (!controls) controlLists.set(check, (controls = Object.freeze(check.controls.map((c) => Object.freeze({ ...c })))));
  return controls;
}

function toFinding(check: AnyCheck, resource: Resource, report: Report<string>): Finding {
  const pointer = resource.source.pointerPrefix + report.path;
  const position = resource.source.positions?.locate(pointer) ?? { line: resource.source.line, column: 1 };
  const finding: Finding = {
    checkId: check.id,
    severity: check.severity,
    domain: check.domain,
    title: check.title,
    message: fillTemplate(messageTemplate(check, report.messageId), report.data),
    resource: sharedRef(resource),
    file: resource.source.file,
    line: position.line,
    column: position.column,
    path: report.path,
    controls: sharedControls(check),
    fingerprint: fingerprint(check.id, resource, report.path),
  };
  if (resource.source.template !== undefined) finding.template = resource.source.template;
  return finding;
}
