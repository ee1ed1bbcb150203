import { createHash, X509Certificate } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createSecureContext } from 'node:tls';

// A serving certificate and key read from files and read again when they change, so a rotated certificate
// (cert-manager, a kubelet-updated Secret volume, a person with openssl) is served without a restart.
// Secret volumes swap a `..data` symlink and editors rename files over the old ones, so the directories
// are watched rather than the files; a slow poll catches file systems where watch events never come.
// A pair that does not load (the key written before the certificate, a key that does not match) is
// refused and the previous pair stays in service until a good pair appears.

export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** sha256 of certificate and key: equal digests mean nothing changed. */
  readonly digest: string;
  readonly notAfter: Date;
  readonly subject: string;
  readonly fingerprint256: string;
}

export async function loadTlsMaterial(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  // Throws when the key does not belong to the certificate or either does not parse.
  createSecureContext({ cert, key });
  const leaf = new X509Certificate(cert);
  return {
    cert,
    key,
    digest: digestOf(cert, key),
    notAfter: new Date(leaf.validTo),
    subject: leaf.subject.replace(/\n/g, ', '),
    fingerprint256: leaf.fingerprint256,
  };
}

function digestOf(cert: Buffer, key: Buffer): string {
  return createHash('sha256').update(cert).update('\0').update(key).digest('hex');
}

export interface TlsWatchOptions {
  readonly certFile: string;
  readonly keyFile: string;
  /** The pair in service; changes are detected against it. */
  readonly current: TlsMaterial;
  /** Poll period in milliseconds, besides watch events; default 10 s. */
  readonly pollIntervalMs?: number;
  readonly onReload: (material: TlsMaterial) => void;
  readonly onError: (error: unknown) => void;
}

/** Starts watching; the returned function stops it. */
export function watchTlsFiles(options: TlsWatchOptions): () => void {
  let current = options.current;
  let failedDigest: string | undefined;
  let checking = false;
  let again = false;
  let stopped = false;
  const check = async (): Promise<void> => {
    if (stopped) return;
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      const [cert, key] = await Promise.all([readFile(options.certFile), readFile(options.keyFile)]);
      const digest = digestOf(cert, key);
      // Report a broken pair once, not on every poll.
      if (digest !== current.digest && digest !== failedDigest) {
        try {
          const material = await loadTlsMaterial(options.certFile, options.keyFile);
          current = material;
          failedDigest = undefined;
          if (!stopped) options.onReload(material);
        } catch (error) {
          failedDigest = digest;
          if (!stopped) options.onError(error);
        }
      }
    } catch (error) {
      // A file missing for a moment during a swap; the next event or poll tries again.
      if (!stopped && failedDigest !== 'unreadable') options.onError(error);
      failedDigest = 'unreadable';
    } finally {
      checking = false;
      if (again) {
        again = false;
        void check();
      }
    }
  };
  let debounce: NodeJS.Timeout | undefined;
  const soon = (): void => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void check(), 100);
    debounce.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const directory of new Set([dirname(options.certFile), dirname(options.keyFile)])) {
    try {
      const watcher = watch(directory, { persistent: false }, soon);
      watcher.on('error', () => {}); // the poll still runs
      watchers.push(watcher);
    } catch {
      // A directory that cannot be watched is polled.
    }
  }
  const poll = setInterval(() => void check(), options.pollIntervalMs ?? 10_000);
  poll.unref();
  return () => {
    stopped = true;
    clearInterval(poll);
    clearTimeout(debounce);
    for (const watcher of watchers) watcher.close();
  };
}
