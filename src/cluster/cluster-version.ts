import type { K8sObject } from '../k8s/object.js';
import type { ClusterObject, ClusterReadResult } from './read-cluster-objects.js';

export type { ClusterReadResult };

/**
 * The objects read, plus a `kubeward.io/v1 ClusterVersion` object carrying GET /version, so that rules
 * about the server itself run like any other and a snapshot keeps what they need.
 */
export function withClusterVersion(result: ClusterReadResult): ClusterObject[] {
  if (result.serverVersion === undefined) return result.objects;
  const { gitVersion, major, minor } = result.serverVersion;
  const object: K8sObject = { apiVersion: 'kubeward.io/v1', kind: 'ClusterVersion', metadata: { name: 'cluster' }, gitVersion, major, minor };
  return [...result.objects, { object, location: 'cluster://ClusterVersion/cluster' }];
}
