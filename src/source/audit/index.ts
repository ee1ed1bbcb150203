export * from '../../k8s/audit-event.js';
export { decodeAuditValue, objectRefOfResourceName, type AuditFormat, type DecodedValue } from './managed-formats.js';
export { readAuditLogs, readAuditStream, LineSplitter, type AuditBatch, type AuditRecord, type AuditInputError, type AuditReadOptions } from './read-audit-log.js';
export { followAuditLog, type FollowOptions } from './follow.js';
