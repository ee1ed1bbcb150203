// Known credential formats. Each pattern is written from the issuer's published token format
// (prefixes such as AKIA, ghp_, xoxb-, AIza, sk_live_); a match is strong evidence on its own.
// Detectors never return the matched text: callers only learn which kind of credential was seen.

export interface CredentialDetector {
  readonly id: string;
  /** Noun phrase used in messages, e.g. `an AWS access key id`. */
  readonly description: string;
  readonly pattern: RegExp;
  /** Every match contains one of these: texts holding none of them skip the pattern. */
  readonly hints: readonly string[];
}

export const CREDENTIAL_DETECTORS: readonly CredentialDetector[] = [
  {
    id: 'private-key',
    description: 'a PEM private key',
    pattern: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/,
    hints: ['PRIVATE KEY'],
  },
  // AWS access key ids: 20 upper-case characters with a documented 4-letter prefix (AKIA long-term, ASIA temporary).
  { id: 'aws-access-key-id', description: 'an AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])/, hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'ANVA', 'AIPA'] },
  // GitHub: classic tokens `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 base62 characters; fine-grained `github_pat_`.
  { id: 'github-token', description: 'a GitHub token', pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,})(?![A-Za-z0-9_])/, hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  { id: 'gitlab-token', description: 'a GitLab personal access token', pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/, hints: ['glpat-'] },
  { id: 'slack-token', description: 'a Slack token', pattern: /(?<![A-Za-z0-9])xox[abposr]-(?:[0-9A-Za-z]+-){1,4}[0-9A-Za-z]{6,}/, hints: ['xox'] },
  { id: 'slack-webhook', description: 'a Slack incoming webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_/-]{20,}/, hints: ['https://hooks.slack.com/'] },
  // Google API keys: `AIza` + 35 characters of [0-9A-Za-z_-].
  { id: 'google-api-key', description: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/, hints: ['AIza'] },
  { id: 'stripe-key', description: 'a Stripe secret key', pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}(?![A-Za-z0-9])/, hints: ['_live_', '_test_'] },
  { id: 'npm-token', description: 'an npm access token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, hints: ['npm_'] },
  // A JSON Web Token: three base64url parts; the first two decode to JSON objects, so both start with `eyJ` (`{"`).
  { id: 'jwt', description: 'a JSON Web Token', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, hints: ['eyJ'] },
  // `scheme://user:password@host`: a password embedded in a connection string. Every part is bounded and
// the scheme must start a word, so a long run of letters cannot make the match quadratic.
  { id: 'url-credentials', description: 'a URL with an embedded password', pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:/@]{1,256}:[^\s:/@${}<>]{3,256}@[^\s/]/, hints: ['@'] },
];

/** The first known credential format found in `text`, or undefined. */
export function detectKnownCredential(text: string): CredentialDetector | undefined {
  return CREDENTIAL_DETECTORS.find((detector) => detector.hints.some((hint) => text.includes(hint)) && detector.pattern.test(text));
}
