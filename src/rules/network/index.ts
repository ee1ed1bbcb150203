import type { Rule } from '../../engine/rule.js';
import { namespaceWithoutDefaultDeny } from './namespace-without-default-deny.js';
import { netpolAllowsAllNamespaces } from './netpol-allows-all-namespaces.js';
import { netpolEgressToAnyAddress } from './netpol-egress-to-any-address.js';
import { netpolPeerSelectsNothing } from './netpol-peer-selects-nothing.js';
import { netpolRuleAllowsAllPeers } from './netpol-rule-allows-all-peers.js';
import { netpolSelectsNoPods } from './netpol-selects-no-pods.js';
import { servicePortNotAdmitted } from './service-port-not-admitted.js';
import { workloadWithoutEgressPolicy } from './workload-without-egress-policy.js';
import { workloadWithoutIngressPolicy } from './workload-without-ingress-policy.js';

// Rules of this domain, in the order they are listed.
export const networkRules: readonly Rule[] = [
  workloadWithoutIngressPolicy,
  workloadWithoutEgressPolicy,
  namespaceWithoutDefaultDeny,
  netpolRuleAllowsAllPeers,
  netpolAllowsAllNamespaces,
  netpolEgressToAnyAddress,
  netpolSelectsNoPods,
  netpolPeerSelectsNothing,
  servicePortNotAdmitted,
];
