import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads spec.hostAliases of pods and pod templates. Each entry is written into the containers'
// /etc/hosts by the kubelet and wins over cluster DNS: a manifest can pin a name (a registry, an
// identity provider, the API server) to an address of its choosing, unseen by anyone reading DNS or
// NetworkPolicies.
export const noHostAliases = defineObjectRule({
  meta: {
    id: 'no-host-aliases',
    title: 'Pods do not override name resolution with hostAliases',
    severity: 'low',
    category: 'network',
    description:
      'hostAliases entries are written into /etc/hosts of every container and take precedence over cluster DNS. They silently send ' +
      'a name (a package registry, an identity provider, a database) to a fixed address, survive DNS changes and are invisible to ' +
      'whoever reviews DNS records or network policies.',
    remediation: 'Remove spec.hostAliases and publish the name in DNS (a Service, an ExternalName Service or the cluster DNS configuration).',
    references: ['https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/', DOCS.nsaHardeningGuide],
    frameworks: { nsa: ['Network separation and hardening'], mitre: ['T1565.002'] },
    fixable: false,
    messages: {
      hostAlias: 'spec.hostAliases[{{index}}] maps {{hostnames}} to {{ip}} in /etc/hosts, over cluster DNS: publish it in DNS instead',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    for (const [index, entry] of entriesOf(pod.spec['hostAliases'])) {
      const alias = recordOf(entry);
      const hostnames = entriesOf(alias?.['hostnames']).map(([, name]) => String(name)).join(', ');
      context.report({ messageId: 'hostAlias', data: { index, hostnames, ip: String(alias?.['ip'] ?? '') }, path: [...pod.specPath, 'hostAliases', index] });
    }
  },
});
