import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenges, CredentialStore } from '../../src/image/registry/credentials.js';
import { formatRegistryReference, parseImageReference } from '../../src/image/reference.js';
import { parsePlatform, selectPlatform, type ImageIndex } from '../../src/image/manifest.js';

describe('image references (skopeo transports)', () => {
  it('reads Docker references with Docker Hub defaults', () => {
    assert.deepEqual(parseImageReference('nginx'), { transport: 'docker', registry: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest', text: 'nginx' });
    assert.deepEqual(parseImageReference('docker://ghcr.io/org/app:1.2@sha256:' + 'a'.repeat(64)), {
      transport: 'docker', registry: 'ghcr.io', repository: 'org/app', tag: '1.2', digest: `sha256:${'a'.repeat(64)}`, text: `ghcr.io/org/app:1.2@sha256:${'a'.repeat(64)}`,
    });
    const local = parseImageReference('localhost:5000/team/app');
    assert.ok(local.transport === 'docker' && local.registry === 'localhost:5000' && local.repository === 'team/app' && local.tag === 'latest');
    const user = parseImageReference('bitnami/redis:7');
    assert.ok(user.transport === 'docker' && user.registry === 'registry-1.docker.io' && user.repository === 'bitnami/redis');
    assert.equal(user.transport === 'docker' ? formatRegistryReference(user) : '', 'docker.io/bitnami/redis:7');
  });

  it('reads layouts and archives, the path ending at the first colon', () => {
    assert.deepEqual(parseImageReference('oci:/tmp/layout:v1'), { transport: 'oci', path: '/tmp/layout', tag: 'v1', text: 'oci:/tmp/layout:v1' });
    assert.deepEqual(parseImageReference('oci:./layout'), { transport: 'oci', path: './layout', text: 'oci:./layout' });
    assert.deepEqual(parseImageReference('oci-archive:image.tar'), { transport: 'oci-archive', path: 'image.tar', text: 'oci-archive:image.tar' });
    assert.deepEqual(parseImageReference('docker-archive:save.tar:app:1.0'), { transport: 'docker-archive', path: 'save.tar', reference: 'app:1.0', text: 'docker-archive:save.tar:app:1.0' });
  });

  it('rejects malformed references with the reason', () => {
    assert.throws(() => parseImageReference('Docker.io/Nginx'), /"Nginx" is not a valid repository name component/);
    assert.throws(() => parseImageReference('app@sha256:abc'), /is not a digest/);
    assert.throws(() => parseImageReference('docker:nginx'), /docker:\/\/REFERENCE/);
    assert.throws(() => parseImageReference('oci:'), /no path/);
    assert.throws(() => parseImageReference('app:bad tag'), /not a valid tag/);
  });
});

describe('registry credentials', () => {
  it('reads Docker config entries by host, Docker Hub under its legacy key', () => {
    const store = new CredentialStore();
    store.addDockerConfig(JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hub-user:hub-pass').toString('base64') },
        'registry.example.com:5000': { username: 'u', password: 'p' },
        'token.example.com': { identitytoken: 'refresh' },
        'empty.example.com': {},
      },
      credsStore: 'desktop',
    }), 'config.json');
    assert.deepEqual(store.lookup('registry-1.docker.io'), { username: 'hub-user', password: 'hub-pass' });
    assert.deepEqual(store.lookup('registry.example.com:5000'), { username: 'u', password: 'p' });
    assert.deepEqual(store.lookup('token.example.com'), { identityToken: 'refresh' });
    assert.equal(store.lookup('empty.example.com'), undefined);
    assert.equal(store.lookup('other.example.com'), undefined);
  });

  it('reads legacy .dockercfg Secrets and names what is wrong with a bad one', () => {
    const store = new CredentialStore();
    store.addPullSecret({ data: { '.dockercfg': Buffer.from(JSON.stringify({ 'quay.io': { auth: Buffer.from('q:w').toString('base64') } })).toString('base64') } }, 'Secret ns/legacy');
    assert.deepEqual(store.lookup('quay.io'), { username: 'q', password: 'w' });
    assert.throws(() => store.addPullSecret({ data: { token: 'x' } }, 'Secret ns/opaque'), /Secret ns\/opaque: not a docker registry Secret/);
    assert.throws(() => store.addDockerConfig('{"auths":{"h":{"auth":"bm9jb2xvbg=="}}}', 'cfg.json'), /cfg.json: entry "h": "auth" is not base64 of USER:PASSWORD/);
    assert.throws(() => store.addDockerConfigFile('/nonexistent/config.json', true), /\/nonexistent\/config.json: cannot read registry credentials \(ENOENT\)/);
  });

  it('parses WWW-Authenticate challenges', () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"'), [
      { scheme: 'bearer', parameters: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull,push' } },
    ]);
    assert.deepEqual(parseChallenges('Basic realm="Registry Realm"'), [{ scheme: 'basic', parameters: { realm: 'Registry Realm' } }]);
  });
});

describe('platform selection', () => {
  const index: ImageIndex = {
    kind: 'index', mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [
      { mediaType: 'm', digest: 'sha256:1', size: 1, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: 'm', digest: 'sha256:2', size: 1, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
      { mediaType: 'm', digest: 'sha256:3', size: 1, platform: { os: 'linux', architecture: 'arm64' } },
      { mediaType: 'm', digest: 'sha256:4', size: 1, platform: { os: 'unknown', architecture: 'unknown' } },
    ],
  };
  it('matches os, architecture and variant (arm64 without variant is v8)', () => {
    assert.equal(selectPlatform(index, parsePlatform('linux/arm64/v8'), 'x').digest, 'sha256:3');
    assert.equal(selectPlatform(index, parsePlatform('linux/arm/v7'), 'x').digest, 'sha256:2');
    assert.throws(() => selectPlatform(index, parsePlatform('linux/arm/v6'), 'x'), /no image for linux\/arm\/v6/);
    assert.throws(() => parsePlatform('linux'), /not a platform/);
  });
});
