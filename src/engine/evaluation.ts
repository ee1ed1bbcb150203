import { detach, detachString } from '../foundation/detach.js';
import { formatFieldPath, type FieldPath } from '../foundation/field-path.js';
import { EMPTY_CONFIG, type KubewardConfig } from './config.js';
import type { Finding, Location, NotAssessed, Note } from './finding.js';
import { Memo } from './memo.js';
import { annotationSuppression, ExceptionMatcher, parseIgnoreComment } from './suppressions.js';
import { formatMessage, type CollectedObject, type CollectionRule, type ObjectRule, type Rule, type RuleReport, type Severity } from './rule.js';
import { isPssCheckInLevel, isPssRule, overriddenCheckIdsAt, pssImplementationAt, type PssRule } from './pss-rule.js';
import { severityRank } from '../foundation/severity.js';
import { LATEST_PSS_MINOR, parsePssLevel, parsePssVersion, type PssLevel, type PssVersion } from './pss-version.js';
import type { Subject, SubjectSource } from './subject.js';
import { annotationsOf, labelsOf, resourceRefOf, type K8sObject, type ResourceRef } from '../k8s/object.js';
import { podSpecOf } from '../k8s/pod-spec.js';
import type { FixProposal } from '../fix/operations.js';

export interface EvaluationOptions {
  /** The rules to run: the shipped catalogue, an admission policy's selection, a custom set, one rule under test. */
  readonly rules: readonly Rule[];
  readonly config?: KubewardConfig;
  /** Explicit level and version (flags or config defaults); they override Namespace labels. */
  readonly pssLevel?: PssLevel;
  readonly pssVersion?: PssVersion;
  /** `YYYY-MM-DD`, for exception expiry. */
  readonly today: string;
  /** Deep-freezes every object before rules see it, so a rule that mutates its input throws (rule tests). */
  readonly freezeObjects?: boolean;
  /**
   * Called when an object is judged by settings-dependent rules (the Pod Security Standards checks)
   * before its Namespace was registered, with the default level and version. If that Namespace comes
   * later with other labels, `staleNamespaces` names it and the source re-reads what it judged.
   */
  readonly onProvisionalSettings?: (namespace: string) => void;
}

/** A finding with what `kubeward fix` needs to edit the source. */
export interface EngineFinding {
  readonly finding: Finding;
  readonly fix?: FixProposal;
  /** The edited text's coordinates, when the subject was read from text. */
  readonly source?: SubjectSource;
  /** The reported field path, from the object root. */
  readonly path: FieldPath;
}

interface ActiveRule<R extends Rule> {
  readonly rule: R;
  /** The rule's id and aliases, as suppressions name them. */
  readonly ruleIds: readonly string[];
  /** Set in the config: then every finding of the rule has it. */
  readonly configuredSeverity: Severity | undefined;
  readonly options: Readonly<Record<string, unknown>>;
}

interface Collected {
  readonly subject: Subject;
  readonly resource: ResourceRef;
}

const PSS_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const PSS_ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/**
 * One evaluation of a set of rules over subjects as they stream in. Object rules run at once; subjects
 * that collection rules need are kept (only those kinds) until `finish`. Everything an evaluation
 * remembers lives on it, so evaluations running side by side in one process never see each other.
 */
export class Evaluation {
  readonly notes: Note[] = [];
  objects = 0;
  /** Shared by the rules for the whole evaluation (models of RBAC and NetworkPolicy, rule state). */
  readonly perEvaluation = new Memo();
  readonly #perObject = new Memo();
  readonly #objectRulesByKind = new Map<string, ActiveRule<ObjectRule>[]>();
  readonly #objectRulesForAllKinds: ActiveRule<ObjectRule>[] = [];
  readonly #collectionRules: ActiveRule<CollectionRule>[] = [];
  readonly #collectedKinds = new Set<string>();
  readonly #collected: Collected[] = [];
  /** How many of `#collected` are retained (copied out of their input); the rest may be views of it. */
  #retained = 0;
  readonly #pssRules: PssRule[] = [];
  readonly #overriddenByVersion = new Map<PssVersion, ReadonlySet<string>>();
  readonly #namespaceLevels = new Map<string, { level?: PssLevel; version?: PssVersion }>();
  readonly #provisional = new Set<string>();
  readonly #stale = new Set<string>();
  /** Rules whose check ran on at least one subject (or, for collection rules, on a non-empty set). */
  readonly #assessed = new Set<string>();
  readonly #kindsSeen = new Set<string>();
  /** Kinds the source could not read completely, with why (a forbidden list in a live scan). */
  readonly #incomplete = new Map<string, string>();
  readonly #noted = new Set<string>();
  readonly #exceptions: ExceptionMatcher;
  readonly #config: KubewardConfig;
  readonly #options: EvaluationOptions;

