/**
 * Managed control planes: the provider owns the API server flags, so hardening is the provider's
 * settings — an eksctl ClusterConfig for EKS, gcloud flags for GKE, az CLI for AKS. Values that
 * only the operator knows (account, project, key ids, network ranges) are shell variables or
 * placeholders in capitals that the README lists.
 */
import type { JsonObject } from '../../../model/types.js';
import type { Profile } from '../../types.js';

/** CloudWatch Logs accepts only these retention periods (days). */
const CLOUDWATCH_RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * The shortest CloudWatch retention at least as long as `days`.
 *
 * @example
 * cloudWatchRetention(2190); // 2192
 */
export function cloudWatchRetention(days: number): number {
  return CLOUDWATCH_RETENTION.find((d) => d >= days) ?? 3653;
}

/**
 * eksctl ClusterConfig (eksctl.io/v1alpha5): KMS envelope encryption of Secrets, a private API
 * endpoint, every control-plane log type, IRSA, access entries, private nodes with IMDSv2 only.
 *
 * @example
 * eksctlClusterConfig(profile, 365).secretsEncryption;
 */
export function eksctlClusterConfig(profile: Profile, retentionDays: number): JsonObject {
  return {
    apiVersion: 'eksctl.io/v1alpha5',
    kind: 'ClusterConfig',
    metadata: { name: profile.clusterName, region: 'AWS_REGION', version: profile.kubernetesVersion },
    iam: { withOIDC: true },
    accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
    secretsEncryption: { keyARN: 'arn:aws:kms:AWS_REGION:AWS_ACCOUNT_ID:key/KMS_KEY_ID' },
    vpc: { clusterEndpoints: { privateAccess: true, publicAccess: false } },
    cloudWatch: {
      clusterLogging: { enableTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], logRetentionInDays: cloudWatchRetention(retentionDays) },
    },
    managedNodeGroups: [
      {
        name: `${profile.clusterName}-private`,
        privateNetworking: true,
        disableIMDSv1: true,
        volumeEncrypted: true,
        amiFamily: 'AmazonLinux2023',
      },
    ],
  };
}

/**
 * EKS field checks (no published JSON Schema is used for eksctl).
 *
 * @example
 * validateEksctlClusterConfig(parse(text)); // []
 */
export function validateEksctlClusterConfig(value: unknown): string[] {
  const v = value as Record<string, Record<string, unknown>>;
  const problems: string[] = [];
  if (v?.['apiVersion'] !== ('eksctl.io/v1alpha5' as unknown)) problems.push('apiVersion must be eksctl.io/v1alpha5');
  if (v?.['kind'] !== ('ClusterConfig' as unknown)) problems.push('kind must be ClusterConfig');
  if (typeof v?.['metadata']?.['name'] !== 'string' || typeof v['metadata']['region'] !== 'string') problems.push('metadata needs name and region');
  if (typeof v?.['secretsEncryption']?.['keyARN'] !== 'string') problems.push('secretsEncryption.keyARN is required');
  const endpoints = (v?.['vpc'] as Record<string, Record<string, unknown>> | undefined)?.['clusterEndpoints'];
  if (endpoints?.['privateAccess'] !== true || endpoints['publicAccess'] !== false) problems.push('the API endpoint must be private only');
  const logging = (v?.['cloudWatch'] as Record<string, Record<string, unknown>> | undefined)?.['clusterLogging'];
  if (!Array.isArray(logging?.['enableTypes']) || !(logging['enableTypes'] as unknown[]).includes('audit')) problems.push('cloudWatch.clusterLogging.enableTypes must include audit');
  if (!CLOUDWATCH_RETENTION.includes(logging?.['logRetentionInDays'] as number)) problems.push('logRetentionInDays must be a CloudWatch retention value');
  return problems;
}

/**
 * A gcloud script creating a hardened GKE cluster: private nodes and endpoint, application-layer
 * Secrets encryption with Cloud KMS, Workload Identity, Shielded Nodes, Dataplane V2 (network
 * policy enforcement), API server and workload logging, and the log bucket's retention.
 *
 * @example
 * writeFileSync('gke-cluster.sh', gkeScript(profile, 365));
 */
