/**
 * Deliverable 1, cluster hardening: control-plane and node configuration for the distribution,
 * the audit Policy and the EncryptionConfiguration.
 */
import type { Control } from '../../../engine/types.js';
import type { JsonObject } from '../../../model/types.js';
import { auditRetention } from '../../profile.js';
import type { Deliverable, DeliverableGenerator, GeneratedFile, Profile } from '../../types.js';
import { auditPolicy } from './audit-policy.js';
import { CONTROL_PLANE_PATHS, controlPlaneSettings, KUBE_PROXY_METRICS, KUBEADM_DEFAULTS, KUBELET_SETTINGS, usesAuthenticationConfig, type Setting } from './control-plane.js';
import { encryptionConfiguration, isCloud } from './encryption.js';
import { aksScript, eksctlClusterConfig, gkeScript } from './managed.js';
import { admissionConfiguration, authenticationConfiguration, clusterConfiguration, k3sConfig, kubeletConfiguration, kubeProxyConfiguration } from './self-managed.js';

const ENCRYPTION_FILE = 'encryption-config.yaml';

function cis(...ids: string[]): Control[] {
  return ids.map((id) => ({ framework: 'cis-k8s', id }));
}

/** Controls every distribution gets: audit logging, encryption at rest, retention. */
const COMMON_CONTROLS: Control[] = [
  { framework: 'nsa-cisa', id: 'audit-logging' },
  { framework: 'nsa-cisa', id: 'encryption' },
  { framework: 'nsa-cisa', id: 'control-plane-hardening' },
  { framework: 'pci-dss', id: '10.2.1' },
  { framework: 'pci-dss', id: '10.2.2' },
  { framework: 'pci-dss', id: '3.5.1' },
  { framework: 'pci-dss', id: '3.6.1' },
  { framework: 'pci-dss', id: '2.2.1' },
  { framework: 'hipaa', id: '164.312(b)' },
  { framework: 'hipaa', id: '164.312(a)(2)(iv)' },
  { framework: 'hipaa', id: '164.308(a)(1)(ii)(D)' },
  { framework: 'soc2', id: 'CC6.1' },
  { framework: 'soc2', id: 'CC7.2' },
  { framework: 'mitre-attack', id: 'T1552.007' },
];

function settingsTable(settings: readonly Setting[], title: string): string {
  const lines = [`| Component | Setting | Value | CIS |`, '|---|---|---|---|'];
  for (const s of settings) lines.push(`| ${s.component} | \`--${s.flag}\` | ${s.value.length > 60 ? `${s.value.slice(0, 57)}…` : s.value}${s.note ? ` (${s.note})` : ''} | ${s.cis.join(', ')} |`);
  return `${title}\n\n${lines.join('\n')}`;
}

function kubeletTable(): string {
  const lines = ['| KubeletConfiguration field | Value | CIS |', '|---|---|---|'];
  for (const s of KUBELET_SETTINGS) lines.push(`| \`${s.field}\` | ${Array.isArray(s.value) ? 'strong suites (see file)' : String(s.value)}${s.note ? ` (${s.note})` : ''} | ${s.cis.join(', ')} |`);
  lines.push(`| KubeProxyConfiguration \`${KUBE_PROXY_METRICS.field}\` | ${KUBE_PROXY_METRICS.value} | ${KUBE_PROXY_METRICS.cis.join(', ')} |`);
  return lines.join('\n');
}

