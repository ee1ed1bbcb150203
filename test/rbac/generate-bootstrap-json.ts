// Compiles data/bootstrap-rbac/*.yaml (listed in policy.json) into bootstrap-policy.json, which the
// analysis loads at runtime (JSON parses in ~1 ms; the YAML took ~0.7 s).
// Run: node --import tsx test/rbac/generate-bootstrap-json.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fileURLToPath } from 'node:url';

const DATA_DIR = new URL('../../data/bootstrap-rbac/', import.meta.url);

interface Manifest {
  readonly kubernetesVersion: string;
  readonly files: readonly { readonly file: string; readonly upstream: string }[];
}

/** The expected text of bootstrap-policy.json, from the YAML sources. */
export function compiledBootstrapPolicy(): string {
  const manifest = JSON.parse(readFileSync(new URL('policy.json', DATA_DIR), 'utf8')) as Manifest;
  const objects: unknown[] = [];
  for (const { file } of manifest.files) {
    const list = parse(readFileSync(new URL(file, DATA_DIR), 'utf8')) as { items?: unknown[] };
    objects.push(...(list.items ?? []));
  }
  return `${JSON.stringify({
    comment: 'Generated from the YAML files listed in policy.json by test/rbac/generate-bootstrap-json.ts; do not edit.',
    kubernetesVersion: manifest.kubernetesVersion,
    objects,
  })}\n`;
}

export const COMPILED_PATH = fileURLToPath(new URL('bootstrap-policy.json', DATA_DIR));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const expected = compiledBootstrapPolicy();
  if (process.argv.includes('--check')) {
    const actual = readFileSync(COMPILED_PATH, 'utf8');
    if (actual !== expected) {
      process.stderr.write('bootstrap-policy.json is out of date; run node --import tsx test/rbac/generate-bootstrap-json.ts\n');
      process.exitCode = 1;
    }
  } else writeFileSync(COMPILED_PATH, expected);
}
