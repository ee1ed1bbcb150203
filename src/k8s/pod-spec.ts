import { isRecord, type FieldPath, type PathSegment } from '../foundation/field-path.js';
import type { K8sObject } from './object.js';

// Loose structural views of the pod API: manifests are untrusted input, so every field is optional
// and checks must tolerate wrong types (the API server would reject those, we must not crash).
export interface SecurityContext {
  readonly privileged?: unknown;
  readonly allowPrivilegeEscalation?: unknown;
  readonly runAsNonRoot?: unknown;
  readonly runAsUser?: unknown;
  readonly runAsGroup?: unknown;
  readonly readOnlyRootFilesystem?: unknown;
  readonly capabilities?: { readonly add?: unknown; readonly drop?: unknown };
  readonly seccompProfile?: { readonly type?: unknown; readonly localhostProfile?: unknown };
  readonly appArmorProfile?: { readonly type?: unknown; readonly localhostProfile?: unknown };
  readonly seLinuxOptions?: Readonly<Record<string, unknown>>;
  readonly procMount?: unknown;
  readonly windowsOptions?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export interface Container {
  readonly name?: unknown;
  readonly image?: unknown;
  readonly securityContext?: SecurityContext;
  readonly [field: string]: unknown;
}

export interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly ephemeralContainers?: readonly Container[];
  readonly securityContext?: SecurityContext & { readonly sysctls?: unknown; readonly fsGroup?: unknown };
  readonly hostNetwork?: unknown;
  readonly hostPID?: unknown;
  readonly hostIPC?: unknown;
  readonly volumes?: readonly Readonly<Record<string, unknown>>[];
  readonly os?: { readonly name?: unknown };
  readonly [field: string]: unknown;
}

/** Where a pod spec lives inside an object, and the metadata that applies to its pods. */
export interface PodSpecView {
  readonly spec: PodSpec;
  /** Path of the pod spec from the object root. */
  readonly specPath: FieldPath;
  /** Metadata of the pods (the template's metadata for controllers, the object's for a Pod). */
  readonly podMetadata: Readonly<Record<string, unknown>>;
  readonly podMetadataPath: FieldPath;
}

// Where each kind keeps its pod template (kube-score's PodSpecer idea, as data). Custom resources that
// run pods from a PodTemplateSpec of their own are listed with their API group, so a `Service` of
// Knative is a workload and a core `Service` is not; their pods are judged by every workload and Pod
// Security Standards rule, with locations and field paths as for built-in kinds.
interface TemplateLocation {
  /** API groups the kind must come from; undefined for the built-in kinds of any group (apps, batch, core). */
  readonly groups?: readonly string[];
  /** Path of the PodTemplateSpec (its `metadata` and `spec`) from the object root. */
  readonly path: FieldPath;
}

const TEMPLATE_LOCATIONS: Readonly<Record<string, readonly TemplateLocation[]>> = {
  Deployment: [{ path: ['spec', 'template'] }],
  ReplicaSet: [{ path: ['spec', 'template'] }],
  StatefulSet: [{ path: ['spec', 'template'] }],
  DaemonSet: [{ path: ['spec', 'template'] }],
  Job: [{ path: ['spec', 'template'] }],
  ReplicationController: [{ path: ['spec', 'template'] }],
  CronJob: [{ path: ['spec', 'jobTemplate', 'spec', 'template'] }],
  PodTemplate: [{ path: ['template'] }],
  // Argo Rollouts (argoproj.io/v1alpha1 Rollout: a Deployment with progressive delivery).
  Rollout: [{ groups: ['argoproj.io'], path: ['spec', 'template'] }],
  // Knative Serving: a Service, Configuration or Revision runs pods from spec.template (Revision: its spec).
  Service: [{ groups: ['serving.knative.dev'], path: ['spec', 'template'] }],
  Configuration: [{ groups: ['serving.knative.dev'], path: ['spec', 'template'] }],
  // KEDA ScaledJob: a Job template under spec.jobTargetRef.
  ScaledJob: [{ groups: ['keda.sh'], path: ['spec', 'jobTargetRef', 'template'] }],
  // OpenKruise workloads (apps.kruise.io): CloneSet, Advanced StatefulSet and DaemonSet, BroadcastJob.
  CloneSet: [{ groups: ['apps.kruise.io'], path: ['spec', 'template'] }],
  BroadcastJob: [{ groups: ['apps.kruise.io'], path: ['spec', 'template'] }],
};

