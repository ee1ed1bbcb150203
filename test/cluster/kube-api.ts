// Test helpers that write to the real API server through the official client, as a user would
// with kubectl create. kubeward itself never writes; only tests do.
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export function objectApiFor(kubeconfigPath: string): KubernetesObjectApi {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return KubernetesObjectApi.makeApiClient(config);
}

/** Creates each object in order (namespaces first, as written). */
export async function createObjects(kubeconfigPath: string, objects: readonly KubernetesObject[]): Promise<void> {
  const api = objectApiFor(kubeconfigPath);
  for (const object of objects) {
    try {
      await api.create(object);
    } catch (error) {
      const name = `${object.kind ?? '?'} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
      throw new Error(`creating ${name} failed: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}`);
    }
  }
}

export function objectsOfYaml(text: string): KubernetesObject[] {
  return parseAllDocuments(text).map((document) => document.toJS() as unknown).filter(
    (value): value is KubernetesObject => typeof value === 'object' && value !== null && 'kind' in value);
}

/**
 * A Namespace and its `default` ServiceAccount. With no controller-manager running, nothing else
 * creates that ServiceAccount, and the ServiceAccount admission plugin rejects Pods without it.
 */
export function namespaceWithDefaultServiceAccount(name: string, labels: Readonly<Record<string, string>> = {}): KubernetesObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } },
  ];
}
