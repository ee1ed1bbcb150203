import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { containerImagesOf } from './support/image-reference.js';
import { DOCS } from './support/workload-fields.js';

// Reads the `image` of every init, regular and ephemeral container; passes only when the reference
// carries a digest (`@sha256:...`). Tags are mutable, digests are not. No fix: the digest has to come
// from the registry, which a manifest scan does not contact. Only a valid digest pins (OCI image spec:
// sha256/sha384/sha512 as lowercase hex of the algorithm's length, what go-digest accepts); a malformed
// one (short, uppercase, unknown algorithm) is reported: the runtime refuses the reference.
export const imagePinnedByDigest = defineObjectRule({
  meta: {
    id: 'image-pinned-by-digest',
    title: 'Images are pinned by digest',
    severity: 'low',
    category: 'image',
    description:
      'A tag can be moved to other content at any time by whoever can push to the repository; a digest names exactly one ' +
      'image. Pinning by digest makes what runs reproducible and a swapped image detectable. Only a valid digest pins: ' +
      'sha256, sha384 or sha512 in lowercase hex of the algorithm\'s length.',
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
      malformedDigest: 'container "{{container}}" image {{image}} has a malformed digest ({{problem}}), which pins nothing and the runtime rejects: use @sha256:<64 lowercase hex digits>',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    for (const { container, image, reference } of containerImagesOf(context.object)) {
      if (reference.digest !== undefined) continue;
      if (reference.malformedDigest !== undefined) {
        context.report({ messageId: 'malformedDigest', data: { container: container.name, image, problem: reference.malformedDigest.problem }, path: [...container.path, 'image'], container: container.name });
        continue;
      }
      context.report({ messageId: 'notPinned', data: { container: container.name, image }, path: [...container.path, 'image'], container: container.name });
    }
  },
});
