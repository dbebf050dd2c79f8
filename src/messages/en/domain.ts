import type { Data } from '../../core/finding.js';
import { list, syntaxText, type FindingText, type Lookup, type Text } from '../types.js';


// English words of `mailcheck domain` (and the checks `ip` shares with it). Placeholders come from the
// finding's data (see each check in src/checks/).

export const checks = {
  mx: 'MX (incoming mail servers)',
  spf: 'SPF (who may send as the domain)',
  dmarc: 'DMARC (policy for mail that fails SPF and DKIM)',
  dkim: 'DKIM (signing keys)',
  rdns: 'Reverse DNS (PTR and forward confirmation)',
  rbl: 'Blacklists (DNSBL)',
  provider: 'Mail provider and sending services',
  tls: 'MTA-STS, TLS reporting and BIMI',
} satisfies Record<string, string>;

const lookupWhat: Record<string, (d: Data) => string> = {
  mx: () => 'where the domain receives mail',
  'mx-host': (d) => `whether MX host ${d.host} resolves`,
  dmarc: () => 'the DMARC policy',
  'dmarc-authorization': (d) => `whether ${d.destination} accepts reports for ${d.domain}`,
  'dkim-selector': (d) => `DKIM selector ${d.selector}`,
  'dkim-probes': (d) => `DKIM (${d.failed} of ${d.probed} selector lookups failed)`,
  'mta-sts': () => 'MTA-STS',
  'tls-rpt': () => 'TLS-RPT',
  'mta-sts-host': (d) => `the MTA-STS policy (host ${d.host})`,
  tlsa: (d) => `DANE for MX host ${d.host}`,
  dnssec: () => 'DNSSEC',
};

/** Where a lookup failed and what could therefore not be checked, by the finding's `kind`. */
function lookupFailed(d: Data, t: Lookup): string {
  switch (d.kind) {
    case 'lookup': {
      const error = d.error && d.error !== d.outcome ? `: ${d.error}` : '';
      const what = lookupWhat[d.what as string]?.((d.whatData ?? {}) as Data) ?? String(d.what);
      return `Could not look up ${d.name} ${d.type} (${d.outcome}${error}), so ${what} was not checked.`;
    }
    case 'spf-txt':
      return `Could not look up ${d.domain} TXT (${d.outcome}), so SPF was not checked.`;
    case 'spf-ip': {
      const p = d.problem as { id: string; data: Data } | null;
      return `SPF for ${d.ip} could not be evaluated (temperror${p ? `: ${t('spf', `problem.${p.id}`, p.data)}` : ''}).`;
    }

    case 'spf-tree': {
      const names = d.names as string[];
      return `Could not look up ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}, so the SPF tree is incomplete and the lookup count may be low.`;
    }
    case 'ptr':
      return `Could not look up the PTR of ${d.ip} (${d.outcome}), so its reverse DNS was not checked.`;
    case 'ptr-forward':
      return `Could not resolve ${list(d.names)} to confirm the PTR of ${d.ip}.`;
    default:
      return `Could not look up ${d.name ?? ''} ${d.type ?? ''} (${d.outcome ?? 'error'}).`;
  }
}

function lookupFailedFix(d: Data): string {
  return d.kind === 'lookup'
    ? "Run again or ask another resolver (--resolver). If it persists, the domain's DNS servers are failing (SERVFAIL often means broken DNSSEC)."
    : 'Run again or ask another resolver (--resolver).';
}

/** Parser errors `{ code, data }`, each in words, joined. */
function syntaxList(t: Lookup, errors: unknown): string {
  return (Array.isArray(errors) ? errors : []).map((e) => syntaxText(t, e)).join('; ');
}

/** "sending IP 192.0.2.1", "192.0.2.1 (MX mx.example.com)", or the address alone (`mailcheck ip`). */
function rdnsWho(d: Data): string {
  if (d.role === 'sender') return `sending IP ${d.ip}`;
  if (d.role === 'ip') return String(d.ip);
  return `${d.ip} (MX ${d.host ?? ''})`;
}

