import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALL_PORTS, formatPortSet, intersectPortSets, isAllPorts, isEmptyPortSet, NO_PORTS, portEntriesOf, portSetHas, portSetOf, PROTOCOLS, unionPortSets, type PortSet } from './port-set.js';

// Port sets checked against plain membership on a small window of ports.
const range = fc.tuple(fc.constantFrom(...PROTOCOLS), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 6 }))
  .map(([protocol, low, width]) => portSetOf(protocol, low, low + width));
const set = fc.array(range, { maxLength: 5 }).map((parts) => parts.reduce(unionPortSets, NO_PORTS));

function members(value: PortSet): string[] {
  const out: string[] = [];
  for (const protocol of PROTOCOLS) for (let port = 1; port <= 50; port += 1) if (portSetHas(value, protocol, port)) out.push(`${protocol}/${port}`);
  return out;
}

describe('port sets', () => {
  it('union and intersection agree with membership, and stay canonical', () => {
    fc.assert(fc.property(set, set, (a, b) => {
      const union = unionPortSets(a, b);
      const meet = intersectPortSets(a, b);
      assert.deepEqual(members(union), [...new Set([...members(a), ...members(b)])].sort((x, y) => order(x) - order(y)));
      assert.deepEqual(members(meet), members(a).filter((entry) => members(b).includes(entry)));
      for (const value of [union, meet]) {
        for (const protocol of PROTOCOLS) {
          value[protocol].forEach(([low, high], index) => {
            assert.ok(low <= high);
            const next = value[protocol][index + 1];
            if (next !== undefined) assert.ok(next[0] > high + 1, 'ranges are disjoint and not adjacent');
          });
        }
      }
    }), { numRuns: 500, seed: 1 });
  });

  it('knows the whole and the empty set', () => {
    assert.ok(isAllPorts(unionPortSets(portSetOf('TCP', 1, 65535), unionPortSets(portSetOf('UDP', 1, 65535), portSetOf('SCTP', 1, 65535)))));
    assert.ok(isEmptyPortSet(intersectPortSets(portSetOf('TCP', 80, 80), portSetOf('UDP', 80, 80))));
    assert.equal(intersectPortSets(ALL_PORTS, portSetOf('UDP', 53, 53)).UDP.length, 1);
    assert.equal(formatPortSet(unionPortSets(portSetOf('TCP', 80, 80), portSetOf('TCP', 81, 90))), 'TCP/80-90');
    assert.deepEqual(portEntriesOf(unionPortSets(portSetOf('UDP', 53, 53), portSetOf('TCP', 443, 443))), [{ protocol: 'TCP', port: 443 }, { protocol: 'UDP', port: 53 }]);
  });
});

function order(entry: string): number {
  const [protocol = '', port = '0'] = entry.split('/');
  return PROTOCOLS.indexOf(protocol as (typeof PROTOCOLS)[number]) * 1000 + Number(port);
}
