import { formatFieldPath, type FieldPath } from './field-path.js';
import { EMPTY_CONFIG, type KubewardConfig } from './config.js';
import type { Finding, Note } from './finding.js';
import { annotationSuppression, ExceptionMatcher, parseIgnoreComment } from './suppressions.js';
import { formatMessage, type CollectedObject, type CollectionRule, type ObjectRule, type Rule, type RuleReport, type Severity } from './rule.js';
import { isPssCheckInLevel, isPssRule, overriddenCheckIdsAt, type PssRule } from './pss-rule.js';
import { LATEST_PSS_MINOR, parsePssLevel, parsePssVersion, type PssLevel, type PssVersion } from './pss-version.js';
import { annotationsOf, labelsOf, resourceRefOf, type K8sObject, type ResourceRef } from '../k8s/object.js';
import { podSpecOf } from '../k8s/pod-spec.js';
import type { FixProposal } from '../fix/operations.js';
import { DocumentLocator } from '../source/locate.js';
import type { LoadedObject } from '../source/load-objects.js';
import type { DocumentSlice } from '../source/split-documents.js';

export interface EvaluationOptions {
  readonly rules: readonly Rule[];
  readonly config?: KubewardConfig;
  /** Explicit level and version (flags or config defaults); they override Namespace labels. */
  readonly pssLevel?: PssLevel;
  readonly pssVersion?: PssVersion;
  /** `YYYY-MM-DD`, for exception expiry. */
  readonly today: string;
  /** Deep-freezes every object before rules see it, so a rule that mutates its input throws (rule tests). */
  readonly freezeObjects?: boolean;
}

/** A finding with what `kubeward fix` needs to edit the source. */
export interface EngineFinding {
  readonly finding: Finding;
  readonly fix?: FixProposal;
  readonly file: string;
  readonly document: DocumentSlice;
  readonly pathInDocument: FieldPath;
  readonly pathSegments: FieldPath;
}

interface ActiveRule<R extends Rule> {
  readonly rule: R;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

const PSS_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const PSS_ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/**
 * Runs rules over objects as documents stream in. Object rules run immediately; objects that collection
 * rules need are kept (only those kinds) until `finish`.
 */
export class Evaluator {
  readonly notes: Note[] = [];
  objects = 0;
  readonly #objectRulesByKind = new Map<string, ActiveRule<ObjectRule>[]>();
  readonly #objectRulesForAllKinds: ActiveRule<ObjectRule>[] = [];
  readonly #collectionRules: ActiveRule<CollectionRule>[] = [];
  readonly #collectedKinds = new Set<string>();
  readonly #collected: { loaded: LoadedObject; resource: ResourceRef }[] = [];
  readonly #pssRules: PssRule[] = [];
  readonly #overriddenByVersion = new Map<PssVersion, ReadonlySet<string>>();
  readonly #namespaceLevels = new Map<string, { level?: PssLevel; version?: PssVersion }>();
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
      const active = { rule, severity: settings?.severity ?? rule.meta.severity, options: { ...rule.defaultOptions, ...settings?.options } };
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
  }

