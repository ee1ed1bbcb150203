import type { FieldPath } from '../foundation/field-path.js';
import type { K8sObject, ResourceRef } from '../k8s/object.js';
import type { DocumentSlice } from '../source/split-documents.js';
import type { Location } from './finding.js';

// What rules judge. The engine does not know where an object came from: a YAML document, a live
// cluster, an AdmissionReview, an audit event, a node's configuration. The source that made the subject
// knows how to turn a field path into a location, and whether the object can be edited in place.

export interface Subject {
  /** What rules read: a Kubernetes object, or a record shaped like one (apiVersion, kind, metadata). */
  readonly object: K8sObject;
  /** The resource findings name; by default the object's own apiVersion/kind/namespace/name. */
  readonly resource?: ResourceRef;
  /** Where the field at `path` (from the object root) is, or its nearest existing parent when it is missing. */
  locate(path: FieldPath): Location;
  /** Present when the object was read from text that `kubeward fix` can edit, and that comments can annotate. */
  readonly source?: SubjectSource;
  /**
   * A subject that may be kept after the input it was read from is released (collection rules keep
   * their subjects until every input is read). Sources whose objects are views of large buffers copy here.
   * The evaluation calls it only when the source says it reads on (`Evaluation.retainKept`). With
   * `object`, the kept subject holds that object (already copied: the part a collection rule keeps)
   * instead of a copy of its own.
   */
  retain(object?: K8sObject): Subject;
  /**
   * Drops what the subject cached to locate fields (a document's line index); it is rebuilt if a
   * finding is located later. The source calls it once the subject's document is judged, so that what
   * the cross-object rules keep does not hold every document's index until the scan ends.
   */
  release?(): void;
}

export interface SubjectSource {
  readonly document: DocumentSlice;
  /** Path of the object inside its document: `[]`, or `['items', i]` for a member of a List. */
  readonly pathInDocument: FieldPath;
}

/** A subject with no source text (a live object): every finding is located by `location` alone. */
export function sourcelessSubject(object: K8sObject, location: string, resource?: ResourceRef): Subject {
  const subject: Subject = {
    object,
    ...(resource === undefined ? {} : { resource }),
    locate: () => ({ file: location, line: 0, column: 0 }),
    retain: (kept) => (kept === undefined ? subject : sourcelessSubject(kept, location, resource)),
  };
  return subject;
}
