import { randomBytes } from 'node:crypto';
import { chmod, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same directory
 * (same filesystem, so the rename is atomic), is flushed to disk, gets the old file's mode, and is then
 * renamed over the original. A reader sees the old or the new file, never half of one; a crash leaves
 * at worst a stray `.kubeward-*.tmp` file.
 */
export async function writeFileAtomic(target: string, content: string, options: { readonly keepByteOrderMark?: boolean } = {}): Promise<void> {
  let text = content;
  let mode: number | undefined;
  let path = target;
  try {
    // Write through a symlink to the file it names, instead of replacing the link with a file.
    path = await realpath(target);
    mode = (await stat(path)).mode & 0o7777;
    // Inputs are read without their UTF-8 byte order mark; a file that had one keeps it.
    if (options.keepByteOrderMark !== false && !text.startsWith('\uFEFF') && (await hasByteOrderMark(path))) text = `\uFEFF${text}`;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const temporary = join(dirname(path), `.${basename(path)}.kubeward-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode ?? 0o644);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; set the mode explicitly so the file keeps exactly what it had.
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

async function hasByteOrderMark(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    return bytesRead === 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  } finally {
    await handle.close();
  }
}
