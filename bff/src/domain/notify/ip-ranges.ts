// Which IP addresses a push may go to (protocol §12): none in loopback, link-local, private, shared
// (CGNAT), multicast, broadcast or other special-purpose ranges, in IPv4 or IPv6, IPv4 embedded in
// IPv6 (mapped, NAT64, 6to4) included. Pure: takes the textual address, as a URL or the resolver
// gives it.

/** Why an address is not a push target, or undefined for a public unicast address. */
export type AddressRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'multicast'
  | 'broadcast or reserved'
  | 'special-purpose'
  | 'documentation'
  | 'unique-local'
  | 'not global unicast';

interface V4Range {
  base: number;
  bits: number;
  range: AddressRange;
}

const v4 = (text: string, bits: number, range: AddressRange): V4Range => ({
  base: parseIpv4(text) ?? 0,
  bits,
  range,
});

/** IANA IPv4 special-purpose ranges a server must not be made to reach. */
const V4_REFUSED: readonly V4Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared (CGNAT)'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'special-purpose'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'special-purpose'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'special-purpose'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'broadcast or reserved'),
];

/** A dotted-quad IPv4 address as a 32-bit number; undefined for anything else. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** An IPv6 address (no brackets, no zone) as eight 16-bit groups; undefined for anything else. */
export function parseIpv6(text: string): number[] | undefined {
  let rest = text.toLowerCase();
  const tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(rest);
  if (dotted?.[1] !== undefined && dotted[2] !== undefined) {
    const four = parseIpv4(dotted[2]);
    if (four === undefined) return undefined;
    tail.push(Math.floor(four / 65536), four % 65536);
    // "…::1.2.3.4" keeps its "::"; "a:b:…:1.2.3.4" drops the ":" before the IPv4 part.
    rest = dotted[1].endsWith('::') ? dotted[1] : dotted[1].slice(0, -1);
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const after = groups(halves[1]);
  if (head === undefined || after === undefined) return undefined;
  const given = head.length + after.length + tail.length;
  if (halves.length === 1) return given === 8 ? [...head, ...tail] : undefined;
  if (given > 7) return undefined;
  return [...head, ...new Array<number>(8 - given).fill(0), ...after, ...tail];
}

function classifyIpv4(value: number): AddressRange | undefined {
  for (const { base, bits, range } of V4_REFUSED) {
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return range;
  }
  return undefined;
}

const startsWith = (groups: readonly number[], prefix: readonly number[]) =>
  prefix.every((g, i) => groups[i] === g);

function classifyIpv6(g: readonly number[]): AddressRange | undefined {
  const embedded = (hi: number, lo: number) => classifyIpv4(hi * 65536 + lo);
  const [g0 = 0, g1 = 0, , , , , g6 = 0, g7 = 0] = g;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (startsWith(g, [0, 0, 0, 0, 0, 0, 0]) && g7 === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) reach the embedded IPv4 address.
  if (startsWith(g, [0, 0, 0, 0, 0, 0xffff]) || startsWith(g, [0x64, 0xff9b, 0, 0, 0, 0])) {
    return embedded(g6, g7);
  }
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  // Everything else outside 2000::/3 (IPv4-compatible ::a.b.c.d, site-local, reserved) is refused.
  if ((g0 & 0xe000) !== 0x2000) return 'not global unicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  // Teredo (2001::/32) tunnels to an address the server cannot judge.
  if (g0 === 0x2001 && g1 === 0) return 'special-purpose';
  // 6to4 (2002::/16) carries an IPv4 address in its next 32 bits.
  if (g0 === 0x2002) return embedded(g1, g[2] ?? 0) ?? undefined;
  return undefined;
}

/**
 * The refused range an IP address (IPv4 dotted quad, or IPv6 with or without brackets and zone) is
 * in; undefined for a public unicast address; 'not global unicast' for text that is no address.
 */
export function refusedRangeOf(address: string): AddressRange | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const four = parseIpv4(bare);
  if (four !== undefined) return classifyIpv4(four);
  const six = parseIpv6(bare);
  if (six !== undefined) return classifyIpv6(six);
  return 'not global unicast';
}

/** True when `host` (a URL hostname) is an IP literal rather than a name to resolve. */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return parseIpv4(bare) !== undefined || parseIpv6(bare) !== undefined;
}
