/**
 * Falco rules tailored to the inventory, as typed data serialized once with the YAML library.
 * Every macro and list the rules use is defined in this file (prefixed `rampart_`), so it loads
 * on its own or next to Falco's default rules without depending on their names.
 *
 * Tailoring: rules are scoped to the inventory's application namespaces; the outbound rules
 * allow the ports the inventory's Services expose (plus DNS) inside the cluster networks, and
 * outside them only the names ExternalName Services declare; a process in an image that no
 * workload of the inventory uses is flagged.
 */
import { stringify } from 'yaml';
import { containerImages } from '../../../checks/image/reference.js';
import type { Inventory } from '../../../model/inventory.js';
import { isJsonObject } from '../../../model/types.js';
import { uniqueSorted, workloads } from '../admission/common.js';

export type FalcoPriority = 'EMERGENCY' | 'ALERT' | 'CRITICAL' | 'ERROR' | 'WARNING' | 'NOTICE' | 'INFORMATIONAL' | 'DEBUG';
export const FALCO_PRIORITIES: readonly FalcoPriority[] = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'];

export interface FalcoList {
  list: string;
  items: Array<string | number>;
}

export interface FalcoMacro {
  macro: string;
  condition: string;
}

export interface FalcoRule {
  rule: string;
  desc: string;
  condition: string;
  output: string;
  priority: FalcoPriority;
  tags: string[];
  source?: 'syscall' | 'k8s_audit';
}

export interface FalcoPluginRequirement {
  required_plugin_versions: Array<{ name: string; version: string }>;
}

export type FalcoItem = FalcoPluginRequirement | FalcoList | FalcoMacro | FalcoRule;

/** What the playbooks say about each rule (kept next to the rule, not emitted to Falco). */
export interface RuleGuide {
  rule: string;
  meaning: string;
  firstChecks: string[];
}

/** Facts from the inventory the rules are tailored with. */
export interface RuntimeFacts {
  namespaces: string[];
  images: string[];
  servicePorts: number[];
  /** External names the inventory declares as destinations (ExternalName Services). */
  externalHosts: string[];
}

/** Private address ranges treated as in-cluster destinations until the team narrows them to the pod and service CIDRs. */
export const CLUSTER_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

const CONTAINER_FIELDS = 'ns=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository:%container.image.tag';

/**
 * The facts of an inventory: application namespaces, image repositories, Service ports.
 *
 * @example
 * runtimeFacts(inventory, ['shop']).servicePorts; // [53, 80, 8080]
 */
export function runtimeFacts(inventory: Inventory, namespaces: readonly string[]): RuntimeFacts {
  // Both spellings: runtimes report the name as written (`nginx`) or normalized (`docker.io/library/nginx`).
  const images = uniqueSorted(
    workloads(inventory).flatMap((w) =>
      containerImages(w.resource).flatMap((c) => {
        const written = c.reference.raw.trim().replace(/@.*$/, '').replace(/:[^:/]*$/, '');
        return [written, `${c.reference.registry}/${c.reference.repository}`];
      }),
    ),
  );
  const ports = new Set<number>([53]);
  const externalHosts = new Set<string>();
  for (const service of inventory.ofKind('Service')) {
    const spec = service.body['spec'];
    if (isJsonObject(spec) && spec['type'] === 'ExternalName' && typeof spec['externalName'] === 'string' && /^[a-z0-9.-]+$/i.test(spec['externalName'])) externalHosts.add(spec['externalName'].toLowerCase());
    if (!isJsonObject(spec) || !Array.isArray(spec['ports'])) continue;
    for (const port of spec['ports']) {
      if (!isJsonObject(port)) continue;
      if (typeof port['port'] === 'number') ports.add(port['port']);
      if (typeof port['targetPort'] === 'number') ports.add(port['targetPort']);
    }
  }
  return { namespaces: [...namespaces], images, servicePorts: [...ports].sort((a, b) => a - b), externalHosts: [...externalHosts].sort() };
}

