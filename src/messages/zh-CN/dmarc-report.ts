import type { Data } from '../../core/finding.js';
import type { FindingText, Lookup, Text } from '../types.js';
import type * as en from '../en/dmarc-report.js';
import { fsReason } from './common.js';

// `mailcheck dmarc-report` 的中文（简体）：同样的 id，同样的数据（见 ../en/dmarc-report.ts）。
// 服务名、域名、IP、记录和 id 保持原样。

type Same<T> = { [K in keyof T]: T[K] extends FindingText ? FindingText : Text };

const n = (v: unknown): string => Number(v ?? 0).toLocaleString('en-US');
const pct = (v: unknown): string => {
  const x = Number(v ?? 0) * 100;
  if (x > 99.9 && x < 100) return '99.9%';
  if (x > 0 && x < 0.1) return '<0.1%';
  return `${x >= 10 || x === 0 ? Math.round(x) : Math.round(x * 10) / 10}%`;
};
const names = (v: unknown, max = 3): string => {
  const list = Array.isArray(v) ? (v as unknown[]).map(String) : [];
  return list.length <= max ? list.join('、') : `${list.slice(0, max).join('、')}…`;
};
const mb = (v: unknown): string => `${Math.round(Number(v) / (1024 * 1024))} MB`;
const date = (v: unknown): string => (typeof v === 'number' ? new Date(v * 1000).toISOString().slice(0, 10) : '?');
const who = (d: Data): string => (d.kind === 'own' ? `${d.domain} 自己的邮件服务器` : String(d.name));

function state(part: unknown, whole: unknown): string {
  const p = Number(part);
  const w = Number(whole);
  if (w > 0 && p >= w) return '已对齐 ✓';
  if (p <= 0) return '未对齐';
  return `对齐 ${pct(p / w)}`;
}

function where(t: Lookup, id: unknown): string {
  if (typeof id !== 'string' || id === '') return '';
  for (const key of [`dkim-hint.${id}`, `dmarc-report.dkim-at.${id}`]) {
    const words = t('labels', key);
    if (words !== key) return `（${words}）`;
  }
  return '';
}

function how(d: Data): string {
  const dkim = d.dkimDomains as string[] | undefined;
  const spf = d.spfDomains as string[] | undefined;
  const a = dkim && dkim.length > 0 ? `DKIM 用 ${names(dkim)} 签名，而不是 ${d.domain}` : Number(d.dkimAligned) > 0 ? 'DKIM 只有一部分对齐' : `没有 ${d.domain} 的 DKIM 签名通过`;
  const b = spf && spf.length > 0 ? `SPF 通过的是 ${names(spf)}，而不是 ${d.domain}` : Number(d.spfAligned) > 0 ? 'SPF 只有一部分对齐' : `${d.domain} 的 SPF 没有通过`;
  return `${a}；${b}`;
}

export const checks: Record<keyof typeof en.checks, string> = {
  'dmarc-senders': '谁在以这个域名发信',
  'dmarc-record': '现在的 DMARC 记录',
  'dmarc-verdict': '可以改成 p=quarantine 了吗？',
};

