/**
 * Configuration files for self-managed control planes: kubeadm's ClusterConfiguration (v1beta3
 * before Kubernetes 1.31, v1beta4 from 1.31, where extraArgs became a list),
 * KubeletConfiguration, KubeProxyConfiguration, the API server's AdmissionConfiguration and
 * AuthenticationConfiguration, and k3s's config.yaml.
 */
import type { JsonObject, JsonValue } from '../../../model/types.js';
import type { Profile } from '../../types.js';
import { CONTROL_PLANE_PATHS, KUBE_PROXY_METRICS, KUBELET_SETTINGS, kubernetesMinor, usesAuthenticationConfig, type Component, type Setting } from './control-plane.js';

function argsOf(settings: readonly Setting[], component: Component): Array<[string, string]> {
  return settings.filter((s) => s.component === component).map((s) => [s.flag, s.value]);
}

/** kubeadm extraArgs: a map in v1beta3, a list of {name, value} in v1beta4. */
function extraArgs(args: ReadonlyArray<[string, string]>, v1beta4: boolean): JsonValue {
  if (v1beta4) return args.map(([name, value]) => ({ name, value }));
  return Object.fromEntries(args);
}

/**
 * @example
 * kubeadmApiVersion({ ...profile, kubernetesVersion: '1.31' }); // 'kubeadm.k8s.io/v1beta4'
 */
export function kubeadmApiVersion(profile: Profile): string {
  return kubernetesMinor(profile) >= 31 ? 'kubeadm.k8s.io/v1beta4' : 'kubeadm.k8s.io/v1beta3';
}

function hostPathMount(name: string, path: string, readOnly: boolean, pathType: string): JsonObject {
  return { name, hostPath: path, mountPath: path, readOnly, pathType };
}

/**
 * kubeadm ClusterConfiguration with the hardening flags and the volumes that carry the policy
 * files into the static pods.
 *
 * @example
 * clusterConfiguration(profile, controlPlaneSettings(profile, 365));
 */
export function clusterConfiguration(profile: Profile, settings: readonly Setting[]): JsonObject {
  const v1beta4 = kubeadmApiVersion(profile) === 'kubeadm.k8s.io/v1beta4';
  const p = CONTROL_PLANE_PATHS;
  const volumes: JsonObject[] = [
    hostPathMount('audit-policy', '/etc/kubernetes/audit', true, 'DirectoryOrCreate'),
    hostPathMount('audit-log', p.auditLogDir, false, 'DirectoryOrCreate'),
    hostPathMount('encryption-config', '/etc/kubernetes/enc', true, 'DirectoryOrCreate'),
    hostPathMount('admission-config', '/etc/kubernetes/admission', true, 'DirectoryOrCreate'),
  ];
  if (usesAuthenticationConfig(profile)) volumes.push(hostPathMount('authentication-config', '/etc/kubernetes/auth', true, 'DirectoryOrCreate'));
  return {
    apiVersion: kubeadmApiVersion(profile),
    kind: 'ClusterConfiguration',
    clusterName: profile.clusterName,
    kubernetesVersion: `v${profile.kubernetesVersion}.0`,
    apiServer: { extraArgs: extraArgs(argsOf(settings, 'kube-apiserver'), v1beta4), extraVolumes: volumes },
    controllerManager: { extraArgs: extraArgs(argsOf(settings, 'kube-controller-manager'), v1beta4) },
    scheduler: { extraArgs: extraArgs(argsOf(settings, 'kube-scheduler'), v1beta4) },
    etcd: { local: { dataDir: '/var/lib/etcd', extraArgs: extraArgs(argsOf(settings, 'etcd'), v1beta4) } },
  };
}

function setPath(target: JsonObject, dotted: string, value: JsonValue): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next;
    else node = node[key] = {};
  }
  node[keys[keys.length - 1] as string] = value;
}

/**
 * KubeletConfiguration with every CIS section 4.2 setting.
 *
 * @example
 * kubeletConfiguration().readOnlyPort; // 0
 */
