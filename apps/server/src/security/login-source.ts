import net from 'node:net';

/**
 * The network a login comes from, as lock-outs count it (issue 15 item 10): an IPv4 address's /24, an IPv6
 * address's /64 (one household or office line gets a whole /64; rotating addresses inside it is free), an
 * IPv4-mapped IPv6 address as its IPv4. No address: `unknown`.
 */
export function loginSourceOf(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (net.isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (net.isIPv6(ip)) return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The eight 16-bit groups of an IPv6 address, lower-case, without leading zeros. */
function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; only the first four matter here, so it is kept as is.
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => (/^[0-9a-f]+$/i.test(g) ? Number.parseInt(g, 16).toString(16) : g));
}

/** How long the `level`-th lock (1, 2, …) from one source lasts: `baseMinutes` doubled each time, at most a day. */
export function lockMinutesFor(baseMinutes: number, level: number): number {
  return Math.min(baseMinutes * 2 ** Math.max(0, level - 1), 24 * 60);
}
