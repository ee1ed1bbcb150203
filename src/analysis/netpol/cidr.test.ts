import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrsOfInterval, formatAddress, parseCidr } from './cidr.js';

describe('CIDR blocks', () => {
  it('parses IPv4 and IPv6, masking host bits like older API servers accepted', () => {
    assert.deepEqual(parseCidr('10.0.0.1/24'), { family: 4, start: 0x0a000000n, end: 0x0a0000ffn });
    assert.deepEqual(parseCidr('0.0.0.0/0'), { family: 4, start: 0n, end: 0xffffffffn });
    assert.deepEqual(parseCidr('169.254.169.254'), { family: 4, start: 0xa9fea9fen, end: 0xa9fea9fen });
    assert.deepEqual(parseCidr('2001:db8::/32'), { family: 6, start: 0x20010db8n << 96n, end: ((0x20010db8n + 1n) << 96n) - 1n });
    assert.deepEqual(parseCidr('::ffff:10.0.0.1/128')?.start, 0xffff0a000001n);
    assert.equal(parseCidr('::/0')?.end, (1n << 128n) - 1n);
  });

  it('rejects what is not a CIDR', () => {
    for (const text of ['10.0.0.0/33', '256.0.0.0/8', '10.0.0/8', '1::2::3/64', '2001:db8::/129', 'example.com', '10.0.0.0/', '1:2:3:4:5:6:7:8:9/64']) {
      assert.equal(parseCidr(text), undefined, text);
    }
  });

  it('covers an interval with the fewest blocks', () => {
    assert.deepEqual(cidrsOfInterval({ family: 4, start: 0n, end: 0x09ffffffn }), ['0.0.0.0/5', '8.0.0.0/7']);
    assert.deepEqual(cidrsOfInterval({ family: 4, start: 0x0a000001n, end: 0x0a000006n }), ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    assert.deepEqual(cidrsOfInterval({ family: 6, start: 0n, end: (1n << 128n) - 1n }), ['::/0']);
  });

  it('prints IPv6 the RFC 5952 way', () => {
    assert.equal(formatAddress(6, 0x20010db8000000000000000000000001n), '2001:db8::1');
    assert.equal(formatAddress(6, 0x20010db8000100000001000000000000n), '2001:db8:1:0:1::');
    assert.equal(formatAddress(6, 0n), '::');
  });
});
