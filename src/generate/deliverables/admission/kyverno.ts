/**
 * The policy set as Kyverno ClusterPolicies: one policy per rule, the same name in every
 * rollout phase. Phase 1 audits (`validationFailureAction: Audit`, results in PolicyReports),
 * phase 2 audits and returns warnings to the client (`emitWarning: true`), phase 3 enforces.
 *
 * Pod-spec rules match `Pod` only: Kyverno's auto-generation writes the matching rules for
 * Deployments, StatefulSets, DaemonSets, Jobs and CronJobs itself. Patterns use Kyverno's
 * conditional anchors (`=(initContainers)`: "if present, every entry must match").
 */
import type { JsonObject, JsonValue } from '../../../model/types.js';
import type { GeneratedFile } from '../../types.js';
import { objectMeta } from './common.js';
import { ADMISSION_RULES, ROLLOUT_PHASES, kindsOf, phaseFile, policyName, type AdmissionRuleId, type PolicySettings, type RolloutPhase } from './rules.js';

export const KYVERNO_API_VERSION = 'kyverno.io/v1';

/** Kyverno's Pod Security versions run up to v1.32; newer clusters use `latest`. */
const KYVERNO_PSS_VERSIONS = new Set(['1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32']);

/** A pattern applied to every container list: containers required, init and ephemeral when present. */
function everyContainerPattern(container: JsonObject, lists: 'all' | 'regular' = 'all'): JsonObject {
  const spec: JsonObject = {};
  if (lists === 'all') spec['=(ephemeralContainers)'] = [container];
  spec['=(initContainers)'] = [container];
  spec['containers'] = [container];
  return { spec };
}

interface KyvernoRule {
  name: string;
  validate: JsonObject;
}

/**
 * The validate rules of one admission rule.
 *
 * @example
 * kyvernoRules('disallow-privileged', settings)[0].validate.pattern;
 */
export function kyvernoRules(rule: AdmissionRuleId, settings: PolicySettings): KyvernoRule[] {
  const message = ADMISSION_RULES[rule].message;
  switch (rule) {
    case 'pod-security': {
      const version = KYVERNO_PSS_VERSIONS.has(settings.kubernetesVersion) ? `v${settings.kubernetesVersion}` : 'latest';
      return [{ name: 'pod-security-standard', validate: { message, podSecurity: { level: settings.posture, version } } }];
    }
    case 'disallow-privileged':
      return [{ name: 'privileged-containers', validate: { message, pattern: everyContainerPattern({ '=(securityContext)': { '=(privileged)': 'false' } }) } }];
    case 'read-only-root-filesystem':
      return [{ name: 'read-only-root-filesystem', validate: { message, pattern: everyContainerPattern({ securityContext: { readOnlyRootFilesystem: true } }, 'regular') } }];
    case 'resource-requirements':
      return [
        {
          name: 'requests-and-memory-limits',
          validate: { message, pattern: everyContainerPattern({ resources: { requests: { cpu: '?*', memory: '?*' }, limits: { memory: '?*' } } }, 'regular') },
        },
      ];
    case 'disallow-latest-tag':
      return [
        { name: 'require-image-tag', validate: { message: 'Images must carry a tag or a digest.', pattern: everyContainerPattern({ image: '*:*' }) } },
        { name: 'disallow-latest-tag', validate: { message: 'The latest tag is not allowed: pin a version or a digest.', pattern: everyContainerPattern({ image: '!*:latest' }) } },
      ];
    case 'allowed-registries':
      return [
        {
          name: 'allowed-registries',
          validate: { message: `${message} Allowed: ${settings.registries.join(', ')}.`, pattern: everyContainerPattern({ image: settings.registries.map((r) => `${r}/*`).join(' | ') }) },
        },
      ];
    case 'required-labels':
      return [{ name: 'required-labels', validate: { message, pattern: { metadata: { labels: Object.fromEntries(settings.requiredLabels.map((l) => [l, '?*'])) } } } }];
  }
}

/** Kinds a Kyverno rule matches: Pod for pod-spec rules (auto-generation covers controllers). */
function kyvernoKinds(rule: AdmissionRuleId): string[] {
  return rule === 'required-labels' ? kindsOf(rule).map((k) => k.kind) : ['Pod'];
}

/**
 * The ClusterPolicy of one rule in one rollout phase.
 *
 * @example
 * kyvernoPolicy('disallow-privileged', 'enforce', settings).spec.validationFailureAction; // 'Enforce'
 */
export function kyvernoPolicy(rule: AdmissionRuleId, phase: RolloutPhase, settings: PolicySettings): JsonObject {
  const match: JsonObject = { any: [{ resources: { kinds: kyvernoKinds(rule) } }] };
  const exclude: JsonObject = { any: [{ resources: { namespaces: [...settings.exemptNamespaces] } }] };
  const rules: JsonValue[] = kyvernoRules(rule, settings).map((r) => ({ name: r.name, match, exclude, validate: r.validate }));
  return {
    apiVersion: KYVERNO_API_VERSION,
    kind: 'ClusterPolicy',
    metadata: objectMeta(policyName(rule), undefined, { 'rampart.dev/rollout-phase': phase }, { 'policies.kyverno.io/title': ADMISSION_RULES[rule].title, 'policies.kyverno.io/description': ADMISSION_RULES[rule].message }),
    spec: {
      validationFailureAction: phase === 'enforce' ? 'Enforce' : 'Audit',
      emitWarning: phase === 'warn',
      background: true,
      rules,
    },
  };
}

/**
 * One file per rollout phase with every rule's ClusterPolicy.
 *
 * @example
 * kyvernoFiles(['disallow-privileged'], settings).map((f) => f.path); // ['kyverno/phase-1-audit.yaml', …]
 */
export function kyvernoFiles(rules: readonly AdmissionRuleId[], settings: PolicySettings, prefix = ''): GeneratedFile[] {
  return ROLLOUT_PHASES.map((phase) => ({ path: phaseFile('kyverno', phase, prefix), manifests: rules.map((r) => kyvernoPolicy(r, phase, settings)) }));
}
