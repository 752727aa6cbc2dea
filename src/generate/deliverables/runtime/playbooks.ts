/**
 * Incident-response playbooks (Markdown) and the isolation NetworkPolicy they use, plus the
 * falcosidekick alert-routing example. Quarantine commands are tailored per workload: they
 * remove the labels the workload's selector uses, so the pod leaves its ReplicaSet (which
 * starts a clean replacement) and stops matching the namespace's allow policies.
 */
import { stringify } from 'yaml';
import { isJsonObject, type JsonObject } from '../../../model/types.js';
import { markdownTable, objectMeta, type Workload } from '../admission/common.js';
import type { RuleGuide } from './falco.js';

export const QUARANTINE_LABEL = 'rampart.dev/quarantine';
export const ISOLATION_POLICY_NAME = 'rampart-quarantine';

/**
 * The NetworkPolicy that denies all traffic to and from quarantined pods of a namespace.
 *
 * @example
 * isolationPolicy('shop').spec; // { podSelector: { matchLabels: { 'rampart.dev/quarantine': 'true' } }, policyTypes: ['Ingress', 'Egress'] }
 */
export function isolationPolicy(namespace: string): JsonObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: objectMeta(ISOLATION_POLICY_NAME, namespace),
    spec: { podSelector: { matchLabels: { [QUARANTINE_LABEL]: 'true' } }, policyTypes: ['Ingress', 'Egress'] },
  };
}

/**
 * The label keys to remove from a quarantined pod: its controller's selector (so it is orphaned
 * and replaced) and every pod-template label (so no NetworkPolicy or Service selecting by label
 * matches it any more). Job pods are selected by their controller uid.
 *
 * @example
 * quarantineLabelKeys(deploymentWorkload); // ['app', 'tier']
 */
export function quarantineLabelKeys(workload: Workload): string[] {
  const keys = new Set<string>();
  for (const template of workload.templates) {
    const labels = template.metadata['labels'];
    if (isJsonObject(labels)) for (const key of Object.keys(labels)) keys.add(key);
  }
  const spec = workload.resource.body['spec'];
  const selector = isJsonObject(spec) && isJsonObject(spec['selector']) ? spec['selector'] : undefined;
  if (selector && isJsonObject(selector['matchLabels'])) for (const key of Object.keys(selector['matchLabels'])) keys.add(key);
  if (workload.resource.kind === 'Job' || workload.resource.kind === 'CronJob') {
    keys.add('batch.kubernetes.io/controller-uid');
    keys.add('controller-uid');
  }
  keys.delete(QUARANTINE_LABEL);
  return [...keys].sort();
}

function quarantineCommand(workload: Workload): string {
  const removals = quarantineLabelKeys(workload).map((k) => ` ${k}-`).join('');
  return `kubectl label pod <pod> -n ${workload.namespace} ${QUARANTINE_LABEL}=true${removals} --overwrite`;
}

/**
 * The general incident-response playbook.
 *
 * @example
 * incidentResponsePlaybook(workloads(inventory), ['shop']);
 */