export const findings: Same<typeof en.findings> = {
  'dmarc-report.unaligned-service': {
    title: '有发信方没有对齐',
    message: (d) => `${who(d)} 以 ${d.domain} 的名义发信，但 ${n(d.messages)} 封中有 ${n(d.failing)} 封（${pct(d.share)}）没通过 DMARC：${how(d)}`,
  },
  'dmarc-report.strict-alignment': {
    title: '只因为严格对齐才失败',
    message: (d) => `${who(d)} 的 ${n(d.strict)} 封邮件在 ${d.domain} 的子域名上通过了 DKIM 或 SPF，但策略要求严格对齐（adkim=${d.adkim}，aspf=${d.aspf}），所以 DMARC 失败`,
    fix: (d) => `发布下面这条宽松对齐的记录；或者让 ${d.name} 恰好用 d=${d.domain} 签名、用 @${d.domain} 的 MAIL FROM 地址发信。`,
  },
  'dmarc-report.spf-only': {
    title: '有发信方只靠 SPF 通过',
    message: (d) => `${who(d)} 只靠 SPF 通过 DMARC（${n(d.spfOnly)} 封没有对齐的 DKIM 签名）：一经转发就会失败`,
  },
  'dmarc-report.forwarding': {
    title: '转发的邮件靠 DKIM 通过',
    message: (d) => `${n(d.messages)} 封邮件被转发（经 ${names(d.via)}），途中丢了 SPF，靠 DKIM 签名通过了 DMARC：只要所有邮件都有 DKIM 签名，就不用管`,
  },
  'dmarc-report.forwarding-broken': {
    title: '转发破坏了 DKIM',
    message: (d) => `${n(d.messages)} 封邮件（占这个域名邮件的 ${pct(d.share)}）经转发或邮件列表（经 ${names(d.via)}）后 DKIM 签名失效：DMARC 失败`,
  },
  'dmarc-report.forgery': {
    title: '可能是伪造',
    message: (d) => `${n(d.sources)} 个不明来源（${names(d.ips)}）的 ${n(d.messages)} 封邮件 SPF 和 DKIM 都没通过：可能是冒充 ${d.domain} 的伪造邮件，p=quarantine 会把它们放进垃圾箱，p=reject 会直接拒收`,
  },
  'dmarc-report.record-missing': {
    title: '现在没有 DMARC 记录',
    message: (d) => `现在在 ${names(d.searched)} 找不到 DMARC 记录：收件方不会执行任何策略，也会停止发送报告`,
    fix: '发布下面这条记录（报告邮箱请换成你真正会看的邮箱）。',
  },
  'dmarc-report.not-enough-data': {
    title: '报告太少，还判断不了',
    message: (d) => `报告只覆盖 ${d.days} 天、${n(d.messages)} 封邮件；至少需要 ${d.minDays} 天（每周或每月才发的邮件可能还没出现）`,
    fix: '保持现在的策略，再收集两到四周的报告，然后重新运行。',
  },
  'dmarc-report.not-ready': {
    title: '还不能改成 p=quarantine',
    message: (d) => {
      const failing = `${n(d.legitimate)} 封正常邮件中有 ${n(d.failing)} 封（${pct(1 - Number(d.share))}）`;
      if (d.policy === 'quarantine' || d.policy === 'reject') return `现在执行的是 p=${d.policy}，${failing}没通过 DMARC：它们现在就进了垃圾箱或被拒收（${names(d.blocking, 5)}）`;
      return `还不能改成 p=quarantine：${failing}没通过 DMARC，改了就会进垃圾箱（${names(d.blocking, 5)}）`;
    },
    fix: '先解决上面的问题，等一周的新报告，再重新运行。',
  },
  'dmarc-report.ready': {
    title: '可以进入下一步策略',
    message: (d) => `可以改成 p=${d.next} 了：${d.days} 天内 ${n(d.legitimate)} 封正常邮件中 ${pct(d.share)} 通过了对齐的 DMARC`,
    fix: '发布下面这条记录，之后继续看几周报告，再进入下一步。',
  },
  'dmarc-report.enforced': {
    title: '策略已完全执行',
    message: (d) => `现在执行的是 p=${d.policy}，正常邮件都通过了 DMARC（${pct(d.share)}）：没有可以再收紧的了`,
  },
};

export const advice: Same<typeof en.advice> = {
  'dmarc-report.fix-service': (d, t) => {
    const steps = [`在 ${d.name} 为 ${d.domain} 开启 DKIM${where(t, d.hint)}，让它用 d=${d.domain} 签名`];
    if (d.include && d.spfOnDomain) steps.push(`把 ${d.include} 加进 ${d.domain} 的 SPF 记录${d.spfRecord ? '（见下）' : ''}`);
    return `${steps.join('；并')}。如果你没有用 ${d.name}，那就是别人的账号在冒用你的名义发信：改成 quarantine 就能挡住。`;
  },
  'dmarc-report.fix-own': (d) => `给你自己的服务器（${names(d.ips)}）发出的邮件加上 ${d.domain} 的 DKIM 签名${d.include && d.spfOnDomain ? `，并在 SPF 里用 mx 授权它们${d.spfRecord ? '（见下）' : ''}` : ''}。`,
  'dmarc-report.fix-third-party': (d) =>
    `如果 ${d.name} 背后的服务是你在用的，在那里为 ${d.domain} 设置 DKIM（“域名验证”或“自定义 DKIM”设置），如果它提供，再设置一个 ${d.domain} 下的退信（Return-Path）域名。如果不是你在用的，那就是有人通过它冒用你的名义发信：改成 quarantine 就能挡住。`,
  'dmarc-report.dkim-service': (d, t) => `在 ${d.name} 为 ${d.domain} 开启 DKIM${where(t, d.hint)}，这样转发的邮件也能通过。`,
  'dmarc-report.dkim-own': (d) => `给你自己的服务器发出的邮件加上 ${d.domain} 的 DKIM 签名，这样转发的邮件也能通过。`,
  'dmarc-report.forwarding-broken': '这在 DNS 里修不了：所有邮件都要有 DKIM 签名（普通转发不会破坏它）；会改动邮件的邮件列表应当改写发件人地址或加 ARC 签名。改成 p=quarantine 后，这些转发的副本会进垃圾箱。',
};

