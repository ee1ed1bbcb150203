import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jsYaml from 'js-yaml';
import { applyOperationsToValue } from '../../fix/apply-operations.js';
import { isK8sObject, type K8sObject } from '../../k8s/object.js';
import { LATEST_PSS_MINOR } from '../../engine/pss-version.js';
import { appContainer, minimalPod, podWith } from '../../../testing/pod-fixtures.js';
import { activePssRules, evaluatePodSecurity, type PodSecurityVerdict } from './evaluate-pod-security.js';

const latest = LATEST_PSS_MINOR;

function object(value: unknown): K8sObject {
  assert.ok(isK8sObject(value));
  return value;
}

function yamlObject(text: string): K8sObject {
  return object(jsYaml.load(text));
}

function checkIds(verdict: PodSecurityVerdict): string[] {
  return [...new Set(verdict.violations.map((violation) => violation.checkId))].sort();
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const openPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
`;

describe('evaluatePodSecurity', () => {
  it('allows the minimal pods of each level', () => {
    assert.deepEqual(evaluatePodSecurity(object(minimalPod('restricted')), { level: 'restricted', version: latest }), { allowed: true, violations: [] });
    assert.deepEqual(evaluatePodSecurity(object(minimalPod('baseline')), { level: 'baseline', version: latest }), { allowed: true, violations: [] });
  });

  it('denies a pod without security settings at restricted but not at baseline', () => {
    const pod = yamlObject(openPod);
    const restricted = evaluatePodSecurity(pod, { level: 'restricted', version: latest });
    assert.equal(restricted.allowed, false);
    assert.deepEqual(checkIds(restricted), ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    for (const violation of restricted.violations) assert.doesNotMatch(violation.message, /\{\{/);
    assert.deepEqual(evaluatePodSecurity(pod, { level: 'baseline', version: latest }), { allowed: true, violations: [] });
  });

  it('names the rule, the field and the container of a violation', () => {
    const pod = object(podWith((p) => { appContainer(p).securityContext['privileged'] = true; }));
    const [violation, ...rest] = evaluatePodSecurity(pod, { level: 'baseline', version: latest }).violations;
    assert.deepEqual(rest, []);
    assert.deepEqual(
      { ...violation, fix: undefined },
      {
        checkId: 'privileged',
        ruleId: 'no-privileged',
        messageId: 'privileged',
        message: 'container "app" sets securityContext.privileged: true',
        path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
        container: 'app',
        fix: undefined,
      },
    );
  });

  it('lets restricted checks replace the baseline checks they override, from their version on', () => {
    const sysAdmin = object(podWith((p) => { appContainer(p).securityContext['capabilities'] = { drop: ['ALL'], add: ['SYS_ADMIN'] }; }));
    assert.deepEqual(checkIds(evaluatePodSecurity(sysAdmin, { level: 'restricted', version: 21 })), ['capabilities_baseline']);
    assert.deepEqual(checkIds(evaluatePodSecurity(sysAdmin, { level: 'restricted', version: 22 })), ['capabilities_restricted']);
    assert.deepEqual(checkIds(evaluatePodSecurity(sysAdmin, { level: 'baseline', version: 22 })), ['capabilities_baseline']);

    const hostPath = object(podWith((p) => { p.spec['volumes'] = [{ name: 'root', hostPath: { path: '/' } }]; }));
    assert.deepEqual(checkIds(evaluatePodSecurity(hostPath, { level: 'restricted', version: latest })), ['restrictedVolumes']);
    assert.deepEqual(checkIds(evaluatePodSecurity(hostPath, { level: 'baseline', version: latest })), ['hostPathVolumes']);

    const unmasked = object(podWith((p) => { p.spec['hostUsers'] = false; appContainer(p).securityContext['procMount'] = 'Unmasked'; }));
    assert.deepEqual(checkIds(evaluatePodSecurity(unmasked, { level: 'baseline', version: 35 })), []);
    assert.deepEqual(checkIds(evaluatePodSecurity(unmasked, { level: 'restricted', version: 35 })), ['procMount_restricted']);
    assert.deepEqual(checkIds(evaluatePodSecurity(unmasked, { level: 'restricted', version: 34 })), ['procMount']);
  });

  it('selects each check at the policy version', () => {
    assert.deepEqual(activePssRules({ level: 'restricted', version: 0 }).map((rule) => rule.pss.id).sort(), [
      'appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'restrictedVolumes',
      'runAsNonRoot', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess',
    ]);
    assert.equal(activePssRules({ level: 'restricted', version: latest }).length, 15);
    assert.equal(activePssRules({ level: 'baseline', version: latest }).length, 12);
    assert.deepEqual(activePssRules({ level: 'privileged', version: latest }), []);
  });

  it('allows everything at the privileged level, and objects that run no pods', () => {
    const privileged = object(podWith((p) => { p.spec['hostPID'] = true; }));
    assert.deepEqual(evaluatePodSecurity(privileged, { level: 'privileged', version: latest }), { allowed: true, violations: [] });
    const service = object({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } });
    assert.deepEqual(evaluatePodSecurity(service, { level: 'restricted', version: latest }), { allowed: true, violations: [] });
  });

  it('reads pod templates of controllers, with paths from the object root', () => {
    const cronJob = yamlObject(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36
`);
    const verdict = evaluatePodSecurity(cronJob, { level: 'baseline', version: latest });
    assert.deepEqual(verdict.violations.map((violation) => violation.path), [['spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostNetwork']]);
  });

  it('relaxes the Linux-only checks for Windows pods and the root checks for user-namespaced pods', () => {
    const windows = yamlObject(`${openPod}  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n`);
    assert.equal(evaluatePodSecurity(windows, { level: 'restricted', version: 25 }).allowed, true);
    assert.deepEqual(checkIds(evaluatePodSecurity(windows, { level: 'restricted', version: 24 })), ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);

    const userNamespaced = object(podWith((p) => { p.spec['hostUsers'] = false; p.spec.securityContext = { seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 0 }; }));
    assert.equal(evaluatePodSecurity(userNamespaced, { level: 'restricted', version: 35 }).allowed, true);
    assert.deepEqual(checkIds(evaluatePodSecurity(userNamespaced, { level: 'restricted', version: 34 })), ['runAsNonRoot', 'runAsUser']);
  });

  it('never changes its input', () => {
    const pod = deepFreeze(yamlObject(openPod));
    const before = structuredClone(pod);
    evaluatePodSecurity(pod, { level: 'restricted', version: latest });
    assert.deepEqual(pod, before);
  });

  it('safe fixes of every violation together make a pod that names its user pass restricted', () => {
    const pod = yamlObject(`${openPod}    - name: sidecar\n      image: envoy:1.31\n      securityContext:\n        capabilities:\n          drop: [NET_RAW]\n  securityContext:\n    runAsUser: 1000\n`);
    const verdict = evaluatePodSecurity(pod, { level: 'restricted', version: latest });
    assert.ok(verdict.violations.every((violation) => violation.fix?.kind === 'safe'));
    const fixed = object(applyOperationsToValue(pod, verdict.violations.flatMap((violation) => violation.fix?.operations ?? [])));
    assert.deepEqual(evaluatePodSecurity(fixed, { level: 'restricted', version: latest }), { allowed: true, violations: [] });
    assert.deepEqual((fixed['spec'] as { securityContext: unknown }).securityContext, { runAsUser: 1000, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  it('suggests the configured UID when the pod names no user', () => {
    const pod = yamlObject(openPod);
    const suggestion = evaluatePodSecurity(pod, { level: 'restricted', version: latest }, { 'run-as-non-root': { uid: 4242 } })
      .violations.find((violation) => violation.checkId === 'runAsNonRoot')?.fix;
    assert.deepEqual(suggestion?.kind, 'suggestion');
    assert.deepEqual(suggestion?.operations, [
      { op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true },
      { op: 'set', path: ['spec', 'securityContext', 'runAsUser'], value: 4242 },
      { op: 'set', path: ['spec', 'securityContext', 'runAsGroup'], value: 4242 },
    ]);
  });
});
