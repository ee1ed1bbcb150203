import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content, keeping what makes it the same file:
 * - through a symlink, the file it names is written (the link stays a link);
 * - its mode, and its owner and group, stay as they were;
 * - a file with several hard links is rewritten in place, so every name sees the new text;
 * - otherwise the new text goes to a temporary file in the same directory (created exclusively, so a
 *   planted file or symlink is never followed), is flushed to disk and renamed over the original: a
 *   reader sees the old or the new file, never half of one.
 * A file the user may not write is refused (`access`), even where the directory would allow a rename.
 */
export async function writeFileAtomic(target: string, content: string | Iterable<string>, options: { readonly keepByteOrderMark?: boolean } = {}): Promise<void> {
  // Pieces (a report too large for one string) are written as they come; only whole texts keep a BOM.
  let text = content;
  let path = target;
  let existing: { mode: number; uid: number; gid: number; nlink: number } | undefined;
  try {
    // Write through a symlink to the file it names, instead of replacing the link with a file.
    path = await realpath(target);
    const stats = await stat(path);
    if (!stats.isFile()) throw Object.assign(new Error(`${target} is not a regular file`), { code: 'ENOTREGULAR' });
    existing = { mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, nlink: stats.nlink };
    await access(path, constants.W_OK);
    // Inputs are read without their UTF-8 byte order mark; a file that had one keeps it.
    if (typeof text === 'string' && options.keepByteOrderMark !== false && !text.startsWith('\uFEFF') && (await hasByteOrderMark(path))) text = `\uFEFF${text}`;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  if (existing !== undefined && (existing.nlink > 1 || !(await canKeepOwner(existing)))) {
    await writeInPlace(path, text);
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.kubeward-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', existing?.mode ?? 0o644);
  try {
    try {
      if (typeof text === 'string') await handle.writeFile(text, 'utf8');
      else for (const piece of text) await handle.write(piece, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing !== undefined) {
      // open() applies the umask; set the mode explicitly so the file keeps exactly what it had.
      await chmod(temporary, existing.mode);
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) await chown(temporary, existing.uid, existing.gid);
    }
    // The temporary file must still be ours (lstat: not swapped for a link) when it replaces the original.
    if (!(await lstat(temporary)).isFile()) throw new Error(`${temporary} was replaced while it was written`);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** A replacement file gets the writer's owner; only a privileged writer (or the owner) can keep it. */
async function canKeepOwner(existing: { uid: number; gid: number }): Promise<boolean> {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return true;
  return existing.uid === uid && existing.gid === process.getgid?.();
}

/** Rewrites the file through its own inode: hard links and ownership stay; not atomic. */
async function writeInPlace(path: string, text: string | Iterable<string>): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    let length = 0;
    for (const piece of typeof text === 'string' ? [text] : text) {
      const bytes = Buffer.from(piece, 'utf8');
      await handle.write(bytes, 0, bytes.length, length);
      length += bytes.length;
    }
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
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
