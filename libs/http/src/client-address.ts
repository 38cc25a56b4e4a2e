import ipaddr from 'ipaddr.js';

/**
 * Whom per-address budgets count: an IPv4 address (also when it arrives IPv4-mapped), or an IPv6
 * address's /64 — one client is usually handed a whole /64 and can rotate through it at will.
 */
export function clientAddressOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