/**
 * The rules file items, in load order: plugin requirements, lists, macros, rules.
 *
 * @example
 * stringify(falcoRules(facts).items);
 */
export function falcoRules(facts: RuntimeFacts): { items: FalcoItem[]; guides: RuleGuide[] } {
  const lists: FalcoList[] = [
    { list: 'rampart_namespaces', items: facts.namespaces },
    { list: 'rampart_workload_images', items: facts.images },
    { list: 'rampart_service_ports', items: facts.servicePorts },
    { list: 'rampart_cluster_networks', items: CLUSTER_NETWORKS.map((n) => `"${n}"`) },
    { list: 'rampart_allowed_external_hosts', items: facts.externalHosts },
    { list: 'rampart_shell_binaries', items: ['ash', 'bash', 'csh', 'dash', 'fish', 'ksh', 'sh', 'tcsh', 'zsh'] },
    { list: 'rampart_privilege_binaries', items: ['doas', 'newgrp', 'pkexec', 'su', 'sudo'] },
    { list: 'rampart_sensitive_files', items: ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/pam.conf', '/root/.ssh/authorized_keys', '/root/.bash_history'] },
    { list: 'rampart_sensitive_directories', items: ['/etc/sudoers.d', '/etc/pam.d', '/root/.ssh', '/etc/kubernetes/pki', '/var/lib/kubelet/pki'] },
    { list: 'rampart_system_directories', items: ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/etc', '/lib', '/usr/lib'] },
    { list: 'rampart_miner_binaries', items: ['bfgminer', 'ccminer', 'cgminer', 'cpuminer', 'ethminer', 'lolminer', 'minerd', 'nbminer', 't-rex', 'xmr-stak', 'xmrig'] },
    { list: 'rampart_miner_ports', items: [3333, 4444, 5555, 6666, 7777, 8888, 14433, 14444, 45560, 45700] },
    { list: 'rampart_exec_subresources', items: ['exec', 'attach'] },
    { list: 'rampart_rbac_resources', items: ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'] },
    { list: 'rampart_rbac_admins', items: [] },
    { list: 'rampart_secret_readers', items: [] },
  ];
  const macros: FalcoMacro[] = [
    { macro: 'rampart_container', condition: 'container.id != host' },
    { macro: 'rampart_app_container', condition: 'rampart_container and k8s.ns.name in (rampart_namespaces)' },
    { macro: 'rampart_spawned_process', condition: 'evt.type in (execve, execveat) and evt.dir = <' },
    { macro: 'rampart_open_read', condition: 'evt.type in (open, openat, openat2) and evt.is_open_read = true and fd.typechar = f and fd.num >= 0' },
    { macro: 'rampart_open_write', condition: 'evt.type in (open, openat, openat2) and evt.is_open_write = true and fd.typechar = f and fd.num >= 0' },
    { macro: 'rampart_outbound', condition: 'evt.type = connect and evt.dir = < and (fd.typechar = 4 or fd.typechar = 6) and fd.net != "127.0.0.0/8" and (evt.rawres >= 0 or evt.res = EINPROGRESS)' },
    { macro: 'rampart_cluster_destination', condition: 'fd.snet in (rampart_cluster_networks)' },
    { macro: 'rampart_ka_successful', condition: 'ka.response.code startswith 2' },
    { macro: 'rampart_ka_human', condition: 'not ka.user.name startswith "system:"' },
  ];
  const entries: Array<{ rule: FalcoRule; guide: Omit<RuleGuide, 'rule'> }> = [
    {
      rule: {
        rule: 'Rampart terminal shell in container',
        desc: 'An interactive shell started in an application container (kubectl exec -it, or an attacker with a TTY).',
        condition: 'rampart_spawned_process and rampart_app_container and proc.name in (rampart_shell_binaries) and proc.tty != 0',
        output: `Terminal shell in container (user=%user.name shell=%proc.name parent=%proc.pname cmdline=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'WARNING',
        tags: ['rampart', 'container', 'shell', 'mitre_execution', 'T1059', 'T1609'],
      },
      guide: { meaning: 'Someone has an interactive shell inside an application container. Production containers should never need one.', firstChecks: ['Match it with the "Rampart exec into pod" audit event: who ran kubectl exec, from where?', 'If nobody on the team did it, contain the pod now.'] },
    },
    {
      rule: {
        rule: 'Rampart unexpected outbound connection',
        desc: 'An application container connects to an address outside the cluster networks that is not in rampart_allowed_external_hosts.',
        condition: 'rampart_outbound and rampart_app_container and not rampart_cluster_destination and not fd.sip.name in (rampart_allowed_external_hosts)',
        output: `Unexpected outbound connection (destination=%fd.name ip=%fd.sip port=%fd.sport process=%proc.name cmdline=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'NOTICE',
        tags: ['rampart', 'network', 'mitre_exfiltration', 'mitre_command_and_control', 'T1048', 'T1105'],
      },
      guide: { meaning: 'A workload talks to the internet at an address nobody listed: a new dependency, data exfiltration or a command-and-control channel.', firstChecks: ['Look up the destination (whois, threat intelligence).', 'If the destination is legitimate, add its name to rampart_allowed_external_hosts; otherwise contain the pod.'] },
    },
    {
      rule: {
        rule: 'Rampart outbound connection to an unexpected cluster port',
        desc: 'An application container connects inside the cluster networks on a port no Service of the inventory exposes (lateral movement, scanning).',
        condition: 'rampart_outbound and rampart_app_container and rampart_cluster_destination and not fd.sport in (rampart_service_ports)',
        output: `Connection to an unexpected in-cluster port (destination=%fd.name port=%fd.sport process=%proc.name ${CONTAINER_FIELDS})`,
        priority: 'NOTICE',
        tags: ['rampart', 'network', 'mitre_discovery', 'mitre_lateral_movement', 'T1046'],
      },
      guide: { meaning: 'Traffic to a port no Service exposes: a port scan, a direct pod-to-pod connection that bypasses Services, or access to the kubelet or node ports.', firstChecks: ['Check whether the destination is a node (kubelet 10250) or a pod IP.', 'Compare with the NetworkPolicies of the namespace: the network deliverable should block it.'] },
    },
    {
      rule: {
        rule: 'Rampart privilege escalation tool',
        desc: 'sudo, su, pkexec or a similar tool run in an application container.',
        condition: 'rampart_spawned_process and rampart_app_container and proc.name in (rampart_privilege_binaries)',
        output: `Privilege escalation tool run in container (user=%user.name uid=%user.uid command=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'CRITICAL',
        tags: ['rampart', 'container', 'mitre_privilege_escalation', 'T1068', 'T1611'],
      },
      guide: { meaning: 'A process tried to become another user, usually root: the first step towards escaping the container.', firstChecks: ['Check the pod\'s securityContext: allowPrivilegeEscalation=false and no setuid binaries prevent it from working.', 'Contain the pod and collect evidence.'] },
    },
    {
      rule: {
        rule: 'Rampart setuid by a non-root process',
        desc: 'A non-root process in an application container changes its user id (setuid binaries or exploit code).',
        condition: 'evt.type in (setuid, setresuid) and evt.dir = > and rampart_app_container and not user.uid = 0',
        output: `Non-root process changes its user id (user=%user.name uid=%user.uid process=%proc.name cmdline=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'WARNING',
        tags: ['rampart', 'container', 'mitre_privilege_escalation', 'T1068'],
      },
      guide: { meaning: 'A process running as a normal user asked the kernel for another identity.', firstChecks: ['Identify the binary (proc.exepath) and whether the image ships it with the setuid bit.', 'Set allowPrivilegeEscalation=false on the container.'] },
    },
    {
      rule: {
        rule: 'Rampart sensitive file read',
        desc: 'A process in an application container reads credentials or host key material (/etc/shadow, SSH keys, Kubernetes PKI).',
        condition: 'rampart_open_read and rampart_app_container and (fd.name in (rampart_sensitive_files) or fd.directory in (rampart_sensitive_directories))',
        output: `Sensitive file read (file=%fd.name user=%user.name process=%proc.name cmdline=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'WARNING',
        tags: ['rampart', 'filesystem', 'mitre_credential_access', 'T1003', 'T1552.001'],
      },
      guide: { meaning: 'Credential material is being read; in a container this is almost always reconnaissance or theft.', firstChecks: ['Was the file from the image or a hostPath mount? A hostPath makes this a node compromise.', 'Rotate any credential the file holds.'] },
    },
    {
      rule: {
        rule: 'Rampart write below system directories',
        desc: 'A process in an application container writes below /etc or a binary directory (drift from the image, persistence).',
        condition: 'rampart_open_write and rampart_app_container and fd.directory in (rampart_system_directories)',
        output: `Write below a system directory (file=%fd.name user=%user.name process=%proc.name ${CONTAINER_FIELDS})`,
        priority: 'ERROR',
        tags: ['rampart', 'filesystem', 'mitre_persistence', 'T1036.005', 'T1565'],
      },
      guide: { meaning: 'The container is being modified at run time. A read-only root filesystem (admission deliverable) makes this impossible.', firstChecks: ['Collect the written file before anything else.', 'Check whether the workload runs with readOnlyRootFilesystem.'] },
    },
    {
      rule: {
        rule: 'Rampart crypto miner process',
        desc: 'A known cryptocurrency miner binary, or a process with a stratum URL in its command line, runs in a container.',
        condition: 'rampart_spawned_process and rampart_container and (proc.name in (rampart_miner_binaries) or proc.cmdline contains "stratum+tcp" or proc.cmdline contains "stratum+ssl")',
        output: `Crypto miner started (process=%proc.name cmdline=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'CRITICAL',
        tags: ['rampart', 'container', 'mitre_impact', 'T1496'],
      },
      guide: { meaning: 'Resource hijacking: someone runs a miner on your nodes.', firstChecks: ['Find how it got in: image (check the digest against CI), exec (audit log), or an exploited application.', 'Contain, then rebuild the workload from a verified image.'] },
    },
    {
      rule: {
        rule: 'Rampart connection to a mining pool port',
        desc: 'A container connects outside the cluster networks on a port mining pools use.',
        condition: 'rampart_outbound and rampart_container and not rampart_cluster_destination and fd.sport in (rampart_miner_ports)',
        output: `Connection to a mining pool port (destination=%fd.name port=%fd.sport process=%proc.name ${CONTAINER_FIELDS})`,
        priority: 'CRITICAL',
        tags: ['rampart', 'network', 'mitre_impact', 'T1496'],
      },
      guide: { meaning: 'Typical stratum traffic to a mining pool.', firstChecks: ['Block the destination at the egress firewall.', 'Treat as "Rampart crypto miner process".'] },
    },
    {
      rule: {
        rule: 'Rampart process in an image outside the inventory',
        desc: 'A process runs in an application namespace in a container whose image is none of the inventory\'s workload images (a debug image, an image pushed outside the pipeline, a tampered deployment).',
        condition: 'rampart_spawned_process and rampart_app_container and not container.image.repository in (rampart_workload_images)',
        output: `Process in an image outside the inventory (process=%proc.name cmdline=%proc.cmdline ${CONTAINER_FIELDS})`,
        priority: 'NOTICE',
        tags: ['rampart', 'container', 'mitre_execution', 'T1610', 'T1525'],
      },
      guide: { meaning: 'Something runs that the reviewed manifests do not describe.', firstChecks: ['Find the pod\'s owner and who created it (audit log).', 'If it is a legitimate new workload, regenerate the rules from the updated manifests.'] },
    },
    {
      rule: {
        rule: 'Rampart exec into pod',
        desc: 'A person (not a system component) ran kubectl exec or attach against a pod.',
        condition: 'ka.target.resource = pods and ka.target.subresource in (rampart_exec_subresources) and ka.verb in (create, get) and rampart_ka_human',
        output: 'Exec into pod (user=%ka.user.name groups=%ka.user.groups pod=%ka.target.namespace/%ka.target.name subresource=%ka.target.subresource command=%ka.uri.param[command] source=%ka.sourceips)',
        priority: 'NOTICE',
        tags: ['rampart', 'k8s_audit', 'mitre_execution', 'T1609'],
        source: 'k8s_audit',
      },
      guide: { meaning: 'An interactive command was run inside a pod through the API server.', firstChecks: ['Confirm with the user; exec in production should follow a break-glass procedure.', 'Restrict pods/exec in RBAC (rbac deliverable).'] },
    },
    {
      rule: {
        rule: 'Rampart secret read by a person',
        desc: 'A person (not a ServiceAccount or system component) read Secrets through the API.',
        condition: 'ka.target.resource = secrets and ka.verb in (get, list, watch) and rampart_ka_human and rampart_ka_successful and not ka.user.name in (rampart_secret_readers)',
        output: 'Secret read (user=%ka.user.name verb=%ka.verb secret=%ka.target.namespace/%ka.target.name source=%ka.sourceips)',
        priority: 'WARNING',
        tags: ['rampart', 'k8s_audit', 'mitre_credential_access', 'T1552.007'],
        source: 'k8s_audit',
      },
      guide: { meaning: 'Secret values left the cluster to a person\'s terminal.', firstChecks: ['Was it part of an approved change? If not, rotate the Secrets read.', 'Remove get/list on secrets from human roles.'] },
    },
    {
      rule: {
        rule: 'Rampart RBAC change',
        desc: 'A Role, ClusterRole or binding was created, changed or deleted by someone not in rampart_rbac_admins.',
        condition: 'ka.target.resource in (rampart_rbac_resources) and ka.verb in (create, update, patch, delete) and rampart_ka_successful and not ka.user.name in (rampart_rbac_admins)',
        output: 'RBAC change (user=%ka.user.name verb=%ka.verb resource=%ka.target.resource name=%ka.target.namespace/%ka.target.name source=%ka.sourceips)',
        priority: 'WARNING',
        tags: ['rampart', 'k8s_audit', 'mitre_persistence', 'mitre_privilege_escalation', 'T1098', 'T1098.006'],
        source: 'k8s_audit',
      },
      guide: { meaning: 'Permissions in the cluster changed outside the normal (GitOps) path.', firstChecks: ['Diff the object against Git.', 'If unexpected, revert it and review what the new permission was used for (audit log by user).'] },
    },
    {
      rule: {
        rule: 'Rampart binding to cluster-admin',
        desc: 'A RoleBinding or ClusterRoleBinding to cluster-admin was created.',
        condition: 'ka.target.resource in (clusterrolebindings, rolebindings) and ka.verb = create and ka.req.binding.role = cluster-admin and rampart_ka_successful',
        output: 'Binding to cluster-admin created (user=%ka.user.name binding=%ka.target.namespace/%ka.target.name subjects=%ka.req.binding.subjects source=%ka.sourceips)',
        priority: 'CRITICAL',
        tags: ['rampart', 'k8s_audit', 'mitre_privilege_escalation', 'T1098.006'],
        source: 'k8s_audit',
      },
      guide: { meaning: 'Someone gave full control of the cluster to a subject.', firstChecks: ['Delete the binding unless it is an approved break-glass action.', 'Review everything the subject did since (audit log).'] },
    },
  ];
  const items: FalcoItem[] = [{ required_plugin_versions: [{ name: 'k8saudit', version: '0.7.0' }, { name: 'json', version: '0.7.0' }] }, ...lists, ...macros, ...entries.map((e) => e.rule)];
  return { items, guides: entries.map((e) => ({ rule: e.rule.rule, ...e.guide })) };
}

/**
 * The rules file as YAML text.
 *
 * @example
 * falcoRulesYaml(falcoRules(facts).items);
 */
export function falcoRulesYaml(items: readonly FalcoItem[]): string {
  return `# Falco rules tailored to the inventory; load after falco_rules.yaml. Every macro and list used is defined here.\n${stringify(items, { lineWidth: 0 })}`;
}
