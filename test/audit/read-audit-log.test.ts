import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, truncate, utimes, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { followAuditLog, readAuditLogs, type AuditBatch, type AuditRecord } from '../../src/source/audit/index.js';
import { auditEvent, jsonLines } from './events.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'kubeward-audit-read-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function collect(batches: AsyncIterable<AuditBatch>): Promise<{ records: AuditRecord[]; errors: string[]; files: string[] }> {
  const records: AuditRecord[] = [];
  const errors: string[] = [];
  const files: string[] = [];
  for await (const batch of batches) {
    if (batch.type === 'records') records.push(...batch.records);
    else if (batch.type === 'error') errors.push(`${batch.error.file}:${batch.error.line}: ${batch.error.message}`);
    else files.push(batch.file);
  }
  return { records, errors, files };
}

const where = (records: readonly AuditRecord[]): string[] => records.map((r) => `${r.file}:${r.line} ${r.event.verb ?? ''} ${r.event.objectRef?.resource ?? r.event.requestURI ?? ''}`);

describe('audit log reader', () => {
  it('reads JSON lines, reports malformed lines with their numbers and goes on', async () => {
    const lines = [
      JSON.stringify(auditEvent({ verb: 'list', resource: 'pods' })),
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":',
      '',
      JSON.stringify({ kind: 'Pod', apiVersion: 'v1' }),
      JSON.stringify({ ...auditEvent(), user: { username: 7 } }),
      JSON.stringify({ ...auditEvent({ verb: 'get', resource: 'secrets' }), apiVersion: 'audit.k8s.io/v1beta1' }),
    ];
    await writeFile(join(dir, 'mixed.log'), `${lines.join('\r\n')}`);
    const { records, errors } = await collect(readAuditLogs(['mixed.log'], { cwd: dir }));
    assert.deepEqual(where(records), ['mixed.log:1 list pods', 'mixed.log:6 get secrets']);
    assert.equal(errors.length, 3);
    assert.match(errors[0] ?? '', /^mixed\.log:2: invalid JSON: /);
    assert.equal(errors[1], 'mixed.log:4: not an audit event (kind "Pod"; expected an audit.k8s.io Event or EventList, a GKE k8s.io log entry, or an EKS/AKS record)');
    assert.equal(errors[2], 'mixed.log:5: user.username must be a string');
  });

  it('reads a pretty-printed EventList document and one-line EventLists (webhook batches)', async () => {
    const list = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: [auditEvent({ verb: 'create' }), auditEvent({ verb: 'delete' })] };
    await writeFile(join(dir, 'list.json'), JSON.stringify(list, null, 2));
    await writeFile(join(dir, 'batches.log'), jsonLines([list, { ...list, items: [auditEvent({ verb: 'patch' })] }]));
    await writeFile(join(dir, 'broken.json'), JSON.stringify(list, null, 2).slice(0, -3));
    const pretty = await collect(readAuditLogs(['list.json', 'batches.log', 'broken.json'], { cwd: dir }));
    assert.deepEqual(where(pretty.records), ['list.json:1 create pods', 'list.json:1 delete pods', 'batches.log:1 create pods', 'batches.log:1 delete pods', 'batches.log:2 patch pods']);
    assert.equal(pretty.errors.length, 1);
    assert.match(pretty.errors[0] ?? '', /^broken\.json:1: invalid JSON in the JSON document: /);
  });

  it('reads gzip-compressed files by content, and directories oldest first', async () => {
    const logs = join(dir, 'rotated');
    await mkdir(logs);
    await writeFile(join(logs, 'audit-2026-12-01T10-00-00.000.log.gz'), gzipSync(jsonLines([auditEvent({ verb: 'watch' })])));
    await writeFile(join(logs, 'audit.log.1'), jsonLines([auditEvent({ verb: 'update' })]));
    await writeFile(join(logs, 'audit.log'), jsonLines([auditEvent({ verb: 'delete' })]));
    const old = new Date('2026-12-01T10:00:00Z');
    await utimes(join(logs, 'audit-2026-12-01T10-00-00.000.log.gz'), old, old);
    const same = new Date('2026-12-02T10:00:00Z');
    await utimes(join(logs, 'audit.log.1'), same, same);
    await utimes(join(logs, 'audit.log'), same, same);
    const { records, files, errors } = await collect(readAuditLogs(['rotated'], { cwd: dir }));
    assert.deepEqual(errors, []);
    assert.deepEqual(files, ['rotated/audit-2026-12-01T10-00-00.000.log.gz', 'rotated/audit.log.1', 'rotated/audit.log']);
    assert.deepEqual(records.map((r) => r.event.verb), ['watch', 'update', 'delete']);
  });

  it('reads standard input and names a missing file', async () => {
    const stdin = Readable.from([jsonLines([auditEvent({ verb: 'get' })]).slice(0, 20), jsonLines([auditEvent({ verb: 'get' })]).slice(20)]);
    const { records, errors } = await collect(readAuditLogs(['-', 'missing.log'], { cwd: dir, stdin }));
    assert.deepEqual(where(records), ['<stdin>:1 get pods']);
    assert.deepEqual(errors, ['missing.log:0: cannot read: ENOENT']);
  });

  it('maps GKE, EKS and AKS exports onto the same event', async () => {
    const native = auditEvent({ verb: 'create', resource: 'pods', subresource: 'exec', name: 'web', namespace: 'shop', user: 'eve@example.com' });
    const gke = {
      insertId: 'gke-1',
      timestamp: '2026-12-04T10:00:00.000Z',
      labels: { 'authorization.k8s.io/decision': 'allow' },
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        serviceName: 'k8s.io',
        methodName: 'io.k8s.core.v1.pods.exec.create',
        resourceName: 'core/v1/namespaces/shop/pods/web/exec',
        authenticationInfo: { principalEmail: 'eve@example.com' },
        requestMetadata: { callerIP: '203.0.113.9', callerSuppliedUserAgent: 'kubectl/v1.34.1' },
        status: {},
      },
      resource: { type: 'k8s_cluster', labels: { cluster_name: 'c1' } },
    };
    const gkeDenied = { ...gke, insertId: 'gke-2', labels: {}, protoPayload: { ...gke.protoPayload, methodName: 'io.k8s.authorization.rbac.v1.clusterrolebindings.create', resourceName: 'rbac.authorization.k8s.io/v1/clusterrolebindings/root', status: { code: 7, message: 'Forbidden' } } };
    const eks = { '@timestamp': '2026-12-04 10:00:00.000', '@message': JSON.stringify(native) };
    const eksBatch = { messageType: 'DATA_MESSAGE', logGroup: '/aws/eks/c1/cluster', logEvents: [{ id: '1', timestamp: 1, message: JSON.stringify(native) }] };
    const aks = { category: 'kube-audit', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', properties: { log: JSON.stringify(native), stream: 'stdout' } };
    const aksBlob = { records: [aks, aks] };
    await writeFile(join(dir, 'managed.log'), jsonLines([gke, gkeDenied, eks, eksBatch, aks, aksBlob, { properties: { log: '{oops' } }]));
    const { records, errors } = await collect(readAuditLogs(['managed.log'], { cwd: dir }));
    assert.equal(records.length, 7);
    const [fromGke, fromGkeDenied, ...rest] = records.map((r) => r.event);
    assert.deepEqual(
      { verb: fromGke?.verb, user: fromGke?.user?.username, ips: fromGke?.sourceIPs, ref: fromGke?.objectRef, code: fromGke?.responseStatus?.code, uri: fromGke?.requestURI, decision: fromGke?.annotations?.['authorization.k8s.io/decision'] },
      { verb: 'create', user: 'eve@example.com', ips: ['203.0.113.9'], ref: { resource: 'pods', namespace: 'shop', name: 'web', subresource: 'exec', apiGroup: '', apiVersion: 'v1' }, code: 201, uri: '/api/v1/namespaces/shop/pods/web/exec', decision: 'allow' },
    );
    assert.deepEqual([fromGkeDenied?.objectRef, fromGkeDenied?.responseStatus?.code, fromGkeDenied?.annotations?.['authorization.k8s.io/decision']],
      [{ resource: 'clusterrolebindings', name: 'root', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' }, 403, 'forbid']);
    for (const event of rest) assert.deepEqual(event, native);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^managed\.log:7: properties\.log is not JSON: /);
  });

  it('follows a growing file across rename rotation and truncation, like tail -F', async () => {
    const path = join(dir, 'live.log');
    await writeFile(path, jsonLines([auditEvent({ verb: 'get', name: 'one' })]));
    const controller = new AbortController();
    const seen: string[] = [];
    const files: string[] = [];
    const steps: Array<() => Promise<void>> = [
      // a line written in two parts
      async () => { await appendFile(path, JSON.stringify(auditEvent({ verb: 'get', name: 'two' })).slice(0, 30)); },
      async () => { await appendFile(path, `${JSON.stringify(auditEvent({ verb: 'get', name: 'two' })).slice(30)}\n`); },
      // rotation: rename, then a new file; the old file's unterminated last line still counts
      async () => {
        await appendFile(path, JSON.stringify(auditEvent({ verb: 'get', name: 'three' })));
        await rename(path, `${path}.1`);
        await writeFile(path, jsonLines([auditEvent({ verb: 'get', name: 'four' })]));
      },
      // copytruncate: the file starts again, shorter than what was read of it
      async () => { await truncate(path, 0); await writeFile(path, jsonLines([{ kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', objectRef: { name: 'five' } }])); },
    ];
    const expected = [['one'], ['one'], ['one', 'two'], ['one', 'two', 'three', 'four'], ['one', 'two', 'three', 'four', 'five']];
    let step = 0;
    for await (const batch of followAuditLog(path, 'live.log', { signal: controller.signal, intervalMs: 20 })) {
      if (batch.type === 'file') files.push(batch.file);
      if (batch.type !== 'records') continue;
      for (const record of batch.records) seen.push(record.event.objectRef?.name ?? '');
      while (step < steps.length && JSON.stringify(seen) === JSON.stringify(expected[step])) {
        await steps[step]?.();
        step++;
        if (step === 1) { await steps[step]?.(); step++; }
      }
      if (seen.length === 5) controller.abort();
    }
    assert.deepEqual(seen, ['one', 'two', 'three', 'four', 'five']);
    assert.deepEqual(files, ['live.log', 'live.log']);
  });
});
