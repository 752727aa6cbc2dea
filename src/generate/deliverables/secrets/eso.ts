/**
 * Typed builders for the External Secrets Operator objects (`external-secrets.io/v1`): a
 * namespaced SecretStore per namespace authenticated with workload identity (no static cloud
 * credentials anywhere), its ServiceAccount, and an ExternalSecret per Secret the workloads use.
 *
 * One remote secret per Kubernetes Secret, holding a JSON object of its keys, named
 * `<cluster>/<namespace>/<secret>` (Vault, AWS) or `<cluster>-<namespace>-<secret>` (GCP and
 * Azure, whose secret names allow no slash). The shared schemas have no ESO CRD, so these
 * interfaces are the contract the tests hold the objects to.
 */
import type { JsonObject } from '../../../model/types.js';
import type { SecretsBackend } from '../../types.js';
import { objectMeta } from '../admission/common.js';
import type { SecretUse } from './references.js';

export const ESO_API_VERSION = 'external-secrets.io/v1';
export const STORE_SERVICE_ACCOUNT = 'external-secrets';
/** How often ESO re-reads the backend: the upper bound on how long a rotated value takes to arrive. */
export const REFRESH_INTERVAL = '1h';

export interface ServiceAccountRef {
  name: string;
}

export type SecretStoreProvider =
  | { vault: { server: string; path: string; version: 'v2'; auth: { kubernetes: { mountPath: string; role: string; serviceAccountRef: ServiceAccountRef } } } }
  | { aws: { service: 'SecretsManager'; region: string; auth: { jwt: { serviceAccountRef: ServiceAccountRef } } } }
  | { gcpsm: { projectID: string; auth: { workloadIdentity: { clusterLocation: string; clusterName: string; serviceAccountRef: ServiceAccountRef } } } }
  | { azurekv: { vaultUrl: string; authType: 'WorkloadIdentity'; serviceAccountRef: ServiceAccountRef } };

export interface SecretStore {
  apiVersion: typeof ESO_API_VERSION;
  kind: 'SecretStore';
  metadata: JsonObject;
  spec: { provider: SecretStoreProvider };
}

export interface ExternalSecretData {
  secretKey: string;
  remoteRef: { key: string; property: string };
}

export interface ExternalSecret {
  apiVersion: typeof ESO_API_VERSION;
  kind: 'ExternalSecret';
  metadata: JsonObject;
  spec: {
    refreshInterval: string;
    secretStoreRef: { kind: 'SecretStore'; name: string };
    target: { name: string; creationPolicy: 'Owner'; deletionPolicy: 'Retain' };
    data?: ExternalSecretData[];
    dataFrom?: Array<{ extract: { key: string } }>;
  };
}

/** Placeholders the team fills in; never a real account, key or address. */
export const PLACEHOLDERS = {
  vaultServer: 'https://vault.REPLACE-ME.example:8200',
  awsRegion: 'REPLACE-WITH-AWS-REGION',
  awsAccount: 'REPLACE-WITH-AWS-ACCOUNT-ID',
  gcpProject: 'REPLACE-WITH-GCP-PROJECT-ID',
  gcpLocation: 'REPLACE-WITH-CLUSTER-LOCATION',
  azureVault: 'https://REPLACE-WITH-KEY-VAULT-NAME.vault.azure.net',
  azureClientId: 'REPLACE-WITH-MANAGED-IDENTITY-CLIENT-ID',
  azureTenantId: 'REPLACE-WITH-TENANT-ID',
} as const;

/**
 * @example
 * storeName('vault'); // 'rampart-vault'
 */
export function storeName(backend: SecretsBackend): string {
  return `rampart-${backend}`;
}

/**
 * The cloud identity a namespace's ServiceAccount maps to.
 *
 * @example
 * cloudIdentityName('demo', 'payments'); // 'eso-payments'
 */
export function cloudIdentityName(cluster: string, namespace: string): string {
  // GCP service-account ids are at most 30 characters.
  return `eso-${namespace}`.slice(0, 30).replace(/-+$/, '') || `eso-${cluster}`.slice(0, 30);
}

/**
 * The backend's name for the remote secret behind a Kubernetes Secret.
 *
 * @example
 * remoteKey('gcp', 'demo', 'shop', 'cart-db'); // 'demo-shop-cart-db'
 */
export function remoteKey(backend: SecretsBackend, cluster: string, namespace: string, secret: string): string {
  return backend === 'vault' || backend === 'aws' ? `${cluster}/${namespace}/${secret}` : `${cluster}-${namespace}-${secret}`.replace(/[^A-Za-z0-9-]/g, '-');
}

