import assert from 'node:assert/strict';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/engine/config.js';
import { scan, scanText } from '../../src/scan/scan.js';
import { testRules } from './test-rules.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
      resources:
        limits: {cpu: 100m}
`;

function brief(report: ReturnType<typeof scanText>) {
  return report.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.location.line}:${f.location.column} ${f.path}${f.suppressed ? ' (suppressed)' : ''}`);
}

describe('scan engine', () => {
  it('locates a finding at the offending key with its field path', () => {
    const report = scanText(POD, { rules: testRules, file: 'pod.yaml' });
    assert.deepEqual(brief(report), ['test-privileged Pod/web 11:9 spec.containers[0].securityContext.privileged']);
    const finding = report.findings[0];
    assert.ok(finding);
    assert.deepEqual(finding.resource, { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' });
    assert.equal(finding.location.file, 'pod.yaml');
    assert.equal(finding.fixable, true);
    assert.deepEqual(finding.frameworks, { cis: ['5.2.2'], mitre: ['T1611'] });
    assert.equal(finding.message, 'container "app" sets securityContext.privileged: true');
  });

  it('locates a missing field at its nearest existing parent', () => {
    const text = POD.replace('      resources:\n        limits: {cpu: 100m}\n', '');
    const report = scanText(text, { rules: testRules });
    const missing = report.findings.find((f) => f.ruleId === 'test-missing-limits');
    assert.ok(missing);
    assert.equal(missing.path, 'spec.containers[0].resources.limits');
    // The container item `- name: app` starts at line 8, column 7.
    assert.deepEqual([missing.location.line, missing.location.column], [8, 7]);
  });

  it('finds pod templates in every workload kind', () => {
    const template = (indent: string) => POD.split('\n').slice(5).map((line) => (line === '' ? line : indent + line)).join('\n');
    const kinds: [string, string, string][] = [
      ['apps/v1', 'Deployment', 'spec:\n  template:\n'],
      ['apps/v1', 'ReplicaSet', 'spec:\n  template:\n'],
      ['apps/v1', 'StatefulSet', 'spec:\n  template:\n'],
      ['apps/v1', 'DaemonSet', 'spec:\n  template:\n'],
      ['batch/v1', 'Job', 'spec:\n  template:\n'],
      ['v1', 'ReplicationController', 'spec:\n  template:\n'],
      ['batch/v1', 'CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n'],
      ['v1', 'PodTemplate', 'template:\n'],
    ];
    const docs = kinds.map(([apiVersion, kind, prefix]) => {
      const depth = prefix.split('\n').length - 1;
      return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${kind.toLowerCase()}\n${prefix}${template('  '.repeat(depth))}`;
    });
    const report = scanText(docs.join('---\n'), { rules: testRules });
    const paths = report.findings.filter((f) => f.ruleId === 'test-privileged').map((f) => `${f.resource.kind} ${f.path}`);
    assert.deepEqual(paths, [
      'Deployment spec.template.spec.containers[0].securityContext.privileged',
      'ReplicaSet spec.template.spec.containers[0].securityContext.privileged',
      'StatefulSet spec.template.spec.containers[0].securityContext.privileged',
      'DaemonSet spec.template.spec.containers[0].securityContext.privileged',
      'Job spec.template.spec.containers[0].securityContext.privileged',
      'ReplicationController spec.template.spec.containers[0].securityContext.privileged',
      'CronJob spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
      'PodTemplate template.spec.containers[0].securityContext.privileged',
    ]);
    // Each finding is located on its own document's privileged line.
    const lines = report.findings.filter((f) => f.ruleId === 'test-privileged').map((f) => f.location.line);
    assert.equal(new Set(lines).size, lines.length);
  });

  it('reads JSON, Lists, and notes documents that are not Kubernetes objects', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c', securityContext: { privileged: true }, resources: { limits: {} } }] } },
    ] }, null, 2);
    const report = scanText(`${list}\n---\nfoo: bar\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n`, { rules: testRules });
    assert.deepEqual(brief(report), ['test-privileged Pod/a 16:15 spec.containers[0].securityContext.privileged']);
    assert.equal(report.summary.objects, 2, 'the List member and the custom resource are objects');
    assert.equal(report.notes.length, 1);
    assert.match(report.notes[0]?.message ?? '', /not a Kubernetes object/);
    assert.deepEqual(report.errors, []);
  });

  it('reports malformed documents with file:line:column and still scans the others', () => {
    const text = `${POD}---\nkind: Pod\nmetadata: [unclosed\n---\n${POD.replace('name: web', 'name: web2')}`;
    const report = scanText(text, { rules: testRules, file: 'bad.yaml' });
    assert.deepEqual(report.findings.map((f) => f.resource.name), ['web', 'web2']);
    assert.equal(report.errors.length, 1);
    const error = report.errors[0];
    assert.ok(error);
    assert.equal(error.file, 'bad.yaml');
    assert.ok(error.line >= 16 && error.line <= 17, `line ${error.line}`);
    assert.match(error.message, /invalid YAML/);
  });

  it('reports duplicate keys as errors and scans the document with the last value', () => {
    const text = POD.replace('        privileged: true\n', '        privileged: false\n        privileged: true\n');
    const report = scanText(text, { rules: testRules });
    assert.equal(report.errors.length, 1);
    assert.match(report.errors[0]?.message ?? '', /duplicated mapping key/);
    assert.deepEqual(brief(report), ['test-privileged Pod/web 12:9 spec.containers[0].securityContext.privileged']);
  });

  it('runs collection rules across documents and locates each object', () => {
    const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\n`;
    const report = scanText([cm('a'), cm('b'), cm('a')].join('---\n'), { rules: testRules });
    assert.deepEqual(brief(report), [
      'test-duplicate-names ConfigMap/settings 4:3 metadata.name',
      'test-duplicate-names ConfigMap/settings 16:3 metadata.name',
    ]);
  });
});

describe('suppressions', () => {
  it('honours the kubeward.io/ignore annotation on the object or its pod template, with a reason', () => {
    const text = POD.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    kubeward.io/ignore: "test-privileged, other"\n    kubeward.io/ignore-reason: "debug pod"\n');
    const report = scanText(text, { rules: testRules });
    assert.equal(report.findings.length, 1);
    assert.deepEqual(report.findings[0]?.suppression, { source: 'annotation', reason: 'debug pod' });
    assert.equal(report.summary.findings, 0);
    assert.equal(report.summary.suppressed, 1);
  });

  it('an annotation without kubeward.io/ignore-reason does not apply, and is reported as unjustified', () => {
    const text = POD.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    kubeward.io/ignore: "test-privileged"\n');
    const report = scanText(text, { rules: testRules, file: 'pod.yaml' });
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.suppressed]), [['test-privileged', false]]);
    assert.equal(report.summary.findings, 1);
    assert.deepEqual(report.notes, [{ file: 'pod.yaml:13', message: 'kubeward.io/ignore on Pod web names test-privileged without kubeward.io/ignore-reason; not applied' }]);
    const blank = scanText(text.replace('kubeward.io/ignore: "test-privileged"\n', 'kubeward.io/ignore: "test-privileged"\n    kubeward.io/ignore-reason: "  "\n'), { rules: testRules });
    assert.equal(blank.findings[0]?.suppressed, false);
  });

  it('honours an inline comment above the field, only with a reason', () => {
    const withReason = POD.replace('        privileged: true\n', '        # kubeward:ignore test-privileged -- needs raw sockets for the VPN\n        privileged: true\n');
    const report = scanText(withReason, { rules: testRules });
    assert.deepEqual(report.findings[0]?.suppression, { source: 'comment', reason: 'needs raw sockets for the VPN' });
    const noReason = POD.replace('        privileged: true\n', '        # kubeward:ignore test-privileged\n        privileged: true\n');
    const unsuppressed = scanText(noReason, { rules: testRules });
    assert.equal(unsuppressed.findings[0]?.suppressed, false);
    assert.match(unsuppressed.notes.map((n) => n.message).join('\n'), /no reason/);
  });

  it('applies config exceptions by rule alias, kind, namespace, name and container glob, until they expire', () => {
    const config = parseConfig(`
exceptions:
  - rule: test-old-privileged
    kind: Pod
    namespace: sh*
    name: "w?b"
    container: app
    reason: vendor image, ticket SEC-12
    expires: 2026-06-30
`, '.kubeward.yaml', testRules);
    const active = scanText(POD, { rules: testRules, config, today: '2026-06-30' });
    assert.deepEqual(active.findings[0]?.suppression, { source: 'config', reason: 'vendor image, ticket SEC-12', expires: '2026-06-30' });
    const expired = scanText(POD, { rules: testRules, config, today: '2026-07-01' });
    assert.equal(expired.findings[0]?.suppressed, false);
    assert.match(expired.notes.map((n) => n.message).join('\n'), /expired on 2026-06-30/);
    const otherContainer = parseConfig('exceptions:\n  - {rule: test-privileged, container: sidecar, reason: r}\n', 'c.yaml', testRules);
    assert.equal(scanText(POD, { rules: testRules, config: otherContainer }).findings[0]?.suppressed, false);
  });

  it('disables rules and overrides severities from the config', () => {
    const config = parseConfig('rules:\n  test-privileged: {severity: low}\n  test-missing-limits: off\n', 'c.yaml', testRules);
    const report = scanText(POD.replace('      resources:\n        limits: {cpu: 100m}\n', ''), { rules: testRules, config });
    assert.deepEqual(report.findings.map((f) => `${f.ruleId}:${f.severity}`), ['test-privileged:low']);
  });
});

describe('config validation', () => {
  const cases: [string, RegExp][] = [
    ['rules: [a]', /rules: must be a mapping/],
    ['rules:\n  no-such-rule: off', /unknown rule "no-such-rule"/],
    ['rules:\n  test-privileged: {severity: urgent}', /severity: must be one of/],
    ['exceptions:\n  - rule: test-privileged', /reason: required/],
    ['exceptions:\n  - {rule: test-privileged, reason: x, expires: soon}', /expires: must be a date/],
    ['colour: red', /unknown top-level key "colour"/],
    ['rules: {a: 1', /invalid YAML/],
    ['defaults:\n  failOn: sometimes', /failOn: must be one of/],
  ];
  for (const [text, expected] of cases) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseConfig(text, '/repo/.kubeward.yaml', testRules), (error: Error) => {
        assert.match(error.message, /^\/repo\/\.kubeward\.yaml: /);
        assert.match(error.message, expected);
        return true;
      });
    });
  }
});

