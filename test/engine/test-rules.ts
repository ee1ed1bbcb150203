import { defineCollectionRule, defineObjectRule } from '../../src/engine/rule.js';
import { containersOf, podSpecOf, WORKLOAD_KINDS } from '../../src/k8s/pod-spec.js';

// Small rules that exercise the engine without depending on the shipped catalogue.

export const testPrivileged = defineObjectRule({
  meta: {
    id: 'test-privileged',
    aliases: ['test-old-privileged'],
    title: 'Test: privileged containers',
    severity: 'high',
    category: 'workload',
    description: 'Reports securityContext.privileged: true.',
    remediation: 'Set privileged to false.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    frameworks: { cis: ['5.2.2'], mitre: ['T1611'] },
    fixable: 'safe',
    messages: { privileged: 'container "{{container}}" sets securityContext.privileged: true' },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    for (const view of containersOf(pod)) {
      if (view.container.securityContext?.privileged !== true) continue;
      const path = [...view.path, 'securityContext', 'privileged'];
      context.report({
        messageId: 'privileged', data: { container: view.name }, path, container: view.name,
        fix: { kind: 'safe', title: 'set privileged: false', operations: [{ op: 'set', path, value: false }] },
      });
    }
  },
});

export const testMissingLimits = defineObjectRule({
  meta: {
    id: 'test-missing-limits',
    title: 'Test: missing limits',
    severity: 'low',
    category: 'workload',
    description: 'Reports containers without resources.limits.',
    remediation: 'Set limits.',
    references: [],
    frameworks: { nsa: ['Denial of service'] },
    fixable: false,
    messages: { missing: 'container "{{container}}" has no resources.limits' },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    for (const view of containersOf(pod)) {
      const resources = view.container['resources'] as { limits?: unknown } | undefined;
      if (resources?.limits !== undefined) continue;
      context.report({ messageId: 'missing', data: { container: view.name }, path: [...view.path, 'resources', 'limits'], container: view.name });
    }
  },
});

export const testDuplicateNames = defineCollectionRule({
  meta: {
    id: 'test-duplicate-names',
    title: 'Test: two ConfigMaps with one name',
    severity: 'medium',
    category: 'workload',
    description: 'Reports ConfigMaps that share a namespace and name.',
    remediation: 'Rename one.',
    references: [],
    frameworks: {},
    fixable: false,
    messages: { duplicate: 'ConfigMap {{name}} is defined more than once' },
  },
  kinds: ['ConfigMap'],
  check(context) {
    const seen = new Map<string, number>();
    for (const entry of context.objects) {
      const key = `${entry.resource.namespace ?? ''}/${entry.resource.name}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const entry of context.objects) {
      const key = `${entry.resource.namespace ?? ''}/${entry.resource.name}`;
      if ((seen.get(key) ?? 0) > 1) context.report(entry, { messageId: 'duplicate', data: { name: entry.resource.name }, path: ['metadata', 'name'] });
    }
  },
});

export const testRules = [testPrivileged, testMissingLimits, testDuplicateNames];