function selfManaged(profile: Profile, retention: number): { files: GeneratedFile[]; controls: Control[]; why: string; apply: string; verify: string; rollback: string; risks: string[] } {
  const settings = controlPlaneSettings(profile, retention);
  const kubeadm = profile.distribution === 'kubeadm';
  const apiServerFiles: GeneratedFile[] = [{ path: 'admission-config.yaml', manifests: [admissionConfiguration(profile)], description: `AdmissionConfiguration: EventRateLimit and Pod Security defaults (to ${CONTROL_PLANE_PATHS.admissionConfig})` }];
  if (usesAuthenticationConfig(profile)) {
    apiServerFiles.push({ path: 'authentication-config.yaml', manifests: [authenticationConfiguration(profile)], description: `AuthenticationConfiguration: anonymous access to health endpoints only${profile.identity.oidcIssuer ? ', OIDC' : ''} (to ${CONTROL_PLANE_PATHS.authenticationConfig})` });
  }
  const files: GeneratedFile[] = kubeadm
    ? [
        { path: 'kubeadm-config.yaml', manifests: [clusterConfiguration(profile, settings), kubeletConfiguration(), kubeProxyConfiguration()], description: 'kubeadm ClusterConfiguration, KubeletConfiguration and KubeProxyConfiguration' },
        ...apiServerFiles,
      ]
    : [
        { path: 'k3s-config.yaml', manifests: [k3sConfig(profile, settings)], description: 'k3s server configuration (/etc/rancher/k3s/config.yaml)' },
        { path: 'kubelet-config.yaml', manifests: [kubeletConfiguration()], description: 'KubeletConfiguration for reference (the k3s config passes the same settings as kubelet-arg)' },
        ...apiServerFiles,
      ];
  const claimed = [...settings, ...(kubeadm ? KUBEADM_DEFAULTS : [])].flatMap((s) => s.cis);
  // 3.1.1 (no client certificates for users) only when users come from the identity provider.
  const oidc = profile.identity.oidcIssuer !== undefined ? ['3.1.1'] : [];
  const controls = cis(...new Set([...claimed, ...KUBELET_SETTINGS.flatMap((s) => s.cis), ...KUBE_PROXY_METRICS.cis, '3.2.1', '3.2.2', ...oidc]));
  const placeFiles = [
    `sudo install -D -m 0600 audit-policy.yaml ${CONTROL_PLANE_PATHS.auditPolicy}`,
    `sudo install -D -m 0600 ${ENCRYPTION_FILE} ${CONTROL_PLANE_PATHS.encryptionConfig} && shred -u ${ENCRYPTION_FILE}`,
    `sudo install -D -m 0600 admission-config.yaml ${CONTROL_PLANE_PATHS.admissionConfig}`,
    ...(usesAuthenticationConfig(profile) ? [`sudo install -D -m 0600 authentication-config.yaml ${CONTROL_PLANE_PATHS.authenticationConfig}`] : []),
  ];
  const apply = kubeadm
    ? [
        'On every control-plane node (one at a time), place the files, then let kubeadm rewrite the static pod manifests:',
        '',
        '```sh',
        ...placeFiles,
        'sudo kubeadm init phase control-plane all --config kubeadm-config.yaml   # new clusters: kubeadm init --config kubeadm-config.yaml',
        'sudo kubeadm init phase etcd local --config kubeadm-config.yaml',
        '```',
        '',
        'For the kubelet on every node: merge the KubeletConfiguration document into /var/lib/kubelet/config.yaml (or `kubeadm upgrade node phase kubelet-config` after updating the kubelet-config ConfigMap), restart the kubelet, then approve the kubelet serving certificate CSRs (`kubectl get csr`, `kubectl certificate approve …`).',
        '',
        `Rewrite existing Secrets so they are encrypted: \`kubectl get secrets -A -o json | kubectl replace -f -\`.`,
      ].join('\n')
    : [
        'On every server node (one at a time):',
        '',
        '```sh',
        ...placeFiles,
        'sudo install -D -m 0600 k3s-config.yaml /etc/rancher/k3s/config.yaml',
        'sudo systemctl restart k3s',
        '```',
        '',
        `Rewrite existing Secrets so they are encrypted: \`kubectl get secrets -A -o json | kubectl replace -f -\`.`,
      ].join('\n');
  const why = [
    'The API server, controller manager, scheduler, etcd and kubelet settings of the CIS Kubernetes Benchmark (sections 1 to 4, as kube-bench cis-1.10 tests them), audit logging with a policy that records who changed RBAC and who ran exec, and Secrets encrypted at rest with a key generated for this cluster.',
    '',
    settingsTable(settings, 'Settings this bundle sets:'),
    '',
    kubeadm ? settingsTable(KUBEADM_DEFAULTS, 'kubeadm defaults the bundle keeps (do not remove them):') : '',
    '',
    kubeletTable(),
    '',
    `Audit logs: ${retention} days of retention (the longest of the selected frameworks: ${profile.compliance.map((t) => `${t} ${profile.auditRetentionDays[t] ?? ''}`).join(', ')}); the node keeps at most a year, ship the log to your log platform for the rest.`,
    usesAuthenticationConfig(profile) ? '' : '\nCIS 1.2.1 (`--anonymous-auth=false`) is not set: before Kubernetes 1.32 it makes the kubelet\'s liveness probes of the API server fail. Anonymous requests reach only the health endpoints through the default RBAC; on 1.32 and later the bundle uses an AuthenticationConfiguration that allows exactly those.',
  ].join('\n');
  const risks = [
    'The API server restarts on each control-plane node; with a single control-plane node the API is unavailable for about a minute.',
    '`--kubelet-certificate-authority` makes `kubectl logs/exec` fail until every kubelet has a serving certificate signed by the cluster CA (serverTLSBootstrap) and its CSR is approved.',
    'AlwaysPullImages makes every pod start pull from the registry: a registry outage stops new pods.',
    'EventRateLimit rejects bursts of events above the configured limits (tune admission-config.yaml for very busy namespaces).',
    'A lost encryption key makes every Secret in etcd unreadable: back it up in your secrets manager before you delete the local copy.',
    ...(kubeadm ? [] : ['protect-kernel-defaults makes the kubelet exit when the node\'s kernel parameters differ from its defaults: set vm.overcommit_memory=1, kernel.panic=10, kernel.panic_on_oops=1 first.']),
  ];
  return {
    files,
    controls,
    why,
    apply,
    verify: [
      'Run kube-bench on a control-plane node and on a worker: `kube-bench run --targets master,etcd,node,controlplane --benchmark cis-1.10`; the settings above pass.',
      '`kubectl get --raw /livez` works; `curl -k https://NODE:10250/pods` is refused (401); `kubectl exec` into a test pod appears in the audit log with level RequestResponse.',
      'A Secret written after the change reads as `k8s:enc:secretbox:v1:key1` in etcd: `ETCDCTL_API=3 etcdctl get /registry/secrets/default/NAME | hexdump -C | head`.',
    ].join('\n\n'),
    rollback: kubeadm
      ? 'Restore the previous static pod manifests from /etc/kubernetes/tmp/ (kubeadm keeps backups) or rerun `kubeadm init phase control-plane all` with the old configuration. Before removing the EncryptionConfiguration, move `identity` first in its provider list, rewrite all Secrets, then remove the flag — never the other way round, or encrypted Secrets become unreadable.'
      : 'Restore the previous /etc/rancher/k3s/config.yaml and restart k3s. Before removing the EncryptionConfiguration, move `identity` first, rewrite all Secrets, then remove the flag.',
    risks,
  };
}

