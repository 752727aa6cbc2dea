/**
 * Control: admission policies enforce, rather than only audit or warn.
 * Restricted fields:
 * - Kyverno ClusterPolicy/Policy: spec.validationFailureAction and spec.rules[*].validate.failureAction
 *   of validate rules; Audit (or the Audit default when neither is set) is reported.
 * - Gatekeeper constraints (constraints.gatekeeper.sh): spec.enforcementAction dryrun or warn.
 * - ValidatingAdmissionPolicyBinding: spec.validationActions without Deny.
 */
import { defineCheck } from '../../engine/types.js';
import { isJsonObject, joinPointer, type Resource } from '../../model/types.js';

type MessageId = 'kyvernoAudit' | 'kyvernoDefaultAudit' | 'gatekeeperNotDeny' | 'bindingNotDeny';
type Emit = (messageId: MessageId, path: string, data?: Record<string, string>) => void;

function isAudit(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase() === 'audit';
}

function kyverno(resource: Resource, emit: Emit): void {
  const spec = resource.body['spec'];
  if (!isJsonObject(spec)) return;
  const specAction = spec['validationFailureAction'];
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  let inheritsSpecAction = false;
  rules.forEach((rule, index) => {
    if (!isJsonObject(rule) || !isJsonObject(rule['validate'])) return;
    const ruleAction = rule['validate']['failureAction'];
    if (ruleAction === undefined) inheritsSpecAction = true;
    else if (isAudit(ruleAction)) emit('kyvernoAudit', joinPointer('/spec/rules', index, 'validate', 'failureAction'), { rule: typeof rule['name'] === 'string' ? rule['name'] : `#${index}` });
  });
  if (!inheritsSpecAction) return;
  if (specAction === undefined) emit('kyvernoDefaultAudit', '/spec');
  else if (isAudit(specAction)) emit('kyvernoAudit', '/spec/validationFailureAction', { rule: 'every validate rule' });
}

function gatekeeper(resource: Resource, emit: Emit): void {
  const spec = resource.body['spec'];
  if (!isJsonObject(spec)) return;
  const action = spec['enforcementAction'];
  if (action === 'dryrun' || action === 'warn') emit('gatekeeperNotDeny', '/spec/enforcementAction', { action });
}

function admissionPolicyBinding(resource: Resource, emit: Emit): void {
  const spec = resource.body['spec'];
  if (!isJsonObject(spec)) return;
  const actions = spec['validationActions'];
  if (!Array.isArray(actions)) return;
  if (!actions.includes('Deny')) emit('bindingNotDeny', '/spec/validationActions', { actions: actions.map(String).join(', ') });
}

export default defineCheck<MessageId>({
  id: 'admission.policy-not-enforcing',
  title: 'Admission policy only audits or warns',
  // low: an intended rollout stage, but while it lasts the policy blocks nothing.
  severity: 'low',
  scope: 'resource',
  match: '*',
  domain: 'admission',
  controls: [
    { framework: 'cis-k8s', id: '5.2.1' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'pci-dss', id: '6.5.1' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: {
    kyvernoAudit: 'Kyverno {{kind}} {{name}} runs {{rule}} in Audit mode: violations are recorded, not blocked',
    kyvernoDefaultAudit: 'Kyverno {{kind}} {{name}} sets no failure action: its validate rules default to Audit and block nothing',
    gatekeeperNotDeny: 'Gatekeeper constraint {{kind}} {{name}} has enforcementAction {{action}}: violations are not blocked',
    bindingNotDeny: 'ValidatingAdmissionPolicyBinding {{name}} has validationActions [{{actions}}] without Deny: violations are not blocked',
  },
  remediation:
    'Once audit results are clean, switch the policy to enforcement: failureAction Enforce for Kyverno, enforcementAction deny for Gatekeeper constraints, and Deny in validationActions for ValidatingAdmissionPolicyBindings.',
  docs: [
    'A policy in audit or warn mode is a normal rollout stage, but while it lasts it blocks nothing.',
    '',
    'Policy rollouts go from audit to warn to enforce. A policy left in audit or warn mode records',
    'or displays violations but admits the object, so the control it stands for is not in force.',
    '',
    'The check reports Kyverno ClusterPolicies and Policies whose validate rules run in Audit (set',
    'per rule with `validate.failureAction`, per policy with `spec.validationFailureAction`, or by',
    'default when neither is set), Gatekeeper constraints with `enforcementAction` `dryrun` or',
    '`warn`, and ValidatingAdmissionPolicyBindings whose `validationActions` lack `Deny`.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    // Runs on every resource of the input and matches few: decide on the group before building anything.
    const slash = resource.apiVersion.indexOf('/');
    const group = slash === -1 ? resource.apiVersion : resource.apiVersion.slice(0, slash);
    const read =
      group === 'kyverno.io' && (resource.kind === 'ClusterPolicy' || resource.kind === 'Policy')
        ? kyverno
        : group === 'constraints.gatekeeper.sh'
          ? gatekeeper
          : group === 'admissionregistration.k8s.io' && resource.kind === 'ValidatingAdmissionPolicyBinding'
            ? admissionPolicyBinding
            : undefined;
    if (!read) return;
    read(resource, (messageId, path, data = {}) => report({ messageId, path, data: { kind: resource.kind, name: resource.name, ...data } }));
  },
});
