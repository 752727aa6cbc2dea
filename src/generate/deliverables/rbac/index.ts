/**
 * Deliverable 2, RBAC: a ServiceAccount per workload, a minimal namespace Role for the workloads
 * whose ServiceAccount is granted something today (the evidence that they call the API), the
 * RoleBindings of the identity mapping, patches setting serviceAccountName, and the list of
 * risky RBAC objects the new ones replace.
 *
 * Minimal means: the rules the existing bindings grant, scoped to the workload's namespace, with
 * every rule that Rampart's RBAC checks rate critical or high left out (wildcards, Secrets
 * reads, exec, attach, port-forward, impersonate, escalate, bind, token creation, …). What was
 * left out is listed in the README, so an owner who really needs it adds it back knowingly.
 */
import { CHECKS } from '../../../checks/index.js';
import { assembleScan } from '../../../engine/scan.js';
import { severityRank, type Control } from '../../../engine/types.js';
import { isJsonObject, type JsonObject } from '../../../model/types.js';
import type { PatchOp } from '../../../fix/types.js';
import { minimalRule, needsApi } from '../../minimal-rules.js';
import type { WorkloadPatch } from '../../patches.js';
import type { Deliverable, DeliverableGenerator, GenerateContext, Profile } from '../../types.js';
import { analyzeInventory, asLoadResult, identityManifest, resourceKey, type WorkloadInfo } from '../../workloads.js';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'rampart' };

interface AccountPlan {
  namespace: string;
  name: string;
  workloads: WorkloadInfo[];
  rules: JsonObject[];
  dropped: string[];
  automount: boolean;
}

