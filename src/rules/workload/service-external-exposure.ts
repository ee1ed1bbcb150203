import { defineObjectRule } from '../../engine/rule.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads spec.type and spec.externalIPs of Services. NodePort opens the port on every node's address;
// LoadBalancer asks the cloud for an external address (and also opens node ports); externalIPs lets
// whoever can create Services intercept traffic to any IP (CVE-2020-8554). ClusterIP and ExternalName pass.
export const serviceExternalExposure = defineObjectRule({
  meta: {
    id: 'service-external-exposure',
    title: 'Services are not exposed outside the cluster without review',
    severity: 'low',
    category: 'network',
    description:
      'Services of type NodePort or LoadBalancer, and Services with externalIPs, make a workload reachable from outside ' +
      'the cluster network. Exposure should go through a reviewed entry point (an Ingress or Gateway with TLS) rather than ' +
      'appear as a side effect of a Service definition.',
    remediation:
      'Use type: ClusterIP and expose HTTP through an Ingress or Gateway with TLS; keep NodePort and LoadBalancer for reviewed entry points and restrict their source ranges.',
    references: [DOCS.services, 'https://github.com/kubernetes/kubernetes/issues/97076'],
    frameworks: {
      nsa: ['Network separation and hardening: network policies'],
      mitre: ['T1133', 'T1190'],
    },
    fixable: false,
    messages: {
      nodePort: 'spec.type is NodePort, which opens the port on every node: use ClusterIP behind an Ingress or Gateway',
      loadBalancer: 'spec.type is LoadBalancer, which exposes the Service on an external address: use ClusterIP behind an Ingress or Gateway, or restrict loadBalancerSourceRanges',
      externalIp: 'spec.externalIPs[{{index}}] routes traffic for an external address to this Service: remove it',
    },
  },
  kinds: ['Service'],
  check(context) {
    const spec = recordOf(context.object['spec']);
    if (spec === undefined) return;
    if (spec['type'] === 'NodePort') context.report({ messageId: 'nodePort', path: ['spec', 'type'] });
    if (spec['type'] === 'LoadBalancer') context.report({ messageId: 'loadBalancer', path: ['spec', 'type'] });
    for (const [index, ip] of entriesOf(spec['externalIPs'])) {
      if (typeof ip === 'string' && ip !== '') context.report({ messageId: 'externalIp', data: { index }, path: ['spec', 'externalIPs', index] });
    }
  },
});
