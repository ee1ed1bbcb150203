import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isImageAllowed, parseImageReference } from './image-reference.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it('normalizes Docker Hub names', () => {
    assert.deepEqual(parseImageReference('nginx'), { registry: 'docker.io', repository: 'library/nginx' });
    assert.deepEqual(parseImageReference('nginx:1.27'), { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' });
    assert.deepEqual(parseImageReference('bitnami/redis:7'), { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' });
    assert.deepEqual(parseImageReference('index.docker.io/library/nginx'), { registry: 'docker.io', repository: 'library/nginx' });
  });
  it('recognizes registries by a dot, a port or localhost', () => {
    assert.deepEqual(parseImageReference('ghcr.io/org/app:v1'), { registry: 'ghcr.io', repository: 'org/app', tag: 'v1' });
    assert.deepEqual(parseImageReference('localhost:5000/app'), { registry: 'localhost:5000', repository: 'app' });
    assert.deepEqual(parseImageReference('localhost/app:dev'), { registry: 'localhost', repository: 'app', tag: 'dev' });
  });
  it('reads digests, with or without a tag', () => {
    assert.deepEqual(parseImageReference(`ghcr.io/org/app@${DIGEST}`), { registry: 'ghcr.io', repository: 'org/app', digest: DIGEST });
    assert.deepEqual(parseImageReference(`nginx:1.27@${DIGEST}`), { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: DIGEST });
  });
  it('rejects templates and empty values', () => {
    for (const image of ['', '{{ .Values.image }}', '${IMAGE}', 'nginx:']) assert.equal(parseImageReference(image), undefined, image);
  });

  it('a malformed digest is kept apart: the reference is not pinned', () => {
    assert.deepEqual(parseImageReference('nginx@sha256:abc'), { registry: 'docker.io', repository: 'library/nginx', malformedDigest: { text: 'sha256:abc', problem: 'sha256 has 64 hex digits, not 3' } });
  });
});

describe('isImageAllowed', () => {
  const ref = (image: string) => {
    const parsed = parseImageReference(image);
    assert.ok(parsed !== undefined);
    return parsed;
  };
  it('matches hosts, repository prefixes on whole components, and host wildcards', () => {
    assert.equal(isImageAllowed(ref('registry.example.com/team/app:1'), ['registry.example.com']), true);
    assert.equal(isImageAllowed(ref('ghcr.io/my-org/app:1'), ['ghcr.io/my-org']), true);
    assert.equal(isImageAllowed(ref('ghcr.io/my-org-evil/app:1'), ['ghcr.io/my-org']), false);
    assert.equal(isImageAllowed(ref('123.dkr.ecr.eu-west-1.amazonaws.com/app:1'), ['*.dkr.ecr.eu-west-1.amazonaws.com']), true);
    assert.equal(isImageAllowed(ref('evil.com/dkr.ecr.eu-west-1.amazonaws.com:1'), ['*.dkr.ecr.eu-west-1.amazonaws.com']), false);
    assert.equal(isImageAllowed(ref('nginx:1.27'), ['docker.io/library']), true);
    assert.equal(isImageAllowed(ref('nginx:1.27'), ['index.docker.io']), true);
    assert.equal(isImageAllowed(ref('registry.example.com.evil.io/app'), ['registry.example.com']), false);
  });
});