/**
 * The ServiceAccount ESO authenticates as in one namespace, annotated for the backend's
 * workload identity. No token is mounted: ESO requests short-lived tokens itself.
 *
 * @example
 * storeServiceAccount('aws', 'demo', 'shop').metadata.annotations; // { 'eks.amazonaws.com/role-arn': … }
 */
export function storeServiceAccount(backend: SecretsBackend, cluster: string, namespace: string): JsonObject {
  const identity = cloudIdentityName(cluster, namespace);
  const annotations: Record<string, string> = {};
  if (backend === 'aws') annotations['eks.amazonaws.com/role-arn'] = `arn:aws:iam::${PLACEHOLDERS.awsAccount}:role/${cluster}-${identity}`;
  if (backend === 'gcp') annotations['iam.gke.io/gcp-service-account'] = `${identity}@${PLACEHOLDERS.gcpProject}.iam.gserviceaccount.com`;
  if (backend === 'azure') {
    annotations['azure.workload.identity/client-id'] = PLACEHOLDERS.azureClientId;
    annotations['azure.workload.identity/tenant-id'] = PLACEHOLDERS.azureTenantId;
  }
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: objectMeta(STORE_SERVICE_ACCOUNT, namespace, {}, annotations), automountServiceAccountToken: false };
}

function provider(backend: SecretsBackend, cluster: string, namespace: string): SecretStoreProvider {
  const serviceAccountRef = { name: STORE_SERVICE_ACCOUNT };
  switch (backend) {
    case 'vault':
      return { vault: { server: PLACEHOLDERS.vaultServer, path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: `${cluster}-${namespace}`, serviceAccountRef } } } };
    case 'aws':
      return { aws: { service: 'SecretsManager', region: PLACEHOLDERS.awsRegion, auth: { jwt: { serviceAccountRef } } } };
    case 'gcp':
      return { gcpsm: { projectID: PLACEHOLDERS.gcpProject, auth: { workloadIdentity: { clusterLocation: PLACEHOLDERS.gcpLocation, clusterName: cluster, serviceAccountRef } } } };
    case 'azure':
      return { azurekv: { vaultUrl: PLACEHOLDERS.azureVault, authType: 'WorkloadIdentity', serviceAccountRef } };
  }
}

/**
 * The namespace's SecretStore.
 *
 * @example
 * secretStore('vault', 'demo', 'shop').spec.provider; // { vault: { … auth: { kubernetes: … } } }
 */
export function secretStore(backend: SecretsBackend, cluster: string, namespace: string): SecretStore {
  return { apiVersion: ESO_API_VERSION, kind: 'SecretStore', metadata: objectMeta(storeName(backend), namespace), spec: { provider: provider(backend, cluster, namespace) } };
}

/**
 * The ExternalSecret that replaces one Secret: named keys when every use names its key, the
 * whole remote object otherwise.
 *
 * @example
 * externalSecret('vault', 'demo', use).spec.data; // [{ secretKey: 'password', remoteRef: { key: 'demo/shop/cart-db', property: 'password' } }]
 */
