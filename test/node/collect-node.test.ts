import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { collectNode } from '../../src/node/collect-node.js';
import { locateInNode } from '../../src/node/node-subject.js';
import { flagPath, kubeletPath, kubeletSetting } from '../../src/k8s/node-config.js';
import { kubeadmTree, type NodeTree } from './node-tree.js';

describe('collectNode over a kubeadm tree (no processes)', () => {
  let tree: NodeTree;
  before(async () => { tree = await kubeadmTree(); });
  after(async () => { await tree.remove(); });

  it('reads the static pod manifests with the line of each flag', async () => {
    const { node, problems } = await collectNode({ root: tree.root, ignoreProcesses: true });
    assert.deepEqual(problems, []);
    assert.equal(node.access, 'files');
    assert.equal(node.metadata.name, 'cp1');
    const apiserver = node.components['kube-apiserver'];
    assert.equal(apiserver?.source, 'manifest');
    assert.equal(apiserver?.version, '1.31.4');
    assert.equal(apiserver?.flags['authorization-mode'], 'Node,RBAC');
    assert.deepEqual(locateInNode(node, flagPath('kube-apiserver', 'authorization-mode')), { file: '/etc/kubernetes/manifests/kube-apiserver.yaml', line: 17, column: 1 });
    assert.equal(node.components.etcd?.flags['client-cert-auth'], 'true');
    assert.equal(node.components['kube-scheduler']?.flags['bind-address'], '127.0.0.1');
  });

  it('reads the kubelet from its unit, kubeadm flags file and config file; flags override the file', async () => {
    await writeFile(tree.at('/var/lib/kubelet/kubeadm-flags.env'), 'KUBELET_KUBEADM_ARGS="--read-only-port=10255 --anonymous-auth=true"\n');
    const { node } = await collectNode({ root: tree.root, ignoreProcesses: true });
    assert.equal(node.components.kubelet?.source, 'systemd-unit');
    assert.equal(node.kubelet?.configFile, '/var/lib/kubelet/config.yaml');
    const kubelet = node.kubelet;
    assert.ok(kubelet !== undefined);
    assert.deepEqual(kubeletSetting(kubelet, 'readOnlyPort'), { value: 10255, set: true });
    assert.deepEqual(kubeletSetting(kubelet, 'authentication.anonymous.enabled'), { value: true, set: true });
    assert.deepEqual(kubeletSetting(kubelet, 'authorization.mode'), { value: 'Webhook', set: true });
    assert.deepEqual(kubeletSetting(kubelet, 'rotateCertificates'), { value: true, set: true });
    // unset in a config file: the v1beta1 default, not the flag default
    assert.deepEqual(kubeletSetting(kubelet, 'protectKernelDefaults'), { value: false, set: false });
    assert.deepEqual(locateInNode(node, kubeletPath('rotateCertificates')), { file: '/var/lib/kubelet/config.yaml', line: 38, column: 1 });
    assert.equal(locateInNode(node, kubeletPath('readOnlyPort')).file, '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf');
    await writeFile(tree.at('/var/lib/kubelet/kubeadm-flags.env'), 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock"\n');
  });

  it('reads modes and owners with lstat, certificate expiry, and the PKI tree', async () => {
    await chmod(tree.at('/etc/kubernetes/admin.conf'), 0o644);
    const { node } = await collectNode({ root: tree.root, ignoreProcesses: true });
    const admin = node.files['admin-kubeconfig'] ?? [];
    assert.deepEqual(admin.map((fact) => [fact.path, fact.mode]), [['/etc/kubernetes/admin.conf', 0o644], ['/etc/kubernetes/super-admin.conf', 0o600]]);
    assert.equal(node.files['etcd-data-dir']?.[0]?.mode, 0o700);
    assert.equal(node.files['etcd-data-dir']?.[0]?.isDirectory, true);
    const certificates = node.files['pki-certificate'] ?? [];
    assert.equal(certificates.length, 9);
    assert.ok(certificates.every((fact) => fact.notAfter !== undefined && Date.parse(fact.notAfter) > Date.now()));
    assert.ok((node.files['pki-key'] ?? []).some((fact) => fact.path === '/etc/kubernetes/pki/sa.key'));
    assert.equal(node.files.pki?.[0]?.path, '/etc/kubernetes/pki');
    assert.equal(node.files['kubelet-client-ca']?.[0]?.path, '/etc/kubernetes/pki/ca.crt');
    assert.equal(node.files['kubelet-kubeconfig']?.[0]?.exists, true);
    await chmod(tree.at('/etc/kubernetes/admin.conf'), 0o600);
  });

  it('reads the EncryptionConfiguration without keeping key material', async () => {
    const manifest = tree.at('/etc/kubernetes/manifests/kube-apiserver.yaml');
    const { readFile } = await import('node:fs/promises');
    const original = await readFile(manifest, 'utf8');
    await writeFile(manifest, original.replace('    - --tls-private-key-file', '    - --encryption-provider-config=/etc/kubernetes/enc.yaml\n    - --tls-private-key-file'));
    const secret = Buffer.alloc(32, 7).toString('base64');
    await writeFile(tree.at('/etc/kubernetes/enc.yaml'), `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aescbc:\n          keys:\n            - name: key1\n              secret: ${secret}\n      - identity: {}\n`);
    const { node } = await collectNode({ root: tree.root, ignoreProcesses: true });
    await writeFile(manifest, original);
    assert.equal(node.encryption?.path, '/etc/kubernetes/enc.yaml');
    assert.ok(!JSON.stringify(node).includes(secret), 'the key never reaches the node object');
    assert.match(JSON.stringify(node.encryption?.value), /"secretBytes":32/);
    assert.deepEqual(locateInNode(node, ['encryption', 'value', 'resources', 0, 'providers', 1]), { file: '/etc/kubernetes/enc.yaml', line: 10, column: 1 });
  });

  it('names what it could not find', async () => {
    const { node } = await collectNode({ root: tree.at('/nothing-here'), ignoreProcesses: true });
    assert.deepEqual(node.components, {});
    assert.match(node.limits.join('\n'), /no control plane component or kubelet found/);
  });
});

describe('collectNode over processes', () => {
  let tree: NodeTree;
  before(async () => {
    tree = await kubeadmTree();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(tree.at('/proc/4242'), { recursive: true });
    await writeFile(tree.at('/proc/4242/cmdline'), ['/usr/local/bin/kube-apiserver', '--anonymous-auth=false', '--authorization-mode', 'Node,RBAC', '--profiling=false', ''].join('\0'));
    await mkdir(tree.at('/proc/4243'), { recursive: true });
    await writeFile(tree.at('/proc/4243/cmdline'), ['bash', 'tether.sh', '/usr/local/bin/etcd', ''].join('\0'));
  });
  after(async () => { await tree.remove(); });

  it('prefers the running process to the manifest, and locates a flag by its argument index', async () => {
    const { node } = await collectNode({ root: tree.root });
    assert.equal(node.access, 'node');
    const apiserver = node.components['kube-apiserver'];
    assert.equal(apiserver?.source, 'process');
    assert.equal(apiserver?.pid, 4242);
    assert.deepEqual(apiserver?.flags, { 'anonymous-auth': 'false', 'authorization-mode': 'Node,RBAC', profiling: 'false' });
    assert.deepEqual(locateInNode(node, flagPath('kube-apiserver', 'profiling')), { file: '/proc/4242/cmdline', line: 4, column: 1 });
    // a shell that names etcd in its arguments is not etcd; the manifest is read instead
    assert.equal(node.components.etcd?.source, 'manifest');
  });

  it('reads only the processes it is told to', async () => {
    const { node } = await collectNode({ root: tree.root, pids: new Set([1]) });
    assert.equal(node.components['kube-apiserver']?.source, 'manifest');
  });
});
