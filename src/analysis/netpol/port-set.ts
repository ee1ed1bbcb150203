// Sets of (protocol, destination port). NetworkPolicy speaks of TCP, UDP and SCTP only, ports 1-65535;
// a rule without `ports` allows every port of every protocol, which is the set ALL below.
// Ranges are kept sorted, disjoint and non-adjacent, so two equal sets have equal representations.

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Closed ranges `[low, high]`, sorted, disjoint, non-adjacent. */
export type PortRanges = readonly (readonly [number, number])[];

export interface PortSet {
  readonly TCP: PortRanges;
  readonly UDP: PortRanges;
  readonly SCTP: PortRanges;
}

const FULL: PortRanges = [[MIN_PORT, MAX_PORT]];
export const ALL_PORTS: PortSet = { TCP: FULL, UDP: FULL, SCTP: FULL };
export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };

export function isProtocol(value: unknown): value is Protocol {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value);
}

export function portSetOf(protocol: Protocol, low: number, high: number): PortSet {
  if (low > high) return NO_PORTS;
  return { ...NO_PORTS, [protocol]: [[low, high]] };
}

export function isEmptyPortSet(set: PortSet): boolean {
  return set === NO_PORTS || (set.TCP.length === 0 && set.UDP.length === 0 && set.SCTP.length === 0);
}

export function isAllPorts(set: PortSet): boolean {
  return set === ALL_PORTS || (isFull(set.TCP) && isFull(set.UDP) && isFull(set.SCTP));
}

function isFull(ranges: PortRanges): boolean {
  const only = ranges.length === 1 ? ranges[0] : undefined;
  return only !== undefined && only[0] <= MIN_PORT && only[1] >= MAX_PORT;
}

export function unionPortSets(a: PortSet, b: PortSet): PortSet {
  if (a === ALL_PORTS || b === ALL_PORTS) return ALL_PORTS;
  if (isEmptyPortSet(a)) return b;
  if (isEmptyPortSet(b)) return a;
  const out = { TCP: unionRanges(a.TCP, b.TCP), UDP: unionRanges(a.UDP, b.UDP), SCTP: unionRanges(a.SCTP, b.SCTP) };
  return isAllPorts(out) ? ALL_PORTS : out;
}

export function intersectPortSets(a: PortSet, b: PortSet): PortSet {
  if (a === ALL_PORTS) return b;
  if (b === ALL_PORTS) return a;
  if (isEmptyPortSet(a) || isEmptyPortSet(b)) return NO_PORTS;
  const out = { TCP: intersectRanges(a.TCP, b.TCP), UDP: intersectRanges(a.UDP, b.UDP), SCTP: intersectRanges(a.SCTP, b.SCTP) };
  return isEmptyPortSet(out) ? NO_PORTS : out;
}

export function portSetHas(set: PortSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([low, high]) => port >= low && port <= high);
}

function unionRanges(a: PortRanges, b: PortRanges): PortRanges {
  if (a.length === 0 || a === b) return b;
  if (b.length === 0) return a;
  // Merge two sorted lists, joining overlapping and adjacent ranges.
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    let next: readonly [number, number];
    if (y === undefined || (x !== undefined && x[0] <= y[0])) {
      next = x as readonly [number, number];
      i += 1;
    } else {
      next = y;
      j += 1;
    }
    const last = out[out.length - 1];
    if (last !== undefined && next[0] <= last[1] + 1) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}

function intersectRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === undefined || y === undefined) break;
    const low = Math.max(x[0], y[0]);
    const high = Math.min(x[1], y[1]);
    if (low <= high) out.push([low, high]);
    if (x[1] < y[1]) i += 1;
    else j += 1;
  }
  return out;
}

/** The JSON form of the matrix: one entry per range, `endPort` only for ranges wider than one port. */
export interface PortEntry {
  readonly protocol: Protocol;
  readonly port: number;
  readonly endPort?: number;
}

export function portEntriesOf(set: PortSet): PortEntry[] {
  const out: PortEntry[] = [];
  for (const protocol of PROTOCOLS) {
    for (const [low, high] of set[protocol]) out.push(low === high ? { protocol, port: low } : { protocol, port: low, endPort: high });
  }
  return out;
}

/** `TCP/80, TCP/8000-8080, UDP/53`, or `all`. */
export function formatPortSet(set: PortSet): string {
  if (isAllPorts(set)) return 'all';
  if (isEmptyPortSet(set)) return 'none';
  return portEntriesOf(set).map((entry) => (entry.endPort === undefined ? `${entry.protocol}/${entry.port}` : `${entry.protocol}/${entry.port}-${entry.endPort}`)).join(', ');
}
