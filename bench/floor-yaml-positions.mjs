// Reference (b): the `yaml` package's parseAllDocuments with a LineCounter, i.e. keeping every position.
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments } from 'yaml';
import { inputFiles } from './input-files.mjs';

let documents = 0;
for (const file of inputFiles(process.argv.slice(2))) {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter });
  documents += Array.isArray(parsed) ? parsed.filter((document) => document.contents !== null).length : 0;
}
console.log(JSON.stringify({ documents }));
