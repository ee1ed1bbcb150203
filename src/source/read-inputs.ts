import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface InputText {
  /** Name used in findings: the path as the user wrote it (relative to cwd), or `<stdin>`. */
  readonly file: string;
  readonly text: string;
}

export interface InputProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface InputNote {
  readonly file: string;
  readonly message: string;
  /** Input that was found but not judged (an unrendered Helm chart): the scan cannot call it clean. */
  readonly notChecked?: true;
}

export type InputEvent =
  | { readonly type: 'text'; readonly input: InputText }
  | { readonly type: 'error'; readonly problem: InputProblem }
  | { readonly type: 'note'; readonly note: InputNote };

export interface ReadOptions {
  readonly cwd: string;
  readonly stdin?: Readable;
  readonly maxFileBytes?: number;
  /** Paths to leave out (--exclude, .kubewardignore): called with absolute paths of inputs and of what directories hold. */
  readonly exclude?: (absolutePath: string, isDirectory: boolean) => boolean;
}

/** Files that a walk would read, in a stable order, without reading them (for progress totals). */
export async function listInputFiles(paths: readonly string[], options: ReadOptions): Promise<string[]> {
  const files: string[] = [];
  for await (const event of walkInputs(paths, options)) if (event.type === 'file') files.push(event.path);
  return files;
}

/** Reads every input: files, directories (recursive), and `-` for standard input. Never throws for bad input. */
export async function* readInputs(paths: readonly string[], options: ReadOptions): AsyncGenerator<InputEvent> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for await (const event of walkInputs(paths, options)) {
    if (event.type !== 'file') {
      yield event;
      continue;
    }
    if (event.path === '-') {
      if (options.stdin === undefined) {
        yield problem('<stdin>', 'standard input is not available');
        continue;
      }
      yield decoded('<stdin>', await readStream(options.stdin, maxBytes));
      continue;
    }
    yield decoded(displayName(event.path, options.cwd), await readFileBounded(event.path, maxBytes));
  }
}

type WalkEvent = { readonly type: 'file'; readonly path: string } | Exclude<InputEvent, { type: 'text' }>;

async function* walkInputs(paths: readonly string[], options: ReadOptions): AsyncGenerator<WalkEvent> {
  const seenDirectories = new Set<string>();
  for (const input of paths) {
    if (input === '-') {
      yield { type: 'file', path: '-' };
      continue;
    }
    const absolute = resolve(options.cwd, input);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      yield problem(input, describeFsError(error));
      continue;
    }
    if (options.exclude?.(absolute, info.isDirectory()) === true) continue;
    if (info.isDirectory()) yield* walkDirectory(absolute, options.cwd, seenDirectories, options.exclude);
    else if (!info.isFile()) yield problem(input, notRegular(info));
    else yield { type: 'file', path: absolute };
  }
}

async function* walkDirectory(directory: string, cwd: string, seen: Set<string>, exclude: ReadOptions['exclude']): AsyncGenerator<WalkEvent> {
  let real: string;
  try {
    real = await realpath(directory);
  } catch (error) {
    yield problem(displayName(directory, cwd), describeFsError(error));
    return;
  }
  // A symlink back to an ancestor would otherwise be walked forever.
  if (seen.has(real)) {
    yield { type: 'note', note: { file: displayName(directory, cwd), message: 'directory already scanned (symlink loop or repeated path); skipped' } };
    return;
  }
  seen.add(real);
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    yield problem(displayName(directory, cwd), describeFsError(error));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const isHelmChart = entries.some((entry) => entry.name === 'Chart.yaml' && entry.isFile());
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      let info;
      try {
        info = await stat(path);
      } catch (error) {
        yield problem(displayName(path, cwd), describeFsError(error));
        continue;
      }
      if (info.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || exclude?.(path, true) === true) continue;
        // Helm templates are not manifests until rendered; scanning them would only report template syntax.
        if (isHelmChart && entry.name === 'templates') {
          yield { type: 'note', note: { file: displayName(path, cwd), message: 'Helm chart templates not checked: they are not manifests until rendered; scan the rendered output: helm template CHART | kubeward scan -', notChecked: true } };
          continue;
        }
        yield* walkDirectory(path, cwd, seen, exclude);
        continue;
      }
      if (!info.isFile()) {
        if (isManifestName(entry.name) && exclude?.(path, false) !== true) yield problem(displayName(path, cwd), notRegular(info));
        continue;
      }
    } else if (!entry.isFile()) {
      // Named pipes, sockets and devices: reading one could block or never end; refused, never skipped silently.
      if (isManifestName(entry.name) && exclude?.(path, false) !== true) yield problem(displayName(path, cwd), notRegular(entry));
      continue;
    }
    if (!isManifestName(entry.name) || exclude?.(path, false) === true) continue;
    if (isHelmChart && (entry.name === 'Chart.yaml' || entry.name.startsWith('values'))) continue;
    yield { type: 'file', path };
  }
}

