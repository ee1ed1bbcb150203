import { defineObjectRule } from '../../engine/rule.js';
import { recordOf } from '../../foundation/field-readers.js';

// Reads Istio PeerAuthentication (security.istio.io): spec.mtls.mode and spec.portLevelMtls[*].mode.
// PERMISSIVE accepts plain text beside mutual TLS, DISABLE turns mTLS off; either lets a workload that
// bypasses the sidecar talk to the selected pods unauthenticated and unencrypted. A mesh-wide policy
// (in the root namespace, no selector) in PERMISSIVE is Istio's install default for migration only.
const WEAK_MODES = new Set(['PERMISSIVE', 'DISABLE']);

export const istioMtlsNotStrict = defineObjectRule({
  meta: {
    id: 'istio-mtls-not-strict',
    title: 'Istio PeerAuthentication requires mutual TLS (STRICT)',
    severity: 'medium',
    category: 'network',
    description:
      'A PeerAuthentication in PERMISSIVE mode accepts plain-text connections beside mutual TLS, and DISABLE turns mutual TLS ' +
      'off: traffic to the selected workloads can then be read and forged on the network, and AuthorizationPolicies that ' +
      'match on peer identities see none.',
    remediation: 'Set spec.mtls.mode: STRICT (and every portLevelMtls mode to STRICT) once all clients run with a sidecar or ambient mode.',
    references: ['https://istio.io/latest/docs/reference/config/security/peer_authentication/', 'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/'],
    frameworks: { nsa: ['Network separation and hardening: encryption'], mitre: ['T1557', 'T1040'] },
    fixable: 'suggestion',
    messages: {
      mode: 'spec.mtls.mode is {{mode}}: plain-text traffic is accepted; set it to STRICT',
      portMode: 'port {{port}} sets mtls mode {{mode}}: plain-text traffic is accepted on it; set it to STRICT',
    },
  },
  kinds: ['PeerAuthentication'],
  check(context) {
    if (!context.object.apiVersion.startsWith('security.istio.io/')) return;
    const spec = recordOf(context.object['spec']);
    const mode = recordOf(spec?.['mtls'])?.['mode'];
    if (typeof mode === 'string' && WEAK_MODES.has(mode)) {
      const path = ['spec', 'mtls', 'mode'];
      context.report({ messageId: 'mode', data: { mode }, path, fix: { kind: 'suggestion', title: 'set spec.mtls.mode: STRICT', operations: [{ op: 'set', path, value: 'STRICT' }] } });
    }
    for (const [port, settings] of Object.entries(recordOf(spec?.['portLevelMtls']) ?? {})) {
      const portMode = recordOf(settings)?.['mode'];
      if (typeof portMode !== 'string' || !WEAK_MODES.has(portMode)) continue;
      const path = ['spec', 'portLevelMtls', port, 'mode'];
      context.report({ messageId: 'portMode', data: { port, mode: portMode }, path, fix: { kind: 'suggestion', title: `set port ${port} mtls mode: STRICT`, operations: [{ op: 'set', path, value: 'STRICT' }] } });
    }
  },
});
