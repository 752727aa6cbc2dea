/** The RBAC analysis checks (risky permissions and escalation paths), sorted by id. */
import type { AnyCheck } from '../../engine/types.js';
import pathClusterAdmin from './path.cluster-admin.js';
import pathNodes from './path.nodes.js';
import pathSecrets from './path.secrets.js';
import riskAdmissionPolicyWrite from './risk.admission-policy-write.js';
import riskApiserviceWrite from './risk.apiservice-write.js';
import riskAwsAuthWrite from './risk.aws-auth-write.js';
import riskBind from './risk.bind.js';
import riskClusterAdmin from './risk.cluster-admin.js';
import riskClusterrolebindingsWrite from './risk.clusterrolebindings-write.js';
import riskConfigmapsKubeSystemWrite from './risk.configmaps-kube-system-write.js';
import riskCrdWrite from './risk.crd-write.js';
import riskCsrApprove from './risk.csr-approve.js';
import riskCsrCreateApprove from './risk.csr-create-approve.js';
import riskEphemeralContainers from './risk.ephemeral-containers.js';
import riskEscalate from './risk.escalate.js';
import riskEventsDelete from './risk.events-delete.js';
import riskImpersonateGroups from './risk.impersonate-groups.js';
import riskImpersonateServiceaccounts from './risk.impersonate-serviceaccounts.js';
import riskImpersonateUsers from './risk.impersonate-users.js';
import riskNamespacesDelete from './risk.namespaces-delete.js';
import riskNetworkPolicyWrite from './risk.network-policy-write.js';
import riskNodesProxy from './risk.nodes-proxy.js';
import riskNodesStatusPatch from './risk.nodes-status-patch.js';
import riskNodesWrite from './risk.nodes-write.js';
import riskPersistentvolumesCreate from './risk.persistentvolumes-create.js';
import riskPodsAttach from './risk.pods-attach.js';
import riskPodsCreate from './risk.pods-create.js';
import riskPodsExec from './risk.pods-exec.js';
import riskPodsPortforward from './risk.pods-portforward.js';
import riskRolebindingsWrite from './risk.rolebindings-write.js';
import riskRolesWrite from './risk.roles-write.js';
import riskSecretsRead from './risk.secrets-read.js';
import riskServiceaccountTokenCreate from './risk.serviceaccount-token-create.js';
import riskServicesProxy from './risk.services-proxy.js';
import riskWebhookConfigWrite from './risk.webhook-config-write.js';
import riskWorkloadControllersWrite from './risk.workload-controllers-write.js';

/** Every RBAC analysis check, sorted by id. */
export const RBAC_CHECKS: readonly AnyCheck[] = [
  pathClusterAdmin,
  pathNodes,
  pathSecrets,
  riskAdmissionPolicyWrite,
  riskApiserviceWrite,
  riskAwsAuthWrite,
  riskBind,
  riskClusterAdmin,
  riskClusterrolebindingsWrite,
  riskConfigmapsKubeSystemWrite,
  riskCrdWrite,
  riskCsrApprove,
  riskCsrCreateApprove,
  riskEphemeralContainers,
  riskEscalate,
  riskEventsDelete,
  riskImpersonateGroups,
  riskImpersonateServiceaccounts,
  riskImpersonateUsers,
  riskNamespacesDelete,
  riskNetworkPolicyWrite,
  riskNodesProxy,
  riskNodesStatusPatch,
  riskNodesWrite,
  riskPersistentvolumesCreate,
  riskPodsAttach,
  riskPodsCreate,
  riskPodsExec,
  riskPodsPortforward,
  riskRolebindingsWrite,
  riskRolesWrite,
  riskSecretsRead,
  riskServiceaccountTokenCreate,
  riskServicesProxy,
  riskWebhookConfigWrite,
  riskWorkloadControllersWrite,
];

/** The same checks keyed by id, in the shape of the other domain registries. */
export const RBAC_CHECK_REGISTRY: Readonly<Record<string, AnyCheck>> = Object.fromEntries(RBAC_CHECKS.map((check) => [check.id, check]));
