import type { Subject } from '../engine/subject.js';
import type { ResourceRef } from '../k8s/object.js';
import { resourceLabelOf, type AuditEvent } from '../k8s/audit-event.js';
import type { AuditRecord } from '../source/audit/read-audit-log.js';

// Audit events as engine subjects: nothing to edit, located at the log line they were read from, and
// named after the object the request was about (`pods/exec default/web`), not after the event.

/** The object a request targeted, as findings name it: kind is the resource (`pods/exec`), or the URL path. */
export function targetOf(event: AuditEvent): ResourceRef {
  const ref = event.objectRef;
  const apiVersion = ref === undefined ? '' : ref.apiGroup === undefined || ref.apiGroup === '' ? ref.apiVersion ?? 'v1' : `${ref.apiGroup}/${ref.apiVersion ?? ''}`;
  const namespace = ref?.namespace;
  const name = ref?.name ?? '';
  const kind = resourceLabelOf(event);
  return namespace === undefined || namespace === '' ? { apiVersion, kind, name } : { apiVersion, kind, namespace, name };
}

export function auditSubject(record: AuditRecord): Subject {
  const location = { file: record.file, line: record.line, column: 1 };
  const subject: Subject = {
    object: record.event,
    resource: targetOf(record.event),
    locate: () => location,
    // The event is its own parsed value, not a view of a larger buffer.
    retain: () => subject,
  };
  return subject;
}
