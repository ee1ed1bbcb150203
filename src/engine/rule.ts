import type { FieldPath } from './field-path.js';
import type { K8sObject, ResourceRef } from '../k8s/object.js';
import type { FixProposal } from '../fix/operations.js';
import type { PssLevel, PssVersion } from './pss-version.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export const CATEGORIES = {
  workload: 'Workload security',
  pss: 'Pod Security Standards',
  image: 'Images and supply chain',
  secrets: 'Secrets',
  rbac: 'Access control',
  network: 'Network',
  schema: 'Schema',
  cluster: 'Cluster configuration',
} as const;
export type RuleCategory = keyof typeof CATEGORIES;

export interface FrameworkMappings {
  /** Only the Pod Security Standards checks themselves carry `pss`: a pod is PSS-clean exactly when no finding has it. */
  readonly pss?: { readonly check: string; readonly level: PssLevel };
  /** CIS Kubernetes Benchmark control ids, e.g. `5.2.2`. */
  readonly cis?: readonly string[];
  /** NSA/CISA Kubernetes Hardening Guide sections, e.g. `Pod security: non-root containers`. */
  readonly nsa?: readonly string[];
  /** MITRE ATT&CK for containers technique ids, e.g. `T1611`. */
  readonly mitre?: readonly string[];
}

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
  readonly objects: readonly CollectedObject[];
  readonly options: Readonly<Record<string, unknown>>;
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
