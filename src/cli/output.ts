import { rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename, resolve } from 'node:path';
import type { CliIO } from './io.js';

/** Writes command output to stdout, or atomically to `--output FILE`. */
export async function writeOutput(text: string, outputFile: string | undefined, io: CliIO): Promise<void> {
  if (outputFile === undefined || outputFile === '-') {
    io.stdout.write(text);
    return;
  }
  const target = resolve(io.cwd, outputFile);
  // Devices and pipes (`-o /dev/stdout`) are written to; only regular files are replaced atomically.
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(target, text, 'utf8');
    return;
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, target);
}

export function isColorEnabled(io: CliIO): boolean {
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return io.stdout.isTTY === true;
}

/** Progress goes to stderr on an interactive terminal only: never on a pipe or in CI. */
export function isProgressEnabled(io: CliIO): boolean {
  return io.stderr.isTTY === true && (io.env['CI'] === undefined || io.env['CI'] === '' || io.env['CI'] === 'false');
}
