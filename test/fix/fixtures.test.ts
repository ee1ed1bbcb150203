import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixGuarantees } from './guarantees.js';
import { splitDocuments } from '../../src/source/split-documents.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const FIXTURES = join(here, 'fixtures');
const EXAMPLES = join(repo, 'examples');
const scan = { pssLevel: 'restricted' as const, today: '2026-11-25' };

function manifestsUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).sort().flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return manifestsUnder(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

const files = [...manifestsUnder(FIXTURES), ...manifestsUnder(EXAMPLES)];

test('there are fixtures to check', () => {
  assert.ok(manifestsUnder(FIXTURES).length >= 6);
});

for (const path of files) {
  for (const includeSuggestions of [false, true]) {
    test(`${relative(repo, path)}${includeSuggestions ? ' with suggestions' : ''}: idempotent, nothing fixable left, only named paths change`, () => {
      const text = readFileSync(path, 'utf8');
      const { result, violations } = checkFixGuarantees(relative(repo, path), text, { scan, includeSuggestions });
      assert.deepEqual(violations, []);
      if (path.startsWith(FIXTURES) && includeSuggestions) assert.ok(result.applied.length > 0, 'the fixture has something to fix');
    });
  }
}

test('documents without fixes stay byte-identical, directives and separators included', () => {
  const text = readFileSync(join(FIXTURES, 'list-and-cronjob.yaml'), 'utf8');
  const { result } = checkFixGuarantees('list-and-cronjob.yaml', text, { scan, includeSuggestions: true });
  assert.ok(result.text.startsWith('%YAML 1.1\n---\napiVersion: v1\nkind: List\n'));
  const namespaceBefore = splitDocuments(text).at(-1)?.text;
  const namespaceAfter = splitDocuments(result.text).at(-1)?.text;
  assert.ok(namespaceBefore?.includes('kind: ConfigMap'));
  assert.equal(namespaceAfter, namespaceBefore);
  assert.ok(result.text.includes('    privileged: "true"   # not a pod: must stay\n'), 'ConfigMap data untouched');
});

test('comments, quoting and blank lines survive; only fixed lines change', () => {
  const text = readFileSync(join(FIXTURES, 'insecure-deployment.yaml'), 'utf8');
  const { result } = checkFixGuarantees('insecure-deployment.yaml', text, { scan, includeSuggestions: false });
  for (const kept of ['# An insecure web deployment, as people write them.\n', '  labels: {app: web, tier: frontend}\n',
    '          image: "registry.example.com/web:1.4.2"\n', "          image: 'registry.example.com/proxy:2.0'\n",
    '            - containerPort: 8080\n\n          securityContext:\n', '        command: [sh, -c, "echo ready"]\n']) {
    assert.ok(result.text.includes(kept), `kept: ${JSON.stringify(kept)}`);
  }
  assert.ok(result.text.includes('            privileged: false\n'), 'scalar replaced in place');
  const service = splitDocuments(text)[1]?.text;
  assert.equal(splitDocuments(result.text)[1]?.text, service, 'the Service document is untouched');
});

test('JSON stays JSON, CRLF stays CRLF', () => {
  const json = checkFixGuarantees('pod.json', readFileSync(join(FIXTURES, 'pod.json'), 'utf8'), { scan, includeSuggestions: true });
  const parsed: unknown = JSON.parse(json.result.text);
  assert.equal((parsed as { spec: { containers: { securityContext: { allowPrivilegeEscalation: boolean } }[] } }).spec.containers[0]?.securityContext.allowPrivilegeEscalation, false);
  assert.match(json.result.text, /^ {8}"image": "nginx:1\.25",$/m, 'indentation of the file kept');
  const crlf = checkFixGuarantees('crlf-pod.yaml', readFileSync(join(FIXTURES, 'crlf-pod.yaml'), 'utf8'), { scan, includeSuggestions: false });
  assert.notEqual(crlf.result.text, crlf.result.original);
  assert.doesNotMatch(crlf.result.text, /[^\r]\n/, 'every line break is CRLF');
});

test('NetworkPolicy rules written into a Pod become a NetworkPolicy, with a warning', () => {
  const text = readFileSync(join(FIXTURES, 'misplaced-networkpolicy.yaml'), 'utf8');
  const { result } = checkFixGuarantees('misplaced-networkpolicy.yaml', text, { scan, includeSuggestions: false });
  assert.match(result.warnings.join('\n'), /spec\.ingress is NetworkPolicy configuration, not a Pod field/);
  const documents = splitDocuments(result.text);
  assert.equal(documents.length, 2);
  assert.doesNotMatch(documents[0]?.text ?? '', /ingress|Meant as/, 'the block and its comment left the Pod');
  assert.match(documents[1]?.text ?? '', /kind: NetworkPolicy\n[\s\S]*podSelector:\n {4}matchLabels:\n {6}app: api\n[\s\S]*app: gateway[\s\S]*port: 8443/);
});

test('fixes through YAML anchors are refused with a reason, not guessed', () => {
  const text = readFileSync(join(FIXTURES, 'anchors.yaml'), 'utf8');
  const { result, violations } = checkFixGuarantees('anchors.yaml', text, { scan, includeSuggestions: false });
  assert.deepEqual(violations, []);
  assert.ok(result.notApplied.some((record) => /YAML (?:anchor|alias)/.test(record.reason)));
  assert.ok(result.text.includes('        securityContext: &sc\n          runAsNonRoot: true\n'), 'the anchored map is unchanged');
});
