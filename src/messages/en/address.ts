import type { Data } from '../../core/finding.js';
import { list, type FindingText, type Lookup, type Text } from '../types.js';

// English words of `mailcheck address` and `mailcheck list`: the reasons of a verdict (src/checks/address/),
// why an address does not parse (src/parse/address.ts codes, in `syntax`), the summary and progress, and the
// errors of reading a list (src/input/rows.ts codes).

const at = (d: Data) => (typeof d.index === 'number' ? ` (character ${d.index + 1})` : '');
const partName = (d: Data) => (d.part === 'domain' ? 'the domain' : 'the part before the @');

export const syntax = {
  'address.empty': 'the cell is empty',
  'address.input-too-long': (d) => `longer than ${d.max} characters`,
  'address.no-at': 'there is no @',
  'address.multiple-at': (d) => `more than one @${at(d)}; an @ before the last one must be inside quotes`,
  'address.multiple': (d) => `several addresses in one cell, separated by "${d.char}"${at(d)}: put one address per row`,
  'address.whitespace': (d) => `a space in ${partName(d)}${at(d)}`,
  'address.control-char': (d) => `an invisible control character ${d.codePoint}${at(d)}`,
  'address.fullwidth-char': (d) => `a full-width "${d.char}" (${d.codePoint})${at(d)}, as Chinese and Japanese input methods type it`,
  'address.comment': (d) => `a comment in parentheses where none is allowed${at(d)}`,
  'address.obsolete': (d) => (d.form === 'route' ? 'an obsolete source route (<@relay:user@domain>)' : `an obsolete form of the part before the @ (quoted and plain words joined by dots)${at(d)}`),
  'address.angle-unterminated': (d) => `a "<" without its ">"${at(d)}`,
  'address.angle-trailing': (d) => `text after the closing ">"${at(d)}`,
  'address.local-empty': 'nothing before the @',
  'address.local-too-long': (d) => `the part before the @ is ${d.length} bytes long (at most ${d.max})`,
  'address.local-char-invalid': (d) => `"${d.char}" is not allowed before the @ unless the part is quoted${at(d)}`,
  'address.leading-dot': (d) => `${partName(d)} starts with a dot`,
  'address.trailing-dot': (d) => `${partName(d)} ends with a dot`,
  'address.double-dot': (d) => `two dots in a row in ${partName(d)}${at(d)}`,
  'address.quoted-unterminated': (d) => `a quote (") that is never closed${at(d)}`,
  'address.quoted-char-invalid': (d) => `"${d.char}" is not allowed inside the quotes${at(d)}`,
  'address.domain-empty': 'nothing after the @',
  'address.domain-too-long': (d) => `the domain is ${d.length} bytes long (at most ${d.max})`,
  'address.domain-label-invalid': (d) => (d.char !== undefined ? `"${d.char}" is not allowed in the domain ("${d.label}")` : `"${d.label}" is not a valid part of a domain name`),
  'address.domain-label-too-long': (d) => `the domain part "${d.label}" is ${d.length} characters long (at most ${d.max})`,
  'address.domain-no-dot': 'the domain has no dot (expected something like example.com)',
  'address.domain-idn-invalid': (d) => `"${d.label}" is not a valid internationalised domain name`,
  'address.domain-trailing-dot': 'the domain ends with a dot',
  'address.ip-unbracketed': 'an IP address as the domain must be written in brackets',
  'address.ip-literal-invalid': (d) => (d.form === 'general-literal' ? 'an address literal other than IPv4 or IPv6' : 'not a valid address literal ([192.0.2.1] or [IPv6:2001:db8::1])'),
  'address.too-long': (d) => `the address is ${d.length} bytes long (at most ${d.max})`,
  'address.ip-literal': (d) => `the domain is an IP address (${d.ip}): almost no mail server on the internet accepts mail addressed that way`,
  'input.ndjson-invalid': 'the line is not valid JSON',
  'input.ndjson-not-object': 'the line is JSON, but neither an object nor a string',
  'input.field-missing': (d) => `the row has ${d.fields} field${d.fields === 1 ? '' : 's'}, so no column ${d.column}`,
} satisfies Record<string, Text>;

function typoStatus(d: Data): string {
  switch (d.status) {
    case 'nxdomain': return `${d.domain} does not exist`;
    case 'null-mx': return `${d.domain} accepts no mail`;
    case 'no-mail': return `${d.domain} has no mail server`;
    case 'mx-unresolvable': return `the mail servers of ${d.domain} do not resolve`;
    default: return `${d.domain} could not be checked`;
  }
}

