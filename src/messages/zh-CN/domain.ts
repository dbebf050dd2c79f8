import type { Data } from '../../core/finding.js';
import { list, syntaxText, type FindingText, type Lookup, type Text } from '../types.js';
import type { checks as enChecks, findings as enFindings, found as enFound } from '../en/domain.js';
import { detail, outcomeWords } from './common.js';

// 简体中文：`mailcheck domain`（以及 `ip` 共用的检查）的文字。每条读取的数据字段与英文完全相同
// （test/domain-findings.test.ts 会核对），占位符来自各检查的 data（见 src/checks/）。

type Same<T> = { [K in keyof T]: T[K] extends FindingText ? FindingText : Text };

export const checks: { [K in keyof typeof enChecks]: string } = {
  mx: 'MX（收信服务器）',
  spf: 'SPF（谁可以用这个域名发信）',
  dmarc: 'DMARC（SPF 和 DKIM 都不通过时怎么处理）',
  dkim: 'DKIM（签名密钥）',
  rdns: '反向解析（PTR 和正向确认）',
  rbl: '黑名单（DNSBL）',
  provider: '邮箱服务商和发信服务',
  tls: 'MTA-STS、TLS 报告和 BIMI',
};

const lookupWhat: Record<string, (d: Data) => string> = {
  mx: () => '这个域名在哪里收信（MX）',
  'mx-host': (d) => `MX 主机 ${d.host} 能否解析`,
  dmarc: () => 'DMARC 策略',
  'dmarc-authorization': (d) => `${d.destination} 是否接收 ${d.domain} 的报告`,
  'dkim-selector': (d) => `DKIM 选择器 ${d.selector}`,
  'dkim-probes': (d) => `DKIM（${d.probed} 次选择器查询里有 ${d.failed} 次失败）`,
  'mta-sts': () => 'MTA-STS',
  'tls-rpt': () => 'TLS-RPT',
  'mta-sts-host': (d) => `MTA-STS 策略（主机 ${d.host}）`,
  tlsa: (d) => `MX 主机 ${d.host} 的 DANE`,
  dnssec: () => 'DNSSEC',
};

/** 查询在哪里失败、因此哪一项没有检查，按 finding 的 `kind`。 */
function lookupFailed(d: Data, t: Lookup): string {
  switch (d.kind) {
    case 'lookup': {
      const error = d.error && d.error !== d.outcome ? `：${detail(d.error)}` : '';
      const what = lookupWhat[d.what as string]?.((d.whatData ?? {}) as Data) ?? String(d.what);
      return `${d.name} 的 ${d.type} 记录查询${outcomeWords(d.outcome)}${error}，所以没有检查${/^[\w-]/.test(what) ? ' ' : ''}${what}。`;
    }
    case 'spf-txt':
      return `${d.domain} 的 TXT 记录查询${outcomeWords(d.outcome)}，所以没有检查 SPF。`;
    case 'spf-ip': {
      const p = d.problem as { id: string; data: Data } | null;
      return `无法判断 ${d.ip} 的 SPF 结果（temperror${p ? `：${t('spf', `problem.${p.id}`, p.data)}` : ''}）。`;
    }
    case 'spf-tree': {
      const names = d.names as string[];
      return `查不到 ${names.slice(0, 5).join('、')}${names.length > 5 ? `，另外还有 ${names.length - 5} 个` : ''}，所以 SPF 引用树不完整，查询次数可能算少了。`;
    }
    case 'ptr':
      return `${d.ip} 的 PTR 记录查询${outcomeWords(d.outcome)}，所以没有检查它的反向解析。`;
    case 'ptr-forward':
      return `解析不了 ${list(d.names, '、')}，没能确认 ${d.ip} 的 PTR。`;
    default:
      return `${d.name ?? ''} ${d.type ?? ''} 查询${outcomeWords(d.outcome ?? 'error')}。`;
  }
}

function lookupFailedFix(d: Data): string {
  return d.kind === 'lookup'
    ? '先重新运行，或者换一个 DNS 服务器（--resolver）。如果一直失败，就是这个域名的 DNS 服务器有问题（SERVFAIL 常常是 DNSSEC 配置坏了）。'
    : '先重新运行，或者换一个 DNS 服务器（--resolver）。';
}

/** Latin text is followed by a space before Chinese words, a closing full-width parenthesis is not. */
function then(who: string): string {
  return who.endsWith('）') ? who : `${who} `;
}

/** “发信 IP 192.0.2.1”、“192.0.2.1（MX mx.example.com）”，或者只写地址（`mailcheck ip`）。 */
function rdnsWho(d: Data): string {
  if (d.role === 'sender') return `发信 IP ${d.ip}`;
  if (d.role === 'ip') return String(d.ip);
  return `${d.ip}（MX ${d.host ?? ''}）`;
}