describe('inputs', () => {
  async function tree(files: Record<string, string | Buffer>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'kubeward-inputs-'));
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(root, name, '..'), { recursive: true });
      await writeFile(join(root, name), content);
    }
    return root;
  }

  it('walks directories recursively, reading .yaml .yml .json only, in a stable order', async () => {
    const root = await tree({
      'b/pod.yml': POD,
      'a/pod.yaml': POD.replace('name: web', 'name: a'),
      'c/pod.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'x', securityContext: { privileged: true }, resources: { limits: {} } }] } }),
      'notes.txt': 'kind: Pod',
      'empty.yaml': '',
    });
    const report = await scan(['.'], { cwd: root, rules: testRules });
    assert.deepEqual(report.findings.map((f) => `${f.location.file} ${f.resource.name}`), ['a/pod.yaml a', 'b/pod.yml web', 'c/pod.json j']);
    assert.equal(report.summary.files, 4);
    assert.deepEqual(report.errors, []);
  });

  it('reads standard input for -', async () => {
    const report = await scan(['-'], { cwd: tmpdir(), stdin: Readable.from([Buffer.from(POD)]), rules: testRules });
    assert.equal(report.findings[0]?.location.file, '<stdin>');
  });

  it('gives bounded, clear errors for binary, non-UTF-8, UTF-16, oversized and missing files', async () => {
    const root = await tree({
      'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'latin1.yaml': Buffer.concat([Buffer.from('kind: Pod\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod', 'utf16le')]),
      'big.yaml': `# ${'x'.repeat(2 * 1024 * 1024)}\n`,
      'ok.yaml': POD,
    });
    const report = await scan(['.', 'missing.yaml'], { cwd: root, rules: testRules, maxFileBytes: 1024 * 1024 });
    const errors = Object.fromEntries(report.errors.map((e) => [e.file, `${e.line}:${e.column} ${e.message}`]));
    assert.match(errors['binary.yaml'] ?? '', /binary file/);
    assert.match(errors['latin1.yaml'] ?? '', /^2:\d+ file is not valid UTF-8/);
    assert.match(errors['utf16.yaml'] ?? '', /UTF-16/);
    assert.match(errors['big.yaml'] ?? '', /above the 1\.0 MiB limit/);
    assert.match(errors['missing.yaml'] ?? '', /no such file/);
    assert.deepEqual(report.findings.map((f) => f.location.file), ['ok.yaml'], 'the good file is still scanned');
  });

  it('survives symlink loops', async () => {
    const root = await tree({ 'app/pod.yaml': POD });
    await symlink(join(root, 'app'), join(root, 'app', 'loop'));
    await symlink(join(root, 'nowhere'), join(root, 'app', 'dangling.yaml'));
    const report = await scan([root], { cwd: root, rules: testRules });
    assert.deepEqual(report.findings.map((f) => f.location.file), ['app/pod.yaml']);
    assert.match(report.notes.map((n) => n.message).join('\n'), /symlink loop/);
    assert.match(report.errors.map((e) => `${e.file}: ${e.message}`).join('\n'), /dangling\.yaml: no such file/);
  });

  it('skips Helm chart templates with a note', async () => {
    const root = await tree({ 'chart/Chart.yaml': 'apiVersion: v2\nname: c\n', 'chart/values.yaml': 'a: 1\n', 'chart/templates/pod.yaml': 'kind: {{ .Values.kind }}\n' });
    const report = await scan(['chart'], { cwd: root, rules: testRules });
    assert.deepEqual(report.errors, []);
    assert.match(report.notes.map((n) => n.message).join('\n'), /helm template/);
  });
});