/** Built-in kinds that are always workloads, whatever their group. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

// OpenKruise's Advanced StatefulSet and DaemonSet reuse the built-in kind names in their own group.
const KRUISE_GROUPS = ['apps.kruise.io'];

export const WORKLOAD_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_LOCATIONS)];

/** `apps/v1` → `apps`; `v1` → the core group. */
function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function templateLocationOf(object: K8sObject): TemplateLocation | undefined {
  const locations = TEMPLATE_LOCATIONS[object.kind];
  if (locations === undefined) return undefined;
  const group = groupOf(object.apiVersion);
  for (const location of locations) {
    if (location.groups === undefined ? BUILT_IN_GROUPS.has(group) || KRUISE_GROUPS.includes(group) : location.groups.includes(group)) return location;
  }
  return undefined;
}

export function podSpecOf(object: K8sObject): PodSpecView | undefined {
  if (object.kind === 'Pod') {
    const spec = object['spec'];
    if (!isRecord(spec)) return undefined;
    return { spec: spec as PodSpec, specPath: ['spec'], podMetadata: recordOr(object.metadata), podMetadataPath: ['metadata'] };
  }
  const location = templateLocationOf(object);
  if (location === undefined) return undefined;
  const templatePath = location.path;
  let template: unknown = object;
  for (const segment of templatePath) template = isRecord(template) ? template[segment as string] : undefined;
  if (!isRecord(template) || !isRecord(template['spec'])) return undefined;
  return {
    spec: template['spec'] as PodSpec,
    specPath: [...templatePath, 'spec'],
    podMetadata: recordOr(template['metadata']),
    podMetadataPath: [...templatePath, 'metadata'],
  };
}

/**
 * The object reduced to its apiVersion, kind, metadata and the way to its pod spec, with `spec` as the
 * pod spec and the pod template's metadata kept: what readers of pod labels and ports need of a workload.
 * Undefined when the object has no pod spec.
 */
export function withPodSpec(object: K8sObject, spec: Readonly<Record<string, unknown>>): K8sObject | undefined {
  const head = { apiVersion: object.apiVersion, kind: object.kind, ...('metadata' in object ? { metadata: object.metadata } : {}) };
  if (object.kind === 'Pod') return isRecord(object['spec']) ? { ...head, spec } : undefined;
  const templatePath = templateLocationOf(object)?.path;
  if (templatePath === undefined) return undefined;
  let template: unknown = object;
  for (const segment of templatePath) template = isRecord(template) ? template[segment as string] : undefined;
  if (!isRecord(template) || !isRecord(template['spec'])) return undefined;
  let value: Record<string, unknown> = { ...('metadata' in template ? { metadata: template['metadata'] } : {}), spec };
  for (let index = templatePath.length - 1; index >= 0; index--) value = { [templatePath[index] as string]: value };
  return { ...head, ...value };
}

function recordOr(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}

export type ContainerField = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerView {
  readonly container: Container;
  readonly field: ContainerField;
  readonly index: number;
  /** Path of the container from the object root. */
  readonly path: FieldPath;
  readonly name: string;
}

const CONTAINER_FIELDS: readonly ContainerField[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Every container of a pod spec, in the order PSA visits them (init, regular, ephemeral). */
export function containersOf(view: PodSpecView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const field of CONTAINER_FIELDS) {
    const list = view.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container: unknown, index: number) => {
      if (!isRecord(container)) return;
      const name = typeof container['name'] === 'string' ? container['name'] : `${field}[${index}]`;
      out.push({ container: container as Container, field, index, path: [...view.specPath, field, index], name });
    });
  }
  return out;
}

export function pathJoin(base: FieldPath, ...rest: PathSegment[]): FieldPath {
  return [...base, ...rest];
}
