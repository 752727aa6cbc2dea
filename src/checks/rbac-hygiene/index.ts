/** rbac-hygiene checks (domain `rbac`, one object at a time), keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import anonymousBinding from './anonymous-binding.js';
import authenticatedBinding from './authenticated-binding.js';
import bindVerb from './bind-verb.js';
import clusterAdminBinding from './cluster-admin-binding.js';
import csrApproval from './csr-approval.js';
import defaultServiceaccountBinding from './default-serviceaccount-binding.js';
import escalateVerb from './escalate-verb.js';
import fullWildcardRule from './full-wildcard-rule.js';
import impersonateVerb from './impersonate-verb.js';
import kubeSystemWrite from './kube-system-write.js';
import nodesProxy from './nodes-proxy.js';
import persistentvolumesCreate from './persistentvolumes-create.js';
import podsAttach from './pods-attach.js';
import podsCreate from './pods-create.js';
import podsExec from './pods-exec.js';
import podsPortforward from './pods-portforward.js';
import secretsRead from './secrets-read.js';
import serviceaccountTokenCreate from './serviceaccount-token-create.js';
import webhookConfigWrite from './webhook-config-write.js';
import wildcardApiGroups from './wildcard-api-groups.js';
import wildcardResources from './wildcard-resources.js';
import wildcardVerbs from './wildcard-verbs.js';

export const RBAC_HYGIENE_CHECKS = {
  'rbac.anonymous-binding': anonymousBinding,
  'rbac.authenticated-binding': authenticatedBinding,
  'rbac.bind-verb': bindVerb,
  'rbac.cluster-admin-binding': clusterAdminBinding,
  'rbac.csr-approval': csrApproval,
  'rbac.default-serviceaccount-binding': defaultServiceaccountBinding,
  'rbac.escalate-verb': escalateVerb,
  'rbac.full-wildcard-rule': fullWildcardRule,
  'rbac.impersonate-verb': impersonateVerb,
  'rbac.kube-system-write': kubeSystemWrite,
  'rbac.nodes-proxy': nodesProxy,
  'rbac.persistentvolumes-create': persistentvolumesCreate,
  'rbac.pods-attach': podsAttach,
  'rbac.pods-create': podsCreate,
  'rbac.pods-exec': podsExec,
  'rbac.pods-portforward': podsPortforward,
  'rbac.secrets-read': secretsRead,
  'rbac.serviceaccount-token-create': serviceaccountTokenCreate,
  'rbac.webhook-config-write': webhookConfigWrite,
  'rbac.wildcard-api-groups': wildcardApiGroups,
  'rbac.wildcard-resources': wildcardResources,
  'rbac.wildcard-verbs': wildcardVerbs,
} as const satisfies Record<string, AnyCheck>;
