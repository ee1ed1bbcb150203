import type { K8sObject } from '../../../k8s/object.js';
import { containersOf, podSpecOf, type ContainerView } from '../../../k8s/pod-spec.js';
// Image references as container runtimes resolve them (distribution/reference's normalisation, which
// kubelet and containerd share): the first path component is a registry only when it looks like a host
// (has a `.` or `:`, or is `localhost`); otherwise the image lives on Docker Hub, and a single-component
// name is under `library/`. A digest (`@sha256:...`) wins over a tag.

export interface ImageReference {
  /** Lower-case registry host (with port), `docker.io` when implicit. */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  /** A valid digest (see `digestProblem`): only then is the reference pinned. */
  readonly digest?: string;
  /** The text after `@` when it is not a valid digest, and why; such a reference is not pinned. */
  readonly malformedDigest?: { readonly text: string; readonly problem: string };
}

const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
// OCI image spec (descriptor.md, "Digests"): algorithm ":" encoded, the algorithm lowercase components
// joined by + . _ -; the registered algorithms fix the encoding to lowercase hex of their length. Runtimes
// parse with opencontainers/go-digest, which knows sha256, sha384 and sha512 and rejects anything else
// ("unsupported digest algorithm", "invalid checksum digest format"): kubelet reports InvalidImageName.
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const HEX_LENGTH_BY_ALGORITHM: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why a digest is not valid, or undefined when it is. */
export function digestProblem(digest: string): string | undefined {
  if (!DIGEST_GRAMMAR.test(digest)) return 'not algorithm:encoded';
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = HEX_LENGTH_BY_ALGORITHM[algorithm];
  if (length === undefined) return `unknown algorithm ${algorithm} (sha256, sha384 or sha512)`;
  if (!/^[a-f0-9]+$/.test(encoded)) return `${algorithm} must be lowercase hex`;
  if (encoded.length !== length) return `${algorithm} has ${length} hex digits, not ${encoded.length}`;
  return undefined;
}

/** Parses an image reference; undefined for empty values and templates (`{{ .Values.image }}`, `${IMAGE}`). */
export function parseImageReference(image: string): ImageReference | undefined {
  const text = image.trim();
  if (text === '' || /\s|\{\{|\$\{|\$\(/.test(text)) return undefined;
  const at = text.indexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const afterAt = at === -1 ? undefined : text.slice(at + 1);
  const problem = afterAt === undefined ? undefined : digestProblem(afterAt);
  const digest = problem === undefined ? afterAt : undefined;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const repoPart = colon > lastSlash ? name.slice(0, colon) : name;
  const tag = colon > lastSlash ? name.slice(colon + 1) : undefined;
  if (repoPart === '' || tag === '') return undefined;
  const slash = repoPart.indexOf('/');
  const first = slash === -1 ? '' : repoPart.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  let registry = isHost ? first.toLowerCase() : 'docker.io';
  let repository = isHost ? repoPart.slice(slash + 1) : repoPart;
  if (DOCKER_HUB_ALIASES.has(registry)) registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return {
    registry, repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
    ...(afterAt !== undefined && problem !== undefined ? { malformedDigest: { text: afterAt, problem } } : {}),
  };
}

/**
 * Whether an image comes from an allowed location. An entry is a registry host (`registry.example.com`,
 * `docker.io`), a registry and repository prefix (`ghcr.io/my-org`, matched on whole path components),
 * or a host wildcard (`*.dkr.ecr.eu-west-1.amazonaws.com`, matching sub-domains only).
 */
export function isImageAllowed(reference: ImageReference, allowed: readonly string[]): boolean {
  const location = `${reference.registry}/${reference.repository}`;
  return allowed.some((raw) => {
    let entry = raw.trim().toLowerCase().replace(/\/+$/, '');
    if (entry === '') return false;
    const entrySlash = entry.indexOf('/');
    const entryHost = entrySlash === -1 ? entry : entry.slice(0, entrySlash);
    if (DOCKER_HUB_ALIASES.has(entryHost)) entry = `docker.io${entrySlash === -1 ? '' : entry.slice(entrySlash)}`;
    if (entry.startsWith('*.')) {
      const suffix = entryHost.slice(1);
      if (!reference.registry.endsWith(suffix)) return false;
      const rest = entrySlash === -1 ? '' : entry.slice(entrySlash + 1);
      return rest === '' || reference.repository === rest || reference.repository.startsWith(`${rest}/`);
    }
    return location === entry || location.startsWith(`${entry}/`);
  });
}

/** Every container of a workload whose `image` is a string that parses as an image reference. */
export function* containerImagesOf(object: K8sObject): Generator<{ container: ContainerView; image: string; reference: ImageReference }> {
  const pod = podSpecOf(object);
  if (pod === undefined) return;
  for (const container of containersOf(pod)) {
    const image = container.container.image;
    if (typeof image !== 'string') continue;
    const reference = parseImageReference(image);
    if (reference !== undefined) yield { container, image, reference };
  }
}
