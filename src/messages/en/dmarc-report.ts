import type { Data } from '../../core/finding.js';
import type { FindingText, Lookup, Text } from '../types.js';

// English words of `mailcheck dmarc-report`: the checks, findings and fixes, the lines of the sender list,
// the verdict, and the one-line reasons a file is rejected.

/** 12,400 */
export const n = (v: unknown): string => Number(v ?? 0).toLocaleString('en-US');
/** 96.1% (one decimal under 10%, none over; never "100%" for less than all). */
export const pct = (v: unknown): string => {
  const x = Number(v ?? 0) * 100;
  if (x > 99.9 && x < 100) return '99.9%';
  if (x > 0 && x < 0.1) return '<0.1%';
  return `${x >= 10 || x === 0 ? Math.round(x) : Math.round(x * 10) / 10}%`;
};
const days = (v: unknown): string => `${v} day${Number(v) === 1 ? '' : 's'}`;
const names = (v: unknown, max = 3): string => {
  const list = Array.isArray(v) ? (v as unknown[]).map(String) : [];
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')}…`;
};
const mb = (v: unknown): string => `${Math.round(Number(v) / (1024 * 1024))} MB`;
const date = (v: unknown): string => (typeof v === 'number' ? new Date(v * 1000).toISOString().slice(0, 10) : '?');

/** Who a sender group is in a sentence: the service, the third party's domain, or the domain's own servers. */
const who = (d: Data): string => (d.kind === 'own' ? `${d.domain}'s own mail servers` : String(d.name));

/** "aligned ✓", "not aligned", "aligned 45%". */
function state(part: unknown, whole: unknown): string {
  const p = Number(part);
  const w = Number(whole);
  if (w > 0 && p >= w) return 'aligned ✓';
  if (p <= 0) return 'not aligned';
  return `aligned ${pct(p / w)}`;
}

/** Where to turn DKIM on at a service, when the catalogue knows (the domain report's hints, or ours). */
function where(t: Lookup, id: unknown): string {
  if (typeof id !== 'string' || id === '') return '';
  for (const key of [`dkim-hint.${id}`, `dmarc-report.dkim-at.${id}`]) {
    const words = t('labels', key);
    if (words !== key) return ` (${words})`;
  }
  return '';
}

/** Why a group fails: what its DKIM and SPF authenticated as. */
function how(d: Data): string {
  const parts: string[] = [];
  const dkim = d.dkimDomains as string[] | undefined;
  const spf = d.spfDomains as string[] | undefined;
  parts.push(dkim && dkim.length > 0 ? `DKIM signs as ${names(dkim)}, not ${d.domain}` : Number(d.dkimAligned) > 0 ? `DKIM is aligned on only part of it` : `no DKIM signature of ${d.domain} passes`);
  parts.push(spf && spf.length > 0 ? `SPF passes for ${names(spf)}, not ${d.domain}` : Number(d.spfAligned) > 0 ? `SPF is aligned on only part of it` : `SPF does not pass for ${d.domain}`);
  return parts.join('; ');
}

export const checks = {
  'dmarc-senders': 'Who sends as the domain',
  'dmarc-record': 'DMARC record now',
  'dmarc-verdict': 'Ready for p=quarantine?',
} satisfies Record<string, string>;

