// Generates data/openapi/kubernetes-v1.<minor>.0.json for every Kubernetes minor kubeward validates
// against (`--kube-version`): the compact field schema the `schema` rules walk built-in kinds with, from
// the JSON Schema definitions that the PyPI package `kubernetes-validate` ships for each release. That
// package converts each release's upstream `api/openapi-spec/swagger.json` with openapi2jsonschema; we
// keep only what field validation needs: every object type's fields and each field's type (scalar,
// list, map, int-or-string, quantity, free-form).
//
//   node --import tsx scripts/generate-openapi-schema.ts            write the data files
//   node --import tsx scripts/generate-openapi-schema.ts --check    exit 1 when a data file is stale
//   ... --from <wheel>                                               use a local copy instead of `pip download`
//
// Without --from the wheel is fetched with `python3 -m pip download` (PyPI only). The list of minors is
// SHIPPED_SCHEMA_MINORS in src/foundation/kube-version.ts: the releases a managed provider still supports.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHIPPED_SCHEMA_MINORS } from '../src/foundation/kube-version.js';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const SOURCE_PACKAGE = 'kubernetes-validate';
const SOURCE_PACKAGE_VERSION = '1.37.0';
const definitionsPathOf = (kubernetesVersion: string): string => `kubernetes_validate/kubernetes-json-schema/${kubernetesVersion}-local/_definitions.json`;
const outputOf = (kubernetesVersion: string): URL => new URL(`../data/openapi/kubernetes-${kubernetesVersion}.json`, import.meta.url);

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
  const wheel = values.from === undefined ? downloadWheel() : readFileSync(values.from);
  let stale = 0;
  for (const minor of SHIPPED_SCHEMA_MINORS) {
    const kubernetesVersion = `v1.${minor}.0`;
    const output = outputOf(kubernetesVersion);
    const text = `${JSON.stringify(compactSchemaOf(zipEntryText(wheel, definitionsPathOf(kubernetesVersion)), kubernetesVersion), null, 1)}\n`;
    if (values.check) {
      let current = '';
      try {
        current = readFileSync(output, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        process.stderr.write(`${output.pathname} is stale: run node --import tsx scripts/generate-openapi-schema.ts\n`);
        stale++;
      }
      continue;
    }
    mkdirSync(new URL('.', output), { recursive: true });
    writeFileSync(output, text);
    process.stdout.write(`wrote ${output.pathname} (${text.length} bytes, Kubernetes ${kubernetesVersion})\n`);
  }
  if (values.check) {
    if (stale > 0) process.exitCode = 1;
    else process.stdout.write(`data/openapi is up to date (Kubernetes 1.${SHIPPED_SCHEMA_MINORS.join(', 1.')})\n`);
  }
}

function downloadWheel(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-openapi-'));
  try {
    execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary', ':all:', '-d', dir, `${SOURCE_PACKAGE}==${SOURCE_PACKAGE_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const wheel = readdirSync(dir).find((name) => name.endsWith('.whl'));
    if (wheel === undefined) throw new Error(`pip download of ${SOURCE_PACKAGE}==${SOURCE_PACKAGE_VERSION} produced no wheel`);
    return readFileSync(join(dir, wheel));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

export function compactSchemaOf(definitionsText: string, kubernetesVersion: string): CompactSchema {
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
    kubernetesVersion,
    source: { package: `pypi:${SOURCE_PACKAGE}`, version: SOURCE_PACKAGE_VERSION, file: definitionsPathOf(kubernetesVersion), sha256: createHash('sha256').update(definitionsText).digest('hex') },
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
