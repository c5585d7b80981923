import ipaddr from 'ipaddr.js';

/**
 * The address a login is counted under: an IPv4 address as is (also when IPv4-mapped), an IPv6 address by
 * its /64 network, since one client usually holds a whole /64 and could otherwise rotate through it.
 */
export function throttleAddress(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return ip || 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
