import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLUSTER_RESOURCES } from './cluster-resources.js';
import { readClusterObjects } from './read-cluster-objects.js';

// Stub API servers on the loopback, for what the real API server never does: continue tokens that
// never end, unbounded answers, a server that accepts and then stalls. (test/cluster/ runs the real one.)

const directory = mkdtempSync(join(tmpdir(), 'kubeward-limits-'));
const servers: ReturnType<typeof createServer>[] = [];
const sockets = new Set<Socket>();
after(() => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.close();
});

async function stub(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  server.on('connection', (socket) => sockets.add(socket));
  servers.push(server);
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

function kubeconfig(server: string, user: string): string {
  const file = join(directory, `kubeconfig-${String(Math.random()).slice(2)}.yaml`);
  writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${server}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user:\n${user}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`);
  return file;
}

const TOKEN = '    token: stub-token\n';
const pods = CLUSTER_RESOURCES.filter((resource) => resource.kind === 'Pod');
const version = (response: ServerResponse): void => { response.setHeader('content-type', 'application/json'); response.end('{"gitVersion":"v1.33.0","major":"1","minor":"33"}'); };

describe('limits of a cluster read', () => {
  it('stops a list whose continue tokens never end, with a clear error', async () => {
    let pages = 0;
    const server = await stub((request, response) => {
      if (request.url === '/version') return version(response);
      pages++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { continue: `token-${String(pages)}` }, items: [] }));
    });
    const result = await readClusterObjects({ kubeconfig: kubeconfig(server, TOKEN), resources: pods, maxPages: 25 });
    assert.equal(pages, 25);
    assert.deepEqual(result.errors.map((error) => error.message), ['cannot list pods in all namespaces: invalid-response: more than 25 pages: the server keeps answering with a continue token; stopped']);
  });

  it('refuses an answer above the body limit', async () => {
    const server = await stub((request, response) => {
      if (request.url === '/version') return version(response);
      response.setHeader('content-type', 'application/json');
      response.write('{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[');
      const item = JSON.stringify({ metadata: { name: 'p'.repeat(200) } });
      for (let index = 0; index < 8_000; index++) response.write(`${index === 0 ? '' : ','}${item}`);
      response.end(']}');
    });
    const result = await readClusterObjects({ kubeconfig: kubeconfig(server, TOKEN), resources: pods, maxResponseBytes: 1024 * 1024 });
    assert.deepEqual(result.errors.map((error) => [error.reason, error.message]), [['too-large', 'cannot list pods in all namespaces: too-large: the answer is larger than 1 MiB; refused (--max-response-size)']]);
  });

  it('ends at the overall deadline when a server accepts and never answers', async () => {
    const server = await stub(() => { /* never answers */ });
    const result = await readClusterObjects({ kubeconfig: kubeconfig(server, TOKEN), resources: pods, requestTimeoutMs: 60_000, deadlineMs: 300 });
    assert.deepEqual(result.errors.map((error) => [error.resource, error.reason]), [['server', 'deadline']]);
    assert.match(result.errors[0]?.message ?? '', /nothing could be read in time: the read did not finish within 0\.3 s \(--timeout\)/);
  });

  it('ends at the overall deadline when an exec credential plugin hangs', async () => {
    const plugin = join(directory, 'hanging-plugin.mjs');
    writeFileSync(plugin, 'setTimeout(() => {}, 5_000);\n');
    const user = `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${JSON.stringify(process.execPath)}\n      args: [${JSON.stringify(plugin)}]\n      interactiveMode: Never\n`;
    const result = await readClusterObjects({ kubeconfig: kubeconfig('http://127.0.0.1:9', user), resources: pods, deadlineMs: 500 });
    assert.deepEqual(result.errors.map((error) => [error.resource, error.reason]), [['server', 'deadline']]);
  });
});
