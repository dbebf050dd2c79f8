import type { Data } from '../../core/finding.js';
import { list, plural, type FindingText, type Lookup, type Text } from '../types.js';

// English words of the transport checks of `mailcheck domain`: MTA-STS and TLS reporting (the
// `tls` check), DNSSEC, DANE, the STARTTLS probe (--smtp) and the bulk-sender rules. Placeholders
// come from each check's data (src/checks/{tls,dnssec,dane,smtp,bulk-sender}.ts).

export const checks = {
  dnssec: 'DNSSEC (signed DNS)',
  dane: 'DANE (TLSA records of the MX hosts)',
  smtp: 'STARTTLS on the MX hosts (--smtp)',
  profile: 'Bulk-sender rules (Gmail, Yahoo, Microsoft)',
} satisfies Record<string, string>;

type Problem = { code: string } & Data;

/** Parser problems in words, the first few, with a count of the rest. */
function problemsText(t: Lookup, problems: unknown, shown = 4): string {
  const all = (problems as Problem[] | undefined) ?? [];
  const words = all.slice(0, shown).map((p) => t('syntax', p.code, p));
  return `${words.join('; ')}${all.length > shown ? `; and ${all.length - shown} more` : ''}`;
}

type Cert = { subject: string; issuer: string; validTo: string; daysLeft: number; dnsNames: string[] } | null;

function certText(c: Cert): string {
  if (!c) return 'no certificate';
  const names = c.dnsNames.length > 0 ? `, for ${list(c.dnsNames.slice(0, 4))}${c.dnsNames.length > 4 ? ', …' : ''}` : '';
  const left = c.daysLeft < 0 ? `expired ${-c.daysLeft} days ago` : `${c.daysLeft} days left`;
  return `${c.subject} issued by ${c.issuer}${names}, valid until ${c.validTo.slice(0, 10)} (${left})`;
}

const FAULTS: Record<string, string> = {
  expired: 'it has expired',
  'not-yet-valid': 'it is not valid yet',
  untrusted: 'it does not chain to a trusted certificate authority',
  'name-mismatch': 'it is not valid for the host name',
  handshake: 'the TLS handshake failed',
  other: 'it was not accepted',
};

function fetchFailed(d: Data): string {
  const url = String(d.url);
  switch (d.kind) {
    case 'no-address':
      return `The MTA-STS policy host ${d.host} has no address (A or AAAA), so no sender can fetch ${url}: senders act as if there were no policy.`;
    case 'redirect':
      return `${url} answers HTTP ${d.status}${d.location ? ` redirecting to ${d.location}` : ''}; senders do not follow redirects (RFC 8461 §3.3), so they get no policy.`;
    case 'status':
      return `${url} answers HTTP ${d.status}, not 200: senders get no policy.`;
    case 'too-large':
      return `The policy at ${url} is larger than ${d.limit} bytes${d.declared ? ` (${d.declared} declared)` : ''}: senders refuse bodies that large.`;
    case 'certificate': {
      const reason = FAULTS[String(d.reason)] ?? FAULTS.other;
      const also = d.reason !== 'name-mismatch' && d.nameMatches === false ? ', and it is not valid for the host name either' : '';
      return `The HTTPS certificate of ${d.host} is refused: ${reason}${also} (${d.code}). Senders fetch the policy only over a valid certificate (RFC 8461 §3.3), so they get none. Certificate: ${certText(d.certificate as Cert)}.`;
    }
    default: {
      const what = d.code === 'timeout' ? `no answer within ${d.timeoutMs} ms` : `${d.code}`;
      return `Could not fetch ${url}${d.address ? ` from ${d.address}` : ''} (${what} while ${d.phase === 'connect' ? 'connecting' : d.phase === 'tls' ? 'negotiating TLS' : 'reading the response'}), so the policy was not checked.`;
    }
  }
}

function fetchFailedFix(d: Data): string {
  switch (d.kind) {
    case 'no-address':
      return `Publish an A (or AAAA, or CNAME) record for ${d.host} pointing at the web server that serves the policy.`;
    case 'redirect':
      return `Serve the policy itself at ${d.url}, with HTTP 200, not a redirect.`;
    case 'status':
      return `Serve the policy at ${d.url} with HTTP 200 and Content-Type text/plain.`;
    case 'too-large':
      return 'Serve only the policy: a few short lines (version, mode, mx, max_age).';
    case 'certificate':
      return `Install a certificate for ${d.host} from a public certificate authority (e.g. Let's Encrypt), with the whole chain.`;
    default:
      return `Run again; if it persists, check that ${d.host} answers HTTPS on port 443 from the internet.`;
  }
}

