import jsYaml from 'js-yaml';
import type { PssLevel } from '../src/engine/pss-version.js';

// Fixtures built the way upstream Pod Security Admission builds its own (test/fixtures.go): a minimal pod that
// passes a level, plus one tweak. The YAML is generated, so cases state only what they change.

export type Fields = Record<string, unknown>;

export interface FixtureContainer {
  name: string;
  image: string;
  securityContext: Fields;
  [field: string]: unknown;
}

export interface FixturePod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    containers: FixtureContainer[];
    initContainers: FixtureContainer[];
    securityContext: Fields;
    [field: string]: unknown;
  };
}

function minimalContainer(name: string, level: PssLevel): FixtureContainer {
  return {
    name,
    image: 'registry.k8s.io/pause',
    securityContext: level === 'restricted' ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } : {},
  };
}

/** The smallest pod allowed at a level (restricted: runAsNonRoot, RuntimeDefault seccomp, no escalation, drop ALL). */
export function minimalPod(level: PssLevel = 'restricted'): FixturePod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'fixture' },
    spec: {
      containers: [minimalContainer('app', level)],
      initContainers: [minimalContainer('init', level)],
      securityContext: level === 'restricted' ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : {},
    },
  };
}

/** The first regular container of a fixture pod. */
export function appContainer(pod: FixturePod): FixtureContainer {
  const container = pod.spec.containers[0];
  if (container === undefined) throw new Error('fixture pod has no container');
  return container;
}

/** The first init container of a fixture pod. */
export function initContainer(pod: FixturePod): FixtureContainer {
  const container = pod.spec.initContainers[0];
  if (container === undefined) throw new Error('fixture pod has no init container');
  return container;
}

/** Adds an ephemeral container (as `kubectl debug` would) and returns it for further tweaks. */
export function addEphemeralContainer(pod: FixturePod, level: PssLevel = 'restricted'): FixtureContainer {
  const container = minimalContainer('debugger', level);
  pod.spec['ephemeralContainers'] = [container];
  return container;
}

/** A minimal pod with one tweak. */
export function podWith(tweak: (pod: FixturePod) => void, level: PssLevel = 'restricted'): FixturePod {
  const pod = minimalPod(level);
  tweak(pod);
  return pod;
}

/** YAML text of a manifest (block style, keys in insertion order). */
export function toYaml(object: unknown): string {
  return jsYaml.dump(object, { lineWidth: -1, noRefs: true });
}

/** YAML text of a minimal pod with one tweak. */
export function podYaml(tweak: (pod: FixturePod) => void = () => {}, level: PssLevel = 'restricted'): string {
  return toYaml(podWith(tweak, level));
}

/** The same pod as the template of a Deployment, to check pod templates are read like pods. */
export function deploymentYaml(tweak: (pod: FixturePod) => void = () => {}, level: PssLevel = 'restricted'): string {
  const pod = podWith(tweak, level);
  return toYaml({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'fixture' },
    spec: {
      selector: { matchLabels: { app: 'fixture' } },
      template: { metadata: { labels: { app: 'fixture' }, ...(pod.metadata.annotations === undefined ? {} : { annotations: pod.metadata.annotations }) }, spec: pod.spec },
    },
  });
}
