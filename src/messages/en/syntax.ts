import type { Data } from '../../core/finding.js';
import type { Text } from '../types.js';

// English words of the parsers' syntax errors (src/parse/zone.ts, spf.ts, spf-macro.ts), keyed by
// their codes. Values in data are clipped by the parsers, never the whole of a long token.

const number = (what: string) => (d: Data) => `${what} must be a number from 0 to ${d.max}, not "${d.value}"`;

const zone = {
  'zone.file-unreadable': (d) => `cannot read zone file ${d.file}: ${d.reason === 'ENOENT' ? 'no such file' : d.reason === 'EISDIR' ? 'is a directory' : d.reason === 'EACCES' ? 'permission denied' : d.reason}`,
  'zone.file-too-large': (d) => `zone file ${d.file} is larger than ${d.limit} bytes`,
  'zone.file-binary': (d) => `${d.file}:${d.line}: not a zone file (binary data)`,
  'zone.too-many-records': (d) => `more than ${d.limit} records in the zone files`,
  'zone.nested-parentheses': () => 'nested parentheses',
  'zone.unbalanced-parenthesis': () => 'unbalanced ")"',
  'zone.unclosed-parenthesis': () => '"(" is never closed',
  'zone.unterminated-string': () => 'unterminated quoted string',
  'zone.escape-range': (d) => `bad escape ${d.escape}`,
  'zone.escape-digits': (d) => `bad escape ${d.escape}: use three digits`,
  'zone.origin-arguments': () => '$ORIGIN takes one absolute name',
  'zone.origin-relative': (d) => `$ORIGIN must be absolute (end with "."): ${d.value}`,
  'zone.ttl-arguments': () => '$TTL takes one TTL',
  'zone.ttl-directive': (d) => `bad $TTL "${d.value}"`,
  'zone.directive-unsupported': (d) => `${d.directive} is not supported (only $ORIGIN and $TTL)`,
  'zone.no-owner': () => 'record with no owner name (the line starts with whitespace and no record precedes it)',
  'zone.owner-quoted': () => 'owner name cannot be quoted',
  'zone.ttl': (d) => `bad TTL "${d.value}"`,
  'zone.class-unsupported': (d) => `class ${d.class} is not supported (only IN)`,
  'zone.no-type': () => 'record with no type',
  'zone.type-number': (d) => `bad type ${d.type}`,
  'zone.type-unknown': (d) => `unknown record type "${d.type}"`,
  'zone.rfc3597-required': (d) => `${d.type} needs RFC 3597 rdata: \\# <length> <hex>`,
  'zone.no-data': (d) => `${d.type} record has no data`,
  'zone.at-without-origin': () => '"@" used before any $ORIGIN',
  'zone.name-escape': (d) => `escapes in names are not supported: ${d.name}`,
  'zone.name-relative': (d) => `relative name "${d.name}" with no $ORIGIN (end it with "." or add $ORIGIN)`,
  'zone.name-too-long': (d) => `name longer than ${d.limit} characters: ${d.name}`,
  'zone.name-empty-label': (d) => `empty label in name "${d.name}"`,
  'zone.name-label-too-long': (d) => `label longer than ${d.limit} characters in "${d.name}"`,
  'zone.name-invalid': (d) => `bad name "${d.name}"`,
  'zone.rdata-shape': (d) => `bad ${d.type} record: expected "${d.shape}", got "${d.value}"`,
  'zone.rdata-name-missing': (d) => `${d.type} record needs a name`,
  'zone.mx-preference': number('MX preference'),
  'zone.soa-serial': number('SOA serial'),
  'zone.soa-time': (d) => `bad SOA ${d.field}: "${d.value}"`,
  'zone.a-address': (d) => `bad A record: "${d.value}" is not an IPv4 address`,
  'zone.aaaa-address': (d) => `bad AAAA record: "${d.value}" is not an IPv6 address`,
  'zone.txt-empty': (d) => `${d.type} record needs at least one string`,
  'zone.txt-string-too-long': (d) => `${d.type} string longer than ${d.limit} bytes (${d.bytes}): split it into several quoted strings`,
  'zone.rdata-too-long': (d) => `${d.type} record longer than ${d.limit} bytes of rdata (${d.bytes})`,
  'zone.caa-flags': number('CAA flags'),
  'zone.caa-tag': (d) => `bad CAA tag "${d.value}"`,
  'zone.tlsa-usage': number('TLSA usage'),
  'zone.tlsa-selector': number('TLSA selector'),
  'zone.tlsa-matching-type': number('TLSA matching type'),
  'zone.tlsa-data': (d) => `bad TLSA certificate data "${d.value}"`,
  'zone.rfc3597-length': number('the \\# length'),
  'zone.rfc3597-hex': (d) => `bad hex in \\# rdata: ${d.value}`,
  'zone.rfc3597-length-mismatch': (d) => `\\# rdata says ${d.declared} bytes but has ${d.bytes}`,
  'zone.rfc3597-rdata-length': (d) => `${d.type} rdata in \\# form cannot be ${d.bytes} bytes long`,
  'zone.rfc3597-rdata-name': (d) => `bad name in \\# rdata of ${d.type}`,
  'zone.rfc3597-rdata-trailing': (d) => `trailing bytes in \\# rdata of ${d.type}`,
  'zone.rfc3597-rdata-strings': (d) => `bad ${d.type} rdata in \\# form`,
} satisfies Record<string, Text>;

function describeChar(d: Data): string {
  return Number(d.codePoint) >= 0x21 && Number(d.codePoint) <= 0x7e ? `"${d.char}"` : `character U+${Number(d.codePoint).toString(16).toUpperCase().padStart(4, '0')}`;
}

