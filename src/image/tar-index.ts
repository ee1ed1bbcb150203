import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

// Random access into an uncompressed tar file (oci-archive, docker-archive): one pass over the headers
// records where each regular file's bytes are, so a blob is then read by offset without extracting.

export interface TarEntry {
  readonly offset: number;
  readonly size: number;
}

export class TarError extends Error {}

export class TarIndex {
  private constructor(readonly path: string, private readonly entries: ReadonlyMap<string, TarEntry>) {}

  static async read(path: string): Promise<TarIndex> {
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new TarError(`${path}: cannot open the archive (${error.code ?? error.message})`);
    });
    const entries = new Map<string, TarEntry>();
    try {
      const { size: fileSize } = await handle.stat();
      const header = Buffer.alloc(512);
      let position = 0;
      let longName: string | undefined;
      let paxPath: string | undefined;
      while (position + 512 <= fileSize) {
        await handle.read(header, 0, 512, position);
        if (header.every((byte) => byte === 0)) break;
        if (!validChecksum(header)) throw new TarError(`${path}: not a tar archive (bad header checksum at byte ${position})`);
        const size = parseOctal(header.subarray(124, 136));
        const type = String.fromCharCode(header[156] ?? 0);
        const dataOffset = position + 512;
        if (dataOffset + size > fileSize) throw new TarError(`${path}: truncated (an entry at byte ${position} runs past the end)`);
        if (type === 'L' || type === 'x') {
          const data = Buffer.alloc(size);
          await handle.read(data, 0, size, dataOffset);
          if (type === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
          else paxPath = paxRecords(data)['path'];
        } else {
          const name = paxPath ?? longName ?? headerName(header);
          longName = undefined;
          paxPath = undefined;
          if (type === '0' || type === '\0' || type === '7') entries.set(normalize(name), { offset: dataOffset, size });
        }
        position = dataOffset + Math.ceil(size / 512) * 512;
      }
    } finally {
      await handle.close();
    }
    return new TarIndex(path, entries);
  }

  has(name: string): boolean {
    return this.entries.has(normalize(name));
  }

  entry(name: string): TarEntry | undefined {
    return this.entries.get(normalize(name));
  }

  open(name: string): Readable {
    const entry = this.entry(name);
    if (entry === undefined) throw new TarError(`${this.path}: no entry "${name}"`);
    if (entry.size === 0) return createReadStream(this.path, { start: 1, end: 0 });
    return createReadStream(this.path, { start: entry.offset, end: entry.offset + entry.size - 1 });
  }

  async bytes(name: string, limit = 16 * 1024 * 1024): Promise<Buffer> {
    const entry = this.entry(name);
    if (entry === undefined) throw new TarError(`${this.path}: no entry "${name}"`);
    if (entry.size > limit) throw new TarError(`${this.path}: entry "${name}" is larger than ${limit} bytes`);
    const handle = await open(this.path, 'r');
    try {
      const data = Buffer.alloc(entry.size);
      await handle.read(data, 0, entry.size, entry.offset);
      return data;
    } finally {
      await handle.close();
    }
  }
}

export function normalize(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

function headerName(header: Buffer): string {
  const text = (start: number, length: number): string => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
  const name = text(0, 100);
  const prefix = header.toString('latin1', 257, 263).startsWith('ustar') ? text(345, 155) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

export function parseOctal(field: Buffer): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function validChecksum(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i] ?? 0;
  return sum === parseOctal(header.subarray(148, 156));
}

/** PAX extended header records: `LEN key=value\n`. */
export function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    if (space === -1) break;
    const length = parseInt(data.toString('latin1', position, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.toString('utf8', space + 1, position + length - 1);
    const equals = record.indexOf('=');
    if (equals !== -1) records[record.slice(0, equals)] = record.slice(equals + 1);
    position += length;
  }
  return records;
}
