import { defineCollectionRule } from '../../engine/rule.js';
import { LATEST_PSS_MINOR, parsePssVersion, type PssLevel } from '../../engine/pss-version.js';
import { labelsOf, type K8sObject } from '../../k8s/object.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { evaluatePodSecurity } from '../pss/evaluate-pod-security.js';
import { DOCS } from './support/workload-fields.js';

// Reads the Pod Security Admission labels of Namespace objects. Without
// pod-security.kubernetes.io/enforce the API server applies its admission configuration's default, which
// is `privileged` (no restriction) unless the cluster operator changed it. `privileged` is reported as
// an explicit opt-out; values other than privileged/baseline/restricted are not a level PSA understands
// and are reported as invalid.
//
// The suggested label is the strictest level every workload of the input in that namespace (explicit
// metadata.namespace) meets at the namespace's enforce-version: enforcing a level a workload violates
// makes the API server reject its pods. The workloads that block the stricter level are named; when one
// does not even meet baseline, no label is suggested (fix them first).
const LEVELS: ReadonlySet<string> = new Set(['privileged', 'baseline', 'restricted']);
const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';
const MAX_NAMED = 5;

export const namespacePodSecurityLabels = defineCollectionRule({
  meta: {
    id: 'namespace-pod-security-labels',
    title: 'Namespaces enforce a Pod Security Standard',
    severity: 'medium',
    category: 'workload',
    description:
      'Pod Security Admission enforces the Pod Security Standards per namespace through the label ' +
      'pod-security.kubernetes.io/enforce. A namespace without it admits privileged pods unless the cluster-wide default ' +
      'was changed, so a single bad manifest or a compromised deployer can run a pod that owns the node.',
    remediation:
      'Label the Namespace with pod-security.kubernetes.io/enforce: restricted (or baseline while workloads are migrated), and pin pod-security.kubernetes.io/enforce-version.',
    references: [DOCS.podSecurityAdmission, DOCS.namespaceLabels],
    frameworks: {
      cis: ['5.2.1'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1610', 'T1611'],
    },
    fixable: 'suggestion',
    messages: {
      missing: 'Namespace has no label pod-security.kubernetes.io/enforce: set it to restricted (or baseline)',
      missingBaseline: 'Namespace has no label pod-security.kubernetes.io/enforce: set it to baseline; restricted would reject {{blocking}}, which violate it',
      missingNone: 'Namespace has no label pod-security.kubernetes.io/enforce, and {{blocking}} violate even baseline: harden them, then enforce baseline or restricted',
      privileged: 'Namespace label pod-security.kubernetes.io/enforce is privileged, which enforces nothing: set it to restricted (or baseline)',
      invalid: 'Namespace label pod-security.kubernetes.io/enforce is {{value}}, which is not privileged, baseline or restricted: set it to restricted (or baseline)',
    },
  },
  kinds: ['Namespace', ...WORKLOAD_KINDS],
  check(context) {
    const workloads = new Map<string, K8sObject[]>();
    for (const { object, resource } of context.objects) {
      if (object.kind === 'Namespace' || resource.namespace === undefined) continue;
      let list = workloads.get(resource.namespace);
      if (list === undefined) workloads.set(resource.namespace, (list = []));
      list.push(object);
    }
    for (const target of context.objects) {
      if (target.object.kind !== 'Namespace') continue;
      const labels = labelsOf(target.object.metadata);
      const value = labels[ENFORCE];
      const path = ['metadata', 'labels', ENFORCE];
      if (value === undefined) {
        const version = parsePssVersion(labels[ENFORCE_VERSION] ?? 'latest') ?? LATEST_PSS_MINOR;
        const members = workloads.get(target.resource.name) ?? [];
        const level = strictestLevelMet(members, version);
        // Enforcing can reject pods that run today: a suggestion, to be applied after a dry run (kubectl label --dry-run=server).
        const fix = level.level === 'privileged' ? undefined : { kind: 'suggestion' as const, title: `label the Namespace ${ENFORCE}: ${level.level}${level.blocking === '' ? '' : ` (restricted would reject ${level.blocking})`}`, operations: [{ op: 'set' as const, path, value: level.level }] };
        const messageId = level.level === 'restricted' ? 'missing' : level.level === 'baseline' ? 'missingBaseline' : 'missingNone';
        context.report(target, { messageId, path, ...(level.blocking === '' ? {} : { data: { blocking: level.blocking } }), ...(fix === undefined ? {} : { fix }) });
      } else if (value === 'privileged') {
        context.report(target, { messageId: 'privileged', path });
      } else if (!LEVELS.has(value)) {
        context.report(target, { messageId: 'invalid', data: { value: JSON.stringify(value) }, path });
      }
    }
  },
});

/** The strictest level all the workloads meet, and those that keep it from the next stricter one. */
function strictestLevelMet(workloads: readonly K8sObject[], version: number): { level: PssLevel; blocking: string } {
  const failing = (level: PssLevel): K8sObject[] => workloads.filter((object) => !evaluatePodSecurity(object, { level, version }).allowed);
  const notRestricted = failing('restricted');
  if (notRestricted.length === 0) return { level: 'restricted', blocking: '' };
  const notBaseline = failing('baseline');
  return notBaseline.length === 0 ? { level: 'baseline', blocking: named(notRestricted) } : { level: 'privileged', blocking: named(notBaseline) };
}

function named(objects: readonly K8sObject[]): string {
  const names = objects.slice(0, MAX_NAMED).map((object) => `${object.kind}/${typeof object.metadata?.name === 'string' ? object.metadata.name : '<unnamed>'}`);
  return objects.length > MAX_NAMED ? `${names.join(', ')} and ${objects.length - MAX_NAMED} more` : names.join(', ');
}