/** `192.0.2.1 (MX mx.example.com, SPF ip4:192.0.2.1)`, or the domain name (or the address alone for `mailcheck ip`). */
function rblWho(d: Data): string {
  const sources = (d.sources as { role: string; via?: string }[]).filter((s) => s.role !== 'ip');
  if (d.kind === 'domain' || sources.length === 0) return String(d.target);
  const text = (s: { role: string; via?: string }) => {
    switch (s.role) {
      case 'mx': return `MX ${s.via ?? ''}`.trim();
      case 'sender': return '--ip';
      case 'spf': return `SPF ${s.via ?? ''}`.trim();
      default: return 'the domain';
    }
  };
  return `${d.target} (${sources.map(text).join(', ')})`;
}

/** The words of one DNSBL code: its meaning ids joined (a bitmask code has several). */
export function meaningText(t: Lookup, ids: readonly string[] | undefined): string {
  return (ids ?? []).map((id) => t('dnsbl', id)).join('; ');
}

export const findings = {

  'dns.lookup-failed': { title: 'A DNS lookup failed, so part of a check could not be done', message: lookupFailed, fix: lookupFailedFix },
  // mailcheck spf
  'spf.result': {
    title: 'The SPF result a receiver gets for this IP',
    message: (d, t) => `SPF ${d.domain} for ${d.ip}: ${d.result} — ${t('spf', `meaning.${d.result}`)}.`,
  },
  'spf.unexpected': {
    title: 'The SPF result is not the one --expect asked for',
    message: (d) => `SPF ${d.domain} for ${d.ip} gives ${d.result}, not ${list(d.expected, ' or ')} as --expect asked.`,
  },
  // mailcheck ip --selftest
  'selftest.dead': {
    title: 'A blacklist does not list its RFC 5782 test point (dead or empty)',
    message: (d, t) => `${d.list} (${d.zone}, ${d.kind}): ${t('dnsbl', (d.detail as { id: string }).id, (d.detail as { data?: Data }).data)}.`,
    fix: 'Remove the list from your configuration: it cannot list anything.',
  },
  'selftest.lists-everything': {
    title: 'A blacklist lists its negative test point: it would list every address',
    message: (d, t) => `${d.list} (${d.zone}, ${d.kind}): ${t('dnsbl', (d.detail as { id: string }).id, (d.detail as { data?: Data }).data)}.`,
    fix: 'Stop using the list at once: every address looks listed, so mail would be refused.',
  },
  'selftest.broken': {
    title: 'A blacklist answers outside 127.0.0.0/8 (parked or hijacked zone)',
    message: (d, t) => `${d.list} (${d.zone}, ${d.kind}): ${t('dnsbl', (d.detail as { id: string }).id, (d.detail as { data?: Data }).data)}.`,
    fix: 'Stop using the list: its answers are not listings.',
  },
  'check.crashed': {
 title: 'A check failed unexpectedly (a bug in mailcheck)', message: (d) => `The ${d.check} check failed unexpectedly (${d.error}); its part of the report is missing.`, fix: 'Run again with MAILCHECK_DEBUG=1 and report it as a bug.' },

  // MX
  'mx.missing': {
    title: 'No MX record, or the domain does not exist',
    message: (d) => d.kind === 'nxdomain'
      ? `${d.domain} does not exist in DNS (NXDOMAIN): it can neither receive mail nor pass any authentication check.`
      : d.kind === 'implicit'
        ? `${d.domain} has no MX record, so senders deliver to its A/AAAA address (${list(d.addresses)}) as an implicit MX (RFC 5321 §5.1), which is rarely a mail server.`
        : `${d.domain} has no MX record and no address, so it cannot receive mail: replies and bounces to it are lost, and many receivers reject mail from a domain that cannot receive.`,
    fix: (d) => d.kind === 'nxdomain'
      ? `Check the spelling, or register and publish ${d.domain} with MX, SPF and DMARC records.`
      : d.kind === 'implicit'
        ? 'Publish the MX records of your mail provider; if the domain receives no mail, publish a null MX ("0 .", RFC 7505) instead.'
        : 'Publish the MX records of your mail provider. If the domain never receives mail, publish a null MX (RFC 7505) so senders fail fast:',
  },
  'mx.null': {
    title: 'Null MX: the domain accepts no mail',
    message: (d) => d.mixed
      ? `${d.domain} mixes a null MX ("0 .") with other MX records; RFC 7505 §3 says a null MX must be the only one, so senders may treat the domain as accepting no mail.`
      : `${d.domain} publishes a null MX (RFC 7505): it accepts no mail, and receivers may reject mail sent with it as the sender domain (RFC 7505 §4.2).`,
    fix: (d) => d.mixed
      ? 'Remove the null MX record if the domain receives mail, or remove the other MX records if it does not.'
      : 'If the domain sends mail, replace the null MX with real MX records; if it does not, also publish "v=spf1 -all" and a DMARC p=reject record.',
  },
  'mx.cname': {
    title: 'An MX target is an alias (CNAME)',
    message: (d) => `MX ${d.host} is an alias (CNAME) of ${d.cname}; MX targets must not be aliases (RFC 2181 §10.3, RFC 5321 §5.1) and some senders refuse them.`,
    fix: 'Point the MX directly at the canonical host name:',
  },
  'mx.ip-literal': {
    title: 'An MX target is an IP address, not a host name',
    message: (d) => `MX ${d.host} is an IP address; an MX must name a host (RFC 5321 §5.1), so most senders cannot use it.`,
    fix: (d) => `Point the MX at a host name that has an A record for ${d.host}.`,
  },
  'mx.unresolvable': {
    title: 'An MX host has no A or AAAA record',
    message: (d) => `MX host ${d.host} has no A or AAAA record${d.nxdomain ? ' (the name does not exist)' : ''}, so senders cannot deliver to it${d.fallsThrough ? ' and fall through to the next MX' : ''}.`,
    fix: (d) => `Publish an A (and AAAA) record for ${d.host}, or point the MX at a host that has one.`,
  },
  'mx.private-ip': {
    title: 'An MX host resolves to an address no sender can reach',
    message: (d) => `MX host ${d.host} resolves to ${list(d.addresses)}, an address no sender on the internet can reach.`,
    fix: (d) => `Publish the public address of ${d.host} in public DNS (keep private addresses to split-horizon DNS).`,
  },
  'mx.no-ipv6': {
    title: 'No MX host has an IPv6 address',
    message: 'No MX host has an IPv6 (AAAA) address, so IPv6-only senders cannot deliver (internet.nl checks this).',
    fix: 'Add AAAA records for the MX hosts if your mail provider supports IPv6.',
  },

  // SPF
  'spf.missing': {
    title: 'No SPF record',
    message: (d) => `${d.domain} has no SPF record (a TXT record starting "v=spf1"): receivers cannot tell which servers may send as ${d.domain}, and Gmail and Yahoo require SPF or DKIM from every sender.`,
    fix: 'Publish one SPF record listing every service that sends as the domain (add an include: for each, e.g. your newsletter or ticketing service):',
  },
  'spf.multiple': {
    title: 'More than one SPF record (permerror)',
    message: (d) => `${d.domain} has ${d.count} SPF records; receivers then fail SPF with permerror for all its mail (RFC 7208 §4.5).`,
    fix: (d) => (d.record ? 'Replace them with one record that keeps every mechanism:' : 'Merge them into one record.'),
  },
  'spf.syntax': {
    title: 'Syntax error in the SPF record or an included record',
    message: (d, t) => {
      const errors = d.errors as { term: string }[];
      const where = d.via ? `the record of ${d.domain} (reached by ${d.via})` : 'the SPF record';
      return `Syntax error in ${where}: ${errors.map((e) => `"${e.term}": ${syntaxText(t, e)}`).join('; ')}. Receivers return permerror, so SPF fails for all mail.`;
    },
    fix: (d) => (d.via ? `Tell the operator of ${d.domain}, or remove ${d.via} from your record.` : `Correct the term${(d.errors as unknown[]).length > 1 ? 's' : ''} named above.`),
  },
  'spf.too-many-lookups': {
    title: 'More than 10 DNS lookups in the SPF tree (permerror)',
    message: (d) => `SPF needs ${d.lookups} DNS lookups; receivers stop at ${d.limit} and return permerror, so SPF fails for all mail (RFC 7208 §4.6.4). Largest: ${(d.heaviest as { term: string; n: number }[]).map((h) => `${h.term} (${h.n})`).join(', ')}.`,
    fix: 'Bring it to 10 or fewer: drop includes of services you no longer use; replace a and mx terms by ip4/ip6; move bulk and marketing senders to a subdomain with its own SPF record (their Return-Path domain, e.g. news.example.com); or flatten an include into the ip4/ip6 ranges it lists (and keep them current).',
  },
  'spf.void-lookups': {
    title: 'More than 2 SPF lookups of names that do not exist (permerror)',
    message: (d) => `SPF evaluation hits ${d.count} names that do not exist (${list(d.names)}); receivers return permerror after ${d.limit} (RFC 7208 §4.6.4).`,
    fix: 'Remove the include, a and mx terms that point at names that no longer exist.',
  },
  'spf.loop': {
    title: 'An SPF include/redirect loop',
    message: (d) => `SPF include loop: ${list(d.chain, ' → ')} (${d.term}); receivers return permerror.`,
    fix: (d) => `Remove ${d.term} from the record of ${d.from}.`,
  },
  'spf.include-missing': {
    title: 'An SPF include/redirect target does not exist or has no SPF record',
    message: (d) => `${d.term} in the record of ${d.from}: ${d.domain} ${d.outcome === 'nxdomain' ? 'does not exist' : 'has no SPF record'}, so receivers return permerror when they reach it (RFC 7208 §5.2).`,
    fix: (d) => `Remove ${d.term}, or correct the name (check the service's current SPF instructions).`,
  },
  'spf.pass-all': {
    title: 'SPF ends in +all: anyone may send as the domain',
    message: (d) => `The SPF record ends in +all${d.via ? ` (via redirect to ${d.via})` : ''}: every server on the internet may send as ${d.domain}.`,
    fix: (d) => (d.record ? 'End the record with ~all (or -all):' : 'End the record with ~all or -all.'),
  },
  'spf.neutral': {
    title: 'SPF ends in ?all or has no all: it says nothing about forgeries',
    message: (d) => `The SPF record ${d.qualifier ? 'ends in ?all' : 'has no all term'}, so mail from unlisted servers gets "neutral": SPF says nothing about forgeries.`,
    fix: (d) => (d.record ? 'End the record with ~all (or -all):' : 'End the record with ~all or -all.'),
  },
  'spf.softfail': {
    title: 'SPF ends in ~all (softfail)',
    message: 'The SPF record ends in ~all (softfail): unlisted servers are suspicious but not rejected on SPF alone. With an enforcing DMARC policy that is the usual choice.',
    fix: 'Use -all once every sender is listed, if you want SPF alone to reject forgeries.',
  },
  'spf.ptr': {
    title: 'The SPF record uses the ptr mechanism',
    message: (d) => `The SPF record of ${d.domain} uses the ptr mechanism, which RFC 7208 §5.5 says not to use: it is slow, unreliable, and some receivers ignore it.`,
    fix: 'Replace ptr by ip4/ip6 ranges or an a: term for your servers.',
  },
  'spf.too-long': {
    title: 'The SPF record is over 450 bytes',
    message: (d) => `The SPF record is ${d.bytes} bytes; over ${d.max} bytes the TXT answer risks exceeding 512-byte UDP responses (RFC 7208 §3.4), and some receivers fail it.`,
    fix: 'Shorten it: group addresses into CIDR ranges or move them into an include on a subdomain.',
  },
  'spf.ip-not-authorized': {
    title: 'A sending IP does not pass SPF for the domain',
    message: (d, t) => {
      const m = d.matched as { term: string; domain: string } | null;
      const matched = m ? ` (matched ${m.term}${m.domain !== d.domain ? ` in ${m.domain}` : ''})` : '';
      const p = d.problem as { id: string; data: Data } | null;
      const why = d.result === 'permerror'
        ? `receivers get permerror${p ? ` (${t('spf', `problem.${p.id}`, p.data)})` : ''}`
        : d.result === 'none' ? 'the domain has no SPF record' : `the record gives ${d.result}${matched}`;
      return `Mail from ${d.ip} as ${d.sender} does not pass SPF: ${why}.`;
    },
    fix: (d) => (d.result === 'permerror' ? 'Fix the SPF errors reported above first.' : `Authorize ${d.ip} in the SPF record (ip${String(d.ip).includes(':') ? '6' : '4'}:${d.ip}, or the include: of the service that owns it), before the "all" term.`),
  },
  // DMARC
  'dmarc.missing': {
    title: 'No DMARC record',
    message: (d) => `No DMARC record at ${list(d.searched, ' or ')}: receivers apply no policy to mail forging ${d.domain}, and Gmail, Yahoo and Microsoft require DMARC from bulk senders.`,
    fix: 'Publish a DMARC record (at the organizational domain it covers subdomains too). Start with p=none and a mailbox you read, then move to quarantine once the reports show your mail passes:',
  },
  'dmarc.multiple': {
    title: 'More than one DMARC record (receivers then apply none)',
    message: (d) => `${d.name} has ${d.count} DMARC records; receivers then apply no DMARC policy at all (RFC 7489 §6.6.3).`,
    fix: 'Keep exactly one v=DMARC1 record and delete the others.',
  },
  'dmarc.syntax': {
    title: 'Invalid DMARC record',
    message: (d, t) => (d.kind === 'version'
      ? `The record at ${d.name} does not start with "v=DMARC1", so receivers ignore it (RFC 7489 §6.6.3).`
      : `The DMARC record at ${d.name} is invalid: ${syntaxList(t, d.errors)}.`),
    fix: (d) => (d.kind === 'version' ? 'Put v=DMARC1 first:' : 'Correct the record; a valid form of it is:'),
  },
  'dmarc.unknown-tag': {
    title: 'A DMARC tag RFC 7489 does not define (often a typo)',
    message: (d) => `The DMARC record has tags RFC 7489 does not define (${list(d.tags)}); receivers ignore them, which usually hides a typo.`,
    fix: 'Correct or remove them.',
  },
  'dmarc.policy-none': {
    title: 'The DMARC policy is none',
    message: (d) => `The DMARC policy is p=none${d.inherited ? ' (sp)' : ''}: mail forging ${d.domain} is still delivered; it only produces reports.`,
    fix: 'Once the reports show your own mail passes SPF or DKIM aligned, enforce the policy:',
  },
  'dmarc.partial': {
    title: 'The DMARC policy applies to part of the mail (pct below 100)',
    message: (d) => `pct=${d.pct}: the policy applies to only ${d.pct}% of failing mail.`,
    fix: 'Remove pct (the default is 100) once you are confident:',
  },
  'dmarc.no-reports': {
    title: 'No DMARC aggregate report address (rua)',
    message: 'The DMARC record has no rua= address, so you receive no aggregate reports and cannot see who sends mail as your domain.',
    fix: 'Add a rua= mailbox you read (or a DMARC report service):',
  },
  'dmarc.invalid-report-uri': {
    title: 'A DMARC report address is not a valid mailto: URI',
    message: (d) => `${d.tag}=${d.uri} is not a valid mailto: URI, so no reports are sent there.`,
    fix: (d) => `Use the form ${d.tag}=mailto:reports@example.com (several separated by commas).`,
  },
  'dmarc.external-unauthorized': {
    title: 'DMARC reports go to another domain that has not authorized them',
    message: (d) => `Reports go to ${d.destination}, outside ${d.domain}, but ${d.destination} has not authorized them (no v=DMARC1 at ${d.name}); receivers drop those reports (RFC 7489 §7.1).`,
    fix: (d) => `Ask the operator of ${d.destination} to publish this record in their zone (report services do it when you register the domain):`,
  },

  // DKIM
  'dkim.not-found': {
    title: 'No DKIM key found at the probed selectors (DKIM could not be confirmed)',
    message: (d, t) => {
      if (d.kind === 'selector') return `No DKIM key at ${d.selector}._domainkey.${d.domain} (the selector given with --selector).`;
      const hints = (d.providers as string[]).map((id) => t('labels', `dkim-hint.${id}`));
      return `DKIM could not be confirmed: none of the ${d.probed} common selectors has a key at <selector>._domainkey.${d.domain}. DNS cannot list selectors, so this does not prove DKIM is absent.${hints.length ? ` ${hints.join('. ')}.` : ''}`;
    },
    fix: (d) => (d.kind === 'selector'
      ? 'Check the selector in the s= tag of the DKIM-Signature header of a message you sent, and that the key record is published.'
      : `Find the selector in the s= tag of the DKIM-Signature header of a message you sent, then run: mailcheck domain ${d.domain} --selector <selector>. If your mail is not signed, turn on DKIM at your mail provider.`),
  },
  'dkim.weak-key': {
    title: 'An RSA DKIM key that is too small',
    message: (d) => (d.broken
      ? `The RSA key at ${d.name} has ${d.bits} bits; verifiers reject keys under 1024 bits (RFC 8301 §3.2), so its signatures fail.`
      : `The RSA key at ${d.name} has ${d.bits} bits; 2048 bits is the recommended size (RFC 8301, Google's sender guidelines).`),
    fix: 'Generate a 2048-bit key under a new selector, publish it, switch signing to it, then revoke the old key (empty p=).',
  },
  'dkim.revoked': {
    title: 'A revoked DKIM key (empty p=)',
    message: (d) => `The key at ${d.name} is revoked (empty p=); any signature with selector ${d.selector} fails.`,
    fix: 'Fine after a key rotation; otherwise make sure your mail is signed with a selector that has a key.',
  },
  'dkim.testing': {
    title: 'A DKIM key in testing mode (t=y)',
    message: (d) => `The key at ${d.name} is in testing mode (t=y): verifiers may treat its signatures as if the mail were unsigned.`,
    fix: 'Remove t=y from the record once signing works.',
  },
  'dkim.malformed': {
    title: 'An unusable DKIM key record',
    message: (d, t) => (d.kind === 'multiple'
      ? `${d.name} has ${d.count} DKIM key records; verifiers pick one at random or fail (RFC 6376 §3.6.2.2).`
      : `The DKIM key at ${d.name} is unusable: ${syntaxList(t, d.errors)}. Signatures with this selector fail.`),
    fix: (d) => (d.kind === 'multiple' ? 'Keep exactly one key record per selector.' : 'Publish the key record exactly as your mail server or provider generated it (v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>).'),
  },

  // Provider
  'provider.spf-include-missing': {
    title: "SPF lacks the include of the domain's own mailbox provider",
    message: (d) => `The MX records point to ${d.name}, but the SPF record does not include ${d.include}: mail your users send through ${d.name} fails SPF.`,
    fix: (d) => `Add include:${d.include} to the SPF record (before its "all" term).`,
  },

  // Reverse DNS
  'rdns.missing': {
    title: 'No PTR record for the address',
    message: (d) => `${rdnsWho(d)} has no PTR record; Gmail, Yahoo and Microsoft reject or junk mail from IPs without valid reverse DNS.`,
    fix: (d) => `Ask whoever owns ${d.ip} (your hosting or ISP) to set its PTR to your mail server's host name, and give that name an A/AAAA record with ${d.ip}.`,
  },
  'rdns.mismatch': {
    title: 'No PTR name resolves back to the address (no FCrDNS)',
    message: (d) => `The PTR of ${rdnsWho(d)} is ${list(d.ptr)}, but that name does not resolve back to ${d.ip} (no forward-confirmed reverse DNS).`,
    fix: (d) => `Give ${(d.ptr as string[])[0]} an ${d.type} record with ${d.ip}, or change the PTR to a name that has one.`,
  },
  'rdns.generic': {
    title: 'A generic-looking PTR name',
    message: (d) => `The PTR name ${list(d.names)} of ${d.ip} looks generic (built from the address or a dynamic pool); spam filters score such names as consumer or unmanaged hosts.`,
    fix: 'Set the PTR to a name of your own that identifies the mail server (e.g. mail.example.com).',
  },

  // Blacklists
  'rbl.listed': {
    title: 'An address or the domain is on a blacklist (DNSBL)',
    message: (d, t) => {
      const codes = (d.codes as string[]).map((code, i) => `${code} ${meaningText(t, (d.meanings as string[][])[i])}`.trim()).join('; ');
      return `${rblWho(d)} is listed on ${d.list} (${d.zone}): ${codes}.${d.reason ? ` Reason given: ${d.reason}` : ''}${d.major ? ' Large receivers refuse or junk mail from it.' : ''}`;
    },
    fix: (d) => {
      const stop = d.kind === 'domain'
        ? 'Find why the domain is listed (a compromised site, spam sent with its links, a hijacked account) and fix it'
        : 'Find what made this IP send bad mail (a compromised account or script, an open relay, mail to bad addresses, a shared IP) and stop it';
      return `${stop}, then request removal${d.delist ? ` at ${d.delist}` : ' from the list operator'}.`;
    },
  },
  'rbl.unchecked': {
    title: 'Some blacklists could not be checked',
    message: (d, t) => {
      const failed = d.failed as { list: string; status: string; detail: { id: string; data?: Data } | null }[];
      const names = failed.map((l) => `${l.list}: ${l.status === 'refused' ? 'refused by the operator' : (l.detail ? t('dnsbl', l.detail.id, l.detail.data) : 'could not check').replace(/^could not check: /, '')}`);
      return `Could not check ${rblWho(d)} on ${failed.length} list${failed.length === 1 ? '' : 's'} (${names.join('; ')}); a listing there would go unnoticed.`;
    },
    fix: (d, t) => {
      if (!d.advice) return 'Run again, or raise --timeout; a list that keeps failing may be down.';
      const advice = t('dnsbl', String(d.advice));
      return `${advice[0]?.toUpperCase()}${advice.slice(1)}.`;
    },
  },

  // Transport
  'tls.mta-sts-missing': {
    title: 'No MTA-STS policy',
    message: (d) => `No MTA-STS policy (_mta-sts.${d.domain} TXT): senders cannot require TLS to your MX, so a network attacker can downgrade delivery to plain text.`,
    fix: (d) => `Publish an MTA-STS policy at https://mta-sts.${d.domain}/.well-known/mta-sts.txt and a _mta-sts.${d.domain} TXT record "v=STSv1; id=<date>" (RFC 8461).`,
  },
  'tls.tls-rpt-missing': {
    title: 'No TLS reporting (TLS-RPT) record',
    message: (d) => `No TLS reporting record (_smtp._tls.${d.domain} TXT): you get no reports when senders fail to connect to your MX over TLS.`,
    fix: 'Publish a TLS-RPT record (RFC 8460):',
  },

  'spf.rr-type': {
    title: 'A record of the obsolete SPF type (99) is published',
    message: (d) => `${d.domain} publishes SPF as the obsolete SPF record type (type 99), which RFC 7208 §3.1 removed: receivers read only TXT, and the two copies drift apart.`,
    fix: (d) => `Delete the SPF-type record${d.hasTxt ? '' : ' and publish the same policy as TXT'}.`,
  },

} satisfies Record<string, FindingText>;

