import { defineObjectRule } from '../../engine/rule.js';
import { fieldIssuesOf } from './support/field-issues.js';
import { shippedSchema } from './support/kubernetes-schema.js';
import { isSecurityField, unknownFieldReport, UNKNOWN_FIELD_MESSAGES } from './support/unknown-field-hints.js';

// The security half of `unknown-field`: an unknown field that is, misspells or contains a security
// setting (securityContext, privileged, runAsNonRoot, capabilities, seccompProfile, hostNetwork,
// automountServiceAccountToken, a networkPolicy/ingress/egress block, ...). The API server drops it like
// any unknown field, so the workload runs without the protection its manifest appears to declare.
export const unknownSecurityField = defineObjectRule({
  meta: {
    id: 'unknown-security-field',
    title: 'Security settings must be written where the Kubernetes API reads them',
    severity: 'high',
    category: 'schema',
    description:
      'A security setting under a field the Kubernetes API does not define (`securityContex`, `runAsNonroot`, `privileged` ' +
      'in the pod-level securityContext, a `networkPolicy:` block inside a pod spec) is dropped by the API server unless the ' +
      'client asks for strict field validation. The manifest reads as hardened while the workload runs without the setting.',
    remediation:
      'Spell the field as the API does and put it under the object that defines it (container-only settings such as ' +
      'privileged and capabilities go in containers[].securityContext; network rules go in a NetworkPolicy object).',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    ],
    frameworks: { nsa: ['Pod security: pod security enforcement', 'Network separation and hardening'] },
    fixable: 'suggestion',
    messages: UNKNOWN_FIELD_MESSAGES,
  },
  check(context) {
    const issues = fieldIssuesOf(context);
    if (issues.length === 0) return;
    const schema = shippedSchema(context.kubernetesVersion);
    for (const issue of issues) {
      if (issue.type !== 'unknown' || !isSecurityField(issue)) continue;
      context.report(unknownFieldReport(schema, issue, context.object));
    }
  },
});
