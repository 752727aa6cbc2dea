/**
 * The policy set as built-in ValidatingAdmissionPolicies (CEL): one policy per rule, one
 * binding per rule and rollout phase. The policies never change between phases; the bindings
 * move `validationActions` from [Audit] to [Warn, Audit] to [Deny, Audit] (Audit stays on so
 * the audit log keeps the evidence) and exempt the system namespaces.
 *
 * Every pod-spec rule matches Pods and every workload kind: `variables.podSpec` finds the
 * PodSpec of whichever kind arrives, so a bad Deployment is refused at `kubectl apply`, not
 * later when its ReplicaSet fails to create pods. Containers are walked list by list
 * (containers, initContainers, ephemeralContainers) rather than concatenated, because the
 * three lists have different OpenAPI types and Kubernetes type-checks the expressions.
 */
import type { JsonObject } from '../../../model/types.js';
import type { GeneratedFile } from '../../types.js';
import { objectMeta } from './common.js';
import {
  ADMISSION_RULES,
  BASELINE_CAPABILITIES,
  RESTRICTED_VOLUME_TYPES,
  ROLLOUT_PHASES,
  kindsOf,
  phaseFile,
  policyName,
  type AdmissionRuleId,
  type PolicySettings,
  type RolloutPhase,
} from './rules.js';

export const VAP_API_VERSION = 'admissionregistration.k8s.io/v1';

export interface CelVariable {
  name: string;
  expression: string;
}

export interface CelValidation {
  expression: string;
  message: string;
  reason: 'Forbidden';
}

/**
 * A CEL string literal (JSON string syntax is valid CEL for the characters we emit).
 *
 * @example
 * celString('a"b'); // '"a\\"b"'
 */
export function celString(value: string): string {
  return JSON.stringify(value);
}

/**
 * A CEL list of string literals.
 *
 * @example
 * celList(['ghcr.io/acme']); // '["ghcr.io/acme"]'
 */
export function celList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

const PS = 'variables.podSpec';

/** Which container lists a predicate applies to. Ephemeral containers have no resources and are not run with a read-only root filesystem by `kubectl debug`. */
type ContainerLists = 'all' | 'regular';

/** `pred` (over `c`) holds for every container of the pod spec. */
function everyContainer(pred: string, lists: ContainerLists = 'all'): string {
  const parts = [`${PS}.containers.all(c, ${pred})`, `(!has(${PS}.initContainers) || ${PS}.initContainers.all(c, ${pred}))`];
  if (lists === 'all') parts.push(`(!has(${PS}.ephemeralContainers) || ${PS}.ephemeralContainers.all(c, ${pred}))`);
  return parts.join(' && ');
}

/** `has(c.securityContext) && has(c.securityContext.<field>)` — the container sets the field. */
function containerSets(field: string): string {
  return `has(c.securityContext) && has(c.securityContext.${field})`;
}

function podSets(field: string): string {
  return `has(${PS}.securityContext) && has(${PS}.securityContext.${field})`;
}

const POD_SPEC_VARIABLES: readonly CelVariable[] = [
  {
    name: 'podSpec',
    expression: "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)",
  },
];

const SECCOMP_ALLOWED = celList(['RuntimeDefault', 'Localhost']);

