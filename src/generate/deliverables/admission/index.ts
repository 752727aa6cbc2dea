/**
 * Deliverable 7, admission control: the policy set for the profile's engine (Kyverno,
 * Gatekeeper or built-in ValidatingAdmissionPolicy) with the audit → warn → enforce rollout as
 * separate files, the system namespaces exempt.
 */
import type { Deliverable, DeliverableGenerator, GeneratedFile, PolicyEngine } from '../../types.js';
import { checkControls, markdownTable, mergeControls } from './common.js';
import { gatekeeperFiles } from './gatekeeper.js';
import { kyvernoFiles } from './kyverno.js';
import { ADMISSION_RULES, activeRules, phaseFile, policySettings, type AdmissionRuleId, type PolicySettings } from './rules.js';
import { vapFiles } from './vap.js';

export { ADMISSION_RULE_IDS, ADMISSION_RULES, ROLLOUT_PHASES, activeRules, policySettings, type AdmissionRuleId, type PolicySettings, type RolloutPhase } from './rules.js';

/**
 * The files of the policy set for one engine.
 *
 * @example
 * policyFiles('vap', ['disallow-privileged'], settings);
 */
export function policyFiles(engine: PolicyEngine, rules: readonly AdmissionRuleId[], settings: PolicySettings, prefix = ''): GeneratedFile[] {
  switch (engine) {
    case 'kyverno':
      return kyvernoFiles(rules, settings, prefix);
    case 'gatekeeper':
      return gatekeeperFiles(rules, settings, prefix);
    case 'vap':
      return vapFiles(rules, settings, prefix);
  }
}

const ENGINE_NAMES: Readonly<Record<PolicyEngine, string>> = {
  kyverno: 'Kyverno',
  gatekeeper: 'OPA Gatekeeper',
  vap: 'ValidatingAdmissionPolicy (built in, CEL)',
};

/** How each engine's phases are applied and checked. */
function engineSteps(engine: PolicyEngine): { prerequisite: string; apply: string[]; verify: string; rollback: string } {
  const phases = ['audit', 'warn', 'enforce'] as const;
  switch (engine) {
    case 'kyverno':
      return {
        prerequisite: 'Kyverno 1.13 or later installed (phase 2 uses emitWarning; for example `helm install kyverno kyverno/kyverno -n kyverno --create-namespace`).',
        apply: phases.map((p) => `kubectl apply -f ${phaseFile('kyverno', p)}`),
        verify: 'kubectl get clusterpolicy -l app.kubernetes.io/managed-by=rampart\nkubectl get policyreport -A   # audit results per namespace',
        rollback: 'kubectl apply -f kyverno/phase-1-audit.yaml   # back to audit only\nkubectl delete clusterpolicy -l app.kubernetes.io/managed-by=rampart   # remove',
      };
    case 'gatekeeper':
      return {
        prerequisite: 'Gatekeeper 3.14 or later installed (for example `helm install gatekeeper gatekeeper/gatekeeper -n gatekeeper-system --create-namespace`). Apply `gatekeeper/templates.yaml` first and wait until every template reports `status.created: true`.',
        apply: ['kubectl apply -f gatekeeper/templates.yaml', ...phases.map((p) => `kubectl apply -f ${phaseFile('gatekeeper', p)}`)],
        verify: 'kubectl get constrainttemplates -l app.kubernetes.io/managed-by=rampart\nkubectl get constraints -o wide   # totalViolations from the audit',
        rollback: 'kubectl apply -f gatekeeper/phase-1-audit.yaml   # back to dryrun\nkubectl delete constraints -l app.kubernetes.io/managed-by=rampart && kubectl delete -f gatekeeper/templates.yaml   # remove',
      };
    case 'vap':
      return {
        prerequisite: 'Kubernetes 1.30 or later (ValidatingAdmissionPolicy is GA in admissionregistration.k8s.io/v1). Audit results need an audit policy that records the `validation.policy.admission.k8s.io` annotations (the cluster-hardening deliverable provides one).',
        apply: ['kubectl apply -f vap/policies.yaml', ...phases.map((p) => `kubectl apply -f ${phaseFile('vap', p)}`)],
        verify: 'kubectl get validatingadmissionpolicies,validatingadmissionpolicybindings -l app.kubernetes.io/managed-by=rampart\nkubectl get validatingadmissionpolicies -o jsonpath=\'{range .items[*]}{.metadata.name}{" "}{.status.typeChecking}{"\\n"}{end}\'   # type-check warnings',
        rollback: 'kubectl apply -f vap/phase-1-audit.yaml   # back to audit only\nkubectl delete validatingadmissionpolicybindings,validatingadmissionpolicies -l app.kubernetes.io/managed-by=rampart   # remove',
      };
  }
}

