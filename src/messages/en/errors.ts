import type { Data } from '../../core/finding.js';
import { list, syntaxText, type Text } from '../types.js';

// The CLI's own errors and notices in English: one line each on stderr, after "mailcheck: ".

/** Why a text is not a domain name (net/domain-name.ts codes). */
function domainError(d: Data): string {
  switch (d.code) {
    case 'empty': return 'empty domain name';
    case 'ip': return `"${d.text}" is an IP address, not a domain (use mailcheck ip ${d.detail})`;
    case 'email': return `"${d.text}" is an email address; give its domain (${d.detail})`;
    case 'not-domain': return `"${d.text}" is not a domain name`;
    case 'single-label': return `"${d.text}" is not a full domain name (expected something like example.com)`;
    case 'too-long': return `"${d.text}" is longer than 253 characters`;
    case 'label': return `"${d.text}" is not a valid domain name (label "${d.detail}")`;
    default: return `"${d.text}" is not a valid domain name`;
  }
}

export const errors = {
  domain: domainError,
  'internal-error': (d) => `internal error: ${d.message}`,
  // Global options
  'whole-number': (d) => `${d.flag} takes a whole number, not "${d.value}"`,
  'number-range': (d) => `${d.flag} must be between ${d.min} and ${d.max}, not ${d.value}`,
  'sources-combined': (d) => `${list(d.sources, ' and ')} cannot be combined: choose one place to ask`,
  'doh-url': (d) => `--doh takes an https:// URL, not "${d.value}"`,
  'resolver-address': (d) => `--resolver takes an IP address with an optional port (192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53), not "${d.value}"`,
  'no-nameservers': (d) => `no name servers in ${d.file}: give one with --resolver, or use --doh or --zone`,
  'zone-file': (d, t) => syntaxText(t, d),
  zone: (d, t) => `${d.file}:${d.line}: ${syntaxText(t, d)}`,
  'format-unknown': (d) => `--format takes ${list(d.formats, ', ')}, not "${d.value}"`,
  'format-unsupported': (d) => `--format ${d.format} is not available for mailcheck ${d.command} (use ${list(d.formats, ', ')})`,
  'lang-unknown': (d) => `--lang takes ${list(d.langs, ', ')}, not "${d.value}"`,
  'json-format': (d) => `--json cannot be combined with --format ${d.format}`,
  'fail-on': (d) => `--fail-on takes error, warning, info or none, not "${d.value}"`,
  'min-score': (d) => `--min-score takes a whole number from 0 to 100, not "${d.value}"`,
  // domain
  'file-read': (d) => `cannot read --file ${d.file}: ${d.reason}`,
  'no-domains': 'give at least one domain (or --file FILE)',
  selector: (d) => `--selector ${d.value} is not a valid DKIM selector`,
  'ip-option': (d) => `--ip ${d.value} is not an IPv4 or IPv6 address`,
  concurrency: (d) => `--concurrency takes a whole number from 1 to 256, not "${d.value}"`,
  // spf
  'spf-domain-is-ip': (d) => `${d.what} "${d.text}" is an IP address: give the domain (pass the address with --ip)`,
  'spf-domain': (d, t) => `${d.what}: ${t('errors', 'domain', d.error as Data)}`,
  expect: (d) => `--expect takes one of ${list(d.results)} (or several, comma-separated), not "${d.value}"`,
  'spf-ip-required': '--ip is required: the sending IP address to check',
  'spf-ip': (d) => `--ip takes an IPv4 or IPv6 address, not "${d.value}"`,
  'helo-empty': '--helo needs a name',
  sender: (d) => `--sender takes an address like local@${d.domain}, not "${d.value}"`,
  // ip
  'max-listings': (d) => `--max-listings takes a whole number, not "${d.value}"`,
  'no-addresses': 'give at least one IP address (or --selftest)',
  'selftest-addresses': '--selftest takes no addresses',
  'not-an-ip': (d) => `not an IPv4 or IPv6 address: "${d.value}"`,
  'not-a-zone': (d) => `not a DNS zone name: "${d.zone}"`,
  'skip-not-queried': (d) => `--skip-lists: ${d.zone} is not among the lists queried`,
  'no-lists': 'no lists left to query',
  'zones-cover-no-list': (d) => `the zone files describe none of the ${d.count} lists; add the lists' records to them, or ask the network`,
  'notice-lists-not-covered': (d) => `notice: ${d.uncovered} of ${d.total} lists not checked: the zone files do not describe them`,
  'warning-public-resolver': (d) => `warning: the resolver ${(d.servers as { server: string; name: string }[]).map((s) => `${s.server} (${s.name})`).join(', ')} is a public one: Spamhaus, URIBL and other lists refuse or silently ignore queries from public resolvers, so "not listed" through it proves little; use your own recursive resolver (--resolver) or a Spamhaus DQS key`,
  // lookup
  'record-type': (d) => `unknown record type "${d.value}": use one of ${list(d.types)}`,
  // bounce
  'json-ndjson': '--json and --ndjson cannot be used together',
  'suppress-write': (d) => `cannot write ${d.file}: ${d.reason}`,
  'input-error': (d, t) => `${d.file}${d.message ? ` (message ${d.message})` : ''}: ${t('errors', `input.${d.code}`, d)}`,

  'input.binary': 'not a mail message (binary data)',
  'input.not-found': 'no such file or folder',
  'input.permission': 'permission denied',
  'input.folder': 'is a folder',
  'input.other': (d) => String(d.reason),
  'input.broken': (d) => `could not be read: ${d.reason}`,
  'input-empty': (d) => `${d.file}: empty, no message`,
} satisfies Record<string, Text>;
