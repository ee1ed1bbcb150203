import type { FrameworkId, FrameworkMappings } from '../foundation/frameworks.js';
import type { Severity } from '../foundation/severity.js';
import type { ResourceRef } from '../k8s/object.js';

// 1.1: findings carry messageId and data. 1.2: rules and controls that were not assessed.
export const REPORT_SCHEMA_VERSION = '1.2';

export interface Location {
  readonly file: string;
  /** 1-based; 0 when the problem concerns a whole file (for example, it cannot be read). */
  readonly line: number;
  readonly column: number;
}

export interface Suppression {
  readonly source: 'config' | 'annotation' | 'comment';
  readonly reason: string;
  readonly expires?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  /** The rule's message template id; with `data` it is the message, so tools can group findings and messages can be reworded. */
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly message: string;
  readonly resource: ResourceRef;
  readonly location: Location;
  /** Field path from the object root, e.g. `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly path: string;
  readonly container?: string;
  /** True when `kubeward fix` applies a fix by default (a safe fix). */
  readonly fixable: boolean;
  readonly fix?: { readonly kind: 'safe' | 'suggestion'; readonly title: string };
  readonly suppressed: boolean;
  readonly suppression?: Suppression;
  readonly frameworks: FrameworkMappings;
}

export interface InputError extends Location {
  readonly message: string;
}

export interface Note {
  readonly file: string;
  readonly message: string;
  /** Input that was found but not judged (an unrendered Helm chart): the scan cannot call it clean (exit 2). */
  readonly notChecked?: true;
}

/**
 * Why an enabled rule did not judge the whole input: `no-input`, nothing of the kinds it reads was read;
 * `incomplete-input`, some of those kinds could not be read completely (a forbidden list in a live scan),
 * so what it would say about the rest is unknown; `not-run`, objects of its kinds were read but it did
 * not apply to them (a restricted check at the baseline level).
 */
export type NotAssessedReason = 'no-input' | 'incomplete-input' | 'not-run';

export interface NotAssessed {
  readonly ruleId: string;
  readonly reason: NotAssessedReason;
  readonly message: string;
  /** For `incomplete-input`: what could not be read, e.g. `NetworkPolicy: cannot list ...: forbidden`. */
  readonly unread?: string;
}

export interface FrameworkSummary {
  /** Controls (PSS checks, CIS ids, NSA sections, MITRE techniques) that the enabled rules cover. */
  readonly controls: number;
  /** Covered controls with at least one unsuppressed finding. */
  readonly failing: readonly string[];
  /** Covered controls without findings that a rule checked on the input, with every input it reads complete. */
  readonly passing: readonly string[];
  /** Covered controls without findings that no rule checked, or whose rules could not read all they need. */
  readonly notAssessed: readonly string[];
}

export interface ReportSummary {
  readonly files: number;
  readonly documents: number;
  readonly objects: number;
  readonly findings: number;
  readonly suppressed: number;
  readonly fixable: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly errors: number;
  readonly frameworks: Readonly<Record<FrameworkId, FrameworkSummary>>;
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'kubeward'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly errors: readonly InputError[];
  readonly notes: readonly Note[];
  /** Enabled rules that did not judge the whole input, and why (schemaVersion 1.2). */
  readonly notAssessed: readonly NotAssessed[];
  readonly summary: ReportSummary;
}
