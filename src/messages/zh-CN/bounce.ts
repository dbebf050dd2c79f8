import type { Data } from '../../core/finding.js';
import { REASONS, type Reason } from '../../bounce/types.js';
import type { FindingText, Text } from '../types.js';
import type { advice as enAdvice, reasons as enReasons } from '../en/bounce.js';
import { saidCodes } from '../en/bounce.js';

// 简体中文：`mailcheck bounce` 的文字。reasons 只说退信是什么意思；怎么办（advice，按
// src/bounce/advice.ts 的 id）先给一句结论，再说具体做法。

export const reasons: { [K in keyof typeof enReasons]: string } = {
  userunknown: '收件人邮箱不存在',
  mailboxfull: '收件人邮箱已满',
  hostunknown: '收件人的域名不存在，或者没有邮件服务器',
  mesgtoobig: '邮件太大，超过了对方服务器的限制',
  exceedlimit: '超过了对方对每个收件人的限制（大小、数量或每日额度）',
  blocked: '对方服务器拒收了发信 IP 或发件服务器',
  spamdetected: '对方的垃圾邮件过滤器拒收了这封邮件',
  policyviolation: '邮件违反了对方单位的规定（附件、邮件组、内容规则）',
  authfailure: 'SPF、DKIM 或 DMARC 检查没有通过',
  rejected: '发件人的信封地址被拒收',
  filtered: '收件人（或他设置的过滤规则）拒收了这封邮件',
  norelaying: '服务器拒绝为这个域名转发邮件',
  securityerror: '没有满足安全或认证要求',
  suspend: '收件人的账号已停用或被冻结',
  expired: '一直投递失败，发件服务器最后放弃了',
  networkerror: 'DNS 或网络问题（路由循环、主机连不上）导致无法投递',
  systemerror: '对方系统内部出错',
  systemfull: '对方服务器磁盘已满',
  toomanyconn: '同时连接或同时发给的收件人太多',
  speeding: '对方服务器限制了发信频率',
  requireptr: '发信 IP 没有有效的反向解析（PTR）记录',
  notcompliantrfc: '邮件头格式不符合 RFC 5322',
  syntaxerror: '对方服务器看不懂某条 SMTP 命令',
  contenterror: '邮件内容或 MIME 结构被拒收',
  virusdetected: '病毒扫描拒收了这封邮件',
  failedstarttls: 'TLS（STARTTLS）没能建立',
  hasmoved: '邮箱已经换了地址，而且不转发',
  notaccept: '这个域名不收邮件（空 MX，或者没有能用的 MX）',
  mailererror: '对方的本地投递程序出错',
  onhold: '退信信息太少，无法判断',
  suppressed: '这个地址在发信服务的屏蔽名单上',
  badreputation: '发信 IP 或域名在对方那里信誉差',
  vacation: '自动回复（外出）；邮件已经送达',
  delivered: '邮件已经送达',
  feedback: '收件人把这封邮件举报为垃圾邮件（反馈环）',
  undefined: '无法判断原因',
};

const ip = (d: Data) => `mailcheck ip ${d.sendingIp || '<sending-ip>'}`;
const dom = (d: Data) => `mailcheck domain ${d.senderDomain || '<sender-domain>'}`;

// 结论：放在每条建议的最前面。
const INVALID = '地址无效，停止发送';
const RETRY = '暂时失败，稍后重试';
const CONTENT = '被拒收，需修改内容或联系对方';
const SETUP = '被拒收，需修改发信设置';
const MANUAL = '需人工查看';
const DONE = '已送达，无需处理';

