// Generates data/openapi/kubernetes-<version>.json, the compact field schema the `schema` rules validate
// built-in kinds against, from the JSON Schema definitions that the PyPI package `kubernetes-validate`
// ships. That package converts each release's upstream `api/openapi-spec/swagger.json` with
// openapi2jsonschema; we keep only what field validation needs: every object type's fields and each
// field's type (scalar, list, map, int-or-string, quantity, free-form).
//
//   node --import tsx scripts/generate-openapi-schema.ts            write the data file
//   node --import tsx scripts/generate-openapi-schema.ts --check    exit 1 when the data file is stale
//   ... --from <wheel | _definitions.json>                           use a local copy instead of `pip download`
//
// Without --from the wheel is fetched with `python3 -m pip download` (PyPI only).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const KUBERNETES_VERSION = 'v1.37.0';
const SOURCE_PACKAGE = 'kubernetes-validate';
const SOURCE_PACKAGE_VERSION = '1.37.0';
const DEFINITIONS_PATH = `kubernetes_validate/kubernetes-json-schema/${KUBERNETES_VERSION}-local/_definitions.json`;
const OUTPUT = new URL(`../data/openapi/kubernetes-${KUBERNETES_VERSION}.json`, import.meta.url);

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly oneOf?: readonly JsonSchema[];
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-group-version-kind'?: readonly { group: string; version: string; kind: string }[];
}

/** The data file's shape; the rules read it through `src/rules/schema/kubernetes-schema.ts`. */
export interface CompactSchema {
  readonly comment: string;
  readonly kubernetesVersion: string;
  readonly source: { readonly package: string; readonly version: string; readonly file: string; readonly sha256: string };
  /** `apiVersion/kind` (core group: `v1/Pod`) → object type name. */
  readonly kinds: Readonly<Record<string, string>>;
  /**
   * Object type name → field → type expression: `string`, `integer`, `number`, `boolean`,
   * `int-or-string`, `quantity`, `any`, `object` (free-form), `[]<expr>`, `map[string]<expr>`, or
   * another type's name. A type that keeps unknown fields has the field `...` set to `any`.
   */
  readonly types: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, from: { type: 'string' } } });
  const definitionsText = values.from === undefined ? downloadDefinitions() : definitionsFrom(values.from);
  const text = `${JSON.stringify(compactSchemaOf(definitionsText), null, 1)}\n`;
  if (values.check) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write(`${OUTPUT.pathname} is stale: run node --import tsx scripts/generate-openapi-schema.ts\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${OUTPUT.pathname} is up to date (Kubernetes ${KUBERNETES_VERSION})\n`);
    return;
  }
  mkdirSync(new URL('.', OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, text);
  process.stdout.write(`wrote ${OUTPUT.pathname} (${text.length} bytes, Kubernetes ${KUBERNETES_VERSION})\n`);
}

function downloadDefinitions(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-openapi-'));
  try {
    execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary', ':all:', '-d', dir, `${SOURCE_PACKAGE}==${SOURCE_PACKAGE_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const wheel = readdirSync(dir).find((name) => name.endsWith('.whl'));
    if (wheel === undefined) throw new Error(`pip download of ${SOURCE_PACKAGE}==${SOURCE_PACKAGE_VERSION} produced no wheel`);
    return zipEntryText(readFileSync(join(dir, wheel)), DEFINITIONS_PATH);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function definitionsFrom(path: string): string {
  const bytes = readFileSync(path);
  return path.endsWith('.whl') || path.endsWith('.zip') ? zipEntryText(bytes, DEFINITIONS_PATH) : bytes.toString('utf8');
}

/** Reads one stored or deflated entry of a zip archive (a wheel) through its central directory. */
function zipEntryText(zip: Buffer, name: string): string {
  const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const entryName = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entryName === name) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return data.toString('utf8');
      if (method === 8) return inflateRawSync(data).toString('utf8');
      throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`zip archive has no entry ${name}`);
}

export function compactSchemaOf(definitionsText: string): CompactSchema {
  const definitions = (JSON.parse(definitionsText) as { $defs: Record<string, JsonSchema> }).$defs;
  const isObjectType = (schema: JsonSchema): boolean => schema.properties !== undefined;

  const expressionOf = (schema: JsonSchema, where: string): string => {
    if (schema.$ref !== undefined) {
      const name = schema.$ref.replace(/^.*#\/\$defs\//, '');
      const target = definitions[name];
      if (target === undefined) throw new Error(`${where}: unresolved $ref ${schema.$ref}`);
      return isObjectType(target) ? name : expressionOf(target, name);
    }
    if (schema.oneOf !== undefined) {
      const kinds = new Set(schema.oneOf.map((member) => primaryType(member)));
      // openapi2jsonschema rewrites `format: int-or-string` and resource.Quantity into these unions.
      if (kinds.size === 2 && kinds.has('string') && kinds.has('integer')) return 'int-or-string';
      if (kinds.size === 2 && kinds.has('string') && kinds.has('number')) return 'quantity';
      throw new Error(`${where}: unsupported oneOf ${JSON.stringify(schema.oneOf)}`);
    }
    if (schema['x-kubernetes-preserve-unknown-fields'] === true && schema.properties === undefined) return 'any';
    const type = primaryType(schema);
    switch (type) {
      case undefined:
        return 'any';
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        return type;
      case 'array':
        return `[]${schema.items === undefined ? 'any' : expressionOf(schema.items, `${where}[]`)}`;
      case 'object':
        if (schema.properties !== undefined) throw new Error(`${where}: anonymous object type with properties`);
        if (typeof schema.additionalProperties === 'object') return `map[string]${expressionOf(schema.additionalProperties, `${where}{}`)}`;
        return 'object';
      default:
        throw new Error(`${where}: unsupported type ${type}`);
    }
  };

  const types: Record<string, Record<string, string>> = {};
  const kinds: Record<string, string> = {};
  for (const name of Object.keys(definitions).sort()) {
    const schema = definitions[name];
    if (schema === undefined || !isObjectType(schema)) continue;
    const fields: Record<string, string> = {};
    for (const field of Object.keys(schema.properties ?? {}).sort()) {
      const property = schema.properties?.[field];
      if (property !== undefined) fields[field] = expressionOf(property, `${name}.${field}`);
    }
    if (schema['x-kubernetes-preserve-unknown-fields'] === true) fields['...'] = 'any';
    types[name] = fields;
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
      kinds[`${apiVersion}/${gvk.kind}`] ??= name;
    }
  }
  const sortedKinds: Record<string, string> = {};
  for (const key of Object.keys(kinds).sort()) sortedKinds[key] = kinds[key] ?? '';
  return {
    comment: 'Generated by scripts/generate-openapi-schema.ts from the upstream Kubernetes OpenAPI spec (as converted to JSON Schema by the kubernetes-validate package); do not edit.',
    kubernetesVersion: KUBERNETES_VERSION,
    source: { package: `pypi:${SOURCE_PACKAGE}`, version: SOURCE_PACKAGE_VERSION, file: DEFINITIONS_PATH, sha256: createHash('sha256').update(definitionsText).digest('hex') },
    kinds: sortedKinds,
    types,
  };
}

function primaryType(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type === 'null' ? undefined : type;
  return type?.find((member) => member !== 'null');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
