/**
 * The policy set as OPA Gatekeeper ConstraintTemplates (Rego) and constraints. Templates are
 * applied once; the constraints move `enforcementAction` from dryrun (audit results only) to
 * warn to deny. System namespaces are excluded in every constraint.
 *
 * Every template finds the PodSpec of whichever kind it is given (Pod, CronJob, or a
 * workload's `spec.template`), so workloads are refused at apply time.
 */
import type { JsonObject } from '../../../model/types.js';
import type { GeneratedFile } from '../../types.js';
import { objectMeta } from './common.js';
import { ADMISSION_RULES, BASELINE_CAPABILITIES, RESTRICTED_VOLUME_TYPES, ROLLOUT_PHASES, kindsOf, phaseFile, policyName, type AdmissionRuleId, type PolicySettings, type RolloutPhase } from './rules.js';

export const CONSTRAINT_TEMPLATE_API_VERSION = 'templates.gatekeeper.sh/v1';
export const CONSTRAINT_API_VERSION = 'constraints.gatekeeper.sh/v1beta1';

/**
 * The constraint kind of a rule: `K8sRampartDisallowPrivileged`.
 *
 * @example
 * constraintKind('disallow-privileged'); // 'K8sRampartDisallowPrivileged'
 */
export function constraintKind(rule: AdmissionRuleId): string {
  return `K8sRampart${rule
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`;
}

const POD_SPEC_LIB = `pod_spec = input.review.object.spec {
  input.review.object.kind == "Pod"
}

pod_spec = input.review.object.spec.jobTemplate.spec.template.spec {
  input.review.object.kind == "CronJob"
}

pod_spec = input.review.object.spec.template.spec {
  not input.review.object.kind == "Pod"
  not input.review.object.kind == "CronJob"
}

regular_containers[c] {
  c := pod_spec.containers[_]
}

regular_containers[c] {
  c := pod_spec.initContainers[_]
}

all_containers[c] {
  c := regular_containers[_]
}

all_containers[c] {
  c := pod_spec.ephemeralContainers[_]
}
`;