  constructor(options: EvaluationOptions) {
    this.#options = options;
    this.#config = options.config ?? EMPTY_CONFIG;
    this.#exceptions = new ExceptionMatcher(this.#config.exceptions, options.today);
    for (const expired of this.#exceptions.expired) {
      this.notes.push({
        file: this.#config.file ?? '.kubeward.yaml',
        message: `exception for rule ${expired.rule} expired on ${expired.expires ?? ''} and no longer applies (reason was: ${expired.reason})`,
      });
    }
    for (const rule of options.rules) {
      const settings = this.#config.rules[rule.meta.id];
      const enabled = settings?.enabled ?? (rule.meta.enabledByDefault !== false && rule.meta.deprecated === undefined);
      if (!enabled) continue;
      const active = { rule, ruleIds: [rule.meta.id, ...(rule.meta.aliases ?? [])], configuredSeverity: settings?.severity, options: { ...rule.defaultOptions, ...settings?.options } };
      if (rule.scope === 'collection') {
        this.#collectionRules.push(active as ActiveRule<CollectionRule>);
        for (const kind of rule.kinds) this.#collectedKinds.add(kind);
        continue;
      }
      if (isPssRule(rule)) this.#pssRules.push(rule);
      const objectRule = active as ActiveRule<ObjectRule>;
      if (rule.kinds === undefined) this.#objectRulesForAllKinds.push(objectRule);
      else for (const kind of rule.kinds) pushTo(this.#objectRulesByKind, kind, objectRule);
    }
  }

  /** Records the Pod Security Admission labels of a Namespace (read before the objects in it). */
  registerNamespace(object: K8sObject): void {
    if (object.kind !== 'Namespace') return;
    const name = object.metadata?.name;
    if (typeof name !== 'string') return;
    const labels = labelsOf(object.metadata);
    const level = labels[PSS_ENFORCE_LABEL] === undefined ? undefined : parsePssLevel(labels[PSS_ENFORCE_LABEL]);
    const version = labels[PSS_ENFORCE_VERSION_LABEL] === undefined ? undefined : parsePssVersion(labels[PSS_ENFORCE_VERSION_LABEL]);
    this.#namespaceLevels.set(name, { ...(level === undefined ? {} : { level }), ...(version === undefined ? {} : { version }) });
    if (this.#provisional.has(name)) {
      const defaults = this.#pssSettingsFor(undefined);
      const settings = this.#pssSettingsFor(name);
      if (settings.level !== defaults.level || settings.version !== defaults.version) this.#stale.add(name);
    }
  }

  /** Namespaces registered after some of their objects were judged with other settings (see `onProvisionalSettings`). */
  get staleNamespaces(): ReadonlySet<string> {
    return this.#stale;
  }

  /** Whether a rule's findings depend on the Pod Security Standards level and version. */
  isSettingsDependent(ruleId: string): boolean {
    return this.#pssRules.some((rule) => rule.meta.id === ruleId);
  }

  /**
   * Judges a subject of a stale namespace again with only the settings-dependent rules, now that its
   * Namespace is known; the caller drops the findings those rules gave it the first time.
   */
  reevaluateSettingsDependent(subject: Subject): EngineFinding[] {
    const resource = subject.resource ?? resourceRefOf(subject.object);
    if (resource.namespace === undefined || !this.#stale.has(resource.namespace)) return [];
    return this.#judge(subject, resource, (active) => isPssRule(active.rule));
  }

  /**
   * Tells the evaluation that objects of `kind` could not all be read (`reason` says why). Object rules
   * still judge what was read, but their controls are not called passing; collection rules that read the
   * kind are not run at all, since what they conclude from an absence ("no NetworkPolicy selects this
   * pod") would be unfounded. Both are reported as not assessed. Call before `finish`.
   */
  markIncomplete(kind: string, reason: string): void {
    if (!this.#incomplete.has(kind)) this.#incomplete.set(kind, reason);
  }

  /** Runs the object rules over one subject (and keeps it when a collection rule reads its kind). */
  evaluate(subject: Subject): EngineFinding[] {
    this.objects++;
    this.#kindsSeen.add(subject.object.kind);
    const resource = subject.resource ?? resourceRefOf(subject.object);
    if (this.#collectedKinds.has(subject.object.kind)) this.#collected.push({ subject, resource });
    return this.#judge(subject, resource, () => true);
  }

  /**
   * Copies what the collection rules keep out of the inputs evaluated so far (`Subject.retain`), so the
   * source may release them. A source that reads many inputs calls this before it reads on; until then
   * kept subjects may be views of their input, and an evaluation of one input never pays for the copy.
   */
  retainKept(): void {
    const collected = this.#collected;
    for (let index = this.#retained; index < collected.length; index++) {
      const kept = collected[index];
      if (kept !== undefined) collected[index] = { subject: kept.subject.retain(), resource: detach(kept.resource) };
    }
    this.#retained = collected.length;
  }

  #judge(subject: Subject, resource: ResourceRef, isSelected: (active: ActiveRule<ObjectRule>) => boolean): EngineFinding[] {
    const findings: EngineFinding[] = [];
    const object = this.#options.freezeObjects === true ? deepFreeze(subject.object) : subject.object;
    const rules = this.#objectRulesByKind.get(object.kind);
    if (rules === undefined && this.#objectRulesForAllKinds.length === 0) return findings;
    const pss = this.#pssSettingsFor(resource.namespace);
    const namespace = resource.namespace;
    if (namespace !== undefined && !this.#namespaceLevels.has(namespace) && !this.#hasExplicitPssSettings() && (rules?.some((active) => isPssRule(active.rule)) ?? false)) {
      this.#provisional.add(namespace);
      this.#options.onProvisionalSettings?.(namespace);
    }
    const overridden = pss.level === 'restricted' ? this.#overriddenAt(pss.version) : undefined;
    const perObject = this.#perObject;
    const run = (active: ActiveRule<ObjectRule>): void => {
      if (!isSelected(active)) return;
      const rule = active.rule;
      if (isPssRule(rule)) {
        if (!isPssCheckInLevel(rule.pss, pss.level)) return;
        // A restricted check that overrides a baseline one checks what it checks (upstream OverrideCheckIDs).
        if (overridden?.has(rule.pss.id) === true) {
          this.#assessed.add(rule.meta.id);
          return;
        }
      }
      this.#assessed.add(rule.meta.id);
      const floors = isPssRule(rule) && pss.level === 'restricted' ? overriddenSeverities(rule) : undefined;
      rule.check({
        object,
        resource,
        pss,
        options: active.options,
        perObject,
        perEvaluation: this.perEvaluation,
        report: (report) => findings.push(this.#finding(active, report, subject, resource, floors?.get(formatFieldPath(report.path)))),
      });
    };
    // One defect, one severity, whatever the level asked for: at restricted, a check that replaces baseline
    // checks (OverrideCheckIDs) reports what they would report too (an added NET_ADMIN, a hostPath volume);
    // such a finding gets at least the severity the baseline check gives it at the baseline level.
    const overriddenSeverities = (rule: PssRule): Map<string, Severity> | undefined => {
      const replaced = pssImplementationAt(rule.pss, pss.version)?.overrides;
      if (replaced === undefined || replaced.length === 0) return undefined;
      const floors = new Map<string, Severity>();
      for (const active of rules ?? []) {
        const baseline = active.rule;
        if (!isPssRule(baseline) || !replaced.includes(baseline.pss.id)) continue;
        const severity = active.configuredSeverity ?? baseline.meta.severity;
        baseline.check({
          object, resource, pss, options: active.options, perObject, perEvaluation: this.perEvaluation,
          report: (report) => {
            const key = formatFieldPath(report.path);
            const known = floors.get(key);
            if (known === undefined || severityRank(severity) > severityRank(known)) floors.set(key, severity);
          },
        });
      }
      return floors;
    };
    try {
      for (const active of this.#objectRulesForAllKinds) run(active);
      if (rules !== undefined) for (const active of rules) run(active);
    } finally {
      perObject.clear();
    }
    return findings;
  }

  /** Runs the collection rules over what was kept; call once, after every subject. */
  finish(): EngineFinding[] {
    const findings: EngineFinding[] = [];
    // Rules that read the same kinds get the same array, so a domain's shared model is built once.
    const membersByKinds = new Map<string, { members: Collected[]; objects: CollectedObject[] }>();
    for (const active of this.#collectionRules) {
      const kindsKey = [...new Set(active.rule.kinds)].sort().join('\u0000');
      let entry = membersByKinds.get(kindsKey);
      if (entry === undefined) {
        const kinds = new Set(active.rule.kinds);
        const members = this.#collected.filter((collected) => kinds.has(collected.subject.object.kind));
        entry = { members, objects: members.map((collected, sourceId) => ({ object: collected.subject.object, resource: collected.resource, sourceId })) };
        membersByKinds.set(kindsKey, entry);
      }
      const { members, objects } = entry;
      if (active.rule.kinds.some((kind) => this.#incomplete.has(kind))) continue;
      if (objects.length > 0) this.#assessed.add(active.rule.meta.id);
      active.rule.check({
        objects,
        options: active.options,
        perEvaluation: this.perEvaluation,
        report: (target, report) => {
          const member = members[target.sourceId];
          if (member === undefined) throw new Error(`rule ${active.rule.meta.id} reported an object it was not given`);
          findings.push(this.#finding(active, report, member.subject, member.resource));
        },
      });
    }
    return findings;
  }

  /** Enabled rules that did not judge the whole input, and why; complete once `finish` has run. */
  notAssessed(): NotAssessed[] {
    const result: NotAssessed[] = [];
    for (const active of [...this.#objectRulesForAllKinds, ...this.#objectRulesByKind.values(), ...this.#collectionRules].flat()) {
      const rule = active.rule;
      if (result.some((entry) => entry.ruleId === rule.meta.id)) continue;
      const incomplete = rule.kinds?.filter((kind) => this.#incomplete.has(kind)) ?? [...this.#incomplete.keys()];
      if (incomplete.length > 0) {
        const unread = incomplete.map((kind) => `${kind}: ${this.#incomplete.get(kind) ?? ''}`).join('; ');
        const message = rule.scope === 'collection'
          ? `not run: it reads every ${incomplete.join(', ')}, and not all could be read`
          : `judged only the ${incomplete.join(', ')} objects that could be read`;
        result.push({ ruleId: rule.meta.id, reason: 'incomplete-input', message, unread });
      } else if (!this.#assessed.has(rule.meta.id)) {
        const kinds = rule.kinds;
        const seen = kinds === undefined ? this.#kindsSeen.size > 0 : kinds.some((kind) => this.#kindsSeen.has(kind));
        result.push(seen
          ? { ruleId: rule.meta.id, reason: 'not-run', message: 'does not apply to the objects read at the Pod Security Standards level in effect' }
          : { ruleId: rule.meta.id, reason: 'no-input', message: `no ${kinds === undefined ? 'object' : kinds.join(', ')} in the input` });
      }
    }
    return result.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  }

  #hasExplicitPssSettings(): boolean {
    return this.#options.pssLevel !== undefined && this.#options.pssVersion !== undefined;
  }

  #pssSettingsFor(namespace: string | undefined): { level: PssLevel; version: PssVersion } {
    const fromNamespace = namespace === undefined ? undefined : this.#namespaceLevels.get(namespace);
    return {
      level: this.#options.pssLevel ?? fromNamespace?.level ?? 'restricted',
      version: this.#options.pssVersion ?? fromNamespace?.version ?? LATEST_PSS_MINOR,
    };
  }

  #overriddenAt(version: PssVersion): ReadonlySet<string> {
    let overridden = this.#overriddenByVersion.get(version);
    if (overridden === undefined) {
      overridden = overriddenCheckIdsAt(this.#pssRules.map((rule) => rule.pss), version);
      this.#overriddenByVersion.set(version, overridden);
    }
    return overridden;
  }

  #finding(active: ActiveRule<Rule>, report: RuleReport, subject: Subject, resource: ResourceRef, floor?: Severity): EngineFinding {
    const meta = active.rule.meta;
    const graded = report.severity ?? meta.severity;
    const severity = active.configuredSeverity ?? (floor !== undefined && severityRank(floor) > severityRank(graded) ? floor : graded);
    const template = meta.messages[report.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId "${report.messageId}"`);
    const location = subject.locate(report.path);
    const ruleIds = active.ruleIds;
    let annotated = annotationSuppression(suppressionAnnotations(subject.object), ruleIds);
    if (annotated === 'unjustified') {
      this.#noteOnce({ file: `${location.file}${location.line > 0 ? `:${location.line}` : ''}`, message: `kubeward.io/ignore on ${resource.kind} ${resource.name} names ${meta.id} without kubeward.io/ignore-reason; not applied` });
      annotated = undefined;
    }
    const suppression =
      this.#exceptions.match({ ruleIds, resource, container: report.container }) ??
      annotated ??
      this.#commentSuppression(subject.source, location, ruleIds);
    const fix = report.fix;
    // Keys in the order of the report schema; the strings may still be views of the source (`detachFinding`).
    const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
      ruleId: meta.id,
      severity,
      title: meta.title,
      messageId: report.messageId,
    } as Finding;
    if (report.data !== undefined) finding.data = report.data;
    finding.message = formatMessage(template, report.data);
    finding.resource = resource;
    finding.location = location;
    finding.path = formatFieldPath(report.path);
    if (report.container !== undefined) finding.container = report.container;
    finding.fixable = fix?.kind === 'safe';
    if (fix !== undefined) finding.fix = { kind: fix.kind, title: fix.title };
    finding.suppressed = suppression !== undefined;
    if (suppression !== undefined) finding.suppression = suppression;
    finding.frameworks = meta.frameworks;
    const entry: { -readonly [K in keyof EngineFinding]: EngineFinding[K] } = { finding, path: report.path };
    if (fix !== undefined) entry.fix = fix;
    if (subject.source !== undefined) entry.source = subject.source;
    return entry;
  }

  #noteOnce(note: Note): void {
    const key = `${note.file}\u0000${note.message}`;
    if (this.#noted.has(key)) return;
    this.#noted.add(key);
    this.notes.push(note);
  }

  /** `# kubeward:ignore rule -- reason` on the finding's line or in the comment lines just above it. */
  #commentSuppression(source: SubjectSource | undefined, location: Location, ruleIds: readonly string[]) {
    const document = source?.document;
    if (document === undefined || !document.text.includes('kubeward:ignore')) return undefined;
    const lines = document.text.split('\n');
    for (let index = location.line - document.line; index >= 0; index--) {
      const text = lines[index];
      if (text === undefined) break;
      const isCurrentLine = index === location.line - document.line;
      if (!isCurrentLine && !/^\s*#/.test(text)) break;
      const comment = parseIgnoreComment(text);
      if (comment === undefined || !comment.ruleIds.some((id) => ruleIds.includes(id) || id === '*')) continue;
      if (comment.reason === undefined) {
        this.notes.push({ file: `${location.file}:${document.line + index}`, message: 'kubeward:ignore comment has no reason ("-- reason"); not applied' });
        return undefined;
      }
      return { source: 'comment' as const, reason: comment.reason };
    }
    return undefined;
  }
}

function suppressionAnnotations(object: K8sObject): Readonly<Record<string, string>>[] {
  const maps = [annotationsOf(object.metadata)];
  const pod = podSpecOf(object);
  if (pod !== undefined && object.kind !== 'Pod') maps.push(annotationsOf(pod.podMetadata));
  return maps;
}

/**
 * The finding with copies of the strings that may be views of the source (the rest comes from rule
 * metadata), so that keeping it does not keep the text it was read from alive. Sources that release
 * their inputs call it on what they keep (`scan` does, when it reads on to the next input).
 */
export function detachFinding(finding: Finding): Finding {
  const r = finding.resource;
  const copy: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId: finding.ruleId, severity: finding.severity, title: finding.title, messageId: finding.messageId } as Finding;
  if (finding.data !== undefined) copy.data = detachData(finding.data);
  copy.message = detachString(finding.message);
  copy.resource = r.namespace === undefined
    ? { apiVersion: detachString(r.apiVersion), kind: detachString(r.kind), name: detachString(r.name) }
    : { apiVersion: detachString(r.apiVersion), kind: detachString(r.kind), namespace: detachString(r.namespace), name: detachString(r.name) };
  copy.location = { ...finding.location, file: detachString(finding.location.file) };
  copy.path = finding.path;
  if (finding.container !== undefined) copy.container = detachString(finding.container);
  copy.fixable = finding.fixable;
  if (finding.fix !== undefined) copy.fix = { kind: finding.fix.kind, title: detachString(finding.fix.title) };
  copy.suppressed = finding.suppressed;
  if (finding.suppression !== undefined) copy.suppression = detach(finding.suppression);
  copy.frameworks = finding.frameworks;
  return copy;
}

/** Data keys are placeholder names from rule code; the values may come from the object. */
function detachData(data: Readonly<Record<string, string | number>>): Record<string, string | number> {
  const copy: Record<string, string | number> = {};
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (value !== undefined) copy[key] = typeof value === 'string' ? detachString(value) : value;
  }
  return copy;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