const macro = {
  'spf.macro-char': (d) => `${describeChar(d)} is not allowed here`,
  'spf.macro-percent': () => '"%" must be followed by "{", "%", "_" or "-"',
  'spf.macro-unterminated': () => 'unterminated macro "%{"',
  'spf.macro-invalid': (d) => `invalid macro "%{${d.macro}}"`,
  'spf.macro-letter': (d) => `unknown macro letter "${d.letter}" in "%{${d.macro}}"`,
  'spf.macro-explain-only': (d) => `macro letter "${d.letter}" is only allowed in explanation text`,
  'spf.macro-delimiter': (d) => `invalid delimiter ${describeChar(d)} in "%{${d.macro}}"`,
  'spf.macro-digits-zero': (d) => `the part count in "%{${d.macro}}" must not be 0`,
  'spf.domain-spec-empty': () => 'empty domain-spec',
  'spf.domain-end': (d) => `"${d.value}" does not end in a valid top-level label or a macro`,
} satisfies Record<string, Text>;

const spf = {
  'spf.version': () => 'an SPF record starts with "v=spf1" followed by a space',
  'spf.record-too-long': (d) => `the record is ${d.bytes} bytes long, more than the ${d.limit} bytes any SPF record needs`,
  'spf.mechanism-missing': () => 'missing mechanism name',
  'spf.modifier-colon': (d) => `"${d.name}" is a modifier and takes "=", not ":"`,
  'spf.mechanism-unknown': (d) => `unknown mechanism "${d.name}"`,
  'spf.all-argument': () => '"all" takes no argument',
  'spf.domain-required': (d) => `"${d.mechanism}" needs ":domain"`,
  'spf.ptr-cidr': () => '"ptr" takes only ":domain" (no CIDR length)',
  'spf.cidr-syntax': (d) => `invalid CIDR length "${d.value}" (use /N for IPv4 and //N for IPv6)`,
  'spf.cidr4-length': (d) => `invalid IPv4 CIDR length "/${d.value}" (0-32, no leading zeros)`,
  'spf.cidr6-length': (d) => `invalid IPv6 CIDR length "//${d.value}" (0-128, no leading zeros)`,
  'spf.address-required': (d) => `"${d.mechanism}" needs ":address"`,
  'spf.address-invalid': (d) => `"${d.value}" is not a valid ${d.mechanism === 'ip4' ? 'IPv4' : 'IPv6'} address`,
  'spf.cidr-length': (d) => `invalid CIDR length "/${d.value}" (0-${d.max}, no leading zeros)`,
  'spf.address-as-domain': (d) => `"${d.mechanism}:" takes a domain name, not an address: use ${d.use}:${d.value}`,
  'spf.modifier-duplicate': (d) => `"${d.name}=" appears more than once`,
} satisfies Record<string, Text>;

const tags = {
  'taglist.empty-tag': 'empty tag between two ";"',
  'taglist.not-pair': (d) => `"${d.part}" is not a tag=value pair`,
  'taglist.tag-name': (d) => `"${d.name}" is not a valid tag name`,
  'taglist.duplicate': (d) => `tag "${d.name}" appears more than once`,
  'dmarc.version-not-first': '"v=DMARC1" must be the first tag',
  'dmarc.no-version': 'the record does not start with "v=DMARC1"',
  'dmarc.policy': (d) => `${d.tag}=${d.value}: the policy must be none, quarantine or reject`,
  'dmarc.alignment': (d) => `${d.tag}=${d.value}: alignment must be r (relaxed) or s (strict)`,
  'dmarc.pct': (d) => `pct=${d.value}: pct must be a whole number from 0 to 100`,
  'dmarc.fo': (d) => `fo=${d.value}: fo is a colon-separated list of 0, 1, d and s`,
  'dmarc.rf': (d) => `rf=${d.value}: the only report format is afrf`,
  'dmarc.ri': (d) => `ri=${d.value}: ri is a number of seconds`,
  'dmarc.p-missing': 'the required "p" tag (policy) is missing',
  'dkim.version': (d) => `v=${d.version}: the version must be DKIM1`,
  'dkim.version-not-first': '"v=DKIM1" must be the first tag',
  'dkim.service': (d) => `s=${d.service}: the key is not for email (s= must include * or email)`,
  'dkim.hashes': (d) => `h=${d.hashes}: sha256 is not allowed, and verifiers no longer accept sha1 alone (RFC 8301)`,
  'dkim.p-missing': 'the required "p" tag (public key) is missing',
  'dkim.base64': 'p= is not valid base64',
  'dkim.ed25519-length': (d) => `an ed25519 key must be the 32 raw key bytes (RFC 8463), not ${d.bytes} bytes`,
  'dkim.ed25519-invalid': 'p= is not a valid ed25519 public key',
  'dkim.key-type': (d) => `unknown key type k=${d.keyType} (verifiers know rsa and ed25519)`,
  'dkim.not-rsa': (d) => `p= holds a ${d.keyType} key, but k=rsa`,
  'dkim.pkcs1': 'p= is a PKCS#1 RSAPublicKey; DKIM needs the SubjectPublicKeyInfo form (openssl rsa -pubout), which most verifiers require',
  'dkim.rsa-invalid': 'p= is not a valid RSA public key',
} satisfies Record<string, Text>;

/** Every syntax error id (an error inside a modifier is prefixed by the renderer: `labels: syntax.in-modifier`). */
export const syntax = { ...zone, ...macro, ...spf, ...tags } satisfies Record<string, Text>;