function accountPlans(workloads: readonly WorkloadInfo[]): AccountPlan[] {
  const plans = new Map<string, AccountPlan>();
  for (const w of workloads) {
    const key = `${w.namespace}/${w.serviceAccount}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = { namespace: w.namespace, name: w.serviceAccount, workloads: [], rules: [], dropped: [], automount: false }));
    plan.workloads.push(w);
    if (needsApi(w)) plan.automount = true; // some grant survives into the minimal Role
    for (const binding of w.bindings) {
      for (const rule of binding.role?.rules ?? []) {
        const decision = minimalRule(rule);
        const text = JSON.stringify(decision.rule);
        if (decision.dropped !== undefined) {
          const line = `${binding.id} → ${binding.roleRef.kind}/${binding.roleRef.name}: ${text} (${decision.dropped})`;
          if (!plan.dropped.includes(line)) plan.dropped.push(line);
        } else if (!plan.rules.some((r) => JSON.stringify(r) === text)) {
          plan.rules.push(decision.rule);
        }
      }
    }
  }
  return [...plans.values()];
}

function serviceAccount(plan: AccountPlan): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: plan.name, namespace: plan.namespace, labels: { ...MANAGED_BY } },
    automountServiceAccountToken: plan.automount,
  };
}

function role(plan: AccountPlan): JsonObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `${plan.name}-minimal`, namespace: plan.namespace, labels: { ...MANAGED_BY } }, rules: plan.rules };
}

function roleBinding(plan: AccountPlan): JsonObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${plan.name}-minimal`, namespace: plan.namespace, labels: { ...MANAGED_BY } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${plan.name}-minimal` },
    subjects: [{ kind: 'ServiceAccount', name: plan.name, namespace: plan.namespace }],
  };
}

/**
 * The group name as the API server sees it: kubeadm and k3s get the `oidc:` prefix the bundle configures.
 *
 * @example
 * groupSubject(kubeadmProfileWithOidc, 'sre'); // 'oidc:sre'
 */
export function groupSubject(profile: Profile, group: string): string {
  return (profile.distribution === 'kubeadm' || profile.distribution === 'k3s') && profile.identity.oidcIssuer !== undefined ? `oidc:${group}` : group;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'group';
}

/**
 * RoleBindings (namespaced mappings) and ClusterRoleBindings (cluster-wide ones) of the identity mapping.
 *
 * @example
 * identityBindings(profile).map((b) => b.kind); // ['RoleBinding', 'ClusterRoleBinding']
 */
export function identityBindings(profile: Profile): JsonObject[] {
  return profile.identity.mappings.map((m): JsonObject => {
    const builtIn = ['admin', 'edit', 'view'].includes(m.role);
    const subjects = [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: groupSubject(profile, m.group) }];
    const name = `idp-${slug(m.group)}-${m.role}`;
    if (m.namespace === undefined) {
      return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name, labels: { ...MANAGED_BY } }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: m.role }, subjects };
    }
    return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: m.namespace, labels: { ...MANAGED_BY } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: builtIn ? 'ClusterRole' : 'Role', name: m.role },
      subjects,
    };
  });
}

/**
 * The serviceAccountName patches: one per workload whose ServiceAccount changes.
 *
 * @example
 * serviceAccountPatches(context).map((p) => p.ops);
 */
export function serviceAccountPatches(context: GenerateContext): WorkloadPatch[] {
  const system = new Set(context.profile.namespaces.system);
  return analyzeInventory(context.inventory, context.profile)
    .workloads.filter((w) => !system.has(w.namespace) && w.serviceAccount !== w.currentServiceAccount)
    .map((w) => {
      const ops: PatchOp[] = [{ op: 'add', path: `${w.specPointer}/serviceAccountName`, value: w.serviceAccount }];
      return { target: { apiVersion: w.resource.apiVersion, kind: w.kind, namespace: w.namespace, name: w.name }, kind: 'service-account' as const, ops, reasons: [`runs as its own ServiceAccount ${w.serviceAccount} instead of default`] };
    });
}

/**
 * RBAC objects outside the system namespaces that Rampart's RBAC checks rate critical or high,
 * with the bindings that use a replaced role: deleted once the minimal roles are in place.
 *
 * @example
 * replacedRbacObjects(context).map((m) => m.kind); // ['ClusterRole', 'ClusterRoleBinding']
 */
export function replacedRbacObjects(context: GenerateContext): JsonObject[] {
  const { inventory, profile } = context;
  const system = new Set(profile.namespaces.system);
  const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
  const rbacResources = inventory.resources.filter((r) => rbacKinds.has(r.kind));
  if (rbacResources.length === 0) return [];
  const scan = assembleScan(asLoadResult(inventory.resources), CHECKS.filter((c) => c.domain === 'rbac'), { settings: analyzeInventory(inventory, profile).settings });
  const risky = new Set<string>();
  for (const f of scan.findings) {
    if (severityRank(f.severity) < severityRank('high') || !rbacKinds.has(f.resource.kind)) continue;
    if (f.resource.name.startsWith('system:') || (f.resource.namespace !== undefined && system.has(f.resource.namespace))) continue;
    risky.add(resourceKey({ kind: f.resource.kind, namespace: f.resource.namespace, name: f.resource.name }));
  }
  const out = new Set<string>(risky);
  for (const r of rbacResources) {
    if (r.kind !== 'RoleBinding' && r.kind !== 'ClusterRoleBinding') continue;
    const ref = r.body['roleRef'] as JsonObject | undefined;
    if (!ref || typeof ref['name'] !== 'string') continue;
    const roleNamespace = ref['kind'] === 'Role' ? r.namespace : undefined;
    if (risky.has(resourceKey({ kind: String(ref['kind']), namespace: roleNamespace, name: ref['name'] }))) out.add(resourceKey({ kind: r.kind, namespace: r.namespace, name: r.name }));
  }
  return rbacResources
    .filter((r) => out.has(resourceKey({ kind: r.kind, namespace: r.namespace, name: r.name })))
    .map((r) => {
      const manifest = identityManifest(r);
      // A binding names its role (required by the API, and tells the reader what is being removed).
      if (isJsonObject(r.body['roleRef'])) manifest['roleRef'] = r.body['roleRef'];
      return manifest;
    });
}

/** `kubectl patch` lines for the serviceAccountName patches (strategic merge, one per workload). */
function patchScript(patches: readonly WorkloadPatch[]): string {
  const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
  for (const p of patches) {
    const sa = p.ops[0]?.value;
    if (p.target.kind === 'Pod') {
      lines.push(`# Pod ${p.target.namespace}/${p.target.name}: serviceAccountName is immutable on a Pod; set it in the manifest and recreate the Pod.`);
      continue;
    }
    const spec = { serviceAccountName: sa };
    const body = p.target.kind === 'CronJob' ? { spec: { jobTemplate: { spec: { template: { spec } } } } } : { spec: { template: { spec } } };
    lines.push(`kubectl patch ${p.target.kind.toLowerCase()} ${p.target.name} -n ${p.target.namespace} --type strategic -p '${JSON.stringify(body)}'`);
  }
  return lines.join('\n') + '\n';
}