export const found: Same<typeof en.found> = {
  'dmarc-report.totals': (d) => {
    const range = d.begin === null ? '' : `，${date(d.begin)} 至 ${date(d.end)}`;
    const dup = Number(d.duplicates) > 0 ? `（去掉了 ${n(d.duplicates)} 份重复的）` : '';
    return `${n(d.reporters)} 家报告方的 ${n(d.reports)} 份报告${dup}${range}：来自 ${n(d.sources)} 个 IP 的 ${n(d.messages)} 封邮件，${n(d.dmarcPass)} 封通过 DMARC（${pct(d.share)}）`;
  },
  'dmarc-report.group': (d) => {
    const ips = d.ips as string[];
    const name = d.kind === 'unknown' ? (d.ptr ? `${d.ptr}（${ips[0]}）` : d.ptrStatus === 'missing' ? `${ips[0]}（没有 PTR）` : String(ips[0])) : d.kind === 'own' ? `${d.name} 自己的邮件服务器` : String(d.name);
    const fail = Number(d.messages) - Number(d.dmarcPass);
    const extra = [Number(d.sources) > 1 ? `${n(d.sources)} 个 IP` : '', fail > 0 ? `${n(fail)} 封没通过 DMARC` : '', Number(d.forwarded) > 0 ? `其中 ${n(d.forwarded)} 封是转发的` : ''].filter(Boolean);
    return `${name}：${n(d.messages)} 封，DKIM ${state(d.dkimAligned, d.messages)}，SPF ${state(d.spfAligned, d.messages)}${extra.length > 0 ? `（${extra.join('，')}）` : ''}`;
  },
  'dmarc-report.more': (d) => `……还有 ${n(d.groups)} 个（${n(d.sources)} 个 IP，${n(d.messages)} 封）`,
  'dmarc-report.dropped': (d) => `超出逐个统计上限的 IP 发来的 ${n(d.messages)} 封邮件只计入总数`,
  'dmarc-report.published': (d) => {
    const tags = [`p=${d.p ?? '?'}`, d.sp ? `sp=${d.sp}` : '', d.pct !== undefined && Number(d.pct) < 100 ? `pct=${d.pct}` : '', `adkim=${d.adkim ?? 'r'}`, `aspf=${d.aspf ?? 'r'}`].filter(Boolean);
    return `最近的报告看到 ${d.domain} 发布的是 ${tags.join(' ')}`;
  },
};

export const labels: Same<typeof en.labels> = {
  'dmarc-report.title': (d) => `${d.domain}  DMARC 汇总报告`,
  'dmarc-report.senders': '发信方',
  'dmarc-report.ready': '可以改成 p=quarantine',
  'dmarc-report.enforced': '已执行：正常邮件都通过',
  'dmarc-report.not-ready': '还不能改成 p=quarantine',
  'dmarc-report.no-reports': '这个域名没有读到任何报告',
  'dmarc-report.rejected': (d) => `${n(d.count)} 个输入被拒绝（见标准错误输出）`,
  'dmarc-report.offline': '离线：不查 DNS（只按报告内容认出服务）',
  'dmarc-report.ptr-skipped': (d) => `${n(d.skipped)} 个 IP 没有查反向解析（--ptr-lookups ${d.limit}，或时间用完了）`,
  'dmarc-report.progress': (d) => `${n(d.done)}/${n(d.total)} 个文件`,
  'dmarc-report.dkim-at.amazon-ses': 'Amazon SES 控制台里为域名身份开启 Easy DKIM',
  'dmarc-report.dkim-at.sendgrid': '在 Settings > Sender Authentication > Authenticate Your Domain 里',
  'dmarc-report.dkim-at.mailchimp': '在 Website > Domains > Authenticate 里',
  'dmarc-report.dkim-at.mailgun': '在 Sending > Domains 里添加域名并发布它的 DKIM 记录',
  'dmarc-report.dkim-at.postmark': '在 Sender Signatures > Domains > DKIM 里',
  'dmarc-report.dkim-at.tencent-exmail': '腾讯企业邮管理后台的域名设置里开启 DKIM',
  'dmarc-report.dkim-at.netease-qiye': '网易企业邮管理后台的域名设置里开启 DKIM',
  'dmarc-report.dkim-at.alibaba-mail': '阿里企业邮箱管理后台的域名设置里开启 DKIM',
};

