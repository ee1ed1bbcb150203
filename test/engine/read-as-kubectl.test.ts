// Objects are read as kubectl and the API server read them: typed lists from the API, nested Lists,
// a byte order mark on each document, and YAML 1.1 numbers (go-yaml v2). A different reading is a silent
// false negative: the object is skipped, or a value other than the one the cluster sees is judged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsYaml from 'js-yaml';
import { scanText } from '../../src/scan/scan.js';
import { KUBERNETES_YAML_SCHEMA, goYamlInteger } from '../../src/source/yaml-1-1.js';
import { testRules } from './test-rules.js';

const privilegedSpec = { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] };

function privileged(text: string, file = 'input.yaml') {
  const report = scanText(text, { rules: testRules, file });
  return { report, hits: report.findings.filter((f) => f.ruleId === 'test-privileged').map((f) => `${f.resource.apiVersion} ${f.resource.kind} ${f.resource.name} ${f.location.line}:${f.location.column} ${f.path}`) };
}

describe('reading input as kubectl does', () => {
  it('typed lists (kubectl get -o json, GET /api/v1/pods): items get the list apiVersion and its kind without List', () => {
    const podList = { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'a', namespace: 'x' }, spec: privilegedSpec }] };
    const deploymentList = `apiVersion: apps/v1
kind: DeploymentList
items:
  - metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: app, image: nginx:1.27, securityContext: {privileged: true}}]
`;
    const fromJson = privileged(JSON.stringify(podList), 'pods.json');
    assert.deepEqual(fromJson.report.errors, []);
    assert.deepEqual(fromJson.hits, ['v1 Pod a 1:199 spec.containers[0].securityContext.privileged']);
    assert.deepEqual(privileged(deploymentList).hits, ['apps/v1 Deployment web 8:73 spec.template.spec.containers[0].securityContext.privileged']);
    // An item that names its own kind keeps it; one with only one of the two is still not an object (as upstream).
    const mixed = privileged(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'own' }, spec: privilegedSpec }, { kind: 'Pod', metadata: { name: 'half' } }] }));
    assert.deepEqual(mixed.hits.map((hit) => hit.split(' ')[2]), ['own']);
    assert.match(mixed.report.errors[0]?.message ?? '', /items\[1\] of PodList is not a Kubernetes object/);
  });

  it('nested Lists are flattened, as kubectl\'s resource builder does', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: PodList
        items:
          - metadata: {name: deep}
            spec:
              containers: [{name: app, image: nginx:1.27, securityContext: {privileged: true}}]
`;
    const { report, hits } = privileged(text);
    assert.deepEqual(hits, ['v1 Pod deep 12:77 spec.containers[0].securityContext.privileged']);
    assert.equal(report.summary.objects, 1);
  });

  it('each document may start with a UTF-8 byte order mark (go-yaml drops it at the start of each document)', () => {
    const pod = (name: string) => `\uFEFFapiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers: [{name: app, image: nginx:1.27, securityContext: {privileged: true}}]\n`;
    const { report, hits } = privileged(`${pod('one')}---\n${pod('two')}---\n# comment\n${pod('three')}`);
    assert.deepEqual(report.notes, []);
    assert.deepEqual(hits.map((hit) => hit.split(' ').slice(2, 4).join(' ')), ['one 5:65', 'two 11:65', 'three 18:65']);
  });

  it('integers are read as go-yaml v2 reads them (YAML 1.1): octal, underscores, 0x, 0b; sexagesimal stays a string', () => {
    const read = (text: string): unknown => (jsYaml.load(`v: ${text}`, { schema: KUBERNETES_YAML_SCHEMA }) as { v: unknown }).v;
    assert.equal(read('010000'), 4096);
    assert.equal(read('-010'), -8);
    assert.equal(read('1_000'), 1000);
    assert.equal(read('0x1F'), 31);
    assert.equal(read('0o17'), 15);
    assert.equal(read('0b101'), 5);
    assert.equal(read('08'), 8); // not octal: go-yaml falls back to the float pattern
    assert.equal(read('1e3'), 1000);
    assert.equal(read('"010"'), '010');
    assert.equal(read('_1'), '_1');
    assert.equal(read('190:20:30'), '190:20:30');
    assert.equal(read('.inf'), Infinity);
    assert.equal(goYamlInteger('18446744073709551615'), 18446744073709551615n);
    assert.equal(goYamlInteger('18446744073709551616'), undefined);
    assert.equal(goYamlInteger('-9223372036854775809'), undefined);
  });

  it('names the numbers that YAML 1.1 and YAML 1.2 tools read differently, where they are', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsUser: 010000 # meant as 10000
    runAsGroup: 1_0000
    fsGroup: 10000
  containers:
    - name: app
      image: nginx:1.27
      args: ["010", 0x10]
      env:
        - name: CONFIG
          value: |
            mode: 0644
`;
    const report = scanText(text, { rules: testRules, file: 'pod.yaml' });
    assert.deepEqual(report.notes.map((note) => `${note.file} ${note.message.split(';')[0]}`), [
      'pod.yaml:6:16 010000 reads as 4096 for kubectl and the API server (YAML 1.1) but as 10000 for YAML 1.2 tools',
      'pod.yaml:7:17 1_0000 reads as 10000 for kubectl and the API server (YAML 1.1) but as "1_0000" for YAML 1.2 tools',
    ]);
  });
});
