/**
 * The exact Pod Security Admission verdict: upstream registry semantics over the upstream check
 * definitions. One pod (metadata + spec) in, allowed or not with every violation out; or one
 * resource in, evaluated the way PSA's warn and audit modes evaluate workload templates.
 */
import { UsageError } from '../../errors.js';
import { podTemplates } from '../../model/pod-templates.js';
import { resourceRef, type JsonObject, type Resource, type ResourceRef } from '../../model/types.js';
import { PSS_CHECKS } from './index.js';
import { implementationAt, levelIncludes, minorOf, overriddenAt, versionOf } from './versions.js';
import type { PodCheckFn, PssCheckId, PssLevel, PssVersion } from './types.js';

/**
 * The newest policy version: upstream's registry maximum, the greatest `minimumVersion` of any
 * check. `latest` resolves to it.
 */
export const PSS_LATEST_VERSION: PssVersion = versionOf(
  Math.max(...PSS_CHECKS.flatMap((check) => check.versions.map((v) => minorOf(v.minimumVersion)))),
);

/** Every version the evaluator accepts, oldest first: v1.0 up to the latest. */
export const PSS_VERSIONS: readonly PssVersion[] = Array.from({ length: minorOf(PSS_LATEST_VERSION) + 1 }, (_, minor) =>
  versionOf(minor),
);

/** A `--version` value that names no known policy version. */
export class UnknownPssVersionError extends UsageError {
  readonly value: string;
  readonly validVersions: readonly string[];
  constructor(value: string) {
    const valid = ['latest', ...PSS_VERSIONS.map((v) => `v${v}`)];
    super(`Unknown Pod Security version "${value}". Valid versions: ${valid.join(', ')}.`);
    this.value = value;
    this.validVersions = valid;
  }
}

const VERSION_PATTERN = /^v?1\.(0|[1-9][0-9]*)$/;

/**
 * Resolves a user-facing version to "1.N".
 *
 * @example
 * parsePssVersion('v1.25') // '1.25'
 * parsePssVersion('latest') // '1.37'
 * @throws UnknownPssVersionError for anything else, listing the valid versions.
 */
export function parsePssVersion(value: string): PssVersion {
  const text = value.trim();
  if (text === 'latest') return PSS_LATEST_VERSION;
  const match = VERSION_PATTERN.exec(text);
  const minor = match ? Number(match[1]) : NaN;
  if (!(minor <= minorOf(PSS_LATEST_VERSION))) throw new UnknownPssVersionError(value);
  return versionOf(minor);
}

export interface PodSecurityViolation {
  /** Upstream check id, e.g. "privileged". */
  check: PssCheckId;
  /** Upstream ForbiddenReason. */
  reason: string;
  /** Upstream ForbiddenDetail ("" when the check gives none). */
  detail: string;
  /** JSON Pointers of the offending fields (relative to the pod template object, or absolute for a resource). */
  paths: string[];
}

export interface PodSecurityResult {
  allowed: boolean;
  /** In upstream order: baseline checks by id, then restricted checks by id. */
  violations: PodSecurityViolation[];
}

export interface PodSecurityInput {
  level: PssLevel;
  /** "1.N" ("v1.N" and "latest" are accepted too). */
  version: string;
  metadata?: JsonObject;
  spec?: JsonObject;
}

/** Upstream's placeholder when a check forbids without a reason. */
const UNKNOWN_FORBIDDEN_REASON = 'unknown forbidden reason';

interface PlannedCheck {
  id: PssCheckId;
  check: PodCheckFn;
}

const plans = new Map<string, readonly PlannedCheck[]>();

/**
 * The implementations upstream runs for a level and version: every check of the level with an
 * implementation at that version, minus, for restricted, the baseline checks that an active
 * restricted implementation overrides.
 */
function planFor(level: PssLevel, version: PssVersion): readonly PlannedCheck[] {
  const key = `${level}@${version}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const restricted = PSS_CHECKS.filter((c) => c.level === 'restricted');
  const overridden = level === 'restricted' ? overriddenAt(restricted, version) : new Set<PssCheckId>();
  const plan: PlannedCheck[] = [];
  for (const definition of PSS_CHECKS) {
    if (!levelIncludes(level, definition.level) || overridden.has(definition.id)) continue;
    const implementation = implementationAt(definition, version);
    if (implementation) plan.push({ id: definition.id, check: implementation.check });
  }
  plans.set(key, plan);
  return plan;
}

/**
 * Evaluates one pod against a level and version, exactly as Pod Security Admission does.
 *
 * @example
 * evaluatePodSecurity({ level: 'baseline', version: '1.37', metadata: pod.metadata, spec: pod.spec })
 * // { allowed: false, violations: [{ check: 'privileged', reason: 'privileged', detail: 'container "x" must not …', paths: ['/spec/containers/0/securityContext/privileged'] }] }
 */
export function evaluatePodSecurity(input: PodSecurityInput): PodSecurityResult {
  const metadata = input.metadata ?? {};
  const spec = input.spec ?? {};
  const violations: PodSecurityViolation[] = [];
  for (const planned of planFor(input.level, parsePssVersion(input.version))) {
    const result = planned.check(metadata, spec);
    if (result.allowed) continue;
    violations.push({
      check: planned.id,
      reason: result.reason || UNKNOWN_FORBIDDEN_REASON,
      detail: result.detail ?? '',
      paths: result.paths ?? [],
    });
  }
  return { allowed: violations.length === 0, violations };
}

export interface ResourcePodSecurityResult extends PodSecurityResult {
  resource: ResourceRef;
}

/**
 * Evaluates the pod template of one of the nine kinds Pod Security Admission checks (Pod,
 * PodTemplate, ReplicationController, ReplicaSet, Deployment, StatefulSet, DaemonSet, Job,
 * CronJob); paths are pointers inside the resource body. Undefined when the resource carries no
 * such template.
 *
 * @example
 * evaluateResourcePodSecurity(deployment, 'restricted', '1.37')?.violations[0]?.paths
 * // ['/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation']
 */
export function evaluateResourcePodSecurity(
  resource: Resource,
  level: PssLevel,
  version: string,
): ResourcePodSecurityResult | undefined {
  const templates = podTemplates(resource).filter((t) => t.builtIn);
  if (templates.length === 0) return undefined;
  const violations = templates.flatMap((template) =>
    evaluatePodSecurity({ level, version, metadata: template.metadata, spec: template.spec }).violations.map((v) => ({
      ...v,
      paths: v.paths.map((path) => template.pointer + path),
    })),
  );
  return { resource: resourceRef(resource), allowed: violations.length === 0, violations };
}
