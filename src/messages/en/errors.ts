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

/** Why a file could not be read or written, from its errno code: words, never the raw code. */
function ioReason(code: unknown): string {
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENAMETOOLONG': return 'the name is too long';
    case 'ELOOP': return 'too many symbolic links';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the disk';
    case 'EMFILE':
    case 'ENFILE': return 'too many files open';
    default: return 'the system reported an error';
  }
}

/** What is wrong with a config value, by the schema keyword it breaks (cli/config.ts). */
function configProblem(d: Data): string {
  const e = d.expected;
  switch (d.problem) {
    case 'type': return `must be ${list(e, ' or ')}`;
    case 'enum': return `must be one of ${list(e, ', ')}`;
    case 'unknown-key': return `unknown key (known keys: ${list(e, ', ')})`;
    case 'required': return 'is required';
    case 'minimum': return `must be at least ${e}`;
    case 'maximum': return `must be at most ${e}`;
    case 'min-length': return 'must not be empty';
    case 'max-length': return `is longer than ${e} characters`;
    case 'pattern': return 'is not in the expected form';
    case 'max-items': return `has more than ${e} entries`;
    default: return 'is not valid';
  }
}

/** What is wrong with a config value by its meaning (cli/commands/domain.ts). */
function configValue(d: Data): string {
  switch (d.problem) {
    case 'domain': return `"${d.value}" is not a domain name`;
    case 'ip': return `"${d.value}" is not an IPv4 or IPv6 address`;
    case 'selector': return `"${d.value}" is not a valid DKIM selector`;
    case 'check': return `unknown check "${d.value}" (checks: ${list(d.checks, ', ')})`;
    case 'finding': return `no finding has the id "${d.value}" (see the README's list of findings)`;
    case 'not-a-zone': return `"${d.value}" is not a DNS zone name`;
    case 'skip-not-queried': return `${d.value} is not among the lists queried`;
    case 'no-lists': return 'no lists left to query';
    case 'resolver': return `"${d.value}" is not HOST[:PORT] or [IPv6]:PORT`;
    default: return 'is not valid';
  }
}

/** `(did you mean --ip?)` when commander has a suggestion. */
const suggestion = (d: Data) => (d.suggestion ? ` (did you mean ${d.suggestion}?)` : '');

