/**
 * Control-plane and node settings as data: each flag or kubelet field with the value the CIS
 * Kubernetes Benchmark expects (kube-bench `cis-1.10` master, etcd and node tests) and the
 * recommendation ids it satisfies. The builders turn the table into kubeadm, k3s and kubelet
 * configuration; the README renders it so a reviewer sees why every line is there.
 */
import type { Profile } from '../../types.js';

export type Component = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet' | 'kube-proxy';

export interface Setting {
  component: Component;
  /** Command-line flag without the dashes. */
  flag: string;
  value: string;
  /** CIS Kubernetes Benchmark recommendation ids. */
  cis: string[];
  /** Why, when the value is not obvious from the CIS title. */
  note?: string;
}

/** Paths on the control-plane nodes where the bundle's files go. */
export const CONTROL_PLANE_PATHS = {
  auditPolicy: '/etc/kubernetes/audit/policy.yaml',
  auditLogDir: '/var/log/kubernetes/audit',
  auditLog: '/var/log/kubernetes/audit/audit.log',
  encryptionConfig: '/etc/kubernetes/enc/encryption-config.yaml',
  admissionConfig: '/etc/kubernetes/admission/admission-config.yaml',
  authenticationConfig: '/etc/kubernetes/auth/authentication-config.yaml',
} as const;

/** TLS 1.2 ECDHE suites with AEAD ciphers: inside both the API server (1.2.29) and the kubelet (4.2.12) allow lists. */
export const STRONG_CIPHER_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
];

/**
 * @example
 * kubernetesMinor(profile); // 30
 */
export function kubernetesMinor(profile: Profile): number {
  return Number(profile.kubernetesVersion.split('.')[1]);
}

/**
 * Structured anonymous-auth configuration (anonymous access only to health endpoints) exists
 * from 1.32; before that, `--anonymous-auth=false` would fail the kubelet's liveness probes of
 * the API server, so the flag is left at its default and CIS 1.2.1 stays manual.
 *
 * @example
 * usesAuthenticationConfig({ ...profile, kubernetesVersion: '1.32' }); // true
 */
export function usesAuthenticationConfig(profile: Profile): boolean {
  return kubernetesMinor(profile) >= 32;
}

/**
 * Days of audit log kept on the node (the retention the frameworks ask for goes to the log platform).
 *
 * @example
 * auditMaxAge(2190); // 365
 */
export function auditMaxAge(retentionDays: number): number {
  return Math.max(30, Math.min(retentionDays, 365));
}

/**
 * The API server, controller manager, scheduler and etcd flags for a self-managed control plane.
 *
 * @example
 * controlPlaneSettings(profile, 365).filter((s) => s.component === 'kube-apiserver');
 */
export function controlPlaneSettings(profile: Profile, retentionDays: number): Setting[] {
  const p = CONTROL_PLANE_PATHS;
  const api = (flag: string, value: string, cis: string[], note?: string): Setting => ({ component: 'kube-apiserver', flag, value, cis, ...(note ? { note } : {}) });
  const settings: Setting[] = [];
  if (usesAuthenticationConfig(profile)) {
    settings.push(api('authentication-config', p.authenticationConfig, ['1.2.1'], 'anonymous requests allowed only to /livez, /readyz and /healthz'));
  }
  settings.push(
    api('authorization-mode', 'Node,RBAC', ['1.2.6', '1.2.7', '1.2.8']),
    api('enable-admission-plugins', 'NodeRestriction,EventRateLimit,AlwaysPullImages,DenyServiceExternalIPs', ['1.2.3', '1.2.9', '1.2.11', '1.2.14']),
    api('admission-control-config-file', p.admissionConfig, ['1.2.9'], 'EventRateLimit limits and cluster-wide Pod Security defaults'),
    api('profiling', 'false', ['1.2.15']),
    api('audit-policy-file', p.auditPolicy, ['3.2.1', '3.2.2']),
    api('audit-log-path', p.auditLog, ['1.2.16']),
    api('audit-log-maxage', String(auditMaxAge(retentionDays)), ['1.2.17'], `on-node copy; ship logs to storage kept ${retentionDays} days`),
    api('audit-log-maxbackup', '10', ['1.2.18']),
    api('audit-log-maxsize', '100', ['1.2.19']),
    api('request-timeout', '60s', ['1.2.20']),
    api('service-account-lookup', 'true', ['1.2.21']),
    profile.distribution === 'k3s'
      ? api('kubelet-certificate-authority', '/var/lib/rancher/k3s/server/tls/server-ca.crt', ['1.2.5'], 'k3s signs kubelet serving certificates with this CA')
      : api('kubelet-certificate-authority', '/etc/kubernetes/pki/ca.crt', ['1.2.5'], 'needs kubelet serving certificates signed by the cluster CA (serverTLSBootstrap)'),
    api('encryption-provider-config', p.encryptionConfig, ['1.2.27', '1.2.28']),
    api('tls-min-version', 'VersionTLS12', ['1.2.29']),
    api('tls-cipher-suites', STRONG_CIPHER_SUITES.join(','), ['1.2.29']),
  );
  if (!usesAuthenticationConfig(profile) && profile.identity.oidcIssuer !== undefined) {
    settings.push(
      api('oidc-issuer-url', profile.identity.oidcIssuer, [], 'users authenticate with the identity provider, not client certificates'),
      api('oidc-client-id', 'kubernetes', []),
      api('oidc-username-claim', 'email', []),
      api('oidc-username-prefix', 'oidc:', []),
      api('oidc-groups-claim', 'groups', []),
      api('oidc-groups-prefix', 'oidc:', []),
    );
  }
  settings.push(
    { component: 'kube-controller-manager', flag: 'profiling', value: 'false', cis: ['1.3.2'] },
    { component: 'kube-controller-manager', flag: 'terminated-pod-gc-threshold', value: '10', cis: ['1.3.1'] },
    { component: 'kube-controller-manager', flag: 'use-service-account-credentials', value: 'true', cis: ['1.3.3'] },
    { component: 'kube-controller-manager', flag: 'bind-address', value: '127.0.0.1', cis: ['1.3.7'] },
    { component: 'kube-scheduler', flag: 'profiling', value: 'false', cis: ['1.4.1'] },
    { component: 'kube-scheduler', flag: 'bind-address', value: '127.0.0.1', cis: ['1.4.2'] },
    { component: 'etcd', flag: 'client-cert-auth', value: 'true', cis: ['2.2'] },
    { component: 'etcd', flag: 'auto-tls', value: 'false', cis: ['2.3'] },
    { component: 'etcd', flag: 'peer-client-cert-auth', value: 'true', cis: ['2.5'] },
    { component: 'etcd', flag: 'peer-auto-tls', value: 'false', cis: ['2.6'] },
  );
  return settings;
}

