import { open, stat, type FileHandle } from 'node:fs/promises';
import { LineSplitter, type AuditBatch } from './read-audit-log.js';

// `--follow`: tail a growing log like `tail -F`. The file is read to its end, then polled; when the
// path names a new file (rotated by rename) the rest of the old one is read first and the new one is
// read from its start; when it shrinks (copytruncate) it is read again from the start; when it is
// missing for a while (between rename and create) polling simply goes on.

export interface FollowOptions {
  /** Stops following; the generator returns after the batch in hand. */
  readonly signal: AbortSignal;
  /** Poll interval in milliseconds (default 250). */
  readonly intervalMs?: number;
  /** Start at the end of the file instead of its beginning (new events only). */
  readonly fromEnd?: boolean;
}

const CHUNK = 1 << 20;

export async function* followAuditLog(path: string, name: string, options: FollowOptions): AsyncGenerator<AuditBatch> {
  const interval = options.intervalMs ?? 250;
  let handle: FileHandle | undefined;
  let inode = -1;
  let position = 0;
  let splitter = new LineSplitter(name);
  let first = true;
  const buffer = Buffer.alloc(CHUNK);
  /** Everything from `position` to the current end of the open file. */
  async function* drain(file: FileHandle): AsyncGenerator<AuditBatch> {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield* splitter.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
  }
  try {
    while (!options.signal.aborted) {
      if (handle === undefined) {
        try {
          handle = await open(path, 'r');
          const info = await handle.stat();
          inode = info.ino;
          position = first && options.fromEnd === true ? info.size : 0;
          splitter = new LineSplitter(name);
          yield { type: 'file', file: name };
        } catch {
          handle = undefined;
        }
        first = false;
      }
      if (handle !== undefined) {
        yield* drain(handle);
        const current = await stat(path).catch(() => undefined);
        if (current !== undefined && current.ino !== inode) {
          // Rotated: read what reached the old file before the rename; its last line may lack a newline.
          yield* drain(handle);
          yield* splitter.end();
          await handle.close();
          handle = undefined;
          continue;
        }
        if (current !== undefined && current.size < position) {
          // Truncated in place: start over.
          position = 0;
          splitter = new LineSplitter(name);
          continue;
        }
      }
      await sleep(interval, options.signal);
    }
  } finally {
    await handle?.close();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    if (signal.aborted) return resolvePromise();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolvePromise();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
