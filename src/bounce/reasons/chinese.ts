// Chinese phrases as normalised patterns grouped by concept. The text is normalised first (spaces and filler
// such as 被/了/的/已/地址 removed; 帐号/账号/账户/信箱 all read as 邮箱), then each concept is a list of
// ordered parts, each part a set of alternatives that must appear in that order, close to the previous one.
// The concepts follow the providers' help pages and notices (facts.md §5.4–5.7): Tencent
// (service.mail.qq.com/detail/122/*), NetEase (mail.163.com/help/help_spam_16.htm), Alibaba (help.aliyun.com
// doc 36612), Coremail ("用户不存在", "用户被冻结"). Linear: a handful of indexOf calls per pattern.
import type { Reason } from '../types.js';

type Part = readonly string[];
type Pattern = readonly Part[];

/** Parts may be apart by at most this many characters (so unrelated words far apart do not combine). */
const GAP = 12;

const MAILBOX = ['收件人邮箱', '收件人', '收信人', '邮箱', '用户', '对方', '该用户', '此用户', '目标邮箱'];

export const CHINESE_CONCEPTS: readonly (readonly [Reason, readonly Pattern[]])[] = [
  // Accounts frozen or deactivated (by an administrator or for inactivity): before "not found".
  ['suspend', [[MAILBOX, ['冻结', '停用', '禁用', '注销', '锁定', '暂停使用', '关闭', '休眠', '不可用']], [['管理员'], ['冻结', '停用', '禁用', '锁定']]]],
  ['hostunknown', [[['域名', '收件域', '邮件域'], ['不存在', '无法解析', '解析失败', '找不到', '无效', '错误']], [['找不到', '无法找到'], ['域名', '服务器']], [['dns'], ['失败', '错误', '无法解析']]]],
  ['userunknown', [[MAILBOX, ['不存在', '无效', '未找到', '找不到', '查无', '不正确', '错误']], [['查无此人']], [['无此用户']], [['没有这个用户']], [['不存在'], ['收件人', '用户', '邮箱']]]],
  ['mailboxfull', [[['邮箱', '空间', '容量', '信箱', '收件箱'], ['满', '不足', '超限', '超出', '超过上限', '超过限额']], [['超出', '超过'], ['配额', '容量']]]],
  ['norelaying', [[['不允许', '拒绝', '禁止', '不支持'], ['转发', '中继', 'relay']]]],
  ['authfailure', [[['spf', 'dkim', 'dmarc', '发件人认证', '身份认证', '域名认证'], ['失败', '未通过', '不通过', '校验不通过', '检查失败', '验证失败', 'fail']]]],
  ['requireptr', [[['反向解析', '反向dns', '反解', 'ptr', 'rdns']]]],
  // Daily recipient or connection caps: Sisimai files daily volume under toomanyconn.
  ['toomanyconn', [[['每天', '每日', '当天', '今日', '今天', '24小时'], ['发送', '发信', '收件人', '投递', '连接'], ['上限', '超过', '超出', '限制', '达到']], [['连接数', '并发'], ['过多', '超过', '上限', '限制']], [['收件人数', '收件人数量'], ['超过', '过多', '上限', '限制']]]],
  // Sending frequency and rate limits.
  ['speeding', [[['发送', '发信', '投递', '收信'], ['频率', '速度', '太快', '过快', '频繁', '过于频繁']], [['频率'], ['限制', '过高', '太高', '超过', '超限']]]],
  // The sender's quota (Alibaba "sending quota exceeded", a provider's own outbound limit).
  ['exceedlimit', [[['发信', '发送'], ['额度', '配额'], ['超', '用完', '不足']]]],
  ['virusdetected', [[['病毒', '木马']]]],
  // Attachment or content security-risk refusals.
  ['policyviolation', [[['附件', '内容', '邮件'], ['安全风险', '风险', '危险', '不安全', '违规', '非法']], [['非法附件', '危险附件', '禁止的附件']]]],
  ['spamdetected', [[['垃圾邮件', '疑似垃圾', '反垃圾', '垃圾信', '广告邮件', 'spam']], [['内容'], ['拒绝', '拦截', '不合规']]]],
  ['blocked', [[['ip', '发信ip', '发件ip', '服务器ip'], ['黑名单', '拒绝', '禁止', '封禁', '屏蔽', '信誉']], [['黑名单']]]],
  ['rejected', [[['拒收', '拒绝接收']], [['发件人'], ['拒绝', '拒收', '不允许', '黑名单']]]],
  ['mesgtoobig', [[['邮件', '信件', '附件'], ['过大', '太大', '大小超过', '超过大小', '超过限制', '超出大小']]]],
  ['expired', [[['投递超时', '多次尝试', '一直无法投递', '超过重试']]]],
];

/** Spaces and filler removed, account words unified, lower case. */
export function normalizeChinese(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '')
    .replace(/帐号|账号|账户|帐户|邮件帐号|邮件账号|信箱|邮件地址|电子邮件/g, '邮箱')
    .replace(/地址|[被了的已经所]/g, '');
}

function matchesFrom(text: string, pattern: Pattern, from: number): boolean {
  let at = from;
  let first = true;
  for (const part of pattern) {
    if (part.length === 0) continue;
    let best = -1;
    let bestEnd = -1;
    for (const alt of part) {
      const i = text.indexOf(alt, at);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
        bestEnd = i + alt.length;
      }
    }
    if (best < 0 || (!first && best - at > GAP)) return false;
    at = bestEnd;
    first = false;
  }
  return !first;
}

/** Tries each of the first few places the first part occurs (the later parts must follow it closely). */
function matches(text: string, pattern: Pattern): boolean {
  const head = pattern.find((p) => p.length > 0);
  if (!head) return false;
  let from = 0;
  for (let tries = 0; tries < 16; tries++) {
    let next = -1;
    for (const alt of head) {
      const i = text.indexOf(alt, from);
      if (i >= 0 && (next < 0 || i < next)) next = i;
    }
    if (next < 0) return false;
    if (matchesFrom(text, pattern, next)) return true;
    from = next + 1;
  }
  return false;
}

const CJK = /[\u4e00-\u9fff]/;

/** The reason Chinese words give ('' when none, or no Chinese in the text). */
export function chineseReason(text: string): Reason | '' {
  if (!CJK.test(text)) return '';
  const t = normalizeChinese(text.length > 4000 ? text.slice(0, 4000) : text);
  for (const [reason, patterns] of CHINESE_CONCEPTS) if (patterns.some((p) => matches(t, p))) return reason;
  return '';
}

export function hasChinese(text: string): boolean {
  return CJK.test(text);
}
