import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { containerImagesOf } from './support/image-reference.js';
import { DOCS } from './support/workload-fields.js';

// Reads the `image` of every init, regular and ephemeral container; passes only when the reference
// carries a digest (`@sha256:...`). Tags are mutable, digests are not. No fix: the digest has to come
// from the registry, which a manifest scan does not contact.
export const imagePinnedByDigest = defineObjectRule({
  meta: {
    id: 'image-pinned-by-digest',
    title: 'Images are pinned by digest',
    severity: 'low',
    category: 'image',
    description:
      'A tag can be moved to other content at any time by whoever can push to the repository; a digest names exactly one ' +
      'image. Pinning by digest makes what runs reproducible and a swapped image detectable.',
    remediation: 'Append the image digest to the reference (name:tag@sha256:...), and let a bot such as Renovate keep it current.',
    references: [DOCS.images, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.5.1'],
      nsa: ['Pod security: building secure container images'],
      mitre: ['T1525', 'T1195.002'],
    },
    fixable: false,
    messages: {
      notPinned: 'container "{{container}}" image {{image}} is not pinned by digest: append @sha256:<digest>',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    for (const { container, image, reference } of containerImagesOf(context.object)) {
      if (reference.digest !== undefined) continue;
      context.report({ messageId: 'notPinned', data: { container: container.name, image }, path: [...container.path, 'image'], container: container.name });
    }
  },
});
