import { defineObjectRule } from '../../engine/rule.js';
import { formatKubeVersion } from '../../foundation/kube-version.js';
import { deprecationOf, migrationAt, replacementAt } from './support/api-deprecations.js';

// An object written in an API version that the release judged for (`--kube-version`, the live cluster's,
// or the newest known) no longer serves: `kubectl apply` fails with "no matches for kind", so whatever
// the object was to configure (a NetworkPolicy, a PodDisruptionBudget, RBAC) never exists. Pluto and
// kubent report the same from the upstream deprecation guide; the table is in support/api-deprecations.ts.
export const apiVersionRemoved = defineObjectRule({
  meta: {
    id: 'api-version-removed',
    title: 'API versions must be served by the target Kubernetes release',
    severity: 'high',
    category: 'schema',
    description:
      'Kubernetes stops serving beta API versions a few releases after their successor is stable. An object that still uses a ' +
      'removed version cannot be created on that release: the deploy fails, or, in a tool that skips failures, the object ' +
      'silently never exists, so a security control it carries (a NetworkPolicy, an RBAC rule, a disruption budget) is missing.',
    remediation: 'Change apiVersion to the replacement (and migrate the fields that changed with it, as the deprecation guide lists).',
    references: [
      'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
      'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
    ],
    frameworks: { nsa: ['Upgrading and application security practices'] },
    fixable: 'suggestion',
    messages: {
      removed: '{{apiVersion}} {{kind}} is not served from Kubernetes {{removedIn}} (judged for {{target}}): use {{migration}}',
    },
  },
  check(context) {
    const { apiVersion, kind } = context.object;
    const entry = deprecationOf(apiVersion, kind);
    if (entry?.removedIn === undefined || context.kubernetesVersion < entry.removedIn) return;
    const replacement = replacementAt(entry, context.kubernetesVersion);
    context.report({
      messageId: 'removed',
      data: { apiVersion, kind, removedIn: formatKubeVersion(entry.removedIn), target: formatKubeVersion(context.kubernetesVersion), migration: migrationAt(entry, context.kubernetesVersion) },
      path: ['apiVersion'],
      ...(entry.sameSchema === true && replacement !== undefined
        ? { fix: { kind: 'suggestion' as const, title: `set apiVersion: ${replacement}`, operations: [{ op: 'set' as const, path: ['apiVersion'], value: replacement }] } }
        : {}),
    });
  },
});
