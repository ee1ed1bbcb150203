import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobCache } from './cache.js';
import { digestOf, verifyBytes, verifyingStream } from './digest.js';
import {
  MEDIA_TYPES, ManifestError, hostPlatform, parseDescriptor, parseImageConfig, parseManifestDocument, selectPlatform,
  type Descriptor, type ImageConfig, type ImageIndex, type ImageManifest, type Platform,
} from './manifest.js';
import { formatRegistryReference, parseImageReference, type ImageReference, type RegistryReference } from './reference.js';
import { RegistryClient, type Repository } from './registry/registry-client.js';
import { TarIndex } from './tar-index.js';

// One image, wherever it is: a registry, an OCI layout directory, an OCI archive or a `docker save`
// archive. Opening reads the manifest (picking the platform from an index) and the config; layers are
// opened one at a time as streams whose digest is checked as they are read.

export interface OpenImageOptions {
  readonly client?: RegistryClient;
  /** Where registry blobs are kept; none means every layer is fetched again. */
  readonly cache?: BlobCache;
  readonly platform?: Platform;
}

export interface OpenedImage {
  readonly reference: ImageReference;
  /** A name for reports: `registry/repo:tag`, `oci:DIR:TAG`. */
  readonly name: string;
  /** Digest of the image manifest (for a registry image, what `repo@digest` pins). */
  readonly digest: string;
  /** Digest of the index the manifest was chosen from, if any. */
  readonly indexDigest?: string;
  readonly manifest: ImageManifest;
  readonly config: ImageConfig;
  readonly configDigest: string;
  /** The repository, for a registry image (signatures live beside it). */
  readonly repository?: Repository;
  /** Layer `index` as stored (maybe compressed); fails at its end if the bytes do not match. */
  openLayer(index: number): Promise<Readable>;
}

interface BlobStore {
  root(): Promise<{ bytes: Buffer; digest: string; mediaType?: string }>;
  bytes(descriptor: Descriptor): Promise<Buffer>;
  stream(descriptor: Descriptor): Promise<Readable>;
}

export class ImageError extends Error {}

export async function openImage(reference: ImageReference | string, options: OpenImageOptions = {}): Promise<OpenedImage> {
  const parsed = typeof reference === 'string' ? parseImageReference(reference) : reference;
  const platform = options.platform ?? hostPlatform();
  switch (parsed.transport) {
    case 'docker': return openWith(parsed, registryStore(parsed, options.client ?? new RegistryClient(), options.cache), platform, { registry: parsed.registry, repository: parsed.repository });
    case 'oci': return openWith(parsed, await layoutStore(parsed.path, parsed.tag, directoryFiles(parsed.path)), platform);
    case 'oci-archive': {
      const index = await TarIndex.read(parsed.path);
      return openWith(parsed, await layoutStore(parsed.path, parsed.tag, archiveFiles(index)), platform);
    }
    case 'docker-archive': return openDockerArchive(parsed.path, parsed.reference, parsed);
  }
}

async function openWith(reference: ImageReference, store: BlobStore, platform: Platform, repository?: Repository): Promise<OpenedImage> {
  const root = await store.root();
  let document: ImageManifest | ImageIndex = parseManifestDocument(root.bytes, `manifest of ${reference.text}`, root.mediaType);
  let digest = root.digest;
  let indexDigest: string | undefined;
  for (let depth = 0; document.kind === 'index'; depth++) {
    if (depth > 4) throw new ManifestError(`${reference.text}: indexes nested too deep`);
    indexDigest ??= digest;
    const chosen = selectPlatform(document, platform, reference.text);
    const bytes = await store.bytes(chosen);
    digest = chosen.digest;
    document = parseManifestDocument(bytes, `manifest ${chosen.digest} of ${reference.text}`, chosen.mediaType);
  }
  const manifest = document;
  const configBytes = await store.bytes(manifest.config);
  const config = parseImageConfig(configBytes, `config of ${reference.text}`);
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new ManifestError(`${reference.text}: the manifest has ${manifest.layers.length} layers, the config ${config.rootfs.diff_ids.length} diff_ids`);
  }
  return {
    reference, name: nameOf(reference, digest), digest, manifest, config, configDigest: manifest.config.digest,
    ...(indexDigest === undefined ? {} : { indexDigest }),
    ...(repository === undefined ? {} : { repository }),
    openLayer: async (index) => {
      const layer = manifest.layers[index];
      if (layer === undefined) throw new ImageError(`${reference.text}: no layer ${index}`);
      return store.stream(layer);
    },
  };
}