export function externalSecret(backend: SecretsBackend, cluster: string, use: SecretUse): ExternalSecret {
  const key = remoteKey(backend, cluster, use.namespace, use.name);
  const spec: ExternalSecret['spec'] = {
    refreshInterval: REFRESH_INTERVAL,
    secretStoreRef: { kind: 'SecretStore', name: storeName(backend) },
    target: { name: use.name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
  };
  if (use.whole || use.keys.length === 0) spec.dataFrom = [{ extract: { key } }];
  else spec.data = use.keys.map((k) => ({ secretKey: k, remoteRef: { key, property: k } }));
  return {
    apiVersion: ESO_API_VERSION,
    kind: 'ExternalSecret',
    metadata: objectMeta(use.name, use.namespace, {}, { 'rampart.dev/used-by': use.usedBy.join(', ') }),
    spec,
  };
}

/**
 * A typed object as the JsonObject a GeneratedFile holds (the interfaces only narrow JSON).
 *
 * @example
 * asJson(secretStore('aws', 'demo', 'shop'));
 */
export function asJson(value: SecretStore | ExternalSecret): JsonObject {
  return value as unknown as JsonObject;
}

/**
 * What the backend must grant each namespace's identity: read access to that namespace's
 * secrets only.
 *
 * @example
 * backendAccess('vault', 'demo', ['shop']); // Vault policy HCL and role commands
 */
export function backendAccess(backend: SecretsBackend, cluster: string, namespaces: readonly string[]): { path: string; text: string } {
  switch (backend) {
    case 'vault':
      return {
        path: 'backend/vault.sh',
        text: [
          '# Vault: one read-only policy and one Kubernetes-auth role per namespace. Run with VAULT_ADDR and a token allowed to manage policies.',
          'set -eu',
          ...namespaces.flatMap((ns) => [
            `vault policy write ${cluster}-${ns} - <<'POLICY'`,
            `path "secret/data/${cluster}/${ns}/*" { capabilities = ["read"] }`,
            `path "secret/metadata/${cluster}/${ns}/*" { capabilities = ["read", "list"] }`,
            'POLICY',
            `vault write auth/kubernetes/role/${cluster}-${ns} bound_service_account_names=${STORE_SERVICE_ACCOUNT} bound_service_account_namespaces=${ns} policies=${cluster}-${ns} ttl=15m`,
          ]),
          '',
        ].join('\n'),
      };
    case 'aws':
      return {
        path: 'backend/aws.sh',
        text: [
          '# AWS: an IAM role per namespace for IRSA (EKS) that may read only that namespace\'s secrets. Set OIDC_PROVIDER (the cluster\'s issuer without https://).',
          'set -eu',
          ...namespaces.flatMap((ns) => {
            const role = `${cluster}-${cloudIdentityName(cluster, ns)}`;
            const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${PLACEHOLDERS.awsAccount}:oidc-provider/\${OIDC_PROVIDER}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { '${OIDC_PROVIDER}:sub': `system:serviceaccount:${ns}:${STORE_SERVICE_ACCOUNT}`, '${OIDC_PROVIDER}:aud': 'sts.amazonaws.com' } } }] };
            const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: `arn:aws:secretsmanager:${PLACEHOLDERS.awsRegion}:${PLACEHOLDERS.awsAccount}:secret:${cluster}/${ns}/*` }] };
            return [
              `aws iam create-role --role-name ${role} --assume-role-policy-document "${JSON.stringify(trust).replace(/"/g, '\\"')}"`,
              `aws iam put-role-policy --role-name ${role} --policy-name read-${ns}-secrets --policy-document '${JSON.stringify(policy)}'`,
            ];
          }),
          '',
        ].join('\n'),
      };
    case 'gcp':
      return {
        path: 'backend/gcp.sh',
        text: [
          '# GCP: a Google service account per namespace, bound to the Kubernetes ServiceAccount through Workload Identity, with read access to that namespace\'s secrets only.',
          'set -eu',
          `PROJECT=${PLACEHOLDERS.gcpProject}`,
          ...namespaces.flatMap((ns) => {
            const gsa = cloudIdentityName(cluster, ns);
            return [
              `gcloud iam service-accounts create ${gsa} --project "$PROJECT"`,
              `gcloud iam service-accounts add-iam-policy-binding ${gsa}@$PROJECT.iam.gserviceaccount.com --role roles/iam.workloadIdentityUser --member "serviceAccount:$PROJECT.svc.id.goog[${ns}/${STORE_SERVICE_ACCOUNT}]"`,
              `gcloud projects add-iam-policy-binding "$PROJECT" --role roles/secretmanager.secretAccessor --member "serviceAccount:${gsa}@$PROJECT.iam.gserviceaccount.com" --condition 'expression=resource.name.startsWith("projects/'"$PROJECT"'/secrets/${cluster}-${ns}-"),title=${cluster}-${ns}-secrets'`,
            ];
          }),
          '',
        ].join('\n'),
      };
    case 'azure':
      return {
        path: 'backend/azure.sh',
        text: [
          '# Azure: a user-assigned managed identity per namespace, federated with the Kubernetes ServiceAccount (Workload Identity), with the Key Vault Secrets User role. Set RESOURCE_GROUP, OIDC_ISSUER and KEY_VAULT_ID.',
          'set -eu',
          ...namespaces.flatMap((ns) => {
            const identity = cloudIdentityName(cluster, ns);
            return [
              `az identity create --name ${identity} --resource-group "$RESOURCE_GROUP"`,
              `az identity federated-credential create --name ${identity} --identity-name ${identity} --resource-group "$RESOURCE_GROUP" --issuer "$OIDC_ISSUER" --subject system:serviceaccount:${ns}:${STORE_SERVICE_ACCOUNT} --audiences api://AzureADTokenExchange`,
              `az role assignment create --role "Key Vault Secrets User" --assignee "$(az identity show --name ${identity} --resource-group "$RESOURCE_GROUP" --query principalId -o tsv)" --scope "$KEY_VAULT_ID"`,
            ];
          }),
          '# Put each identity\'s client id into the azure.workload.identity/client-id annotation of its namespace\'s external-secrets ServiceAccount.',
          '',
        ].join('\n'),
      };
  }
}
