/**
 * Deliverable 8, runtime: Falco rules tailored to the inventory (syscall and Kubernetes audit
 * rules), falcosidekick alert routing, incident-response playbooks and the per-namespace
 * isolation NetworkPolicy the playbooks use.
 */
import type { Deliverable, DeliverableGenerator, GeneratedFile } from '../../types.js';
import { applicationNamespaces, checkControls, controls, mergeControls, workloads } from '../admission/common.js';
import { falcoRules, falcoRulesYaml, runtimeFacts } from './falco.js';
import { byAlertPlaybook, falcosidekickConfig, incidentResponsePlaybook, isolationPolicy } from './playbooks.js';

export { CLUSTER_NETWORKS, FALCO_PRIORITIES, falcoRules, falcoRulesYaml, runtimeFacts, type FalcoItem, type FalcoList, type FalcoMacro, type FalcoRule, type RuntimeFacts } from './falco.js';
export { ISOLATION_POLICY_NAME, QUARANTINE_LABEL, isolationPolicy, quarantineLabelKeys } from './playbooks.js';

/**
 * Generates the runtime deliverable.
 *
 * @example
 * const deliverable = generateRuntime({ profile, inventory, randomBytes });
 */
export const generateRuntime: DeliverableGenerator = ({ profile, inventory }): Deliverable => {
  const namespaces = applicationNamespaces(profile, inventory);
  const facts = runtimeFacts(inventory, namespaces);
  const { items, guides } = falcoRules(facts);
  const list = workloads(inventory).filter((w) => namespaces.includes(w.namespace));
  const files: GeneratedFile[] = [
    { path: 'falco/falco_rules.local.yaml', text: falcoRulesYaml(items) },
    { path: 'falcosidekick/config.yaml', text: falcosidekickConfig(profile.clusterName) },
    ...namespaces.map((ns) => ({ path: `containment/isolate-${ns}.yaml`, manifests: [isolationPolicy(ns)] })),
    { path: 'playbooks/incident-response.md', text: incidentResponsePlaybook(list, namespaces) },
    { path: 'playbooks/by-alert.md', text: byAlertPlaybook(guides) },
  ];
  const ruleNames = guides.map((g) => `- ${g.rule}`).join('\n');
  return {
    id: 'runtime',
    title: 'Runtime detection and response',
    files,
    readme: {
      what: `Runtime detection with Falco, tailored to the inventory (${namespaces.length} application namespaces, ${facts.images.length} images, Service ports ${facts.servicePorts.join(', ')}): falco/falco_rules.local.yaml with ${guides.length} rules —\n\n${ruleNames}\n\n— alert routing through falcosidekick to Slack and PagerDuty (falcosidekick/config.yaml), incident-response playbooks (playbooks/), and an isolation NetworkPolicy per namespace (containment/) that the playbooks use to quarantine a pod.`,
      why: 'Admission control and hardening reduce what an attacker can do; runtime detection tells you when someone is doing it anyway — a shell in a container, a miner, credential theft, a new cluster-admin binding — and the playbooks make the response fast and consistent instead of improvised.',
      apply: `1. Install Falco with falcosidekick and the k8saudit plugin, loading the rules:\n\n\`\`\`sh\nhelm repo add falcosecurity https://falcosecurity.github.io/charts\nhelm install falco falcosecurity/falco -n falco --create-namespace \\\n  --set falcosidekick.enabled=true \\\n  --set-file 'customRules.rampart_rules\\.yaml=falco/falco_rules.local.yaml'\n\`\`\`\n\n2. Point the API server's audit webhook at Falco's k8saudit endpoint (managed clusters: use the cloud's audit-log plugin, e.g. k8saudit-eks, k8saudit-gke), so the audit rules see exec, secret and RBAC events.\n3. Put the Slack webhook and PagerDuty routing key in a Secret and expose them to falcosidekick as SLACK_WEBHOOKURL and PAGERDUTY_ROUTINGKEY (falcosidekick/config.yaml shows the rest of the routing).\n4. Narrow rampart_cluster_networks to your pod and service CIDRs and list legitimate external destinations in rampart_allowed_external_hosts.\n5. Pre-create the isolation policies, which select nothing until a pod is labelled: \`kubectl apply -f containment/\`.`,
      verify: '```sh\nkubectl logs -n falco -l app.kubernetes.io/name=falco | grep -i "loading rules"   # the rampart rules are loaded, without errors\nkubectl run rampart-falco-probe -n <app-namespace> --image=<allowed image> -it --rm -- sh   # raises "Rampart terminal shell in container" and an "exec" audit alert\n```\n\nConfirm the alert reaches Slack; trigger a test PagerDuty incident with falcosidekick\'s `/test` endpoint.',
      rollback: 'Remove the custom rules (`helm upgrade falco falcosecurity/falco --reuse-values --set customRules=null`) or uninstall Falco (`helm uninstall falco -n falco`). The isolation policies select only pods labelled rampart.dev/quarantine=true and can stay; delete them with `kubectl delete -f containment/`.',
    },
    controls: mergeControls(
      checkControls(['runtime']),
      controls('nsa-cisa', 'threat-detection', 'audit-logging-and-threat-detection'),
      controls('pci-dss', '10.2.1', '10.4.1', '11.5.1', '11.5.2', '12.10.1'),
      controls('soc2', 'CC7.2', 'CC7.3', 'CC7.4', 'CC7.5'),
      controls('hipaa', '164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.312(b)'),
      controls('mitre-attack', 'T1609', 'T1059', 'T1496', 'T1068', 'T1611', 'T1003', 'T1552.001', 'T1552.007', 'T1098', 'T1098.006', 'T1046', 'T1048', 'T1105'),
    ),
    phase: 8,
    risks: [
      'New rules alert on legitimate behaviour at first (debug shells, init scripts, new external APIs): run a week in a non-paging channel and tune rampart_allowed_external_hosts and the admin lists before routing to PagerDuty.',
      'rampart_cluster_networks defaults to every private range; until it is narrowed to the pod and service CIDRs, outbound connections to private addresses outside the cluster are not flagged.',
      'Falco runs as a privileged DaemonSet with a kernel driver or eBPF probe: install it in an exempt system namespace and check kernel compatibility on every node image.',
      'The audit rules need the API server audit log routed to Falco; without it they never fire.',
      'Quarantining a pod orphans it from its controller, which starts a replacement: the workload keeps running on the same (possibly vulnerable) image until it is fixed.',
    ],
  };
};