export const findings = {
  'dmarc-report.unaligned-service': {
    title: 'A sender of the domain is not aligned',
    message: (d) => `${who(d)} send${d.kind === 'own' ? '' : 's'} as ${d.domain}, but ${n(d.failing)} of ${d.kind === 'own' ? 'their' : 'its'} ${n(d.messages)} messages (${pct(d.share)}) fail DMARC: ${how(d)}`,
  },
  'dmarc-report.strict-alignment': {
    title: 'Mail fails only because alignment is strict',
    message: (d) => `${n(d.strict)} messages from ${who(d)} pass DKIM or SPF on a subdomain of ${d.domain}, but fail DMARC because the policy asks for strict alignment (adkim=${d.adkim}, aspf=${d.aspf})`,
    fix: (d) => `Publish relaxed alignment (below), or have ${d.name} sign with d=${d.domain} and send with a MAIL FROM address @${d.domain} exactly.`,
  },
  'dmarc-report.spf-only': {
    title: 'A sender passes on SPF alone',
    message: (d) => `${who(d)} pass${d.kind === 'own' ? '' : 'es'} DMARC on SPF alone (${n(d.spfOnly)} messages without an aligned DKIM signature): every forwarded copy will fail`,
  },
  'dmarc-report.forwarding': {
    title: 'Forwarded mail passed on DKIM',
    message: (d) => `${n(d.messages)} messages were forwarded (via ${names(d.via)}), lost SPF on the way and passed DMARC on their DKIM signature: nothing to do while DKIM signs everything`,
  },
  'dmarc-report.forwarding-broken': {
    title: 'Forwarding broke DKIM',
    message: (d) => `${n(d.messages)} messages (${pct(d.share)} of the domain's mail) were forwarded or passed through mailing lists that broke their DKIM signature (via ${names(d.via)}): they fail DMARC`,
  },
  'dmarc-report.forgery': {
    title: 'Likely forgeries',
    message: (d) => `${n(d.messages)} messages from ${n(d.sources)} unknown source${Number(d.sources) === 1 ? '' : 's'} (${names(d.ips)}) fail both SPF and DKIM: likely forgeries of ${d.domain}, which p=quarantine sends to spam and p=reject refuses`,
  },
  'dmarc-report.record-missing': {
    title: 'No DMARC record now',
    message: (d) => `no DMARC record found now at ${names(d.searched)}: receivers apply no policy and will stop sending reports`,
    fix: 'Publish the record below (use a report mailbox you read).',
  },
  'dmarc-report.not-enough-data': {
    title: 'Too few reports to judge',
    message: (d) => `the reports cover ${days(d.days)} and ${n(d.messages)} messages; at least ${days(d.minDays)} are needed (mail sent weekly or monthly may not show yet)`,
    fix: 'Keep the current policy, collect reports for two to four weeks, then run this again.',
  },
  'dmarc-report.not-ready': {
    title: 'Not ready for p=quarantine',
    message: (d) => {
      const failing = `${n(d.failing)} of ${n(d.legitimate)} legitimate messages (${pct(1 - Number(d.share))})`;
      if (d.policy === 'quarantine' || d.policy === 'reject') return `p=${d.policy} is in force and ${failing} fail DMARC: they go to spam or are refused now (${names(d.blocking, 5)})`;
      return `not ready for p=quarantine: ${failing} fail DMARC and would go to spam (${names(d.blocking, 5)})`;
    },
    fix: 'Fix the findings above, wait for a week of new reports, and run this again.',
  },
  'dmarc-report.ready': {
    title: 'Ready for the next policy step',
    message: (d) => `ready for p=${d.next}: ${pct(d.share)} of the legitimate mail (${n(d.legitimate)} messages over ${days(d.days)}) passes DMARC aligned`,
    fix: 'Publish the record below, then keep reading the reports for a few weeks before the next step.',
  },
  'dmarc-report.enforced': {
    title: 'Policy fully enforced',
    message: (d) => `p=${d.policy} is in force and the legitimate mail passes DMARC (${pct(d.share)}): nothing left to tighten`,
  },
} satisfies Record<string, FindingText>;

export const advice = {
  'dmarc-report.fix-service': (d, t) => {
    const steps = [`Turn on DKIM for ${d.domain} at ${d.name}${where(t, d.hint)}, so that it signs with d=${d.domain}`];
    if (d.include && d.spfOnDomain) steps.push(`add ${d.include} to the SPF record of ${d.domain}${d.spfRecord ? ' (below)' : ''}`);
    return `${steps.join(', and ')}. If you do not use ${d.name}, this is someone else's account sending as you: quarantine will stop it.`;
  },
  'dmarc-report.fix-own': (d) => `Sign the mail of your own servers (${names(d.ips)}) with DKIM for ${d.domain}${d.include && d.spfOnDomain ? `, and authorize them in SPF with mx${d.spfRecord ? ' (below)' : ''}` : ''}.`,
  'dmarc-report.fix-third-party': (d) =>
    `If you use the service behind ${d.name}, set up DKIM for ${d.domain} there (its "domain authentication" or "custom DKIM" settings) and, where it offers one, a bounce (Return-Path) domain under ${d.domain}. If you do not, someone is sending as you through it: quarantine will stop it.`,
  'dmarc-report.dkim-service': (d, t) => `Turn on DKIM for ${d.domain} at ${d.name}${where(t, d.hint)}, so that forwarded mail still passes.`,
  'dmarc-report.dkim-own': (d) => `Sign the mail of your own servers with DKIM for ${d.domain}, so that forwarded mail still passes.`,
  'dmarc-report.forwarding-broken':
    'Nothing in your DNS fixes these: sign everything with DKIM (it survives plain forwarding); lists that rewrite messages should rewrite the From address or sign with ARC. Under p=quarantine these copies go to spam.',
} satisfies Record<string, Text>;