function managedDistribution(profile: Profile, retention: number): { files: GeneratedFile[]; controls: Control[]; why: string; apply: string; verify: string; rollback: string; risks: string[] } {
  if (profile.distribution === 'eks') {
    return {
      files: [{ path: 'eksctl-cluster.yaml', manifests: [eksctlClusterConfig(profile, retention)], description: 'eksctl ClusterConfig: KMS envelope encryption, private endpoint, control-plane logging' }],
      controls: cis('1.2.16', '1.2.17', '1.2.27', '1.2.28'),
      why: `EKS runs the control plane: the hardening is KMS envelope encryption of Secrets, a private API endpoint, every control-plane log type in CloudWatch (kept ${retention} days, rounded up to a CloudWatch retention value), IAM roles for service accounts, access entries instead of the aws-auth ConfigMap, and private nodes with IMDSv2 only.`,
      apply:
        'Replace AWS_REGION, AWS_ACCOUNT_ID and KMS_KEY_ID (create the key with `aws kms create-key`), then `eksctl create cluster -f eksctl-cluster.yaml`. For an existing cluster: `eksctl utils enable-secrets-encryption -f eksctl-cluster.yaml`, `eksctl utils update-cluster-logging -f eksctl-cluster.yaml --approve`, `eksctl utils update-cluster-vpc-config -f eksctl-cluster.yaml --approve`.',
      verify:
        '`aws eks describe-cluster --name NAME --query "cluster.[encryptionConfig,resourcesVpcConfig.endpointPublicAccess,logging]"` shows the key, `false`, and the five log types enabled; the audit log group /aws/eks/NAME/cluster receives entries.',
      rollback: 'Logging and endpoint access can be changed back with the same eksctl utils commands. Envelope encryption cannot be turned off once enabled; keep the KMS key (deleting it makes Secrets unreadable).',
      risks: [
        'A private-only endpoint cuts off kubectl and CI runners outside the VPC: give them a path (VPN, bastion, runners in the VPC) before you switch.',
        'Envelope encryption cannot be disabled later, and the KMS key must never be scheduled for deletion.',
        'IMDSv1 off breaks workloads that still use the instance profile through IMDSv1; move them to IRSA first.',
      ],
    };
  }
  if (profile.distribution === 'gke') {
    return {
      files: [{ path: 'gke-cluster.sh', text: gkeScript(profile, retention), description: 'gcloud cluster creation with the hardening flags' }],
      controls: cis('1.2.16', '1.2.27', '1.2.28'),
      why: `GKE runs the control plane: the hardening is application-layer Secrets encryption with Cloud KMS, private nodes and endpoint with authorized networks, Workload Identity, Shielded Nodes, Dataplane V2 for NetworkPolicy enforcement, API server logs in Cloud Logging kept ${retention} days.`,
      apply:
        'Set the variables at the top of gke-cluster.sh (the Cloud KMS key must be in the cluster\'s region, and the GKE service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it), then run it. For an existing cluster, the same settings are `gcloud container clusters update` flags (database encryption, master authorized networks, workload pool, logging). Enable Data Access audit logs for `container.googleapis.com` in the project\'s IAM audit configuration.',
      verify: '`gcloud container clusters describe NAME --region REGION --format="value(databaseEncryption.state,privateClusterConfig.enablePrivateEndpoint,workloadIdentityConfig.workloadPool)"` prints ENCRYPTED, True and the pool.',
      rollback: 'Each setting except private nodes can be changed back with `gcloud container clusters update`; decrypting Secrets is `--disable-database-encryption` (keep the key until it completes).',
      risks: [
        'A private endpoint cuts off kubectl and CI outside the authorized networks.',
        'Workload Identity replaces the node service account for pods on the GKE metadata server: workloads that used node credentials need an IAM binding.',
      ],
    };
  }
  return {
    files: [{ path: 'aks-cluster.sh', text: aksScript(profile, retention), description: 'az CLI cluster creation and diagnostic settings' }],
    controls: cis('1.2.16', '1.2.27', '1.2.28', '3.1.1'),
    why: `AKS runs the control plane: the hardening is a private cluster, Entra ID authentication with Azure RBAC and no local accounts, Key Vault KMS for etcd, Workload Identity, Azure network policy, automatic upgrades, and the kube-audit logs in Log Analytics kept ${retention} days (730 days interactive at most; use long-term retention beyond that).`,
    apply: 'Set the variables at the top of aks-cluster.sh and run it. For an existing cluster, the same settings are `az aks update` flags (--enable-azure-keyvault-kms, --disable-local-accounts, --enable-azure-rbac) plus the diagnostic setting.',
    verify: '`az aks show -g RG -n NAME --query "{kms:securityProfile.azureKeyVaultKms.enabled,local:disableLocalAccounts,private:apiServerAccessProfile.enablePrivateCluster}"` prints true for all three; AKSAudit rows appear in the workspace.',
    rollback: '`az aks update` reverses each setting (--disable-azure-keyvault-kms keeps Secrets readable while it decrypts); a private cluster cannot become public again.',
    risks: [
      '--disable-local-accounts removes the cluster-admin kubeconfig: make sure the Entra ID admin group works first.',
      'A private cluster cuts off kubectl and CI outside the virtual network.',
    ],
  };
}

