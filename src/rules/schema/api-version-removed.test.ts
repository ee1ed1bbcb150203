import { RuleTester } from '../../../testing/rule-tester.js';
import { apiVersionRemoved } from './api-version-removed.js';

const VIEW_ROLE = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: ClusterRole
metadata:
  name: pod-reader
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list]
`;

const INGRESS = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            backend: {serviceName: web, servicePort: 80}
`;

new RuleTester(apiVersionRemoved).run({
  valid: [
    { name: 'the stable version', yaml: VIEW_ROLE('rbac.authorization.k8s.io/v1') },
    {
      name: 'a PodDisruptionBudget in policy/v1beta1 judged for v1.24, which still serves it',
      yaml: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: web}}\n',
      kubernetesVersion: 24,
    },
    { name: 'a custom resource in a beta version of its own group', yaml: 'apiVersion: example.com/v1beta1\nkind: Deployment\nmetadata: {name: x}\n' },
  ],
  invalid: [
    {
      name: 'an Ingress in extensions/v1beta1: the fields changed too, so no automatic fix',
      yaml: INGRESS,
      errors: [{ messageId: 'removed', line: 1, path: 'apiVersion', data: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', removedIn: 'v1.22', target: 'v1.37', migration: 'networking.k8s.io/v1 Ingress' } }],
      includeSuggestions: true,
      output: null,
    },
    {
      name: 'RBAC in v1beta1: the same fields, so the suggestion changes apiVersion only',
      yaml: VIEW_ROLE('rbac.authorization.k8s.io/v1beta1'),
      errors: [{ messageId: 'removed', path: 'apiVersion', data: { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRole', removedIn: 'v1.22', target: 'v1.37', migration: 'rbac.authorization.k8s.io/v1 ClusterRole' } }],
      includeSuggestions: true,
      output: VIEW_ROLE('rbac.authorization.k8s.io/v1'),
    },
    {
      name: 'PodSecurityPolicy has no successor API',
      yaml: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\nspec:\n  privileged: false\n',
      kubernetesVersion: 29,
      errors: [{
        messageId: 'removed', path: 'apiVersion',
        data: { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', removedIn: 'v1.25', target: 'v1.29', migration: 'Pod Security Admission (namespace labels pod-security.kubernetes.io/*) or a policy engine' },
      }],
    },
    {
      name: 'FlowSchema v1beta2 on v1.29, where v1 is served',
      yaml: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: FlowSchema\nmetadata: {name: health}\nspec:\n  priorityLevelConfiguration: {name: exempt}\n',
      kubernetesVersion: 29,
      errors: [{ messageId: 'removed', data: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', removedIn: 'v1.29', target: 'v1.29', migration: 'flowcontrol.apiserver.k8s.io/v1 FlowSchema' } }],
    },
  ],
});
