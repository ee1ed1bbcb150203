import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { containerImagesOf, isImageAllowed } from './support/image-reference.js';
import { DOCS } from './support/workload-fields.js';

// Reads the `image` of every init, regular and ephemeral container and compares its normalized registry
// and repository with option `allowedRegistries` (hosts, `host/repo` prefixes, `*.host` wildcards).
// Decision: the allow-list is organisation-specific, so the rule is off by default and an empty list
// allows every registry (no findings); enable it with a list in .kubeward.yaml:
//   rules: { allowed-image-registries: { enabled: true, options: { allowedRegistries: [registry.example.com] } } }
export const allowedImageRegistries = defineObjectRule({
  meta: {
    id: 'allowed-image-registries',
    title: 'Images come from allowed registries',
    severity: 'high',
    category: 'image',
    description:
      'Images pulled from arbitrary registries bypass the scanning, signing and provenance checks an organisation applies ' +
      'to its own registry, and typo-squatted public images are a known malware route. Option `allowedRegistries` lists ' +
      'the allowed registry hosts (`registry.example.com`), repository prefixes (`ghcr.io/my-org`) and host wildcards ' +
      '(`*.dkr.ecr.eu-west-1.amazonaws.com`); images without a registry are on docker.io. Off by default; an empty list allows all.',
    remediation: 'Mirror the image into an allowed registry and reference it there, or add its registry to allowedRegistries.',
    references: [DOCS.images, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.5.1'],
      nsa: ['Pod security: building secure container images'],
      mitre: ['T1525', 'T1204.003', 'T1195.002'],
    },
    fixable: false,
    enabledByDefault: false,
    messages: {
      notAllowed: 'container "{{container}}" image {{image}} comes from {{registry}}, which is not in allowedRegistries: use an image from {{allowed}}',
    },
  },
  kinds: WORKLOAD_KINDS,
  defaultOptions: { allowedRegistries: [] },
  check(context) {
    const option = context.options['allowedRegistries'];
    const allowed = Array.isArray(option) ? option.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
    if (allowed.length === 0) return;
    for (const { container, image, reference } of containerImagesOf(context.object)) {
      if (isImageAllowed(reference, allowed)) continue;
      context.report({
        messageId: 'notAllowed',
        data: { container: container.name, image, registry: reference.registry, allowed: allowed.join(', ') },
        path: [...container.path, 'image'],
        container: container.name,
      });
    }
  },
});
