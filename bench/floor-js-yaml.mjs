// Floor (a): a plain js-yaml 4 loadAll of every file, keeping no positions.
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { inputFiles } from './input-files.mjs';

let documents = 0;
for (const file of inputFiles(process.argv.slice(2))) {
  const loaded = jsYaml.loadAll(readFileSync(file, 'utf8'));
  documents += loaded.filter((document) => document !== null && document !== undefined).length;
}
console.log(JSON.stringify({ documents }));
