import { execFile } from 'node:child_process';
import type { KustomizationOutput } from '../../source/read-inputs.js';

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

/**
 * Builds a kustomization directory with `kubectl kustomize DIR` (kustomize as kubectl ships it, so what is
 * scanned is what `kubectl apply -k` applies). Without kubectl on the PATH the directory is not checked.
 */
export function kubectlKustomize(env: Readonly<Record<string, string | undefined>>): (directory: string) => Promise<KustomizationOutput> {
  return (directory) => new Promise((resolve) => {
    execFile('kubectl', ['kustomize', directory], { env: { ...env }, maxBuffer: MAX_OUTPUT_BYTES, timeout: TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) {
        resolve({ ok: true, text: stdout });
        return;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ ok: false, unavailable: true, message: 'kubectl is not on the PATH to build it' });
        return;
      }
      const detail = stderr.trim().split('\n').slice(-3).join(' ') || error.message;
      resolve({ ok: false, unavailable: false, message: detail });
    });
  });
}