const CONTROLS: Control[] = [
  { framework: 'cis-k8s', id: '5.1.1' },
  { framework: 'cis-k8s', id: '5.1.2' },
  { framework: 'cis-k8s', id: '5.1.3' },
  { framework: 'cis-k8s', id: '5.1.5' },
  { framework: 'cis-k8s', id: '5.1.6' },
  { framework: 'nsa-cisa', id: 'role-based-access-control' },
  { framework: 'nsa-cisa', id: 'service-account-tokens' },
  { framework: 'nsa-cisa', id: 'authentication' },
  { framework: 'pci-dss', id: '7.2.1' },
  { framework: 'pci-dss', id: '7.2.2' },
  { framework: 'pci-dss', id: '7.2.5' },
  { framework: 'pci-dss', id: '8.2.1' },
  { framework: 'hipaa', id: '164.308(a)(4)' },
  { framework: 'hipaa', id: '164.308(a)(4)(ii)(B)' },
  { framework: 'hipaa', id: '164.312(a)(1)' },
  { framework: 'hipaa', id: '164.312(a)(2)(i)' },
  { framework: 'soc2', id: 'CC6.1' },
  { framework: 'soc2', id: 'CC6.2' },
  { framework: 'soc2', id: 'CC6.3' },
  { framework: 'mitre-attack', id: 'T1078.001' },
  { framework: 'mitre-attack', id: 'T1528' },
];

/**
 * The rbac deliverable.
 *
 * @example
 * const deliverable = generateRbac({ profile, inventory, randomBytes });
 */
