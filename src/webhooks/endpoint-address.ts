// Where webhooks may go. A partner gives a URL and our server calls it: without a
// check, a URL could make the server reach its own network (server-side request
// forgery): loopback, private ranges, link-local cloud metadata. Checked when the
// endpoint is saved and again before every request (a name may resolve elsewhere later).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export interface AddressRules {
  requireHttps: boolean;
  /** Host names or addresses allowed although private (a partner inside the same network, tests). */
  allowedPrivateHosts: readonly string[];
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  return true;
}

/** Why the URL cannot be a webhook endpoint (without resolving it), or undefined. */
export function urlProblem(raw: string, rules: AddressRules): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL such as https://partner.example.com/hooks';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (rules.requireHttps && url.protocol !== 'https:') return 'must use https';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (raw.length > 2_000) return 'must be at most 2000 characters';
  const host = hostOf(url);
  if (!rules.allowedPrivateHosts.includes(host) && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host)))) {
    return 'must not point to a private or loopback address';
  }
  return undefined;
}

/** Resolves the URL's host; refuses it when any address it resolves to is private and the host is not allowed. */
export async function destinationProblem(raw: string, rules: AddressRules): Promise<string | undefined> {
  const problem = urlProblem(raw, rules);
  if (problem) return problem;
  const host = hostOf(new URL(raw));
  if (rules.allowedPrivateHosts.includes(host)) return undefined;
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  if (!addresses.length) return `host ${host} does not resolve`;
  if (addresses.some((a) => isPrivateAddress(a.address))) return `host ${host} resolves to a private or loopback address`;
  return undefined;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}
