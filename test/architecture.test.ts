import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

// The layers of src/ and what each may import (docs/adr/0008-engine-layers.md). Imports flow one way:
// a layer imports only the layers listed for it. A new folder must be added here, which is the moment
// to decide where it sits.

const SRC = resolve(import.meta.dirname, '..', 'src');

/** Leaf modules of fix/: fix operations are data that rules emit and the engine carries. */
const FIX_DATA = new Set(['fix/operations.ts', 'fix/apply-operations.ts']);

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  foundation: [],
  k8s: ['foundation'],
  source: ['foundation', 'k8s'],
  'fix-data': ['foundation'],
  engine: ['foundation', 'source', 'k8s', 'fix-data'],
  analysis: ['foundation', 'k8s'],
  rules: ['foundation', 'k8s', 'engine', 'analysis', 'fix-data'],
  fix: ['foundation', 'source', 'k8s', 'engine', 'fix-data', 'scan'],
  report: ['foundation', 'k8s', 'engine', 'version.ts'],
  cluster: ['foundation', 'k8s'],
  scan: ['foundation', 'source', 'k8s', 'engine', 'fix-data', 'rules', 'report', 'cluster'],
  // The shared HTTPS layer of every server: it knows no Kubernetes and no rule.
  server: ['foundation'],
  // Images: registry client, layouts and archives, layer walking, SBOM, advisories (ADR 0009). Rules
  // about images read plain facts the CLI hands them, so no rule imports this layer.
  image: ['foundation'],
  // Node collectors: read a node's processes and files (IO) into the NodeConfiguration of k8s/, and make
  // it a subject. Rules about nodes read that object and never import this layer (ADR 0010).
  node: ['foundation', 'k8s', 'engine'],
  // The admission webhook's pure core: AdmissionReview in, response out (ADR 0012). Servers and the CLI wire it to the world.
  admission: ['foundation', 'k8s', 'engine', 'rules', 'fix-data', 'fix'],
  cli: ['*'],
  'index.ts': ['*'],
  'version.ts': [],
};

function groupOf(file: string): string {
  const path = relative(SRC, file).split('\\').join('/');
  if (FIX_DATA.has(path)) return 'fix-data';
  return path.split('/')[0] ?? path;
}

function* sourceFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** Relative imports of a file, static and dynamic, type-only included (they couple the layers too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const specifier = match[1];
    if (specifier !== undefined) targets.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
  }
  return targets;
}

describe('architecture', () => {
  const files = [...sourceFiles(SRC)];
  const edges = files.flatMap((file) => importsOf(file).map((target) => ({ file, target, from: groupOf(file), to: groupOf(target) })));

  it('sees the imports it checks', () => {
    assert.ok(files.length > 100 && edges.length > 300, `${files.length} files, ${edges.length} imports`);
  });

  it('every folder of src/ has a place in the layer table', () => {
    const unknown = [...new Set(files.map(groupOf))].filter((group) => ALLOWED[group] === undefined);
    assert.deepEqual(unknown, [], 'add these folders to ALLOWED in test/architecture.test.ts (and the ADR)');
  });

  it('imports flow one way between the layers', () => {
    const violations = edges
      .filter(({ from, to }) => from !== to && ALLOWED[from] !== undefined && !ALLOWED[from].includes('*') && !ALLOWED[from].includes(to))
      .map(({ file, target }) => `${relative(SRC, file)} -> ${relative(SRC, target)}`);
    assert.deepEqual(violations, []);
  });

  it('the engine imports no rule, and the rules import no command, pipeline or report', () => {
    const bad = edges.filter(({ from, to }) => (from === 'engine' && to === 'rules') || (from === 'rules' && ['cli', 'scan', 'report'].includes(to)));
    assert.deepEqual(bad.map(({ file, target }) => `${relative(SRC, file)} -> ${relative(SRC, target)}`), []);
  });

  it('the pure layers touch no files, network or processes (but to load the data kubeward ships)', () => {
    const pure = ['foundation', 'k8s', 'engine', 'analysis', 'rules', 'fix', 'fix-data', 'report'];
    const shippedDataLoaders = new Set(['analysis/rbac/bootstrap-policy.ts', 'rules/schema/support/kubernetes-schema.ts']);
    const offenders = files.filter((file) => pure.includes(groupOf(file)) && !shippedDataLoaders.has(relative(SRC, file)) &&
      /from\s+'(node:(fs|net|http|https|child_process)(\/promises)?|@kubernetes\/client-node)'/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((file) => relative(SRC, file)), []);
  });
});