export const generateRbac: DeliverableGenerator = (context) => {
  const { profile } = context;
  const system = new Set(profile.namespaces.system);
  const workloads = analyzeInventory(context.inventory, profile).workloads.filter((w) => !system.has(w.namespace));
  const plans = accountPlans(workloads);
  const accounts = plans.map(serviceAccount);
  const roles = plans.filter((p) => p.rules.length > 0).flatMap((p) => [role(p), roleBinding(p)]);
  const identity = identityBindings(profile);
  const patches = serviceAccountPatches(context);
  const replaced = replacedRbacObjects(context);
  const dropped = plans.flatMap((p) => p.dropped.map((d) => `${p.namespace}/${p.name}: ${d}`));
  const apiUsers = plans.filter((p) => p.automount).map((p) => `${p.namespace}/${p.name}`);
  const patchJson = patches.map((p) => ({ target: p.target, patch: p.ops }));
  return {
    id: 'rbac',
    title: 'RBAC',
    files: [
      { path: 'serviceaccounts.yaml', manifests: accounts, description: `${accounts.length} ServiceAccounts, one per workload (token automount off unless the workload calls the API)` },
      { path: 'roles.yaml', manifests: roles, description: 'minimal namespace Roles and their RoleBindings, from the grants the workloads have today' },
      { path: 'identity-bindings.yaml', manifests: identity, description: 'RoleBindings of the identity-provider groups (profile identity.mappings)' },
      { path: 'serviceaccount-patches.json', text: JSON.stringify(patchJson, null, 2) + '\n', description: 'JSON-Patch operations setting serviceAccountName, per workload' },
      { path: 'apply-serviceaccount-patches.sh', text: patchScript(patches), description: 'the same as strategic-merge `kubectl patch` commands' },
      { path: 'replaced-rbac.yaml', manifests: replaced, description: 'risky RBAC objects the minimal roles replace: delete them last' },
    ],
    readme: {
      what: 'Per-workload identities and least-privilege access: a ServiceAccount per workload, minimal Roles derived from the grants in use, RoleBindings for your identity provider\'s groups, and the serviceAccountName patches.',
      why: [
        'A workload on the `default` ServiceAccount shares its identity (and its token) with every other such pod of the namespace; a token mounted into a pod that never calls the API is a credential for an attacker to steal. Broad roles turn one compromised pod into a compromised cluster.',
        '',
        apiUsers.length > 0 ? `Workloads that call the API (a binding grants their ServiceAccount something today) keep a token: ${apiUsers.join(', ')}.` : 'No workload keeps a grant after the minimal roles are derived (none is bound to anything, or only to grants left out below), so no generated ServiceAccount mounts a token.',
        '',
        dropped.length > 0 ? `Grants left out of the minimal roles (add back only what a workload provably needs):\n\n${dropped.map((d) => `- ${d}`).join('\n')}` : 'No grant had to be left out of the minimal roles.',
        '',
        profile.identity.mappings.length > 0
          ? `Identity mapping: ${profile.identity.mappings.map((m) => `${groupSubject(profile, m.group)} → ${m.role}${m.namespace ? ` in ${m.namespace}` : ' cluster-wide'}`).join('; ')}.`
          : 'The profile has no identity mapping (identity.mappings): no group bindings are generated.',
      ].join('\n'),
      apply: [
        '1. `kubectl apply -f serviceaccounts.yaml -f roles.yaml -f identity-bindings.yaml`',
        '2. `bash apply-serviceaccount-patches.sh` (or apply serviceaccount-patches.json to the manifests in Git: each entry is a JSON Patch for one workload). Pods restart with their new identity.',
        '3. When the workloads run healthy on their new identities: `kubectl delete -f replaced-rbac.yaml`.',
      ].join('\n'),
      verify: '`kubectl auth can-i --list --as system:serviceaccount:NS:SA -n NS` lists only the minimal role\'s rules; `kubectl get pods -A -o jsonpath=\'{range .items[*]}{.metadata.namespace}/{.metadata.name} {.spec.serviceAccountName}{"\\n"}{end}\' | grep " default$"` prints nothing for the patched namespaces; `rampart scan` reports no rbac finding at high or above.',
      rollback: 'Re-apply the workloads\' previous manifests (serviceAccountName back to what it was) and re-create the objects of replaced-rbac.yaml from Git; the new ServiceAccounts and Roles can stay, they grant nothing by themselves.',
    },
    // 3.1.1 (users come from the identity provider, not client certificates) only with a mapping.
    controls: profile.identity.mappings.length > 0 ? [...CONTROLS, { framework: 'cis-k8s', id: '3.1.1' }] : CONTROLS,
    phase: 2,
    risks: [
      'A workload that calls the API without any binding today (it only reads what system:authenticated may read, e.g. discovery) loses its token: set automountServiceAccountToken: true on its ServiceAccount.',
      ...(dropped.length > 0 ? ['Workloads lose the grants listed under "left out" in rbac/README.md; a workload that used them fails with 403 Forbidden.'] : []),
      ...(replaced.length > 0 ? [`Deleting replaced-rbac.yaml removes ${replaced.length} object(s) that people or tools may still use.`] : []),
      'Pods restart when serviceAccountName changes (a rolling update for Deployments and StatefulSets).',
    ],
  } satisfies Deliverable;
};
