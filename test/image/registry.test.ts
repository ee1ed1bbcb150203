import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Readable } from 'node:stream';
import { BlobCache } from '../../src/image/cache.js';
import { DigestMismatchError } from '../../src/image/digest.js';
import { openImage } from '../../src/image/open-image.js';
import { CredentialStore } from '../../src/image/registry/credentials.js';
import { RegistryClient } from '../../src/image/registry/registry-client.js';
import { buildImage, buildIndex, pushImage, writeLayout, type BuiltImage } from '../../testing/oci-builder.js';
import { PASSWORD, USERNAME, registryBinary, startRegistry, type TestRegistry } from '../../testing/registry-server.js';

// The registry client and image opening against Debian's docker-registry on loopback: plain HTTP, then
// TLS with token auth; images built here, pushed over the distribution API, read back and verified.

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const hasRegistry = existsSync(registryBinary());
// CI installs the registry (.ci/run), so there a missing binary fails the tests instead of skipping them.
const skip = hasRegistry || process.env['CI'] !== undefined ? false : `${registryBinary()} is missing (.ci/run installs Debian's docker-registry)`;

describe('registry client on a real registry (plain HTTP)', { skip }, () => {
  let registry: TestRegistry;
  let work: string;
  let amd64: BuiltImage;
  let arm64: BuiltImage;
  let client: RegistryClient;

  before(async () => {
    registry = await startRegistry();
    work = await mkdtemp(join(tmpdir(), 'kubeward-image-test-'));
    client = new RegistryClient({ plainHttp: [registry.host] });
    amd64 = await buildImage({ layers: [[{ path: 'etc/os-release', content: 'ID=test\n' }], [{ path: 'app/hello.txt', content: 'hello amd64\n' }]], config: { User: '1000' } });
    arm64 = await buildImage({ layers: [[{ path: 'app/hello.txt', content: 'hello arm64\n' }]], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    await pushImage(client, { registry: registry.host, repository: 'test/app' }, '1.0', amd64);
    await pushImage(client, { registry: registry.host, repository: 'test/multi' }, 'latest', { index: buildIndex([amd64, arm64]), images: [amd64, arm64] });
  });
  after(async () => {
    await registry?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('pulls a pushed image: manifest, config, layers verified, blobs kept in the cache by digest', async () => {
    const cache = new BlobCache(join(work, 'cache'));
    const image = await openImage(`docker://${registry.host}/test/app:1.0`, { client, cache });
    assert.equal(image.digest, amd64.manifest.descriptor.digest);
    assert.equal(image.name, `${registry.host}/test/app:1.0@${amd64.manifest.descriptor.digest}`);
    assert.equal(image.config.config.User, '1000');
    assert.deepEqual(image.config.rootfs.diff_ids, amd64.diffIds);
    assert.deepEqual(await bytesOf(await image.openLayer(1)), amd64.layers[1]?.bytes);
    assert.ok(await cache.has(amd64.layers[1]?.descriptor.digest ?? ''));
    assert.ok(await cache.has(amd64.config.descriptor.digest));
    // A plain REF is a registry reference too, and a digest reference is served from the cache.
    const again = await openImage(`${registry.host}/test/app@${amd64.manifest.descriptor.digest}`, { client: new RegistryClient({ plainHttp: [] }), cache });
    assert.equal(again.config.config.User, '1000');
  });

  it('resolves a tag to its digest', async () => {
    assert.equal(await client.resolve({ registry: registry.host, repository: 'test/app' }, '1.0'), amd64.manifest.descriptor.digest);
  });

  it('picks the platform from an index, and names the platforms it has when none matches', async () => {
    const image = await openImage(`${registry.host}/test/multi:latest`, { client, platform: { os: 'linux', architecture: 'arm64' } });
    assert.equal(image.digest, arm64.manifest.descriptor.digest);
    assert.ok(image.indexDigest?.startsWith('sha256:'));
    assert.equal((await bytesOf(await image.openLayer(0))).length, arm64.layers[0]?.descriptor.size);
    await assert.rejects(openImage(`${registry.host}/test/multi:latest`, { client, platform: { os: 'linux', architecture: 's390x' } }),
      /no image for linux\/s390x in the index \(it has: linux\/amd64, linux\/arm64\/v8\)/);
  });

  it('refuses a cached blob whose bytes were changed, and fetches it again', async () => {
    const cache = new BlobCache(join(work, 'cache-tampered'));
    const layer = amd64.layers[0]?.descriptor.digest ?? '';
    await openImage(`${registry.host}/test/app:1.0`, { client, cache });
    await writeFile(cache.pathOf(amd64.config.descriptor.digest), '{"tampered":true}');
    const image = await openImage(`${registry.host}/test/app:1.0`, { client, cache });
    assert.equal(image.config.config.User, '1000');
    await writeFile(cache.pathOf(layer), 'not the layer');
    await assert.rejects(bytesOf(await image.openLayer(0)), DigestMismatchError);
  });

  it('reports a missing tag with the registry\'s error code', async () => {
    await assert.rejects(openImage(`${registry.host}/test/app:nope`, { client }), /HTTP 404: MANIFEST_UNKNOWN/);
  });

  it('reads an OCI layout, and fails on a layer whose bytes do not match its digest', async () => {
    const layout = join(work, 'layout');
    await writeLayout(layout, [{ tag: 'v1', image: amd64 }, { tag: 'multi', image: { index: buildIndex([amd64, arm64]), images: [amd64, arm64] } }]);
    const image = await openImage(`oci:${layout}:v1`);
    assert.equal(image.digest, amd64.manifest.descriptor.digest);
    assert.deepEqual(await bytesOf(await image.openLayer(0)), amd64.layers[0]?.bytes);
    const chosen = await openImage(`oci:${layout}:multi`, { platform: { os: 'linux', architecture: 'arm64' } });
    assert.equal(chosen.digest, arm64.manifest.descriptor.digest);
    await assert.rejects(openImage(`oci:${layout}`), /holds 2 images; name one as oci:.*:TAG \(it has: v1, multi\)/);
    await assert.rejects(openImage(`oci:${layout}:v2`), /no image tagged "v2"/);
    const digest = amd64.layers[0]?.descriptor.digest.slice('sha256:'.length) ?? '';
    const original = await readFile(join(layout, 'blobs', 'sha256', digest));
    await writeFile(join(layout, 'blobs', 'sha256', digest), Buffer.concat([original.subarray(0, -1), Buffer.from([original.at(-1) === 0 ? 1 : 0])]));
    await assert.rejects(bytesOf(await image.openLayer(0)), /content has digest sha256:[0-9a-f]{64}, expected sha256:/);
  });

  const skopeo = spawnSync('skopeo', ['--version']).status === 0 || process.env['CI'] !== undefined;
  it('reads what skopeo writes: oci-archive and docker-archive copies of the registry image', { skip: skopeo ? false : 'skopeo is missing (.ci/run installs it)' }, async () => {
    for (const transport of ['oci-archive', 'docker-archive'] as const) {
      const file = join(work, `${transport}.tar`);
      const copy = spawnSync('skopeo', ['copy', '--src-tls-verify=false', '--insecure-policy', `docker://${registry.host}/test/app:1.0`, `${transport}:${file}${transport === 'docker-archive' ? ':test/app:1.0' : ':v1'}`], { encoding: 'utf8' });
      assert.equal(copy.status, 0, copy.stderr);
      const image = await openImage(`${transport}:${file}`);
      assert.equal(image.config.config.User, '1000', transport);
      assert.deepEqual(image.config.rootfs.diff_ids, amd64.diffIds, transport);
      const layer = await bytesOf(await image.openLayer(1));
      assert.ok(layer.length > 0, transport);
    }
  });
});

describe('registry client with TLS and token auth', { skip }, () => {
  let registry: TestRegistry;
  let work: string;
  let image: BuiltImage;

  before(async () => {
    registry = await startRegistry({ tls: true });
    work = await mkdtemp(join(tmpdir(), 'kubeward-image-tls-'));
    image = await buildImage({ layers: [[{ path: 'app/secret-free.txt', content: 'x' }]], config: { User: 'nobody' } });
  });
  after(async () => {
    await registry?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('gets a bearer token with the credentials of a Docker config file, then pushes and pulls', async () => {
    const credentials = new CredentialStore();
    const config = join(work, 'config.json');
    await writeFile(config, JSON.stringify({ auths: { [`https://${registry.host}`]: { auth: Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64') } } }));
    credentials.addDockerConfigFile(config, true);
    const client = new RegistryClient({ credentials, http: { ca: [registry.ca ?? ''] } });
    await pushImage(client, { registry: registry.host, repository: 'private/app' }, 'v1', image);
    const opened = await openImage(`docker://${registry.host}/private/app:v1`, { client });
    assert.equal(opened.config.config.User, 'nobody');
    assert.ok(registry.tokenRequests.some((request) => request.authenticated && request.scope === 'repository:private/app:pull'));
  });

  it('uses the credentials of an imagePullSecret', async () => {
    const credentials = new CredentialStore();
    const dockerconfigjson = JSON.stringify({ auths: { [registry.host]: { username: USERNAME, password: PASSWORD } } });
    credentials.addPullSecret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(dockerconfigjson).toString('base64') } }, 'Secret default/pull');
    const opened = await openImage(`${registry.host}/private/app:v1`, { client: new RegistryClient({ credentials, http: { ca: [registry.ca ?? ''] } }) });
    assert.equal(opened.config.config.User, 'nobody');
  });

  it('is refused without credentials, with a message that never shows them', async () => {
    const anonymous = new RegistryClient({ http: { ca: [registry.ca ?? ''] } });
    await assert.rejects(openImage(`${registry.host}/private/app:v1`, { client: anonymous }), /HTTP 401: UNAUTHORIZED .*check the credentials/);
    const credentials = new CredentialStore();
    credentials.add(registry.host, { username: USERNAME, password: 'wrong-password-xyz' });
    await assert.rejects(openImage(`${registry.host}/private/app:v1`, { client: new RegistryClient({ credentials, http: { ca: [registry.ca ?? ''] } }) }),
      (error: Error) => /token for repository:private\/app:pull .*HTTP 401/.test(error.message) && !error.message.includes('wrong-password-xyz'));
  });

  it('refuses a certificate it cannot verify', async () => {
    await assert.rejects(openImage(`${registry.host}/private/app:v1`, { client: new RegistryClient() }), /certificate/);
  });
});
