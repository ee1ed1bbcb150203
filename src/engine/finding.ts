import type { FrameworkId, FrameworkMappings } from '../foundation/frameworks.js';
import type { Severity } from '../foundation/severity.js';
import type { ResourceRef } from '../k8s/object.js';

// 1.1: findings carry messageId and data.
export const REPORT_SCHEMA_VERSION = '1.1';

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
}

export interface FrameworkSummary {
  /** Controls (PSS checks, CIS ids, NSA sections, MITRE techniques) that the enabled rules cover. */
  readonly controls: number;
  /** Covered controls with at least one unsuppressed finding. */
  readonly failing: readonly string[];
  /** Covered controls without findings. */
  readonly passing: readonly string[];
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
  readonly summary: ReportSummary;
}
