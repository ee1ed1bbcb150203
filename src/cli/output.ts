import { stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { CliError, type CliIO } from './io.js';
import { writeFileAtomic } from './fix/write-file-atomic.js';

/**
 * Writes command output to stdout, or to `--output FILE`. Every file output goes through one writer,
 * writeFileAtomic: an unpredictable temporary name created exclusively (O_EXCL, so a planted file or
 * symlink is never written through) and renamed over FILE. A file that cannot be written is a CliError
 * naming it and the cause, never an internal error.
 */
export async function writeOutput(text: string | Iterable<string>, outputFile: string | undefined, io: CliIO): Promise<void> {
  if (outputFile === undefined || outputFile === '-') {
    if (typeof text === 'string') io.stdout.write(text);
    else await writeChunks(io.stdout, text);
    return;
  }
  const target = resolve(io.cwd, outputFile);
  try {
    // Devices and pipes (`-o /dev/stdout`) are written to; only regular files are replaced atomically.
    const existing = await stat(target).catch(() => undefined);
    if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) await writeFile(target, text, 'utf8');
    else await writeFileAtomic(target, text, { keepByteOrderMark: false });
  } catch (error) {
    throw new CliError(`cannot write ${outputFile}: ${await outputProblem(error, target, io.cwd)}`);
  }
}

/** Writes pieces of a large output one after the other, waiting while the stream's buffer is full. */
async function writeChunks(stream: CliIO['stdout'], chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (stream.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    if (stream.destroyed) return;
  }
}

async function outputProblem(error: unknown, target: string, cwd: string): Promise<string> {
  const code = (error as { code?: string }).code;
  const directory = dirname(target);
  const shown = relative(cwd, directory).startsWith('..') || relative(cwd, directory) === '' ? directory : relative(cwd, directory);
  switch (code) {
    case 'ENOENT': return `directory ${shown} does not exist`;
    case 'ENOTDIR': return `${shown} is not a directory`;
    case 'EISDIR': return 'it is a directory';
    case 'EACCES': case 'EPERM': return `permission denied${(await stat(target).catch(() => undefined)) === undefined ? ` (directory ${shown})` : ''}`;
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the device';
    default: return error instanceof Error ? error.message : String(error);
  }
}

export type ColorMode = 'auto' | 'always' | 'never';

export function isColorMode(text: string): text is ColorMode {
  return text === 'auto' || text === 'always' || text === 'never';
}

/** --color: always and never decide; auto follows NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal. */
export function isColorEnabled(io: CliIO, mode: ColorMode = 'auto'): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  const force = io.env['FORCE_COLOR'];
  if (force === '0' || force === 'false') return false;
  if (force !== undefined) return true;
  return io.stdout.isTTY === true;
}

/** Progress goes to stderr on an interactive terminal only: never on a pipe or in CI. */
export function isProgressEnabled(io: CliIO): boolean {
  return io.stderr.isTTY === true && (io.env['CI'] === undefined || io.env['CI'] === '' || io.env['CI'] === 'false');
}
