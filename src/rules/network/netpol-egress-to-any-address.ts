import { peerPath } from '../../analysis/netpol/model.js';
import { formatFieldPath } from '../../foundation/field-path.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_API, NSA_NETWORK, netpolContextOf, keepNetpolFields } from './support/netpol-context.js';

// Reads spec.egress[*].to[*].ipBlock. A cidr with prefix length 0 (0.0.0.0/0, ::/0) and no `except` is the
// whole address family: the internet, and also node, cloud metadata and in-cluster addresses.
export const netpolEgressToAnyAddress = defineCollectionRule({
  meta: {
    id: 'netpol-egress-to-any-address',
    title: 'Egress should not be open to every address',
    severity: 'low',
    category: 'network',
    description:
      'An egress ipBlock of 0.0.0.0/0 or ::/0 without except lets the pods reach any host on the internet and every private address, including the cloud metadata endpoint (169.254.169.254), which is how data leaves and credentials are stolen.',
    remediation: 'Narrow ipBlock.cidr to the addresses the workload calls, or add except entries for private ranges and 169.254.169.254/32.',
    references: [NETWORK_POLICY_API, 'https://attack.mitre.org/techniques/T1048/'],
    frameworks: { nsa: [NSA_NETWORK], mitre: ['T1041', 'T1048', 'T1552.005'] },
    fixable: false,
    messages: { anyAddress: '{{peer}} allows egress to {{cidr}} without except' },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  check(context) {
    const { model, target } = netpolContextOf(context);
    for (const rule of model.rules) {
      if (rule.direction !== 'egress' || rule.peers === 'any' || !rule.policy.affectsEgress) continue;
      for (const peer of rule.peers) {
        if (peer.type !== 'ipBlock' || peer.except.length > 0 || peer.cidr.start !== 0n) continue;
        const whole = peer.cidr.family === 4 ? peer.cidr.end === 0xffffffffn : peer.cidr.end === (1n << 128n) - 1n;
        if (!whole) continue;
        const path = peerPath(rule, peer);
        context.report(target(rule.policy.objectIndex), {
          messageId: 'anyAddress',
          data: { peer: formatFieldPath(path), cidr: peer.cidrText },
          path: [...path, 'ipBlock', 'cidr'],
        });
      }
    }
  },
});
