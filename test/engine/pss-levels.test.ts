import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { scan, scanText } from '../../src/scan/scan.js';
import { pssRules } from '../../src/rules/pss/index.js';

// A pod that is baseline-clean but not restricted (no runAsNonRoot, no seccomp, no drop ALL).
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: team-a
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
`;
const namespace = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n${labels}`;

function pssChecks(report: { findings: readonly { frameworks: { pss?: { check: string } } }[] }): string[] {
  return [...new Set(report.findings.flatMap((f) => (f.frameworks.pss === undefined ? [] : [f.frameworks.pss.check])))].sort();
}

describe('one defect, one severity, at every level', () => {
  // capabilities_restricted, restrictedVolumes, seccompProfile_restricted and procMount_restricted replace
  // baseline checks at restricted (upstream OverrideCheckIDs): what both report keeps the baseline severity.
  const DEFECTS = `apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  securityContext: {seccompProfile: {type: Unconfined}}
  volumes: [{name: host, hostPath: {path: /var/run}}]
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext: {capabilities: {add: [NET_ADMIN]}}
`;
  const severities = (level: 'baseline' | 'restricted') => {
    const report = scanText(DEFECTS, { rules: pssRules, pssLevel: level, pssVersion: 37 });
    return new Map(report.findings.map((f) => [f.path, f.severity]));
  };
  it('an added NET_ADMIN, a hostPath volume and an Unconfined seccomp profile are high at baseline and at restricted', () => {
    const baseline = severities('baseline');
    const restricted = severities('restricted');
    for (const path of ['spec.containers[0].securityContext.capabilities.add[0]', 'spec.volumes[0].hostPath', 'spec.securityContext.seccompProfile.type']) {
      assert.equal(baseline.get(path), 'high', `baseline ${path}`);
      assert.equal(restricted.get(path), 'high', `restricted ${path}`);
    }
    // What only restricted asks for keeps the restricted check's own severity.
    assert.equal(restricted.get('spec.containers[0].securityContext.capabilities.drop'), 'medium');
  });
});

describe('Pod Security Standards level and version', () => {
  it('defaults to restricted at the latest version', () => {
    assert.deepEqual(pssChecks(scanText(POD, { rules: pssRules })), ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
  });

  it('takes the level from the Namespace enforce label, even when the Namespace comes later or in another file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubeward-pss-'));
    await writeFile(join(root, 'a-pod.yaml'), POD);
    await writeFile(join(root, 'z-namespace.yaml'), namespace('    pod-security.kubernetes.io/enforce: baseline\n'));
    assert.deepEqual(pssChecks(await scan(['.'], { cwd: root, rules: pssRules })), []);
    // The flag overrides the label.
    assert.deepEqual(pssChecks(await scan(['.'], { cwd: root, rules: pssRules, pssLevel: 'restricted' })), ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    // Standard input is read once and still pre-scanned.
    const stdin = Readable.from([Buffer.from(`${POD}---\n${namespace('    pod-security.kubernetes.io/enforce: privileged\n')}`)]);
    assert.deepEqual(pssChecks(await scan(['-'], { cwd: root, rules: pssRules, stdin })), []);
  });

  it('takes the version from enforce-version: restricted checks that did not exist yet do not apply', () => {
    const text = `${POD}---\n${namespace('    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.7\n')}`;
    // allowPrivilegeEscalation applies from v1.8, capabilities_restricted from v1.22, seccompProfile_restricted from v1.19.
    assert.deepEqual(pssChecks(scanText(text, { rules: pssRules })), ['runAsNonRoot']);
  });

  it('evaluates only the baseline checks at the baseline level', () => {
    const privileged = POD.replace('      image: registry.example.com/app:1.0\n', '      image: registry.example.com/app:1.0\n      securityContext:\n        privileged: true\n');
    assert.deepEqual(pssChecks(scanText(privileged, { rules: pssRules, pssLevel: 'baseline' })), ['privileged']);
  });
});
