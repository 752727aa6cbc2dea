/**
 * The admission policy set as data: which rules exist, what each enforces, the controls it
 * satisfies and the settings every engine reads. Each engine (`kyverno.ts`, `gatekeeper.ts`,
 * `vap.ts`) renders the same rules, so the three variants enforce the same thing.
 */
import type { Control } from '../../../engine/types.js';
import type { PolicyEngine, Profile } from '../../types.js';
import { REQUIRED_LABELS, controls, exemptNamespaces, registryPrefixes } from './common.js';

export const ADMISSION_RULE_IDS = [
  'pod-security',
  'disallow-privileged',
  'read-only-root-filesystem',
  'resource-requirements',
  'disallow-latest-tag',
  'allowed-registries',
  'required-labels',
] as const;
export type AdmissionRuleId = (typeof ADMISSION_RULE_IDS)[number];

/** The rollout: every rule starts reporting only, then warns the client, then denies. */
export const ROLLOUT_PHASES = ['audit', 'warn', 'enforce'] as const;
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

export interface AdmissionRule {
  id: AdmissionRuleId;
  title: string;
  /** What a denied request is told. */
  message: string;
  controls: readonly Control[];
}

/** What every engine needs to know to render the rules. */
export interface PolicySettings {
  posture: Profile['posture'];
  /** "1.N". */
  kubernetesVersion: string;
  /** Image-name prefixes (`registry[/path]`), without trailing slash. */
  registries: readonly string[];
  requiredLabels: readonly string[];
  /** Namespaces no rule applies to: the system namespaces and those of the bundle's add-ons. */
  exemptNamespaces: readonly string[];
}

/**
 * The policy settings of a profile.
 *
 * @example
 * policySettings(profile).exemptNamespaces; // ['external-secrets', 'falco', 'kube-system', 'kyverno']
 */
export function policySettings(profile: Profile): PolicySettings {
  return {
    posture: profile.posture,
    kubernetesVersion: profile.kubernetesVersion,
    registries: registryPrefixes(profile.allowedRegistries),
    requiredLabels: [...REQUIRED_LABELS],
    exemptNamespaces: exemptNamespaces(profile),
  };
}

export const ADMISSION_RULES: Readonly<Record<AdmissionRuleId, AdmissionRule>> = {
  'pod-security': {
    id: 'pod-security',
    title: 'Pod Security Standards level',
    message: 'Pods must meet the Pod Security Standards level of the cluster posture.',
    controls: [...controls('cis-k8s', '5.2.1', '5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.7', '5.2.9', '5.2.12', '5.2.13', '5.7.2', '5.7.3'), ...controls('pss', 'baseline', 'restricted'), ...controls('nsa-cisa', 'pod-security-enhancements', 'non-root-containers'), ...controls('mitre-attack', 'T1611', 'T1610')],
  },
  'disallow-privileged': {
    id: 'disallow-privileged',
    title: 'No privileged containers',
    message: 'Privileged containers are not allowed: securityContext.privileged must be unset or false.',
    controls: [...controls('cis-k8s', '5.2.2'), ...controls('pss', 'baseline'), ...controls('mitre-attack', 'T1611'), ...controls('nsa-cisa', 'pod-security-enhancements')],
  },
  'read-only-root-filesystem': {
    id: 'read-only-root-filesystem',
    title: 'Read-only root filesystem',
    message: 'Every container must set securityContext.readOnlyRootFilesystem to true (mount an emptyDir where it needs to write).',
    controls: [...controls('cis-k8s', '5.7.3'), ...controls('nsa-cisa', 'immutable-container-file-systems'), ...controls('pci-dss', '2.2.6')],
  },
  'resource-requirements': {
    id: 'resource-requirements',
    title: 'CPU and memory requests, memory limits',
    message: 'Every container must set resources.requests.cpu, resources.requests.memory and resources.limits.memory.',
    controls: [...controls('nsa-cisa', 'resource-policies'), ...controls('mitre-attack', 'T1496', 'T1499'), ...controls('soc2', 'A1.1')],
  },
  'disallow-latest-tag': {
    id: 'disallow-latest-tag',
    title: 'No latest or missing image tag',
    message: 'Images must carry a tag other than latest, or a digest.',
    controls: [...controls('nsa-cisa', 'secure-container-images'), ...controls('pci-dss', '6.5.1'), ...controls('soc2', 'CC8.1')],
  },
  'allowed-registries': {
    id: 'allowed-registries',
    title: 'Images from allowed registries only',
    message: 'Images must come from an allowed registry.',
    controls: [...controls('cis-k8s', '5.5.1'), ...controls('nsa-cisa', 'secure-container-images'), ...controls('mitre-attack', 'T1204.003', 'T1525', 'T1195.002'), ...controls('soc2', 'CC6.8'), ...controls('hipaa', '164.308(a)(5)(ii)(B)'), ...controls('pci-dss', '6.3.2')],
  },
  'required-labels': {
    id: 'required-labels',
    title: 'Required labels (app, owner, environment)',
    message: 'Workloads must carry the labels app, owner and environment.',
    controls: [...controls('nsa-cisa', 'namespaces'), ...controls('soc2', 'CC8.1'), ...controls('pci-dss', '12.5.2')],
  },
};

/**
 * The rules a profile gets: all of them, except allowed-registries when the profile lists no
 * registry (an empty allow-list would deny every image).
 *
 * @example
 * activeRules(policySettings(profile)); // ['pod-security', …]
 */
export function activeRules(settings: PolicySettings): AdmissionRuleId[] {
  return ADMISSION_RULE_IDS.filter((id) => id !== 'allowed-registries' || settings.registries.length > 0);
}

/**
 * `<engine>/phase-<n>-<phase>.yaml`, the file of one rollout phase.
 *
 * @example
 * phaseFile('kyverno', 'warn'); // 'kyverno/phase-2-warn.yaml'
 */
export function phaseFile(engine: PolicyEngine, phase: RolloutPhase, prefix = ''): string {
  return `${prefix}${engine}/phase-${ROLLOUT_PHASES.indexOf(phase) + 1}-${phase}.yaml`;
}

/**
 * Object name of a rule's policy (the same in every phase, so a phase replaces the previous one in place).
 *
 * @example
 * policyName('allowed-registries'); // 'rampart-allowed-registries'
 */
export function policyName(rule: AdmissionRuleId): string {
  return `rampart-${rule}`;
}

/** Capabilities Pod Security baseline allows containers to add. */
export const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] as const;

/** Volume types Pod Security restricted allows. */
export const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'] as const;

/** The kinds that carry a pod template and are validated by pod-spec rules. */
export const POD_KINDS = [
  { group: '', version: 'v1', kind: 'Pod', resource: 'pods' },
  { group: '', version: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets' },
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments' },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets' },
  { group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs' },
  { group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs' },
] as const;

/** The kinds required labels apply to: the objects teams write (pods and ReplicaSets inherit from them). */
export const LABELLED_KINDS = POD_KINDS.filter((k) => ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'].includes(k.kind));

/**
 * Which kinds a rule validates.
 *
 * @example
 * kindsOf('required-labels').map((k) => k.kind); // ['DaemonSet', 'Deployment', 'StatefulSet', 'CronJob']
 */
export function kindsOf(rule: AdmissionRuleId): ReadonlyArray<(typeof POD_KINDS)[number]> {
  return rule === 'required-labels' ? LABELLED_KINDS : POD_KINDS;
}
