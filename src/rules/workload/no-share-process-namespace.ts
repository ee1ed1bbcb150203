import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS } from './support/workload-fields.js';

// Reads spec.shareProcessNamespace of the pod; only `true` is reported. With it, every container sees
// the others' processes and can read their environment and /proc/<pid>/root (their files and secrets).
export const noShareProcessNamespace = defineObjectRule({
  meta: {
    id: 'no-share-process-namespace',
    title: 'Pods do not share one process namespace between containers',
    severity: 'medium',
    category: 'workload',
    description:
      'With shareProcessNamespace every container of the pod sees every process of the others, can signal them and, as ' +
      'the same user, read their environment variables and file systems through /proc. A compromised sidecar then ' +
      'reaches the main application\'s secrets.',
    remediation: 'Remove spec.shareProcessNamespace (or set it to false) unless a container really needs to see the others\' processes.',
    references: [DOCS.shareProcessNamespace],
    frameworks: {
      cis: ['5.7.3'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1552.007', 'T1055'],
    },
    fixable: 'suggestion',
    messages: {
      shared: 'spec.shareProcessNamespace is true: remove it so containers cannot see each other\'s processes',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined || pod.spec['shareProcessNamespace'] !== true) return;
    const path = [...pod.specPath, 'shareProcessNamespace'];
    context.report({
      messageId: 'shared',
      path,
      // A debugging or signalling sidecar may rely on it: a suggestion.
      fix: { kind: 'suggestion', title: 'remove spec.shareProcessNamespace', operations: [{ op: 'remove', path }] },
    });
  },
});
