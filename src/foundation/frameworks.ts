// The compliance frameworks findings map to, in one table: a rule names its controls under the
// framework's key (`frameworks: { cis: ['5.2.2'] }`), and every report, listing and generated doc reads
// the framework's names and control ids from here. Adding a framework is one entry below.

/** The Pod Security Standards check a rule is (upstream check id and the level that introduces it). */
export interface PssMapping {
  readonly check: string;
  readonly level: 'baseline' | 'restricted';
}

export interface FrameworkMappings {
  /** Only the Pod Security Standards checks themselves carry `pss`: a pod is PSS-clean exactly when no finding has it. */
  readonly pss?: PssMapping;
  /** CIS Kubernetes Benchmark control ids, e.g. `5.2.2`. */
  readonly cis?: readonly string[];
  /** NSA/CISA Kubernetes Hardening Guide sections, e.g. `Pod security: non-root containers`. */
  readonly nsa?: readonly string[];
  /** MITRE ATT&CK for containers technique ids, e.g. `T1611`. */
  readonly mitre?: readonly string[];
}

export type FrameworkId = keyof FrameworkMappings;

export interface Framework {
  readonly id: FrameworkId;
  /** Full name, for reports and docs. */
  readonly name: string;
  /** Short label for one-line summaries. */
  readonly shortName: string;
  readonly url: string;
  /** The control ids a rule's mappings name in this framework. */
  controlsOf(mappings: FrameworkMappings): readonly string[];
  /** The controls of a rule as listings show them (`kubeward explain`, `rules --framework`, docs). */
  describeControls(mappings: FrameworkMappings): readonly string[];
  /** Short labels for one-line listings (`kubeward rules`, the docs index). */
  badges(mappings: FrameworkMappings): readonly string[];
}

function listFramework(id: Exclude<FrameworkId, 'pss'>, name: string, shortName: string, url: string, badge: (control: string) => string): Framework {
  return {
    id, name, shortName, url,
    controlsOf: (mappings) => mappings[id] ?? [],
    describeControls: (mappings) => mappings[id] ?? [],
    badges: (mappings) => (mappings[id] ?? []).map(badge),
  };
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'pss',
    name: 'Pod Security Standards',
    shortName: 'PSS',
    url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    controlsOf: (mappings) => (mappings.pss === undefined ? [] : [mappings.pss.check]),
    describeControls: (mappings) => (mappings.pss === undefined ? [] : [`${mappings.pss.check} (${mappings.pss.level})`]),
    badges: (mappings) => (mappings.pss === undefined ? [] : [`PSS ${mappings.pss.level}`]),
  },
  listFramework('cis', 'CIS Kubernetes Benchmark', 'CIS', 'https://www.cisecurity.org/benchmark/kubernetes', (id) => `CIS ${id}`),
  {
    // Sections are sentences, so a listing only says that the rule maps to the guide.
    ...listFramework('nsa', 'NSA/CISA Kubernetes Hardening Guide', 'NSA/CISA', 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF', () => 'NSA/CISA'),
    badges: (mappings) => ((mappings.nsa?.length ?? 0) > 0 ? ['NSA/CISA'] : []),
  },
  listFramework('mitre', 'MITRE ATT&CK', 'MITRE ATT&CK', 'https://attack.mitre.org/matrices/enterprise/containers/', (id) => id),
];

/** Every framework's badges for a rule, in table order. */
export function frameworkBadges(mappings: FrameworkMappings): string[] {
  return FRAMEWORKS.flatMap((framework) => framework.badges(mappings));
}

export const FRAMEWORK_IDS: readonly FrameworkId[] = FRAMEWORKS.map((framework) => framework.id);

export function frameworkById(id: string): Framework | undefined {
  return FRAMEWORKS.find((framework) => framework.id === id);
}

/** Control ids sort as numbers where they are (`5.2.10` after `5.2.9`). */
export function compareControlIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
