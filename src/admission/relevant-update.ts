import { isRecord } from '../foundation/field-path.js';
import { isDeepEqual } from '../fix/apply-operations.js';
import { annotationsOf, type K8sObject } from '../k8s/object.js';
import { podSpecOf } from '../k8s/pod-spec.js';

// Which UPDATEs are judged again. A pod's spec is immutable but for a few fields, so Pod Security
// Admission re-judges a pod update only when a field that can change and that its checks read has
// changed: a container image, the seccomp annotations, or a container added (ephemeral containers
// through pods/ephemeralcontainers). Metadata-only updates (labels, finalizers, status) pass, so a
// namespace that tightens its policy does not block controllers from finishing their work on
// existing pods. Workloads with pod templates are re-judged when the template changed; other objects
// when anything beyond bookkeeping metadata and status changed.

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

type Container = Readonly<Record<string, unknown>>;

function containers(spec: unknown, field: string): Container[] {
  const list = isRecord(spec) ? spec[field] : undefined;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function isSignificantContainerUpdate(container: Container, old: Container, annotations: Readonly<Record<string, string>>, oldAnnotations: Readonly<Record<string, string>>): boolean {
  if (container['image'] !== old['image']) return true;
  const key = `${SECCOMP_CONTAINER_ANNOTATION_PREFIX}${String(container['name'])}`;
  return annotations[key] !== oldAnnotations[key];
}

/** PSA's isSignificantPodUpdate: whether a pod update must be judged again. */
export function isSignificantPodUpdate(pod: K8sObject, oldPod: K8sObject): boolean {
  const annotations = annotationsOf(pod.metadata);
  const oldAnnotations = annotationsOf(oldPod.metadata);
  if (annotations[SECCOMP_POD_ANNOTATION] !== oldAnnotations[SECCOMP_POD_ANNOTATION]) return true;
  const spec = pod['spec'];
  const oldSpec = oldPod['spec'];
  for (const field of ['containers', 'initContainers']) {
    const now = containers(spec, field);
    const before = containers(oldSpec, field);
    if (now.length !== before.length) return true;
    for (let index = 0; index < now.length; index++) {
      if (isSignificantContainerUpdate(now[index] ?? {}, before[index] ?? {}, annotations, oldAnnotations)) return true;
    }
  }
  const oldEphemeral = containers(oldSpec, 'ephemeralContainers');
  for (const container of containers(spec, 'ephemeralContainers')) {
    const old = oldEphemeral.find((candidate) => candidate['name'] === container['name']);
    if (old === undefined || isSignificantContainerUpdate(container, old, annotations, oldAnnotations)) return true;
  }
  return false;
}

const BOOKKEEPING_METADATA = ['resourceVersion', 'generation', 'managedFields', 'creationTimestamp', 'uid', 'selfLink'];

function withoutBookkeeping(object: K8sObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = object as Record<string, unknown>;
  const meta = isRecord(metadata) ? Object.fromEntries(Object.entries(metadata).filter(([key]) => !BOOKKEEPING_METADATA.includes(key))) : metadata;
  return { ...rest, metadata: meta };
}

/** Whether an UPDATE from `oldObject` to `object` must be judged again (see the header). */
export function isRelevantUpdate(object: K8sObject, oldObject: K8sObject): boolean {
  if (object.kind === 'Pod') return isSignificantPodUpdate(object, oldObject);
  const pod = podSpecOf(object);
  if (pod !== undefined) {
    const old = podSpecOf(oldObject);
    return old === undefined || !isDeepEqual(pod.spec, old.spec) || !isDeepEqual(pod.podMetadata, old.podMetadata);
  }
  return !isDeepEqual(withoutBookkeeping(object), withoutBookkeeping(oldObject));
}
