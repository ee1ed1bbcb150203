// A server for the admission benchmark, in its own process so the load generator does not share its event loop.
// `kubeward`: `kubeward serve` as it runs in a cluster (no namespace watch: defaults enforce=baseline,
// audit=restricted, warn=restricted; kubeward's other rules deny critical, warn high).
// `bare`: node:https answering a fixed AdmissionReview to the same requests, after reading the whole body.
// Prints `{"port":N}` once listening; stops on SIGTERM.
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { parseAdmissionConfig } from '../src/admission/admission-config.js';
import { startAdmissionServer } from '../src/cli/serve/admission-server.js';
import { EMPTY_CONFIG } from '../src/engine/config.js';
import { allRules } from '../src/rules/index.js';

const [mode, certFile, keyFile] = process.argv.slice(2);
if (certFile === undefined || keyFile === undefined) throw new Error('usage: admission-server.ts kubeward|bare CERT KEY');

if (mode === 'bare') {
  const answer = Buffer.from(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true } }));
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Buffer.concat(chunks);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      response.end(answer);
    });
  });
  server.keepAliveTimeout = 125_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const running = await startAdmissionServer({
    port: 0, host: '127.0.0.1', certFile, keyFile,
    admission: parseAdmissionConfig({ defaults: { enforce: 'baseline', audit: 'restricted', warn: 'restricted' } }, 'bench', allRules),
    config: EMPTY_CONFIG, rules: allRules, namespaces: { kind: 'none', reason: 'benchmark' },
  });
  process.stdout.write(`${JSON.stringify({ port: running.server.port })}\n`);
  process.once('SIGTERM', () => void running.shutdown('SIGTERM').then(() => process.exit(0)));
}
