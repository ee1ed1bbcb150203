import type { Rule } from '../../engine/rule.js';
import { cpuRequestsLimits } from './cpu-requests-limits.js';
import { allowedImageRegistries } from './allowed-image-registries.js';
import { imagePinnedByDigest } from './image-pinned-by-digest.js';
import { imagePullPolicyAlways } from './image-pull-policy-always.js';
import { noLatestImageTag } from './no-latest-image-tag.js';
import { ingressTls } from './ingress-tls.js';
import { ingressNginxSnippetAnnotations } from './ingress-nginx-snippet-annotations.js';
import { loadBalancerSourceRanges } from './load-balancer-source-ranges.js';
import { namespacePodSecurityLabels } from './namespace-pod-security-labels.js';
import { namespaceResourcePolicies } from './namespace-resource-policies.js';
import { noDefaultNamespace } from './no-default-namespace.js';
import { serviceExternalExposure } from './service-external-exposure.js';
import { sensitivePort } from './sensitive-port.js';
import { noHostAliases } from './no-host-aliases.js';
import { userNamespaces } from './user-namespaces.js';
import { memoryRequestsLimits } from './memory-requests-limits.js';
import { ephemeralStorageRequestsLimits } from './ephemeral-storage-requests-limits.js';
import { noAutomountServiceAccountToken } from './no-automount-service-account-token.js';
import { noDefaultServiceAccount } from './no-default-service-account.js';
import { noSensitiveHostPath } from './no-sensitive-host-path.js';
import { noWritableHostPath } from './no-writable-host-path.js';
import { noCredentialsInConfigmap } from './no-credentials-in-configmap.js';
import { noCredentialsInEnv } from './no-credentials-in-env.js';
import { noLegacyServiceAccountTokenSecret } from './no-legacy-service-account-token-secret.js';
import { noSecretDataInManifest } from './no-secret-data-in-manifest.js';
import { noDangerousCapabilities } from './no-dangerous-capabilities.js';
import { noShareProcessNamespace } from './no-share-process-namespace.js';
import { noUnconfinedApparmor } from './no-unconfined-apparmor.js';
import { noUnconfinedSeccomp } from './no-unconfined-seccomp.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { runAsHighGid } from './run-as-high-gid.js';
import { runAsHighUid } from './run-as-high-uid.js';
import { secretsAsFiles } from './secrets-as-files.js';

// Rules of this domain, in the order they are listed.
export const workloadRules: readonly Rule[] = [
  readOnlyRootFilesystem,
  runAsHighUid,
  runAsHighGid,
  userNamespaces,
  cpuRequestsLimits,
  memoryRequestsLimits,
  ephemeralStorageRequestsLimits,
  noDangerousCapabilities,
  noShareProcessNamespace,
  noUnconfinedSeccomp,
  noUnconfinedApparmor,
  noLatestImageTag,
  imagePinnedByDigest,
  allowedImageRegistries,
  imagePullPolicyAlways,
  noAutomountServiceAccountToken,
  noDefaultServiceAccount,
  noSensitiveHostPath,
  noWritableHostPath,
  noCredentialsInEnv,
  noCredentialsInConfigmap,
  secretsAsFiles,
  noSecretDataInManifest,
  noLegacyServiceAccountTokenSecret,
  serviceExternalExposure,
  sensitivePort,
  noHostAliases,
  loadBalancerSourceRanges,
  ingressTls,
  ingressNginxSnippetAnnotations,
  noDefaultNamespace,
  namespacePodSecurityLabels,
  namespaceResourcePolicies,
];