function regoSet(values: readonly string[]): string {
  return `{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** The Rego body (after the package line and the pod-spec library) of each rule. */
function regoRules(rule: AdmissionRuleId): string {
  switch (rule) {
    case 'disallow-privileged':
      return `violation[{"msg": msg}] {
  c := all_containers[_]
  c.securityContext.privileged == true
  msg := sprintf("container %v must not be privileged", [c.name])
}
`;
    case 'read-only-root-filesystem':
      return `violation[{"msg": msg}] {
  c := regular_containers[_]
  not c.securityContext.readOnlyRootFilesystem == true
  msg := sprintf("container %v must set securityContext.readOnlyRootFilesystem=true", [c.name])
}
`;
    case 'resource-requirements':
      return `violation[{"msg": msg}] {
  c := regular_containers[_]
  not has_requirements(c)
  msg := sprintf("container %v must set requests.cpu, requests.memory and limits.memory", [c.name])
}

has_requirements(c) {
  c.resources.requests.cpu
  c.resources.requests.memory
  c.resources.limits.memory
}
`;
    case 'disallow-latest-tag':
      return `violation[{"msg": msg}] {
  c := all_containers[_]
  not pinned(c.image)
  msg := sprintf("container %v: image %v must carry a tag other than latest, or a digest", [c.name, c.image])
}

pinned(image) {
  contains(image, "@")
}

pinned(image) {
  not contains(image, "@")
  parts := split(image, "/")
  contains(parts[count(parts) - 1], ":")
  not endswith(image, ":latest")
}
`;
    case 'allowed-registries':
      return `violation[{"msg": msg}] {
  c := all_containers[_]
  not allowed(c.image)
  msg := sprintf("container %v: image %v is not from an allowed registry %v", [c.name, c.image, input.parameters.registries])
}

allowed(image) {
  r := input.parameters.registries[_]
  startswith(image, concat("", [r, "/"]))
}
`;
    case 'required-labels':
      return `violation[{"msg": msg}] {
  required := {l | l := input.parameters.labels[_]}
  provided := {l | v := input.review.object.metadata.labels[l]; v != ""}
  missing := required - provided
  count(missing) > 0
  msg := sprintf("missing required labels: %v", [missing])
}
`;
    case 'pod-security':
      return `baseline_capabilities := ${regoSet(BASELINE_CAPABILITIES)}

restricted_volume_types := ${regoSet(RESTRICTED_VOLUME_TYPES)}

allowed_seccomp := {"RuntimeDefault", "Localhost"}

restricted {
  input.parameters.level == "restricted"
}

violation[{"msg": msg}] {
  c := all_containers[_]
  c.securityContext.privileged == true
  msg := sprintf("baseline: container %v must not be privileged", [c.name])
}

violation[{"msg": msg}] {
  ns := {"hostNetwork", "hostPID", "hostIPC"}[_]
  pod_spec[ns] == true
  msg := sprintf("baseline: %v must not be true", [ns])
}

violation[{"msg": msg}] {
  v := pod_spec.volumes[_]
  v.hostPath
  msg := sprintf("baseline: volume %v must not be a hostPath", [v.name])
}

violation[{"msg": msg}] {
  c := all_containers[_]
  p := c.ports[_]
  p.hostPort != 0
  msg := sprintf("baseline: container %v must not use hostPort %v", [c.name, p.hostPort])
}

violation[{"msg": msg}] {
  c := all_containers[_]
  cap := c.securityContext.capabilities.add[_]
  not baseline_capabilities[cap]
  msg := sprintf("baseline: container %v must not add capability %v", [c.name, cap])
}

violation[{"msg": msg}] {
  pod_spec.securityContext.seccompProfile.type == "Unconfined"
  msg := "baseline: the pod seccomp profile must not be Unconfined"
}

violation[{"msg": msg}] {
  c := all_containers[_]
  c.securityContext.seccompProfile.type == "Unconfined"
  msg := sprintf("baseline: container %v seccomp profile must not be Unconfined", [c.name])
}

violation[{"msg": msg}] {
  c := all_containers[_]
  c.securityContext.procMount != "Default"
  msg := sprintf("baseline: container %v procMount must be Default", [c.name])
}

violation[{"msg": msg}] {
  restricted
  c := all_containers[_]
  not c.securityContext.allowPrivilegeEscalation == false
  msg := sprintf("restricted: container %v must set allowPrivilegeEscalation=false", [c.name])
}

violation[{"msg": msg}] {
  restricted
  c := all_containers[_]
  not runs_as_non_root(c)
  msg := sprintf("restricted: container %v must run as non-root (runAsNonRoot=true on the pod or the container)", [c.name])
}

runs_as_non_root(c) {
  object.get(c, ["securityContext", "runAsNonRoot"], null) == true
}

runs_as_non_root(c) {
  object.get(c, ["securityContext", "runAsNonRoot"], null) == null
  object.get(pod_spec, ["securityContext", "runAsNonRoot"], false) == true
}

violation[{"msg": msg}] {
  restricted
  pod_spec.securityContext.runAsUser == 0
  msg := "restricted: the pod must not set runAsUser=0"
}

violation[{"msg": msg}] {
  restricted
  c := all_containers[_]
  c.securityContext.runAsUser == 0
  msg := sprintf("restricted: container %v must not set runAsUser=0", [c.name])
}

violation[{"msg": msg}] {
  restricted
  c := all_containers[_]
  not drops_all(c)
  msg := sprintf("restricted: container %v must drop ALL capabilities", [c.name])
}

drops_all(c) {
  c.securityContext.capabilities.drop[_] == "ALL"
}

violation[{"msg": msg}] {
  restricted
  c := all_containers[_]
  cap := c.securityContext.capabilities.add[_]
  cap != "NET_BIND_SERVICE"
  msg := sprintf("restricted: container %v may add only NET_BIND_SERVICE (adds %v)", [c.name, cap])
}

violation[{"msg": msg}] {
  restricted
  c := all_containers[_]
  profile := object.get(c, ["securityContext", "seccompProfile", "type"], object.get(pod_spec, ["securityContext", "seccompProfile", "type"], ""))
  not allowed_seccomp[profile]
  msg := sprintf("restricted: container %v needs seccomp RuntimeDefault or Localhost", [c.name])
}

violation[{"msg": msg}] {
  restricted
  v := pod_spec.volumes[_]
  not restricted_volume(v)
  msg := sprintf("restricted: volume %v has a type outside %v", [v.name, restricted_volume_types])
}

restricted_volume(v) {
  t := restricted_volume_types[_]
  v[t]
}
`;
  }
}

/** The parameters schema of a rule's template (the constraint's `spec.parameters`). */
function parameterSchema(rule: AdmissionRuleId): JsonObject {
  switch (rule) {
    case 'allowed-registries':
      return { type: 'object', properties: { registries: { type: 'array', description: 'Image-name prefixes (registry[/path]) images must start with.', items: { type: 'string' } } } };
    case 'required-labels':
      return { type: 'object', properties: { labels: { type: 'array', description: 'Label keys that must be present with a non-empty value.', items: { type: 'string' } } } };
    case 'pod-security':
      return { type: 'object', properties: { level: { type: 'string', description: 'Pod Security Standards level.', enum: ['baseline', 'restricted'] } } };
    default:
      return { type: 'object', properties: {} };
  }
}

/** The constraint's parameters for a rule, or undefined when it takes none. */
function parameters(rule: AdmissionRuleId, settings: PolicySettings): JsonObject | undefined {
  switch (rule) {
    case 'allowed-registries':
      return { registries: [...settings.registries] };
    case 'required-labels':
      return { labels: [...settings.requiredLabels] };
    case 'pod-security':
      return { level: settings.posture };
    default:
      return undefined;
  }
}

/**
 * The Rego source of a rule's template.
 *
 * @example
 * gatekeeperRego('disallow-privileged').split('\n')[0]; // 'package k8srampartdisallowprivileged'
 */
export function gatekeeperRego(rule: AdmissionRuleId): string {
  const uses = rule === 'required-labels' ? '' : `\n${POD_SPEC_LIB}`;
  return `package ${constraintKind(rule).toLowerCase()}\n${uses}\n${regoRules(rule)}`;
}

/**
 * The ConstraintTemplate of one rule.
 *
 * @example
 * constraintTemplate('disallow-privileged').spec.crd.spec.names.kind; // 'K8sRampartDisallowPrivileged'
 */
export function constraintTemplate(rule: AdmissionRuleId): JsonObject {
  const kind = constraintKind(rule);
  return {
    apiVersion: CONSTRAINT_TEMPLATE_API_VERSION,
    kind: 'ConstraintTemplate',
    metadata: objectMeta(kind.toLowerCase(), undefined, {}, { description: ADMISSION_RULES[rule].message }),
    spec: {
      crd: { spec: { names: { kind }, validation: { openAPIV3Schema: parameterSchema(rule) } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: gatekeeperRego(rule) }],
    },
  };
}

const ENFORCEMENT_ACTIONS: Readonly<Record<RolloutPhase, string>> = { audit: 'dryrun', warn: 'warn', enforce: 'deny' };

/**
 * The constraint of one rule in one rollout phase.
 *
 * @example
 * gatekeeperConstraint('disallow-privileged', 'warn', settings).spec.enforcementAction; // 'warn'
 */
export function gatekeeperConstraint(rule: AdmissionRuleId, phase: RolloutPhase, settings: PolicySettings): JsonObject {
  const kinds = kindsOf(rule);
  const groups = [...new Set(kinds.map((k) => k.group))];
  const spec: JsonObject = {
    enforcementAction: ENFORCEMENT_ACTIONS[phase],
    match: {
      kinds: groups.map((g) => ({ apiGroups: [g], kinds: kinds.filter((k) => k.group === g).map((k) => k.kind) })),
      excludedNamespaces: [...settings.exemptNamespaces],
    },
  };
  const params = parameters(rule, settings);
  if (params) spec['parameters'] = params;
  return {
    apiVersion: CONSTRAINT_API_VERSION,
    kind: constraintKind(rule),
    metadata: objectMeta(policyName(rule), undefined, { 'rampart.dev/rollout-phase': phase }),
    spec,
  };
}

/**
 * `gatekeeper/templates.yaml` and one constraints file per phase.
 *
 * @example
 * gatekeeperFiles(['disallow-privileged'], settings).map((f) => f.path); // ['gatekeeper/templates.yaml', 'gatekeeper/phase-1-audit.yaml', …]
 */
export function gatekeeperFiles(rules: readonly AdmissionRuleId[], settings: PolicySettings, prefix = ''): GeneratedFile[] {
  return [
    { path: `${prefix}gatekeeper/templates.yaml`, manifests: rules.map((r) => constraintTemplate(r)) },
    ...ROLLOUT_PHASES.map((phase) => ({ path: phaseFile('gatekeeper', phase, prefix), manifests: rules.map((r) => gatekeeperConstraint(r, phase, settings)) })),
  ];
}
