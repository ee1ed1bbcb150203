import { defineObjectRule } from '../../engine/rule.js';
import type { FieldPath } from '../../foundation/field-path.js';
import { entriesOf, recordOf } from '../../foundation/field-readers.js';

// Reads CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io): `spec` and every entry of
// `specs`, their ingress and egress rules (and the Deny variants are skipped: denying the world is
// fine). A rule admits the whole Internet through the `world` or `all` entity, or a CIDR of the whole
// address space (0.0.0.0/0, ::/0) in fromCIDR/toCIDR or fromCIDRSet/toCIDRSet.
const ANY_ENTITIES = new Set(['world', 'all']);
const ANY_CIDRS = new Set(['0.0.0.0/0', '::/0']);

export const ciliumPolicyAllowsWorld = defineObjectRule({
  meta: {
    id: 'cilium-policy-allows-world',
    title: 'Cilium policies do not open workloads to the whole Internet',
    severity: 'medium',
    category: 'network',
    description:
      'A Cilium rule with the `world` or `all` entity, or a CIDR that covers every address, admits traffic from (or to) any ' +
      'host outside the cluster: ingress exposes the selected endpoints to the Internet wherever a route exists, and egress ' +
      'lets a compromised pod reach any command-and-control or exfiltration server.',
    remediation: 'Name the external peers: toFQDNs for egress to services, fromCIDRSet/toCIDRSet with the ranges that need access, or an ingress controller in front.',
    references: ['https://docs.cilium.io/en/stable/security/policy/language/#entities-based', 'https://docs.cilium.io/en/stable/security/policy/language/#ip-cidr-based'],
    frameworks: { nsa: ['Network separation and hardening: network policies'], mitre: ['T1046', 'T1041'] },
    fixable: false,
    messages: {
      entity: '{{direction}}[{{index}}] allows the {{entity}} entity: every host outside the cluster',
      cidr: '{{direction}}[{{index}}] allows {{cidr}}: every address',
    },
  },
  kinds: ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'],
  check(context) {
    if (!context.object.apiVersion.startsWith('cilium.io/')) return;
    const specs: [FieldPath, unknown][] = [[['spec'], context.object['spec']], ...entriesOf(context.object['specs']).map(([index, spec]): [FieldPath, unknown] => [['specs', index], spec])];
    for (const [specPath, spec] of specs) {
      for (const direction of ['ingress', 'egress'] as const) {
        const prefix = direction === 'ingress' ? 'from' : 'to';
        for (const [index, entry] of entriesOf(recordOf(spec)?.[direction])) {
          const rule = recordOf(entry);
          if (rule === undefined) continue;
          const rulePath = [...specPath, direction, index];
          for (const [at, entity] of entriesOf(rule[`${prefix}Entities`])) {
            if (typeof entity === 'string' && ANY_ENTITIES.has(entity)) context.report({ messageId: 'entity', data: { direction, index, entity }, path: [...rulePath, `${prefix}Entities`, at] });
          }
          for (const [at, cidr] of entriesOf(rule[`${prefix}CIDR`])) {
            if (typeof cidr === 'string' && ANY_CIDRS.has(cidr)) context.report({ messageId: 'cidr', data: { direction, index, cidr }, path: [...rulePath, `${prefix}CIDR`, at] });
          }
          for (const [at, set] of entriesOf(rule[`${prefix}CIDRSet`])) {
            const cidr = recordOf(set)?.['cidr'];
            if (typeof cidr === 'string' && ANY_CIDRS.has(cidr) && entriesOf(recordOf(set)?.['except']).length === 0) {
              context.report({ messageId: 'cidr', data: { direction, index, cidr }, path: [...rulePath, `${prefix}CIDRSet`, at, 'cidr'] });
            }
          }
        }
      }
    }
  },
});
