import { defineObjectRule } from '../../engine/rule.js';
import { fieldIssuesOf } from './support/field-issues.js';
import { shippedSchema } from './support/kubernetes-schema.js';

// Reads every field of every built-in kind and compares the JSON type of its value with the Kubernetes
// OpenAPI schema shipped in data/openapi/. The API server decodes strictly by type: `value: 8080` in an
// env var, `runAsNonRoot: "true"` or `replicas: "3"` fail the request ("cannot unmarshal number into Go
// struct field ... of type string"). YAML 1.1 booleans (yes/on) are already booleans, as for kubectl; null
// is accepted anywhere (it decodes to the zero value). Values are never printed, only their types.
export const invalidFieldType = defineObjectRule({
  meta: {
    id: 'invalid-field-type',
    title: 'Field values must have the type the Kubernetes API expects',
    severity: 'low',
    category: 'schema',
    description:
      'A value of the wrong type (a number where the API expects a string, a quoted "true" for a boolean, a map where it ' +
      'expects a list) makes the API server refuse the whole object, so the change never deploys and what runs stays as it was.',
    remediation: 'Write the value with the type the API expects: quote numbers meant as strings, unquote booleans and integers.',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/', 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation'],
    frameworks: {},
    fixable: false,
    messages: {
      mistyped: '`{{field}}` of {{owner}} is {{actual}}; Kubernetes {{version}} expects {{expected}} there, so the API server refuses the object.',
    },
  },
  check(context) {
    const issues = fieldIssuesOf(context);
    if (issues.length === 0) return;
    const version = shippedSchema(context.kubernetesVersion).kubernetesVersion;
    for (const issue of issues) {
      if (issue.type !== 'mistyped') continue;
      context.report({ messageId: 'mistyped', data: { field: issue.field, owner: issue.owner, actual: issue.actual, expected: issue.expected, version }, path: issue.path });
    }
  },
});