/** `192.0.2.1（MX mx.example.com、SPF ip4:192.0.2.1）`，或者域名（`mailcheck ip` 只写地址）。 */
function rblWho(d: Data): string {
  const sources = (d.sources as { role: string; via?: string }[]).filter((s) => s.role !== 'ip');
  if (d.kind === 'domain' || sources.length === 0) return String(d.target);
  const text = (s: { role: string; via?: string }) => {
    switch (s.role) {
      case 'mx': return `MX ${s.via ?? ''}`.trim();
      case 'sender': return '--ip';
      case 'spf': return `SPF ${s.via ?? ''}`.trim();
      default: return '域名本身';
    }
  };
  return `${d.target}（${sources.map(text).join('、')}）`;
}

/** 一个 DNSBL 返回码的含义（位掩码返回码可能有几个含义）。 */
export function meaningText(t: Lookup, ids: readonly string[] | undefined): string {
  return (ids ?? []).map((id) => t('dnsbl', id)).join('；');
}

const SPF_STATUS: Record<string, string> = {
  multiple: '有多条 SPF 记录',
  'syntax-error': '语法错误',
  failed: '查询失败',
  missing: '没有 SPF 记录',
};

const SPF_SKIPPED: Record<string, string> = {
  loop: '循环引用',
  macro: '含宏，要有发信 IP、发件人或 HELO 才能展开',
  'invalid-domain': '不是有效的域名',
  limit: '超出展开上限',
};

