import type { Data } from '../../core/finding.js';
import { list, plural, type FindingText, type Lookup, type Text } from '../types.js';

// English words of `mailcheck message`. Placeholders come from the findings' data (src/checks/message/).

export const checks = {
  auth: 'Authentication (DKIM, SPF, DMARC, reverse DNS, TLS)',
  header: 'Format (headers and MIME)',
  content: 'Content (what filters read)',
  links: 'Link domains on blacklists',
  bulk: 'Bulk-sender rules (Gmail, Yahoo, Microsoft)',
} satisfies Record<string, string>;

const kb = (bytes: unknown) => (Number(bytes) < 1024 ? `${Number(bytes)} bytes` : `${Math.round(Number(bytes) / 1024)} KB`);
const mb = (bytes: unknown) => `${(Number(bytes) / 1024 / 1024).toFixed(1)} MB`;

function dkimReason(d: Data, t: Lookup): string {
  return t('labels', `dkim-code.${String(d.code)}`, (d.reason ?? {}) as Data);
}

function spfFix(d: Data): string {
  const why = d.ip ? ` \`mailcheck spf ${d.domain} --ip ${d.ip}\` shows why.` : '';
  return `Add the server or service you send through to the SPF record of ${d.domain} (its include: or ip4: term), or send through a server the record already lists.${why}`;
}

function spfWho(d: Data): string {
  return d.ip ? `${d.ip} sending as ${d.domain}` : String(d.domain);
}

