/**
 * Which grants a workload keeps: the rules its ServiceAccount's bindings grant today, minus
 * every rule that Rampart's RBAC checks rate critical or high (wildcards, Secrets reads, exec,
 * attach, port-forward, impersonate, escalate, bind, token creation, writes to pods and their
 * controllers…). A workload that keeps at least one rule calls the API and keeps its token.
 */
import type { PolicyRule } from '../analyzers/rbac/index.js';
import type { JsonObject } from '../model/types.js';
import type { WorkloadInfo } from './workloads.js';

/** Verbs that only read. */
const READ_VERBS = ['get', 'list', 'watch'];
/** Resources whose grant is a privilege in itself: never carried into a generated Role. */
const SENSITIVE_RESOURCES = new Set([
  'secrets',
  'pods/exec',
  'pods/attach',
  'pods/portforward',
  'pods/proxy',
  'services/proxy',
  'nodes/proxy',
  'serviceaccounts/token',
  'pods/ephemeralcontainers',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'certificatesigningrequests/approval',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'customresourcedefinitions',
  'persistentvolumes',
]);
const SENSITIVE_VERBS = new Set(['impersonate', 'escalate', 'bind', 'approve', '*']);
/** Writes to these let a workload run arbitrary pods (and so borrow any ServiceAccount in the namespace). */
const WORKLOAD_RESOURCES = new Set(['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers']);

export interface RuleDecision {
  rule: JsonObject;
  dropped?: string;
}

/**
 * A rule as it may go into a minimal Role, or why it may not.
 *
 * @example
 * minimalRule({ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: [], nonResourceURLs: [] });
 */
export function minimalRule(rule: PolicyRule): RuleDecision {
  const json: JsonObject = { apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] };
  if (rule.resourceNames.length > 0) json['resourceNames'] = [...rule.resourceNames];
  if (rule.nonResourceURLs.length > 0) return { rule: json, dropped: 'non-resource URLs need a ClusterRole' };
  if (rule.apiGroups.includes('*') || rule.resources.includes('*') || rule.resources.some((r) => r.endsWith('/*'))) return { rule: json, dropped: 'wildcard API groups or resources' };
  const sensitive = rule.resources.filter((r) => SENSITIVE_RESOURCES.has(r));
  if (sensitive.length > 0) return { rule: json, dropped: `sensitive resources (${sensitive.join(', ')})` };
  const verbs = rule.verbs.filter((v) => SENSITIVE_VERBS.has(v));
  if (verbs.length > 0) return { rule: json, dropped: `sensitive verbs (${verbs.join(', ')})` };
  const writes = rule.verbs.filter((v) => !READ_VERBS.includes(v));
  if (writes.length > 0 && rule.resources.some((r) => WORKLOAD_RESOURCES.has(r))) return { rule: json, dropped: 'writes to pods or workload controllers' };
  return { rule: json };
}

/**
 * Evidence that a workload calls the API: a binding grants its ServiceAccount a rule that
 * survives into its minimal Role.
 *
 * @example
 * if (needsApi(workload)) serviceAccount.automountServiceAccountToken = true;
 */
export function needsApi(w: WorkloadInfo): boolean {
  return w.bindings.some((b) => (b.role?.rules ?? []).some((rule) => minimalRule(rule).dropped === undefined));
}