export const findings: Same<typeof enFindings> = {
  'dns.lookup-failed': { title: 'DNS 查询失败，有一部分没能检查', message: lookupFailed, fix: lookupFailedFix },
  // mailcheck spf
  'spf.result': {
    title: '收件方对这个 IP 得到的 SPF 结果',
    message: (d, t) => `${d.domain} 对 ${d.ip} 的 SPF 结果：${d.result}——${t('spf', `meaning.${d.result}`)}。`,
  },
  'spf.unexpected': {
    title: 'SPF 结果不是 --expect 要求的',
    message: (d) => `${d.domain} 对 ${d.ip} 的 SPF 结果是 ${d.result}，不是 --expect 要求的 ${list(d.expected, ' 或 ')}。`,
  },
  // mailcheck ip --selftest
  'selftest.dead': {
    title: '黑名单连自己的 RFC 5782 测试地址都不列出（已停用或是空的）',
    message: (d, t) => `${d.list}（${d.zone}，${d.kind}）：${t('dnsbl', (d.detail as { id: string }).id, (d.detail as { data?: Data }).data)}。`,
    fix: '从配置里去掉这个名单：它什么都列不出来。',
  },
  'selftest.lists-everything': {
    title: '黑名单把反向测试地址也列出来了：它会把所有地址都当成黑名单',
    message: (d, t) => `${d.list}（${d.zone}，${d.kind}）：${t('dnsbl', (d.detail as { id: string }).id, (d.detail as { data?: Data }).data)}。`,
    fix: '马上停用这个名单：所有地址看上去都在黑名单上，邮件会被拒收。',
  },
  'selftest.broken': {
    title: '黑名单的回答不在 127.0.0.0/8 里（域名已停放或被劫持）',
    message: (d, t) => `${d.list}（${d.zone}，${d.kind}）：${t('dnsbl', (d.detail as { id: string }).id, (d.detail as { data?: Data }).data)}。`,
    fix: '停用这个名单：它的回答不是黑名单结果。',
  },
  'check.crashed': {
    title: '某项检查意外出错（mailcheck 的 bug）',
    message: (d) => `${d.check} 检查意外出错（${d.error}），报告里缺了这一部分。`,
    fix: '加上 MAILCHECK_DEBUG=1 重新运行，把结果当作 bug 报告给我们。',
  },

  // MX
  'mx.missing': {
    title: '没有 MX 记录，或者域名不存在',
    message: (d) => d.kind === 'nxdomain'
      ? `${d.domain} 在 DNS 里不存在（NXDOMAIN）：既收不到邮件，也通不过任何认证检查。`
      : d.kind === 'implicit'
        ? `${d.domain} 没有 MX 记录，发件方只能把邮件投到它的 A/AAAA 地址（${list(d.addresses, '、')}），当作隐式 MX（RFC 5321 §5.1），而这个地址通常不是邮件服务器。`
        : `${d.domain} 没有 MX 记录，也没有地址，收不到邮件：发给它的回复和退信都会丢失，很多收件方还会拒收来自收不了信的域名的邮件。`,
    fix: (d) => d.kind === 'nxdomain'
      ? `先检查拼写；拼写没错的话，注册 ${d.domain}，再发布 MX、SPF 和 DMARC 记录。`
      : d.kind === 'implicit'
        ? '发布邮箱服务商给的 MX 记录；如果这个域名不收信，就改为发布空 MX（“0 .”，RFC 7505）。'
        : '发布邮箱服务商给的 MX 记录。如果这个域名从来不收信，就发布一条空 MX（RFC 7505），让发件方马上知道：',
  },
  'mx.null': {
    title: '空 MX：这个域名不收任何邮件',
    message: (d) => d.mixed
      ? `${d.domain} 同时有空 MX（“0 .”）和其他 MX 记录；RFC 7505 §3 规定空 MX 必须是唯一的一条，所以发件方可能认为这个域名不收信。`
      : `${d.domain} 发布了空 MX（RFC 7505）：它不收任何邮件，用它作发件域名的邮件也可能被拒收（RFC 7505 §4.2）。`,
    fix: (d) => d.mixed
      ? '如果这个域名要收信，就删掉空 MX；如果不收信，就删掉其他 MX 记录。'
      : '如果这个域名要发信，就把空 MX 换成真正的 MX 记录；如果不发信，再发布“v=spf1 -all”和 p=reject 的 DMARC 记录。',
  },
  'mx.cname': {
    title: 'MX 指向的是别名（CNAME）',
    message: (d) => `MX ${d.host} 是 ${d.cname} 的别名（CNAME）；MX 不能指向别名（RFC 2181 §10.3、RFC 5321 §5.1），有些发件方会因此不投递。`,
    fix: '把 MX 直接指向真正的主机名：',
  },
  'mx.ip-literal': {
    title: 'MX 写的是 IP 地址，不是主机名',
    message: (d) => `MX ${d.host} 是一个 IP 地址；MX 必须写主机名（RFC 5321 §5.1），大多数发件方用不了。`,
    fix: (d) => `先给一个主机名加一条指向 ${d.host} 的 A 记录，再把 MX 指向这个主机名。`,
  },
  'mx.unresolvable': {
    title: 'MX 主机没有 A 或 AAAA 记录',
    message: (d) => `MX 主机 ${d.host} 没有 A 或 AAAA 记录${d.nxdomain ? '（这个名字不存在）' : ''}，发件方投递不到它${d.fallsThrough ? '，只能改投下一个 MX' : ''}。`,
    fix: (d) => `给 ${d.host} 发布 A（和 AAAA）记录，或者把 MX 指向一个有地址的主机。`,
  },
  'mx.private-ip': {
    title: 'MX 主机解析到外网连不上的地址',
    message: (d) => `MX 主机 ${d.host} 解析到 ${list(d.addresses, '、')}，互联网上的发件方都连不上这个地址。`,
    fix: (d) => `在公网 DNS 里发布 ${d.host} 的公网地址（内网地址只放在内部 DNS 里）。`,
  },
  'mx.no-ipv6': {
    title: '所有 MX 主机都没有 IPv6 地址',
    message: '所有 MX 主机都没有 IPv6（AAAA）地址，只用 IPv6 的发件方投递不了（internet.nl 会检查这一项）。',
    fix: '如果邮箱服务商支持 IPv6，就给 MX 主机加上 AAAA 记录。',
  },

  // SPF
  'spf.missing': {
    title: '没有 SPF 记录',
    message: (d) => `${d.domain} 没有 SPF 记录（以“v=spf1”开头的 TXT 记录）：收件方无法判断哪些服务器可以用 ${d.domain} 发信，而 Gmail 和 Yahoo 要求每个发件方都要有 SPF 或 DKIM。`,
    fix: '发布一条 SPF 记录，列出所有用这个域名发信的服务（每个服务加一个 include:，比如群发邮件平台或客服工单系统）：',
  },
  'spf.multiple': {
    title: 'SPF 记录不止一条（permerror）',
    message: (d) => `${d.domain} 有 ${d.count} 条 SPF 记录；收件方会判定 permerror，所有邮件的 SPF 都不通过（RFC 7208 §4.5）。`,
    fix: (d) => (d.record ? '把它们换成一条、并保留所有机制的记录：' : '把它们合并成一条记录。'),
  },
  'spf.syntax': {
    title: 'SPF 记录（或它引用的记录）有语法错误',
    message: (d, t) => {
      const errors = d.errors as { term: string }[];
      const where = d.via ? `${d.domain} 的记录（通过 ${d.via} 引用）` : 'SPF 记录';
      return `${where}有语法错误：${errors.map((e) => `“${e.term}”：${syntaxText(t, e)}`).join('；')}。收件方会返回 permerror，所有邮件的 SPF 都不通过。`;
    },
    fix: (d) => (d.via ? `告诉 ${d.domain} 的管理方，或者从你的记录里去掉 ${d.via}。` : `改正上面指出的${(d.errors as unknown[]).length > 1 ? '几处' : ''}写法。`),
  },
  'spf.too-many-lookups': {
    title: 'SPF 引用树里的 DNS 查询超过 10 次（permerror）',
    message: (d) => `SPF 需要 ${d.lookups} 次 DNS 查询；收件方查到 ${d.limit} 次就停下并返回 permerror，所有邮件的 SPF 都不通过（RFC 7208 §4.6.4）。查询最多的是：${(d.heaviest as { term: string; n: number }[]).map((h) => `${h.term}（${h.n} 次）`).join('、')}。`,
    fix: '减到 10 次以内。先去掉不再使用的服务的 include，再把 a 和 mx 换成 ip4/ip6；群发和营销邮件改用子域名发送，子域名用自己的 SPF 记录（也就是它们的 Return-Path 域名，比如 news.example.com）；或者把某个 include 展开成它列出的 ip4/ip6 网段（并及时更新）。',
  },
  'spf.void-lookups': {
    title: 'SPF 查到超过 2 个不存在的名字（permerror）',
    message: (d) => `SPF 检查时遇到 ${d.count} 个不存在的名字（${list(d.names, '、')}）；超过 ${d.limit} 个，收件方就返回 permerror（RFC 7208 §4.6.4）。`,
    fix: '删掉指向已经不存在的名字的 include、a 和 mx。',
  },
  'spf.loop': {
    title: 'SPF 的 include/redirect 形成了循环',
    message: (d) => `SPF 引用形成了循环：${list(d.chain, ' → ')}（${d.term}）；收件方会返回 permerror。`,
    fix: (d) => `从 ${d.from} 的记录里删掉 ${d.term}。`,
  },
  'spf.include-missing': {
    title: 'SPF 引用（include/redirect）的目标不存在，或者没有 SPF 记录',
    message: (d) => `${d.from} 的记录里的 ${d.term}：${d.domain} ${d.outcome === 'nxdomain' ? '不存在' : '没有 SPF 记录'}，收件方查到这里就返回 permerror（RFC 7208 §5.2）。`,
    fix: (d) => `删掉 ${d.term}，或者改正名字（查看这个服务最新的 SPF 设置说明）。`,
  },
  'spf.pass-all': {
    title: 'SPF 以 +all 结尾：谁都能用这个域名发信',
    message: (d) => `SPF 记录以 +all 结尾${d.via ? `（通过 redirect 到 ${d.via}）` : ''}：互联网上任何服务器都可以用 ${d.domain} 发信。`,
    fix: (d) => (d.record ? '把记录结尾改成 ~all（或 -all）：' : '把记录结尾改成 ~all 或 -all。'),
  },
  'spf.neutral': {
    title: 'SPF 以 ?all 结尾或没有 all：对冒充不表态',
    message: (d) => `SPF 记录${d.qualifier ? '以 ?all 结尾' : '没有 all'}，没列出的服务器发来的邮件得到“neutral”：SPF 对冒充不表态。`,
    fix: (d) => (d.record ? '把记录结尾改成 ~all（或 -all）：' : '把记录结尾改成 ~all 或 -all。'),
  },
  'spf.softfail': {
    title: 'SPF 以 ~all 结尾（softfail）',
    message: 'SPF 记录以 ~all 结尾（softfail）：没列出的服务器会被怀疑，但不会只因为 SPF 就被拒收。配合强制执行的 DMARC 策略，这是常见的做法。',
    fix: '如果想只凭 SPF 就拒收冒充邮件，先把所有发信服务都列进去，再改成 -all。',
  },
  'spf.ptr': {
    title: 'SPF 记录用了 ptr 机制',
    message: (d) => `${d.domain} 的 SPF 记录用了 ptr 机制，RFC 7208 §5.5 要求不要用：它慢、不可靠，有些收件方直接忽略它。`,
    fix: '把 ptr 换成你的服务器的 ip4/ip6 网段，或者 a: 写法。',
  },
  'spf.too-long': {
    title: 'SPF 记录超过 450 字节',
    message: (d) => `SPF 记录有 ${d.bytes} 字节；超过 ${d.max} 字节时，TXT 回答可能超出 512 字节的 UDP 回答（RFC 7208 §3.4），有些收件方会判定失败。`,
    fix: '缩短记录，把地址合并成 CIDR 网段，或者挪到子域名上的一个 include 里。',
  },
  'spf.ip-not-authorized': {
    title: '发信 IP 通不过这个域名的 SPF',
    message: (d, t) => {
      const m = d.matched as { term: string; domain: string } | null;
      const matched = m ? `（匹配 ${m.term}${m.domain !== d.domain ? `，在 ${m.domain} 里` : ''}）` : '';
      const p = d.problem as { id: string; data: Data } | null;
      const why = d.result === 'permerror'
        ? `收件方得到 permerror${p ? `（${t('spf', `problem.${p.id}`, p.data)}）` : ''}`
        : d.result === 'none' ? '这个域名没有 SPF 记录' : `记录给出的结果是 ${d.result}${matched}`;
      return `从 ${d.ip} 以 ${d.sender} 发出的邮件通不过 SPF：${why}。`;
    },
    fix: (d) => (d.result === 'permerror' ? '先修好上面报告的 SPF 错误。' : `在 SPF 记录的“all”前面加上 ${d.ip}（写成 ip${String(d.ip).includes(':') ? '6' : '4'}:${d.ip}，或者加上这个 IP 所属服务的 include:）。`),
  },
  // DMARC
  'dmarc.missing': {
    title: '没有 DMARC 记录',
    message: (d) => `${list(d.searched, ' 和 ')} ${(d.searched as string[]).length > 1 ? '都' : ''}没有 DMARC 记录：收件方对冒充 ${d.domain} 的邮件不做任何处理，而 Gmail、Yahoo 和 Microsoft 要求批量发件方必须有 DMARC。`,
    fix: '发布一条 DMARC 记录（发在主域名上，子域名也一起管到）。先用 p=none 和一个你会看的邮箱，等报告显示你的邮件都通过了，再改成 quarantine：',
  },
  'dmarc.multiple': {
    title: 'DMARC 记录不止一条（收件方会当作没有）',
    message: (d) => `${d.name} 有 ${d.count} 条 DMARC 记录；这样收件方完全不执行 DMARC 策略（RFC 7489 §6.6.3）。`,
    fix: '只保留一条 v=DMARC1 记录，删掉其他的。',
  },
  'dmarc.syntax': {
    title: 'DMARC 记录无效',
    message: (d, t) => (d.kind === 'version'
      ? `${d.name} 的记录不是以“v=DMARC1”开头，收件方会忽略它（RFC 7489 §6.6.3）。`
      : `${d.name} 的 DMARC 记录无效：${(Array.isArray(d.errors) ? d.errors : []).map((e) => syntaxText(t, e)).join('；')}。`),
    fix: (d) => (d.kind === 'version' ? '把 v=DMARC1 放在最前面：' : '改正这条记录；正确的写法是：'),
  },
  'dmarc.unknown-tag': {
    title: 'DMARC 记录里有 RFC 7489 没有定义的标签（通常是拼错了）',
    message: (d) => `DMARC 记录里有 RFC 7489 没有定义的标签（${list(d.tags, '、')}）；收件方会忽略它们，这往往说明有拼写错误。`,
    fix: '改正或删掉这些标签。',
  },
  'dmarc.policy-none': {
    title: 'DMARC 策略是 none',
    message: (d) => `DMARC 策略是 p=none${d.inherited ? '（sp）' : ''}：冒充 ${d.domain} 的邮件照样会被投递，只是会产生报告。`,
    fix: '先看报告，确认你自己的邮件都通过了对齐的 SPF 或 DKIM，再启用强制策略：',
  },
  'dmarc.partial': {
    title: 'DMARC 策略只对一部分邮件生效（pct 小于 100）',
    message: (d) => `pct=${d.pct}：策略只对 ${d.pct}% 没通过的邮件生效。`,
    fix: '确认没问题以后，去掉 pct（默认就是 100）：',
  },
  'dmarc.no-reports': {
    title: '没有 DMARC 汇总报告地址（rua）',
    message: 'DMARC 记录没有 rua= 地址，你收不到汇总报告，也就看不到谁在用你的域名发信。',
    fix: '加一个你会看的 rua= 邮箱（或者 DMARC 报告服务）：',
  },
  'dmarc.invalid-report-uri': {
    title: 'DMARC 报告地址不是有效的 mailto: 地址',
    message: (d) => `${d.tag}=${d.uri} 不是有效的 mailto: 地址，报告不会发到那里。`,
    fix: (d) => `写成 ${d.tag}=mailto:reports@example.com（多个地址用英文逗号隔开）。`,
  },
  'dmarc.external-unauthorized': {
    title: 'DMARC 报告发往另一个域名，但对方没有授权',
    message: (d) => `报告发往 ${d.destination}，不在 ${d.domain} 之内，但 ${d.destination} 没有授权接收（${d.name} 没有 v=DMARC1 记录）；收件方会丢掉这些报告（RFC 7489 §7.1）。`,
    fix: (d) => `请 ${d.destination} 的管理方在他们的域名里发布这条记录（报告服务在你注册域名时一般会自动发布）：`,
  },

  // DKIM
  'dkim.not-found': {
    title: '探测的选择器上都没有 DKIM 密钥（无法确认 DKIM）',
    message: (d, t) => {
      if (d.kind === 'selector') return `${d.selector}._domainkey.${d.domain} 没有 DKIM 密钥（这是 --selector 指定的选择器）。`;
      const hints = (d.providers as string[]).map((id) => t('labels', `dkim-hint.${id}`));
      return `无法确认 DKIM：${d.probed} 个常用选择器在 <selector>._domainkey.${d.domain} 都没有密钥。DNS 列不出所有选择器，所以这不能证明没有 DKIM。${hints.length ? `${hints.join('。')}。` : ''}`;
    },
    fix: (d) => (d.kind === 'selector'
      ? '先在你发出的邮件的 DKIM-Signature 头里看 s= 标签，确认选择器没写错，再确认密钥记录已经发布。'
      : `先在你发出的邮件的 DKIM-Signature 头里找到 s= 标签（就是选择器），再运行 \`mailcheck domain ${d.domain} --selector <selector>\`。如果邮件没有签名，到邮箱服务商后台开启 DKIM。`),
  },
  'dkim.weak-key': {
    title: 'RSA DKIM 密钥太短',
    message: (d) => (d.broken
      ? `${d.name} 的 RSA 密钥只有 ${d.bits} 位；验证方会拒绝小于 1024 位的密钥（RFC 8301 §3.2），所以它的签名都不通过。`
      : `${d.name} 的 RSA 密钥是 ${d.bits} 位；建议用 2048 位（RFC 8301、Google 发件人指南）。`),
    fix: '先用新的选择器生成一把 2048 位密钥并发布，再把签名切换过去，最后吊销旧密钥（p= 留空）。',
  },
  'dkim.revoked': {
    title: '已吊销的 DKIM 密钥（p= 为空）',
    message: (d) => `${d.name} 的密钥已吊销（p= 为空）；用选择器 ${d.selector} 的签名都会失败。`,
    fix: '如果刚换过密钥，这没问题；否则要确认邮件是用一个有密钥的选择器签名的。',
  },
  'dkim.testing': {
    title: 'DKIM 密钥处于测试模式（t=y）',
    message: (d) => `${d.name} 的密钥处于测试模式（t=y）：验证方可能把它的签名当作没签名。`,
    fix: '签名正常以后，从记录里删掉 t=y。',
  },
  'dkim.malformed': {
    title: 'DKIM 密钥记录用不了',
    message: (d, t) => (d.kind === 'multiple'
      ? `${d.name} 有 ${d.count} 条 DKIM 密钥记录；验证方会随便挑一条，或者直接失败（RFC 6376 §3.6.2.2）。`
      : `${d.name} 的 DKIM 密钥用不了：${(Array.isArray(d.errors) ? d.errors : []).map((e) => syntaxText(t, e)).join('；')}。用这个选择器的签名都会失败。`),
    fix: (d) => (d.kind === 'multiple' ? '每个选择器只保留一条密钥记录。' : '按邮件服务器或服务商生成的内容原样发布密钥记录（v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>）。'),
  },

  // Provider
  'provider.spf-include-missing': {
    title: 'SPF 没有包含本域名邮箱服务商的 include',
    message: (d) => `MX 记录指向 ${d.name}，但 SPF 记录没有包含 ${d.include}：你们通过 ${d.name} 发出的邮件 SPF 都不通过。`,
    fix: (d) => `在 SPF 记录里（“all”前面）加上 include:${d.include}。`,
  },

  // Reverse DNS
  'rdns.missing': {
    title: '这个地址没有 PTR 记录',
    message: (d) => `${then(rdnsWho(d))}没有 PTR 记录；没有正确反向解析的 IP 发来的邮件，Gmail、Yahoo 和 Microsoft 会拒收或放进垃圾邮件。`,
    fix: (d) => `请 ${d.ip} 的所有者（你的主机商或网络运营商）把它的 PTR 设成你的邮件服务器主机名，再给这个主机名加一条指向 ${d.ip} 的 A/AAAA 记录。`,
  },
  'rdns.mismatch': {
    title: 'PTR 名字解析不回这个地址（没有 FCrDNS）',
    message: (d) => `${then(rdnsWho(d))}的 PTR 是 ${list(d.ptr, '、')}，但这个名字解析不回 ${d.ip}（没有正向确认的反向解析）。`,
    fix: (d) => `给 ${(d.ptr as string[])[0]} 加一条指向 ${d.ip} 的 ${d.type} 记录，或者把 PTR 改成一个有这条记录的名字。`,
  },
  'rdns.generic': {
    title: 'PTR 名字看起来是通用名字',
    message: (d) => `PTR 名字 ${list(d.names, '、')}（${d.ip}）看起来是通用名字（由地址拼成，或者属于动态地址池）；垃圾邮件过滤器会把这种名字当作家庭宽带或没人管理的主机。`,
    fix: '把 PTR 设成你自己的、看得出是邮件服务器的名字（比如 mail.example.com）。',
  },

  // Blacklists
  'rbl.listed': {
    title: '地址或域名在黑名单（DNSBL）上',
    message: (d, t) => {
      const codes = (d.codes as string[]).map((code, i) => `${code} ${meaningText(t, (d.meanings as string[][])[i])}`.trim()).join('；');
      const reason = d.reason ? `名单给出的原因：${d.reason}` : '';
      return `${then(rblWho(d))}在黑名单 ${d.list}（${d.zone}）上：${codes}。${d.major ? '大型收件方会拒收它的邮件，或者放进垃圾邮件。' : ''}${reason}`;
    },
    fix: (d) => {
      const stop = d.kind === 'domain'
        ? '先查清这个域名为什么被列入（网站被黑、垃圾邮件里带了它的链接、账号被盗用）并处理好'
        : '先查清这个 IP 为什么发出了坏邮件（账号或脚本被盗用、开放转发、发给大量无效地址、共用 IP）并制止';
      return `${stop}，再${d.delist ? `到 ${d.delist} ` : '向名单运营方'}申请移除。`;
    },
  },
  'rbl.unchecked': {
    title: '有些黑名单没能检查',
    message: (d, t) => {
      const failed = d.failed as { list: string; status: string; detail: { id: string; data?: Data } | null }[];
      const names = failed.map((l) => `${l.list}：${l.status === 'refused' ? '被名单运营方拒绝' : (l.detail ? t('dnsbl', l.detail.id, l.detail.data) : '无法检查').replace(/^无法检查：/, '')}`);
      return `${then(rblWho(d))}有 ${failed.length} 个名单没能检查（${names.join('；')}）；就算在那里被列入，你也不会发现。`;
    },
    fix: (d, t) => {
      if (!d.advice) return '先重新运行，或者调大 --timeout；一直失败的名单可能已经停用。';
      return `${t('dnsbl', String(d.advice))}。`;
    },
  },

  // Transport
  'tls.mta-sts-missing': {
    title: '没有 MTA-STS 策略',
    message: (d) => `没有 MTA-STS 策略（_mta-sts.${d.domain} TXT）：发件方无法强制用 TLS 连你的 MX，网络上的攻击者可以把投递降级成明文。`,
    fix: (d) => `先在 https://mta-sts.${d.domain}/.well-known/mta-sts.txt 发布 MTA-STS 策略，再发布一条 _mta-sts.${d.domain} TXT 记录“v=STSv1; id=<date>”（RFC 8461）。`,
  },
  'tls.tls-rpt-missing': {
    title: '没有 TLS 报告（TLS-RPT）记录',
    message: (d) => `没有 TLS 报告记录（_smtp._tls.${d.domain} TXT）：发件方用 TLS 连不上你的 MX 时，你收不到任何报告。`,
    fix: '发布一条 TLS-RPT 记录（RFC 8460）：',
  },

  'spf.rr-type': {
    title: '发布了过时的 SPF 类型（99）记录',
    message: (d) => `${d.domain} 用过时的 SPF 记录类型（类型 99）发布了 SPF，RFC 7208 §3.1 已经废除了它：收件方只读 TXT，两份记录还会越改越不一致。`,
    fix: (d) => `删掉 SPF 类型的记录${d.hasTxt ? '' : '，再把同样的策略发布成 TXT 记录'}。`,
  },
};

