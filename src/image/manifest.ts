// OCI image spec and Docker v2 schema 2 documents: descriptors, manifests, indexes and the image config.
// Parsed defensively: a document from a registry or a file is untrusted input.

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerList, MEDIA_TYPES.dockerManifest].join(', ');

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly artifactType?: string;
}

export interface ImageManifest {
  readonly kind: 'manifest';
  readonly mediaType: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
  readonly subject?: Descriptor;
}

export interface ImageIndex {
  readonly kind: 'index';
  readonly mediaType: string;
  readonly manifests: readonly Descriptor[];
}

/** The parts of an image config kubeward reads (OCI image spec "config" section). */
export interface ImageConfig {
  readonly created?: string;
  readonly architecture?: string;
  readonly os?: string;
  readonly config: {
    readonly User?: string;
    readonly ExposedPorts?: Readonly<Record<string, unknown>>;
    readonly Env?: readonly string[];
    readonly Entrypoint?: readonly string[];
    readonly Cmd?: readonly string[];
    readonly Volumes?: Readonly<Record<string, unknown>>;
    readonly WorkingDir?: string;
    readonly Labels?: Readonly<Record<string, string>>;
  };
  readonly rootfs: { readonly type: string; readonly diff_ids: readonly string[] };
  readonly history?: readonly { readonly created?: string; readonly created_by?: string; readonly empty_layer?: boolean }[];
}

