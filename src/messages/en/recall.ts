import type { Data } from '../../core/finding.js';
import { list, plural, type FindingText, type Lookup, type Text } from '../types.js';

// English words of `mailcheck recall`. Reasons are `labels: recall.reason.<id>`, how to recall at a provider
// `labels: recall.how.<rule>` and where its result shows `labels: recall.report.<rule>` (rule ids:
// src/data/recall-rules.ts); what to do now is `advice: recall.<id>`. Times arrive pre-formatted by the
// renderer in the user's zone (`<key>Text` beside each `<key>At`).

const who = (d: Data) => String(d.provider ?? 'your mail system');
const theirs = (d: Data) => String(d.recipientProvider ?? `the mail system of ${d.recipientDomain ?? 'their domain'}`);
const days = (minutes: unknown) => {
  const m = Number(minutes);
  return m >= 1440 && m % 1440 === 0 ? plural(m / 1440, 'day') : m >= 60 && m % 60 === 0 ? plural(m / 60, 'hour') : plural(m, 'minute');
};
const firstReason = (d: Data, t: Lookup) => {
  const r = (d.reasons as { id: string; data?: Data }[] | undefined)?.[0];
  return r ? `: ${t('labels', `recall.reason.${r.id}`, { ...r.data })}` : '';
};

export const findings = {
  'recall.possible': {
    title: 'The message can still be recalled from this recipient',
    message: (d, t) => `${d.recipient}: can be recalled${firstReason(d, t)}`,
  },
  'recall.possible-if': {
    title: 'The message can be recalled from this recipient only if conditions nobody can see from outside hold',
    message: (d, t) => `${d.recipient}: can be recalled only if${firstReason(d, t)}`,
  },
  'recall.not-possible': {
    title: 'The message cannot be recalled from this recipient',
    message: (d, t) => `${d.recipient}: cannot be recalled${firstReason(d, t)}`,
  },
  'recall.unknown': {
    title: 'Whether the message can be recalled from this recipient cannot be told',
    message: (d, t) => `${d.recipient}: cannot tell whether it can be recalled${firstReason(d, t)}`,
  },
} satisfies Record<string, FindingText>;

export const advice = {
  'recall.now': (d, t) => `Recall it now: ${t('labels', `recall.how.${d.rule}`)}.`,
  'recall.ask-admin': (d, t) => `Ask your mail administrator to recall it now: ${t('labels', `recall.how.${d.rule}`)}.`,
  'recall.read-report': (d, t) => `Then read the recall result (${t('labels', `recall.report.${d.rule}`)}): the recall is done only for the recipients it says it worked for.`,
  'recall.correction-if-failed': 'If the result says it failed for anyone, or you see no result within a few minutes, send them a short correction at once: "Please disregard my previous email; the correct quotation is attached."',
  'recall.correction': 'Send a short correction now, before they act on it: "Please disregard my previous email; the correct quotation is attached." Keep it short and calm, and do not repeat the wrong figures.',
  'recall.call': 'If it matters, phone or WeChat the recipient now: tell them a wrong email reached them and ask them to delete it.',
  'recall.no-resend': 'Never resend or forward the wrong attachment: attach only the corrected file, with a clear name (e.g. "Quotation v2").',
  'recall.tell-manager': 'It went to a competitor: tell your manager now, and what was in it (prices, customer names, files).',
  'recall.tell-manager-if-competitor': 'If it went to a competitor, or it holds prices or customer data, tell your manager now.',
  'recall.undo-now': (d, t) => `If the Undo button still shows on your sending screen, click it now (${t('labels', `recall.how.${d.rule}`)}); it goes ${d.seconds} seconds after sending at most.`,
  'recall.try-internal': 'If the recipient is a colleague on the same mail system and it has a recall button (Exchange/Outlook, Coremail…), try it now from the Sent folder and read its result; otherwise the correction is all you can do.',
} satisfies Record<string, Text>;

