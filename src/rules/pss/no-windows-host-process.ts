import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, nestedField, podSecurityContextOf,
  podSecurityContextPath, upstreamCheckUrl,
} from './support/pod-fields.js';

// Reads securityContext.windowsOptions.hostProcess at pod level and in every init, regular and ephemeral container.
// Allowed: unset or false. Ports policy/check_windowsHostProcess.go (windowsHostProcess_1_0).
function checkWindowsHostProcess(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  // No fix: a HostProcess container is built to run on the node and does not work without it.
  if (nestedField(podSecurityContextOf(pod), 'windowsOptions', 'hostProcess') === true) {
    violations.push({ messageId: 'pod', path: podSecurityContextPath(pod, 'windowsOptions', 'hostProcess') });
  }
  for (const container of containersOf(pod)) {
    if (nestedField(containerSecurityContextOf(container), 'windowsOptions', 'hostProcess') !== true) continue;
    violations.push({
      messageId: 'container',
      data: { container: container.name },
      path: containerSecurityContextPath(container, 'windowsOptions', 'hostProcess'),
      container: container.name,
    });
  }
  return violations;
}

export const noWindowsHostProcess = definePssRule({
  meta: {
    id: 'no-windows-host-process',
    title: 'Windows pods must not run HostProcess containers',
    severity: 'critical',
    category: 'pss',
    description: 'A Windows HostProcess container runs directly on the node with the node\'s network and file system: the Windows equivalent of a privileged container.',
    remediation: 'Remove securityContext.windowsOptions.hostProcess (or set it to false) at pod level and in every container.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_windowsHostProcess.go')],
    frameworks: {
      pss: { check: 'windowsHostProcess', level: 'baseline' },
      cis: ['5.2.11'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611', 'T1610'],
    },
    fixable: false,
    messages: {
      pod: 'pod sets spec.securityContext.windowsOptions.hostProcess: true',
      container: 'container "{{container}}" sets securityContext.windowsOptions.hostProcess: true',
    },
  },
  pss: { id: 'windowsHostProcess', level: 'baseline', versions: [{ minimumVersion: 0, check: checkWindowsHostProcess }] },
});
