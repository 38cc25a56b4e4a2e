import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  allowLoopback: boolean;
  allowPrivate: boolean;
}

/** Ranges a webhook may never reach (cloud metadata lives at link-local 169.254.169.254). */
const NEVER = new Set([
  'unspecified',
  'linkLocal',
  'multicast',
  'broadcast',
  'reserved',
  'benchmarking',
  'amt',
  'as112',
  'as112v6',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'teredo',
  '6to4',
  'rfc6145',
  'rfc6052',
  'discard',
]);
const PRIVATE = new Set(['private', 'uniqueLocal', 'carrierGradeNat']);

/**
 * Cloud metadata services, refused whatever WEBHOOK_ALLOW_PRIVATE / _LOOPBACK say: a webhook there
 * would hand the instance's credentials to whoever chose the URL. Several sit in ranges a private
 * network may open (ULA, CGNAT) or even in public space (Azure's WireServer).
 */
const CLOUD_METADATA = [
  '169.254.169.254/32', // AWS, GCP, Azure, Oracle, DigitalOcean, OpenStack…
  '169.254.170.2/32', // AWS ECS task metadata and credentials
  '169.254.0.23/32', // Tencent Cloud
  '100.100.100.200/32', // Alibaba Cloud (CGNAT range)
  '168.63.129.16/32', // Azure WireServer / host agent (public range)
  '192.0.0.192/32', // Oracle Cloud (legacy)
  'fd00:ec2::254/128', // AWS IMDS over IPv6 (ULA range)
  'fd20:ce::254/128', // GCP metadata on IPv6-only instances (ULA range)
].map((cidr) => ipaddr.parseCIDR(cidr));

function isCloudMetadata(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return CLOUD_METADATA.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** Why a resolved address must not be connected to, or undefined when it may. */
export function refusalFor(ip: string, policy: AddressPolicy): string | undefined {
  if (!ipaddr.isValid(ip)) return `not an IP address: ${ip}`;
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    address = (address as ipaddr.IPv6).toIPv4Address();
  if (isCloudMetadata(address)) return `cloud metadata address ${ip}`;
  const range = address.range();
  if (range === 'loopback') return policy.allowLoopback ? undefined : `loopback address ${ip}`;
  if (PRIVATE.has(range)) return policy.allowPrivate ? undefined : `private address ${ip}`;
  if (NEVER.has(range)) return `${range} address ${ip}`;
  return undefined;
}

/**
 * What is wrong with a subscription URL before any connection: scheme, credentials, an IP literal in a
 * forbidden range.
 */
export function urlProblem(url: string, policy: AddressPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be http or https';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (!parsed.hostname) return 'needs a host';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return refusalFor(host, policy);
  if (host === 'localhost' || host.endsWith('.localhost'))
    return policy.allowLoopback ? undefined : `loopback host ${host}`;
  return undefined;
}
