import type { ExceptionConfig } from './config.js';
import type { Suppression } from './finding.js';
import type { ResourceRef } from '../k8s/object.js';

export const IGNORE_ANNOTATION = 'kubeward.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'kubeward.io/ignore-reason';
const IGNORE_COMMENT = /#\s*kubeward:ignore\s+([A-Za-z0-9_,\s-]+?)(?:\s+--\s*(.*?))?\s*$/;

export interface SuppressionTarget {
  readonly ruleIds: readonly string[];
  readonly resource: ResourceRef;
  readonly container: string | undefined;
}

/** Compiled config exceptions; expired ones are kept aside to be reported, and never apply. */
export class ExceptionMatcher {
  readonly active: readonly CompiledException[];
  readonly expired: readonly ExceptionConfig[];

  constructor(exceptions: readonly ExceptionConfig[], today: string) {
    const active: CompiledException[] = [];
    const expired: ExceptionConfig[] = [];
    for (const exception of exceptions) {
      if (exception.expires !== undefined && exception.expires < today) expired.push(exception);
      else active.push(compile(exception));
    }
    this.active = active;
    this.expired = expired;
  }

  match(target: SuppressionTarget): Suppression | undefined {
    for (const exception of this.active) {
      if (exception.rule !== '*' && !target.ruleIds.includes(exception.rule)) continue;
      if (!exception.kind(target.resource.kind)) continue;
      if (!exception.namespace(target.resource.namespace ?? '')) continue;
      if (!exception.name(target.resource.name)) continue;
      if (!exception.container(target.container)) continue;
      return exception.expires === undefined
        ? { source: 'config', reason: exception.reason }
        : { source: 'config', reason: exception.reason, expires: exception.expires };
    }
    return undefined;
  }
}

interface CompiledException {
  readonly rule: string;
  readonly reason: string;
  readonly expires: string | undefined;
  readonly kind: (value: string) => boolean;
  readonly namespace: (value: string) => boolean;
  readonly name: (value: string) => boolean;
  readonly container: (value: string | undefined) => boolean;
}

function compile(exception: ExceptionConfig): CompiledException {
  const containerGlob = exception.container === undefined ? undefined : globToRegExp(exception.container);
  return {
    rule: exception.rule,
    reason: exception.reason,
    expires: exception.expires,
    kind: matcherOf(exception.kind),
    namespace: matcherOf(exception.namespace),
    name: matcherOf(exception.name),
    // An exception scoped to a container only applies to findings about that container.
    container: (value) => containerGlob === undefined || (value !== undefined && containerGlob.test(value)),
  };
}

function matcherOf(glob: string | undefined): (value: string) => boolean {
  if (glob === undefined) return () => true;
  const pattern = globToRegExp(glob);
  return (value) => pattern.test(value);
}

/** `*` matches any run of characters, `?` one character; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/**
 * Rule ids named by `kubeward.io/ignore` on an object or its pod template, with the stated reason. An
 * annotation without `kubeward.io/ignore-reason` is `unjustified`: like a comment without `-- reason`, it
 * does not apply (a silent exemption would hide even a critical finding) and is reported.
 */
export function annotationSuppression(annotations: readonly Readonly<Record<string, string>>[], ruleIds: readonly string[]): Suppression | 'unjustified' | undefined {
  for (const map of annotations) {
    const value = map[IGNORE_ANNOTATION];
    if (value === undefined) continue;
    const named = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (named.includes('*') || named.some((id) => ruleIds.includes(id))) {
      const reason = map[IGNORE_REASON_ANNOTATION]?.trim();
      return reason === undefined || reason === '' ? 'unjustified' : { source: 'annotation', reason };
    }
  }
  return undefined;
}

export interface IgnoreComment {
  readonly ruleIds: readonly string[];
  readonly reason: string | undefined;
}

/** Parses `# kubeward:ignore rule-a,rule-b -- reason` from one line of text. */
export function parseIgnoreComment(line: string): IgnoreComment | undefined {
  const match = IGNORE_COMMENT.exec(line);
  if (match?.[1] === undefined) return undefined;
  const ruleIds = match[1].split(/[\s,]+/).filter((id) => id !== '');
  const reason = match[2]?.trim();
  return { ruleIds, reason: reason === undefined || reason === '' ? undefined : reason };
}
