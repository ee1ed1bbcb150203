import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixGuarantees } from './guarantees.js';

// The guarantees over real-world rendered manifests (../shared/corpus from the repository root):
// argo-cd, ingress-nginx, kube-prometheus, microservices-demo. Suggestions are applied too, so that
// every kind of edit the rules propose is exercised on text written by other tools.

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(repo, '..', 'shared', 'corpus');
const scan = { pssLevel: 'restricted' as const, today: '2026-11-25' };

function manifestsUnder(directory: string): string[] {
  return readdirSync(directory).sort().flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return manifestsUnder(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

test('fix guarantees hold over the real-world corpus', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  const files = manifestsUnder(CORPUS);
  assert.ok(files.length > 100, 'the corpus is there');
  const failures: string[] = [];
  let applied = 0;
  let changedFiles = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    // Safe fixes only on the small projects, everything on all of them: the big CRD files cost time, not coverage.
    const modes = statSync(path).size < 200_000 ? [false, true] : [true];
    for (const includeSuggestions of modes) {
      const { result, violations } = checkFixGuarantees(relative(CORPUS, path), text, { scan, includeSuggestions });
      for (const violation of violations) failures.push(`${relative(CORPUS, path)}${includeSuggestions ? ' (suggestions)' : ''}: ${violation}`);
      if (includeSuggestions) {
        applied += result.applied.length;
        if (result.text !== text) changedFiles++;
      }
    }
  }
  assert.deepEqual(failures.slice(0, 20), []);
  // The corpus is mostly hardened already, but not entirely: the check must have had something to check.
  assert.ok(applied > 100, `only ${applied} fixes applied`);
  assert.ok(changedFiles > 10, `only ${changedFiles} files changed`);
});
