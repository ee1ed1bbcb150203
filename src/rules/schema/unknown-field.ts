import { defineObjectRule } from '../../engine/rule.js';
import { fieldIssuesOf } from './support/field-issues.js';
import { shippedSchema } from './support/kubernetes-schema.js';
import { isSecurityField, unknownFieldReport, UNKNOWN_FIELD_MESSAGES } from './support/unknown-field-hints.js';

// Reads every field of every built-in kind and compares it with the Kubernetes OpenAPI schema shipped in
// data/openapi/ (custom resources and kinds the schema does not serve are skipped). A field the schema
// does not define is dropped by the API server when the client does not ask for strict field validation
// (server-side field validation, KEP-2885: the server's default is to warn). Unknown fields that carry a
// security setting are reported by `unknown-security-field` instead, at a higher severity.
export const unknownField = defineObjectRule({
  meta: {
    id: 'unknown-field',
    title: 'Fields must exist in the Kubernetes API',
    severity: 'medium',
    category: 'schema',
    description:
      'A field that the Kubernetes API does not define (a typo, a wrong letter case, a block written under the wrong parent) ' +
      'is dropped by the API server unless the client asks for strict field validation: what it was meant to configure never ' +
      'takes effect, and the only trace is a warning the deploy tool may not show.',
    remediation: 'Rename the field to the one the API defines, move it under the object that has it, or remove it.',
    references: [
      'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
      'https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/2885-server-side-unknown-field-validation',
      'https://kubernetes.io/docs/reference/kubernetes-api/',
    ],
    frameworks: {},
    fixable: 'suggestion',
    messages: UNKNOWN_FIELD_MESSAGES,
  },
  check(context) {
    const issues = fieldIssuesOf(context);
    if (issues.length === 0) return;
    const schema = shippedSchema(context.kubernetesVersion);
    for (const issue of issues) {
      if (issue.type !== 'unknown' || isSecurityField(issue)) continue;
      context.report(unknownFieldReport(schema, issue, context.object));
    }
  },
});
