import { isRecord } from '../foundation/field-path.js';

/** A decoded Kubernetes object. Fields beyond apiVersion/kind/metadata are read through typed views. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
  readonly [field: string]: unknown;
}

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export interface ResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export function isK8sObject(value: unknown): value is K8sObject {
  return isRecord(value) && typeof value['apiVersion'] === 'string' && value['apiVersion'] !== '' &&
    typeof value['kind'] === 'string' && value['kind'] !== '';
}

export function resourceRefOf(object: K8sObject): ResourceRef {
  const meta = isRecord(object.metadata) ? object.metadata : undefined;
  const name = typeof meta?.name === 'string' ? meta.name
    : typeof meta?.['generateName'] === 'string' ? `${meta['generateName']}*` : '<unnamed>';
  const namespace = typeof meta?.namespace === 'string' ? meta.namespace : undefined;
  return namespace === undefined
    ? { apiVersion: object.apiVersion, kind: object.kind, name }
    : { apiVersion: object.apiVersion, kind: object.kind, namespace, name };
}

export function labelsOf(meta: unknown): Readonly<Record<string, string>> {
  return stringMapAt(meta, 'labels');
}

export function annotationsOf(meta: unknown): Readonly<Record<string, string>> {
  return stringMapAt(meta, 'annotations');
}

function stringMapAt(meta: unknown, key: string): Readonly<Record<string, string>> {
  if (!isRecord(meta)) return {};
  const map = meta[key];
  if (!isRecord(map)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `kind: List` and every `*List` kind carry their objects in `items`. */
export function isListKind(object: K8sObject): boolean {
  return object.kind === 'List' || (object.kind.endsWith('List') && Array.isArray(object['items']));
}