function mismatchFix(d: Data): string {
  const suggestions = d.suggestions as string[];
  const line = suggestions.map((s) => `"mx: ${s}"`).join(' or ');
  if (d.trap === 'microsoft-365') {
    return `In the policy, replace "mx: ${(d.nearMiss as { pattern: string }).pattern}" (a "*." covers one label only) with ${line}, or list every Microsoft 365 MX host exactly; then change the id in _mta-sts.${d.domain} so senders fetch it again.`;
  }
  return `Add ${line} to the policy (a "*." pattern covers exactly one label), then change the id in _mta-sts.${d.domain} so senders fetch it again.`;
}

const SMTP_PLAIN: Record<string, string> = {
  'not-advertised': 'does not offer STARTTLS after EHLO',
  'ehlo-rejected': 'rejected EHLO, so STARTTLS could not be asked for',
  'starttls-rejected': 'offers STARTTLS but refused it',
  handshake: 'offers STARTTLS, but the TLS handshake failed',
};

/** Why a probe says nothing about TLS, in words (the finding and the found line). */
function smtpUnchecked(d: Data): string {
  const at = `${d.host} (${d.address}, port ${d.port})`;
  switch (d.reason) {
    case 'port-blocked':
      return `No MX host answered on port ${d.port} (${list(d.hosts)}): outgoing port ${d.port} is most likely blocked on this network (as on most home and cloud networks), so STARTTLS could not be checked — this says nothing about the servers.`;
    case 'connect-timeout':
      return `${at} did not answer the connection within ${d.timeoutMs} ms (port ${d.port} blocked on the way, or the host is down), so STARTTLS was not checked.`;
    case 'connect-refused':
      return `${at} refused the connection (the server, or a firewall on the way), so STARTTLS was not checked.`;
    case 'connect-failed':
      return `Could not connect to ${at} (${d.code}), so STARTTLS was not checked.`;
    case 'banner-timeout':
      return `${at} accepted the connection but sent no greeting within ${d.timeoutMs} ms (a tarpit or greet pause), so STARTTLS was not checked.`;
    case 'banner-rejected':
      return `${at} refused the session with ${d.code} ${d.text} (often: this network's address is not welcome), so STARTTLS was not checked.`;
    case 'timeout':
      return `${at} stopped answering during ${d.stage === 'ehlo' ? 'EHLO' : 'STARTTLS'} (${d.timeoutMs} ms), so STARTTLS was not checked.`;
    case 'protocol-error':
      return `${at} answered in a way that is not SMTP (${d.fault} during ${d.stage}), so STARTTLS was not checked.`;
    case 'tls-timeout':
    case 'tls-closed':
      return `${at} ${d.reason === 'tls-timeout' ? 'stopped answering during' : 'closed the connection in'} the TLS handshake, so TLS was not checked.`;
    default:
      return `${at} could not be probed (${d.reason}).`;
  }
}

const PROVIDER: Record<string, string> = { gmail: 'Gmail', yahoo: 'Yahoo', microsoft: 'Outlook.com' };

type Requirement = { provider: string; applies: string; level: string; codes: { reply: string; enhanced: string }[]; consequence: string | null };

/** `Gmail answers 421 4.7.30 / 550 5.7.30 (bulk senders); Yahoo requires it of bulk senders (…)`. */
function consequences(requirements: unknown): string {
  return (requirements as Requirement[])
    .map((r) => {
      const who = PROVIDER[r.provider] ?? r.provider;
      const scope = r.applies === 'bulk' ? 'bulk senders' : 'all senders';
      if (r.codes.length > 0) return `${who} answers ${r.codes.map((c) => `${c.reply} ${c.enhanced}`).join(' / ')} (${scope})`;
      if (r.level === 'recommended') return `${who} recommends it (no rejection code)`;
      if (r.consequence === 'no-mitigation') return `${who} requires it of ${scope} (no rejection code: no delivery support instead)`;
      if (r.consequence === 'deferral') return `${who} requires it of ${scope} (no code published; it defers such mail with 421 4.7.0 [TSS04])`;
      return `${who} requires it of ${scope} (no code published)`;
    })
    .join('; ');
}