export const findings = {
  'address.syntax': {
    title: 'Not a valid e-mail address',
    message: (d: Data, t: Lookup) => (d.code === 'address.ip-literal' ? `${d.address}: ${t('syntax', 'address.ip-literal', d)}.` : `"${d.input}" is not a valid address: ${t('syntax', String(d.code), d)}.`),
    fix: (d: Data) => (d.suggestion ? `Did you mean ${d.suggestion}?` : d.code === 'address.ip-literal' ? 'Ask the recipient for an address at a domain name.' : 'Correct the address, or remove the row.'),
  },
  'address.typo': {
    title: 'A typo in the domain; the corrected domain receives mail',
    message: (d: Data) => `${typoStatus(d)}; did you mean ${d.suggestion}? (${d.suggested} receives mail)`,
    fix: (d: Data) => `Correct the address to ${d.suggestion}, or confirm it with the recipient.`,
  },
  'address.domain-missing': {
    title: 'The domain does not exist',
    message: (d: Data) => `The domain ${d.domain} does not exist (NXDOMAIN): mail to it bounces.`,
    fix: 'Check the spelling with the recipient; if it is right, the company may have let the domain expire: remove the address.',
  },
  'address.no-mail': {
    title: 'The domain receives no mail',
    message: (d: Data) => (d.kind === 'null-mx' ? `${d.domain} says it accepts no mail (null MX, RFC 7505).` : `${d.domain} has no MX record and no address (A/AAAA): it cannot receive mail.`),
    fix: 'Remove the address, or ask the recipient for one that works.',
  },
  'address.mx-unresolvable': {
    title: 'The mail servers of the domain have no address',
    message: (d: Data) => `The mail servers of ${d.domain} (${list(d.hosts)}) have no IP address: mail to it cannot be delivered.`,
    fix: "Remove the address, or retry in a few days: the domain's mail setup is broken.",
  },
  'address.disposable': {
    title: 'A disposable (throw-away) mailbox domain',
    message: (d: Data) => `${d.domain} is a disposable mailbox domain (listed as ${d.listed} by ${d.source}): such mailboxes expire within hours or days.`,
    fix: 'Do not send campaigns to it; ask for a permanent address.',
  },
  'address.role': {
    title: 'A role mailbox, not a person',
    message: (d: Data) => `${d.local}@ is a role mailbox (${d.role}): shared by a team or read by a filter, cold mail to it is rarely answered and often reported as spam.`,
    fix: "For outreach, find the person's own address; mail role addresses only when they asked for it.",
  },
  'address.free-provider': {
    title: 'A free mailbox provider',
    message: (d: Data) => `A free mailbox at ${d.name}: a personal account, not a company domain.`,
  },
  'address.suppressed': {
    title: 'On a suppression list',
    message: (d: Data) => `${d.address} is on the suppression list ${d.file}${d.reason ? ` (${d.reason})` : ''}: it bounced or unsubscribed before.`,
    fix: 'Do not mail it again.',
  },
  'address.duplicate': {
    title: 'The same mailbox as an earlier row',
    message: (d: Data) => `The same mailbox as row ${d.firstRow}.`,
    fix: 'Remove the later row.',
  },
} satisfies Record<string, FindingText>;

export const checks = {
  'address-syntax': 'Address syntax',
  'address-suppressed': 'Suppression list',
  'address-typo': 'Typo in the domain',
  'address-mail': 'Does the domain receive mail?',
  'address-disposable': 'Disposable domain',
  'address-role': 'Role mailbox',
  'address-duplicate': 'Duplicate',
  'address-free-provider': 'Free mailbox provider',
} satisfies Record<string, string>;

export const found = {
  'address.forms': (d) => `as sent: ${d.ascii}  as read: ${d.unicode}`,
} satisfies Record<string, Text>;

const n = (v: unknown) => Number(v).toLocaleString('en-US');

export const labels = {
  'address.verdict.ok': 'ok',
  'address.verdict.risky': 'risky',
  'address.verdict.invalid': 'invalid',
  'address.verdict.unknown': 'unknown',
  'address.summary': (d) => `${n(d.rows)} address${d.rows === 1 ? '' : 'es'}: ${n(d.ok)} ok, ${n(d.risky)} risky, ${n(d.invalid)} invalid, ${n(d.unknown)} unknown`,
  'address.by-reason': 'by reason:',
  'address.by-provider': 'by mailbox provider:',
  'address.other-provider': '(other or own servers)',
  'address.suggestion': (d) => `→ ${d.suggestion}`,
  'address.split-written': (d) => `split into ${d.dir}: ok.csv ${n(d.ok)}, risky.csv ${n(d.risky)}, invalid.csv ${n(d.invalid)}, unknown.csv ${n(d.unknown)}`,
  'address.progress': (d) => `${n(d.rows)} rows, ${n(d.rate)} rows/s${d.eta ? `, ETA ${d.eta}` : ''}`,
} satisfies Record<string, Text>;

function inputError(d: Data): string {
  switch (d.code) {
    case 'input.binary':
      return d.signature === 'zip' ? 'this is a spreadsheet or zip file, not text: save it as CSV (UTF-8) first' : d.signature === 'ole2' ? 'this is an old Excel (.xls) file, not text: save it as CSV (UTF-8) first' : d.signature === 'pdf' ? 'this is a PDF, not a list' : `binary data, not text (byte ${d.offset})`;
    case 'input.encoding-unknown': return `unknown --encoding "${d.encoding}" (try utf-8, gb18030, gbk, big5, utf-16le, latin1)`;
    case 'input.record-too-long': return `line ${d.line}: a row longer than ${d.max} characters (a quote that never closes?)`;
    case 'input.too-many-fields': return `line ${d.line}: more than ${d.max} fields in one row`;
    case 'input.csv-invalid': return `line ${d.line}: the CSV cannot be read (${d.reason})`;
    case 'input.column-not-found': return `no column "${d.column}"; the columns are: ${list(d.columns)}`;
    case 'input.no-address-column': return `no column holds e-mail addresses (columns: ${list(d.columns)}); choose one with --column`;
    default: return String(d.code);
  }
}

export const errors = {
  'list-read': (d) => `cannot read ${d.file}: ${d.reason}`,
  'list-input': (d) => `${d.file}: ${inputError(d)}`,
  'suppress-read': (d) => `cannot read --suppress ${d.file}: ${d.reason}`,
  'suppress-input': (d) => `--suppress ${d.file}: ${inputError(d)}`,
  'split-out': (d) => `cannot write --split-out ${d.dir}: ${d.reason}`,
} satisfies Record<string, Text>;
