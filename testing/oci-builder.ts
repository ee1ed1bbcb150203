import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { digestOf } from '../src/image/digest.js';
import { MEDIA_TYPES, type Descriptor, type Platform } from '../src/image/manifest.js';
import type { RegistryClient, Repository } from '../src/image/registry/registry-client.js';

// A small OCI image writer for tests: layers as real tar(+gzip) files, a config, a manifest, an index;
// written as an OCI image layout or pushed to a registry through the distribution API.

export interface LayerFile {
  readonly path: string;
  readonly content?: string | Buffer;
  readonly mode?: number;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly linkname?: string;
}

export interface Blob {
  readonly descriptor: Descriptor;
  readonly bytes: Buffer;
}

export interface BuiltImage {
  readonly manifest: Blob;
  readonly config: Blob;
  readonly layers: readonly Blob[];
  readonly diffIds: readonly string[];
  readonly platform: Platform;
}

export async function layerTar(files: readonly LayerFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => {
    chunks.push(chunk as Buffer);
  });
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const file of files) {
    const type = file.type ?? 'file';
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content ?? Buffer.alloc(0);
    const header = { name: file.path, mode: file.mode ?? (type === 'directory' ? 0o755 : 0o644), mtime: new Date('2024-01-01T00:00:00Z'), type, ...(file.linkname === undefined ? {} : { linkname: file.linkname }) };
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null): void => (error ? reject(error) : resolve());
      pack.entry(header, type === 'file' ? content : Buffer.alloc(0), done);
    });
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

export function blobOf(bytes: Buffer, mediaType: string, extra: Partial<Descriptor> = {}): Blob {
  return { bytes, descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length, ...extra } };
}

export interface ImageSpec {
  readonly layers: readonly (readonly LayerFile[])[];
  /** The `config` section: User, ExposedPorts, Volumes, Env ... */
  readonly config?: Record<string, unknown>;
  readonly created?: string;
  readonly platform?: Platform;
  /** gzip the layers (default true). */
  readonly gzip?: boolean;
  readonly docker?: boolean;
}

export async function buildImage(spec: ImageSpec): Promise<BuiltImage> {
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const tars = await Promise.all(spec.layers.map((files) => layerTar(files)));
  const gzip = spec.gzip ?? true;
  const layerType = spec.docker === true ? MEDIA_TYPES.dockerLayerGzip : gzip ? MEDIA_TYPES.ociLayerGzip : MEDIA_TYPES.ociLayer;
  const layers = tars.map((bytes) => blobOf(gzip ? gzipSync(bytes) : bytes, layerType));
  const diffIds = tars.map((bytes) => digestOf(bytes));
  const config = blobOf(Buffer.from(JSON.stringify({
    created: spec.created ?? '2024-01-01T00:00:00Z',
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant === undefined ? {} : { variant: platform.variant }),
    config: spec.config ?? {},
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map(() => ({ created: spec.created ?? '2024-01-01T00:00:00Z', created_by: 'kubeward test' })),
  })), spec.docker === true ? MEDIA_TYPES.dockerConfig : MEDIA_TYPES.ociConfig);
  const manifestType = spec.docker === true ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const manifest = blobOf(Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: manifestType, config: config.descriptor, layers: layers.map((layer) => layer.descriptor),
  })), manifestType, { platform });
  return { manifest, config, layers, diffIds, platform };
}

export function buildIndex(images: readonly BuiltImage[]): Blob {
  return blobOf(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: images.map((image) => image.manifest.descriptor) })), MEDIA_TYPES.ociIndex);
}

function blobsOf(image: BuiltImage): Blob[] {
  return [image.config, ...image.layers, image.manifest];
}

/** An OCI image layout with each root (an image or an index of images) named by its tag. */
export async function writeLayout(directory: string, roots: readonly { tag: string; image: BuiltImage | { index: Blob; images: readonly BuiltImage[] } }[]): Promise<void> {
  await mkdir(join(directory, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(directory, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const manifests: Descriptor[] = [];
  for (const { tag, image } of roots) {
    const blobs = 'index' in image ? [...image.images.flatMap(blobsOf), image.index] : blobsOf(image);
    for (const blob of blobs) await writeFile(join(directory, 'blobs', 'sha256', blob.descriptor.digest.slice('sha256:'.length)), blob.bytes);
    const root = 'index' in image ? image.index.descriptor : image.manifest.descriptor;
    const { platform: _platform, ...descriptor } = root;
    manifests.push({ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': tag } });
  }
  await writeFile(join(directory, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests }));
}

export async function pushImage(client: RegistryClient, repository: Repository, tag: string, image: BuiltImage | { index: Blob; images: readonly BuiltImage[] }): Promise<string> {
  const images = 'index' in image ? image.images : [image];
  for (const one of images) {
    for (const blob of [one.config, ...one.layers]) await client.pushBlob(repository, blob.bytes);
    await client.pushManifest(repository, 'index' in image ? one.manifest.descriptor.digest : tag, one.manifest.bytes, one.manifest.descriptor.mediaType);
  }
  if ('index' in image) return client.pushManifest(repository, tag, image.index.bytes, image.index.descriptor.mediaType);
  return image.manifest.descriptor.digest;
}
