import { Ajv, type ErrorObject } from 'ajv';
import { didYouMean } from '../foundation/suggest.js';
import { SEVERITIES, type Rule } from './rule.js';
import { LATEST_PSS_MINOR, PSS_LEVELS } from './pss-version.js';

// The JSON Schema of `.kubeward.yaml`, built from the rules it configures: each rule's options are the
// keys of its defaultOptions, with their types, and nothing else (an option the rule does not read has
// no effect, so it is an error). schema/config-v1.schema.json is this schema for the shipped rules,
// published for editors (yaml-language-server, VS Code); a test keeps it equal to configSchema(allRules).

export const CONFIG_SCHEMA_ID = 'https://kubeward.dev/schema/config-v1.schema.json';

type JsonSchema = Readonly<Record<string, unknown>>;

function valueSchema(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? valueSchema(value[0]) : { type: 'string' } };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'string') return { type: 'string' };
  return {};
}

/** A rule's entry: on/off, or enabled/severity/options with exactly the options it reads. */
function ruleEntrySchema(options: Readonly<Record<string, JsonSchema>>): JsonSchema {
  return {
    anyOf: [
      { enum: ['on', 'off', true, false] },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          severity: { enum: [...SEVERITIES] },
          options: {
            type: 'object',
            additionalProperties: false,
            properties: options,
            ...(Object.keys(options).length === 0 ? { description: 'this rule takes no options' } : {}),
          },
        },
      },
    ],
  };
}

/** Rules without options share one definition: the schema stays small and quick to compile. */
function ruleSchema(rule: Rule): JsonSchema {
  const defaults = rule.defaultOptions ?? {};
  if (Object.keys(defaults).length === 0) return { $ref: '#/definitions/ruleWithoutOptions' };
  const options = Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, { ...valueSchema(value), default: value }]));
  return { description: rule.meta.title, ...ruleEntrySchema(options) };
}

export function configSchema(rules: readonly Rule[]): JsonSchema {
  // Rules with options are listed; every other rule id takes the shared entry without options (kubeward
  // itself rejects unknown ids with "did you mean"), so a new rule without options changes no schema.
  const ruleProperties: Record<string, JsonSchema> = {};
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    if (Object.keys(rule.defaultOptions ?? {}).length === 0) continue;
    ruleProperties[rule.meta.id] = ruleSchema(rule);
    for (const alias of rule.meta.aliases ?? []) ruleProperties[alias] = ruleSchema(rule);
  }
  const nonEmpty = { type: 'string', minLength: 1 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'kubeward configuration (.kubeward.yaml)',
    type: 'object',
    additionalProperties: false,
    definitions: { ruleWithoutOptions: ruleEntrySchema({}) },
    properties: {
      rules: { type: 'object', properties: ruleProperties, additionalProperties: { $ref: '#/definitions/ruleWithoutOptions' } },
      exceptions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'reason'],
          properties: {
            rule: { type: 'string', description: 'a rule id, or * for every rule' },
            kind: nonEmpty, namespace: nonEmpty, name: nonEmpty, container: nonEmpty,
            reason: { type: 'string', pattern: '\\S' },
            expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          },
        },
      },
      admission: { type: 'object', description: 'settings of kubeward serve; it validates them itself' },
      defaults: {
        type: 'object',
        additionalProperties: false,
        properties: {
          failOn: { enum: [...SEVERITIES, 'none'] },
          format: { enum: ['table', 'json', 'sarif', 'junit', 'html'] },
          pssLevel: { enum: [...PSS_LEVELS] },
          kubernetesVersion: { type: 'string', pattern: '^v?1\\.(0|[1-9]\\d{0,2})(\\.\\d+)?$', description: 'the Kubernetes release to judge for, as --kube-version' },
          pssVersion: { type: 'string', pattern: `^(latest|v1\\.(${Array.from({ length: LATEST_PSS_MINOR + 1 }, (_, minor) => String(minor)).reverse().join('|')}))$` },
          showSuppressed: { type: 'boolean' },
        },
      },
    },
  };
}

/**
 * Validates a parsed config against configSchema(rules); the first problem in kubeward's words, naming
 * the key (`rules.allowed-image-registries.options: unknown option "registries" (did you mean
 * allowedRegistries?)`), or undefined when the config is valid.
 */
export function configSchemaProblem(config: unknown, rules: readonly Rule[]): string | undefined {
  const schema = configSchema(rules);
  // Compiled per call (a config is read once), never kept in module state; inlineRefs: false compiles
  // the shared definition once. allErrors and verbose: to name the most specific problem.
  const validate = new Ajv({ allErrors: true, strict: false, verbose: true, inlineRefs: false }).compile(schema);
  if (validate(config)) return undefined;
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'anyOf');
  // The deepest problem is the most specific; an unknown key beats a type mismatch of another branch.
  const depth = (error: ErrorObject): number => error.instancePath.split('/').length + (error.keyword === 'additionalProperties' ? 0.5 : 0);
  const worst = [...errors].sort((a, b) => depth(b) - depth(a))[0];
  if (worst === undefined) return 'does not match the configuration schema';
  return describe(worst);
}

function describe(error: ErrorObject): string {
  const path = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('').replace(/^\./, '') || '(top level)';
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties) ?? {});
    if (path.at(-1) === 'options') {
      return known.length === 0
        ? `${where}: unknown option "${key}": rule ${path[1] ?? ''} takes no options`
        : `${where}: unknown option "${key}"${didYouMean(key, known)} (options: ${known.join(', ')})`;
    }
    return `${where}: unknown key "${key}"${didYouMean(key, known)}`;
  }
  if (error.keyword === 'type') return `${where}: must be ${article(String((error.params as { type: string }).type))}`;
  if (error.keyword === 'enum') return `${where}: must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map(String).join(', ')}`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : type === 'integer' ? 'an integer' : `a ${type}`;
}
