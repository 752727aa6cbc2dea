/**
 * The vocabulary of autofix: RFC 6902 JSON-Patch operations, the fixes that produce them and
 * the options that parameterize them.
 */
import type { JsonObject, JsonValue, Resource } from '../model/types.js';

/**
 * One RFC 6902 operation against a resource body. Only `add` and `replace` exist here: a safe fix
 * adds or tightens a field, it never removes one.
 */
export type PatchOp = { op: 'add'; path: string; value: JsonValue } | { op: 'replace'; path: string; value: JsonValue };

/** Values the fixes may use that a manifest cannot supply (`--default-cpu-request` and friends). */
export interface FixOptions {
  /** Resource defaults for containers that set none; a fix for a missing value applies only when its default is given. */
  defaultResources?: {
    cpuRequest?: string;
    memoryRequest?: string;
    cpuLimit?: string;
    memoryLimit?: string;
  };
  /** Pod Security version (`v1.N`) to pin namespaces' enforce-version label to (`--pin-pss-version`). */
  psaVersion?: string;
  /** Image reference (as written, without digest) → digest (`--image-digests`). */
  imageDigests?: ReadonlyMap<string, string>;
}

/** The finding a fix answers: the check and the JSON Pointer (inside the resource body) it reported. */
export interface FixFinding {
  checkId: string;
  path: string;
}

export interface FixContext {
  /** The resource as loaded (identity, kind, source); its body is the original. */
  readonly resource: Resource;
  /**
   * The body with every earlier fix of this run applied. Fixes read this, not `resource.body`,
   * so that two fixes touching the same `securityContext` compose instead of overwriting.
   */
  readonly body: JsonObject;
  readonly finding: FixFinding;
  readonly options: FixOptions;
}

/**
 * What a fix decided: edits (possibly none, when an earlier fix already resolved the finding), or
 * why no edit is safe.
 */
export type FixOutcome = { kind: 'patch'; ops: PatchOp[] } | { kind: 'unsafe'; reason: string; needsOption?: string };

/** A safe fix for the findings of one check. */
export interface FixDefinition {
  /** The check whose findings this fixes. */
  checkId: string;
  /** One sentence: what the fix writes. */
  description: string;
  /** Pure: reads the context, returns operations against `context.body`. */
  fix(context: FixContext): FixOutcome;
}

export function patch(ops: PatchOp[]): FixOutcome {
  return { kind: 'patch', ops };
}

/**
 * No safe edit: `reason` says why. `needsOption` names the option (`--default-cpu-limit`) that
 * would supply the missing value, for findings that only wait for input.
 */
export function unsafe(reason: string, needsOption?: string): FixOutcome {
  return needsOption === undefined ? { kind: 'unsafe', reason } : { kind: 'unsafe', reason, needsOption };
}

/**
 * Identity function that types a fix definition.
 *
 * @example
 * export default defineFix({ checkId: 'pss.allowPrivilegeEscalation', description: '…', fix: (context) => patch([]) });
 */
export function defineFix(definition: FixDefinition): FixDefinition {
  return definition;
}