export const findings = {
  'auth.dkim-none': {
    title: 'The message has no DKIM signature',
    message: (d) =>
      `The message carries no DKIM signature${d.fromDomain ? ` (From domain ${d.fromDomain})` : ''}${d.unauthenticated ? ', and SPF does not pass either: receivers see it as unauthenticated' : ''}${d.bulk ? '; bulk senders must sign every message' : ''}.`,
    fix: 'Turn on DKIM signing at your mail provider or sending service (it gives you a selector and a key to publish in DNS), then send yourself a new copy and check it again.',
  },
  'auth.dkim-fail': {
    title: 'A DKIM signature does not verify',
    message: (d, t) =>
      `The DKIM signature of ${d.domain || '(unknown domain)'}${d.selector ? ` (selector ${d.selector})` : ''} does not verify (${d.result}): ${dkimReason(d, t)}.${Number(d.others) > 0 ? ' Another signature passes, so receivers ignore this one.' : ''}`,
    fix: (d) => {
      switch (d.code) {
        case 'dkim.body-hash-mismatch': return 'Something changed the body after it was signed (a footer or disclaimer added by a gateway or list, re-wrapped lines): sign after the last change, or stop the change.';
        case 'dkim.signature-mismatch': return 'A signed header was changed after signing, or the published key is not the one that signed: check that the key in DNS matches the signing key, and that nothing rewrites Subject, From or other signed headers on the way.';
        case 'dkim.key-not-found': return `Publish the public key at ${d.selector}._domainkey.${d.domain} (your provider shows the record), or sign with a selector that has one.`;
        case 'dkim.expired': return 'The signature expired (x=) before the message arrived: sign with a longer validity, or none.';
        case 'dkim.from-not-signed': return 'Sign the From header: add "from" to the signed headers (h=).';
        case 'dkim.sha1': return 'Sign with rsa-sha256 (or ed25519-sha256): receivers no longer accept rsa-sha1.';
        case 'dkim.body-length-exceeded': return 'The l= tag claims more body than the message has: sign without l=.';
        default: return 'Check the DKIM setup at your provider or sending service; `mailcheck domain` checks the published key.';
      }
    },
  },
  'auth.dkim-weak-key': {
    title: 'The DKIM key is too small',
    message: (d) =>
      `The DKIM key of ${d.domain} (selector ${d.selector}) has ${d.bits} bits${Number(d.bits) < 1024 ? ', under the 1024-bit minimum: receivers treat the signature as failed' : '; 2048 bits is the recommended size'}.`,
    fix: 'Generate a 2048-bit key at your provider, publish it under a new selector, and switch signing to it.',
  },
  'auth.spf-fail': {
    title: 'SPF fails for the sending server',
    message: (d, t) => {
      if (d.result === 'permerror') {
        const p = d.problem as { id: string; data: Data } | null;
        return `The SPF record of ${d.domain} is broken (permerror${p ? `: ${t('spf', `problem.${p.id}`, p.data)}` : ''}), which receivers treat as a failure.`;
      }
      return `SPF fails for ${spfWho(d)}${d.matched ? ` (matched ${d.matched})` : ''}: the domain's SPF record does not allow this server${d.bulk ? '; bulk senders must pass SPF' : ''}.`;
    },
    fix: (d) => spfFix(d),
  },
  'auth.spf-softfail': {
    title: 'SPF does not pass (softfail or neutral)',
    message: (d) => `SPF says ${d.result} for ${spfWho(d)}${d.matched ? ` (matched ${d.matched})` : ''}: the record does not list this server${d.bulk ? '; bulk senders must pass SPF' : ''}.`,
    fix: (d) => spfFix(d),
  },
  'auth.spf-none': {
    title: 'The sending domain has no SPF record',
    message: (d) => `${d.domain} (the ${d.source === 'return-path' ? 'Return-Path' : 'From'} domain) publishes no SPF record${d.ip ? `, so ${d.ip} cannot pass SPF` : ''}${d.bulk ? '; bulk senders must pass SPF' : ''}.`,
    fix: (d) => `Publish an SPF record for ${d.domain} listing the servers that send for it (e.g. "v=spf1 include:<your provider's SPF domain> -all"); \`mailcheck domain ${d.domain}\` suggests one.`,
  },
  'auth.dmarc-fail': {
    title: 'DMARC fails: neither SPF nor DKIM passes for the From domain',
    message: (d) => {
      const spf = d.spf === 'pass' ? `SPF passes for ${d.spfDomain}, which is not aligned with From` : `SPF does not pass (${d.spf ?? 'not evaluated'})`;
      const domains = d.dkimDomains as string[];
      const dkim = domains.length > 0 ? `DKIM passes only for ${list(domains)}, not aligned with From` : `no DKIM signature of ${d.domain} passes`;
      const effect = d.policy === 'reject' ? 'receivers that honour it reject the message' : d.policy === 'quarantine' ? 'receivers that honour it put the message in spam' : 'nothing is enforced yet, but the mail is trusted less';
      return `DMARC fails for ${d.domain}: ${spf}, and ${dkim}. Its policy is p=${d.policy ?? 'none'}, so ${effect}.`;
    },
    fix: (d) => `Sign with DKIM as the From domain (d=${d.domain}), or send with an envelope sender (Return-Path) in ${d.domain} that its SPF record allows.`,
  },
  'auth.dmarc-missing': {
    title: 'The From domain has no DMARC record',
    message: (d) => `${d.domain} has no DMARC record (looked up ${list(d.searched)})${d.bulk ? ': bulk senders must publish one' : ''}.`,
    fix: 'Publish a DMARC record; start with p=none and a report address you read, then move to p=quarantine:',
  },
  'auth.tls-missing': {
    title: 'The message was handed over without TLS',
    message: (d) => `The message reached ${d.by ?? 'the receiver'} from ${d.ip} without TLS (${d.protocol}); Gmail expects every sender to use TLS${d.bulk ? ', and rejects bulk mail without it' : ''}.`,
    fix: 'Turn on TLS (STARTTLS) on the sending server, or send through a provider that uses it.',
  },

  'header.from-invalid': {
    title: 'The From header is missing or invalid',
    message: (d) => {
      switch (d.kind) {
        case 'missing': return 'The message has no From header; Gmail refuses it.';
        case 'multiple-headers': return `The message has ${d.count} From headers; it must have exactly one.`;
        case 'multiple-addresses': return `The From header names ${d.count} addresses ("${d.value}"); Gmail refuses mail from several authors.`;
        case 'group': return `The From header is a group, not a mailbox ("${d.value}").`;
        case 'domain-invalid': return `The From address "${d.value}" has no valid domain (${d.error}).`;
        default: return `The From header "${d.value}" is not a valid address${d.error ? ` (${d.error})` : ''}.`;
      }
    },
    fix: 'Send with exactly one From header holding one valid address at your own domain (check the sender settings of the mail program or script).',
  },
  'header.message-id-invalid': {
    title: 'The Message-ID is missing or malformed',
    message: (d) =>
      d.kind === 'missing'
        ? 'The message has no Message-ID header; Gmail refuses messages without a valid one.'
        : `The Message-ID "${d.value}" is not of the form <unique-part@domain> with the angle brackets.`,
    fix: 'Let the mail program or server create the Message-ID: one per message, <random@your-domain>, angle brackets included.',
  },
  'header.date-invalid': {
    title: 'The Date header is missing, unreadable or wrong',
    message: (d) => {
      switch (d.kind) {
        case 'missing': return 'The message has no Date header.';
        case 'unparsable': return `The Date header "${d.value}" is not an RFC 5322 date (like "Tue, 15 Mar 2026 09:30:00 +0800").`;
        case 'future': return `The Date header ("${d.value}") is ${d.hours} hours ahead of ${d.reference === 'now' ? 'now' : 'when the message was sent'}.`;
        default: return `The Date header ("${d.value}") is ${d.days} days older than when the message was sent.`;
      }
    },
    fix: 'Set the sending computer\'s clock and time zone right, and let the mail program write the Date.',
  },
  'header.duplicate': {
    title: 'A header that may appear once appears more often',
    message: (d) => `The ${d.header} header appears ${d.count} times; RFC 5322 allows it once, and Gmail refuses duplicates.`,
    fix: 'Remove the extra copy: usually a script or plug-in adds its own header next to the mail program\'s.',
  },
  'header.mime-invalid': {
    title: 'The message is malformed (MIME, encoding or line ends)',
    message: (d, t) => `Malformed message${d.part ? ` (part ${d.part})` : ''}: ${t('labels', `mime.${String(d.kind)}`, d)}.`,
    fix: (d, t) => t('labels', `mime-fix.${String(d.kind)}`, d),
  },
  'header.line-too-long': {
    title: 'A line is longer than 998 octets',
    message: (d) => `Line ${d.line} (in the ${d.where}) is ${d.length} octets long, and ${plural(Number(d.count), 'line')} of the ${d.where} ${Number(d.count) === 1 ? 'is' : 'are'} over ${d.limit}; RFC 5322 allows 998.`,
    fix: (d) =>
      d.where === 'header'
        ? 'Fold long header lines (mail programs do; a script that writes headers must).'
        : 'Send the body quoted-printable or base64 (any mail program does), or break the long lines: relays refuse or cut lines over 998 octets, which breaks DKIM.',
  },
  'header.size': {
    title: 'The header is over Gmail\'s size limits',
    message: (d) => {
      switch (d.kind) {
        case 'total': return `The header block is ${kb(d.bytes)}; Gmail refuses more than ${kb(d.limit)}.`;
        case 'fields': return `The message has ${d.count} header fields; Gmail refuses more than ${d.limit}.`;
        case 'field': return `The ${d.header} header is ${kb(d.bytes)}; Gmail refuses a header over ${kb(d.limit)}.`;
        case 'name': return `A header name is ${d.bytes} bytes long; Gmail refuses names over ${d.limit}.`;
        case 'subject': return `The Subject is ${d.bytes} characters; Gmail refuses more than ${d.limit}.`;
        default: return `The Message-ID is ${d.bytes} characters; Gmail refuses more than ${d.limit}.`;
      }
    },
    fix: 'Shorten or remove the oversized header (often a custom header, or a subject holding the whole text).',
  },
  'header.undisclosed-recipients': {
    title: 'No recipient is named (mass Bcc)',
    message: (d) =>
      d.kind === 'no-to'
        ? 'The message has no To or Cc header: every recipient got it by Bcc, the way mass mail is sent.'
        : `The To header is "${d.group}:;", which names nobody: the message went to everyone by Bcc, the way mass mail is sent.`,
    fix: 'Send each buyer their own message with their address in To (a mail merge), not one message with everyone in Bcc.',
  },
  'header.reply-to-freemail': {
    title: 'Replies go to a free mailbox other than the sender\'s',
    message: (d) => `Replies go to ${d.replyTo} (${d.provider}), a free mailbox, while the message is from ${d.from ?? 'another domain'}${d.fromFree ? ` (${d.fromFree})` : ''}: filters read this as a scam pattern.`,
    fix: 'Use a Reply-To at your own domain, or none (replies then go to the From address).',
  },
  'header.fake-reply': {
    title: 'The subject pretends to be a reply or forward',
    message: (d) => `The subject starts with "${d.prefix}" but the message answers nothing (no In-Reply-To or References header); Gmail's guidelines call such subjects deceptive.`,
    fix: 'Remove the Re:/Fwd: from a first contact and write a subject that says what the letter offers.',
  },

  'content.subject-caps': {
    title: 'The subject is in capital letters',
    message: (d) => `The subject is ${d.ratio}% capital letters ("${d.subject}").`,
    fix: 'Write the subject in normal sentence case.',
  },
  'content.subject-exclaim': {
    title: 'The subject has too many exclamation or question marks',
    message: (d) => `The subject shouts with ${plural(Number(d.marks), 'exclamation mark')}${Number(d.marks) < 3 ? ' in a row or mixed with question marks' : ''} ("${d.subject}").`,
    fix: 'Use one exclamation mark at most; none is better.',
  },
  'content.spam-phrase': {
    title: 'A phrase filters count against mail',
    message: (d, t) => `The ${d.where} contains "${d.match}": ${t('labels', `phrase.${String(d.phrase)}`)} (phrase ${d.phrase}, weight ${d.weight}).`,
    fix: 'Say it in your own words; one such phrase rarely decides, several add up.',
  },
  'content.shortener': {
    title: 'A link goes through a URL shortener',
    message: (d) => `${Number(d.count) === 1 ? 'A link goes' : `${d.count} links go`} through the URL shortener ${d.host} (${d.url}): shorteners hide where a link leads, and spam uses them for that.`,
    fix: 'Link to the page on your own domain directly.',
  },
  'content.link-mismatch': {
    title: 'A link shows one domain and goes to another',
    message: (d) => `A link shows "${d.text}" (${d.shown}) but goes to ${d.target}; filters treat this as phishing.`,
    fix: 'Make the link text match where the link goes, or use words rather than a web address as link text.',
  },
  'content.link-ip': {
    title: 'A link goes to a bare IP address',
    message: (d) => `A link goes to the IP address ${d.host} (${d.url}) instead of a domain name.`,
    fix: 'Link to a domain name.',
  },
  'content.link-insecure': {
    title: 'Links or images use http://',
    message: (d) => `${plural(Number(d.count), 'link or image', 'links or images')} use http:// rather than https:// (${list(d.examples)}).`,
    fix: 'Use https:// links and image addresses.',
  },
  'content.image-heavy': {
    title: 'The message is mostly images',
    message: (d) => {
      if (d.kind === 'attached-images') return `The message is ${plural(Number(d.images), 'attached image')} with almost no text (${d.textChars} characters): image-only mail is a spam pattern.`;
      if (d.kind === 'image-only') return `The HTML is ${plural(Number(d.images), 'image')} with almost no text (${d.textChars} characters): image-only mail is a spam pattern, and many readers do not show images.`;
      return `The HTML shows ${plural(Number(d.images), 'image')} and little text (${d.textChars} characters).`;
    },
    fix: 'Write the offer as text, with the images as illustration (several hundred words of text, not a picture of the text).',
  },
  'content.html-only': {
    title: 'The message has no plain-text version',
    message: 'The message is HTML only, with no plain-text version.',
    fix: 'Let the mail program send both versions (multipart/alternative with a text/plain part).',
  },
  'content.missing-text-part': {
    title: 'multipart/alternative without a text/plain part',
    message: (d) => `${d.part ? `Part ${d.part}` : 'The message'} is multipart/alternative but has no text/plain version (${list(d.types)}).`,
    fix: 'Let the mail program send a plain-text version next to the HTML.',
  },
  'content.parts-differ': {
    title: 'The plain-text and HTML versions differ',
    message: (d) => `The plain-text and HTML versions say different things (${d.similarity}% of their words in common).`,
    fix: 'Make the plain-text version the same letter as the HTML.',
  },
  'content.hidden-text': {
    title: 'Text is hidden from the reader',
    message: (d, t) => `${d.chars} characters of text are hidden from the reader (${(d.kinds as string[]).map((k) => t('labels', `hidden.${k}`)).join(', ')}): "${d.sample}".`,
    fix: 'Remove hidden text; Gmail\'s sender guidelines forbid hiding content.',
  },
  'content.clipped': {
    title: 'Gmail will clip the message',
    message: (d) => `The HTML is ${kb(d.bytes)}; Gmail clips messages over ${kb(d.limit)} and hides the rest behind "[Message clipped]".`,
    fix: 'Cut the HTML under 100 KB: no pasted word-processor markup, styles once, images linked rather than embedded.',
  },
  'content.attachment-large': {
    title: 'The message is too large',
    message: (d) =>
      Number(d.limit) >= 25 * 1024 * 1024
        ? `The message is ${mb(d.bytes)} as sent (attachments grow by a third in base64); Gmail and Yahoo refuse messages over 25 MB${d.largest ? `. Largest attachment: ${d.largest}, ${mb(d.largestBytes)}` : ''}.`
        : `The message is ${mb(d.bytes)} as sent; many company mail servers refuse messages over 10 MB${d.largest ? `. Largest attachment: ${d.largest}, ${mb(d.largestBytes)}` : ''}.`,
    fix: 'Send large files as a download link (a cloud drive or your website) rather than as attachments.',
  },
  'content.attachment-blocked': {
    title: 'An attachment is of a type Gmail blocks',
    message: (d) => `${d.inside ? `${d.file}, inside ${d.inside},` : d.file} is a .${d.extension} file, a type Gmail refuses (also inside archives).`,
    fix: 'Do not attach programs or scripts; share them as a download link from your website or a cloud drive.',
  },
  'content.charset-legacy': {
    title: 'A legacy Chinese charset is used',
    message: (d) => `The ${list(d.where, ' and ')} ${(d.where as string[]).length > 1 ? 'use' : 'uses'} ${list(d.charsets)}, a legacy Chinese charset: readers abroad may show garbled text, and some filters score it.`,
    fix: 'Set the mail program\'s outgoing encoding to UTF-8.',
  },
  'content.hotlinked-images': {
    title: 'Product photos are hot-linked from a marketplace',
    message: (d) => `${plural(Number(d.count), 'image')} ${Number(d.count) === 1 ? 'is' : 'are'} loaded from ${d.market}'s image servers (${d.host}), the way copied marketplace listings are.`,
    fix: 'Attach the product photos, or host them on your own website.',
  },

  'rbl.link-listed': {
    title: 'A link domain is on a blacklist',
    message: (d, t) => {
      const codes = (d.codes as string[]).map((code, i) => `${code} ${((d.meanings as string[][])[i] ?? []).map((m) => t('dnsbl', m)).join('; ')}`.trim()).join('; ');
      return `The ${d.via === 'from' ? 'From domain' : 'link domain'} ${d.domain} is listed on ${d.list} (${d.zone}): ${codes}.${d.reason ? ` Reason given: ${d.reason}` : ''} Receivers that check links against it junk the mail.`;
    },
    fix: (d) => `Remove links to ${d.domain}; if the domain is yours, find why it is listed (a hacked site, spam sent with its links) and request removal${d.delist ? ` at ${d.delist}` : ' from the list operator'}.`,
  },

  'bulk.unsubscribe-missing': {
    title: 'Bulk mail without List-Unsubscribe',
    message: (d) =>
      d.webmail
        ? `The message is sent from ${d.webmail}, which cannot add a List-Unsubscribe header, and the text offers no way to opt out.`
        : 'The message looks like bulk mail but has no List-Unsubscribe header; Gmail and Yahoo require one-click unsubscribe from bulk senders.',
    fix: (d) =>
      d.webmail
        ? 'Add a plain sentence such as "If you would rather not hear from us again, reply \'unsubscribe\'." and honour every such reply.'
        : 'Add "List-Unsubscribe: <https://…>, <mailto:…>" and "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (sending services have a setting for it), and a visible unsubscribe link in the text.',
  },
  'bulk.unsubscribe-not-one-click': {
    title: 'List-Unsubscribe is not one-click (RFC 8058)',
    message: (d) => {
      const why: string[] = [];
      if (!d.https) why.push(d.mailto ? 'it has only a mailto: address, no https:// URI' : 'it has no https:// URI');
      if (d.post === null) why.push('List-Unsubscribe-Post is missing');
      else if (d.post !== 'List-Unsubscribe=One-Click') why.push(`List-Unsubscribe-Post is "${d.post}", not exactly "List-Unsubscribe=One-Click"`);
      return `List-Unsubscribe is not one-click: ${why.join('; ')}.`;
    },
    fix: 'Give an https:// URI in List-Unsubscribe that unsubscribes on a POST, and add exactly "List-Unsubscribe-Post: List-Unsubscribe=One-Click".',
  },
  'bulk.unsubscribe-unsigned': {
    title: 'The unsubscribe headers are not signed',
    message: (d) => `No valid DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 §3.1)${Number(d.signatures) === 0 ? '; no signature passes at all' : ''}.`,
    fix: 'Add list-unsubscribe and list-unsubscribe-post to the signed headers (h=) of your DKIM signing.',
  },
} satisfies Record<string, FindingText>;