  evaluateDocument(file: string, document: DocumentSlice, objects: readonly LoadedObject[]): EngineFinding[] {
    const findings: EngineFinding[] = [];
    let locator: DocumentLocator | undefined;
    const locate = (path: FieldPath) => (locator ??= new DocumentLocator(document)).locate(path);
    for (const loaded of objects) {
      this.objects++;
      const object = this.#options.freezeObjects === true ? deepFreeze(loaded.object) : loaded.object;
      const resource = resourceRefOf(object);
      if (this.#collectedKinds.has(object.kind)) this.#collected.push(detachedEntry(loaded, resource));
      const rules = this.#objectRulesByKind.get(object.kind);
      if (rules === undefined && this.#objectRulesForAllKinds.length === 0) continue;
      const pss = this.#pssSettingsFor(resource.namespace);
      const overridden = pss.level === 'restricted' ? this.#overriddenAt(pss.version) : undefined;
      const run = (active: ActiveRule<ObjectRule>): void => {
        const rule = active.rule;
        if (isPssRule(rule)) {
          if (!isPssCheckInLevel(rule.pss, pss.level)) return;
          if (overridden?.has(rule.pss.id) === true) return;
        }
        rule.check({
          object,
          resource,
          pss,
          options: active.options,
          report: (report) => findings.push(this.#finding(active, report, file, document, loaded, resource, locate)),
        });
      };
      for (const active of this.#objectRulesForAllKinds) run(active);
      if (rules !== undefined) for (const active of rules) run(active);
    }
    return findings;
  }

  /** Runs the collection rules over what was kept; call once, after every document. */
  finish(): EngineFinding[] {
    const findings: EngineFinding[] = [];
    if (this.#collectionRules.length === 0) return findings;
    const locators = new Map<DocumentSlice, DocumentLocator>();
    for (const active of this.#collectionRules) {
      const kinds = new Set(active.rule.kinds);
      const members = this.#collected.filter((entry) => kinds.has(entry.loaded.object.kind));
      const objects: CollectedObject[] = members.map((entry, sourceId) => ({ object: entry.loaded.object, resource: entry.resource, sourceId }));
      active.rule.check({
        objects,
        options: active.options,
        report: (target, report) => {
          const member = members[target.sourceId];
          if (member === undefined) throw new Error(`rule ${active.rule.meta.id} reported an object it was not given`);
          const { loaded, resource } = member;
          const locate = (path: FieldPath) => {
            let locator = locators.get(loaded.document);
            if (locator === undefined) locators.set(loaded.document, (locator = new DocumentLocator(loaded.document)));
            return locator.locate(path);
          };
          findings.push(this.#finding(active, report, loaded.file, loaded.document, loaded, resource, locate));
        },
      });
    }
    return findings;
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

  #finding(
    active: ActiveRule<Rule>,
    report: RuleReport,
    file: string,
    document: DocumentSlice,
    loaded: LoadedObject,
    resource: ResourceRef,
    locate: (path: FieldPath) => { line: number; column: number },
  ): EngineFinding {
    const meta = active.rule.meta;
    const template = meta.messages[report.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId "${report.messageId}"`);
    const position = locate([...loaded.pathInDocument, ...report.path]);
    const ruleIds = [meta.id, ...(meta.aliases ?? [])];
    const suppression =
      this.#exceptions.match({ ruleIds, resource, container: report.container }) ??
      annotationSuppression(suppressionAnnotations(loaded.object), ruleIds) ??
      this.#commentSuppression(document, position.line, ruleIds, file);
    const fix = report.fix;
    const finding: Finding = {
      ruleId: meta.id,
      severity: active.severity,
      title: meta.title,
      message: formatMessage(template, report.data),
      resource,
      location: { file, line: position.line, column: position.column },
      path: formatFieldPath(report.path),
      ...(report.container === undefined ? {} : { container: report.container }),
      fixable: fix?.kind === 'safe',
      ...(fix === undefined ? {} : { fix: { kind: fix.kind, title: fix.title } }),
      suppressed: suppression !== undefined,
      ...(suppression === undefined ? {} : { suppression }),
      frameworks: meta.frameworks,
    };
    return { finding: detachFinding(finding), ...(fix === undefined ? {} : { fix }), file, document, pathInDocument: loaded.pathInDocument, pathSegments: report.path };
  }

  /** `# kubeward:ignore rule -- reason` on the finding's line or in the comment lines just above it. */
  #commentSuppression(document: DocumentSlice, line: number, ruleIds: readonly string[], file: string) {
    if (!document.text.includes('kubeward:ignore')) return undefined;
    const lines = document.text.split('\n');
    for (let index = line - document.line; index >= 0; index--) {
      const text = lines[index];
      if (text === undefined) break;
      const isCurrentLine = index === line - document.line;
      if (!isCurrentLine && !/^\s*#/.test(text)) break;
      const comment = parseIgnoreComment(text);
      if (comment === undefined || !comment.ruleIds.some((id) => ruleIds.includes(id) || id === '*')) continue;
      if (comment.reason === undefined) {
        this.notes.push({ file: `${file}:${document.line + index}`, message: 'kubeward:ignore comment has no reason ("-- reason"); not applied' });
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
 * A copy that shares no strings with the source text. Parsers return substrings that V8 keeps as views
 * of the whole file, so anything kept past its document would otherwise keep every file in memory.
 */
function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The strings of a finding that may be views of the source; the rest comes from rule metadata. */
function detachFinding(finding: Finding): Finding {
  const r = finding.resource;
  return {
    ...finding,
    message: copyString(finding.message),
    resource: { apiVersion: copyString(r.apiVersion), kind: copyString(r.kind), ...(r.namespace === undefined ? {} : { namespace: copyString(r.namespace) }), name: copyString(r.name) },
    location: { ...finding.location, file: copyString(finding.location.file) },
    ...(finding.container === undefined ? {} : { container: copyString(finding.container) }),
    ...(finding.fix === undefined ? {} : { fix: { kind: finding.fix.kind, title: copyString(finding.fix.title) } }),
    ...(finding.suppression === undefined ? {} : { suppression: detach(finding.suppression) }),
  };
}

function copyString(text: string): string {
  // Short strings are copied by V8 anyway; longer ones may be slices of a whole file.
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

function detachedEntry(loaded: LoadedObject, resource: ResourceRef): { loaded: LoadedObject; resource: ResourceRef } {
  const text = Buffer.from(loaded.document.text, 'utf8').toString('utf8');
  return {
    loaded: { ...loaded, object: detach(loaded.object), document: { ...loaded.document, text } },
    resource: detach(resource),
  };
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

