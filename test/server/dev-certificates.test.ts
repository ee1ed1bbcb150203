import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { createCertificateAuthority, createServingCertificate } from '../../src/server/dev-certificates.js';

test('the serving certificate is signed by the CA and names every DNS name and IP', async () => {
  const authority = await createCertificateAuthority();
  const serving = await createServingCertificate(authority, { dnsNames: ['kubeward.kubeward.svc', 'localhost'], ipAddresses: ['127.0.0.1', '::1'], days: 30 });
  const ca = new X509Certificate(authority.certPem);
  const leaf = new X509Certificate(serving.certPem);
  assert.ok(ca.ca, 'the CA is a CA');
  assert.ok(!leaf.ca, 'the serving certificate is not');
  assert.ok(leaf.verify(ca.publicKey), 'signed by the CA');
  assert.ok(leaf.checkIssued(ca));
  assert.equal(leaf.checkHost('kubeward.kubeward.svc'), 'kubeward.kubeward.svc');
  assert.equal(leaf.checkHost('localhost'), 'localhost');
  assert.equal(leaf.checkHost('other.example'), undefined);
  assert.equal(leaf.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(leaf.checkIP('10.0.0.1'), undefined);
  assert.match(leaf.keyUsage?.join(',') ?? '', /1\.3\.6\.1\.5\.5\.7\.3\.1/, 'extended key usage serverAuth');
  const days = (Date.parse(leaf.validTo) - Date.now()) / 86_400_000;
  assert.ok(days > 29 && days < 31, `valid for 30 days (${String(days)})`);
  assert.match(serving.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
});

test('refuses names that are neither DNS names nor IPs, and an empty name list', async () => {
  const authority = await createCertificateAuthority();
  await assert.rejects(createServingCertificate(authority, { dnsNames: [], ipAddresses: ['300.1.1.1'] }), /"300\.1\.1\.1" is not an IP address/);
  await assert.rejects(createServingCertificate(authority, { dnsNames: ['Bad_Name'], ipAddresses: [] }), /"Bad_Name" is not a DNS name/);
  await assert.rejects(createServingCertificate(authority, { dnsNames: [], ipAddresses: [] }), /at least one DNS name or IP address/);
  await assert.rejects(createServingCertificate(authority, { dnsNames: ['a'], ipAddresses: [], days: 99_999 }), /outlive its CA/);
});