const RULE: Record<string, string> = {
  authenticated: 'SPF or DKIM',
  spf: 'SPF published and passing',
  dkim: 'DKIM published (a key of 1024 bits or more)',
  dmarc: 'DMARC published (p=none is enough)',
  alignment: 'From domain aligned with SPF or DKIM',
  fcrdns: 'Forward-confirmed reverse DNS of each sending IP',
  tls: 'TLS',
  'one-click-unsubscribe': 'One-click unsubscribe (RFC 8058) on marketing mail',
};

/** The SPF and DMARC faults that make a record unusable, in a few words (the SPF and DMARC sections say more). */
const FATAL: Record<string, string> = {
  'spf.missing': 'no SPF record',
  'spf.multiple': 'more than one SPF record (permerror)',
  'spf.syntax': 'the SPF record has a syntax error (permerror)',
  'spf.too-many-lookups': 'the SPF record needs more than 10 DNS lookups (permerror)',
  'spf.void-lookups': 'the SPF record names more than 2 domains that do not exist (permerror)',
  'spf.loop': 'the SPF record includes itself (permerror)',
  'spf.include-missing': 'the SPF record includes a domain without SPF (permerror)',
  'dmarc.missing': 'no DMARC record',
  'dmarc.multiple': 'more than one DMARC record',
  'dmarc.syntax': 'the DMARC record is invalid',
};

/** Why a rule passed, failed or could not be checked, in a few words. */
function ruleReason(d: Data): string {
  const detail = (d.detail ?? {}) as Data;
  const ips = (detail.ips as ({ ip: string; result?: string } | string)[] | undefined) ?? [];
  const ipText = ips.map((i) => (typeof i === 'string' ? i : i.result ? `${i.ip} (${i.result})` : i.ip)).join(', ');
  switch (d.reason) {
    case 'record':
      return d.rule === 'dmarc' ? `policy ${detail.policy ?? '?'}` : 'the record is valid (give --ip to evaluate your sending IP)';
    case 'ip-pass':
      return `passes for ${ipText}`;
    case 'ip-not-pass':
      return `does not pass for ${ipText}`;
    case 'key':
      return `key at ${list(detail.selectors)}`;
    case 'unusable-key':
      return `no usable key (revoked, malformed or under 1024 bits) at ${list(detail.selectors)}`;
    case 'selector-missing':
      return `no key at ${list(detail.selectors)}`;
    case 'not-found':
      return 'no key at the selectors probed: could not be confirmed (give --selector)';
    case 'lookup-failed':
      return 'a lookup failed';
    case 'spf':
    case 'dkim':
    case 'spf-and-dkim':
      return `the domain's own ${d.reason === 'spf-and-dkim' ? 'SPF and DKIM' : String(d.reason).toUpperCase()}${d.rule === 'alignment' ? " (DNS shows alignment is possible; a message's Authentication-Results show it happens)" : ''}`;
    case 'neither':
      return 'neither SPF nor DKIM of the domain itself is usable';
    case 'no-ip':
      return 'give the sending IPs with --ip';
    case 'private-ip':
      return 'the --ip addresses are private';
    case 'no-fcrdns':
      return `no forward-confirmed PTR for ${ipText}`;
    case 'fcrdns':
      return `confirmed for ${ipText}`;
    case 'starttls':
      return `the MX offers STARTTLS (${list(detail.hosts)}; taken as a sign your servers speak TLS)`;
    case 'no-starttls':
      return `no MX offers STARTTLS (${list(detail.hosts)})`;
    case 'mta-sts':
      return `an MTA-STS policy in ${detail.mode} mode (taken as a sign your servers speak TLS)`;
    case 'no-evidence':
      return 'not visible from DNS: give --smtp to probe the MX, or publish MTA-STS';
    case 'probe-failed':
      return 'the STARTTLS probe could not reach the MX';
    case 'message':
      return 'a property of each message: check one with mailcheck message';
    default:
      if (String(d.reason).startsWith('spf-fails-dkim-')) return 'SPF does not pass and DKIM could not be confirmed (give --selector)';
      return FATAL[String(d.reason)] ?? String(d.reason);
  }
}

const ADVICE_FOR_RULE: Record<string, (d: Data) => string> = {
  authenticated: (d) => `Publish an SPF record for ${d.domain} and turn on DKIM signing at your mail provider.`,
  spf: () => 'Fix the SPF record (see the SPF section) so that it lists every server that sends for the domain.',
  dkim: () => 'Turn on DKIM signing with a 2048-bit key at your mail provider and publish its key (see the DKIM section).',
  dmarc: (d) => `Publish a DMARC record at _dmarc.${d.domain} (start with p=none and a rua address; see the DMARC section).`,
  alignment: () => 'Send with a Return-Path in your own domain (SPF) or sign with d= your domain (DKIM).',
  fcrdns: () => 'Ask whoever runs the sending IP (your hosting or mail provider) for a PTR record whose name resolves back to the IP.',
  tls: () => 'Turn on STARTTLS on your mail servers (with a valid certificate), for sending and receiving.',
};