export const found = {
  'message.draft': (d) => `A draft or a copy that was not received (no Received line, no DKIM signature): authentication is judged on a received copy. Send yourself a copy at another provider (e.g. a Gmail address), save it as .eml and check that, or pass --ip.${d.fromDomain ? ` \`mailcheck domain ${d.fromDomain}\` checks the domain's records.` : ''}`,
  'message.sent-from': (d) => `sent from ${d.ip}${d.rdns ? ` (${d.rdns})` : ''}${d.helo ? `, HELO ${d.helo}` : ''}${d.by ? ` to ${d.by}` : ''}${d.source === 'option' ? ' (--ip)' : ''}${d.tls === true ? ', TLS' : d.tls === false ? ', no TLS' : ''}`,
  'message.submission-only': (d) => `the copy only shows your own upload to ${d.by ?? 'your provider'} (from ${d.ip}): SPF cannot be judged from it. Send the copy to a mailbox at another provider, or pass --ip.`,
  'message.no-ip': 'no Received line with a public address: SPF and reverse DNS not checked (pass --ip)',
  'message.dkim': (d) => `DKIM d=${d.domain || '?'} s=${d.selector || '?'} ${d.algorithm}${d.keyBits ? ` ${d.keyBits}-bit ${d.keyType}` : ''}: ${d.result}${d.result === 'pass' ? (d.aligned ? ' (aligned with From)' : ' (not aligned with From)') : ''}${Number(d.unsignedBodyBytes) > 0 ? `; l= leaves ${d.unsignedBodyBytes} bytes of the body unsigned` : ''}`,
  'message.spf': (d) => `SPF ${d.ip} for ${d.domain} (${d.source === 'return-path' ? 'Return-Path' : 'From'}): ${d.result}${d.matched ? ` (${d.matched})` : ''}${d.result === 'pass' ? (d.aligned ? ', aligned with From' : ', not aligned with From') : ''}`,
  'message.spf-record': (d) => `SPF record of ${d.domain}: ${d.present ? 'published (no sending IP to evaluate)' : 'none'}`,
  'message.dmarc': (d) => `DMARC ${d.recordDomain}${d.inherited ? ' (organizational domain)' : ''} p=${d.policy ?? 'none'}: ${d.pass === true ? 'pass' : d.pass === false ? 'fail' : 'not judged'}`,
  'message.rdns': (d) => `reverse DNS of ${d.ip}: ${d.status === 'ok' ? `${list(d.ptr)}${d.confirmed === true ? ' (forward-confirmed)' : d.confirmed === false ? ' (does not resolve back)' : ''}` : d.status === 'missing' ? 'no PTR' : `could not check (${d.status})`}`,
  'message.auth-results': (d) => `${d.server || 'a receiver'} said: ${list(d.results, ' ') || '(nothing)'} (shown, not trusted)`,
  'message.arc': (d) => `ARC: ${plural(Number(d.sets), 'set')}, chain ${d.chain ?? 'unknown'}${(d.sealers as string[]).length ? `, sealed by ${list(d.sealers)}` : ''} (shown, not verified)`,
  'message.from': (d) => `From: ${d.name ? `${d.name} ` : ''}<${d.address}>`,
  'message.subject': (d) => `Subject: ${d.subject}`,
  'message.size': (d) => `${kb(d.bytes)}, ${plural(Number(d.fields), 'header field')} (${kb(d.headerBytes)}), ${plural(Number(d.parts), 'MIME part')}, line ends ${d.newline}`,
  'message.links': (d) => `${plural(Number(d.links), 'link')}, ${plural(Number(d.images), 'image')}, ${plural(Number(d.domains), 'domain')}`,
  'message.attachments': (d) => `${plural(Number(d.count), 'attachment')} (${mb(d.bytes)}): ${list(d.names)}`,
  'message.link-domain': (d) => `${d.domain}${d.via === 'from' ? ' (From)' : ''}: ${(d.listed as string[]).length ? `LISTED on ${list(d.listed)}` : 'not listed'} (${d.checked} of ${d.total} lists checked)`,
  'message.link-domains-omitted': (d) => `${d.count} more link domains not checked (the first 50 were)`,
  'message.bulk-not-applied': (d) => `does not look like bulk mail (no List-Unsubscribe, List-Id, Precedence: bulk or sending-service headers): pass --bulk to judge it by these rules${d.webmail ? `; sent from ${d.webmail}` : ''}`,
  'message.bulk-signals': (d) => `judged as bulk mail: ${d.forced ? '--bulk' : ''}${d.forced && (d.signals as string[]).length ? ', ' : ''}${list(d.signals)}${d.esp ? ` (sent through ${d.esp})` : ''}${d.webmail ? ` (sent from ${d.webmail})` : ''}`,
  'message.bulk-rule': (d, t) => {
    const codes = d.codes as Record<string, string>;
    const named = Object.entries(codes).map(([p, c]) => `${t('labels', `provider.${p}`)} ${c}`).join(', ');
    return `${d.status === 'pass' ? '✔' : d.status === 'fail' ? '✖' : '?'} ${t('labels', `bulk-rule.${String(d.rule)}`)}${named ? ` (failing it: ${named})` : ''}`;
  },
  'message.opt-out-sentence': (d) => `sent from ${d.webmail}, which cannot add List-Unsubscribe: the text offers a way to opt out, which is what such a letter can do`,
} satisfies Record<string, Text>;

/** A DKIM result code in words (src/mail/dkim/verify.ts). */
const dkimCodes: Record<string, Text> = {
  'dkim.pass': 'it verifies',
  'dkim.body-hash-mismatch': 'the body was changed after signing (body hash mismatch)',
  'dkim.signature-mismatch': 'the signed headers were changed, or the key in DNS is not the signing key',
  'dkim.body-length-exceeded': 'l= claims more body than there is',
  'dkim.expired': 'the signature had expired (x=) when the message arrived',
  'dkim.future-timestamp': 'the signature is dated in the future (t=)',
  'dkim.sha1': 'it uses rsa-sha1, which receivers no longer accept',
  'dkim.key-too-small': 'the key is under 1024 bits',
  'dkim.header-limit': 'the header is too large to judge',
  'dkim.syntax': 'the signature field is malformed',
  'dkim.version-unsupported': 'an unknown DKIM version (v=)',
  'dkim.algorithm-unsupported': 'an unknown algorithm (a=)',
  'dkim.canonicalization-unsupported': 'an unknown canonicalization (c=)',
  'dkim.query-unsupported': 'an unknown key query method (q=)',
  'dkim.identity-mismatch': 'i= is not within d=',
  'dkim.from-not-signed': 'the signature does not cover the From header (h=)',
  'dkim.key-not-found': 'no public key is published for the selector',
  'dkim.key-syntax': 'the published key record is malformed',
  'dkim.key-revoked': 'the published key is revoked (empty p=)',
  'dkim.key-type-mismatch': 'the published key is of another type than the signature',
  'dkim.key-hash-not-allowed': 'the key record does not allow this hash (h=)',
  'dkim.key-service': 'the key record is not for email (s=)',
  'dkim.key-strict-subdomain': 'the key forbids signing for subdomains (t=s)',
  'dkim.key-lookup-failed': 'the key could not be looked up',
};

/** MIME faults (src/mail/mime.ts and the header check), and what to do about each. */
const mime: Record<string, Text> = {
  'header-8bit': (d) => `${list(d.fields)} ${(d.fields as string[]).length > 1 ? 'hold' : 'holds'} raw 8-bit bytes${d.utf8 ? ' (UTF-8, which needs SMTPUTF8 on every hop)' : ' that are not UTF-8 (a legacy charset written raw)'}`,
  'encoded-word-misplaced': (d) => `an RFC 2047 encoded word where none is allowed (${list(d.fields)})`,
  'mime-version-missing': 'MIME headers without MIME-Version: 1.0',
  'bare-lf': (d) => `${plural(Number(d.count), 'line')} ${Number(d.count) === 1 ? 'ends' : 'end'} in a bare LF among CRLF line ends`,
  'bare-cr': (d) => `${plural(Number(d.count), 'bare CR')} (a CR not followed by LF)`,
  nul: (d) => `${plural(Number(d.count), 'NUL byte')}`,
  'header-syntax': (d) => `${plural(Number(d.count), 'header line')} that ${Number(d.count) === 1 ? 'is' : 'are'} neither a field nor a continuation (line ${list(d.lines)})`,
  'too-many-parts': 'more MIME parts or nesting than we read',
  'boundary-missing': 'a multipart part without a boundary parameter',
  'boundary-not-found': (d) => `the boundary "${d.boundary}" never appears in the body`,
  'boundary-unclosed': (d) => `the closing boundary "--${d.boundary}--" is missing`,
  'content-type-invalid': (d) => `the Content-Type "${d.value}" cannot be read`,
  'cte-unknown': (d) => `an unknown Content-Transfer-Encoding "${d.cte}"`,
  'cte-8bit-undeclared': (d) => `${plural(Number(d.bytes), '8-bit byte')} in a part declared ${d.cte === 'none' ? '7bit (no Content-Transfer-Encoding)' : d.cte}`,
  'cte-on-multipart': (d) => `a multipart part with Content-Transfer-Encoding ${d.cte}`,
  'base64-invalid': (d) => `${plural(Number(d.bytes), 'byte')} that ${Number(d.bytes) === 1 ? 'is' : 'are'} not base64 in a base64 part`,
  'charset-missing': 'non-ASCII text without a charset',
  'charset-unknown': (d) => `an unknown charset "${d.charset}"`,
  'part-header-8bit': (d) => `raw 8-bit bytes in the part's headers (${d.fields})`,
  'no-header-separator': 'a part without the empty line between its headers and its body',
};

