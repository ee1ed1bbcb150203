import type { FieldPath, PathSegment } from '../foundation/field-path.js';
import { isSet, recordOf, type FieldRecord } from '../foundation/field-readers.js';
import type { ContainerView, PodSpecView } from './pod-spec.js';

// The security settings of a pod and its containers as the kubelet and Pod Security Admission read
// them: readers over untrusted specs, shared by the Pod Security Standards checks and the workload rules.

export function podSecurityContextOf(pod: PodSpecView): FieldRecord | undefined {
  return recordOf(pod.spec.securityContext);
}

export function containerSecurityContextOf(container: ContainerView): FieldRecord | undefined {
  return recordOf(container.container.securityContext);
}

export function podSecurityContextPath(pod: PodSpecView, ...rest: PathSegment[]): FieldPath {
  return [...pod.specPath, 'securityContext', ...rest];
}

export function containerSecurityContextPath(container: ContainerView, ...rest: PathSegment[]): FieldPath {
  return [...container.path, 'securityContext', ...rest];
}

/**
 * `spec.os.name` exactly `windows`: no Linux user ids, root file system flag, seccomp or AppArmor. Upstream
 * relaxes the Linux-only restricted checks for it from policy v1.25 (pod-security-admission:
 * `podSpec.OS != nil && podSpec.OS.Name == corev1.Windows`).
 */
export function isWindowsPod(pod: PodSpecView): boolean {
  return recordOf(pod.spec.os)?.['name'] === 'windows';
}

/** A pod in its own user namespace (`spec.hostUsers: false`; upstream relaxPolicyForUserNamespacePod). */
export function isUserNamespacePod(pod: PodSpecView): boolean {
  return pod.spec['hostUsers'] === false;
}

/** A security context field as the kubelet resolves it: the container's value wins over the pod's. */
export interface EffectiveField {
  readonly value: unknown;
  readonly path: FieldPath;
  readonly level: 'container' | 'pod';
}

export function effectiveSecurityField(pod: PodSpecView, container: ContainerView, field: string): EffectiveField | undefined {
  const own = recordOf(container.container.securityContext)?.[field];
  if (isSet(own)) return { value: own, path: containerSecurityContextPath(container, field), level: 'container' };
  const inherited = recordOf(pod.spec.securityContext)?.[field];
  if (isSet(inherited)) return { value: inherited, path: podSecurityContextPath(pod, field), level: 'pod' };
  return undefined;
}
