import { recordOf, type FieldRecord } from '../../../foundation/field-readers.js';

// What the Pod Security Standards checks share beyond the field readers (src/foundation/field-readers.ts)
// and the security-context readers (src/k8s/security-context.ts), which are re-exported here for them.
export { isSet, listOf, recordOf, type FieldRecord } from '../../../foundation/field-readers.js';
export {
  containerSecurityContextOf, containerSecurityContextPath, isUserNamespacePod, isWindowsPod, podSecurityContextOf, podSecurityContextPath,
} from '../../../k8s/security-context.js';

export const PSS_DOC_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** Source of the upstream check a rule ports (k8s.io/pod-security-admission, policy/<file>). */
export function upstreamCheckUrl(file: string): string {
  return `https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/${file}`;
}

/** A field of a security context, read through one nested record (e.g. `seccompProfile.type`). */
export function nestedField(securityContext: FieldRecord | undefined, field: string, key: string): unknown {
  return recordOf(securityContext?.[field])?.[key];
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