export const found = {
  record: (d) => `${d.name}. ${d.type} ${d.type === 'TXT' || d.type === 'SPF' ? JSON.stringify(d.value) : d.value}`,
  'mx.implicit': (d) => `no MX record; mail falls back to the domain's own address ${list(d.addresses)}`,
  'mx.none': 'no MX record and no A/AAAA address',
  'mx.null': (d) => `${d.domain}. MX 0 . (null MX: accepts no mail)`,
  'mx.host': (d) => {
    const addresses = d.ipLiteral ? 'IP literal' : list(d.addresses) || 'no address';
    return `${d.preference} ${d.host}${d.cname ? ` (alias of ${d.cname})` : ''} → ${addresses}`;
  },
  'spf.none': (d) => `no SPF record at ${d.domain}`,
  'dmarc.none': (d) => `no DMARC record at ${list(d.searched, ' or ')}`,
  'rdns.address': (d) => {
    const names = (d.ptr as string[]).length ? list(d.ptr) : d.status === 'missing' ? 'no PTR' : `PTR lookup ${d.status}`;
    return `${rdnsWho(d)} → ${names}${d.confirmed === true ? ' (forward-confirmed)' : ''}`;
  },
  'rdns.none': 'no MX or --ip addresses to check',
  'rbl.skipped': (d) => (d.notCovered ? `${d.notCovered} lists not checked: the zone files do not describe them (offline run)` : 'no blacklist selected'),
  'rbl.target': (d) => `${rblWho(d)}: ${(d.listed as string[]).length > 0 ? `listed on ${list(d.listed)}` : 'not listed'} (${d.checked} of ${d.total} lists checked${d.failed ? `, ${d.failed} could not be` : ''})`,
  'rbl.not-covered': (d) => `${d.count} list${d.count === 1 ? '' : 's'} not checked: the zone files do not describe ${d.count === 1 ? 'it' : 'them'} (offline run)`,
  'rbl.none': 'no addresses to check',
  'tls.none': (d) => `no ${d.standard === 'mta-sts' ? 'MTA-STS' : 'TLS-RPT'} record`,

  'dkim.key': (d) => {
    const where = d.cname ? ` (via CNAME ${d.cname})` : '';
    const key = d.revoked ? 'revoked (empty p=)' : d.usable ? `${d.keyType} ${d.bits} bits` : `unusable ${d.keyType} key`;
    const who = d.wildcard ? 'wildcard: every probed selector answers with this record' : d.usedBy;
    return `${d.name}${where}: ${key}${d.testing ? ', testing (t=y)' : ''}${who ? ` — ${who}` : ''}`;
  },
  'dkim.none': (d) => `no DKIM key found at ${d.probed} selectors probed`,
  'provider.mailbox': (d) => `mailbox provider (MX): ${list(d.names) || 'not recognised'}`,
  'provider.sending': (d) => `sending services (SPF includes): ${list(d.names) || 'none recognised'}`,
  'provider.signing': (d) => `DKIM selectors in use by: ${list(d.names)}`,

  'dmarc.policy': (d) => `policy ${d.policy ?? 'invalid'}${d.inherited ? ` (inherited from ${d.from})` : ''}, pct ${d.pct}, sp ${d.sp ?? '-'}, adkim ${d.adkim}, aspf ${d.aspf}`,
  'dmarc.reports': (d) => `reports: rua ${list(d.rua) || 'none'}${(d.ruf as string[]).length ? `; ruf ${list(d.ruf)}` : ''}`,

  'spf.counts': (d) => `DNS lookups ${d.lookups}/${d.lookupLimit}, void lookups ${d.voidLookups}/${d.voidLimit}${d.bytes !== null ? `, ${d.bytes} bytes` : ''}`,
  'spf.ip': (d, t) => {
    const m = d.matched as { term: string; domain: string } | null;
    const matched = m ? ` (matched ${m.term}${m.domain !== d.domain ? ` in ${m.domain}` : ''})` : '';
    const p = d.problem as { id: string; data: Data } | null;
    return `SPF for ${d.ip} sending as ${d.sender}: ${d.result}${matched}${p ? ` — ${t('spf', `problem.${p.id}`, p.data)}` : ''}`;
  },
  // The include tree: the root line, then one line per include/redirect with what it costs.
  'spf.tree-root': (d) => `${d.domain}  ${d.lookups === 1 ? '1 lookup' : `${d.lookups} lookups`} in its own record`,
  'spf.tree-lookups': (d) => (d.n === 1 ? '1 lookup' : `${d.n} lookups`),
  'spf.tree-skipped': (d) => `(not followed: ${d.why})`,
  'spf.tree-failed': (d) => `lookup ${d.outcome}`,
  'spf.tree-nxdomain': 'does not exist',
  'spf.tree-missing': 'no SPF record',
  'spf.tree-status': (d) => String(d.status),

} satisfies Record<string, Text>;
