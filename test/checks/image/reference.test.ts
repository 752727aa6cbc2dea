import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../src/checks/image/reference.js';
import { allowListMatcher } from '../../../src/checks/image/registry-not-allowed.js';

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['team/app:2', 'docker.io', 'team/app', '2', undefined],
    ['index.docker.io/team/app', 'docker.io', 'team/app', undefined, undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['Registry.Example.com:5000/shop/cart:2.4.1', 'registry.example.com:5000', 'shop/cart', '2.4.1', undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['ghcr.io/org/app@sha256:abc', 'ghcr.io', 'org/app', undefined, 'sha256:abc'],
    ['ghcr.io/org/app:1.0@sha256:abc', 'ghcr.io', 'org/app', '1.0', 'sha256:abc'],
  ])('%s', (raw, registry, repository, tag, digest) => {
    expect(parseImageReference(raw)).toEqual({ raw, registry, repository, tag, digest });
  });

  it('skips empty and templated values', () => {
    expect(parseImageReference('')).toBeUndefined();
    expect(parseImageReference('{{ .Values.image }}')).toBeUndefined();
    expect(parseImageReference('$(IMAGE)')).toBeUndefined();
  });

  it('matches allow-list entries by registry and repository prefix', () => {
    expect(allowListMatcher('ghcr.io/example-org').test('ghcr.io/example-org/api')).toBe(true);
    expect(allowListMatcher('ghcr.io/example-org').test('ghcr.io/example-organisation/api')).toBe(false);
    expect(allowListMatcher('index.docker.io/').test('docker.io/library/nginx')).toBe(true);
    expect(allowListMatcher('bitnami').test('docker.io/bitnami/redis')).toBe(true);
    expect(allowListMatcher('*.dkr.ecr.eu-west-1.amazonaws.com').test('123.dkr.ecr.eu-west-1.amazonaws.com/app')).toBe(true);
    expect(allowListMatcher('*.dkr.ecr.eu-west-1.amazonaws.com').test('evil.com/x.dkr.ecr.eu-west-1.amazonaws.com/app')).toBe(false);
    expect(allowListMatcher('registry.example.com').test('registry.example.com.evil.io/app')).toBe(false);
  });
});
