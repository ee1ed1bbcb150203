import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { AuditEvent } from '../../k8s/audit-event.js';
import { decodeAuditValue } from './managed-formats.js';

// Reads audit logs: JSON lines (the log backend, one Event per line), whole JSON documents (an
// EventList, a JSON array, a pretty-printed export), gzip-compressed or not (by content, not by
// name), from files, directories (rotated files oldest first) and standard input. A bad line is an
// error naming its file and line; the lines after it are still read.

export interface AuditRecord {
  readonly event: AuditEvent;
  /** The name the user gave (relative to cwd), or `<stdin>`. */
  readonly file: string;
  /** 1-based line where the event's JSON value starts. */
  readonly line: number;
}

export interface AuditInputError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Records in reading order, in batches (one per chunk read) so a million lines cost no million promises. */
export type AuditBatch =
  | { readonly type: 'records'; readonly records: readonly AuditRecord[] }
  | { readonly type: 'error'; readonly error: AuditInputError }
  | { readonly type: 'file'; readonly file: string };

export interface AuditReadOptions {
  readonly cwd: string;
  readonly stdin?: Readable;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Every input in order; a directory contributes its files oldest first (rotation order), then by name. */
export async function* readAuditLogs(paths: readonly string[], options: AuditReadOptions): AsyncGenerator<AuditBatch> {
  for (const path of paths) {
    if (path === '-') {
      if (options.stdin === undefined) {
        yield { type: 'error', error: { file: '<stdin>', line: 0, message: 'standard input is not available' } };
        continue;
      }
      yield { type: 'file', file: '<stdin>' };
      yield* readAuditStream(options.stdin, '<stdin>');
      continue;
    }
    const absolute = resolve(options.cwd, path);
    let files: string[];
    try {
      files = await filesOf(absolute);
    } catch (error) {
      yield { type: 'error', error: { file: path, line: 0, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
      continue;
    }
    for (const file of files) {
      const name = file === absolute ? path : relative(options.cwd, file);
      yield { type: 'file', file: name };
      let stream: Readable;
      try {
        stream = await openMaybeGzip(file);
      } catch (error) {
        yield { type: 'error', error: { file: name, line: 0, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
        continue;
      }
      yield* readAuditStream(stream, name);
    }
  }
}

async function filesOf(absolute: string): Promise<string[]> {
  const info = await stat(absolute);
  if (!info.isDirectory()) return [absolute];
  const entries = await readdir(absolute, { withFileTypes: true });
  const files = await Promise.all(entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map(async (entry) => {
    const file = join(absolute, entry.name);
    return { file, mtime: (await stat(file)).mtimeMs };
  }));
  files.sort((a, b) => a.mtime - b.mtime || rotationRank(a.file) - rotationRank(b.file) || a.file.localeCompare(b.file));
  return files.map((entry) => entry.file);
}

/** `audit.log.3` before `audit.log.1` before `audit.log`: logrotate's numbered copies are older the higher they go. */
function rotationRank(file: string): number {
  const match = /\.(\d+)(\.gz)?$/.exec(file);
  return match === null ? 0 : -Number(match[1]);
}

async function openMaybeGzip(file: string): Promise<Readable> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const stream = createReadStream(file);
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1] ? stream.pipe(createGunzip()) : stream;
}

/**
 * JSON lines, unless the first value does not fit on its first line: then the whole input is one
 * JSON document (an EventList or array as `kubectl` or `jq` print it).
 */
export async function* readAuditStream(stream: Readable, file: string): AsyncGenerator<AuditBatch> {
  const splitter = new LineSplitter(file);
  try {
    for await (const chunk of stream) {
      const batch = splitter.push(typeof chunk === 'string' ? chunk : (chunk as Buffer));
      yield* batch;
    }
  } catch (error) {
    yield { type: 'error', error: { file, line: splitter.lineNumber, message: `read failed: ${(error as Error).message}` } };
    return;
  }
  yield* splitter.end();
}

/** Splits text into lines and decodes each; shared by files, stdin and `--follow`. */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  #partial = '';
  #line = 0;
  #document: string[] | undefined;
  #documentLine = 0;
  #sawValue = false;

  constructor(readonly file: string) {}

  get lineNumber(): number {
    return this.#line;
  }

  push(chunk: Buffer | string): AuditBatch[] {
    const text = this.#partial + (typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
    const records: AuditRecord[] = [];
    const out: AuditBatch[] = [];
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      this.#line++;
      this.#take(text.slice(start, end), records, out);
      start = end + 1;
    }
    this.#partial = text.slice(start);
    if (records.length > 0) out.push({ type: 'records', records });
    return out;
  }

  /** Whatever is left: a last line without newline, or the whole document. */
  end(): AuditBatch[] {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    const records: AuditRecord[] = [];
    const out: AuditBatch[] = [];
    if (rest !== '') {
      this.#line++;
      this.#take(rest, records, out);
    }
    if (this.#document !== undefined) {
      this.#decodeText(this.#document.join('\n'), this.#documentLine, records, out, 'the JSON document');
      this.#document = undefined;
    }
    if (records.length > 0) out.push({ type: 'records', records });
    return out;
  }

  #take(raw: string, records: AuditRecord[], out: AuditBatch[]): void {
    if (this.#document !== undefined) {
      this.#document.push(raw);
      return;
    }
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const first = firstNonSpace(line);
    if (first < 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      // A first value that does not close on its line: a multi-line document.
      if (!this.#sawValue && (line[first] === '{' || line[first] === '[')) {
        this.#document = [line];
        this.#documentLine = this.#line;
        return;
      }
      out.push(...flush(records), { type: 'error', error: { file: this.file, line: this.#line, message: `invalid JSON: ${(error as Error).message}` } });
      return;
    }
    this.#sawValue = true;
    this.#decodeValue(value, this.#line, records, out);
  }

  #decodeText(text: string, line: number, records: AuditRecord[], out: AuditBatch[], what: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      out.push(...flush(records), { type: 'error', error: { file: this.file, line, message: `invalid JSON in ${what}: ${(error as Error).message}` } });
      return;
    }
    this.#decodeValue(value, line, records, out);
  }

  #decodeValue(value: unknown, line: number, records: AuditRecord[], out: AuditBatch[]): void {
    const decoded = decodeAuditValue(value);
    if (!decoded.ok) {
      out.push(...flush(records), { type: 'error', error: { file: this.file, line, message: decoded.message } });
      return;
    }
    for (const event of decoded.events) records.push({ event, file: this.file, line });
  }
}

/** Records gathered so far go out before an error, so the output keeps the input's order. */
function flush(records: AuditRecord[]): AuditBatch[] {
  if (records.length === 0) return [];
  const batch: AuditBatch = { type: 'records', records: records.splice(0) };
  return [batch];
}

function firstNonSpace(line: string): number {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 13) return index;
  }
  return -1;
}