/**
 * Settings kubeadm already applies and the bundle keeps (stated so the matrix can claim them and
 * a reviewer knows not to remove them).
 */
export const KUBEADM_DEFAULTS: readonly Setting[] = [
  { component: 'kube-apiserver', flag: 'kubelet-client-certificate / kubelet-client-key', value: 'kubeadm PKI', cis: ['1.2.4'] },
  { component: 'kube-apiserver', flag: 'service-account-key-file', value: 'kubeadm PKI', cis: ['1.2.22'] },
  { component: 'kube-apiserver', flag: 'etcd-certfile / etcd-keyfile', value: 'kubeadm PKI', cis: ['1.2.23'] },
  { component: 'kube-apiserver', flag: 'tls-cert-file / tls-private-key-file', value: 'kubeadm PKI', cis: ['1.2.24'] },
  { component: 'kube-apiserver', flag: 'client-ca-file', value: 'kubeadm PKI', cis: ['1.2.25'] },
  { component: 'kube-apiserver', flag: 'etcd-cafile', value: 'kubeadm PKI', cis: ['1.2.26'] },
  { component: 'kube-apiserver', flag: 'token-auth-file', value: '(not set)', cis: ['1.2.2'] },
  { component: 'kube-apiserver', flag: 'disable-admission-plugins', value: '(not set: ServiceAccount and NamespaceLifecycle stay on)', cis: ['1.2.10', '1.2.12', '1.2.13'] },
  { component: 'kube-controller-manager', flag: 'service-account-private-key-file', value: 'kubeadm PKI', cis: ['1.3.4'] },
  { component: 'kube-controller-manager', flag: 'root-ca-file', value: 'kubeadm PKI', cis: ['1.3.5'] },
  { component: 'kube-controller-manager', flag: 'feature-gates', value: '(RotateKubeletServerCertificate not disabled)', cis: ['1.3.6'] },
  { component: 'etcd', flag: 'cert-file / key-file', value: 'kubeadm PKI', cis: ['2.1'] },
  { component: 'etcd', flag: 'peer-cert-file / peer-key-file', value: 'kubeadm PKI', cis: ['2.4'] },
  { component: 'etcd', flag: 'trusted-ca-file', value: 'a separate etcd CA (kubeadm)', cis: ['2.7'] },
];

/** KubeletConfiguration fields (kubelet.config.k8s.io/v1beta1) with the CIS ids they satisfy. */
export interface KubeletSetting {
  field: string;
  value: unknown;
  cis: string[];
  note?: string;
}

export const KUBELET_SETTINGS: readonly KubeletSetting[] = [
  { field: 'authentication.anonymous.enabled', value: false, cis: ['4.2.1'] },
  { field: 'authentication.webhook.enabled', value: true, cis: ['4.2.2'] },
  { field: 'authentication.x509.clientCAFile', value: '/etc/kubernetes/pki/ca.crt', cis: ['4.2.3'] },
  { field: 'authorization.mode', value: 'Webhook', cis: ['4.2.2'] },
  { field: 'readOnlyPort', value: 0, cis: ['4.2.4'] },
  { field: 'streamingConnectionIdleTimeout', value: '4h0m0s', cis: ['4.2.5'] },
  { field: 'makeIPTablesUtilChains', value: true, cis: ['4.2.6'] },
  { field: 'eventRecordQPS', value: 5, cis: ['4.2.8'] },
  { field: 'rotateCertificates', value: true, cis: ['4.2.10'] },
  { field: 'serverTLSBootstrap', value: true, cis: ['4.2.9', '4.2.11'], note: 'kubelet serving certificates from the cluster CA; approve their CSRs' },
  { field: 'tlsCipherSuites', value: STRONG_CIPHER_SUITES, cis: ['4.2.12'] },
  { field: 'podPidsLimit', value: 4096, cis: ['4.2.13'] },
  { field: 'seccompDefault', value: true, cis: ['5.7.2'], note: 'RuntimeDefault seccomp for pods that set none' },
];

/** kube-proxy (KubeProxyConfiguration) metrics bound to localhost. */
export const KUBE_PROXY_METRICS = { field: 'metricsBindAddress', value: '127.0.0.1:10249', cis: ['4.3.1'] } as const;
