import { readFileSync } from 'node:fs';
import { isK8sObject, type K8sObject } from '../../k8s/object.js';

/** The upstream default RBAC policy shipped in `data/bootstrap-rbac/`. */
export interface BootstrapPolicy {
  /** Kubernetes version the policy is taken from, e.g. `v1.34`. */
  readonly kubernetesVersion: string;
  readonly objects: readonly K8sObject[];
}

// Same relative position from src/analysis/rbac/ and dist/analysis/rbac/: the package root's data/.
// bootstrap-policy.json is compiled from the upstream YAML copies beside it (see policy.json).
const COMPILED = new URL('../../../data/bootstrap-rbac/bootstrap-policy.json', import.meta.url);

let cached: BootstrapPolicy | undefined;

/** Reads the shipped policy once per process (a package asset, not user input). */
export function loadBootstrapPolicy(): BootstrapPolicy {
  if (cached !== undefined) return cached;
  const data = JSON.parse(readFileSync(COMPILED, 'utf8')) as { kubernetesVersion?: unknown; objects?: unknown };
  const objects = Array.isArray(data.objects) ? data.objects.filter(isK8sObject) : [];
  cached = { kubernetesVersion: typeof data.kubernetesVersion === 'string' ? data.kubernetesVersion : 'unknown', objects };
  return cached;
}
