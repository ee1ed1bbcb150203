import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads securityContext.capabilities.add of every init, regular and ephemeral container and names each
// dangerous capability with what it grants. Names are compared the way containerd and CRI-O read them:
// case-insensitively, with or without the `CAP_` prefix (PSA compares literally; we are stricter on purpose,
// so `cap_sys_admin` cannot slip through). capabilities(7) documents what each one allows.
const DANGEROUS: Readonly<Record<string, string>> = {
  ALL: 'every Linux capability, as good as privileged',
  SYS_ADMIN: 'mounting file systems, namespaces and most of root\'s powers, the usual container escape',
  NET_ADMIN: 'reconfiguring interfaces, routes and firewall rules of the pod network',
  NET_RAW: 'raw and packet sockets, enough to spoof ARP and DNS traffic of other pods',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_MODULE: 'loading kernel modules into the node\'s kernel',
  SYS_RAWIO: 'raw access to devices and I/O ports',
  SYS_BOOT: 'rebooting the node and loading a new kernel',
  SYS_TIME: 'setting the node\'s clock',
  DAC_READ_SEARCH: 'bypassing file read permission checks and open_by_handle_at, a known escape',
  BPF: 'loading BPF programs into the kernel',
  PERFMON: 'kernel performance monitoring and BPF tracing of the node',
  MAC_ADMIN: 'changing the AppArmor or SELinux policy',
  MAC_OVERRIDE: 'overriding AppArmor or SELinux',
  SYSLOG: 'reading the kernel log and kernel addresses',
  LINUX_IMMUTABLE: 'changing immutable and append-only file flags',
  SYS_RESOURCE: 'overriding resource limits and quotas',
};

export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export const noDangerousCapabilities = defineObjectRule({
  meta: {
    id: 'no-dangerous-capabilities',
    title: 'Containers add no dangerous Linux capabilities',
    severity: 'high',
    category: 'workload',
    description:
      'Each of SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, SYS_BOOT, SYS_TIME, DAC_READ_SEARCH, BPF, ' +
      'PERFMON, MAC_ADMIN, MAC_OVERRIDE, SYSLOG, LINUX_IMMUTABLE, SYS_RESOURCE and ALL hands a container a piece of root\'s ' +
      'power over the node or its neighbours. Each added one is reported with what it grants.',
    remediation:
      'Remove the capability from securityContext.capabilities.add; drop ALL and add back only narrow ones such as NET_BIND_SERVICE.',
    references: [DOCS.securityContext, DOCS.linuxCapabilities, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.2.8', '5.2.9', '5.2.10'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611', 'T1068', 'T1557'],
    },
    fixable: 'suggestion',
    messages: {
      dangerous: 'container "{{container}}" adds capability {{capability}} in securityContext.capabilities.add, which allows {{grants}}: remove it',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    for (const container of containersOf(pod)) {
      const capabilities = recordOf(recordOf(container.container.securityContext)?.['capabilities']);
      for (const [index, entry] of entriesOf(capabilities?.['add'])) {
        if (typeof entry !== 'string') continue;
        const capability = normalizeCapability(entry);
        const grants = DANGEROUS[capability];
        if (grants === undefined) continue;
        const path = [...container.path, 'securityContext', 'capabilities', 'add', index];
        context.report({
          messageId: 'dangerous',
          data: { container: container.name, capability: entry, grants },
          path,
          container: container.name,
          fix: { kind: 'suggestion', title: `remove ${entry} from the capabilities container "${container.name}" adds`, operations: [{ op: 'remove', path }] },
        });
      }
    }
  },
});