const mimeFix: Record<string, Text> = {
  'header-8bit': 'Encode non-ASCII header text as RFC 2047 encoded words in UTF-8 (any mail program does; a script must), or send through a server with SMTPUTF8 all the way.',
  'encoded-word-misplaced': 'Write addresses, Message-ID and Date in plain ASCII; only display names and the subject may carry encoded words.',
  'mime-version-missing': 'Add "MIME-Version: 1.0" (mail programs do; a script must).',
  'bare-lf': 'Write every line end as CRLF; servers that guard against SMTP smuggling refuse bare LF.',
  'bare-cr': 'Write every line end as CRLF and remove stray CR characters.',
  nul: 'Remove NUL bytes, or send the data as a base64 attachment.',
  'header-syntax': 'Fix the header lines: each is "Name: value", and continuation lines start with a space or tab.',
  'too-many-parts': 'Send fewer parts.',
  'boundary-missing': 'Give every multipart part a boundary parameter that its body uses.',
  'boundary-not-found': 'Make the body use the boundary the Content-Type declares (the message was probably edited by hand or by a broken script).',
  'boundary-unclosed': 'End the multipart body with the closing boundary line (--boundary--).',
  'content-type-invalid': 'Write Content-Type as type/subtype with parameters (e.g. text/plain; charset=UTF-8).',
  'cte-unknown': 'Use 7bit, 8bit, quoted-printable or base64.',
  'cte-8bit-undeclared': 'Send non-ASCII text quoted-printable or base64, or declare 8bit.',
  'cte-on-multipart': 'Multipart parts take no encoding other than 7bit, 8bit or binary: encode the leaf parts instead.',
  'base64-invalid': 'Re-encode the part: it is not valid base64 (often text pasted in as if it were).',
  'charset-missing': 'Declare the charset of every text part, e.g. "Content-Type: text/plain; charset=UTF-8".',
  'charset-unknown': 'Use UTF-8.',
  'part-header-8bit': 'Encode non-ASCII file names and header text (RFC 2231 / RFC 2047).',
  'no-header-separator': 'Put an empty line between a part\'s headers and its body.',
};

