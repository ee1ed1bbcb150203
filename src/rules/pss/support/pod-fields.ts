import { isRecord, type FieldPath, type PathSegment } from '../../../foundation/field-path.js';
import type { ContainerView, PodSpecView } from '../../../k8s/pod-spec.js';

// Shared readers for the Pod Security Standards checks. Manifests are untrusted: every reader tolerates
// missing fields and wrong types. `null` counts as unset, as a Go pointer decoded from `null` is nil.

export const PSS_DOC_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** Source of the upstream check a rule ports (k8s.io/pod-security-admission, policy/<file>). */
export function upstreamCheckUrl(file: string): string {
  return `https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/${file}`;
}

export type FieldRecord = Readonly<Record<string, unknown>>;

export function recordOf(value: unknown): FieldRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** Whether a field is present with a value (not missing, not `null`). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

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

/** A field of a security context, read through one nested record (e.g. `seccompProfile.type`). */
export function nestedField(securityContext: FieldRecord | undefined, field: string, key: string): unknown {
  return recordOf(securityContext?.[field])?.[key];
}

/**
 * Upstream relaxes the Linux-only restricted checks (from policy v1.25) when `spec.os.name` is exactly
 * `windows` (pod-security-admission: `podSpec.OS != nil && podSpec.OS.Name == corev1.Windows`).
 */
export function isWindowsPod(pod: PodSpecView): boolean {
  return recordOf(pod.spec.os)?.['name'] === 'windows';
}

/** A pod in its own user namespace (`spec.hostUsers: false`; upstream relaxPolicyForUserNamespacePod). */
export function isUserNamespacePod(pod: PodSpecView): boolean {
  return pod.spec['hostUsers'] === false;
}

/** Text of a value for a message: strings as they are, anything else as JSON. */
export function displayValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** `"a", "b"` for messages that list names. */
export function quoteList(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}

/** `container "a"` or `containers "a", "b"`, for messages about the containers that inherit a pod setting. */
export function containerList(names: readonly string[]): string {
  return `${names.length === 1 ? 'container' : 'containers'} ${quoteList(names)}`;
}

/** Entries of a list field; anything that is not a list has none. */
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
