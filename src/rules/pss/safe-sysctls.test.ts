import { RuleTester } from '../../../testing/rule-tester.js';
import { podYaml } from '../../../testing/pod-fixtures.js';
import { safeSysctls } from './safe-sysctls.js';

const sysctls = (...names: string[]) => podYaml((pod) => { pod.spec.securityContext['sysctls'] = names.map((name) => ({ name, value: '1' })); }, 'baseline');

new RuleTester(safeSysctls).run({
  valid: [
    { name: 'no sysctls', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'the v1.0 safe set',
      yaml: sysctls('kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'),
      pssLevel: 'baseline',
      pssVersion: 0,
    },
    { name: 'ip_local_reserved_ports from v1.27', yaml: sysctls('net.ipv4.ip_local_reserved_ports'), pssLevel: 'baseline', pssVersion: 27 },
    { name: 'keepalive sysctls from v1.29', yaml: sysctls('net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'), pssLevel: 'baseline', pssVersion: 29 },
    { name: 'tcp buffer sysctls from v1.32', yaml: sysctls('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'), pssLevel: 'baseline', pssVersion: 32 },
    { name: 'v1.37 additions', yaml: sysctls('net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'), pssLevel: 'baseline', pssVersion: 37 },
  ],
  invalid: [
    {
      name: 'an unsafe sysctl among safe ones; the suggestion keeps the safe ones',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - name: kernel.shm_rmid_forced
        value: "1"
      - name: kernel.msgmax
        value: "65536"
  containers:
    - name: app
      image: nginx:1.27
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'forbiddenSysctl', line: 10, path: 'spec.securityContext.sysctls[1].name' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - name: kernel.shm_rmid_forced
        value: "1"
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    { name: 'ip_local_reserved_ports before v1.27', yaml: sysctls('net.ipv4.ip_local_reserved_ports'), pssLevel: 'baseline', pssVersion: 26, errors: [{ messageId: 'forbiddenSysctl', path: 'spec.securityContext.sysctls[0].name' }] },
    { name: 'tcp_rmem before v1.32', yaml: sysctls('net.ipv4.tcp_rmem'), pssLevel: 'baseline', pssVersion: 31, errors: [{ messageId: 'forbiddenSysctl' }] },
    { name: 'v1.37 additions before v1.37', yaml: sysctls('net.ipv4.tcp_notsent_lowat'), pssLevel: 'baseline', pssVersion: 36, errors: [{ messageId: 'forbiddenSysctl' }] },
  ],
});
