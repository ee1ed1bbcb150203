import type { FieldPath } from '../../../foundation/field-path.js';
import type { FixProposal } from '../../../fix/operations.js';

/** Upstream validSeccomp: the profile types that keep a container confined. */
export function isConfiningSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

export function setRuntimeDefaultFix(kind: FixProposal['kind'], typePath: FieldPath, what = 'securityContext.seccompProfile.type'): FixProposal {
  return { kind, title: `set ${what}: RuntimeDefault`, operations: [{ op: 'set', path: typePath, value: 'RuntimeDefault' }] };
}
