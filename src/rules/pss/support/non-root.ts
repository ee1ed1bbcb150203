import type { FixOperation, FixProposal } from '../../../fix/operations.js';
import type { FieldPath } from '../../../foundation/field-path.js';

/** UID and GID the suggested fixes run a workload as when its spec names none; option `uid` of both rules. */
export const DEFAULT_NON_ROOT_UID = 10001;

export function nonRootUidOption(options: Readonly<Record<string, unknown>> | undefined): number {
  const uid = options?.['uid'];
  return typeof uid === 'number' && Number.isSafeInteger(uid) && uid > 0 ? uid : DEFAULT_NON_ROOT_UID;
}

export function isNonRootId(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Fix for a security context (at `contextPath`) that must run as non-root. Setting runAsNonRoot: true cannot change
 * what runs when every process it covers already has a non-root UID (`isUserNamed`): then it is safe. Otherwise the
 * image's user may be root, so the suggestion also sets runAsUser and runAsGroup to `uid`.
 */
export function runAsNonRootFix(
  contextPath: FieldPath,
  isUserNamed: boolean,
  current: { readonly runAsUser: unknown; readonly runAsGroup: unknown },
  uid: number,
): FixProposal {
  const setNonRoot: FixOperation = { op: 'set', path: [...contextPath, 'runAsNonRoot'], value: true };
  if (isUserNamed) return { kind: 'safe', title: 'set securityContext.runAsNonRoot: true', operations: [setNonRoot] };
  const operations: FixOperation[] = [setNonRoot];
  if (!isNonRootId(current.runAsUser)) operations.push({ op: 'set', path: [...contextPath, 'runAsUser'], value: uid });
  if (!isNonRootId(current.runAsGroup)) operations.push({ op: 'set', path: [...contextPath, 'runAsGroup'], value: uid });
  return { kind: 'suggestion', title: `set securityContext.runAsNonRoot: true and run as UID ${uid}`, operations };
}
