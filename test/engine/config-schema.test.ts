import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import jsYaml from 'js-yaml';
import { ConfigError, parseConfig } from '../../src/engine/config.js';
import { configSchema } from '../../src/engine/config-schema.js';
import { allRules } from '../../src/rules/index.js';

const ROOT = new URL('../../', import.meta.url);

function problem(text: string): string {
  try {
    parseConfig(text, '.kubeward.yaml', allRules);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  return 'no problem';
}

describe('config JSON Schema', () => {
  it('is published in schema/ exactly as kubeward validates with it (npm run docs writes it)', () => {
    const published = JSON.parse(readFileSync(new URL('schema/config-v1.schema.json', ROOT), 'utf8')) as unknown;
    assert.deepEqual(published, configSchema(allRules));
    // A well-formed draft-07 schema, strict mode included.
    assert.doesNotThrow(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(published as object));
  });

  it('rejects rule options that do not exist, naming the key', () => {
    assert.equal(problem('rules:\n  allowed-image-registries:\n    options: {registries: [docker.io]}\n'),
      '.kubeward.yaml: rules.allowed-image-registries.options: unknown option "registries" (did you mean allowedRegistries?) (options: allowedRegistries)');
    assert.equal(problem('rules:\n  no-privileged: {options: {strict: true}}\n'),
      '.kubeward.yaml: rules.no-privileged.options: unknown option "strict": rule no-privileged takes no options');
    assert.equal(problem('rules:\n  run-as-high-uid: {options: {minimumUid: "10000"}}\n'),
      '.kubeward.yaml: rules.run-as-high-uid.options.minimumUid: must be an integer');
    assert.equal(problem('rules:\n  allowed-image-registries: {options: {allowedRegistries: docker.io}}\n'),
      '.kubeward.yaml: rules.allowed-image-registries.options.allowedRegistries: must be a list');
    assert.equal(problem('defaults:\n  format: xml\n'), '.kubeward.yaml: defaults.format: must be one of table, json, sarif, junit, html');
  });

  it('accepts every documented form, the README example included', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    const example = /## Configuration and suppressions[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example !== undefined);
    assert.equal(problem(example), 'no problem');
    const schema = configSchema(allRules);
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.equal(validate(jsYaml.load(example, { schema: jsYaml.CORE_SCHEMA })), true, JSON.stringify(validate.errors));
    assert.equal(problem('rules:\n  run-as-high-uid: {enabled: true, severity: low, options: {minimumUid: 10001}}\n  no-privileged: on\n'), 'no problem');
  });
});
