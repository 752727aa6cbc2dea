/**
 * A minimal pod that every rule of the restricted policy set admits, and one-tweak variants
 * that each break exactly one rule (the pod-security-admission style of failing fixtures).
 */
import type { JsonObject } from '../../../../src/model/types.js';

export function compliantPodSpec(): JsonObject {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'ghcr.io/acme/shop/web:1.4.2',
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      },
    ],
    initContainers: [
      {
        name: 'init',
        image: 'registry.example.com/tools/migrate@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

const LABELS = { app: 'web', owner: 'team-shop', environment: 'production' };

export function pod(spec: JsonObject = compliantPodSpec(), labels: JsonObject = { ...LABELS }): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels }, spec };
}

export function deployment(spec: JsonObject = compliantPodSpec(), labels: JsonObject = { ...LABELS }): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { ...LABELS } }, spec } },
  };
}

export function cronJob(spec: JsonObject = compliantPodSpec(), labels: JsonObject = { ...LABELS }): JsonObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'shop', labels },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { metadata: { labels: { ...LABELS } }, spec: { ...spec, restartPolicy: 'Never' } } } } },
  };
}

/** The PodSpec with one change applied to a copy. */
export function tweak(change: (spec: Mutable) => void): JsonObject {
  const spec = compliantPodSpec() as Mutable;
  change(spec);
  return spec as JsonObject;
}

// Fixtures are edited freely in tweaks; the generated policies never see this type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Mutable = any;

export interface Violation {
  name: string;
  spec: JsonObject;
}

/** Pod-spec tweaks, each breaking one rule, keyed by the rule that must refuse it. */
export const RULE_VIOLATIONS: Readonly<Record<string, readonly Violation[]>> = {
  'disallow-privileged': [
    { name: 'privileged container', spec: tweak((s) => (s.containers[0].securityContext.privileged = true)) },
    { name: 'privileged init container', spec: tweak((s) => (s.initContainers[0].securityContext.privileged = true)) },
    { name: 'privileged ephemeral container', spec: tweak((s) => (s.ephemeralContainers = [{ name: 'debug', image: 'ghcr.io/acme/debug:1.0', securityContext: { privileged: true } }])) },
  ],
  'read-only-root-filesystem': [
    { name: 'writable root filesystem', spec: tweak((s) => (s.containers[0].securityContext.readOnlyRootFilesystem = false)) },
    { name: 'readOnlyRootFilesystem unset', spec: tweak((s) => delete s.containers[0].securityContext.readOnlyRootFilesystem) },
    { name: 'init container without securityContext', spec: tweak((s) => delete s.initContainers[0].securityContext) },
  ],
  'resource-requirements': [
    { name: 'no resources', spec: tweak((s) => delete s.containers[0].resources) },
    { name: 'no memory limit', spec: tweak((s) => delete s.containers[0].resources.limits) },
    { name: 'no cpu request', spec: tweak((s) => delete s.initContainers[0].resources.requests.cpu) },
  ],
  'disallow-latest-tag': [
    { name: 'latest tag', spec: tweak((s) => (s.containers[0].image = 'ghcr.io/acme/shop/web:latest')) },
    { name: 'no tag', spec: tweak((s) => (s.containers[0].image = 'ghcr.io/acme/shop/web')) },
  ],
  'allowed-registries': [
    { name: 'docker hub short name', spec: tweak((s) => (s.containers[0].image = 'nginx:1.27')) },
    { name: 'registry with a shared prefix', spec: tweak((s) => (s.containers[0].image = 'ghcr.io/acme-evil/web:1.0')) },
    { name: 'init container from elsewhere', spec: tweak((s) => (s.initContainers[0].image = 'quay.io/tools/migrate:2.0')) },
  ],
};

/** Tweaks that Pod Security refuses, with the level that refuses them. */
export const PSS_VIOLATIONS: ReadonlyArray<Violation & { level: 'baseline' | 'restricted' }> = [
  { level: 'baseline', name: 'privileged', spec: tweak((s) => (s.containers[0].securityContext.privileged = true)) },
  { level: 'baseline', name: 'hostNetwork', spec: tweak((s) => (s.hostNetwork = true)) },
  { level: 'baseline', name: 'hostPID', spec: tweak((s) => (s.hostPID = true)) },
  { level: 'baseline', name: 'hostPath volume', spec: tweak((s) => s.volumes.push({ name: 'host', hostPath: { path: '/etc' } })) },
  { level: 'baseline', name: 'hostPort', spec: tweak((s) => (s.containers[0].ports[0].hostPort = 8080)) },
  { level: 'baseline', name: 'SYS_ADMIN added', spec: tweak((s) => (s.containers[0].securityContext.capabilities.add = ['SYS_ADMIN'])) },
  { level: 'baseline', name: 'seccomp Unconfined on a container', spec: tweak((s) => (s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' })) },
  { level: 'baseline', name: 'procMount Unmasked', spec: tweak((s) => (s.containers[0].securityContext.procMount = 'Unmasked')) },
  { level: 'restricted', name: 'allowPrivilegeEscalation true', spec: tweak((s) => (s.containers[0].securityContext.allowPrivilegeEscalation = true)) },
  { level: 'restricted', name: 'runAsNonRoot false on a container', spec: tweak((s) => (s.containers[0].securityContext.runAsNonRoot = false)) },
  { level: 'restricted', name: 'runAsNonRoot nowhere', spec: tweak((s) => delete s.securityContext.runAsNonRoot) },
  { level: 'restricted', name: 'runAsUser 0', spec: tweak((s) => (s.securityContext.runAsUser = 0)) },
  { level: 'restricted', name: 'capabilities not dropped', spec: tweak((s) => delete s.containers[0].securityContext.capabilities) },
  { level: 'restricted', name: 'CHOWN added', spec: tweak((s) => (s.containers[0].securityContext.capabilities.add = ['CHOWN'])) },
  { level: 'restricted', name: 'no seccomp profile', spec: tweak((s) => delete s.securityContext.seccompProfile) },
  { level: 'restricted', name: 'nfs volume', spec: tweak((s) => s.volumes.push({ name: 'share', nfs: { server: 'nfs.example.com', path: '/x' } })) },
];

/** The namespaces every engine exempts: the profile's system namespaces and the bundle's add-on namespaces. */
export function exempt(engine: 'kyverno' | 'gatekeeper' | 'vap'): string[] {
  const addOns = ['external-secrets', 'falco', ...(engine === 'kyverno' ? ['kyverno'] : engine === 'gatekeeper' ? ['gatekeeper-system'] : [])];
  return [...addOns, 'kube-node-lease', 'kube-public', 'kube-system'].sort();
}
