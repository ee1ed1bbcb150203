import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMisplacedSettings } from './misplaced-settings.js';
import type { K8sObject } from '../k8s/object.js';

const ingressRules = [{ from: [{ podSelector: { matchLabels: { app: 'gateway' } } }], ports: [{ port: 8443, protocol: 'TCP' }] }];

function pod(spec: Record<string, unknown>, labels: Record<string, string> | undefined = { app: 'api' }): K8sObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: 'shop', ...(labels === undefined ? {} : { labels }) }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } };
}

test('NetworkPolicy rules inside a pod spec become a NetworkPolicy selecting the pod', () => {
  const [found, ...rest] = findMisplacedSettings(pod({ ingress: ingressRules, policyTypes: ['Ingress'] }));
  assert.equal(rest.length, 0);
  assert.ok(found);
  assert.deepEqual(found.fix?.operations, [{ op: 'remove', path: ['spec', 'policyTypes'] }, { op: 'remove', path: ['spec', 'ingress'] }]);
  assert.deepEqual(found.companions, [{
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api-network-policy', namespace: 'shop' },
    spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: ingressRules },
  }]);
  assert.match(found.warning, /^Pod\/shop\/api: spec\.policyTypes, spec\.ingress is NetworkPolicy configuration/);
});

test('egress in a Deployment spec uses the Deployment selector', () => {
  const deployment: K8sObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }], template: { metadata: { labels: { app: 'web', v: '1' } }, spec: { containers: [] } } },
  };
  const [found] = findMisplacedSettings(deployment);
  assert.deepEqual(found?.fix?.operations, [{ op: 'remove', path: ['spec', 'egress'] }]);
  assert.deepEqual((found?.companions?.[0]?.['spec'] as { podSelector: unknown; policyTypes: unknown }).podSelector, { matchLabels: { app: 'web' } });
  assert.deepEqual((found?.companions?.[0]?.['spec'] as { policyTypes: unknown }).policyTypes, ['Egress']);
});

test('a field named ingress that is not NetworkPolicy-shaped is left alone', () => {
  assert.deepEqual(findMisplacedSettings(pod({ ingress: [{ host: 'example.com', paths: ['/'] }] })), []);
  assert.deepEqual(findMisplacedSettings(pod({ ingress: 'enabled' })), []);
  assert.deepEqual(findMisplacedSettings(pod({ ingress: [{ from: [{ service: 'x' }] }] })), []);
  assert.deepEqual(findMisplacedSettings(pod({})), []);
});

test('pods without labels get a warning and no fix', () => {
  const [found] = findMisplacedSettings(pod({ ingress: ingressRules }, {}));
  assert.ok(found);
  assert.equal(found.fix, undefined);
  assert.match(found.warning, /no labels/);
});

test('RBAC rules inside a ServiceAccount become a Role and a RoleBinding', () => {
  const rules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }];
  const [found] = findMisplacedSettings({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reporter', namespace: 'shop' }, rules });
  assert.deepEqual(found?.fix?.operations, [{ op: 'remove', path: ['rules'] }]);
  assert.deepEqual(found?.companions?.map((object) => object.kind), ['Role', 'RoleBinding']);
  assert.deepEqual(found?.companions?.[0]?.['rules'], rules);
  assert.deepEqual(found?.companions?.[1]?.['subjects'], [{ kind: 'ServiceAccount', name: 'reporter', namespace: 'shop' }]);
  assert.deepEqual(findMisplacedSettings({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' }, rules: [{ verbs: ['get'], weird: true }] }), []);
  assert.deepEqual(findMisplacedSettings({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' } }), []);
});

test('container settings in the pod securityContext move into the containers that do not set them', () => {
  const object = pod({ securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }, containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x', securityContext: { allowPrivilegeEscalation: false } }] });
  const found = findMisplacedSettings(object);
  assert.deepEqual(found.map((entry) => entry.fix?.kind), ['safe', 'suggestion']);
  assert.deepEqual(found[0]?.fix?.operations, [
    { op: 'remove', path: ['spec', 'securityContext', 'allowPrivilegeEscalation'] },
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false },
  ]);
  assert.deepEqual(found[1]?.fix?.operations, [
    { op: 'remove', path: ['spec', 'securityContext', 'readOnlyRootFilesystem'] },
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'], value: true },
    { op: 'set', path: ['spec', 'containers', 1, 'securityContext', 'readOnlyRootFilesystem'], value: true },
  ]);
  assert.match(found[0]?.warning ?? '', /spec\.securityContext\.allowPrivilegeEscalation is a container setting/);
});

test('a weakening container setting at the pod level is removed, never moved', () => {
  const found = findMisplacedSettings(pod({ securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }));
  assert.deepEqual(found.map((entry) => entry.fix?.operations), [
    [{ op: 'remove', path: ['spec', 'securityContext', 'privileged'] }],
    [{ op: 'remove', path: ['spec', 'securityContext', 'capabilities'] }],
  ]);
  assert.match(found[0]?.warning ?? '', /would weaken them/);
  assert.deepEqual(findMisplacedSettings(pod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } })), []);
});

test('a networkPolicy: block inside a pod becomes a NetworkPolicy; a pod without labels gets one to be selected by', () => {
  const block = { ingress: ingressRules };
  const [found, ...rest] = findMisplacedSettings(pod({ networkPolicy: block }, {}));
  assert.equal(rest.length, 0);
  assert.deepEqual(found?.fix?.operations, [
    { op: 'remove', path: ['spec', 'networkPolicy'] },
    { op: 'set', path: ['metadata', 'labels', 'app.kubernetes.io/name'], value: 'api' },
  ]);
  assert.deepEqual(found?.companions, [{
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api-network-policy', namespace: 'shop' },
    spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, policyTypes: ['Ingress'], ingress: ingressRules },
  }]);
  // With labels, they select the pod, and nothing is added to it.
  const [labelled] = findMisplacedSettings(pod({ networkPolicy: { ...block, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] } }));
  assert.deepEqual(labelled?.fix?.operations, [{ op: 'remove', path: ['spec', 'networkPolicy'] }]);
  assert.deepEqual((labelled?.companions?.[0]?.['spec'] as { podSelector: unknown; policyTypes: unknown }), {
    podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress', 'Egress'], ingress: ingressRules, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
  });
  // Not NetworkPolicy-shaped: left to the schema rules.
  assert.deepEqual(findMisplacedSettings(pod({ networkPolicy: { enabled: true } })), []);
  assert.deepEqual(findMisplacedSettings(pod({ networkPolicy: { ingress: [{ host: 'x' }] } })), []);
});
