// A kubeadm-like node tree for tests: the fixture files (kubeadm v1.31 defaults) copied to a temporary
// root, a real PKI made with openssl, and the modes kubeadm gives them (git keeps no modes or owners).
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FIXTURE = join(import.meta.dirname, 'fixtures', 'kubeadm');

export interface NodeTree {
  readonly root: string;
  /** A path inside the node, resolved under the root. */
  at(path: string): string;
  remove(): Promise<void>;
}

const CERTIFICATES = ['ca', 'apiserver', 'apiserver-kubelet-client', 'apiserver-etcd-client', 'front-proxy-ca', 'front-proxy-client', 'etcd/ca', 'etcd/server', 'etcd/peer'];

export async function kubeadmTree(options: { days?: number } = {}): Promise<NodeTree> {
  const root = await mkdtemp(join(tmpdir(), 'kubeward-node-'));
  const at = (path: string): string => join(root, path);
  await cp(FIXTURE, root, { recursive: true });
  await mkdir(at('/etc/kubernetes/pki/etcd'), { recursive: true });
  await mkdir(at('/var/lib/etcd/member'), { recursive: true });
  for (const name of CERTIFICATES) {
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', at(`/etc/kubernetes/pki/${name}.key`), '-out', at(`/etc/kubernetes/pki/${name}.crt`),
      '-days', String(options.days ?? 365), '-subj', `/CN=${name.replace('/', '-')}`]);
  }
  await run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', at('/etc/kubernetes/pki/sa.key')]);
  await run('openssl', ['pkey', '-in', at('/etc/kubernetes/pki/sa.key'), '-pubout', '-out', at('/etc/kubernetes/pki/sa.pub')]);
  for (const file of await readdir(at('/etc/kubernetes/manifests'))) await chmod(at(`/etc/kubernetes/manifests/${file}`), 0o600);
  for (const file of ['admin', 'super-admin', 'scheduler', 'controller-manager', 'kubelet']) await chmod(at(`/etc/kubernetes/${file}.conf`), 0o600);
  for (const name of CERTIFICATES) {
    await chmod(at(`/etc/kubernetes/pki/${name}.crt`), 0o644);
    await chmod(at(`/etc/kubernetes/pki/${name}.key`), 0o600);
  }
  await chmod(at('/etc/kubernetes/pki/sa.key'), 0o600);
  await chmod(at('/etc/kubernetes/pki/sa.pub'), 0o644);
  await chmod(at('/var/lib/etcd'), 0o700);
  await chmod(at('/var/lib/kubelet/config.yaml'), 0o600);
  await chmod(at('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'), 0o600);
  return { root, at, remove: () => rm(root, { recursive: true, force: true }) };
}
