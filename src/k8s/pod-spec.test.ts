import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFieldPath } from '../foundation/field-path.js';
import { scanText } from '../scan/scan.js';
import { containersOf, podSpecOf } from './pod-spec.js';
import type { K8sObject } from './object.js';

// Custom resources that run pods from a PodTemplateSpec of their own: each is judged as the built-in
// workload it stands for, and same-named kinds of other groups are not.

const privilegedTemplate = (indent: string) => `${indent}metadata:
${indent}  labels: {app: web}
${indent}spec:
${indent}  containers:
${indent}    - name: web
${indent}      image: registry.example.com/web:1.0
${indent}      securityContext: {privileged: true}
`;

const CUSTOM_WORKLOADS: readonly { readonly yaml: string; readonly path: string }[] = [
  { yaml: `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  strategy: {canary: {steps: [{setWeight: 20}]}}\n  template:\n${privilegedTemplate('    ')}`, path: 'spec.template.spec' },
  { yaml: `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec:\n  template:\n${privilegedTemplate('    ')}`, path: 'spec.template.spec' },
  { yaml: `apiVersion: serving.knative.dev/v1\nkind: Configuration\nmetadata: {name: web}\nspec:\n  template:\n${privilegedTemplate('    ')}`, path: 'spec.template.spec' },
  { yaml: `apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: {name: web}\nspec:\n  jobTargetRef:\n    template:\n${privilegedTemplate('      ')}`, path: 'spec.jobTargetRef.template.spec' },
  { yaml: `apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: {name: web}\nspec:\n  template:\n${privilegedTemplate('    ')}`, path: 'spec.template.spec' },
  { yaml: `apiVersion: apps.kruise.io/v1beta1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  template:\n${privilegedTemplate('    ')}`, path: 'spec.template.spec' },
  { yaml: `apiVersion: apps.kruise.io/v1alpha1\nkind: BroadcastJob\nmetadata: {name: web}\nspec:\n  template:\n${privilegedTemplate('    ')}`, path: 'spec.template.spec' },
];

describe('custom resources that run pods', () => {
  for (const { yaml, path } of CUSTOM_WORKLOADS) {
    const kind = /kind: (\w+)/.exec(yaml)?.[1] ?? '';
    const apiVersion = /apiVersion: (\S+)/.exec(yaml)?.[1] ?? '';
    it(`${apiVersion} ${kind}: its pods get the findings a Deployment's would, located in the custom resource`, () => {
      const report = scanText(yaml, { file: 'crd.yaml', today: '2026-01-01' });
      const privileged = report.findings.filter((finding) => finding.ruleId === 'no-privileged');
      assert.deepEqual(privileged.map((finding) => [finding.path, finding.location.line, finding.resource.kind]), [[`${path}.containers[0].securityContext.privileged`, yaml.split('\n').findIndex((line) => line.includes('privileged: true')) + 1, kind]]);
      assert.ok(report.findings.some((finding) => finding.ruleId === 'run-as-non-root'), 'the Pod Security Standards checks run too');
    });
  }

  it('are told apart from kinds of the same name in other groups', () => {
    const of = (apiVersion: string, kind: string): K8sObject => ({ apiVersion, kind, metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'a' }] } } } });
    assert.equal(podSpecOf(of('v1', 'Service')), undefined, 'a core Service runs no pods');
    assert.equal(podSpecOf(of('example.com/v1', 'Deployment')), undefined, 'a custom Deployment kind is not apps/v1 Deployment');
    assert.equal(podSpecOf(of('example.com/v1', 'Rollout')), undefined);
    const rollout = podSpecOf(of('argoproj.io/v1alpha1', 'Rollout'));
    assert.ok(rollout !== undefined);
    assert.deepEqual(containersOf(rollout).map((view) => formatFieldPath(view.path)), ['spec.template.spec.containers[0]']);
    assert.ok(podSpecOf(of('apps/v1', 'Deployment')) !== undefined && podSpecOf(of('extensions/v1beta1', 'Deployment')) !== undefined);
  });
});
