import type { PssRule } from '../../engine/pss-rule.js';
import { apparmorProfile } from './apparmor-profile.js';
import { capabilitiesBaseline } from './capabilities-baseline.js';
import { capabilitiesRestricted } from './capabilities-restricted.js';
import { noHostNamespaces } from './no-host-namespaces.js';
import { noHostPorts } from './no-host-ports.js';
import { noHostProbesOrLifecycle } from './no-host-probes-or-lifecycle.js';
import { noHostpathVolumes } from './no-hostpath-volumes.js';
import { noPrivilegeEscalation } from './no-privilege-escalation.js';
import { noPrivileged } from './no-privileged.js';
import { noWindowsHostProcess } from './no-windows-host-process.js';
import { procMountRestricted } from './proc-mount-restricted.js';
import { procMount } from './proc-mount.js';
import { restrictedVolumeTypes } from './restricted-volume-types.js';
import { runAsNonRootUser } from './run-as-non-root-user.js';
import { runAsNonRoot } from './run-as-non-root.js';
import { safeSysctls } from './safe-sysctls.js';
import { seccompProfileBaseline } from './seccomp-profile-baseline.js';
import { seccompProfileRestricted } from './seccomp-profile-restricted.js';
import { selinuxOptions } from './selinux-options.js';

// Rules of this domain, in the order they are listed: the baseline checks, then the restricted ones.
export const pssRules: readonly PssRule[] = [
  noPrivileged,
  noHostNamespaces,
  noHostPorts,
  noHostpathVolumes,
  capabilitiesBaseline,
  seccompProfileBaseline,
  selinuxOptions,
  procMount,
  safeSysctls,
  apparmorProfile,
  noWindowsHostProcess,
  noHostProbesOrLifecycle,
  restrictedVolumeTypes,
  capabilitiesRestricted,
  noPrivilegeEscalation,
  runAsNonRoot,
  runAsNonRootUser,
  seccompProfileRestricted,
  procMountRestricted,
];
