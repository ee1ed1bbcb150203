import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isK8sObject, isListKind, type K8sObject } from '../../k8s/object.js';

/** The upstream default RBAC policy shipped in `data/bootstrap-rbac/`. */
export interface BootstrapPolicy {
  /** Kubernetes version the policy is taken from, e.g. `v1.34`. */
  readonly kubernetesVersion: string;
  readonly objects: readonly K8sObject[];
}

interface PolicyManifest {
  readonly kubernetesVersion: string;
  readonly files: readonly { readonly file: string }[];
}

// Same relative position from src/analysis/rbac/ and dist/analysis/rbac/: the package root's data/.
const DATA_DIR = new URL('../../../data/bootstrap-rbac/', import.meta.url);

let cached: BootstrapPolicy | undefined;

/** Reads the shipped policy once per process (a package asset, not user input). */
export function loadBootstrapPolicy(): BootstrapPolicy {
  if (cached !== undefined) return cached;
  const manifest = JSON.parse(readFileSync(new URL('policy.json', DATA_DIR), 'utf8')) as PolicyManifest;
  const objects: K8sObject[] = [];
  for (const { file } of manifest.files) {
    const document: unknown = parse(readFileSync(new URL(file, DATA_DIR), 'utf8'));
    if (!isK8sObject(document)) continue;
    if (isListKind(document) && Array.isArray(document['items'])) {
      for (const item of document['items']) if (isK8sObject(item)) objects.push(item);
    } else objects.push(document);
  }
  cached = { kubernetesVersion: manifest.kubernetesVersion, objects };
  return cached;
}
