/**
 * Deliverable 6, secrets: External Secrets Operator stores for the profile's backend with
 * workload identity, an ExternalSecret (names and keys, never values) for every Secret the
 * inventory's workloads use, rotation through `refreshInterval`, and patches that mount those
 * Secrets as files instead of environment variables.
 */
import type { Deliverable, DeliverableGenerator, GeneratedFile, SecretsBackend } from '../../types.js';
import { checkControls, controls, markdownTable, mergeControls, uniqueSorted, workloads } from '../admission/common.js';
import { REFRESH_INTERVAL, asJson, backendAccess, externalSecret, remoteKey, secretStore, storeName, storeServiceAccount } from './eso.js';
import { secretsAsFilesPatch, type WorkloadPatch } from './patches.js';
import { secretUses, type SecretUse } from './references.js';

export { secretUses, type SecretUse } from './references.js';
export { secretsAsFilesPatch, SECRET_MOUNT_ROOT, type JsonPatchOp, type WorkloadPatch } from './patches.js';
export { ESO_API_VERSION, REFRESH_INTERVAL, externalSecret, secretStore, storeServiceAccount, remoteKey } from './eso.js';

const BACKEND_NAMES: Readonly<Record<SecretsBackend, string>> = {
  vault: 'HashiCorp Vault (KV v2, Kubernetes auth)',
  aws: 'AWS Secrets Manager (IRSA)',
  gcp: 'Google Secret Manager (GKE Workload Identity)',
  azure: 'Azure Key Vault (Azure Workload Identity)',
};

function patchPath(patch: WorkloadPatch): string {
  return `patches/${patch.workload.namespace}/${patch.workload.resource.kind.toLowerCase()}-${patch.workload.resource.name}.json`;
}

function summary(uses: readonly SecretUse[], backend: SecretsBackend, cluster: string, patches: readonly WorkloadPatch[]): string {
  const rows = uses.map((u) => [u.namespace, u.name, u.whole ? 'all keys' : u.keys.join(', '), remoteKey(backend, cluster, u.namespace, u.name), u.usedBy.join(', ')]);
  const patchRows = patches.map((p) => [`${p.workload.namespace}/${p.workload.resource.name} (${p.workload.resource.kind})`, patchPath(p), p.renamed.length > 0 ? p.renamed.join(', ') : 'envFrom removed; whole Secret mounted']);
  return [
    '# Secrets in the inventory',
    '',
    uses.length > 0 ? markdownTable(['Namespace', 'Secret', 'Keys used', 'Remote secret', 'Used by'], rows) : '_No workload in the inventory references a Secret._',
    '',
    '## Workloads that take Secrets through environment variables',
    '',
    patchRows.length > 0 ? markdownTable(['Workload', 'Patch', 'Environment changes'], patchRows) : '_None: every Secret is already mounted as a file._',
    '',
  ].join('\n');
}

/**
 * Generates the secrets deliverable.
 *
 * @example
 * const deliverable = generateSecrets({ profile, inventory, randomBytes });
 */
