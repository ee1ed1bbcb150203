import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { verifyBytes, verifyingStream } from './digest.js';

// The local content-addressed store: blobs/<algorithm>/<hex>, written to a temporary name, verified,
// then renamed, so a reader never sees a partial or wrong blob and concurrent writers do not collide.

export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['KUBEWARD_CACHE_DIR'];
  if (configured !== undefined && configured !== '') return configured;
  return join(env['HOME'] ?? homedir(), '.cache', 'kubeward');
}

export class BlobCache {
  constructor(readonly root: string) {}

  pathOf(digest: string): string {
    const [algorithm = '', hex = ''] = digest.split(':');
    return join(this.root, 'blobs', algorithm, hex);
  }

  async has(digest: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(digest))).isFile();
    } catch {
      return false;
    }
  }

  async read(digest: string): Promise<Buffer | undefined> {
    try {
      const bytes = await readFile(this.pathOf(digest));
      verifyBytes(bytes, digest, `cached blob ${digest}`);
      return bytes;
    } catch {
      return undefined;
    }
  }

  async write(digest: string, bytes: Uint8Array): Promise<void> {
    verifyBytes(bytes, digest, `blob ${digest}`);
    const temporary = await this.temporaryPath(digest);
    await writeFile(temporary, bytes);
    await rename(temporary, this.pathOf(digest));
  }

  /** Streams `source` into the cache, verifying the digest (and size) before the blob becomes visible. */
  async writeStream(digest: string, source: Readable, size?: number): Promise<void> {
    const temporary = await this.temporaryPath(digest);
    try {
      await pipeline(source, verifyingStream(digest, `blob ${digest}`, size), createWriteStream(temporary));
      await rename(temporary, this.pathOf(digest));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  open(digest: string): Readable {
    return createReadStream(this.pathOf(digest));
  }

  private async temporaryPath(digest: string): Promise<string> {
    const path = this.pathOf(digest);
    await mkdir(join(path, '..'), { recursive: true });
    return `${path}.tmp-${randomBytes(6).toString('hex')}`;
  }
}
