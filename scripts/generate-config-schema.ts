// Writes schema/config-v1.schema.json: the JSON Schema of .kubeward.yaml for the shipped rules
// (test/config-schema.test.ts keeps it current). Run by `npm run docs`.
import { writeFileSync } from 'node:fs';
import { configSchema } from '../src/engine/config-schema.js';
import { allRules } from '../src/rules/index.js';

const target = new URL('../schema/config-v1.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configSchema(allRules), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
