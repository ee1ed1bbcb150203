import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore from 'ignore';
import { CliError } from './io.js';

/** Read from the working directory: paths to leave out of scans, in .gitignore syntax. */
export const IGNORE_FILE = '.kubewardignore';

/**
 * The paths a scan leaves out: `--exclude GLOB` patterns and the lines of `.kubewardignore` in the
 * working directory, both in .gitignore syntax (the `ignore` package), relative to the working
 * directory. Paths outside it are never excluded. Undefined when nothing is excluded.
 */
export async function inputExclusion(cwd: string, excludes: readonly string[]): Promise<((absolutePath: string, isDirectory: boolean) => boolean) | undefined> {
  const matcher = ignore();
  let patterns = 0;
  const file = join(cwd, IGNORE_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${IGNORE_FILE}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`);
  });
  if (text !== undefined) {
    matcher.add(text);
    patterns++;
  }
  for (const pattern of excludes) {
    if (pattern.trim() === '') throw new CliError('--exclude needs a pattern');
    matcher.add(pattern);
    patterns++;
  }
  if (patterns === 0) return undefined;
  return (absolutePath, isDirectory) => {
    const path = relative(cwd, absolutePath);
    if (path === '' || path.startsWith('..') || isAbsolute(path)) return false;
    const portable = path.split(sep).join('/');
    return matcher.ignores(isDirectory ? `${portable}/` : portable);
  };
}
