import type { Rule } from '../../engine/rule.js';
import { rbacBindingMissingRole } from './rbac-binding-missing-role.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';
import { rbacCsrApprove } from './rbac-csr-approve.js';
import { rbacDefaultServiceaccountGrant } from './rbac-default-serviceaccount-grant.js';
import { rbacEscalateBindImpersonate } from './rbac-escalate-bind-impersonate.js';
import { rbacNodesProxy } from './rbac-nodes-proxy.js';
import { rbacPersistentVolumeCreate } from './rbac-persistent-volume-create.js';
import { rbacPodExec } from './rbac-pod-exec.js';
import { rbacPublicGroupGrant } from './rbac-public-group-grant.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';
import { rbacServiceaccountTokenCreate } from './rbac-serviceaccount-token-create.js';
import { rbacWebhookConfig } from './rbac-webhook-config.js';
import { rbacWildcardGrant } from './rbac-wildcard-grant.js';
import { rbacWorkloadCreate } from './rbac-workload-create.js';
import { rbacAdmissionPolicyWrite } from './rbac-admission-policy-write.js';
import { rbacNamespaceWrite } from './rbac-namespace-write.js';
import { rbacBindingWrite } from './rbac-binding-write.js';
import { rbacEphemeralContainers } from './rbac-ephemeral-containers.js';
import { rbacTrafficRedirect } from './rbac-traffic-redirect.js';

// Rules of this domain, in the order they are listed.
export const rbacRules: readonly Rule[] = [
  rbacClusterAdminBinding,
  rbacWildcardGrant,
  rbacSecretsRead,
  rbacWorkloadCreate,
  rbacPodExec,
  rbacEscalateBindImpersonate,
  rbacServiceaccountTokenCreate,
  rbacNodesProxy,
  rbacCsrApprove,
  rbacWebhookConfig,
  rbacPersistentVolumeCreate,
  rbacDefaultServiceaccountGrant,
  rbacPublicGroupGrant,
  rbacTrafficRedirect,
  rbacEphemeralContainers,
  rbacBindingWrite,
  rbacNamespaceWrite,
  rbacAdmissionPolicyWrite,
  rbacBindingMissingRole,
];