export class ManifestError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(bytes: Uint8Array | string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new ManifestError(`${what}: not JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) throw new ManifestError(`${what}: not a JSON object`);
  return value;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function parseDescriptor(value: unknown, what: string): Descriptor {
  if (!isRecord(value)) throw new ManifestError(`${what}: a descriptor must be an object`);
  const { mediaType, digest, size, platform, annotations, artifactType } = value;
  if (typeof mediaType !== 'string') throw new ManifestError(`${what}: descriptor without mediaType`);
  if (typeof digest !== 'string' || !/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) throw new ManifestError(`${what}: descriptor digest "${String(digest)}" is invalid`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new ManifestError(`${what}: descriptor size must be a non-negative integer`);
  const annotationRecord = stringRecord(annotations);
  let parsedPlatform: Platform | undefined;
  if (isRecord(platform) && typeof platform['os'] === 'string' && typeof platform['architecture'] === 'string') {
    parsedPlatform = { os: platform['os'], architecture: platform['architecture'], ...(typeof platform['variant'] === 'string' ? { variant: platform['variant'] } : {}) };
  }
  return {
    mediaType, digest, size,
    ...(parsedPlatform === undefined ? {} : { platform: parsedPlatform }),
    ...(annotationRecord === undefined ? {} : { annotations: annotationRecord }),
    ...(typeof artifactType === 'string' ? { artifactType } : {}),
  };
}

/** A manifest or an index, by its mediaType (the header's when the document has none). */
export function parseManifestDocument(bytes: Uint8Array | string, what: string, headerMediaType?: string): ImageManifest | ImageIndex {
  const document = parseJson(bytes, what);
  const mediaType = typeof document['mediaType'] === 'string' ? document['mediaType'] : headerMediaType ?? (Array.isArray(document['manifests']) ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest);
  if (document['schemaVersion'] !== 2) throw new ManifestError(`${what}: schemaVersion ${String(document['schemaVersion'])} is not supported (only 2)`);
  if (mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList) {
    if (!Array.isArray(document['manifests'])) throw new ManifestError(`${what}: an index needs a "manifests" array`);
    return { kind: 'index', mediaType, manifests: document['manifests'].map((entry, i) => parseDescriptor(entry, `${what} manifests[${i}]`)) };
  }
  if (mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest) {
    if (!Array.isArray(document['layers'])) throw new ManifestError(`${what}: a manifest needs a "layers" array`);
    const annotations = stringRecord(document['annotations']);
    return {
      kind: 'manifest', mediaType,
      config: parseDescriptor(document['config'], `${what} config`),
      layers: document['layers'].map((entry, i) => parseDescriptor(entry, `${what} layers[${i}]`)),
      ...(annotations === undefined ? {} : { annotations }),
      ...(document['subject'] === undefined ? {} : { subject: parseDescriptor(document['subject'], `${what} subject`) }),
    };
  }
  throw new ManifestError(`${what}: media type "${mediaType}" is not an image manifest or index`);
}

export function parseImageConfig(bytes: Uint8Array | string, what: string): ImageConfig {
  const document = parseJson(bytes, what);
  const rootfs = document['rootfs'];
  if (!isRecord(rootfs) || !Array.isArray(rootfs['diff_ids']) || !rootfs['diff_ids'].every((id) => typeof id === 'string')) {
    throw new ManifestError(`${what}: an image config needs rootfs.diff_ids`);
  }
  const config = isRecord(document['config']) ? document['config'] : {};
  const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined);
  const records = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);
  const optional = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });
  const history = Array.isArray(document['history']) ? document['history'].filter(isRecord).map((entry) => ({
    ...optional('created', typeof entry['created'] === 'string' ? entry['created'] : undefined),
    ...optional('created_by', typeof entry['created_by'] === 'string' ? entry['created_by'] : undefined),
    ...optional('empty_layer', typeof entry['empty_layer'] === 'boolean' ? entry['empty_layer'] : undefined),
  })) : undefined;
  return {
    ...optional('created', typeof document['created'] === 'string' ? document['created'] : undefined),
    ...optional('architecture', typeof document['architecture'] === 'string' ? document['architecture'] : undefined),
    ...optional('os', typeof document['os'] === 'string' ? document['os'] : undefined),
    config: {
      ...optional('User', typeof config['User'] === 'string' ? config['User'] : undefined),
      ...optional('ExposedPorts', records(config['ExposedPorts'])),
      ...optional('Env', strings(config['Env'])),
      ...optional('Entrypoint', strings(config['Entrypoint'])),
      ...optional('Cmd', strings(config['Cmd'])),
      ...optional('Volumes', records(config['Volumes'])),
      ...optional('WorkingDir', typeof config['WorkingDir'] === 'string' ? config['WorkingDir'] : undefined),
      ...optional('Labels', stringRecord(config['Labels'])),
    },
    rootfs: { type: typeof rootfs['type'] === 'string' ? rootfs['type'] : 'layers', diff_ids: rootfs['diff_ids'] as string[] },
    ...optional('history', history),
  };
}

/** Node's `process.arch` in OCI's GOARCH spelling. */
export function hostPlatform(): Platform {
  const architecture = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return { os: 'linux', architecture };
}

export function formatPlatform(platform: Platform): string {
  return `${platform.os}/${platform.architecture}${platform.variant === undefined ? '' : `/${platform.variant}`}`;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (os === undefined || os === '' || architecture === undefined || architecture === '') throw new ManifestError(`"${text}" is not a platform (OS/ARCH[/VARIANT], e.g. linux/amd64)`);
  return { os, architecture, ...(variant === undefined || variant === '' ? {} : { variant }) };
}

/** The index entry for `platform`; arm64 matches v8 or no variant, as containerd does. Attestation entries (os "unknown") never match. */
export function selectPlatform(index: ImageIndex, platform: Platform, what: string): Descriptor {
  const candidates = index.manifests.filter((entry) => entry.platform !== undefined && entry.platform.os === platform.os && entry.platform.architecture === platform.architecture);
  const normalize = (variant: string | undefined, architecture: string): string | undefined => (architecture === 'arm64' && (variant === undefined || variant === 'v8') ? undefined : variant);
  const exact = candidates.find((entry) => normalize(entry.platform?.variant, platform.architecture) === normalize(platform.variant, platform.architecture));
  const chosen = exact ?? (platform.variant === undefined ? candidates[0] : undefined);
  if (chosen === undefined) {
    const available = index.manifests.map((entry) => (entry.platform === undefined ? '(no platform)' : formatPlatform(entry.platform))).join(', ');
    throw new ManifestError(`${what}: no image for ${formatPlatform(platform)} in the index (it has: ${available || 'nothing'})`);
  }
  return chosen;
}
