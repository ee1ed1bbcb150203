import { defineObjectRule } from '../../engine/rule.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads spec.tls and spec.rules[*].host of Ingresses. Without spec.tls the controller serves plain HTTP.
// With it, every rule host must be covered by a tls[].hosts entry (exact, or `*.example.com` covering one
// label, as TLS wildcard certificates do); a tls entry without hosts covers every host, as it applies
// the controller's default certificate.
export const ingressTls = defineObjectRule({
  meta: {
    id: 'ingress-tls',
    title: 'Ingresses serve their hosts over TLS',
    severity: 'medium',
    category: 'network',
    description:
      'An Ingress without TLS serves its hosts over plain HTTP: credentials, cookies and tokens cross the network readable ' +
      'and modifiable by anyone on the path.',
    remediation: 'Add spec.tls with a Secret holding the certificate for every host in spec.rules (cert-manager can issue and renew it).',
    references: [DOCS.ingressTls, DOCS.nsaHardeningGuide],
    frameworks: {
      nsa: ['Network separation and hardening: encryption'],
      mitre: ['T1557', 'T1040'],
    },
    fixable: false,
    messages: {
      noTls: 'the Ingress sets no spec.tls, so it serves plain HTTP: add spec.tls with a certificate Secret for its hosts',
      hostWithoutTls: 'host {{host}} in spec.rules[{{index}}].host is not listed in any spec.tls[].hosts: add it to a TLS entry',
    },
  },
  kinds: ['Ingress'],
  check(context) {
    const spec = recordOf(context.object['spec']);
    if (spec === undefined) return;
    const tls = entriesOf(spec['tls']).map(([, entry]) => recordOf(entry)).filter((entry) => entry !== undefined);
    if (tls.length === 0) {
      context.report({ messageId: 'noTls', path: ['spec', 'tls'] });
      return;
    }
    if (tls.some((entry) => !Array.isArray(entry['hosts']) || entry['hosts'].length === 0)) return;
    const covered = tls.flatMap((entry) => entriesOf(entry['hosts']).map(([, host]) => host)).filter((host): host is string => typeof host === 'string');
    for (const [index, rule] of entriesOf(spec['rules'])) {
      const host = recordOf(rule)?.['host'];
      if (typeof host !== 'string' || host === '' || covered.some((pattern) => isHostCovered(host, pattern))) continue;
      context.report({ messageId: 'hostWithoutTls', data: { host, index }, path: ['spec', 'rules', index, 'host'] });
    }
  },
});

export function isHostCovered(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (h === p) return true;
  if (!p.startsWith('*.')) return false;
  const suffix = p.slice(1);
  return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes('.') && h.length > suffix.length;
}
