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
  readonly digest?: string;
}

const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Fa-f0-9]{32,}$/;

/** Parses an image reference; undefined for empty values and templates (`{{ .Values.image }}`, `${IMAGE}`). */
export function parseImageReference(image: string): ImageReference | undefined {
  const text = image.trim();
  if (text === '' || /\s|\{\{|\$\{|\$\(/.test(text)) return undefined;
  const at = text.indexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
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
  return { registry, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
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
