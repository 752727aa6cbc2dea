/**
 * The vocabulary of `rampart harden`: the profile a team describes its cluster with, and the
 * deliverables generated from it. Generators are pure functions of (profile, inventory, key
 * source); writing files happens at the edge (the CLI).
 */
import type { Control } from '../engine/types.js';
import type { Inventory } from '../model/inventory.js';
import type { JsonObject } from '../model/types.js';

export const DISTRIBUTIONS = ['kubeadm', 'eks', 'gke', 'aks', 'k3s'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export const COMPLIANCE_TARGETS = ['pci-dss', 'hipaa', 'soc2', 'cis'] as const;
export type ComplianceTarget = (typeof COMPLIANCE_TARGETS)[number];

export const POLICY_ENGINES = ['kyverno', 'gatekeeper', 'vap'] as const;
export type PolicyEngine = (typeof POLICY_ENGINES)[number];

export const SECRETS_BACKENDS = ['vault', 'aws', 'gcp', 'azure'] as const;
export type SecretsBackend = (typeof SECRETS_BACKENDS)[number];

export const MESHES = ['none', 'istio', 'linkerd'] as const;
export type Mesh = (typeof MESHES)[number];

export interface IdentityMapping {
  /** IdP group, e.g. "payments-devs". */
  group: string;
  /** Namespace the group works in; omitted for cluster-wide roles. */
  namespace?: string;
  /** Built-in role (admin, edit, view) or a generated role name. */
  role: string;
}

export interface Tenant {
  name: string;
  namespaces: string[];
}

/** What a team tells Rampart about its cluster (`rampart.yaml` or flags). */
export interface Profile {
  clusterName: string;
  distribution: Distribution;
  /** "1.N". */
  kubernetesVersion: string;
  compliance: ComplianceTarget[];
  posture: 'baseline' | 'restricted';
  namespaces: {
    production: string[];
    development: string[];
    /** Namespaces that may run privileged system components (kube-system and friends). */
    system: string[];
  };
  tenants: Tenant[];
  identity: {
    oidcIssuer?: string;
    mappings: IdentityMapping[];
  };
  secretsBackend: SecretsBackend;
  mesh: Mesh;
  policyEngine: PolicyEngine;
  allowedRegistries: string[];
  /** Audit-log retention in days, per compliance framework that sets one. */
  auditRetentionDays: Partial<Record<ComplianceTarget, number>>;
}

export const DELIVERABLE_IDS = [
  'cluster-hardening',
  'rbac',
  'network',
  'pod-security',
  'image-security',
  'secrets',
  'admission',
  'runtime',
  'monitoring',
] as const;
export type DeliverableId = (typeof DELIVERABLE_IDS)[number];

/** One generated file, relative to its deliverable's folder. Kubernetes manifests are given as objects and serialized once, deterministically. */
export type GeneratedFile =
  | ({ path: string; manifests: JsonObject[] } & GeneratedFileMeta)
  | ({ path: string; text: string } & GeneratedFileMeta);

/** Optional facts about a generated file (added for the bundle writer; every field optional). */
export interface GeneratedFileMeta {
  /** One line for the README's file list. */
  description?: string;
  /** Holds key material: written with mode 0600, never printed, and the README says to move it. */
  sensitive?: boolean;
}

/** The README every deliverable carries. */
export interface DeliverableReadme {
  what: string;
  /** Why: the controls it satisfies (rendered as a table) plus prose. */
  why: string;
  apply: string;
  verify: string;
  rollback: string;
}

export interface Deliverable {
  id: DeliverableId;
  title: string;
  files: GeneratedFile[];
  readme: DeliverableReadme;
  /** Controls this deliverable satisfies, for the controls matrix in PLAN.md. */
  controls: Control[];
  /** The apply phase (1 = first) and what may break, for PLAN.md. */
  phase: number;
  risks: string[];
}

/** Everything a generator may read. Randomness (key material) comes only from `randomBytes`, so tests can make output byte-identical. */
export interface GenerateContext {
  profile: Profile;
  inventory: Inventory;
  randomBytes: (size: number) => Buffer;
}

export type DeliverableGenerator = (context: GenerateContext) => Deliverable;