/** A failed bulk-sender rule: what it asks, why it fails, and the rejection each provider gives. */
function bulkRule(rule: string): FindingText {
  return {
    title: `Bulk-sender rule not met: ${RULE[rule]}`,
    message: (d) => `${RULE[rule]} (${d.domain}): ${ruleReason(d)}. ${consequences(d.requirements)}.`,
    fix: (d) => (ADVICE_FOR_RULE[rule] as (d: Data) => string)(d),
  };
}

export const findings = {
  // MTA-STS and TLS reporting (the tls check).
  'tls.mta-sts-invalid': {
    title: 'The MTA-STS record or policy is invalid',
    message: (d, t) => {
      if (d.part === 'content-type') return `The MTA-STS policy at ${d.url} is served as ${d.contentType ?? 'no content type'}, not text/plain (RFC 8461 §3.2), which some senders refuse.`;
      if (d.part === 'record') {
        return d.usable
          ? `The MTA-STS record at ${d.name} works, with problems: ${problemsText(t, d.problems)}.`
          : `Senders ignore the MTA-STS record at ${d.name}: ${problemsText(t, d.problems)}.`;
      }
      const where = d.source === 'file' ? String(d.file) : String(d.url);
      return d.usable ? `The MTA-STS policy (${where}) works, with problems: ${problemsText(t, d.problems)}.` : `Senders cannot use the MTA-STS policy (${where}): ${problemsText(t, d.problems)}.`;
    },
    fix: (d) => d.part === 'content-type'
      ? 'Serve the policy with the header "Content-Type: text/plain".'
      : d.part === 'record'
        ? `Publish exactly one record "v=STSv1; id=<1-32 letters and digits>" at _mta-sts.${d.domain}.`
        : 'Serve a policy of exactly these lines: "version: STSv1", "mode: enforce" (or testing), one "mx: <host or *.domain>" per MX host, "max_age: <seconds, up to 31557600>".',
  },
  'tls.mta-sts-fetch-failed': {
    title: 'The MTA-STS policy could not be fetched',
    message: fetchFailed,
    fix: fetchFailedFix,
  },
  'tls.mta-sts-mx-mismatch': {
    title: 'An MX host does not match the MTA-STS policy',
    message: (d) => {
      const near = d.nearMiss as { reason: string; pattern: string; labels?: string[] } | null;
      const why = near?.reason === 'wildcard-depth'
        ? ` ("${near.pattern}" covers exactly one label, and ${d.host} has ${(near.labels ?? []).length} in its place: ${list(near.labels)})`
        : near?.reason === 'wildcard-apex' ? ` ("${near.pattern}" needs a label in place of "*")` : '';
      const trap = d.trap === 'microsoft-365' ? ' This is the Microsoft 365 trap: its new MX hosts sit two labels under mx.microsoft.' : '';
      const effect = d.mode === 'enforce'
        ? 'Senders that enforce MTA-STS (Gmail among them) will refuse to deliver to it: mail to the domain fails.'
        : 'In testing mode senders still deliver, but report the failure; in enforce mode this would stop mail.';
      return `MX ${d.host} matches no "mx:" line of the MTA-STS policy (${list(d.patterns) || 'none'})${why}. ${effect}${trap}`;
    },
    fix: mismatchFix,
  },
  'tls.mta-sts-testing': {
    title: 'The MTA-STS policy is in testing mode',
    message: (d) => `The MTA-STS policy is in testing mode: senders report TLS failures (with TLS-RPT) but still deliver without TLS, so it does not protect mail yet (max_age ${d.maxAge} s).`,
    fix: (d) => `Once the TLS reports show no failures, set "mode: enforce" in the policy and change the id in _mta-sts.${d.domain}.`,
  },
  'tls.tls-rpt-invalid': {
    title: 'The TLS reporting (TLS-RPT) record is invalid',
    message: (d, t) => d.usable
      ? `The TLS-RPT record at ${d.name} works, with problems: ${problemsText(t, d.problems)}.`
      : `Senders ignore the TLS-RPT record at ${d.name}: ${problemsText(t, d.problems)}.`,
    fix: 'Publish exactly one record with mailto: or https: report addresses (RFC 8460):',
  },

  // DNSSEC.
  'dnssec.unsigned': {
    title: 'The domain is not DNSSEC-signed',
    message: (d) => `${d.domain} is not DNSSEC-signed (the validating resolver${d.resolver ? ` ${d.resolver}` : ''} gave no AD): its records can be spoofed, and DANE is not possible. Most mail domains are unsigned; this is a note, not a fault.`,
    fix: 'If your DNS host offers it, turn on DNSSEC and publish the DS record at your registrar.',
  },
  'dnssec.bogus': {
    title: 'The DNSSEC chain is broken (bogus)',
    message: (d) => `DNSSEC for ${d.domain} is broken: the validating resolver${d.resolver ? ` ${d.resolver}` : ''} answers SERVFAIL for ${d.name} ${d.type}, and answers once validation is turned off (CD). Every validating resolver — those of Gmail, Microsoft, most ISPs — refuses the domain's records, so mail to and from it fails.`,
    fix: 'Fix the signatures at your DNS host, or remove the DS record at your registrar (an unsigned domain works; a bogus one does not). Check with a DNSSEC debugger such as dnsviz.net.',
  },

  // DANE.
  'dane.not-published': {
    title: 'No DANE (TLSA) records for MX hosts in a signed zone',
    message: (d) => `${list(d.hosts)} ${(d.hosts as string[]).length === 1 ? 'is' : 'are'} in a DNSSEC-signed zone but publish${(d.hosts as string[]).length === 1 ? 'es' : ''} no TLSA records: senders that support DANE (RFC 7672) cannot authenticate your MX. Optional for ordinary senders.`,
    fix: 'Publish "3 1 1 <SHA-256 of the server certificate\'s public key>" at _25._tcp.<mx host>, for the current key and the next one.',
  },
  'dane.invalid': {
    title: 'The DANE (TLSA) records cannot authenticate the MX',
    message: (d, t) => {
      if (d.kind === 'no-match') {
        return `No TLSA record at ${d.name} matches the certificate ${d.host} presents: senders that enforce DANE (Postfix with DANE, Exchange Online) will not deliver to it.`;
      }
      const records = d.records as { record: string; problems: Problem[] }[];
      const words = records.slice(0, 3).map((r) => `"${r.record.slice(0, 40)}${r.record.length > 40 ? '…' : ''}": ${problemsText(t, r.problems, 2)}`).join('; ');
      return `${plural(records.length, 'TLSA record')} at ${d.name} cannot be used by SMTP senders${Number(d.usable) === 0 ? ' (none usable: DANE senders fall back to unauthenticated TLS)' : ''}: ${words}.`;
    },
    fix: (d) => d.kind === 'no-match'
      ? `Publish the TLSA record of the key the server uses now (below), keep it beside the next key's, and remove the stale one:`
      : 'Use usage 3 (DANE-EE) or 2 (DANE-TA), selector 1, matching type 1: "3 1 1 <SHA-256 of the public key>".',
  },
  'dane.unsigned': {
    title: 'TLSA records are published but not DNSSEC-validated',
    message: (d) => `TLSA records are published at ${d.name}, but the validating resolver${d.resolver ? ` ${d.resolver}` : ''} did not validate them (no AD): DANE senders ignore TLSA records that are not DNSSEC-signed.`,
    fix: (d) => `Sign the zone of ${d.host} with DNSSEC (and publish its DS), or remove the TLSA records.`,
  },
  'dane.rollover': {
    title: 'The TLSA records make a key change break delivery',
    message: (d, t) => `TLSA at ${d.name}: ${(d.advice as { code: string }[]).map((a) => t('advice', a.code, a as Data)).join(' ')}`,
    fix: 'Publish two associations: the current key and the next one ("3 1 1" + "3 1 1"), or "3 1 1" + "2 1 1" for the issuing CA.',
  },

  // The STARTTLS probe.
  'smtp.no-starttls': {
    title: 'An MX host offers no usable STARTTLS',
    message: (d) => `${d.host} (${d.address}) ${SMTP_PLAIN[String(d.reason)] ?? 'offers no TLS'}${d.code ? ` (${d.code})` : ''}: mail to it travels unencrypted, and Gmail requires TLS of senders.`,
    fix: 'Turn on STARTTLS on the mail server, with a certificate for its MX host name.',
  },
  'smtp.tls-old': {
    title: 'An MX host speaks only old TLS (before 1.2)',
    message: (d) => `${d.host} negotiated ${d.protocol ?? 'an unknown protocol'}: TLS 1.0 and 1.1 are deprecated (RFC 8996) and many senders no longer use them.`,
    fix: 'Enable TLS 1.2 and 1.3 on the mail server.',
  },
  'smtp.cert-invalid': {
    title: "An MX host's certificate is invalid",
    message: (d) => `The certificate of ${d.host} is not valid for it: ${(d.faults as string[]).map((f) => FAULTS[f] ?? f).join(', ')}${d.verifyError ? ` (${d.verifyError})` : ''}. Senders that check (MTA-STS, DANE) will not deliver; others encrypt without authenticating. Certificate: ${certText(d.certificate as Cert)}.`,
    fix: (d) => `Install a certificate from a public certificate authority that names ${d.host} (the MX host name in DNS, not only the mail domain), with its whole chain, and renew it before it expires.`,
  },
  'smtp.banner-mismatch': {
    title: "An MX host's greeting names another host",
    message: (d) => `${d.host} greets as ${d.bannerHost}. Cosmetic: receivers do not judge a server by its greeting.`,
  },
  'smtp.unchecked': {
    title: 'STARTTLS could not be checked (port 25 not reachable from here)',
    message: smtpUnchecked,
    fix: (d) => (d.reason === 'port-blocked' || d.reason === 'connect-timeout' ? 'Run the probe from a server that may connect out on port 25 (most VPS and mail hosts can).' : 'Run again later, or from another network.'),
  },

  // The bulk-sender rules.
  'profile.authenticated': bulkRule('authenticated'),
  'profile.spf': bulkRule('spf'),
  'profile.dkim': bulkRule('dkim'),
  'profile.dmarc': bulkRule('dmarc'),
  'profile.alignment': bulkRule('alignment'),
  'profile.fcrdns': bulkRule('fcrdns'),
  'profile.tls': bulkRule('tls'),
} satisfies Record<string, FindingText>;