function nameOf(reference: ImageReference, digest: string): string {
  if (reference.transport === 'docker') return formatRegistryReference(reference.digest === undefined ? { ...reference, digest } : reference);
  return reference.text;
}

function registryStore(reference: RegistryReference, client: RegistryClient, cache: BlobCache | undefined): BlobStore {
  const repository = { registry: reference.registry, repository: reference.repository };
  return {
    async root() {
      const cached = reference.digest === undefined ? undefined : await cache?.read(reference.digest);
      if (cached !== undefined && reference.digest !== undefined) return { bytes: cached, digest: reference.digest };
      const fetched = await client.manifest(repository, reference.digest ?? reference.tag ?? 'latest');
      await cache?.write(fetched.digest, fetched.bytes);
      return { bytes: fetched.bytes, digest: fetched.digest, mediaType: fetched.mediaType };
    },
    async bytes(descriptor) {
      const cached = await cache?.read(descriptor.digest);
      if (cached !== undefined) return cached;
      const bytes = isManifest(descriptor.mediaType) ? (await client.manifest(repository, descriptor.digest)).bytes : await client.blobBytes(repository, descriptor);
      await cache?.write(descriptor.digest, bytes);
      return bytes;
    },
    async stream(descriptor) {
      if (cache === undefined) return client.blob(repository, descriptor);
      if (!(await cache.has(descriptor.digest))) await cache.writeStream(descriptor.digest, await client.blob(repository, descriptor), descriptor.size);
      return cache.open(descriptor.digest).pipe(verifyingStream(descriptor.digest, `cached blob ${descriptor.digest}`, descriptor.size));
    },
  };
}

function isManifest(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerManifest || mediaType === MEDIA_TYPES.dockerList;
}

interface LayoutFiles {
  readonly where: string;
  read(name: string): Promise<Buffer>;
  open(name: string): Readable;
}

function directoryFiles(directory: string): LayoutFiles {
  return {
    where: directory,
    read: async (name) => readFile(join(directory, name)).catch((error: NodeJS.ErrnoException) => {
      throw new ImageError(`${join(directory, name)}: cannot read (${error.code ?? error.message})`);
    }),
    open: (name) => createReadStream(join(directory, name)),
  };
}

function archiveFiles(index: TarIndex): LayoutFiles {
  return { where: index.path, read: async (name) => index.bytes(name), open: (name) => index.open(name) };
}

