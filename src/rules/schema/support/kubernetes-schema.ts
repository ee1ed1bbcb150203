import { readFileSync } from 'node:fs';
import { LATEST_KUBE_MINOR, schemaMinorFor, type KubeMinor } from '../../../foundation/kube-version.js';

// The field schema of every built-in kind, compiled once per Kubernetes release from data/openapi/
// (generated from the upstream Kubernetes OpenAPI spec by scripts/generate-openapi-schema.ts) into a
// graph of nodes that the field walker follows without allocating.

/** The data file of the shipped schema closest to a release. */
export function schemaFileOf(minor: KubeMinor): string {
  return `kubernetes-v1.${schemaMinorFor(minor)}.0.json`;
}

export const NODE = { object: 0, list: 1, map: 2, scalar: 3, any: 4, freeObject: 5 } as const;

export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity';

export interface ObjectNode {
  readonly tag: typeof NODE.object;
  /** OpenAPI definition name, e.g. `io.k8s.api.core.v1.Container`. */
  readonly name: string;
  readonly fields: Map<string, SchemaNode>;
  /** `x-kubernetes-preserve-unknown-fields`: fields beyond the known ones are kept. */
  open: boolean;
}
export interface ListNode { readonly tag: typeof NODE.list; readonly items: SchemaNode }
export interface MapNode { readonly tag: typeof NODE.map; readonly values: SchemaNode }
export interface ScalarNode { readonly tag: typeof NODE.scalar; readonly scalar: ScalarType }
/** Any JSON value (`apiextensions.v1.JSON`, `JSONSchemaPropsOrBool`, ...). */
export interface AnyNode { readonly tag: typeof NODE.any }
/** An object whose keys the schema does not name (`RawExtension`, `FieldsV1`, empty structs). */
export interface FreeObjectNode { readonly tag: typeof NODE.freeObject }

export type SchemaNode = ObjectNode | ListNode | MapNode | ScalarNode | AnyNode | FreeObjectNode;

interface CompactSchemaFile {
  readonly kubernetesVersion: string;
  readonly kinds: Readonly<Record<string, string>>;
  readonly types: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface KubernetesSchema {
  /** The Kubernetes release the schema was generated from, e.g. `v1.37.0`. */
  readonly kubernetesVersion: string;
  /** Root node of a built-in kind; undefined for custom resources and kinds this release does not serve. */
  rootOf(apiVersion: string, kind: string): ObjectNode | undefined;
  /** Kind names (e.g. `NetworkPolicy`) by their lower-case spelling. */
  readonly kindNames: ReadonlyMap<string, string>;
  /** Object types that define a field, by field name. */
  typesWithField(field: string): readonly ObjectNode[];
}

const SCALARS = new Set<string>(['string', 'integer', 'number', 'boolean', 'int-or-string', 'quantity']);

/** Compiles the compact schema data into nodes; type names are resolved once, so recursive types share nodes. */
export function compileSchema(data: CompactSchemaFile): KubernetesSchema {
  const objects = new Map<string, ObjectNode>();
  for (const name of Object.keys(data.types)) objects.set(name, { tag: NODE.object, name, fields: new Map(), open: false });
  const anyNode: AnyNode = { tag: NODE.any };
  const freeObject: FreeObjectNode = { tag: NODE.freeObject };
  const cache = new Map<string, SchemaNode>();
  const nodeOf = (expression: string): SchemaNode => {
    const cached = cache.get(expression);
    if (cached !== undefined) return cached;
    let node: SchemaNode;
    if (expression === 'any') node = anyNode;
    else if (expression === 'object') node = freeObject;
    else if (SCALARS.has(expression)) node = { tag: NODE.scalar, scalar: expression as ScalarType };
    else if (expression.startsWith('[]')) node = { tag: NODE.list, items: nodeOf(expression.slice(2)) };
    else if (expression.startsWith('map[string]')) node = { tag: NODE.map, values: nodeOf(expression.slice('map[string]'.length)) };
    else {
      const object = objects.get(expression);
      if (object === undefined) throw new Error(`schema data names an unknown type: ${expression}`);
      node = object;
    }
    cache.set(expression, node);
    return node;
  };
  const byField = new Map<string, ObjectNode[]>();
  for (const [name, fields] of Object.entries(data.types)) {
    const object = objects.get(name);
    if (object === undefined) continue;
    for (const [field, expression] of Object.entries(fields)) {
      if (field === '...') {
        object.open = true;
        continue;
      }
      object.fields.set(field, nodeOf(expression));
      const owners = byField.get(field);
      if (owners === undefined) byField.set(field, [object]);
      else owners.push(object);
    }
  }
  const roots = new Map<string, ObjectNode>();
  const kindNames = new Map<string, string>();
  for (const [key, name] of Object.entries(data.kinds)) {
    const object = objects.get(name);
    if (object === undefined) throw new Error(`schema data maps ${key} to an unknown type: ${name}`);
    roots.set(key, object);
    const kind = key.slice(key.lastIndexOf('/') + 1);
    kindNames.set(kind.toLowerCase(), kind);
  }
  return {
    kubernetesVersion: data.kubernetesVersion,
    rootOf: (apiVersion, kind) => roots.get(`${apiVersion}/${kind}`),
    kindNames,
    typesWithField: (field) => byField.get(field) ?? [],
  };
}

// Shipped, immutable data compiled on first use (about 10 ms a release): the one kind of module-level
// value the engine allows (ADR 0008).
const shipped = new Map<KubeMinor, KubernetesSchema>();

/**
 * The schema of the shipped release closest to `minor` (older releases get the oldest shipped, newer
 * ones the newest): the fields that release's API server knows.
 */
export function shippedSchema(minor: KubeMinor = LATEST_KUBE_MINOR): KubernetesSchema {
  const file = schemaFileOf(minor);
  const release = schemaMinorFor(minor);
  let schema = shipped.get(release);
  if (schema === undefined) {
    schema = compileSchema(JSON.parse(readFileSync(new URL(`../../../../data/openapi/${file}`, import.meta.url), 'utf8')) as CompactSchemaFile);
    shipped.set(release, schema);
  }
  return schema;
}

/** `io.k8s.api.core.v1.PodSecurityContext` → `PodSecurityContext`. */
export function shortTypeName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