export function incidentResponsePlaybook(list: readonly Workload[], namespaces: readonly string[]): string {
  const rows = list.map((w) => [`${w.namespace}/${w.resource.name} (${w.resource.kind})`, `\`${quarantineCommand(w)}\``]);
  return `# Incident response: containers and the cluster

Use this playbook when a Falco alert (see by-alert.md) or any other signal says a workload may be compromised. Work in this order — **contain, collect evidence, eradicate, recover** — and write down every command you run and when (UTC).

## 1. Contain

Goal: stop the damage without destroying evidence. Do **not** delete the pod yet.

1. Make sure the isolation policy exists in the namespace (containment/isolate-<namespace>.yaml, one per namespace: ${namespaces.length > 0 ? namespaces.map((n) => `\`${n}\``).join(', ') : 'none in the inventory'}):

   \`\`\`sh
   kubectl apply -f containment/isolate-<namespace>.yaml
   \`\`\`

2. Quarantine the pod: label it \`${QUARANTINE_LABEL}=true\` and remove its selector labels. The pod leaves its ReplicaSet (a clean replacement starts), stops receiving Service traffic, and stops matching the namespace's allow policies. NetworkPolicies add up, so a policy that selects every pod (\`podSelector: {}\`, e.g. a DNS allow) still applies: check with \`kubectl get networkpolicy -n <namespace>\`.

${rows.length > 0 ? markdownTable(['Workload', 'Quarantine command'], rows) : '_No workloads in the inventory._'}

3. Stop the pod's identity: remove its ServiceAccount's RoleBindings or delete its token (\`kubectl delete secret\` for legacy tokens); projected tokens expire within the hour.
4. Isolate the node if the container may have escaped (privileged pod, hostPath, a setuid or kernel exploit alert):

   \`\`\`sh
   kubectl cordon <node>                                   # no new pods
   kubectl drain <node> --ignore-daemonsets --delete-emptydir-data --pod-selector='${QUARANTINE_LABEL}!=true'   # move everything else away, keep the quarantined pod
   \`\`\`

   On a cloud provider, also detach the node from its load balancers and snapshot its disk.

## 2. Collect evidence

Collect before changing anything else; hash every file (\`sha256sum\`) and store it write-once.

\`\`\`sh
kubectl get pod <pod> -n <namespace> -o yaml > pod.yaml
kubectl describe pod <pod> -n <namespace> > pod-describe.txt
kubectl logs <pod> -n <namespace> --all-containers --timestamps > logs.txt
kubectl logs <pod> -n <namespace> --all-containers --previous --timestamps > logs-previous.txt || true
kubectl get events -n <namespace> --sort-by=.lastTimestamp -o yaml > events.yaml
# Container checkpoint (kubelet checkpoint API, Kubernetes 1.30+ with the ContainerCheckpoint feature):
kubectl get --raw "/api/v1/nodes/<node>/proxy/checkpoint/<namespace>/<pod>/<container>" -X POST
# Process list and open connections, from the node (never exec into the suspect container):
kubectl debug node/<node> -it --image=<allowed-registry>/debug-tools:<tag> -- chroot /host crictl inspect <container-id>
\`\`\`

Also export: the Falco events of the pod (\`k8s.pod.name=<pod>\`) from your alert store, the API server audit log for the namespace and the pod's ServiceAccount for the incident window, and the image digest that was running (compare with the CI signature and SBOM).

## 3. Eradicate

1. Find the entry point: the vulnerable image (scan the running digest), an exec session (audit log), a leaked credential, or a misconfiguration (run \`rampart scan\` on the workload).
2. Fix it at the source: patch and rebuild the image, rotate every Secret the pod could read (secrets deliverable: rotate in the backend, ExternalSecrets sync within the refresh interval), revoke the credentials used.
3. Delete the quarantined pod once evidence is secured: \`kubectl delete pod <pod> -n <namespace>\`. Replace a node that may have been compromised instead of cleaning it.

## 4. Recover

1. Deploy the fixed, signed image through the normal pipeline; confirm the admission policies admit it and the old digest is refused.
2. \`kubectl uncordon <node>\` only for nodes that were not compromised; replace the others.
3. Watch the workload's Falco alerts and the monitoring dashboard for a week; lower nothing until then.
4. Write the post-incident review: timeline, root cause, what detected it, what would have prevented it, and the follow-up changes (tracked to completion).
`;
}

/**
 * One section per Falco rule: what it means and what to check first.
 *
 * @example
 * byAlertPlaybook(guides);
 */
export function byAlertPlaybook(guides: readonly RuleGuide[]): string {
  const sections = guides.map((g) => `## ${g.rule}\n\n${g.meaning}\n\nFirst checks:\n\n${g.firstChecks.map((c) => `- ${c}`).join('\n')}\n\nIf it is not explained within 15 minutes, follow incident-response.md from step 1.\n`);
  return `# Playbooks by alert\n\nOne section per rule in falco/falco_rules.local.yaml. Each ends in the general incident-response playbook (incident-response.md) when the alert is not explained.\n\n${sections.join('\n')}`;
}

/**
 * falcosidekick configuration: Slack for warnings and above, PagerDuty for critical and above,
 * Prometheus metrics on. Credentials are placeholders, to be supplied from a Secret through
 * falcosidekick's environment variables.
 *
 * @example
 * falcosidekickConfig('demo');
 */
export function falcosidekickConfig(cluster: string): string {
  const config: JsonObject = {
    listenport: 2801,
    customfields: `cluster:${cluster}`,
    slack: {
      webhookurl: 'REPLACE-WITH-SLACK-WEBHOOK-URL (or set SLACK_WEBHOOKURL from a Secret)',
      channel: '#security-alerts',
      minimumpriority: 'warning',
      messageformat: 'Falco alert on {{ index .OutputFields "k8s.ns.name" }}/{{ index .OutputFields "k8s.pod.name" }}: {{ .Rule }}',
      outputformat: 'all',
    },
    pagerduty: {
      routingkey: 'REPLACE-WITH-PAGERDUTY-ROUTING-KEY (or set PAGERDUTY_ROUTINGKEY from a Secret)',
      region: 'us',
      minimumpriority: 'critical',
    },
  };
  return `# falcosidekick alert routing: Slack >= warning, PagerDuty >= critical.\n# Never commit real webhook URLs or routing keys: supply them as environment variables from a Secret.\n${stringify(config, { lineWidth: 0 })}`;
}