export const advice: { [K in keyof typeof enAdvice]: Text } = {
  'bounce.userunknown': `${INVALID}。把这个地址从名单里删掉，不要再发；再通过电话、微信、LinkedIn 或对方公司官网确认正确的邮箱。`,
  'bounce.hostunknown': `${INVALID}。这个域名没有邮件服务器。先检查地址有没有拼错（比如 .con 应为 .com，gmial 应为 gmail）；没拼错就把它删掉。`,
  'bounce.hasmoved': `${INVALID}。对方换了新地址。先向对方要新地址，再删掉旧地址。`,
  'bounce.notaccept': `${INVALID}。这个域名声明不收任何邮件，把地址删掉。`,
  'bounce.mailboxfull': `${RETRY}。1–3 天后再发；还退信的话，改用电话、微信或 LinkedIn 联系对方，这个邮箱可能已经没人用了。`,
  'bounce.suspend': `${INVALID}。对方账号已停用。先停止发送，再向对方确认现在用的邮箱。`,
  'bounce.size': `${CONTENT}。发一封小一点的邮件——压缩附件或改用下载链接，每封邮件的收件人也少一些。`,
  'bounce.blocked': (d) => `${SETUP}。你的发信 IP 或发件服务器被拒收。先用 \`${ip(d)}\` 查它的黑名单和反向解析，用 \`${dom(d)}\` 查你的域名，再向退信里提到的黑名单或服务商申请移除。`,
  'bounce.badreputation': (d) => `${SETUP}。对方认为你的 IP 或域名信誉差。先放慢发送速度，只发给有互动的收件人，再用 \`${ip(d)}\` 和 \`${dom(d)}\` 检查。`,
  'bounce.spamdetected': (d) => `${CONTENT}。内容看起来像垃圾邮件。改一改主题和正文：少放链接和图片，不要整封都是图片，不要带大附件，不用短链接；再用 \`${dom(d)}\` 查域名、\`${ip(d)}\` 查发信 IP。`,
  'bounce.authfailure': (d) => `${SETUP}。先修好发件域名的 SPF、DKIM 和 DMARC——运行 \`${dom(d)}\`，再发布它建议的记录。`,
  'bounce.requireptr': (d) => `${SETUP}。先请主机商给发信 IP 设置一个能解析回它自己的反向解析名字，再用 \`${ip(d)}\` 检查。`,
  'bounce.rejected': (d) => `${SETUP}。对方拒收了你的发件地址。改用真实存在的发件域名，再用 \`${dom(d)}\` 检查。`,
  'bounce.filtered': `${CONTENT}。收件人或他的过滤规则拒收了这封邮件。改一改主题和正文（少放链接和图片，不带大附件），或者请对方把你的地址加进白名单；否则就不要再发。`,
  'bounce.policyviolation': `${CONTENT}。按退信里写的对方规定（附件类型、邮件组成员）修改，去掉违规的部分再重发。`,
  'bounce.norelaying': `${SETUP}。通过你自己邮箱服务商的 SMTP 服务器（要登录认证）发送，并检查收件地址有没有拼错。`,
  'bounce.securityerror': (d) => `${SETUP}。没有满足安全要求（认证、TLS 或策略）。先看上面的服务器原话，再用 \`${dom(d)}\` 检查。`,
  'bounce.expired': `${RETRY}。投递超时，发件服务器重试后放弃了。先确认收件域名的邮件服务器能连上，稍后再发。`,
  'bounce.networkerror': `${RETRY}。DNS 或路由有问题。先检查收件域名的 MX 记录，稍后再发。`,
  'bounce.remote-error': `${RETRY}。问题在对方那边。稍后再发；如果一直这样，告诉对方的邮件管理员。`,
  'bounce.rate': `${RETRY}。一次或一天发得太多了：分批发送，分散到一天里，剩下的明天再发。`,
  'bounce.format': `${CONTENT}。改正邮件格式——From、Date、Message-ID 头各一个，MIME 结构正确，不要有重复的邮件头。`,
  'bounce.virusdetected': `${CONTENT}。先扫描附件；如果没有病毒，换一种方式（下载链接）发送。`,
  'bounce.failedstarttls': `${SETUP}。两台服务器之间的 TLS 失败了。检查你的服务器的 TLS 配置和证书。`,
  'bounce.suppressed': `${INVALID}。这个地址以前退过信或投诉过，已经在你的服务商的屏蔽名单上，不要再发。`,
  'bounce.feedback': '被投诉，停止发送。收件人把你的邮件标成了垃圾邮件。马上让他退订，再检查他是怎么进入你的名单的。',
  'bounce.vacation': `${DONE}。收件人不在（自动回复）。`,
  'bounce.delivered': `${DONE}。`,
  'bounce.unknown': `${MANUAL}。先看上面的服务器原话；如果没有，重发一次，再用其他方式联系收件人。`,
  'bounce.not-a-bounce': '不是退信，无需处理。',
  'bounce.delayed': '仍在重试，暂时无需处理。发件服务器还在自动重发；之后如果收到失败退信，再按那封处理。',
  'bounce.own-content': '被你自己的邮箱服务商拒发（它的外发反垃圾过滤）。改一改主题和正文：少放链接和图片，不要整封都是图片，不要带大附件；一直这样的话，联系你们的邮件管理员。',
  'bounce.own-quota': '你自己的邮箱服务商限制了发信量。放慢速度，分批发送，明天再发；向邮件管理员问清楚发信额度。',
  'bounce.own-refused': '你自己的邮箱服务商拒绝发出这封邮件。把上面的原话发给你们的邮件管理员。',
};

/** 每个收件人一条 finding：`bounce.<reason>`（SARIF 规则、Markdown、注释）；怎么办见它的 advice。 */
export const findings = Object.fromEntries(REASONS.map((reason) => [`bounce.${reason}`, {
  title: `退信：${reasons[reason]}`,
  message: (d: Data) => `${d.recipient}：${reasons[reason]}${saidCodes(d) ? `（${saidCodes(d)}）` : ''}${d.diagnostic ? `；服务器原话：${d.diagnostic}` : ''}`,
}])) as unknown as Record<`bounce.${Reason}`, FindingText>;