/** The Pod Security checks as CEL, baseline first; restricted adds its own. */
function podSecurityValidations(posture: PolicySettings['posture']): CelValidation[] {
  const baseline: Array<[string, string]> = [
    [everyContainer(`!(${containerSets('privileged')}) || c.securityContext.privileged == false`), 'Pod Security baseline: containers must not be privileged.'],
    [
      `!(has(${PS}.hostNetwork) && ${PS}.hostNetwork) && !(has(${PS}.hostPID) && ${PS}.hostPID) && !(has(${PS}.hostIPC) && ${PS}.hostIPC)`,
      'Pod Security baseline: hostNetwork, hostPID and hostIPC must not be true.',
    ],
    [`!has(${PS}.volumes) || ${PS}.volumes.all(v, !has(v.hostPath))`, 'Pod Security baseline: hostPath volumes are not allowed.'],
    [everyContainer('!has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0)'), 'Pod Security baseline: hostPort must be unset or 0.'],
    [
      everyContainer(`!(${containerSets('capabilities')}) || !has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(a, a in ${celList(BASELINE_CAPABILITIES)})`),
      'Pod Security baseline: containers may add only the baseline capabilities.',
    ],
    [
      `(!(${podSets('seccompProfile')}) || ${PS}.securityContext.seccompProfile.type != 'Unconfined') && ${everyContainer(`!(${containerSets('seccompProfile')}) || c.securityContext.seccompProfile.type != 'Unconfined'`)}`,
      'Pod Security baseline: the seccomp profile must not be Unconfined.',
    ],
    [everyContainer(`!(${containerSets('procMount')}) || c.securityContext.procMount == 'Default'`), 'Pod Security baseline: procMount must be Default.'],
    [
      `!(${podSets('windowsOptions')} && has(${PS}.securityContext.windowsOptions.hostProcess) && ${PS}.securityContext.windowsOptions.hostProcess) && ${everyContainer(`!(${containerSets('windowsOptions')} && has(c.securityContext.windowsOptions.hostProcess) && c.securityContext.windowsOptions.hostProcess)`)}`,
      'Pod Security baseline: Windows HostProcess containers are not allowed.',
    ],
  ];
  const restricted: Array<[string, string]> = [
    [everyContainer(`${containerSets('allowPrivilegeEscalation')} && c.securityContext.allowPrivilegeEscalation == false`), 'Pod Security restricted: containers must set allowPrivilegeEscalation=false.'],
    [
      everyContainer(`${containerSets('runAsNonRoot')} ? c.securityContext.runAsNonRoot == true : (${podSets('runAsNonRoot')} && ${PS}.securityContext.runAsNonRoot == true)`),
      'Pod Security restricted: runAsNonRoot must be true on the pod or on every container.',
    ],
    [
      `!(${podSets('runAsUser')} && ${PS}.securityContext.runAsUser == 0) && ${everyContainer(`!(${containerSets('runAsUser')}) || c.securityContext.runAsUser != 0`)}`,
      'Pod Security restricted: runAsUser must not be 0.',
    ],
    [
      everyContainer(
        `${containerSets('capabilities')} && has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE'))`,
      ),
      'Pod Security restricted: containers must drop ALL capabilities and may add only NET_BIND_SERVICE.',
    ],
    [
      everyContainer(`${containerSets('seccompProfile')} ? c.securityContext.seccompProfile.type in ${SECCOMP_ALLOWED} : (${podSets('seccompProfile')} && ${PS}.securityContext.seccompProfile.type in ${SECCOMP_ALLOWED})`),
      'Pod Security restricted: the seccomp profile must be RuntimeDefault or Localhost, on the pod or on every container.',
    ],
    [
      `!has(${PS}.volumes) || ${PS}.volumes.all(v, ${RESTRICTED_VOLUME_TYPES.map((t) => `has(v.${t})`).join(' || ')})`,
      `Pod Security restricted: volumes must be one of ${RESTRICTED_VOLUME_TYPES.join(', ')}.`,
    ],
  ];
  const chosen = posture === 'restricted' ? [...baseline, ...restricted] : baseline;
  return chosen.map(([expression, message]) => ({ expression, message, reason: 'Forbidden' }));
}

/**
 * The CEL variables and validations of one rule.
 *
 * @example
 * vapValidations('disallow-privileged', settings).validations[0].expression;
 */