export function kubeletConfiguration(): JsonObject {
  const config: JsonObject = { apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration' };
  for (const s of KUBELET_SETTINGS) setPath(config, s.field, s.value as JsonValue);
  return config;
}

/**
 * KubeProxyConfiguration with metrics on localhost (CIS 4.3.1).
 *
 * @example
 * kubeProxyConfiguration().metricsBindAddress; // '127.0.0.1:10249'
 */
export function kubeProxyConfiguration(): JsonObject {
  return { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', [KUBE_PROXY_METRICS.field]: KUBE_PROXY_METRICS.value };
}

/**
 * The API server's AdmissionConfiguration: EventRateLimit limits (CIS 1.2.9) and cluster-wide
 * Pod Security defaults for namespaces that carry no labels (baseline enforced, restricted
 * audited and warned; system namespaces exempt).
 *
 * @example
 * admissionConfiguration(profile).plugins;
 */
export function admissionConfiguration(profile: Profile): JsonObject {
  const version = `v${profile.kubernetesVersion}`;
  return {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'AdmissionConfiguration',
    plugins: [
      {
        name: 'EventRateLimit',
        configuration: {
          apiVersion: 'eventratelimit.admission.k8s.io/v1alpha1',
          kind: 'Configuration',
          limits: [
            { type: 'Server', qps: 5000, burst: 20000 },
            { type: 'Namespace', qps: 50, burst: 100, cacheSize: 2000 },
            { type: 'User', qps: 10, burst: 50, cacheSize: 2000 },
          ],
        },
      },
      {
        name: 'PodSecurity',
        configuration: {
          apiVersion: 'pod-security.admission.config.k8s.io/v1',
          kind: 'PodSecurityConfiguration',
          defaults: { enforce: 'baseline', 'enforce-version': version, audit: 'restricted', 'audit-version': version, warn: 'restricted', 'warn-version': version },
          exemptions: { usernames: [], runtimeClasses: [], namespaces: [...profile.namespaces.system] },
        },
      },
    ],
  };
}

/**
 * AuthenticationConfiguration (1.32+): anonymous requests only to the health endpoints, and
 * the identity provider as a JWT authenticator when the profile names one.
 *
 * @example
 * authenticationConfiguration(profile).anonymous;
 */
export function authenticationConfiguration(profile: Profile): JsonObject {
  const config: JsonObject = {
    apiVersion: 'apiserver.config.k8s.io/v1beta1',
    kind: 'AuthenticationConfiguration',
    anonymous: { enabled: true, conditions: [{ path: '/livez' }, { path: '/readyz' }, { path: '/healthz' }] },
  };
  if (profile.identity.oidcIssuer !== undefined) {
    config['jwt'] = [
      {
        issuer: { url: profile.identity.oidcIssuer, audiences: ['kubernetes'] },
        claimMappings: { username: { claim: 'email', prefix: 'oidc:' }, groups: { claim: 'groups', prefix: 'oidc:' } },
      },
    ];
  }
  return config;
}

/**
 * k3s `config.yaml` (/etc/rancher/k3s/config.yaml): the same flags through k3s's pass-through
 * options. k3s's own `secrets-encryption` is left off because the bundle's
 * EncryptionConfiguration (with its own key) is passed to the API server instead.
 *
 * @example
 * k3sConfig(profile, controlPlaneSettings(profile, 365))['kube-apiserver-arg'];
 */
export function k3sConfig(profile: Profile, settings: readonly Setting[]): JsonObject {
  const args = (component: Component): string[] => argsOf(settings, component).map(([f, v]) => `${f}=${v}`);
  const kubelet = KUBELET_SETTINGS.filter((s) => ['readOnlyPort', 'streamingConnectionIdleTimeout', 'makeIPTablesUtilChains', 'eventRecordQPS', 'rotateCertificates', 'podPidsLimit', 'tlsCipherSuites'].includes(s.field))
    .map((s) => `${kebab(s.field)}=${Array.isArray(s.value) ? s.value.join(',') : String(s.value)}`);
  return {
    'protect-kernel-defaults': true,
    'secrets-encryption': false,
    'kube-apiserver-arg': args('kube-apiserver').filter((a) => !a.startsWith('etcd-')),
    'kube-controller-manager-arg': args('kube-controller-manager'),
    'kube-scheduler-arg': args('kube-scheduler'),
    'kubelet-arg': [...kubelet.map((a) => a.replace(/^pod-pids-limit=/, 'pod-max-pids=').replace(/^event-record-q-p-s=/, 'event-qps=').replace(/^make-i-p-tables-util-chains=/, 'make-iptables-util-chains=')), 'anonymous-auth=false', 'authorization-mode=Webhook', 'seccomp-default=true'],
    'kube-proxy-arg': [`metrics-bind-address=${KUBE_PROXY_METRICS.value}`],
    'etcd-arg': args('etcd'),
  };
}

function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