const XML_REASONS: Record<string, string> = {
  entity: '一个实体引用',
  'mismatched-tag': '结束标签对不上',
  'outside-root': '根元素外面有内容',
  'bad-character': 'XML 不允许的字符',
  namespace: '命名空间错误',
  attribute: '属性写坏了',
  syntax: '语法错误',
};

const reasons: Record<string, Text> = {
  'archive.empty': '空文件',
  'archive.gzip-corrupt': (d) => `不是可读的 gzip 文件（${d.reason}）`,
  'archive.internal-error': (d) => `解压不了（内部错误 ${d.name}）`,
  'archive.no-document': (d) => `zip 里没有 .xml 报告（${d.entries} 个条目）`,
  'archive.ratio': (d) => `解压后是原来的 ${d.ratio} 倍（上限 ${d.limit} 倍）：当作压缩炸弹拒绝`,
  'archive.too-large': (d) => `超过 ${mb(d.limit)}（压缩前或压缩后）：拒绝`,
  'archive.too-many-entries': (d) => `zip 列了 ${n(d.entries)} 个条目（最多 ${n(d.limit)} 个）`,
  'archive.unknown-format': '既不是 XML，也不是 gzip 或 zip',
  'archive.zip-corrupt': (d) => `不是可读的 zip 文件（${d.reason}）`,
  'archive.zip-encrypted': 'zip 里的文件是加密的',
  'archive.zip-method': (d) => `zip 里的文件用了不支持的压缩方法（${d.method}）`,
  'dmarc-report.count-invalid': (d) => `第 ${d.record} 条记录：count “${d.value}”不是不超过 ${n(d.limit)} 的整数`,
  'dmarc-report.date-invalid': (d) => `date_range/${d.field} “${d.value}”不是从 1970 年起的秒数`,
  'dmarc-report.doctype': 'XML 里有 DOCTYPE，真正的报告不会有（拒绝，任何实体都不会展开）',
  'dmarc-report.empty': '空文档',
  'dmarc-report.encoding-unsupported': (d) => `未知的字符编码“${d.encoding}”`,
  'dmarc-report.internal-error': (d) => `读不了（内部错误 ${d.name}）`,
  'dmarc-report.missing-field': (d) => `缺少必需的元素 ${d.field}`,
  'dmarc-report.not-aggregate': (d) => `不是 DMARC 汇总报告（根元素是 <${d.root}>，不是 <feedback>）`,
  'dmarc-report.not-xml': '不是 XML',
  'dmarc-report.too-deep': (d) => `元素嵌套超过 ${d.limit} 层`,
  'dmarc-report.too-large': (d) => `${mb(d.size)}，超过上限 ${mb(d.limit)}`,
  'dmarc-report.too-many-attributes': (d) => `有元素的属性超过 ${d.limit} 个`,
  'dmarc-report.too-many-records': (d) => `记录超过 ${n(d.limit)} 条`,
  'dmarc-report.truncated': (d) => `XML 提前结束（第 ${d.line} 行）：文件不完整`,
  'dmarc-report.value-too-long': (d) => `${d.element} 超过 ${n(d.limit)} 个字符`,
  'dmarc-report.xml-malformed': (d) => `XML 格式错误，第 ${d.line} 行第 ${d.column} 列：${XML_REASONS[String(d.reason)] ?? XML_REASONS.syntax}`,
  'dmarc-report.no-report': '这封邮件没有附带报告',
  'dmarc-report.too-many-domains': (d) => `一份关于 ${d.domain} 的报告，超过了一次运行最多 ${d.limit} 个策略域名（用 --domain 选择）`,
  'input.too-large': (d) => `${mb(d.size)}，超过单个文件的上限 ${mb(d.limit)}`,
};

export const errors: Same<typeof en.errors> = {
  'dmarc-report.rejected': (d, t) => `${d.file}${d.message ? `（第 ${d.message} 封）` : ''}${d.document ? ` ${d.document}` : ''}：已拒绝：${t('errors', 'dmarc-report.reason', d)}`,
  'dmarc-report.reason': (d, t) => {
    const code = String(d.code);
    const data = (d.data as Data | undefined) ?? {};
    const reason = reasons[code];
    if (reason === undefined) return code === 'input.other' ? fsReason(data.reason) : t('errors', code, data);
    return typeof reason === 'string' ? reason : reason(data, t);
  },
  'dmarc-report.nothing-read': (d) => `一份 DMARC 汇总报告也读不了（${n(d.rejected)} 个输入被拒绝）`,
  'dmarc-report.since': (d) => `--since 要的是日期（2026-01-31）、带时区的日期时间（2026-01-31T12:00:00Z）或从现在往回算的时间（30d、12h、2w），不是“${d.value}”`,
};
