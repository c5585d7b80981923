import ipaddr from 'ipaddr.js';

/*
 * Where a webhook may be delivered. Only public unicast addresses by default: every special range that
 * ipaddr.js knows (loopback, private, link-local with the cloud metadata address, CGNAT, multicast,
 * unspecified, broadcast, reserved, IPv6 unique-local, 6to4, Teredo, NAT64 and IPv4-mapped forms) is
 * refused. The same functions run at registration (on the URL) and at delivery (on every address the
 * host name resolves to, right before connecting to the checked address).
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Exceptions from configuration (WEBHOOK_ALLOWED_TARGETS): exact host names and CIDR ranges. */
export interface WebhookTargetAllowance {
  hosts: ReadonlySet<string>;
  ranges: readonly [Address, number][];
}

export const NO_ALLOWANCE: WebhookTargetAllowance = { hosts: new Set(), ranges: [] };

/** Host names that always mean this machine or its platform, whatever DNS says. */
const LOCAL_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|metadata|metadata\.google\.internal)$|\.localhost$/;

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The allowance for a list of entries; `errors` names the entries that are neither a host name nor a CIDR range. */
export function parseWebhookAllowance(entries: readonly string[]): { allowance: WebhookTargetAllowance; errors: string[] } {
  const hosts = new Set<string>();
  const ranges: [Address, number][] = [];
  const errors: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        errors.push(`"${raw}" is not a CIDR range`);
      }
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOSTNAME.test(entry)) {
      hosts.add(entry);
    } else {
      errors.push(`"${raw}" is neither a host name nor an address range`);
    }
  }
  return { allowance: { hosts, ranges }, errors };
}

/** Whether an allowance has any entry (public unicast needs none, so every entry opens something inside; production asks for it on purpose). */
export const allowanceOpensPrivateTargets = (allowance: WebhookTargetAllowance): boolean =>
  allowance.hosts.size > 0 || allowance.ranges.length > 0;

const unmapped = (address: Address): Address =>
  address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;

const inAllowedRange = (address: Address, allowance: WebhookTargetAllowance) =>
  allowance.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));

/** Why an IP address (any spelling ipaddr.js reads) may not be a webhook target, or null when it may. */
export function addressRefusal(text: string, allowance: WebhookTargetAllowance = NO_ALLOWANCE): string | null {
  let parsed: Address;
  try {
    parsed = ipaddr.parse(text.replace(/^\[|\]$/g, ''));
  } catch {
    return `"${text}" is not an IP address`;
  }
  const address = unmapped(parsed);
  if (inAllowedRange(address, allowance) || inAllowedRange(parsed, allowance)) return null;
  const range = address.range();
  return range === 'unicast' ? null : `${address.toString()} is a ${range} address, not a public one`;
}

/**
 * Why a URL may not be a webhook target judged on the URL alone (scheme, literal addresses in every
 * spelling the URL parser accepts, local names), or null. Host names are checked again after resolution.
 */
export function webhookUrlRefusal(url: string, allowance: WebhookTargetAllowance = NO_ALLOWANCE): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'url must be an absolute http:// or https:// URL';
  if (parsed.username || parsed.password) return 'url must not carry credentials (use the signing secret)';
  // The WHATWG parser already turns 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1.
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (allowance.hosts.has(host)) return null;
  if (ipaddr.isValid(host.replace(/^\[|\]$/g, ''))) {
    const refusal = addressRefusal(host, allowance);
    return refusal && `url points to an address webhooks may not reach: ${refusal}`;
  }
  if (LOCAL_NAMES.test(host)) return `url points to a local host name (${host}) webhooks may not reach`;
  return null;
}

/** Whether a host name is listed as an exception (then every address it resolves to is accepted). */
export const isAllowedWebhookHost = (host: string, allowance: WebhookTargetAllowance): boolean =>
  allowance.hosts.has(host.toLowerCase().replace(/\.$/, ''));

/** What is wrong with the webhook target settings: unreadable entries, or exceptions in production that were not asked for on purpose. */
export function webhookTargetSettingProblems(env: {
  NODE_ENV: string;
  WEBHOOK_ALLOWED_TARGETS: readonly string[];
  WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION: boolean;
}): string[] {
  const { allowance, errors } = parseWebhookAllowance(env.WEBHOOK_ALLOWED_TARGETS);
  const problems = errors.map((error) => `WEBHOOK_ALLOWED_TARGETS: ${error}`);
  if (env.NODE_ENV === 'production' && allowanceOpensPrivateTargets(allowance) && !env.WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION) {
    problems.push(
      'WEBHOOK_ALLOWED_TARGETS lets webhooks reach internal targets: set WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION=true if that is meant',
    );
  }
  return problems;
}