const phrases: Record<string, string> = {
  'en.cn-b2b-intro': 'the stock self-introduction of Chinese B2B mass mail',
  'en.china-manufacture': 'a fixed phrase of mass B2B mail from China',
  'en.dear-sir-madam': 'a greeting without a name',
  'en.dear-friend': 'a stranger calling the reader a friend',
  'en.hope-finds-well': 'a template opener of cold letters',
  'en.factory-price': 'a price claim',
  'en.free-sample': 'a free-sample offer',
  'en.guaranteed-100': 'an absolute guarantee',
  'en.guaranteed-bang': 'a guarantee with an exclamation mark',
  'en.million-dollars': 'talk of millions of dollars',
  'en.to-be-removed': 'removal instructions instead of a real unsubscribe',
  'en.received-this-because': 'a claim the reader asked for an advertisement',
  'en.urgent-business': 'an urgent, confidential proposal',
  'en.urgent-subject': 'a subject that only says urgent',
  'en.money-back': 'a money-back promise',
  'en.free-quote': 'a free instant quote',
  'en.bad-credit': 'credit-repair advertising',
  'en.refinance': 'mortgage advertising',
  'en.weight-loss': 'diet advertising',
  'en.financial-freedom': 'get-rich advertising',
  'en.one-time-offer': 'pressure selling',
  'en.join-millions': 'a mass-advertising claim',
  'en.unclaimed-money': 'fraud bait',
  'en.act-now': 'pressure in capitals',
  'en.stock-alert': 'stock promotion',
  'en.replica-watch': 'counterfeit goods',
  'en.male-enhancement': 'pharmacy spam',
  'en.html-mailer': 'a line spam tools added to HTML-only mail',
  'en.secret-transaction': 'advance-fee fraud vocabulary',
  'en.of-the-late': 'inheritance-fraud vocabulary',
  'en.lottery': 'lottery fraud',
  'en.surprise-letter': 'an advance-fee fraud opener',
  'en.limited-time': 'pressure selling',
  'en.you-have-won': 'prize bait',
  'en.risk-free': 'an advertising promise',
  'en.click-here': 'link text that says nothing',
  'zh.invoice': 'invoice-selling spam (代开发票)',
  'zh.add-wechat': 'moving the reader to WeChat',
  'zh.free-gift': 'giveaway spam',
  'zh.click-claim': 'a click-to-claim call',
  'zh.prize': 'prize fraud',
  'zh.loan': 'loan advertising',
  'zh.part-time': 'part-time-job and order-brushing scams',
  'zh.gambling': 'gambling advertising',
  'zh.make-money': 'get-rich advertising',
  'zh.fake-documents': 'forged-document advertising',
  'zh.lowest-price': 'an advertising superlative',
  'zh.limited-sale': 'pressure selling',
  'zh.account-frozen': 'a "mailbox will be frozen" phishing line',
  'zh.verify-now': 'a phishing call to verify an account',
  'zh.td-unsubscribe': 'the SMS-style opt-out of mass marketing',
};

