import type { FieldPath } from '../foundation/field-path.js';
import type { FrameworkMappings } from '../foundation/frameworks.js';
import type { Severity } from '../foundation/severity.js';
import type { K8sObject, ResourceRef } from '../k8s/object.js';
import type { CompanionKind, FixProposal } from '../fix/operations.js';
import type { Memo } from './memo.js';
import type { PssLevel, PssVersion } from './pss-version.js';

// The rule model: metadata beside a pure check. Rule authors import what they need from here.
export { SEVERITIES, severityRank, type Severity } from '../foundation/severity.js';
export type { FrameworkMappings } from '../foundation/frameworks.js';
export { memoKey, type Memo, type MemoKey } from './memo.js';

export const CATEGORIES = {
  workload: 'Workload security',
  pss: 'Pod Security Standards',
  image: 'Images and supply chain',
  secrets: 'Secrets',
  rbac: 'Access control',
  network: 'Network',
  schema: 'Schema',
  cluster: 'Cluster configuration',
  audit: 'API-server activity (audit logs)',
} as const;
export type RuleCategory = keyof typeof CATEGORIES;

/** `safe` fixes apply by default; `suggestion` fixes may change behaviour and need an explicit opt-in. */
export type Fixability = 'safe' | 'suggestion' | false;

export interface RuleMeta {
  /** Stable, kebab-case, equal to the file name. Never renamed (old ids go to `aliases`), never deleted. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  readonly description: string;
  /** What to change; ends with a period. */
  readonly remediation: string;
  readonly references: readonly string[];
  readonly frameworks: FrameworkMappings;
  readonly fixable: Fixability;
  /** Findings that `kubeward fix --generate KIND` answers with companion objects instead of an edit. */
  readonly generate?: CompanionKind;
  /** Message templates by id; `{{name}}` placeholders are filled from the report's `data`. */
  readonly messages: Readonly<Record<string, string>>;
  readonly aliases?: readonly string[];
  readonly deprecated?: { readonly replacedBy: readonly string[] };
  /** Rules that are noisy for most users stay off until enabled in the config. */
  readonly enabledByDefault?: boolean;
}

export interface RuleReport {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Field path from the object root; the finding is located at this node or its nearest existing parent. */
  readonly path: FieldPath;
  /** Container name, for exceptions scoped to a container. */
  readonly container?: string;
  readonly fix?: FixProposal;
  /**
   * A grade within the rule when one defect is graver than another (named Secrets versus all of them);
   * the rule's severity by default. A severity set for the rule in the config overrides both.
   */
  readonly severity?: Severity;
}

/** What the engine knows about the evaluation of one object. */
export interface ObjectSettings {
  readonly pss: { readonly level: PssLevel; readonly version: PssVersion };
  /** Options of this rule from the config, merged over the rule's defaults. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ObjectRuleContext extends ObjectSettings {
  readonly object: K8sObject;
  readonly resource: ResourceRef;
  /** A cache for this object, shared by every rule that judges it (e.g. the schema walk of the object). */
  readonly perObject: Memo;
  /** A cache for the whole evaluation (e.g. a rule's state across objects: a sliding window of events). */
  readonly perEvaluation: Memo;
  report(report: RuleReport): void;
}

/** A rule that looks at one object at a time; memory stays bounded by the largest file. */
export interface ObjectRule {
  readonly scope: 'object';
  readonly meta: RuleMeta;
  /** Kinds this rule reads; undefined means every kind. */
  readonly kinds?: readonly string[];
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  /** Pure and synchronous: reads the object, never mutates it. */
  check(context: ObjectRuleContext): void;
}

export interface CollectedObject {
  readonly object: K8sObject;
  readonly resource: ResourceRef;
  /** Opaque handle the engine uses to locate paths in this object's source. */
  readonly sourceId: number;
}

export interface CollectionRuleContext {
  /** Every collected object of the rule's kinds; rules with the same kinds get the same array. */
  readonly objects: readonly CollectedObject[];
  readonly options: Readonly<Record<string, unknown>>;
  /** A cache for the whole evaluation: rules of one domain build their shared model once. */
  readonly perEvaluation: Memo;
  report(target: CollectedObject, report: RuleReport): void;
}

/** A rule that needs several objects at once (RBAC, NetworkPolicy); only the kinds it names are kept. */
export interface CollectionRule {
  readonly scope: 'collection';
  readonly meta: RuleMeta;
  readonly kinds: readonly string[];
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  check(context: CollectionRuleContext): void;
}

export type Rule = ObjectRule | CollectionRule;

export function defineObjectRule(rule: Omit<ObjectRule, 'scope'>): ObjectRule {
  return { scope: 'object', ...rule };
}

export function defineCollectionRule(rule: Omit<CollectionRule, 'scope'>): CollectionRule {
  return { scope: 'collection', ...rule };
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    const value = data?.[key];
    return value === undefined ? whole : String(value);
  });
}