export const generateSecrets: DeliverableGenerator = ({ profile, inventory }): Deliverable => {
  const backend = profile.secretsBackend;
  const cluster = profile.clusterName;
  const uses = secretUses(inventory);
  const namespaces = uniqueSorted(uses.map((u) => u.namespace));
  const patches = workloads(inventory)
    .map(secretsAsFilesPatch)
    .filter((p): p is WorkloadPatch => p !== undefined);
  const files: GeneratedFile[] = [];
  for (const ns of namespaces) {
    files.push({ path: `stores/${ns}.yaml`, manifests: [storeServiceAccount(backend, cluster, ns), asJson(secretStore(backend, cluster, ns))] });
    files.push({ path: `external-secrets/${ns}.yaml`, manifests: uses.filter((u) => u.namespace === ns).map((u) => asJson(externalSecret(backend, cluster, u))) });
  }
  for (const patch of patches) files.push({ path: patchPath(patch), text: `${JSON.stringify(patch.ops, null, 2)}\n` });
  if (namespaces.length > 0) files.push(backendAccess(backend, cluster, namespaces));
  files.push({ path: 'secrets.md', text: summary(uses, backend, cluster, patches) });

  const patchCommands = patches.map((p) => `kubectl patch ${p.workload.resource.kind.toLowerCase()} ${p.workload.resource.name} -n ${p.workload.namespace} --type json --patch-file ${patchPath(p)}`);
  const risks = [
    'ExternalSecrets take ownership of the Secrets they name (creationPolicy Owner): once synced, values come from the backend, and a Secret still committed to Git would be overwritten on the next sync — remove Secret manifests from Git first.',
    'The workload patches rename each secret environment variable NAME to NAME_FILE holding a file path: the application must read the file (many images support *_FILE variables); deploy the code change together with the patch.',
    'Workloads restart when patched (the pod template changes); roll out per namespace outside peak hours.',
    `A value rotated in the backend reaches the Secret within ${REFRESH_INTERVAL} and mounted files within about a minute after that; applications that read a file only at start need a restart (or a reloader) to pick it up.`,
  ];
  if (backend === 'azure') risks.push('Azure Key Vault grants access per vault: for isolation between namespaces, use one Key Vault per namespace or tenant (one SecretStore per namespace is generated for that).');
  if (backend === 'aws' && profile.distribution !== 'eks') risks.push(`IRSA is an EKS feature; on ${profile.distribution} use the ESO AWS provider with a web-identity token from your own OIDC issuer.`);
  if (backend === 'gcp' && profile.distribution !== 'gke') risks.push(`GKE Workload Identity needs GKE; on ${profile.distribution} use Workload Identity Federation with the cluster's OIDC issuer.`);
  if (uses.length === 0) risks.push('The inventory references no Secret, so no store or ExternalSecret was generated: rerun with the manifests that use Secrets.');

  return {
    id: 'secrets',
    title: 'Secrets management',
    files,
    readme: {
      what: `Secrets move out of manifests and into ${BACKEND_NAMES[backend]}: per namespace a SecretStore (stores/) that authenticates with workload identity — no static credential anywhere — and an ExternalSecret (external-secrets/) for each of the ${uses.length} Secrets the workloads use, refreshed every ${REFRESH_INTERVAL}. ${patches.length} workloads get a patch (patches/) that mounts their Secrets as read-only files under /var/run/secrets/rampart/<secret>/ instead of environment variables. backend/ grants each namespace's identity read access to its own secrets only; secrets.md lists every Secret and patch. Encryption of Secrets at rest in etcd is part of the cluster-hardening deliverable.`,
      why: 'Secrets committed to manifests leak through Git history, CI logs and every clone; environment variables leak through child processes, crash dumps and /proc. An external store gives one place to audit access and rotate, with per-namespace identities so a compromised namespace reads only its own secrets; mounted files can change without a restart.',
      apply: `1. Install the External Secrets Operator (0.17 or later, for external-secrets.io/v1): \`helm install external-secrets external-secrets/external-secrets -n external-secrets --create-namespace\`.\n2. Create the per-namespace identities and access in the backend: review and run \`sh ${backendAccess(backend, cluster, namespaces.length > 0 ? namespaces : ['example']).path}\` (fill in the REPLACE-WITH placeholders, also in stores/).\n3. Copy each Secret's keys into the remote secret named in secrets.md (a JSON object of keys).\n4. Apply the stores, then the ExternalSecrets:\n\n\`\`\`sh\nkubectl apply -f stores/\nkubectl apply -f external-secrets/\n\`\`\`\n\n5. Once the application reads *_FILE paths, patch the workloads:\n\n\`\`\`sh\n${patchCommands.length > 0 ? patchCommands.join('\n') : '# no workload takes Secrets through its environment'}\n\`\`\``,
      verify: `\`\`\`sh\nkubectl get secretstores,externalsecrets -A -l app.kubernetes.io/managed-by=rampart   # READY True, STATUS SecretSynced\nkubectl describe externalsecret <name> -n <namespace>   # last sync time and errors\nrampart scan <manifests> --format json | grep -c secrets.secret-in-env   # 0 after the patches\n\`\`\``,
      rollback: `Delete the ExternalSecrets with \`kubectl delete -f external-secrets/\`: deletionPolicy Retain keeps the synced Secrets in place, so workloads keep running. Revert a workload patch by re-applying the workload's previous manifest (\`kubectl rollout undo ${patches[0] ? `${patches[0].workload.resource.kind.toLowerCase()}/${patches[0].workload.resource.name} -n ${patches[0].workload.namespace}` : 'deployment/<name>'}\`).`,
    },
    controls: mergeControls(
      checkControls(['secrets']),
      controls('cis-k8s', '5.4.1', '5.4.2'),
      controls('nsa-cisa', 'secrets'),
      controls('pci-dss', '8.6.2', '8.6.3', '3.6.1'),
      controls('soc2', 'CC6.1'),
      controls('hipaa', '164.312(a)(1)', '164.312(a)(2)(iv)'),
      controls('mitre-attack', 'T1552', 'T1552.001', 'T1552.007'),
    ),
    phase: 6,
    risks,
  };
};

/** The name of the SecretStore every ExternalSecret of a backend points to. */
export { storeName };
