/**
 * The cost table of PLAN.md: which managed services the bundle relies on per distribution, and
 * the open-source components it installs. No prices are stated — they change and depend on
 * region and volume — only who bills them.
 */
import type { DeliverableId, Profile } from './types.js';

export interface CostRow {
  component: string;
  deliverables: DeliverableId[];
  kind: 'managed service' | 'open source' | 'self-operated';
  cost: string;
}

const BILLED = 'billed by the provider; see its pricing page';
const FREE = 'no licence cost (open source); runs on your nodes';

function managed(profile: Profile): CostRow[] {
  const row = (component: string, deliverables: DeliverableId[]): CostRow => ({ component, deliverables, kind: 'managed service', cost: BILLED });
  switch (profile.distribution) {
    case 'eks':
      return [
        row('AWS KMS customer managed key (envelope encryption of Secrets)', ['cluster-hardening', 'secrets']),
        row('Amazon CloudWatch Logs ingestion and storage (EKS control-plane and audit logs)', ['cluster-hardening', 'monitoring']),
        row('Amazon GuardDuty EKS Protection / Runtime Monitoring (optional, complements Falco)', ['runtime']),
        ...(profile.secretsBackend === 'aws' ? [row('AWS Secrets Manager (External Secrets backend)', ['secrets'] as DeliverableId[])] : []),
      ];
    case 'gke':
      return [
        row('Cloud KMS key (application-layer Secrets encryption)', ['cluster-hardening', 'secrets']),
        row('Cloud Logging ingestion and retention beyond the default bucket (audit logs)', ['cluster-hardening', 'monitoring']),
        ...(profile.secretsBackend === 'gcp' ? [row('Google Secret Manager (External Secrets backend)', ['secrets'] as DeliverableId[])] : []),
      ];
    case 'aks':
      return [
        row('Azure Key Vault key (KMS etcd encryption)', ['cluster-hardening', 'secrets']),
        row('Azure Monitor Log Analytics workspace ingestion and retention (diagnostic and audit logs)', ['cluster-hardening', 'monitoring']),
        row('Microsoft Defender for Containers (optional, complements Falco)', ['runtime']),
        ...(profile.secretsBackend === 'azure' ? [row('Azure Key Vault secrets (External Secrets backend)', ['secrets'] as DeliverableId[])] : []),
      ];
    default:
      return [
        {
          component: 'Audit-log storage for the retention period (your log platform)',
          deliverables: ['cluster-hardening', 'monitoring'],
          kind: 'self-operated',
          cost: 'storage you operate; no licence cost from Rampart',
        },
        ...(profile.secretsBackend === 'aws' || profile.secretsBackend === 'gcp' || profile.secretsBackend === 'azure'
          ? [row(`${{ aws: 'AWS Secrets Manager', gcp: 'Google Secret Manager', azure: 'Azure Key Vault' }[profile.secretsBackend]} (External Secrets backend)`, ['secrets'] as DeliverableId[])]
          : []),
      ];
  }
}

/**
 * The rows for a profile, restricted to the deliverables present in the bundle.
 *
 * @example
 * costRows(profile, ['cluster-hardening']).map((r) => r.component);
 */
export function costRows(profile: Profile, present: readonly DeliverableId[]): CostRow[] {
  const open = (component: string, deliverables: DeliverableId[]): CostRow => ({ component, deliverables, kind: 'open source', cost: FREE });
  const engine = { kyverno: 'Kyverno (Apache-2.0)', gatekeeper: 'OPA Gatekeeper (Apache-2.0)', vap: 'ValidatingAdmissionPolicy (built into Kubernetes)' }[profile.policyEngine];
  const rows: CostRow[] = [
    ...managed(profile),
    ...(profile.secretsBackend === 'vault'
      ? [
          {
            component: 'HashiCorp Vault (self-hosted)',
            deliverables: ['secrets'] as DeliverableId[],
            kind: 'self-operated' as const,
            cost: 'source-available (BUSL-1.1): no licence fee for running it yourself, check its terms; a managed Vault is billed by its provider',
          },
        ]
      : []),
    open(engine, ['admission', 'image-security']),
    open('External Secrets Operator (Apache-2.0)', ['secrets']),
    open('Falco (Apache-2.0)', ['runtime']),
    open('Prometheus and Grafana (Apache-2.0 and AGPL-3.0)', ['monitoring']),
    open('cosign, Trivy, Syft in CI (Apache-2.0)', ['image-security']),
    open('Rampart (Apache-2.0)', ['monitoring']),
  ];
  if (profile.mesh === 'istio') rows.push(open('Istio (Apache-2.0)', ['network']));
  if (profile.mesh === 'linkerd') rows.push(open('Linkerd (Apache-2.0 source; vendor stable distributions have their own terms)', ['network']));
  const wanted = new Set(present);
  return rows
    .map((r) => ({ ...r, deliverables: r.deliverables.filter((d) => wanted.has(d)) }))
    .filter((r) => r.deliverables.length > 0);
}