export function gkeScript(profile: Profile, retentionDays: number): string {
  return `#!/usr/bin/env bash
# Creates the GKE cluster ${profile.clusterName} with the bundle's control-plane settings.
# Set the variables below first; nothing here has a default you should keep blindly.
set -euo pipefail

PROJECT_ID="\${PROJECT_ID:?set PROJECT_ID}"
REGION="\${REGION:?set REGION, e.g. europe-west1}"
NETWORK="\${NETWORK:?set NETWORK}"
SUBNETWORK="\${SUBNETWORK:?set SUBNETWORK}"
MASTER_CIDR="\${MASTER_CIDR:-172.16.0.32/28}"
AUTHORIZED_NETWORKS="\${AUTHORIZED_NETWORKS:?set AUTHORIZED_NETWORKS, the CIDRs allowed to reach the API server}"
KMS_KEY="projects/\${PROJECT_ID}/locations/\${REGION}/keyRings/\${KMS_KEYRING:?set KMS_KEYRING}/cryptoKeys/\${KMS_KEY_NAME:?set KMS_KEY_NAME}"

gcloud container clusters create "${profile.clusterName}" \\
  --project "\${PROJECT_ID}" \\
  --region "\${REGION}" \\
  --cluster-version "${profile.kubernetesVersion}" \\
  --release-channel regular \\
  --network "\${NETWORK}" \\
  --subnetwork "\${SUBNETWORK}" \\
  --enable-ip-alias \\
  --enable-private-nodes \\
  --enable-private-endpoint \\
  --master-ipv4-cidr "\${MASTER_CIDR}" \\
  --enable-master-authorized-networks \\
  --master-authorized-networks "\${AUTHORIZED_NETWORKS}" \\
  --database-encryption-key "\${KMS_KEY}" \\
  --workload-pool "\${PROJECT_ID}.svc.id.goog" \\
  --enable-shielded-nodes \\
  --shielded-secure-boot \\
  --shielded-integrity-monitoring \\
  --enable-dataplane-v2 \\
  --no-enable-basic-auth \\
  --no-issue-client-certificate \\
  --logging SYSTEM,WORKLOAD,API_SERVER \\
  --monitoring SYSTEM \\
  --workload-metadata GKE_METADATA \\
  --enable-autoupgrade \\
  --enable-autorepair

# Admin Activity audit logs are always on; Data Access audit logs for the Kubernetes API are
# enabled in the project's IAM audit configuration (see README). Keep them ${retentionDays} days:
gcloud logging buckets update _Default --location global --project "\${PROJECT_ID}" --retention-days ${Math.min(Math.max(retentionDays, 1), 3650)}
`;
}

/**
 * An az CLI script creating a hardened AKS cluster: private cluster, Entra ID with Azure RBAC and
 * no local accounts, Key Vault KMS for etcd, Workload Identity, Azure network policy, automatic
 * upgrades, and diagnostic settings sending the audit logs to Log Analytics with the retention.
 *
 * @example
 * writeFileSync('aks-cluster.sh', aksScript(profile, 365));
 */
export function aksScript(profile: Profile, retentionDays: number): string {
  return `#!/usr/bin/env bash
# Creates the AKS cluster ${profile.clusterName} with the bundle's control-plane settings.
set -euo pipefail

RESOURCE_GROUP="\${RESOURCE_GROUP:?set RESOURCE_GROUP}"
LOCATION="\${LOCATION:?set LOCATION, e.g. westeurope}"
KEY_ID="\${KEY_ID:?set KEY_ID, the Key Vault key identifier (https://VAULT.vault.azure.net/keys/NAME/VERSION)}"
WORKSPACE_ID="\${WORKSPACE_ID:?set WORKSPACE_ID, the Log Analytics workspace resource id}"
ADMIN_GROUP_ID="\${ADMIN_GROUP_ID:?set ADMIN_GROUP_ID, the Entra ID group of cluster administrators}"

az aks create \\
  --resource-group "\${RESOURCE_GROUP}" \\
  --name "${profile.clusterName}" \\
  --location "\${LOCATION}" \\
  --kubernetes-version "${profile.kubernetesVersion}" \\
  --enable-private-cluster \\
  --enable-aad \\
  --enable-azure-rbac \\
  --aad-admin-group-object-ids "\${ADMIN_GROUP_ID}" \\
  --disable-local-accounts \\
  --enable-azure-keyvault-kms \\
  --azure-keyvault-kms-key-id "\${KEY_ID}" \\
  --azure-keyvault-kms-key-vault-network-access Public \\
  --enable-oidc-issuer \\
  --enable-workload-identity \\
  --network-plugin azure \\
  --network-policy azure \\
  --auto-upgrade-channel patch \\
  --node-os-upgrade-channel NodeImage \\
  --generate-ssh-keys

CLUSTER_ID="$(az aks show --resource-group "\${RESOURCE_GROUP}" --name "${profile.clusterName}" --query id --output tsv)"

# Control-plane and audit logs to Log Analytics.
az monitor diagnostic-settings create \\
  --name rampart-audit \\
  --resource "\${CLUSTER_ID}" \\
  --workspace "\${WORKSPACE_ID}" \\
  --logs '[{"category":"kube-audit-admin","enabled":true},{"category":"kube-audit","enabled":true},{"category":"kube-apiserver","enabled":true},{"category":"guard","enabled":true},{"category":"kube-controller-manager","enabled":true}]'

# Interactive retention is at most 730 days; longer retention goes to the workspace's long-term retention (see README).
az monitor log-analytics workspace update --ids "\${WORKSPACE_ID}" --retention-time ${Math.min(Math.max(retentionDays, 30), 730)}
`;
}
