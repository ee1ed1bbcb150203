import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { FixOperation } from '../../fix/operations.js';
import type { PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, displayValue, listOf, podSecurityContextOf, podSecurityContextPath, recordOf, upstreamCheckUrl } from './support/pod-fields.js';

// Reads spec.securityContext.sysctls[*].name (sysctls exist only at pod level). Allowed: the namespaced sysctls
// isolated from other pods, a list that grows with the policy version. Ports policy/check_sysctls.go
// (sysctlsV1Dot0, V1Dot27, V1Dot29, V1Dot32, V1Dot37).
const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function checkSysctlsWith(safe: readonly string[]): (pod: PodSpecView) => PssViolation[] {
  const allowed: ReadonlySet<unknown> = new Set(safe);
  return (pod) => {
    const sysctls = listOf(podSecurityContextOf(pod)?.['sysctls']);
    const isAllowed = (sysctl: unknown): boolean => allowed.has(recordOf(sysctl)?.['name']);
    const kept = sysctls.filter(isAllowed);
    if (kept.length === sysctls.length) return [];
    const listPath = podSecurityContextPath(pod, 'sysctls');
    // Same fix on every violation: the list without the unsafe entries, so applying one or all agrees.
    const operation: FixOperation = kept.length === 0 ? { op: 'remove', path: listPath } : { op: 'set', path: listPath, value: kept };
    const violations: PssViolation[] = [];
    sysctls.forEach((sysctl, index) => {
      if (isAllowed(sysctl)) return;
      const name = displayValue(recordOf(sysctl)?.['name'] ?? '');
      violations.push({
        messageId: 'forbiddenSysctl',
        data: { sysctl: name },
        path: [...listPath, index, 'name'],
        fix: { kind: 'suggestion', title: `remove sysctl ${name}`, operations: [operation] },
      });
    });
    return violations;
  };
}

export const safeSysctls = definePssRule({
  meta: {
    id: 'safe-sysctls',
    title: 'Pods may only set safe sysctls',
    severity: 'high',
    category: 'pss',
    description:
      'A sysctl outside the safe set either is not namespaced (it changes the whole node) or is not isolated from other pods, ' +
      'and can disable kernel protections.',
    remediation:
      'Remove sysctls other than the safe ones (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, ' +
      'net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start and the newer net.ipv4 ones of your policy version) from spec.securityContext.sysctls.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_sysctls.go'), 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
    frameworks: {
      pss: { check: 'sysctls', level: 'baseline' },
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: { forbiddenSysctl: 'pod sets the unsafe sysctl {{sysctl}} in spec.securityContext.sysctls' },
  },
  pss: {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: checkSysctlsWith(SAFE_1_0) },
      { minimumVersion: 27, check: checkSysctlsWith(SAFE_1_27) },
      { minimumVersion: 29, check: checkSysctlsWith(SAFE_1_29) },
      { minimumVersion: 32, check: checkSysctlsWith(SAFE_1_32) },
      { minimumVersion: 37, check: checkSysctlsWith(SAFE_1_37) },
    ],
  },
});
