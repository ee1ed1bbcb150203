import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../scan/scan.js';
import { schemaRules } from '../index.js';
import { NODE, shippedSchema } from './kubernetes-schema.js';
import { closestFieldName, editDistance } from './unknown-field-hints.js';

function messagesOf(yaml: string): string[] {
  const analysis = analyzeText('test.yaml', yaml, { rules: schemaRules, today: '2026-01-01' });
  assert.deepEqual(analysis.errors, []);
  return analysis.findings.map(({ finding }) => `${finding.ruleId} ${finding.severity} ${finding.path}: ${finding.message}`);
}

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    assert.equal(editDistance('securitycontex', 'securitycontext'), 1);
    assert.equal(editDistance('comand', 'command'), 1);
    assert.equal(editDistance('imgae', 'image'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });
});

describe('closest field name', () => {
  const container = (() => {
    const spec = shippedSchema().rootOf('v1', 'Pod')?.fields.get('spec');
    const containers = spec?.tag === NODE.object ? spec.fields.get('containers') : undefined;
    if (containers?.tag !== NODE.list || containers.items.tag !== NODE.object) throw new Error('no Container type');
    return containers.items;
  })();

  it('prefers the same name in another letter case, then the nearest within budget', () => {
    assert.equal(closestFieldName('IMAGE', container), 'image');
    assert.equal(closestFieldName('securityContex', container), 'securityContext');
    assert.equal(closestFieldName('volumeMount', container), 'volumeMounts');
    assert.equal(closestFieldName('livenesProbe', container), 'livenessProbe');
  });

  it('suggests nothing for names far from every field', () => {
    assert.equal(closestFieldName('networkPolicy', container), undefined);
    assert.equal(closestFieldName('foo', container), undefined);
  });
});

describe('messages', () => {
  it('name the field, the object type, the Kubernetes version and what to write instead', () => {
    assert.deepEqual(messagesOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext: {capabilities: {drop: [ALL]}}
      networkPolicy: {}
      containers:
        - name: a
          image: b
          securityContex: {privileged: false}
          imagePulPolicy: Always
          ports: [{containerPort: "8080"}]
`), [
      'unknown-security-field high spec.template.spec.securityContext.capabilities: `capabilities` is not a field of PodSecurityContext in Kubernetes v1.37.0; the API server drops it. `capabilities` is a field of SecurityContext: move it there.',
      'unknown-security-field high spec.template.spec.networkPolicy: `networkPolicy` is not a field of PodSpec in Kubernetes v1.37.0; the API server drops it. NetworkPolicy is an object of its own (`kind: NetworkPolicy`), not a field.',
      'unknown-security-field high spec.template.spec.containers[0].securityContex: `securityContex` is not a field of Container in Kubernetes v1.37.0; the API server drops it. Did you mean `securityContext`?',
      'unknown-field medium spec.template.spec.containers[0].imagePulPolicy: `imagePulPolicy` is not a field of Container in Kubernetes v1.37.0; the API server drops it. Did you mean `imagePullPolicy`?',
      'invalid-field-type low spec.template.spec.containers[0].ports[0].containerPort: `containerPort` of ContainerPort is a string; Kubernetes v1.37.0 expects an integer there, so the API server refuses the object.',
    ]);
  });

  it('point a misplaced block at the object type where its content fits', () => {
    assert.deepEqual(messagesOf(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: b}]
  ingress:
    - from: [{podSelector: {matchLabels: {app: api}}}]
      ports: [{port: 8080, protocol: TCP}]
`), [
      'unknown-security-field high spec.ingress: `ingress` is not a field of PodSpec in Kubernetes v1.37.0; the API server drops it. `ingress` is a field of NetworkPolicySpec: move it there.',
    ]);
  });

  it('never include the value of a field', () => {
    const messages = messagesOf(`apiVersion: v1
kind: Secret
metadata: {name: s}
stringData: {password: 12345678}
dataa: {token: c2VjcmV0LXRva2Vu}
`);
    assert.equal(messages.length, 2);
    for (const message of messages) {
      assert.doesNotMatch(message, /12345678|c2VjcmV0LXRva2Vu/);
    }
  });
});
