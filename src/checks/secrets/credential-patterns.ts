/**
 * What a literal credential looks like, as typed data: known token formats (recognised whatever
 * the key is called), the key names that announce a credential, and the values that are
 * clearly not one (placeholders, references). The detector in `detect.ts` is the only consumer;
 * a data test runs every format against its own examples.
 */

export interface KnownFormat {
  /** Stable id, kebab-case. */
  id: string;
  /** What it is, for messages: "AWS access key ID". */
  description: string;
  /** Finds the credential anywhere in a value. No flags: the detector combines every pattern into one expression. */
  pattern: RegExp;
  /** Synthetic values the pattern must find, and near misses it must not. */
  examples: { match: readonly string[]; noMatch: readonly string[] };
}

export const KNOWN_FORMATS: readonly KnownFormat[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/,
    examples: { match: ['AKIAZ7Q3MPLR4TNW2XYV', 'id=ASIA2QWERTYUIOPASDFG;'], noMatch: ['AKIA1234', 'akiaz7q3mplr4tnw2xyv', 'XAKIAZ7Q3MPLR4TNW2XYVQ'] },
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/,
    examples: {
      match: ['ghp_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae', 'ghs_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae', 'github_pat_11AZQ3VR80Kq7Lm2Nx7Tb4_Wc9Yd1Fh6Jp0Ks5Gu2AeQ'],
      noMatch: ['ghp_short', 'ghx_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae'],
    },
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access token',
    pattern: /\bglpat-[A-Za-z0-9_-]{20,}/,
    examples: { match: ['glpat-Zq3vR8kLm2Nx7Tb4Wc9Y'], noMatch: ['glpat-short'] },
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}/,
    examples: { match: ['xoxb-2048-4096-Zq3vR8kLm2Nx7Tb4', 'xoxp-1234567890-abcdefghij'], noMatch: ['xoxz-2048-4096-Zq3vR8kLm2', 'xoxb-short'] },
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}/,
    examples: { match: ['AIzaSyZq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu'], noMatch: ['AIzaShort'] },
  },
  {
    id: 'stripe-secret-key',
    description: 'Stripe secret key',
    pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}/,
    examples: { match: ['sk_live_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh'], noMatch: ['sk_test_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh', 'pk_live_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh'] },
  },
  {
    id: 'private-key',
    description: 'PEM private key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/,
    examples: {
      match: ['-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\nMIIE…', '-----BEGIN OPENSSH PRIVATE KEY-----', '-----BEGIN PGP PRIVATE KEY BLOCK-----'],
      noMatch: ['-----BEGIN CERTIFICATE-----', '-----BEGIN PUBLIC KEY-----'],
    },
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/,
    examples: {
      match: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXJ0In0.Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'],
      noMatch: ['eyJhbGciOiJIUzI1NiJ9', 'eyJ.eyJ.x'],
    },
  },
  {
    id: 'url-password',
    description: 'password in a URL',
    // scheme://user:password@host, where the password is not a $(VAR)/${VAR} reference.
    pattern: /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/]+:(?!\$[({])[^\s@/]{3,}@[^\s@]/,
    examples: {
      match: ['postgres://cart:Zq3vR8kLm2@db.shop.svc:5432/cart', 'amqp://user:s3cr3tpass@rabbit:5672'],
      noMatch: ['postgres://db.shop.svc:5432/cart', 'postgres://cart:$(DB_PASSWORD)@db:5432', 'https://user@example.com', 'redis://:${REDIS_PASSWORD}@redis:6379'],
    },
  },
];

/**
 * Words that announce a credential when they appear in a key name (split on `_`, `-`, `.` and
 * camelCase, lower-cased). Multi-word entries match consecutive words.
 */
export const CREDENTIAL_KEY_WORDS: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api key',
  'access key',
  'secret key',
  'private key',
  'signing key',
  'encryption key',
  'master key',
  'credential',
  'credentials',
  'auth',
  'bearer',
  'client secret',
  'connection string',
];

/**
 * Last words of a key name that describe something about a credential rather than the
 * credential itself (`PASSWORD_FILE`, `TOKEN_TTL`, `SECRET_NAME`): such keys are not reported.
 */
export const NON_VALUE_KEY_SUFFIXES: ReadonlySet<string> = new Set([
  'file',
  'path',
  'dir',
  'directory',
  'name',
  'ref',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'user',
  'username',
  'id',
  'ttl',
  'expiry',
  'expiration',
  'timeout',
  'length',
  'enabled',
  'enable',
  'disabled',
  'required',
  'mode',
  'type',
  'header',
  'policy',
  'version',
  'count',
  'size',
  'algorithm',
  'lifetime',
  'duration',
  'interval',
  'provider',
  'store',
  'source',
  'key id',
  'realm',
  'scope',
  'scopes',
  'issuer',
  'audience',
  'method',
  'methods',
  'strategy',
  'backend',
  'server',
  'domain',
  'prefix',
  'format',
  'level',
  'namespace',
]);

/** Values that are obviously not a real credential (compared case-insensitively, whole value). */
export const PLACEHOLDER_VALUES: readonly RegExp[] = [
  /^(?:change[-_ ]?me|changeit|password|passw0rd|secret|token|example|sample|dummy|fake|test|testing|none|null|nil|undefined|true|false|yes|no|on|off|todo|tbd|tbc|redacted|placeholder|default|empty|unset|notused|not-used|n\/a)$/i,
  /^(?:x+|\*+|\.+|-+|#+|0+)$/i,
  /^<[^>]*>$/,
  /^\[[^\]]*\]$/,
  /^%[^%]+%$/,
  /^(?:your|my|replace|insert|enter|put|fill)[-_ ]/i,
  // A placeholder word plus a generic suffix ("changeme-please", "example_token"); a random suffix makes it a real value.
  /^(?:placeholder|example|changeme|replace[-_]?me|dummy|sample)[-_ ]?(?:value|here|please|password|secret|token|key)?$/i,
];

/** Values that reference a credential kept elsewhere rather than holding it. */
export const REFERENCE_VALUES: readonly RegExp[] = [
  /^\$\([^)]+\)$/, // $(VAR): Kubernetes dependent variable
  /^\$\{[^}]+\}$/, // ${VAR}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /\{\{.*\}\}/, // unrendered template
  /^(?:vault|ref\+[a-z0-9]+|awssm|gcpsm|azkv|secretsmanager|ssm|op|sops|arn:aws:(?:secretsmanager|ssm)):/i,
  /^(?:\.{0,2}\/)[^\s]*$/, // a file path
];

/** Every problem with the tables; empty when they are sound. */
export function credentialPatternProblems(formats: readonly KnownFormat[] = KNOWN_FORMATS): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const format of formats) {
    const where = `format ${JSON.stringify(format.id)}`;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(format.id)) problems.push(`${where}: id must be kebab-case`);
    if (ids.has(format.id)) problems.push(`${where}: duplicate id`);
    ids.add(format.id);
    if (format.pattern.flags !== '') problems.push(`${where}: pattern must have no flags (the detector combines the patterns into one)`);
    if (format.examples.match.length === 0) problems.push(`${where}: no matching example`);
    for (const example of format.examples.match) if (!format.pattern.test(example)) problems.push(`${where}: does not find its example ${JSON.stringify(example)}`);
    for (const example of format.examples.noMatch) if (format.pattern.test(example)) problems.push(`${where}: finds its counter-example ${JSON.stringify(example)}`);
  }
  return problems;
}