/**
 * The cluster-hardening deliverable.
 *
 * @example
 * const deliverable = generateClusterHardening({ profile, inventory, randomBytes });
 */
export const generateClusterHardening: DeliverableGenerator = (context) => {
  const { profile } = context;
  const retention = auditRetention(profile);
  const part = isCloud(profile.distribution) ? managedDistribution(profile, retention) : selfManaged(profile, retention);
  const cloud = isCloud(profile.distribution);
  const encryption = encryptionConfiguration(profile.distribution, context.randomBytes) as unknown as JsonObject;
  const files: GeneratedFile[] = [
    ...part.files,
    {
      path: 'audit-policy.yaml',
      manifests: [auditPolicy() as unknown as JsonObject],
      description: cloud ? 'audit Policy (reference: the provider fixes the managed audit policy; use it to filter the exported logs or for self-managed clusters)' : `audit Policy (to ${CONTROL_PLANE_PATHS.auditPolicy})`,
    },
    cloud
      ? { path: ENCRYPTION_FILE, manifests: [encryption], description: 'EncryptionConfiguration with KMS v2 (reference: the provider applies it through the setting above)' }
      : { path: ENCRYPTION_FILE, manifests: [encryption], description: `EncryptionConfiguration with a secretbox key generated for this bundle (to ${CONTROL_PLANE_PATHS.encryptionConfig})`, sensitive: true },
  ];
  const deliverable: Deliverable = {
    id: 'cluster-hardening',
    title: 'Cluster hardening',
    files,
    readme: {
      what: `Control-plane and node hardening for ${profile.distribution} ${profile.kubernetesVersion}: ${cloud ? 'the managed service\'s security settings' : 'API server, controller manager, scheduler, etcd and kubelet configuration'}, an audit Policy and an EncryptionConfiguration for Secrets at rest.${cloud ? '' : ` ${ENCRYPTION_FILE} holds a key generated at run time (written with mode 0600): move it to ${CONTROL_PLANE_PATHS.encryptionConfig} on each control-plane node, keep a copy in your secrets manager, and delete the local copy.`}`,
      why: part.why,
      apply: part.apply,
      verify: part.verify,
      rollback: part.rollback,
    },
    controls: [...part.controls, ...COMMON_CONTROLS],
    phase: 1,
    risks: part.risks,
  };
  return deliverable;
};
