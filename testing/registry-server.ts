import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, createServingCertificate } from '../src/server/dev-certificates.js';

// Debian's docker-registry (distribution 2.8) on loopback for the image tests: plain HTTP, or TLS with
// token auth, the tokens issued by a small token server here (ES256 JWTs whose x5c certificate is the
// registry's rootcertbundle). Users: USERNAME/PASSWORD get pull and push; anonymous gets nothing.

export const USERNAME = 'alice';
export const PASSWORD = 'registry-password-1';

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  readonly host: string;
  /** PEM of the CA that signed the registry's certificate (TLS registries). */
  readonly ca?: string;
  /** Token requests the token server answered, and whether each carried valid credentials. */
  readonly tokenRequests: { scope: string; authenticated: boolean }[];
  stop(): Promise<void>;
}

export function registryBinary(): string {
  return process.env['KUBEWARD_REGISTRY_BIN'] ?? '/usr/bin/docker-registry';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startRegistry(options: { tls?: boolean } = {}): Promise<TestRegistry> {
  const directory = await mkdtemp(join(tmpdir(), 'kubeward-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const tokenRequests: { scope: string; authenticated: boolean }[] = [];
  let tokenServer: Server | undefined;
  let ca: string | undefined;
  let tlsConfig = '';
  if (options.tls === true) {
    const authority = await createCertificateAuthority({ commonName: 'kubeward test registry CA' });
    const serving = await createServingCertificate(authority, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    ca = authority.certPem;
    await writeFile(join(directory, 'cert.pem'), serving.certPem);
    await writeFile(join(directory, 'key.pem'), serving.keyPem);
    await writeFile(join(directory, 'ca.pem'), authority.certPem);
    const tokenPort = await freePort();
    tokenServer = await startTokenServer(tokenPort, serving, authority, tokenRequests);
    tlsConfig = [
      '  tls:',
      `    certificate: ${join(directory, 'cert.pem')}`,
      `    key: ${join(directory, 'key.pem')}`,
      'auth:',
      '  token:',
      `    realm: https://127.0.0.1:${tokenPort}/token`,
      '    service: kubeward-test-registry',
      '    issuer: kubeward-test-issuer',
      `    rootcertbundle: ${join(directory, 'ca.pem')}`,
    ].join('\n');
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(directory, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    tlsConfig,
    '',
  ].join('\n');
  await writeFile(join(directory, 'config.yml'), config);
  const child = spawn(registryBinary(), ['serve', join(directory, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await new Promise<void>((resolve) => (tokenServer === undefined ? resolve() : tokenServer.close(() => resolve())));
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, ...(ca === undefined ? {} : { ca }), tokenRequests, stop };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not listen on ${port}: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

async function startTokenServer(port: number, serving: { certPem: string; keyPem: string }, signer: { certPem: string; keyPem: string }, log: { scope: string; authenticated: boolean }[]): Promise<Server> {
  const key = createPrivateKey(signer.keyPem);
  const x5c = new X509Certificate(signer.certPem).raw.toString('base64');
  const server = createHttpsServer({ cert: serving.certPem, key: serving.keyPem }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const scope = url.searchParams.get('scope') ?? '';
    const header = request.headers.authorization ?? '';
    const authenticated = header === `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`;
    log.push({ scope, authenticated });
    if (header !== '' && !authenticated) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"wrong credentials"}');
      return;
    }
    const [type = '', name = '', actions = ''] = scope.split(':');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'kubeward-test-issuer', sub: authenticated ? USERNAME : '', aud: url.searchParams.get('service') ?? '',
      exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(),
      access: authenticated && type === 'repository' ? [{ type, name, actions: actions.split(',') }] : [],
    };
    const signingInput = `${base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: [x5c] }))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${signingInput}.${base64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