const hidden: Record<string, string> = {
  'display-none': 'display:none',
  'visibility-hidden': 'visibility:hidden',
  opacity: 'zero opacity',
  'tiny-font': 'a font too small to read',
  'low-contrast': 'text coloured like its background',
  'zero-size': 'a zero-height box',
  'hidden-attribute': 'the hidden attribute',
};

function prefixed(prefix: string, entries: Record<string, Text>): Record<string, Text> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [`${prefix}${k}`, v]));
}

export const labels = {
  'message.fix-first': 'Fix these first:',
  'message.nothing-to-fix': '✔ nothing to fix',
  'message.judged-for': (d) => `effects predicted for ${d.provider}${d.domain ? ` (--to ${d.domain})` : ' (the default; --to DOMAIN for another provider)'}`,
  'message.title': (d) => `${d.subject}${Number(d.message) > 1 || d.mbox ? ` (message ${d.message})` : ''}`,
  'message.effect': 'effect:',
  'effect.reject': (d) => `${d.provider ? `${d.provider} rejects it` : 'rejected'}${d.code ? `: ${d.code}` : ''}`,
  'effect.spam': 'likely spam folder',
  'effect.clipped': (d) => `${d.provider ?? 'Gmail'} clips it ("[Message clipped]")`,
  'effect.no-mitigation': (d) => `${d.provider ?? 'the provider'} gives no delivery help (bulk-sender rule)`,
  'effect.risk': 'a risk: some receivers refuse or junk it',
  'effect.none': 'fine',
  'provider.gmail': 'Gmail',
  'provider.microsoft': 'Outlook.com',
  'provider.yahoo': 'Yahoo',
  'provider.china': 'Chinese providers (QQ, NetEase…)',
  'provider.other': 'other providers',
  'bulk-rule.spf-and-dkim': 'SPF and DKIM both pass',
  'bulk-rule.dmarc-published': 'DMARC published for the From domain',
  'bulk-rule.dmarc-aligned': 'From aligned with SPF or DKIM (DMARC passes)',
  'bulk-rule.fcrdns': 'sending IP has forward-confirmed reverse DNS',
  'bulk-rule.tls': 'sent over TLS',
  'bulk-rule.one-click-unsubscribe': 'one-click unsubscribe (RFC 8058), signed by DKIM',
  ...prefixed('dkim-code.', dkimCodes),
  ...prefixed('mime.', mime),
  ...prefixed('mime-fix.', mimeFix),
  ...prefixed('phrase.', phrases),
  ...prefixed('hidden.', hidden),
} satisfies Record<string, Text>;

export const errors = {
  'not-a-message': (d) => `${d.file}${Number(d.message) > 1 ? ` (message ${d.message})` : ''}: not a mail message (no header fields at the top)`,
  'message-empty': (d) => `${d.file}: empty, no message`,
  'no-message-files': 'give a message file (.eml or mbox), or - to read one from standard input',
  'to-domain': (d) => `--to takes the recipients' domain (e.g. gmail.com), not "${d.value}"`,
} satisfies Record<string, Text>;