type Bytes = { ok: true; bytes: Buffer } | { ok: false; message: string };

/** Synchronous on purpose: for many small files it is several times faster than the thread-pool reads. */
async function readFileBounded(path: string, maxBytes: number): Promise<Bytes> {
  let descriptor: number | undefined;
  try {
    // O_NONBLOCK: a FIFO put in place after the walk's stat must not block the open; fstat then refuses it.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(descriptor);
    if (!info.isFile()) return { ok: false, message: notRegular(info) };
    if (info.size > maxBytes) return { ok: false, message: `file is ${formatBytes(info.size)}, above the ${formatBytes(maxBytes)} limit (--max-file-size)` };
    return { ok: true, bytes: readFileSync(descriptor) };
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

async function readStream(stream: Readable, maxBytes: number): Promise<Bytes> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      return { ok: false, message: `input is above the ${formatBytes(maxBytes)} limit (--max-file-size)` };
    }
    chunks.push(buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

function decoded(file: string, read: Bytes): InputEvent {
  if (!read.ok) return problem(file, read.message);
  const checked = decodeText(read.bytes);
  if (!checked.ok) return { type: 'error', problem: { file, line: checked.line, column: checked.column, message: checked.message } };
  return { type: 'text', input: { file, text: checked.text } };
}

export type DecodedText = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** UTF-8 text only (the encoding Kubernetes manifests use); binary and other encodings get a clear error. */
export function decodeText(bytes: Buffer): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, line: 1, column: 1, message: 'file is UTF-16 encoded; save it as UTF-8' };
  }
  if (bytes.indexOf(0) !== -1) return { ok: false, line: 1, column: 1, message: 'binary file (contains NUL bytes), not YAML or JSON' };
  // isUtf8 and toString are native; a fatal TextDecoder costs several times more on large files.
  if (!isUtf8(bytes)) {
    const lossy = new StringDecoder('utf8').write(bytes);
    const at = lossy.indexOf('\uFFFD');
    const before = lossy.slice(0, Math.max(at, 0));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { ok: false, line, column, message: 'file is not valid UTF-8' };
  }
  const text = bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));
}

type FileKind = Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

function notRegular(info: FileKind): string {
  const kind = info.isFIFO() ? 'named pipe' : info.isSocket() ? 'socket' : info.isCharacterDevice() ? 'character device'
    : info.isBlockDevice() ? 'block device' : 'special file';
  return `not a regular file (${kind}); refused: give its content on standard input instead (kubeward scan - < FILE)`;
}

function problem(file: string, message: string): InputEvent & WalkEvent {
  return { type: 'error', problem: { file, line: 0, column: 0, message } };
}

function displayName(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  return relativePath === '' || relativePath.startsWith('..') ? path : relativePath.split(sep).join('/');
}

/** An errno as words, for messages that name the file and the cause. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on device';
    case 'ELOOP': return 'too many levels of symbolic links (symlink loop)';
    case 'EISDIR': return 'is a directory';
    default: return error instanceof Error ? error.message : String(error);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