const STATUS_MARK: Record<string, string> = { pass: '✔ pass', fail: '✖ fail', unknown: '? could not check', message: '→ per message' };

export const found = {
  'tls.policy-offline': (d) => `MTA-STS policy not fetched: offline run (--zone); give --mta-sts-policy FILE to judge one (${d.url})`,
  'tls.policy-file': (d) => `MTA-STS policy read from ${d.file} (--mta-sts-policy), not fetched`,
  'tls.policy-fetched': (d) => `MTA-STS policy fetched from ${d.url}${d.address ? ` (${d.address})` : ''}, ${d.protocol ?? 'TLS'}, certificate ${certText(d.certificate as Cert)}`,
  'tls.policy-fetch': (d) => `MTA-STS policy ${d.url}: ${d.kind === 'unreachable' ? 'could not be fetched' : d.kind === 'redirect' ? `HTTP ${d.status} redirect (not followed)` : d.kind === 'status' ? `HTTP ${d.status}` : d.kind === 'certificate' ? 'certificate refused' : d.kind === 'too-large' ? 'too large' : 'no address'}`,
  'tls.policy': (d) => `policy: mode ${d.mode}, max_age ${d.maxAge} s, mx ${list(d.mx) || 'none'}`,
  'tls.policy-mx': (d) => `MX ${d.host}: ${d.matched ? `matches "mx: ${d.pattern}"` : 'matches no mx: line'}`,
  'dnssec.secure': (d) => `${d.domain}: signed and validated (AD) by ${d.resolver ?? 'the resolver'}`,
  'dnssec.insecure': (d) => `${d.domain}: not signed (no AD from the validating resolver${d.resolver ? ` ${d.resolver}` : ''})`,
  'dnssec.bogus': (d) => `${d.domain}: bogus (SERVFAIL from ${d.resolver ?? 'the resolver'}; an answer with checking disabled)`,
  'dnssec.zone': (d) => `${d.domain}: DNSSEC not known in an offline run (zone files carry no validation)`,
  'dnssec.not-validating': (d) => `${d.domain}: DNSSEC not known: the resolver${d.resolver ? ` ${d.resolver}` : ''} does not validate (no AD even for the root zone); ask a validating one, e.g. --resolver 1.1.1.1`,
  'dane.no-mx': 'MX could not be looked up',
  'dane.no-hosts': 'no MX hosts to look up',
  'dane.none': (d) => `${d.host}: no TLSA records (its zone is not known to be signed: DANE needs DNSSEC first)`,
  'dane.provider': (d) => `${d.host}: no TLSA (run by ${d.provider}: DANE is up to the provider)`,
  'dane.tlsa': (d) => `${d.name}. TLSA ${d.record}${d.usable ? '' : ' (not usable by SMTP senders)'}`,
  'dane.unverified': (d) => `${d.name}: DNSSEC validation of the TLSA records not known (${d.zone ? 'offline run' : 'the resolver does not validate'})`,
  'dane.match': (d) => `${d.host}: the certificate matches a TLSA record (usage ${d.usage})${d.anchorMaybeLocal ? '; the trust anchor may come from this machine\'s store, not from the server' : ''}`,
  'smtp.off': 'not probed (give --smtp to probe each MX on port 25)',
  'smtp.no-address': (d) => `${d.host}: no address to probe`,
  'smtp.unchecked': (d) => `${d.host} (${d.address}, port ${d.port}): not probed (${String(d.reason).replace(/-/g, ' ')})`,
  'smtp.plain': (d) => `${d.host} (${d.address}): ${SMTP_PLAIN[String(d.reason)] ?? 'no TLS'}`,
  'smtp.tls': (d) => `${d.host} (${d.address}): STARTTLS, ${d.protocol ?? '?'} ${d.cipher}, certificate ${certText(d.certificate as Cert)}${(d.faults as string[]).length ? ` — ${(d.faults as string[]).map((f) => FAULTS[f] ?? f).join(', ')}` : ''}`,
  'bulk.profile': (d) => `rules of ${(d.providers as string[]).map((p) => PROVIDER[p] ?? p).join(', ')}${d.explicit ? ' (--profile)' : ''}; "bulk": more than 5,000 messages a day to that provider`,
  'bulk.rule': (d) => {
    const status = STATUS_MARK[String(d.status)] ?? String(d.status);
    const effect = d.status === 'fail' ? ` → ${consequences(d.requirements)}` : '';
    return `${status}  ${RULE[String(d.rule)] ?? d.rule}: ${ruleReason(d)}${effect}`;
  },
} satisfies Record<string, Text>;

