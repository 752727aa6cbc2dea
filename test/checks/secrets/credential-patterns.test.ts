import { describe, expect, it } from 'vitest';
import { KNOWN_FORMATS, credentialPatternProblems, type KnownFormat } from '../../../src/checks/secrets/credential-patterns.js';
import {
  DEFAULT_DETECTOR_OPTIONS,
  detectInArguments,
  detectInText,
  detectInValue,
  isCredentialKey,
  keyWords,
  maskValue,
  shannonEntropy,
} from '../../../src/checks/secrets/detect.js';

describe('credential pattern tables', () => {
  it('are sound: every format finds its examples and none of its counter-examples', () => {
    expect(credentialPatternProblems()).toEqual([]);
  });

  it('cover the formats the issue names', () => {
    expect(KNOWN_FORMATS.map((f) => f.id)).toEqual(expect.arrayContaining(['aws-access-key-id', 'github-token', 'slack-token', 'private-key', 'jwt']));
  });

  it('reject a broken table with every problem named', () => {
    const broken: KnownFormat[] = [
      { id: 'Bad', description: 'x', pattern: /abc/g, examples: { match: [], noMatch: [] } },
      { id: 'dup', description: 'x', pattern: /abc/, examples: { match: ['xyz'], noMatch: ['abc'] } },
      { id: 'dup', description: 'x', pattern: /abc/, examples: { match: ['abc'], noMatch: [] } },
    ];
    expect(credentialPatternProblems(broken)).toEqual([
      'format "Bad": id must be kebab-case',
      'format "Bad": pattern must have no flags (the detector combines the patterns into one)',
      'format "Bad": no matching example',
      'format "dup": does not find its example "xyz"',
      'format "dup": finds its counter-example "abc"',
      'format "dup": duplicate id',
    ]);
  });
});

describe('detector', () => {
  const options = DEFAULT_DETECTOR_OPTIONS;

  it('splits key names into words', () => {
    expect(keyWords('dbPassword')).toEqual(['db', 'password']);
    expect(keyWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(keyWords('spring.datasource.password')).toEqual(['spring', 'datasource', 'password']);
    expect(keyWords('AWSSecretKey')).toEqual(['aws', 'secret', 'key']);
  });

  it.each([
    ['DB_PASSWORD', true],
    ['apiKey', true],
    ['STRIPE_API_KEY', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['client_secret', true],
    ['GITHUB_TOKEN', true],
    ['PASSWORD_FILE', false],
    ['TOKEN_TTL', false],
    ['SECRET_NAME', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['BYPASS_CACHE', false],
    ['AUTHOR', false],
    ['LOG_LEVEL', false],
    ['KEYCLOAK_AUTH_REALM', false],
    ['OAUTH_CLIENT_ID', false],
  ])('key %s is credential-like: %s', (key, expected) => {
    expect(isCredentialKey(key)).toBe(expected);
  });

  it.each([
    ['DB_PASSWORD', 'Zq3vR8kLm2', 'credentialKey'],
    ['DB_PASSWORD', 'password123', 'credentialKey'],
    ['ANYTHING', 'AKIAZ7Q3MPLR4TNW2XYV', 'knownFormat'],
    ['DATABASE_URL', 'postgres://cart:Zq3vR8kLm2@db:5432/cart', 'knownFormat'],
  ])('%s=%s is reported (%s)', (key, value, reason) => {
    expect(detectInValue(key, value, options)?.reason).toBe(reason);
  });

  it.each([
    ['DB_PASSWORD', ''],
    ['DB_PASSWORD', 'changeme'],
    ['DB_PASSWORD', '<password>'],
    ['DB_PASSWORD', 'xxxxxxxx'],
    ['DB_PASSWORD', '$(DB_PASSWORD)'],
    ['DB_PASSWORD', '${DB_PASSWORD}'],
    ['DB_PASSWORD', '/var/run/secrets/db/password'],
    ['DB_PASSWORD', 'vault:secret/data/db#password'],
    ['AUTH_SERVER', 'https://auth.example.com/realms/shop'],
    ['TOKEN_REFRESH_SECONDS', '3600'],
    ['DB_PASSWORD', 'aaaaaaaaaa'],
    ['DB_PASSWORD', 'abc'],
    ['DATABASE_URL', 'postgres://db.shop.svc:5432/cart'],
    ['GREETING', 'Zq3vR8kLm2Nx7Tb4'],
  ])('%s=%s is not reported', (key, value) => {
    expect(detectInValue(key, value, options)).toBeUndefined();
  });

  it('finds credential lines in configuration files', () => {
    expect(detectInText('spring.datasource.url=jdbc:postgresql://db/shop\nspring.datasource.password=Zq3vR8kLm2\n', options)).toMatchObject({ key: 'spring.datasource.password' });
    expect(detectInText('db:\n  host: db\n  password: "Zq3vR8kLm2" # prod\n', options)).toMatchObject({ key: 'password' });
    expect(detectInText('{"apiKey": "Zq3vR8kLm2Nx7Tb4",\n"x": 1}', options)).toMatchObject({ key: 'apiKey' });
    expect(detectInText('password: ${DB_PASSWORD}\ntoken_file: /var/run/token\n', options)).toBeUndefined();
  });

  it('finds credentials in command lines', () => {
    expect(detectInArguments(['--user=cart', '--password=Zq3vR8kLm2'], options).map((f) => f.index)).toEqual([1]);
    expect(detectInArguments(['--password', 'Zq3vR8kLm2'], options).map((f) => f.index)).toEqual([1]);
    expect(detectInArguments(['sh', '-c', 'DB_PASSWORD=Zq3vR8kLm2 ./run'], options).map((f) => f.index)).toEqual([2]);
    expect(detectInArguments(['--password-file', '/var/run/secrets/db/password', '--token=$(TOKEN)'], options)).toEqual([]);
  });

  it('masks values to at most two characters and the length', () => {
    expect(maskValue('ghp_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae')).toBe('gh…(40 chars)');
    expect(maskValue('Zq3vR8kLm2')).toBe('…(10 chars)');
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
