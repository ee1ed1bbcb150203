import { defineObjectRule } from '../../engine/rule.js';
import { formatKubeVersion } from '../../foundation/kube-version.js';
import { deprecationOf, migrationAt, replacementAt } from './support/api-deprecations.js';

// An object in an API version the release judged for still serves but has deprecated: it works today and
// breaks at the upgrade named in the message. Removed versions are `api-version-removed`'s.
export const apiVersionDeprecated = defineObjectRule({
  meta: {
    id: 'api-version-deprecated',
    title: 'Deprecated API versions should be migrated before the upgrade that removes them',
    severity: 'low',
    category: 'schema',
    description:
      'A deprecated API version is still served, with a warning on every request, until the release the deprecation guide ' +
      'names. Manifests that keep it break at that upgrade, usually when a cluster upgrade is already under way.',
    remediation: 'Change apiVersion to the replacement (and migrate the fields that changed with it, as the deprecation guide lists).',
    references: [
      'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
      'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
    ],
    frameworks: { nsa: ['Upgrading and application security practices'] },
    fixable: 'suggestion',
    messages: {
      deprecated: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecatedIn}} and is removed in {{removedIn}}: use {{migration}}',
      deprecatedNoRemoval: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecatedIn}}: use {{migration}}',
    },
  },
  check(context) {
    const { apiVersion, kind } = context.object;
    const entry = deprecationOf(apiVersion, kind);
    const target = context.kubernetesVersion;
    if (entry === undefined || target < entry.deprecatedIn || (entry.removedIn !== undefined && target >= entry.removedIn)) return;
    const replacement = replacementAt(entry, target);
    const data = { apiVersion, kind, deprecatedIn: formatKubeVersion(entry.deprecatedIn), migration: migrationAt(entry, target) };
    context.report({
      ...(entry.removedIn === undefined
        ? { messageId: 'deprecatedNoRemoval', data }
        : { messageId: 'deprecated', data: { ...data, removedIn: formatKubeVersion(entry.removedIn) } }),
      path: ['apiVersion'],
      ...(entry.sameSchema === true && replacement !== undefined
        ? { fix: { kind: 'suggestion' as const, title: `set apiVersion: ${replacement}`, operations: [{ op: 'set' as const, path: ['apiVersion'], value: replacement }] } }
        : {}),
    });
  },
});
