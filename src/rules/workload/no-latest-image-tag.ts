import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { containerImagesOf } from './support/image-reference.js';
import { DOCS } from './support/workload-fields.js';

// Reads the `image` of every init, regular and ephemeral container. Reports a reference with no tag
// (the runtime pulls `latest`) or the tag `latest`, unless a digest pins it: with `@sha256:...` the tag
// is ignored by the runtime. Templated or unparseable values are skipped.
export const noLatestImageTag = defineObjectRule({
  meta: {
    id: 'no-latest-image-tag',
    title: 'Images name a version tag, not latest',
    severity: 'medium',
    category: 'image',
    description:
      'An image without a tag, or tagged latest, runs whatever was pushed last: a rollback or a new node can silently run ' +
      'different code, and a compromised registry account changes what the cluster runs without any change to the manifest.',
    remediation: 'Reference images by an immutable version tag and, better, by digest (name:tag@sha256:...).',
    references: [DOCS.images, DOCS.nsaHardeningGuide],
    frameworks: {
      nsa: ['Pod security: building secure container images'],
      mitre: ['T1525', 'T1195.002'],
    },
    fixable: false,
    messages: {
      noTag: 'container "{{container}}" image {{image}} has no tag, so latest is pulled: pin a version tag or digest',
      latestTag: 'container "{{container}}" image {{image}} uses the latest tag: pin a version tag or digest',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    for (const { container, image, reference } of containerImagesOf(context.object)) {
      if (reference.digest !== undefined) continue;
      if (reference.tag !== undefined && reference.tag !== 'latest') continue;
      context.report({
        messageId: reference.tag === undefined ? 'noTag' : 'latestTag',
        data: { container: container.name, image },
        path: [...container.path, 'image'],
        container: container.name,
      });
    }
  },
});