export const errors = {
  domain: domainError,
  'internal-error': (d) => `internal error: ${d.message}`,
  // Global options
  'whole-number': (d) => `${d.flag} takes a whole number, not "${d.value}"`,
  'number-range': (d) => `${d.flag} must be between ${d.min} and ${d.max}, not ${d.value}`,
  'sources-combined': (d) => `${list(d.sources, ' and ')} cannot be combined: choose one place to ask`,
  'doh-url': (d) => `--doh takes an https:// URL, not "${d.value}"`,
  'doh-http': (d) => `--doh ${d.value} would send the queries in clear text: use https://, or http:// only to a loopback test server (127.0.0.1, ::1, localhost)`,
  'doh-credentials': '--doh takes a URL without a user name or password',
  'resolver-address': (d) => `--resolver takes an IP address with an optional port (192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53), not "${d.value}"`,
  'resolver-ambiguous': (d) => `--resolver ${d.value} is ambiguous: write [${d.host}]:${d.port} for port ${d.port}, or [${d.value}] for that address on port 53`,
  'zone-unreadable': (d) => `cannot read zone file ${d.file}: ${ioReason(d.reason)}`,
  'zone-not-file': (d) => `zone file ${d.file} is not a regular file (a folder, device or pipe)`,
  'zone-empty': (d) => `zone file ${d.file} has no records`,
  // commander's own errors, one line each
  'usage.unknown-option': (d) => `unknown option ${d.option}${suggestion(d)}; see mailcheck --help`,
  'usage.unknown-command': (d) => `unknown command "${d.command}"${suggestion(d)}; the commands are ${(d.commands as string[]).join(', ')}`,
  'usage.invalid-choice': (d) => `${d.argument} takes ${(d.choices as string[]).join(', ')}, not "${d.value}"`,
  'usage.option-missing-argument': (d) => `${d.option} needs a value; see mailcheck --help`,
  'usage.missing-argument': (d) => `missing ${d.argument}; see mailcheck ${d.command} --help`,
  'usage.excess-arguments': (d) => `too many arguments for mailcheck ${d.command}; see mailcheck ${d.command} --help`,
  'usage.other': (d) => `${d.message}; see mailcheck --help`,
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
  'file-read': (d) => `cannot read --file ${d.file}: ${ioReason(d.reason)}`,
  'file-not-regular': (d) => `--file ${d.file} is not a regular file (a device or pipe); give a file, or - for standard input`,
  'file-too-large': (d) => `--file ${d.file} is larger than ${d.limit} bytes`,
  'file-binary': (d) => `${d.file}:${d.line}: not text (binary data); give one ${d.entries === 'addresses' ? 'IP address' : 'domain'} per line`,
  'file-utf16': (d) => `${d.file}: UTF-16 text; save it as UTF-8`,
  'file-encoding': (d) => `${d.file}:${d.line}: not UTF-8 text; save the file as UTF-8`,
  'file-line': (d, t) => `${d.file}:${d.line}: ${t('errors', 'domain', d.error as Data)}`,
  'file-empty': (d) => `--file ${d.file} has no domains (only blank lines and comments)`,
  'no-domains': 'give at least one domain (or --file FILE)',
  selector: (d) => `--selector ${d.value} is not a valid DKIM selector`,
  'ip-option': (d) => `--ip ${d.value} is not an IPv4 or IPv6 address`,
  concurrency: (d) => `--concurrency takes a whole number from 1 to 256, not "${d.value}"`,
  'check-unknown': (d) => `${d.flag} takes check names (${list(d.checks, ', ')}), not "${d.value}"`,
  'no-checks': '--only and --skip leave no check to run',
  shard: (d) => `--shard takes K/N, shard K of N (1 ≤ K ≤ N ≤ 10000), not "${d.value}"`,
  'resume-format': '--resume reads and continues NDJSON output: use it with --format ndjson',
  'resume-read': (d) => `cannot read --resume ${d.file}: ${ioReason(d.reason)}`,
  'unordered-format': '--unordered is for streamed output: use it with --format ndjson or csv',
  'output-open': (d) => `cannot write --output ${d.file}: ${ioReason(d.reason)}`,
  'step-summary-write': (d) => `warning: cannot write the job summary (GITHUB_STEP_SUMMARY) ${d.file}: ${ioReason(d.reason)}`,
  // the config file
  'config-json': (d) => `${d.file}${d.line ? `:${d.line}:${d.column}` : ''}: not valid JSON`,
  'config-invalid': (d) => `${d.file}: ${d.key}: ${configProblem(d)}`,
  'config-value': (d) => `${d.file}: ${d.key}: ${configValue(d)}`,
  'config-read': (d) => `cannot read the config ${d.file}: ${ioReason(d.reason)}`,
  'config-too-large': (d) => `the config ${d.file} is larger than ${d.limit} bytes`,
  // the baseline
  'baseline-read': (d) => `cannot read --baseline ${d.file}: ${ioReason(d.reason)} (write one with --update-baseline)`,
  'baseline-invalid': (d) => `--baseline ${d.file} is not a mailcheck baseline (write one with --update-baseline)`,
  'baseline-write': (d) => `cannot write --baseline ${d.file}: ${ioReason(d.reason)}`,
  'baseline-needs-file': '--update-baseline needs --baseline FILE (or "baseline" in the config)',
  'notice-baseline-written': (d) => `notice: wrote ${d.count} known ${Number(d.count) === 1 ? 'finding' : 'findings'} to ${d.file}`,
  'notice-baseline-hidden': (d) => `notice: ${d.count} known ${Number(d.count) === 1 ? 'finding' : 'findings'} hidden (in the baseline ${d.file})`,
  // spf
  'spf-domain-is-ip': (d) => `${d.what} "${d.text}" is an IP address: give the domain (pass the address with --ip)`,
  'spf-domain': (d, t) => `${d.what}: ${t('errors', 'domain', d.error as Data)}`,
  expect: (d) => `--expect takes one of ${list(d.results)} (or several, comma-separated), not "${d.value}"`,
  'spf-ip-required': '--ip is required: the sending IP address to check',
  'spf-ip': (d) => `--ip takes an IPv4 or IPv6 address, not "${d.value}"`,
  'helo-empty': '--helo needs a name',
  helo: (d) => `--helo takes the name a client sends (no control characters, at most 255 characters), not "${d.value}"`,
  'ip-zone-index': (d) => `${d.flag ? `${d.flag} ` : ''}${d.value}: a zone index (%${d.zone}) is not part of an address; give the address alone`,
  sender: (d) => `--sender takes an address like local@${d.domain}, not "${d.value}"`,
  // ip
  'max-listings': (d) => `--max-listings takes a whole number, not "${d.value}"`,
  'no-addresses': 'give at least one IP address (or --selftest)',
  'selftest-addresses': '--selftest takes no addresses',
  'not-an-ip': (d) => `not an IPv4 or IPv6 address: "${d.value}"`,
  'ip-file-line': (d) => `${d.file}:${d.line}: not an IPv4 or IPv6 address: "${d.value}"`,
  'ip-file-empty': (d) => `${d.file} has no addresses (only blank lines and comments)`,
  'not-a-zone': (d) => `not a DNS zone name: "${d.zone}"`,
  'skip-not-queried': (d) => `--skip-lists: ${d.zone} is not among the lists queried`,
  'no-lists': 'no lists left to query',
  'only-lists-empty': '--only-lists needs at least one list zone (comma-separated)',
  'zones-cover-no-list': (d) => `the zone files describe none of the ${d.count} lists; add the lists' records to them, or ask the network`,
  'notice-lists-not-covered': (d) => `notice: ${d.uncovered} of ${d.total} lists not checked: the zone files do not describe them`,
  'warning-public-resolver': (d) => `warning: the resolver ${(d.servers as { server: string; name: string }[]).map((s) => `${s.server} (${s.name})`).join(', ')} is a public one: Spamhaus, URIBL and other lists refuse or silently ignore queries from public resolvers, so "not listed" through it proves little; use your own recursive resolver (--resolver) or a Spamhaus DQS key`,
  // lookup
  'record-type': (d) => `unknown record type "${d.value}": use one of ${list(d.types)}`,
  // bounce
  'json-ndjson': '--json and --ndjson cannot be used together',
  'review-without-suppress': '--review names where --suppress writes its review list: give --suppress FILE too',
  'suppress-write': (d) => `cannot write ${d.file}: ${ioReason(d.reason)}`,
  'no-messages': (d) => `no message in ${list(d.inputs)}: ${(d.inputs as string[]).length === 1 ? 'it is' : 'they are'} empty`,
  'input-error': (d, t) => `${d.file}${d.message ? ` (message ${d.message})` : ''}: ${t('errors', `input.${d.code}`, d)}`,

  'input.binary': 'not a mail message (binary data)',
  'input.not-found': 'no such file or folder',
  'input.permission': 'permission denied',
  'input.folder': 'is a folder',
  'input.not-a-file': 'not a regular file (a pipe, device or socket): not read',
  'input.too-large': (d) => `larger than ${Math.round(Number(d.limit) / 1048576)} MiB, skipped (no bounce report is that large)`,
  'input.other': (d) => String(d.reason),
  'input.broken': (d) => `could not be read: ${d.reason}`,
  'input-empty': (d) => `${d.file}: empty, no message`,
} satisfies Record<string, Text>;
