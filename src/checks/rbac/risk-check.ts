/**
 * The factory behind the `rbac.risk.*` checks: one check per entry of the risk catalog
 * (src/analyzers/rbac/risks.ts), reporting each subject that holds the permission on every
 * binding from the input that grants it. Risks held only through built-in default bindings
 * (the API server's own, labelled `kubernetes.io/bootstrapping: rbac-defaults`) are how
 * Kubernetes works and are not reported.
 */
import { modelOfInventory } from '../../analyzers/rbac/cache.js';
import { findRisks, RISKS, type RiskDefinition } from '../../analyzers/rbac/risks.js';
import { describeSubjectKey, subjectKey as keyOf } from '../../analyzers/rbac/subjects.js';
import { isJsonObject } from '../../model/types.js';
import type { BindingInfo } from '../../analyzers/rbac/types.js';
import { defineCheck, type CheckDefinition, type Control } from '../../engine/types.js';
import { attack, LEAST_PRIVILEGE } from './controls.js';

/**
 * A binding the user wrote (not a built-in default, not an API-server bootstrap object).
 *
 * @example
 * model.bindings.filter(isUserBinding);
 */
export function isUserBinding(binding: BindingInfo): boolean {
  return !binding.builtIn && binding.resource.labels['kubernetes.io/bootstrapping'] !== 'rbac-defaults';
}

/**
 * Pointer of the binding subject that carries `subjectKey`, or "" when none does.
 *
 * @example
 * subjectPointer(binding, 'user:alice'); // '/subjects/0'
 */
export function subjectPointer(binding: BindingInfo, subjectKey: string): string {
  const raw = binding.resource.body['subjects'];
  if (!Array.isArray(raw)) return '';
  const index = raw.findIndex((s) => {
    if (!isJsonObject(s) || typeof s['name'] !== 'string') return false;
    const kind = s['kind'];
    if (kind !== 'User' && kind !== 'Group' && kind !== 'ServiceAccount') return false;
    const namespace = typeof s['namespace'] === 'string' && s['namespace'] !== '' ? s['namespace'] : undefined;
    return keyOf(namespace === undefined ? { kind, name: s['name'] } : { kind, name: s['name'], namespace }, binding.namespace) === subjectKey;
  });
  return index < 0 ? '' : `/subjects/${index}`;
}

function riskById(id: string): RiskDefinition {
  const risk = RISKS.find((r) => r.id === id);
  if (!risk) throw new Error(`unknown RBAC risk "${id}"`);
  return risk;
}

/**
 * Defines the check `rbac.risk.<id>` for one risk of the catalog.
 *
 * @example
 * export default riskCheck('secrets-read', [cis('5.1.2')]);
 */
export function riskCheck(id: string, controls: readonly Control[]): CheckDefinition<'risk', Record<string, never>> {
  const risk = riskById(id);
  return defineCheck<'risk'>({
    id: `rbac.risk.${id}`,
    title: risk.title,
    domain: 'rbac',
    severity: risk.severity,
    scope: 'inventory',
    match: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    controls: [...controls, attack(risk.mitre), ...LEAST_PRIVILEGE],
    messages: { risk: '{{subject}} ({{scope}}): {{title}}, through {{binding}} → {{role}}' },
    remediation: 'Remove this permission from the role, or bind a narrower role (specific verbs, resources and resourceNames, in one namespace) to this subject.',
    docs: `${risk.explanation} The permission is evaluated with the exact semantics of the Kubernetes RBAC authorizer, including aggregated ClusterRoles, wildcards and implicit groups; \`rampart rbac risks\` lists every holder. MITRE ATT&CK ${risk.mitre}.`,
    evaluate(context) {
      const model = modelOfInventory(context.inventory);
      for (const finding of findRisks(model, [risk])) {
        const seen = new Set<string>();
        for (const grant of finding.grants) {
          const binding = grant.binding;
          if (!isUserBinding(binding) || seen.has(binding.id)) continue;
          seen.add(binding.id);
          context.report({
            messageId: 'risk',
            data: {
              subject: describeSubjectKey(finding.subject),
              scope: finding.scope === '' ? 'cluster-wide' : `namespace ${finding.scope}`,
              title: risk.title.charAt(0).toLowerCase() + risk.title.slice(1),
              binding: binding.id,
              role: grant.role.namespace ? `Role ${grant.role.namespace}/${grant.role.name}` : `ClusterRole ${grant.role.name}`,
            },
            path: subjectPointer(binding, finding.subject),
            resource: binding.resource,
          });
        }
      }
    },
  });
}
