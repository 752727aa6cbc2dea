/**
 * The audit Policy (audit.k8s.io/v1). Rules are evaluated in order and the first match wins, so
 * the noise filters (level None) come first, then the rules that must record bodies
 * (RequestResponse), then Metadata for sensitive objects and a Metadata catch-all.
 *
 * - None: kube-proxy's watches of endpoints and services, node status reads by kubelets, leader
 *   election, events, and the health and version endpoints — high volume, no security value.
 * - RequestResponse: changes to RBAC objects; pods/exec, attach and portforward (who ran what).
 * - Metadata: Secrets, ConfigMaps and TokenReviews (never their bodies, which hold the secrets),
 *   ServiceAccount tokens, and everything else.
 */
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

export interface AuditGroupResources {
  group: string;
  resources?: string[];
}

export interface AuditRule {
  level: AuditLevel;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  resources?: AuditGroupResources[];
  namespaces?: string[];
  nonResourceURLs?: string[];
  omitStages?: AuditStage[];
}

export interface AuditPolicy {
  apiVersion: 'audit.k8s.io/v1';
  kind: 'Policy';
  omitStages: AuditStage[];
  rules: AuditRule[];
}

const RBAC_RESOURCES = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'];
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * The audit policy of the bundle.
 *
 * @example
 * auditPolicy().rules[0].level; // 'None'
 */
export function auditPolicy(): AuditPolicy {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [{ group: '', resources: ['endpoints', 'services', 'services/status'] }, { group: 'discovery.k8s.io', resources: ['endpointslices'] }] },
      { level: 'None', userGroups: ['system:nodes'], verbs: ['get'], resources: [{ group: '', resources: ['nodes', 'nodes/status'] }] },
      {
        level: 'None',
        users: ['system:kube-controller-manager', 'system:kube-scheduler', 'system:serviceaccount:kube-system:endpoint-controller'],
        verbs: ['get', 'update'],
        namespaces: ['kube-system'],
        resources: [{ group: '', resources: ['endpoints'] }, { group: 'coordination.k8s.io', resources: ['leases'] }],
      },
      { level: 'None', users: ['system:apiserver'], verbs: ['get'], resources: [{ group: '', resources: ['namespaces', 'namespaces/status', 'namespaces/finalize'] }] },
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version', '/openapi*'] },
      { level: 'None', resources: [{ group: '', resources: ['events'] }, { group: 'events.k8s.io', resources: ['events'] }] },
      { level: 'RequestResponse', resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] },
      { level: 'RequestResponse', verbs: WRITE_VERBS, resources: [{ group: 'rbac.authorization.k8s.io', resources: RBAC_RESOURCES }] },
      {
        level: 'Metadata',
        resources: [
          { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
          { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
        ],
      },
      { level: 'Metadata' },
    ],
  };
}

const LEVELS: readonly string[] = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES: readonly string[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
const RULE_KEYS = ['level', 'users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs', 'omitStages'];

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Structural validation of a parsed audit Policy (there is no published JSON Schema for it): the
 * fields the API server's decoder accepts, with their types and enumerations.
 *
 * @example
 * validateAuditPolicy(parse(text)); // []
 */
export function validateAuditPolicy(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['not an object'];
  const v = value as Record<string, unknown>;
  if (v['apiVersion'] !== 'audit.k8s.io/v1') problems.push('apiVersion must be audit.k8s.io/v1');
  if (v['kind'] !== 'Policy') problems.push('kind must be Policy');
  for (const key of Object.keys(v)) if (!['apiVersion', 'kind', 'metadata', 'omitStages', 'rules', 'omitManagedFields'].includes(key)) problems.push(`unknown field ${key}`);
  if (v['omitStages'] !== undefined && !(isStringList(v['omitStages']) && v['omitStages'].every((s) => STAGES.includes(s)))) problems.push('omitStages must list stages');
  const rules = v['rules'];
  if (!Array.isArray(rules) || rules.length === 0) return [...problems, 'rules must be a non-empty list'];
  rules.forEach((rule: unknown, i) => {
    if (typeof rule !== 'object' || rule === null) return problems.push(`rules[${i}] is not an object`);
    const r = rule as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!RULE_KEYS.includes(key)) problems.push(`rules[${i}].${key} is not a rule field`);
    if (typeof r['level'] !== 'string' || !LEVELS.includes(r['level'])) problems.push(`rules[${i}].level must be one of ${LEVELS.join(', ')}`);
    for (const key of ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs']) if (r[key] !== undefined && !isStringList(r[key])) problems.push(`rules[${i}].${key} must be a list of strings`);
    if (r['nonResourceURLs'] !== undefined && (r['resources'] !== undefined || r['namespaces'] !== undefined)) problems.push(`rules[${i}] mixes nonResourceURLs with resources`);
    if (r['resources'] !== undefined) {
      if (!Array.isArray(r['resources'])) problems.push(`rules[${i}].resources must be a list`);
      else
        r['resources'].forEach((g: unknown, j) => {
          const gr = g as Record<string, unknown>;
          if (typeof gr !== 'object' || gr === null || typeof gr['group'] !== 'string') problems.push(`rules[${i}].resources[${j}].group must be a string`);
          else if (gr['resources'] !== undefined && !isStringList(gr['resources'])) problems.push(`rules[${i}].resources[${j}].resources must be a list of strings`);
        });
    }
    return undefined;
  });
  return problems;
}