export function vapValidations(rule: AdmissionRuleId, settings: PolicySettings): { variables: CelVariable[]; validations: CelValidation[] } {
  const one = (expression: string): CelValidation[] => [{ expression, message: ADMISSION_RULES[rule].message, reason: 'Forbidden' }];
  switch (rule) {
    case 'pod-security':
      return { variables: [...POD_SPEC_VARIABLES], validations: podSecurityValidations(settings.posture) };
    case 'disallow-privileged':
      return { variables: [...POD_SPEC_VARIABLES], validations: one(everyContainer(`!(${containerSets('privileged')}) || c.securityContext.privileged == false`)) };
    case 'read-only-root-filesystem':
      return { variables: [...POD_SPEC_VARIABLES], validations: one(everyContainer(`${containerSets('readOnlyRootFilesystem')} && c.securityContext.readOnlyRootFilesystem == true`, 'regular')) };
    case 'resource-requirements':
      return {
        variables: [...POD_SPEC_VARIABLES],
        validations: one(
          everyContainer(
            "has(c.resources) && has(c.resources.requests) && 'cpu' in c.resources.requests && 'memory' in c.resources.requests && has(c.resources.limits) && 'memory' in c.resources.limits",
            'regular',
          ),
        ),
      };
    case 'disallow-latest-tag':
      return {
        variables: [...POD_SPEC_VARIABLES],
        validations: one(everyContainer("c.image.contains('@') || (c.image.substring(c.image.lastIndexOf('/') + 1).contains(':') && !c.image.endsWith(':latest'))")),
      };
    case 'allowed-registries':
      return {
        variables: [...POD_SPEC_VARIABLES],
        validations: [
          {
            expression: everyContainer(`${celList(settings.registries)}.exists(r, c.image.startsWith(r + '/'))`),
            message: `${ADMISSION_RULES[rule].message} Allowed: ${settings.registries.join(', ')}.`,
            reason: 'Forbidden',
          },
        ],
      };
    case 'required-labels':
      return {
        variables: [],
        validations: one(`has(object.metadata.labels) && ${celList(settings.requiredLabels)}.all(l, l in object.metadata.labels && object.metadata.labels[l] != '')`),
      };
  }
}

/**
 * The ValidatingAdmissionPolicy of one rule.
 *
 * @example
 * vapPolicy('disallow-latest-tag', settings).metadata; // { name: 'rampart-disallow-latest-tag', … }
 */
export function vapPolicy(rule: AdmissionRuleId, settings: PolicySettings): JsonObject {
  const kinds = kindsOf(rule);
  const groups = [...new Set(kinds.map((k) => k.group))];
  const resourceRules: JsonObject[] = groups.map((group) => ({
    apiGroups: [group],
    apiVersions: ['v1'],
    operations: ['CREATE', 'UPDATE'],
    resources: kinds.filter((k) => k.group === group).map((k) => k.resource),
  }));
  const { variables, validations } = vapValidations(rule, settings);
  const spec: JsonObject = {
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules },
  };
  if (variables.length > 0) spec['variables'] = variables.map((v) => ({ name: v.name, expression: v.expression }));
  spec['validations'] = validations.map((v) => ({ expression: v.expression, message: v.message, reason: v.reason }));
  return {
    apiVersion: VAP_API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: objectMeta(policyName(rule), undefined, {}, { 'rampart.dev/rule': ADMISSION_RULES[rule].title }),
    spec,
  };
}

const VALIDATION_ACTIONS: Readonly<Record<RolloutPhase, string[]>> = {
  audit: ['Audit'],
  warn: ['Warn', 'Audit'],
  enforce: ['Deny', 'Audit'],
};

/**
 * The binding of one rule in one rollout phase; the system namespaces are exempt.
 *
 * @example
 * vapBinding('disallow-privileged', 'enforce', settings).spec.validationActions; // ['Deny', 'Audit']
 */
export function vapBinding(rule: AdmissionRuleId, phase: RolloutPhase, settings: PolicySettings): JsonObject {
  return {
    apiVersion: VAP_API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: objectMeta(policyName(rule), undefined, { 'rampart.dev/rollout-phase': phase }),
    spec: {
      policyName: policyName(rule),
      validationActions: [...VALIDATION_ACTIONS[phase]],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...settings.exemptNamespaces] }],
        },
      },
    },
  };
}

/**
 * `vap/policies.yaml` and one bindings file per phase.
 *
 * @example
 * vapFiles(['disallow-privileged'], settings); // [{ path: 'vap/policies.yaml', … }, { path: 'vap/phase-1-audit.yaml', … }, …]
 */
export function vapFiles(rules: readonly AdmissionRuleId[], settings: PolicySettings, prefix = ''): GeneratedFile[] {
  return [
    { path: `${prefix}vap/policies.yaml`, manifests: rules.map((r) => vapPolicy(r, settings)) },
    ...ROLLOUT_PHASES.map((phase) => ({ path: phaseFile('vap', phase, prefix), manifests: rules.map((r) => vapBinding(r, phase, settings)) })),
  ];
}
