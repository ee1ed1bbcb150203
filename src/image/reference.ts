// Image references as skopeo (containers/image transports) spells them, so one string names an image in
// a registry, in an OCI image layout, or in an archive on disk:
//   docker://REF or a plain REF            an image in a registry (Docker reference grammar)
//   oci:DIR[:TAG]                          an OCI image layout directory
//   oci-archive:TAR[:TAG]                  a tar of an OCI image layout
//   docker-archive:TAR[:REF]               the output of `docker save`
// A layout or archive path ends at the first colon, as in containers/image on Linux.

export type ImageReference = RegistryReference | LayoutReference | DockerArchiveReference;

export interface RegistryReference {
  readonly transport: 'docker';
  /** Host (and port) of the registry API: `registry-1.docker.io` for Docker Hub. */
  readonly registry: string;
  /** Repository path in that registry: `library/nginx` for `nginx`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** The reference as given, without the transport. */
  readonly text: string;
}

export interface LayoutReference {
  readonly transport: 'oci' | 'oci-archive';
  readonly path: string;
  readonly tag?: string;
  readonly text: string;
}

export interface DockerArchiveReference {
  readonly transport: 'docker-archive';
  readonly path: string;
  /** `REPO:TAG` among the archive's RepoTags, or `@N` for the N-th image. */
  readonly reference?: string;
  readonly text: string;
}

export class ReferenceError extends Error {}

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
export const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

export function parseImageReference(text: string): ImageReference {
  const transport = /^(docker|oci|oci-archive|docker-archive):/.exec(text)?.[1];
  if (transport === undefined) return parseRegistryReference(text);
  const rest = text.slice(transport.length + 1);
  if (transport === 'docker') {
    if (!rest.startsWith('//')) throw new ReferenceError(`"${text}": the docker transport is written docker://REFERENCE`);
    return parseRegistryReference(rest.slice(2));
  }
  const colon = rest.indexOf(':');
  const path = colon === -1 ? rest : rest.slice(0, colon);
  const after = colon === -1 ? undefined : rest.slice(colon + 1);
  if (path === '') throw new ReferenceError(`"${text}": no path after "${transport}:"`);
  if (transport === 'docker-archive') return after === undefined || after === '' ? { transport, path, text } : { transport, path, reference: after, text };
  if (after !== undefined && after !== '' && !/^[\w][\w.:/@-]*$/.test(after)) throw new ReferenceError(`"${text}": "${after}" is not a valid image name in a layout`);
  return after === undefined || after === '' ? { transport: transport as 'oci' | 'oci-archive', path, text } : { transport: transport as 'oci' | 'oci-archive', path, tag: after, text };
}

/** A Docker reference: `[HOST[:PORT]/]PATH[:TAG][@DIGEST]`, Docker Hub's `library/` added to one-component names. */
export function parseRegistryReference(text: string): RegistryReference {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError(`"${text}": "${digest}" is not a digest (sha256:<64 hex>)`);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw new ReferenceError(`"${text}": "${tag}" is not a valid tag`);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const hasHost = slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  let host = hasHost ? first : DOCKER_HUB;
  let repository = hasHost ? rest.slice(slash + 1) : rest;
  if (repository === '') throw new ReferenceError(`"${text}": no repository name`);
  for (const component of repository.split('/')) {
    if (!COMPONENT.test(component)) throw new ReferenceError(`"${text}": "${component}" is not a valid repository name component (lowercase letters, digits, separators)`);
  }
  if (host === 'index.docker.io') host = DOCKER_HUB;
  if (host === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  const registry = host === DOCKER_HUB ? DOCKER_HUB_API : host;
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { transport: 'docker', registry, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }), text };
}

/** `registry/repository:tag@digest`, Docker Hub shown as `docker.io`. */
export function formatRegistryReference(reference: Pick<RegistryReference, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  const host = reference.registry === DOCKER_HUB_API ? DOCKER_HUB : reference.registry;
  return `${host}/${reference.repository}${reference.tag === undefined ? '' : `:${reference.tag}`}${reference.digest === undefined ? '' : `@${reference.digest}`}`;
}

/** The names a credential for this registry may be stored under in a Docker config file. */
export function credentialKeysOf(registry: string): string[] {
  if (registry === DOCKER_HUB_API) return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', DOCKER_HUB_API];
  return [registry];
}