export const found: Same<typeof enFound> = {
  record: (d) => `${d.name}. ${d.type} ${d.type === 'TXT' || d.type === 'SPF' ? JSON.stringify(d.value) : d.value}`,
  'mx.implicit': (d) => `没有 MX 记录；邮件会改投到域名自己的地址 ${list(d.addresses, '、')}`,
  'mx.none': '没有 MX 记录，也没有 A/AAAA 地址',
  'mx.null': (d) => `${d.domain}. MX 0 .（空 MX：不收任何邮件）`,
  'mx.host': (d) => {
    const addresses = d.ipLiteral ? 'IP 地址' : list(d.addresses) || '没有地址';
    return `${d.preference} ${d.host}${d.cname ? `（是 ${d.cname} 的别名）` : ''} → ${addresses}`;
  },
  'spf.none': (d) => `${d.domain} 没有 SPF 记录`,
  'dmarc.none': (d) => `${list(d.searched, ' 和 ')} ${(d.searched as string[]).length > 1 ? '都' : ''}没有 DMARC 记录`,
  'rdns.address': (d) => {
    const names = (d.ptr as string[]).length ? list(d.ptr) : d.status === 'missing' ? '没有 PTR' : `PTR 查询${outcomeWords(d.status)}`;
    return `${rdnsWho(d)} → ${names}${d.confirmed === true ? '（已正向确认）' : ''}`;
  },
  'rdns.none': '没有 MX 或 --ip 地址可以检查',
  'rbl.skipped': (d) => (d.notCovered ? `${d.notCovered} 个名单没有检查：区域文件里没有它们的数据（离线运行）` : '没有选择黑名单'),
  'rbl.target': (d) => `${rblWho(d)}：${(d.listed as string[]).length > 0 ? `在 ${list(d.listed, '、')} 上` : '不在黑名单上'}（已检查 ${d.checked}/${d.total} 个名单${d.failed ? `，${d.failed} 个无法检查` : ''}）`,
  'rbl.not-covered': (d) => `${d.count} 个名单没有检查：区域文件里没有它们的数据（离线运行）`,
  'rbl.none': '没有地址可以检查',
  'tls.none': (d) => `没有 ${d.standard === 'mta-sts' ? 'MTA-STS' : 'TLS-RPT'} 记录`,

  'dkim.key': (d) => {
    const where = d.cname ? `（通过 CNAME ${d.cname}）` : '';
    const key = d.revoked ? '已吊销（p= 为空）' : d.usable ? `${d.keyType} ${d.bits} 位` : `用不了的 ${d.keyType} 密钥`;
    const who = d.wildcard ? '通配记录：探测的每个选择器都返回这条记录' : d.usedBy;
    return `${d.name}${where}：${key}${d.testing ? '，测试模式（t=y）' : ''}${who ? ` —— ${who}` : ''}`;
  },
  'dkim.none': (d) => `探测了 ${d.probed} 个选择器，都没有 DKIM 密钥`,
  'provider.mailbox': (d) => `邮箱服务商（MX）：${list(d.names, '、') || '没有识别出来'}`,
  'provider.sending': (d) => `发信服务（SPF include）：${list(d.names, '、') || '没有识别出来'}`,
  'provider.signing': (d) => `正在用 DKIM 选择器的服务：${list(d.names, '、')}`,

  'dmarc.policy': (d) => `策略 ${d.policy ?? '无效'}${d.inherited ? `（继承自 ${d.from}）` : ''}，pct ${d.pct}，sp ${d.sp ?? '-'}，adkim ${d.adkim}，aspf ${d.aspf}`,
  'dmarc.reports': (d) => `报告：rua ${list(d.rua) || '无'}${(d.ruf as string[]).length ? `；ruf ${list(d.ruf)}` : ''}`,

  'spf.counts': (d) => `DNS 查询 ${d.lookups}/${d.lookupLimit}，空查询 ${d.voidLookups}/${d.voidLimit}${d.bytes !== null ? `，${d.bytes} 字节` : ''}`,
  'spf.ip': (d, t) => {
    const m = d.matched as { term: string; domain: string } | null;
    const matched = m ? `（匹配 ${m.term}${m.domain !== d.domain ? `，在 ${m.domain} 里` : ''}）` : '';
    const p = d.problem as { id: string; data: Data } | null;
    return `${d.ip} 以 ${d.sender} 发信的 SPF 结果：${d.result}${matched}${p ? `——${t('spf', `problem.${p.id}`, p.data)}` : ''}`;
  },
  // 引用树：第一行是根，之后每个 include/redirect 一行，写出它花掉的查询次数。
  'spf.tree-root': (d) => `${d.domain}  自身记录 ${d.lookups} 次查询`,
  'spf.tree-lookups': (d) => `${d.n} 次查询`,
  'spf.tree-skipped': (d) => `（没有展开：${SPF_SKIPPED[d.why as string] ?? String(d.why)}）`,
  'spf.tree-failed': (d) => `查询${outcomeWords(d.outcome)}`,
  'spf.tree-nxdomain': '不存在',
  'spf.tree-missing': '没有 SPF 记录',
  'spf.tree-status': (d) => SPF_STATUS[d.status as string] ?? String(d.status),
};
