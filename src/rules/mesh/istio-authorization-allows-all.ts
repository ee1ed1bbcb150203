import { defineObjectRule } from '../../engine/rule.js';
import { entriesOf, recordOf } from '../../foundation/field-readers.js';

// Reads Istio AuthorizationPolicy (security.istio.io). With action ALLOW (the default), a rule that is
// an empty object matches every request, so the policy allows everything to the selected workloads
// and overrides the implicit deny every ALLOW policy brings (Istio: "a rule `{}` allows all"). A
// policy with no rules at all allows nothing and is the recommended deny-all, so it passes. A rule
// whose only source is `principals: ["*"]` or `namespaces: ["*"]` admits every authenticated peer;
// `notPrincipals`/`notNamespaces` alone are how allow-all is usually hidden.
export const istioAuthorizationAllowsAll = defineObjectRule({
  meta: {
    id: 'istio-authorization-allows-all',
    title: 'Istio AuthorizationPolicies do not allow every request',
    severity: 'high',
    category: 'network',
    description:
      'An ALLOW AuthorizationPolicy with an empty rule matches every request from every source to every path: the selected ' +
      'workloads (the whole namespace, or the mesh in the root namespace) are open to anything that reaches them, and the ' +
      'policy silently disables the deny-by-default that other ALLOW policies create.',
    remediation: 'Give each rule a from (principals or namespaces), and to (methods, paths, ports) that name the callers and operations it is for.',
    references: ['https://istio.io/latest/docs/reference/config/security/authorization-policy/', 'https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns'],
    frameworks: { nsa: ['Network separation and hardening: network policies'], mitre: ['T1210'] },
    fixable: false,
    messages: {
      emptyRule: 'rules[{{index}}] is empty, so it matches every request: name its sources and operations',
      anySource: 'rules[{{index}}] allows {{field}} "*" with no operation limit: every authenticated peer is admitted',
    },
  },
  kinds: ['AuthorizationPolicy'],
  check(context) {
    if (!context.object.apiVersion.startsWith('security.istio.io/')) return;
    const spec = recordOf(context.object['spec']);
    const action = spec?.['action'] ?? 'ALLOW';
    if (action !== 'ALLOW') return;
    for (const [index, entry] of entriesOf(spec?.['rules'])) {
      const rule = recordOf(entry);
      if (rule === undefined) continue;
      const from = entriesOf(rule['from']);
      const to = entriesOf(rule['to']);
      const when = entriesOf(rule['when']);
      if (from.length === 0 && to.length === 0 && when.length === 0) {
        context.report({ messageId: 'emptyRule', data: { index }, path: ['spec', 'rules', index] });
        continue;
      }
      if (to.length > 0 || when.length > 0) continue;
      for (const [, source] of from) {
        const fields = recordOf(recordOf(source)?.['source']) ?? {};
        for (const field of ['principals', 'namespaces'] as const) {
          const values = fields[field];
          if (Array.isArray(values) && values.includes('*') && Object.keys(fields).length === 1) {
            context.report({ messageId: 'anySource', data: { index, field }, path: ['spec', 'rules', index, 'from'] });
          }
        }
      }
    }
  },
});