/**
 * Generates the admission deliverable.
 *
 * @example
 * const deliverable = generateAdmission({ profile, inventory, randomBytes });
 * deliverable.files.map((f) => f.path); // ['kyverno/phase-1-audit.yaml', …]
 */
export const generateAdmission: DeliverableGenerator = ({ profile }): Deliverable => {
  const settings = policySettings(profile);
  const rules = activeRules(settings);
  const engine = profile.policyEngine;
  const steps = engineSteps(engine);
  const ruleTable = markdownTable(
    ['Rule', 'Policy', 'Enforces'],
    rules.map((r) => [ADMISSION_RULES[r].title, `rampart-${r}`, ADMISSION_RULES[r].message]),
  );
  const risks = [
    'Workloads that do not meet a rule are refused once phase 3 (enforce) is applied; run phases 1 and 2 until the audit shows no violations.',
    `Exempt namespaces: ${settings.exemptNamespaces.join(', ')} — the profile's system namespaces and those the bundle's own add-ons are installed into (Falco runs privileged; the add-on charts do not carry the required labels). Any other namespace that runs privileged agents (CNI, CSI, log shippers) needs adding to profile.namespaces.system first, and nothing else should run in the exempt namespaces.`,
    'Required labels (app, owner, environment) apply to Deployments, StatefulSets, DaemonSets and CronJobs: Helm charts and operators that create them without these labels are refused in phase 3.',
    'read-only-root-filesystem breaks images that write outside mounted volumes (caches, /tmp, pid files): mount an emptyDir at those paths.',
    'resource-requirements requires CPU and memory requests and a memory limit; CPU limits are deliberately not required (they throttle without protecting other workloads).',
  ];
  if (rules.length < Object.keys(ADMISSION_RULES).length) risks.push('The profile lists no allowed registries, so the allowed-registries rule is not generated: set allowedRegistries to restrict image sources.');
  if (engine === 'vap') risks.push('ValidatingAdmissionPolicy cannot verify image signatures; the image-security deliverable explains the external verifier this needs.');
  if (engine === 'gatekeeper') risks.push('Gatekeeper constraint CRDs are created asynchronously from the templates: applying a phase file before the templates are ready fails with "no matches for kind".');

  const files: GeneratedFile[] = policyFiles(engine, rules, settings);
  return {
    id: 'admission',
    title: 'Admission control',
    files,
    readme: {
      what: `The admission policy set for ${ENGINE_NAMES[engine]}: ${rules.length} rules, each as its own policy, rolled out in three phases (audit, warn, enforce) that replace each other in place.\n\n${ruleTable}\n\nThe Pod Security rule enforces the profile posture (${settings.posture}). Exempt namespaces: ${settings.exemptNamespaces.join(', ')}.`,
      why: 'Configuration checks find problems after the fact; admission control stops a non-compliant workload from being created at all, on every path into the cluster (kubectl, CI, GitOps, operators). The staged rollout lets teams see what would be refused before anything is refused.',
      apply: `Prerequisite: ${steps.prerequisite}\n\nApply one phase at a time, and move on only when the audit shows no violations that matter:\n\n\`\`\`sh\n${steps.apply.join('\n')}\n\`\`\`\n\nPhase 1 records violations only, phase 2 also returns warnings to clients (\`kubectl\` prints them), phase 3 refuses violating requests.`,
      verify: `\`\`\`sh\n${steps.verify}\n\`\`\`\n\nThen try a violating pod in a non-exempt namespace; in phase 3 it must be refused:\n\n\`\`\`sh\nkubectl run rampart-probe --image=busybox:latest --privileged -n default --dry-run=server\n\`\`\``,
      rollback: `Go back one phase by applying the previous phase file, or remove the policies:\n\n\`\`\`sh\n${steps.rollback}\n\`\`\``,
    },
    controls: mergeControls(...rules.map((r) => ADMISSION_RULES[r].controls), checkControls(['admission', 'pod-security'])),
    phase: 7,
    risks,
  };
};