function blobPath(digest: string): string {
  const [algorithm = '', hex = ''] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

/** An OCI image layout (https://github.com/opencontainers/image-spec/blob/main/image-layout.md). */
async function layoutStore(where: string, tag: string | undefined, files: LayoutFiles): Promise<BlobStore> {
  if (files === undefined) throw new ImageError(`${where}: no layout`);
  if (files.where === where) await stat(where).catch(() => {
    throw new ImageError(`${where}: no such OCI layout`);
  });
  const layout = JSON.parse((await files.read('oci-layout')).toString('utf8')) as { imageLayoutVersion?: unknown };
  if (typeof layout.imageLayoutVersion !== 'string') throw new ImageError(`${where}: oci-layout has no imageLayoutVersion`);
  const indexBytes = await files.read('index.json');
  const index = parseManifestDocument(indexBytes, `${where}/index.json`, MEDIA_TYPES.ociIndex);
  if (index.kind !== 'index') throw new ImageError(`${where}/index.json is not an image index`);
  const named = (entry: Descriptor): string | undefined => entry.annotations?.['org.opencontainers.image.ref.name'];
  const chosen = tag === undefined
    ? (index.manifests.length === 1 ? index.manifests[0] : undefined)
    : index.manifests.find((entry) => named(entry) === tag);
  if (chosen === undefined) {
    const names = index.manifests.map((entry) => named(entry) ?? entry.digest).join(', ');
    throw new ImageError(tag === undefined
      ? `${where}: the layout holds ${index.manifests.length} images; name one as oci:${where}:TAG (it has: ${names || 'none'})`
      : `${where}: no image tagged "${tag}" (it has: ${names || 'none'})`);
  }
  const bytes = async (descriptor: Descriptor): Promise<Buffer> => {
    const data = await files.read(blobPath(descriptor.digest));
    verifyBytes(data, descriptor.digest, `${where}/${blobPath(descriptor.digest)}`);
    return data;
  };
  return {
    root: async () => ({ bytes: await bytes(chosen), digest: chosen.digest, mediaType: chosen.mediaType }),
    bytes,
    stream: async (descriptor) => files.open(blobPath(descriptor.digest)).pipe(verifyingStream(descriptor.digest, `${where}/${blobPath(descriptor.digest)}`, descriptor.size)),
  };
}

/** `docker save` output: manifest.json lists each image's config and layer files (uncompressed tars). */
async function openDockerArchive(path: string, which: string | undefined, reference: ImageReference): Promise<OpenedImage> {
  const archive = await TarIndex.read(path);
  if (!archive.has('manifest.json')) throw new ImageError(`${path}: no manifest.json (not a docker-archive; an OCI layout tar is oci-archive:${path})`);
  const entries = JSON.parse((await archive.bytes('manifest.json')).toString('utf8')) as unknown;
  if (!Array.isArray(entries) || entries.length === 0) throw new ImageError(`${path}: manifest.json lists no image`);
  const images = entries as { Config?: unknown; RepoTags?: unknown; Layers?: unknown }[];
  let image: (typeof images)[number] | undefined;
  if (which === undefined) image = images.length === 1 ? images[0] : undefined;
  else if (which.startsWith('@')) image = images[Number(which.slice(1))];
  else image = images.find((entry) => Array.isArray(entry.RepoTags) && entry.RepoTags.includes(which));
  if (image === undefined) throw new ImageError(`${path}: ${which === undefined ? `the archive holds ${images.length} images; name one as docker-archive:${path}:REPO:TAG or :@N` : `no image "${which}"`}`);
  if (typeof image.Config !== 'string' || !Array.isArray(image.Layers) || !image.Layers.every((layer) => typeof layer === 'string')) {
    throw new ImageError(`${path}: manifest.json entry without Config and Layers`);
  }
  const configBytes = await archive.bytes(image.Config);
  const config = parseImageConfig(configBytes, `${path}/${image.Config}`);
  const layerFiles = image.Layers as string[];
  if (config.rootfs.diff_ids.length !== layerFiles.length) throw new ManifestError(`${path}: ${layerFiles.length} layers, the config has ${config.rootfs.diff_ids.length} diff_ids`);
  const layers = layerFiles.map((file, i) => {
    const addressed = /^blobs\/(sha256)\/([a-f0-9]{64})$/.exec(file);
    const digest = addressed === null ? config.rootfs.diff_ids[i] ?? '' : `${addressed[1]}:${addressed[2]}`;
    return parseDescriptor({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar', digest, size: archive.entry(file)?.size ?? 0 }, `${path}/${file}`);
  });
  const configDigest = digestOf(configBytes);
  const manifest: ImageManifest = { kind: 'manifest', mediaType: MEDIA_TYPES.dockerManifest, config: { mediaType: MEDIA_TYPES.dockerConfig, digest: configDigest, size: configBytes.length }, layers };
  return {
    reference, name: reference.text, digest: configDigest, manifest, config, configDigest,
    openLayer: async (index) => {
      const file = layerFiles[index];
      const layer = layers[index];
      if (file === undefined || layer === undefined) throw new ImageError(`${path}: no layer ${index}`);
      if (!archive.has(file)) throw new ImageError(`${path}: layer file "${file}" is missing`);
      return archive.open(file).pipe(verifyingStream(layer.digest, `${path}/${file}`, layer.size));
    },
  };
}
