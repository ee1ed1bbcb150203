import { defineObjectRule } from '../../engine/rule.js';
import { annotationsOf } from '../../k8s/object.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads spec.type, spec.loadBalancerSourceRanges and the equivalent annotation
// service.beta.kubernetes.io/load-balancer-source-ranges of Services. A LoadBalancer with neither is open
// to the internet; a range of 0.0.0.0/0 or ::/0 is open as well. Load balancers the annotations of the
// major clouds mark as internal (AWS, Azure, GCP, OCI) are only reachable from the private network and pass.
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const INTERNAL_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': ['true', '0.0.0.0/0'],
  'service.beta.kubernetes.io/aws-load-balancer-scheme': ['internal'],
  'service.beta.kubernetes.io/azure-load-balancer-internal': ['true'],
  'networking.gke.io/load-balancer-type': ['Internal'],
  'cloud.google.com/load-balancer-type': ['Internal', 'internal'],
  'service.beta.kubernetes.io/oci-load-balancer-internal': ['true'],
};
const OPEN_RANGES: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);

export const loadBalancerSourceRanges = defineObjectRule({
  meta: {
    id: 'load-balancer-source-ranges',
    title: 'LoadBalancer Services restrict their source ranges',
    severity: 'medium',
    category: 'network',
    description:
      'A LoadBalancer Service without loadBalancerSourceRanges accepts connections from the whole internet. Cloud ' +
      'providers turn the ranges into firewall rules, so listing the clients\' networks is the cheapest way to shrink ' +
      'the attack surface of an exposed service. Internal load balancers (by their cloud annotation) pass.',
    remediation: 'Set spec.loadBalancerSourceRanges to the CIDRs of the clients that need access (never 0.0.0.0/0), or make the load balancer internal.',
    references: [DOCS.sourceRanges, DOCS.services],
    frameworks: {
      nsa: ['Network separation and hardening: network policies'],
      mitre: ['T1133', 'T1190'],
    },
    fixable: false,
    messages: {
      missing: 'LoadBalancer Service sets no spec.loadBalancerSourceRanges, so it accepts connections from anywhere: list the allowed client CIDRs',
      openRange: 'spec.loadBalancerSourceRanges[{{index}}] is {{range}}, which allows every address: list the allowed client CIDRs',
      openRangeAnnotation: 'annotation service.beta.kubernetes.io/load-balancer-source-ranges includes {{range}}, which allows every address: list the allowed client CIDRs',
    },
  },
  kinds: ['Service'],
  check(context) {
    const spec = recordOf(context.object['spec']);
    if (spec?.['type'] !== 'LoadBalancer') return;
    const annotations = annotationsOf(context.object.metadata);
    const isInternal = Object.entries(INTERNAL_ANNOTATIONS).some(([key, values]) => {
      const value = annotations[key];
      return value !== undefined && values.includes(value.trim());
    });
    if (isInternal) return;
    const ranges = entriesOf(spec['loadBalancerSourceRanges']).filter((entry): entry is [number, string] => typeof entry[1] === 'string');
    if (ranges.length === 0) {
      const annotated = annotations[SOURCE_RANGES_ANNOTATION];
      if (annotated === undefined || annotated.trim() === '') {
        context.report({ messageId: 'missing', path: ['spec', 'loadBalancerSourceRanges'] });
        return;
      }
      for (const range of annotated.split(',').map((part) => part.trim())) {
        if (OPEN_RANGES.has(range)) context.report({ messageId: 'openRangeAnnotation', data: { range }, path: ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION] });
      }
      return;
    }
    for (const [index, range] of ranges) {
      if (OPEN_RANGES.has(range.trim())) context.report({ messageId: 'openRange', data: { index, range }, path: ['spec', 'loadBalancerSourceRanges', index] });
    }
  },
});
