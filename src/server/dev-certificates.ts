import { randomBytes, webcrypto, X509Certificate as NodeX509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect metadata API; the
// polyfill must be evaluated first (ESM evaluates imports in order). Only `serve cert` and tests load this module.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

// A development certificate authority and a serving certificate it signs, for webhooks the API server
// calls over TLS (it verifies them against the `caBundle` of the webhook configuration). Built with
// @peculiar/x509 over Node's WebCrypto: no openssl binary, the same output on every machine.
// ECDSA P-256 with SHA-256, which Go's crypto/tls (the API server) and every current client accept.
// Go ignores the Common Name, so every name a client dials must be a subjectAltName (DNS or IP).

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const crypto = webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.create>[1];

export interface CertificateAuthority {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface ServingCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface DevCertificateOptions {
  /** DNS subjectAltNames, e.g. `kubeward.kubeward.svc`; the first is also the Common Name. */
  readonly dnsNames: readonly string[];
  /** IP subjectAltNames, e.g. `127.0.0.1`. */
  readonly ipAddresses: readonly string[];
  /** Validity of the serving certificate in days; default 365. */
  readonly days?: number;
  readonly now?: Date;
}

export async function createCertificateAuthority(options: { days?: number; now?: Date; commonName?: string } = {}): Promise<CertificateAuthority> {
  const now = options.now ?? new Date();
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${options.commonName ?? 'kubeward development CA'}`,
    notBefore: backdated(now),
    notAfter: addDays(now, options.days ?? 3650),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    ],
  }, crypto);
  return { certPem: certificate.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** A serving certificate signed by `authority` for the given names. */
export async function createServingCertificate(authority: CertificateAuthority, options: DevCertificateOptions): Promise<ServingCertificate> {
  const names = [
    ...options.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...options.ipAddresses.map((value) => {
      if (isIP(value) === 0) throw new Error(`"${value}" is not an IP address`);
      return { type: 'ip' as const, value };
    }),
  ];
  if (names.length === 0) throw new Error('a serving certificate needs at least one DNS name or IP address');
  for (const name of options.dnsNames) {
    if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) throw new Error(`"${name}" is not a DNS name`);
  }
  const now = options.now ?? new Date();
  const caCertificate = new x509.X509Certificate(authority.certPem);
  const caKey = await importPrivateKey(authority.keyPem);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const commonName = options.dnsNames[0] ?? options.ipAddresses[0] ?? 'kubeward';
  const notAfter = addDays(now, options.days ?? 365);
  const caNotAfter = new Date(new NodeX509Certificate(authority.certPem).validTo);
  if (notAfter > caNotAfter) throw new Error(`the serving certificate would outlive its CA (which expires ${caNotAfter.toISOString()})`);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${commonName}`,
    issuer: caCertificate.subject,
    notBefore: backdated(now),
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(names, false),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate, false, crypto),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    ],
  }, crypto);
  return { certPem: certificate.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
  if (match?.[1] === undefined) throw new Error('the CA key is not a PKCS#8 PEM private key ("BEGIN PRIVATE KEY")');
  return webcrypto.subtle.importKey('pkcs8', Buffer.from(match[1].replace(/\s+/g, ''), 'base64'), ALGORITHM, false, ['sign']);
}

/** 128 random bits, positive (RFC 5280 allows at most 20 octets). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** One hour back, so a client whose clock runs slightly behind accepts a certificate made just now. */
function backdated(now: Date): Date {
  return new Date(now.getTime() - 60 * 60 * 1000);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 24 * 60 * 60 * 1000);
}
