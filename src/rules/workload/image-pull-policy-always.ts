import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { containerImagesOf } from './support/image-reference.js';
import { DOCS } from './support/workload-fields.js';

// Reads `image` and `imagePullPolicy` of every init, regular and ephemeral container. An image pinned
// by digest is immutable, so any policy passes. For a mutable tag the policy must be Always. When the
// policy is unset the API server defaults it to Always for `:latest` or no tag and to IfNotPresent
// otherwise (pkg/apis/core/v1/defaults.go, SetDefaults_Container), so an unset policy with a version tag
// is reported too.
export const imagePullPolicyAlways = defineObjectRule({
  meta: {
    id: 'image-pull-policy-always',
    title: 'Mutable image tags are pulled with imagePullPolicy Always',
    severity: 'low',
    category: 'image',
    description:
      'With IfNotPresent (or Never) a node reuses whatever image it cached under a tag: nodes can run different content for ' +
      'the same manifest, and a pod may start from an image cached for another workload without presenting its own ' +
      'registry credentials. Always makes the kubelet resolve the tag and check pull access each time.',
    remediation: 'Set imagePullPolicy: Always, or pin the image by digest so the cached copy is known to be the right one.',
    references: [`${DOCS.images}#image-pull-policy`],
    frameworks: {
      nsa: ['Pod security: building secure container images'],
      mitre: ['T1525'],
    },
    fixable: 'suggestion',
    messages: {
      notAlways: 'container "{{container}}" uses imagePullPolicy {{policy}} with the mutable tag of {{image}}: set imagePullPolicy: Always or pin a digest',
      defaultsToIfNotPresent: 'container "{{container}}" sets no imagePullPolicy, which defaults to IfNotPresent for {{image}}: set imagePullPolicy: Always or pin a digest',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    for (const { container, image, reference } of containerImagesOf(context.object)) {
      if (reference.digest !== undefined) continue;
      const policy = container.container['imagePullPolicy'];
      const path = [...container.path, 'imagePullPolicy'];
      // More pulls and a registry dependency at every start: a suggestion.
      const fix = { kind: 'suggestion' as const, title: `set imagePullPolicy: Always on container "${container.name}"`, operations: [{ op: 'set' as const, path, value: 'Always' }] };
      if (policy === undefined || policy === null) {
        if (reference.tag === undefined || reference.tag === 'latest') continue;
        context.report({ messageId: 'defaultsToIfNotPresent', data: { container: container.name, image }, path, container: container.name, fix });
      } else if (policy !== 'Always') {
        context.report({ messageId: 'notAlways', data: { container: container.name, image, policy: String(policy) }, path, container: container.name, fix });
      }
    }
  },
});