export const labels = {
  'recall.verdict.possible': 'can be recalled',
  'recall.verdict.possible-if': 'can be recalled only if',
  'recall.verdict.not-possible': 'cannot be recalled',
  'recall.verdict.unknown': 'cannot tell',
  'recall.title': (d) => `Recall${d.subject ? ` of "${d.subject}"` : ''} sent by ${d.sender}`,
  'recall.side': (d, t) => `${d.domain}: ${d.providerName ?? t('labels', 'recall.provider-unknown')}${d.via ? ` (${t('labels', `recall.via.${d.via}`, d)})` : ''}${d.gateway ? `, ${t('labels', 'recall.gateway', d)}` : ''}${d.tenant ? `, ${t('labels', 'recall.tenant', d)}` : ''}`,
  'recall.provider-unknown': 'mail system not known',
  'recall.via.consumer-domain': "the provider's own mail domain",
  'recall.via.mx': (d) => `MX ${list((d.mx as string[] | undefined)?.slice(0, 2))}`,
  'recall.via.spf': 'from its SPF record: a guess',
  'recall.gateway': (d) => `MX through the filter ${d.gatewayName ?? d.gateway}`,
  'recall.tenant': (d) => `tenant "${d.tenant}" (from DKIM; a guess)`,
  'recall.side-failed': (d) => `${d.domain}: could not look up MX (${d.outcome})`,
  'recall.side-no-mx': (d) => `${d.domain}: no mail server (no MX)`,
  'recall.sent': (d) => `Sent ${d.sentText} (${d.agoText})`,
  'recall.sent-unknown': 'Sending time not given (--sent): windows could not be checked',
  'recall.ago': (d) => (Number(d.minutes) < 1 ? 'just now' : Number(d.minutes) < 120 ? `${plural(Number(d.minutes), 'minute')} ago` : Number(d.minutes) < 2880 ? `${plural(Math.floor(Number(d.minutes) / 60), 'hour')} ago` : `${plural(Math.floor(Number(d.minutes) / 1440), 'day')} ago`),
  'recall.answers': (d, t) => `read: ${t('labels', `recall.answer.${d.read}`)} · fetched by a mail program: ${t('labels', `recall.answer.${d.fetched}`)}`,
  'recall.answer.yes': 'yes',
  'recall.answer.no': 'no',
  'recall.answer.unknown': 'unknown',
  'recall.field.to': 'To',
  'recall.field.cc': 'Cc',
  'recall.field.bcc': 'Bcc',
  'recall.competitor': 'competitor',
  'recall.family.tencent': 'Tencent',
  'recall.family.netease': 'NetEase',
  'recall.family.alibaba': 'Alibaba',
  'recall.family.coremail': 'Coremail',
  'recall.family.microsoft': 'Microsoft',
  'recall.family.google': 'Google',
  'recall.family.zoho': 'Zoho',
  'recall.family.other': 'other',
  'recall.rule': (d) => `rule ${d.rule}, ${d.confidence === 'high' ? "the provider's own help" : 'third-party sources only'}`,
  'recall.what-now': 'What to do now',
  'recall.summary': (d) => `${d.recallable} of ${plural(Number(d.total), 'recipient')} can be recalled${Number(d.conditional) > 0 ? ` (${d.conditional} only if the conditions above hold)` : ''}.`,
  'recall.cannot-know': 'Nobody can see from outside whether a recipient has read the mail, or whether a mail program has fetched it (POP/IMAP), nor for sure which Microsoft 365 tenant a domain belongs to: say --read and --fetched-by-client if you know.',

  // Reasons, by id (src/checks/recall.ts).
  'recall.reason.lookup-failed': (d) => `the MX lookup of ${d.domain} failed (${d.outcome}), so its mail system is not known; run again`,
  'recall.reason.recipient-no-mx': (d) => `${d.recipientDomain} has no mail server, so the message was not delivered there (look for a bounce)`,
  'recall.reason.system-unknown': (d) => `${d.domain}'s mail system${(d.mx as string[] | undefined)?.length ? ` (MX ${list(d.mx)})` : ''} is none of the providers mailcheck knows, so its recall rules are not known`,
  'recall.reason.different-systems': (d) => `the message went from ${who(d)} to ${theirs(d)}; SMTP has no recall, so mail that has left one provider for another cannot be taken back`,
  'recall.reason.other-domain': (d) => `${d.provider} recalls only within the same mail domain (${d.domain}), and ${d.recipientDomain} is another`,
  'recall.reason.tenant-hint-same': (d) => `both domains look like the same ${d.provider} tenant ("${d.tenant}", from their DKIM records): likely, not certain`,
  'recall.reason.tenant-hint-different': (d) => `the domains belong to different ${d.provider} tenants ("${d.tenant}" and "${d.recipientTenant}", from their DKIM records), and recall stays inside one tenant`,
  'recall.reason.tenant-unknown': (d) => `${d.recipientDomain} is on ${d.provider} too, and recall works only if it is your own organisation (tenant): DNS cannot show that`,
  'recall.reason.same-domain': (d) => `the recipient is in your own mail domain (${d.domain})`,
  'recall.reason.same-provider': (d) => `the recipient is on ${d.recipientProvider} too`,
  'recall.reason.same-family': (d, t) => `the recipient is on ${d.recipientProvider}, part of the same ${t('labels', `recall.family.${d.family}`)} mail system as yours`,
  'recall.reason.outside-reach': (d) => `${d.provider} recalls only to ${list(d.reaches)}, and the recipient is on ${d.recipientProvider}`,
  'recall.reason.no-recall': (d) => `${who(d)} has no recall once a message has left`,
  'recall.reason.no-rule': (d) => `mailcheck has no recall rules for ${who(d)}`,
  'recall.reason.window-sent-unknown': (d) => `it was sent less than ${days(d.minutes)} ago (give --sent to check)`,
  'recall.reason.window-closed': (d) => `the recall window is ${days(d.minutes)} and it was sent ${days(d.elapsedMinutes)} ago${d.deadlineAtText ? ` (it closed ${d.deadlineAtText})` : ''}`,
  'recall.reason.window-open': (d) => `within the ${days(d.minutes)} window${d.deadlineAtText ? `: until ${d.deadlineAtText}` : ''}`,
  'recall.reason.window-unknown': (d) => `${who(d)}'s recall window is not published (third-party pages say anything from 5 minutes to 15 days): recall as soon as you can`,
  'recall.reason.window-beyond-claims': (d) => `${who(d)}'s recall window is not published, and it was sent ${days(d.elapsedMinutes)} ago: longer than any source claims (${days(d.minutes)})`,
  'recall.reason.window-none-stated': 'no time limit is stated',
  'recall.reason.read': 'the recipient has read it, and read mail cannot be recalled here',
  'recall.reason.unread-needed': 'the recipient has not opened it yet (nobody can see that from outside; say --read if you know)',
  'recall.reason.unread': 'not read yet (you said)',
  'recall.reason.read-setting': (d) => `read mail is recalled too, unless your administrator turned that off (${d.setting})`,
  'recall.reason.read-recallable': 'read copies can be recalled too',
  'recall.reason.read-not-stated': 'the provider does not say whether read mail can be recalled',
  'recall.reason.fetched': 'a mail program has already fetched it (POP/IMAP): that copy stays on their computer',
  'recall.reason.not-fetched-needed': 'no mail program has fetched it yet by POP/IMAP (Outlook, Foxmail…; nobody can see that from outside: say --fetched-by-client if you know)',
  'recall.reason.not-fetched': 'not fetched by a mail program (you said)',
  'recall.reason.fetched-not-stated': 'a copy a mail program already downloaded (POP) may stay on their computer',
  'recall.reason.admin-must-enable': (d) => `your administrator has turned recall on (${d.setting})`,
  'recall.reason.admin-default-on': (d) => `on by default; your administrator can turn it off (${d.setting})`,
  'recall.reason.client.outlook': 'recall from Outlook (classic, new, on the web, or the mobile app 4.2504 or later)',
  'recall.reason.client.outlook-desktop-both': 'both sides use Outlook desktop',
  'recall.reason.client.workspace-enterprise': 'your Google Workspace edition has the security investigation tool (Enterprise Standard or Plus, Education Standard or Plus)',
  'recall.reason.client.web-sent-folder': 'recall in the web mail, from the Sent folder (the sent copy must be there)',
  'recall.reason.client.foxmail-7.2.17': 'from Foxmail, version 7.2.17 or later',
  'recall.reason.client.zoho-paid': 'your organisation is on a paid Zoho Mail plan',
  'recall.reason.limit.still-in-inbox': 'the copy is still in their Inbox (a rule that moved it defeats the recall)',
  'recall.reason.limit.no-forwards': 'replies and forwards they already sent are not recalled',
  'recall.reason.limit.failures-only': 'the result lists only the recipients it failed for',
  'recall.reason.limit.no-mailing-lists': 'not for mail sent to a mailing list',
  'recall.reason.limit.no-shared-folders': 'not for mail in shared folders',
  'recall.reason.limit.deployments-differ': 'each Coremail system sets its own rules (some allow 7 days, read or not)',
  'recall.reason.ask-admin': (d) => `your ${d.provider} administrator does it for you`,
  'recall.reason.low-confidence': (d) => `only third-party pages describe this (rule ${d.rule}): treat it as a chance, not a promise`,
  'recall.reason.undo-send-open': (d) => `you are still in the first ${d.seconds} seconds: "Undo send" can stop it, but only from the sending screen`,
  'recall.reason.undo-send-only': (d) => `"Undo send" only works in the first ${d.seconds} seconds, and only from the sending screen; it holds mail back before sending, it does not recall`,

  // How to recall, by rule (src/data/recall-rules.ts).
  'recall.how.exchange-online-cloud': 'in Outlook open the message in Sent Items, then Message > Actions > Recall This Message (new Outlook and Outlook on the web: the … menu > Recall message), and choose to delete unread copies',
  'recall.how.outlook-classic': 'in classic Outlook: open the message in Sent Items, File > Info > Resend or Recall > Recall This Message',
  'recall.how.google-workspace-admin': 'Admin console > Security > Investigation tool > Gmail messages: find the message and delete it from the recipients\' mailboxes',
  'recall.how.alibaba-user': 'in Alibaba Mail on the web open Sent (已发送), open the message and click Recall (撤回)',
  'recall.how.alibaba-admin': 'the postmaster account: admin console > 邮箱工具 > 邮件撤回, search the message by sender and subject, then Recall (撤回)',
  'recall.how.netease-vip': 'in 163/126/188 VIP web mail or the app open Sent (已发送), open the message and click 撤回邮件 at the top',
  'recall.how.netease-free': 'in 163/126 web mail or the app open Sent (已发送), open the message and click 撤回邮件 at the top',
  'recall.how.netease-qiye': 'in NetEase Qiye web mail open the message in Sent and click 撤回邮件 at the top',
  'recall.how.tencent': 'in Exmail or QQ Mail on the web open Sent (已发送), open the message and click 撤回; in Foxmail right-click it in Sent > 撤回邮件',
  'recall.how.zoho': 'in Zoho Mail open Sent, click the Mail Delivery Status icon of the message, then Recall this email > Continue',
  'recall.how.coremail': 'in the web mail open the message in Sent and click 召回邮件 (Recall Mail), or 自助查询 > 发信查询 > 召回邮件',
  'recall.how.gmail-undo-send': 'Gmail: "Undo" in the "Message sent" box at the bottom left',
  'recall.how.outlook-undo-send': 'Outlook on the web / new Outlook: "Undo" below the sent message',

  // Where each recall's result shows.
  'recall.report.exchange-online-cloud': 'Outlook mails you a Message Recall Report with the result for each recipient',
  'recall.report.outlook-classic': 'Outlook mails you a recall success or failure message per recipient',
  'recall.report.google-workspace-admin': 'the Investigation tool shows the action\'s status',
  'recall.report.alibaba-user': 'the message in Sent shows whether the recall worked',
  'recall.report.alibaba-admin': 'press Refresh: the status says all or part, and "查看失败帐号" lists who it failed for',
  'recall.report.netease-vip': 'NetEase tells you the result right after you click',
  'recall.report.netease-free': 'NetEase tells you the result right after you click',
  'recall.report.netease-qiye': 'the web mail tells you the result right after you click',
  'recall.report.tencent': 'the recall result it shows, or the notice it mails you',
  'recall.report.zoho': 'Zoho replies with the result: all recalled, partly recalled, or failed',
  'recall.report.coremail': 'a system mail tells you the result (召回邮件成功 or failure)',
} satisfies Record<string, Text>;

