import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacWebhookConfig } from './rbac-webhook-config.js';

test('passes: reading webhook configurations', () => {
  assert.deepEqual(findingsOf(rbacWebhookConfig, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-auditor}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations]
  verbs: [get, list, watch]
`), []);
});

test('fails: patch, delete, and wildcard in the group', () => {
  assert.deepEqual(findingsOf(rbacWebhookConfig, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cert-injector}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations]
  resourceNames: [my-webhook]
  verbs: [patch]
- apiGroups: [admissionregistration.k8s.io]
  resources: ["*"]
  verbs: [delete]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRole/cert-injector', 'rules[0]', 'ClusterRole/cert-injector rules[0] allows patch on mutatingwebhookconfigurations.admissionregistration.k8s.io (only my-webhook)'],
    ['ClusterRole/cert-injector', 'rules[1]', 'ClusterRole/cert-injector rules[1] allows delete on mutatingwebhookconfigurations.admissionregistration.k8s.io, validatingwebhookconfigurations.admissionregistration.k8s.io (any object)'],
  ]);
});
