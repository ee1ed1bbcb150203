// Kubernetes versions as the rules reason about them: the minor of Kubernetes 1.x. A rule, or one of
// its options, can say from which release it applies (`since`) and in which release it stops applying
// (`until`, exclusive: the release that removed the field or API).

/** Minor version of Kubernetes 1.x (`v1.30` → 30). */
export type KubeMinor = number;

/** The newest release kubeward knows; equal to the newest Pod Security Standards version it tests. */
export const LATEST_KUBE_MINOR: KubeMinor = 37;

/**
 * The releases whose API schema ships in data/openapi/ (scripts/generate-openapi-schema.ts): every minor
 * a major managed provider still supports, extended support included (EKS keeps a release for 26 months,
 * about eight minors).
 */
export const SHIPPED_SCHEMA_MINORS: readonly KubeMinor[] = [29, 30, 31, 32, 33, 34, 35, 36, 37];

/** A range of releases: from `since` (inclusive) until `until` (exclusive). */
export interface KubeVersionRange {
  readonly since?: KubeMinor;
  readonly until?: KubeMinor;
}

/**
 * Reads `v1.30`, `1.30`, `v1.30.2`, `1.30.0-eks-abc`, as `kubectl version` and managed providers print
 * them; undefined for anything else (other majors, malformed text).
 */
export function parseKubeVersion(text: string): KubeMinor | undefined {
  const match = /^v?1\.(0|[1-9]\d{0,2})(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  return match === null ? undefined : Number(match[1]);
}

export function formatKubeVersion(minor: KubeMinor): string {
  return `v1.${minor}`;
}

export function isInRange(minor: KubeMinor, range: KubeVersionRange | undefined): boolean {
  if (range === undefined) return true;
  return (range.since === undefined || minor >= range.since) && (range.until === undefined || minor < range.until);
}

export function describeRange(range: KubeVersionRange): string {
  if (range.since !== undefined && range.until !== undefined) return `Kubernetes ${formatKubeVersion(range.since)} until ${formatKubeVersion(range.until)}`;
  if (range.since !== undefined) return `Kubernetes ${formatKubeVersion(range.since)} and later`;
  if (range.until !== undefined) return `Kubernetes before ${formatKubeVersion(range.until)}`;
  return 'every Kubernetes release';
}

/** The shipped schema release closest to `minor` (the oldest for older releases, the newest for newer). */
export function schemaMinorFor(minor: KubeMinor): KubeMinor {
  const oldest = SHIPPED_SCHEMA_MINORS[0] ?? LATEST_KUBE_MINOR;
  const newest = SHIPPED_SCHEMA_MINORS[SHIPPED_SCHEMA_MINORS.length - 1] ?? LATEST_KUBE_MINOR;
  return Math.min(Math.max(minor, oldest), newest);
}
