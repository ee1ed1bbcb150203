#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and testing/ with Node's test runner (Node 20 has no --test globs).
// Extra arguments filter test files by substring: `npm test -- rbac`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function* walk(directory) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* walk(path);
    } else if (entry.name.endsWith('.test.ts')) yield relative(root, path);
  }
}

const files = ['src', 'test', 'testing'].flatMap((folder) => [...walk(join(root, folder))])
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const reporter = process.env['CI'] ? 'spec' : 'spec';
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
