import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DIGEST } from './reference.js';

// Content addresses: every manifest, config and blob is checked against the digest that names it.

export class DigestMismatchError extends Error {}

export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function hashFor(digest: string): Hash {
  if (!DIGEST.test(digest)) throw new DigestMismatchError(`"${digest}" is not a supported digest (sha256 or sha512)`);
  return createHash(digest.startsWith('sha512:') ? 'sha512' : 'sha256');
}

export function verifyBytes(bytes: Uint8Array, expected: string, what: string): void {
  const hash = hashFor(expected);
  const actual = `${expected.slice(0, expected.indexOf(':'))}:${hash.update(bytes).digest('hex')}`;
  if (actual !== expected) throw new DigestMismatchError(`${what}: content has digest ${actual}, expected ${expected}`);
}

/** A pass-through stream that fails at its end when the bytes do not hash to `expected` (or have another size). */
export function verifyingStream(expected: string, what: string, size?: number): Transform {
  const hash = hashFor(expected);
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      seen += chunk.length;
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = `${expected.slice(0, expected.indexOf(':'))}:${hash.digest('hex')}`;
      if (size !== undefined && seen !== size) callback(new DigestMismatchError(`${what}: ${seen} bytes, the descriptor says ${size}`));
      else if (actual !== expected) callback(new DigestMismatchError(`${what}: content has digest ${actual}, expected ${expected}`));
      else callback();
    },
  });
}