export const found = {
  'dmarc-report.totals': (d) => {
    const range = d.begin === null ? '' : `, ${date(d.begin)} to ${date(d.end)}`;
    const dup = Number(d.duplicates) > 0 ? ` (${n(d.duplicates)} duplicate${Number(d.duplicates) === 1 ? '' : 's'} left out)` : '';
    return `${n(d.reports)} report${Number(d.reports) === 1 ? '' : 's'} from ${n(d.reporters)} reporter${Number(d.reporters) === 1 ? '' : 's'}${dup}${range}: ${n(d.messages)} messages from ${n(d.sources)} IPs, ${n(d.dmarcPass)} pass DMARC (${pct(d.share)})`;
  },
  'dmarc-report.group': (d) => {
    const ips = d.ips as string[];
    const name = d.kind === 'unknown' ? (d.ptr ? `${d.ptr} (${ips[0]})` : d.ptrStatus === 'missing' ? `${ips[0]} (no PTR)` : String(ips[0])) : d.kind === 'own' ? `${d.name}'s own mail servers` : String(d.name);
    const fail = Number(d.messages) - Number(d.dmarcPass);
    const extra = [Number(d.sources) > 1 ? `${n(d.sources)} IPs` : '', fail > 0 ? `${n(fail)} fail DMARC` : '', Number(d.forwarded) > 0 ? `${n(d.forwarded)} of them forwarded` : ''].filter(Boolean);
    return `${name}: ${n(d.messages)} messages, DKIM ${state(d.dkimAligned, d.messages)} SPF ${state(d.spfAligned, d.messages)}${extra.length > 0 ? `  (${extra.join(', ')})` : ''}`;
  },
  'dmarc-report.more': (d) => `… and ${n(d.groups)} more (${n(d.sources)} IPs, ${n(d.messages)} messages)`,
  'dmarc-report.dropped': (d) => `${n(d.messages)} messages from IPs past the number tracked one by one are counted in the totals only`,
  'dmarc-report.published': (d) => {
    const tags = [`p=${d.p ?? '?'}`, d.sp ? `sp=${d.sp}` : '', d.pct !== undefined && Number(d.pct) < 100 ? `pct=${d.pct}` : '', `adkim=${d.adkim ?? 'r'}`, `aspf=${d.aspf ?? 'r'}`].filter(Boolean);
    return `the latest reports saw ${d.domain} publish ${tags.join(' ')}`;
  },
} satisfies Record<string, Text>;

export const labels = {
  'dmarc-report.title': (d) => `${d.domain}  DMARC aggregate reports`,
  'dmarc-report.senders': 'Senders',
  'dmarc-report.ready': 'ready for p=quarantine',
  'dmarc-report.enforced': 'enforced: legitimate mail passes',
  'dmarc-report.not-ready': 'not ready for p=quarantine',
  'dmarc-report.no-reports': 'no report was read for this domain',
  'dmarc-report.rejected': (d) => `${n(d.count)} input${Number(d.count) === 1 ? '' : 's'} rejected (listed on stderr)`,
  'dmarc-report.offline': 'offline: no DNS lookups (services named from the reports alone)',
  'dmarc-report.ptr-skipped': (d) => `${n(d.skipped)} IPs not looked up in reverse DNS (--ptr-lookups ${d.limit}, or time ran out)`,
  'dmarc-report.progress': (d) => `${n(d.done)}/${n(d.total)} files`,
  'dmarc-report.dkim-at.amazon-ses': 'Easy DKIM for the domain identity in the Amazon SES console',
  'dmarc-report.dkim-at.sendgrid': 'Settings > Sender Authentication > Authenticate Your Domain',
  'dmarc-report.dkim-at.mailchimp': 'Website > Domains > Authenticate',
  'dmarc-report.dkim-at.mailgun': 'Sending > Domains: add the domain and publish its DKIM record',
  'dmarc-report.dkim-at.postmark': 'Sender Signatures > Domains > DKIM',
  'dmarc-report.dkim-at.tencent-exmail': 'the Exmail admin console, domain settings, DKIM',
  'dmarc-report.dkim-at.netease-qiye': 'the Qiye admin console, domain settings, DKIM',
  'dmarc-report.dkim-at.alibaba-mail': 'the Alibaba Mail admin console, domain settings, DKIM',
} satisfies Record<string, Text>;

