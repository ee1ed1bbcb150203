import type { FieldPath } from '../foundation/field-path.js';

// Fixes are data: rules say what to set or remove, renderers turn that into YAML text edits or JSON Patch.
export type FixOperation =
  | { readonly op: 'set'; readonly path: FieldPath; readonly value: unknown }
  // A removal keeps the comment lines above the field (they may be about something else, such as a
  // commented-out neighbour); `withComments` takes those directly above it too, for a block that moves
  // elsewhere with its comments.
  | { readonly op: 'remove'; readonly path: FieldPath; readonly withComments?: true };

export interface FixProposal {
  /** `safe` cannot change what the workload does; `suggestion` may, and needs an opt-in. */
  readonly kind: 'safe' | 'suggestion';
  /** One line a reviewer reads, e.g. `set securityContext.allowPrivilegeEscalation: false`. */
  readonly title: string;
  readonly operations: readonly FixOperation[];
}

/**
 * Companion objects `kubeward fix --generate KIND` writes to their own file: what a finding of a rule
 * that names the kind in its `generate` metadata lacks (a NetworkPolicy, a dedicated ServiceAccount).
 */
export const COMPANION_KINDS = ['networkpolicies', 'serviceaccounts'] as const;
export type CompanionKind = (typeof COMPANION_KINDS)[number];