export const errors = {
  'recall.no-from': 'Who sent it? Give --from ADDRESS, or the sent message: mailcheck recall sent.eml',
  'recall.no-to': 'Who received it? Give --to ADDRESS (repeatable), or the sent message: mailcheck recall sent.eml',
  'recall.address': (d) => `${d.flag} ${d.value}: not an email address (${d.code})`,
  'recall.choice': (d) => `${d.flag} must be yes, no or unknown, not "${d.value}"`,
  'recall.competitor': (d) => `--competitor ${d.value}: give an address or a domain`,
  'recall.time': (d, t) => `--sent ${d.value}: ${t('errors', `recall.${d.code}`, d)}`,
  'recall.time.empty': 'no time given',
  'recall.time.too-long': 'too long to be a time',
  'recall.time.unrecognised': 'not a time mailcheck can read; use ISO 8601 (2026-03-04T10:21+08:00), "10:21", "10 minutes ago" or "昨天 15:30"',
  'recall.time.invalid': 'not a valid date or time',
  'recall.time.future': 'that is in the future',
  'recall.time.zone': (d) => `the time zone "${d.timeZone}" is not known`,
  'recall.file': (d, t) => `${d.file}: ${t('errors', `input.${d.code}`, d)}`,
  'recall.several-messages': (d) => `${d.file} holds ${d.count} messages: give one sent message`,
  'recall.empty-file': (d) => `${d.file}: empty, no message`,
  'recall.too-many': (d) => `too many recipients (${d.count}); at most ${d.max} at once`,
  'recall.skipped-address': (d) => `notice: ${d.file}: ${d.header}: "${d.value}" is not an address (${d.code}); left out`,
  'recall.no-date': (d) => `notice: ${d.file} has no readable Date: header; give --sent to check the recall windows`,
  'recall.bad-zone': (d) => `notice: the time zone TZ=${d.timeZone} is not known; times are shown in ${d.fallback}`,
} satisfies Record<string, Text>;