/** Rollover advice of the DANE check (transport/dane.ts codes). */
export const advice = {
  'dane.rollover-single-ee': (d) => `only one DANE-EE association (${d.record}): a key change breaks delivery from DANE senders unless the next key's "3 1 1" is published first.`,
  'dane.rollover-single-ta': (d) => `only one DANE-TA association (${d.record}): a change of the CA's issuing certificate breaks delivery; add the next one, or a "3 1 1" for the server key.`,
  'dane.ee-certificate-hash': (d) => `${list(d.records)} pin${(d.records as string[]).length === 1 ? 's' : ''} the whole certificate, which changes at every renewal even when the key stays; prefer "3 1 1".`,
} satisfies Record<string, Text>;

/** Parser problems of MTA-STS, TLS-RPT and TLSA (src/parse/{mta-sts,tls-rpt,tlsa}.ts), by code. */
export const syntax = {
  'mta-sts.record-missing': 'no TXT string starts with "v=STSv1"',
  'mta-sts.record-multiple': (d) => `${d.count} "v=STSv1" records (senders then assume none)`,
  'mta-sts.record-lookalike': (d) => `"${String(d.value).slice(0, 60)}" is meant as the record but senders discard it (the version must be exactly "v=STSv1" at the start, followed by ";")`,
  'mta-sts.record-syntax': (d) => `"${d.field}" is not name=value`,
  'mta-sts.record-extension-invalid': (d) => `the value of ${d.name} has characters the grammar excludes`,
  'mta-sts.record-key-case': (d) => `"${d.key}=" must be written "${d.expected}=" (the grammar is case-sensitive)`,
  'mta-sts.id-missing': 'no id=',
  'mta-sts.id-invalid': (d) => `id "${d.value}" must be 1 to 32 letters and digits${d.reason === 'characters' ? ' (no "-", "." or spaces)' : ''}`,
  'mta-sts.id-duplicate': (d) => `id given ${(d.values as string[]).length} times`,
  'mta-sts.policy-too-large': (d) => `the policy is ${d.bytes} bytes, over the ${d.limit}-byte limit`,
  'mta-sts.policy-not-utf8': 'the policy is not UTF-8 text',
  'mta-sts.policy-line-syntax': (d) => `line ${d.line} "${String(d.text).slice(0, 60)}" is not "key: value"${d.reason === 'bare-cr' ? ' (a lone carriage return)' : ''}`,
  'mta-sts.policy-key-case': (d) => `line ${d.line}: "${d.key}:" must be written "${d.expected}:" (the grammar is case-sensitive)`,
  'mta-sts.policy-duplicate-key': (d) => `line ${d.line}: ${d.key} given again ("${d.value}"; the first, "${d.first}", is used)`,
  'mta-sts.policy-version-missing': 'no "version: STSv1" line',
  'mta-sts.policy-version-invalid': (d) => `version "${d.value}" is not STSv1`,
  'mta-sts.policy-mode-missing': 'no "mode:" line',
  'mta-sts.policy-mode-invalid': (d) => `mode "${d.value}" is not enforce, testing or none${d.caseOnly ? ' (write it in lower case)' : ''}`,
  'mta-sts.policy-max-age-missing': 'no "max_age:" line',
  'mta-sts.policy-max-age-invalid': (d) => `max_age "${d.value}" is not a number of seconds`,
  'mta-sts.policy-max-age-range': (d) => `max_age ${d.value} is over the maximum ${d.max} (about a year)`,
  'mta-sts.policy-mx-missing': (d) => `no valid "mx:" line, required in ${d.mode} mode`,
  'mta-sts.policy-mx-invalid': (d) => `line ${d.line}: mx "${d.value}" is not a host name or "*." + domain${d.reason === 'ip-address' ? ' (IP addresses are not allowed)' : d.reason === 'trailing-dot' ? ' (no trailing dot)' : d.reason === 'wildcard' ? ' ("*" only as the whole first label)' : ''}`,
  'mta-sts.policy-problems-truncated': (d) => `${d.omitted} more problems`,
  'tls-rpt.record-missing': 'no TXT string starts with "v=TLSRPTv1"',
  'tls-rpt.record-multiple': (d) => `${d.count} "v=TLSRPTv1" records (senders then assume none)`,
  'tls-rpt.record-lookalike': (d) => `"${String(d.value).slice(0, 60)}" is meant as the record but senders discard it (the version must be exactly "v=TLSRPTv1" at the start, followed by ";")`,
  'tls-rpt.record-syntax': (d) => `"${d.field}" is not name=value`,
  'tls-rpt.record-extension-invalid': (d) => `the value of ${d.name} has characters the grammar excludes`,
  'tls-rpt.record-key-case': (d) => `"${d.key}=" must be written "${d.expected}=" (the grammar is case-sensitive)`,
  'tls-rpt.rua-missing': 'no rua= (where to send reports)',
  'tls-rpt.rua-duplicate': (d) => `rua given ${d.count} times (the first is used)`,
  'tls-rpt.rua-uri-invalid': (d) => `"${d.uri}" is not a ${d.reason === 'http' ? 'usable URI (http: is not allowed, use https:)' : d.reason === 'scheme' ? 'mailto: or https: URI' : `valid ${d.reason}: URI`}`,
  'tls-rpt.rua-none-valid': 'no valid report URI',
  'tlsa.syntax': (d) => `"${String(d.value).slice(0, 40)}" is not "usage selector matching-type hex"`,
  'tlsa.usage-pkix': (d) => `usage ${d.usage} (PKIX) is not used by SMTP senders (RFC 7672 §3.1.3)`,
  'tlsa.usage-unknown': (d) => `usage ${d.usage} is unknown`,
  'tlsa.selector-unknown': (d) => `selector ${d.selector} is unknown`,
  'tlsa.matching-unknown': (d) => `matching type ${d.matchingType} is unknown`,
  'tlsa.hash-length': (d) => `the hash is ${d.actual} bytes, not ${d.expected}`,
  'tlsa.full-data-invalid': (d) => `the data is not a ${d.selector === 0 ? 'DER certificate' : 'DER public key'}`,
} satisfies Record<string, Text>;

/** The CLI's errors for the transport options of `mailcheck domain`. */
export const errors = {
  profile: (d) => `--profile takes ${list(d.profiles)}, not "${d.value}"`,
  'smtp-helo': (d) => `--helo takes a host name or an address literal like [192.0.2.1], not "${d.value}"`,
  'mta-sts-policy-read': (d) => `cannot read --mta-sts-policy ${d.file}: ${d.reason === 'ENOENT' ? 'no such file' : d.reason === 'EISDIR' ? 'is a directory' : d.reason}`,
} satisfies Record<string, Text>;
