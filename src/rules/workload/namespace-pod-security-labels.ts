import { defineObjectRule } from '../../engine/rule.js';
import { labelsOf } from '../../k8s/object.js';
import { DOCS } from './support/workload-fields.js';

// Reads the Pod Security Admission labels of Namespace objects. Without
// pod-security.kubernetes.io/enforce the API server applies its admission configuration's default, which
// is `privileged` (no restriction) unless the cluster operator changed it. `privileged` is reported as
// an explicit opt-out; values other than privileged/baseline/restricted are not a level PSA understands
// and are reported as invalid.
const LEVELS: ReadonlySet<string> = new Set(['privileged', 'baseline', 'restricted']);
const ENFORCE = 'pod-security.kubernetes.io/enforce';

export const namespacePodSecurityLabels = defineObjectRule({
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
      privileged: 'Namespace label pod-security.kubernetes.io/enforce is privileged, which enforces nothing: set it to restricted (or baseline)',
      invalid: 'Namespace label pod-security.kubernetes.io/enforce is {{value}}, which is not privileged, baseline or restricted: set it to restricted (or baseline)',
    },
  },
  kinds: ['Namespace'],
  check(context) {
    const value = labelsOf(context.object.metadata)[ENFORCE];
    const path = ['metadata', 'labels', ENFORCE];
    if (value === undefined) {
      context.report({
        messageId: 'missing',
        path,
        // Enforcing can reject pods that run today: a suggestion, to be applied after a dry run (kubectl label --dry-run=server).
        fix: { kind: 'suggestion', title: `label the Namespace ${ENFORCE}: restricted`, operations: [{ op: 'set', path, value: 'restricted' }] },
      });
    } else if (value === 'privileged') {
      context.report({ messageId: 'privileged', path });
    } else if (!LEVELS.has(value)) {
      context.report({ messageId: 'invalid', data: { value: JSON.stringify(value) }, path });
    }
  },
});
