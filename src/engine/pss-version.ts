// Pod Security Standards policy versions, as PSA parses them (`v1.N` or `latest`).
// `latest` is the newest version the upstream fixtures cover (pod-security-admission, newestMinorVersionToTest = 37).
export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

/** Minor version of Kubernetes 1.x; `latest` resolves to LATEST_PSS_MINOR. */
export type PssVersion = number;
export const LATEST_PSS_MINOR = 37;

export function parsePssVersion(text: string): PssVersion | undefined {
  if (text === 'latest') return LATEST_PSS_MINOR;
  const match = /^v1\.(0|[1-9]\d*)$/.exec(text);
  if (match?.[1] === undefined) return undefined;
  // PSA clamps versions newer than it knows to latest.
  return Math.min(Number(match[1]), LATEST_PSS_MINOR);
}

/**
 * A version a user asks for (--pss-version, defaults.pssVersion): as parsePssVersion, but a version
 * newer than kubeward knows is refused rather than clamped, since what it asks for cannot be checked.
 */
export function parseRequestedPssVersion(text: string): PssVersion | undefined {
  const match = /^v1\.(0|[1-9]\d*)$/.exec(text);
  if (match?.[1] !== undefined && Number(match[1]) > LATEST_PSS_MINOR) return undefined;
  return parsePssVersion(text);
}

/** Why a requested version is refused, for messages. */
export const PSS_VERSION_EXPECTED = `latest or v1.0 ... v1.${LATEST_PSS_MINOR}`;

export function formatPssVersion(version: PssVersion): string {
  return `v1.${version}`;
}

export function parsePssLevel(text: string): PssLevel | undefined {
  return (PSS_LEVELS as readonly string[]).includes(text) ? (text as PssLevel) : undefined;
}