const XML_REASONS: Record<string, string> = {
  entity: 'an entity reference',
  'mismatched-tag': 'a closing tag that does not match',
  'outside-root': 'text outside the root element',
  'bad-character': 'a character XML does not allow',
  namespace: 'a namespace error',
  attribute: 'a broken attribute',
  syntax: 'a syntax error',
};

/** The reason a file, message or document was not read (`errors: dmarc-report.rejected`). */
const reasons: Record<string, Text> = {
  'archive.empty': 'empty file',
  'archive.gzip-corrupt': (d) => `not a readable gzip file (${d.reason})`,
  'archive.internal-error': (d) => `could not be unpacked (internal error ${d.name})`,
  'archive.no-document': (d) => `the zip holds no .xml report (${d.entries} entries)`,
  'archive.ratio': (d) => `decompresses to ${d.ratio} times its size (the limit is ${d.limit}): refused as a zip bomb`,
  'archive.too-large': (d) => `over ${mb(d.limit)} (compressed or not): refused`,
  'archive.too-many-entries': (d) => `the zip lists ${n(d.entries)} entries (at most ${n(d.limit)})`,
  'archive.unknown-format': 'neither XML, gzip nor zip',
  'archive.zip-corrupt': (d) => `not a readable zip file (${d.reason})`,
  'archive.zip-encrypted': 'an encrypted zip member',
  'archive.zip-method': (d) => `a zip member compressed with an unsupported method (${d.method})`,
  'dmarc-report.count-invalid': (d) => `record ${d.record}: count "${d.value}" is not a whole number up to ${n(d.limit)}`,
  'dmarc-report.date-invalid': (d) => `date_range/${d.field} "${d.value}" is not a time in seconds since 1970`,
  'dmarc-report.doctype': 'the XML has a DOCTYPE, which no report has (refused, so that no entity is ever expanded)',
  'dmarc-report.empty': 'empty document',
  'dmarc-report.encoding-unsupported': (d) => `unknown character encoding "${d.encoding}"`,
  'dmarc-report.internal-error': (d) => `could not be read (internal error ${d.name})`,
  'dmarc-report.missing-field': (d) => `the required element ${d.field} is missing`,
  'dmarc-report.not-aggregate': (d) => `not a DMARC aggregate report (root element <${d.root}>, not <feedback>)`,
  'dmarc-report.not-xml': 'not XML',
  'dmarc-report.too-deep': (d) => `elements nested deeper than ${d.limit}`,
  'dmarc-report.too-large': (d) => `${mb(d.size)}, over the limit of ${mb(d.limit)}`,
  'dmarc-report.too-many-attributes': (d) => `an element with more than ${d.limit} attributes`,
  'dmarc-report.too-many-records': (d) => `more than ${n(d.limit)} records`,
  'dmarc-report.truncated': (d) => `the XML ends early (line ${d.line}): truncated`,
  'dmarc-report.value-too-long': (d) => `${d.element} is longer than ${n(d.limit)} characters`,
  'dmarc-report.xml-malformed': (d) => `malformed XML at line ${d.line}, column ${d.column}: ${XML_REASONS[String(d.reason)] ?? XML_REASONS.syntax}`,
  'dmarc-report.no-report': 'a message with no report attached',
  'dmarc-report.too-many-domains': (d) => `a report about ${d.domain}, past ${d.limit} policy domains in one run (choose with --domain)`,
  'input.too-large': (d) => `${mb(d.size)}, over the limit of ${mb(d.limit)} for one file`,
};

export const errors = {
  'dmarc-report.rejected': (d, t) => `${d.file}${d.message ? ` (message ${d.message})` : ''}${d.document ? ` ${d.document}` : ''}: rejected: ${t('errors', 'dmarc-report.reason', d)}`,
  'dmarc-report.reason': (d, t) => {
    const code = String(d.code);
    const data = (d.data as Data | undefined) ?? {};
    const reason = reasons[code];
    if (reason === undefined) return t('errors', code, data);
    return typeof reason === 'string' ? reason : reason(data, t);
  },
  'dmarc-report.nothing-read': (d) => `no DMARC aggregate report could be read (${n(d.rejected)} input${Number(d.rejected) === 1 ? '' : 's'} rejected)`,
  'dmarc-report.since': (d) => `--since takes a date (2026-01-31), a date and time (2026-01-31T12:00:00Z) or a time back from now (30d, 12h, 2w), not "${d.value}"`,
} satisfies Record<string, Text>;

/** Every code a rejection can have, for tests (each has words above or in errors `input.*`). */
export const REJECTION_CODES: readonly string[] = Object.keys(reasons);
