import type { Data } from '../../core/finding.js';
import { list, type FindingText, type Lookup, type Text } from '../types.js';
import type * as en from '../en/transport.js';
import { fsReason } from './common.js';

// 简体中文：`mailcheck domain` 的传输安全检查（MTA-STS 和 TLS 报告即 `tls` 检查、DNSSEC、DANE、
// STARTTLS 探测 --smtp、批量发信规则）。同样的 id，读取同样的数据字段（见 ../en/transport.ts；
// test/domain-findings.test.ts 逐条核对），占位符来自 src/checks/{tls,dnssec,dane,smtp,bulk-sender}.ts。

type Same<T> = { [K in keyof T]: T[K] extends FindingText ? FindingText : Text };

export const checks: { [K in keyof typeof en.checks]: string } = {
  dnssec: 'DNSSEC（DNS 签名）',
  dane: 'DANE（MX 主机的 TLSA 记录）',
  smtp: 'MX 主机的 STARTTLS（--smtp）',
  profile: '批量发信规则（Gmail、Yahoo、Microsoft）',
};

type Problem = { code: string } & Data;

/** 解析器指出的问题，列出前几条，其余的只给数量。 */
function problemsText(t: Lookup, problems: unknown, shown = 4, separator = '；'): string {
  const all = (problems as Problem[] | undefined) ?? [];
  const words = all.slice(0, shown).map((p) => t('syntax', p.code, p));
  return `${words.join(separator)}${all.length > shown ? `${separator}另外还有 ${all.length - shown} 处` : ''}`;
}

/** 拉丁文字后面接中文要空一格，全角右括号后面不空。 */
function then(text: string): string {
  return text.endsWith('）') ? text : `${text} `;
}

type Cert = { subject: string; issuer: string; validTo: string; daysLeft: number; dnsNames: string[] } | null;

function certText(c: Cert): string {
  if (!c) return '没有证书';
  const names = c.dnsNames.length > 0 ? `，适用于 ${list(c.dnsNames.slice(0, 4), '、')}${c.dnsNames.length > 4 ? '、…' : ''}` : '';
  const left = c.daysLeft < 0 ? `已过期 ${-c.daysLeft} 天` : `还剩 ${c.daysLeft} 天`;
  return `${c.subject}，签发者 ${c.issuer}${names}，有效期到 ${c.validTo.slice(0, 10)}（${left}）`;
}

/** 证书的毛病（接在“证书……：”后面）。 */
const FAULTS: Record<string, string> = {
  expired: '已过期',
  'not-yet-valid': '还没到生效日期',
  untrusted: '不是受信任的证书颁发机构（CA）签发的',
  'name-mismatch': '上面没有这个主机名',
  handshake: 'TLS 握手失败',
  other: '没有被接受',
};

function fetchFailed(d: Data): string {
  const url = String(d.url);
  switch (d.kind) {
    case 'no-address':
      return `MTA-STS 策略主机 ${d.host} 没有地址（A 或 AAAA），发件方取不到 ${url}，只能当作没有策略。`;
    case 'redirect':
      return `${url} 返回 HTTP ${d.status}${d.location ? `，重定向到 ${d.location}` : ''}；发件方不跟随重定向（RFC 8461 §3.3），所以拿不到策略。`;
    case 'status':
      return `${url} 返回 HTTP ${d.status}，不是 200：发件方拿不到策略。`;
    case 'too-large':
      return `${url} 上的策略超过了 ${d.limit} 字节${d.declared ? `（声明为 ${d.declared} 字节）` : ''}：发件方不接受这么大的内容。`;
    case 'certificate': {
      const reason = FAULTS[String(d.reason)] ?? FAULTS.other;
      const also = d.reason !== 'name-mismatch' && d.nameMatches === false ? '，上面也没有这个主机名' : '';
      return `${d.host} 的 HTTPS 证书不被接受：${reason}${also}（${d.code}）。发件方只通过有效的证书获取策略（RFC 8461 §3.3），所以拿不到策略。证书：${certText(d.certificate as Cert)}。`;
    }
    default: {
      const what = d.code === 'timeout' ? ` ${d.timeoutMs} 毫秒内没有回答` : `出错（${d.code}）`;
      return `无法获取 ${url}${d.address ? `（地址 ${d.address}）` : ''}：${d.phase === 'connect' ? '连接时' : d.phase === 'tls' ? 'TLS 协商时' : '读取回答时'}${what}，所以没有检查策略。`;
    }
  }
}

function fetchFailedFix(d: Data): string {
  switch (d.kind) {
    case 'no-address':
      return `给 ${d.host} 发布一条 A（或 AAAA、CNAME）记录，指向提供策略文件的网站服务器。`;
    case 'redirect':
      return `直接在 ${d.url} 提供策略文件，返回 HTTP 200，不要重定向。`;
    case 'status':
      return `在 ${d.url} 提供策略文件，返回 HTTP 200，Content-Type 为 text/plain。`;
    case 'too-large':
      return '策略文件里只放策略本身：几行短内容（version、mode、mx、max_age）。';
    case 'certificate':
      return `给 ${d.host} 装一张公共证书颁发机构（例如 Let's Encrypt）签发的证书，带上完整的证书链。`;
    default:
      return `先重新运行；如果一直这样，检查 ${d.host} 能否从互联网上用 443 端口访问 HTTPS。`;
  }
}

function mismatchFix(d: Data): string {
  const suggestions = d.suggestions as string[];
  const line = suggestions.map((s) => `“mx: ${s}”`).join(' 或 ');
  if (d.trap === 'microsoft-365') {
    return `在策略里把“mx: ${(d.nearMiss as { pattern: string }).pattern}”（“*.”只代替一段名字）换成 ${line}，或者把每个 Microsoft 365 MX 主机都原样列出来；再修改 _mta-sts.${d.domain} 里的 id，让发件方重新获取策略。`;
  }
  return `在策略里加上 ${line}（“*.”只代替一段名字），再修改 _mta-sts.${d.domain} 里的 id，让发件方重新获取策略。`;
}

const SMTP_PLAIN: Record<string, string> = {
  'not-advertised': 'EHLO 之后没有提供 STARTTLS',
  'ehlo-rejected': '拒绝了 EHLO，所以没法请求 STARTTLS',
  'starttls-rejected': '提供 STARTTLS，但拒绝执行',
  handshake: '提供 STARTTLS，但 TLS 握手失败',
};

/** 探测没能说明 TLS 情况的原因，几个字（found 行）。 */
const SMTP_UNCHECKED: Record<string, string> = {
  'port-blocked': '端口被封',
  'connect-timeout': '连接超时',
  'connect-refused': '连接被拒绝',
  'connect-failed': '连接失败',
  'banner-timeout': '等问候语超时',
  'banner-rejected': '会话被拒绝',
  timeout: '超时',
  'protocol-error': '回答不是 SMTP',
  'tls-timeout': 'TLS 握手超时',
  'tls-closed': 'TLS 握手时连接被关闭',
  'invalid-argument': '参数无效',
};

/** 探测为什么说明不了 TLS 情况（finding 的文字）。 */
function smtpUnchecked(d: Data): string {
  const at = `${d.host}（${d.address}，端口 ${d.port}）`;
  switch (d.reason) {
    case 'port-blocked':
      return `没有一个 MX 主机在 ${d.port} 端口回答（${list(d.hosts, '、')}）：这个网络很可能封了出站的 ${d.port} 端口（大多数家庭宽带和云服务器都这样），所以没能检查 STARTTLS——这并不说明服务器有问题。`;
    case 'connect-timeout':
      return `${at}在 ${d.timeoutMs} 毫秒内没有响应连接（路上封了 ${d.port} 端口，或者主机没开），所以没有检查 STARTTLS。`;
    case 'connect-refused':
      return `${at}拒绝了连接（服务器本身或路上的防火墙），所以没有检查 STARTTLS。`;
    case 'connect-failed':
      return `连不上 ${d.host}（${d.address}，端口 ${d.port}：${d.code}），所以没有检查 STARTTLS。`;
    case 'banner-timeout':
      return `${at}接受了连接，但 ${d.timeoutMs} 毫秒内没有发来问候语（可能是故意拖延的 tarpit），所以没有检查 STARTTLS。`;
    case 'banner-rejected':
      return `${at}用 ${d.code}“${d.text}”拒绝了会话（常见原因：对方不欢迎这个网络的地址），所以没有检查 STARTTLS。`;
    case 'timeout':
      return `${at}在 ${d.stage === 'ehlo' ? 'EHLO' : 'STARTTLS'} 时停止响应（${d.timeoutMs} 毫秒），所以没有检查 STARTTLS。`;
    case 'protocol-error':
      return `${at}的回答不像 SMTP（${d.stage} 阶段：${d.fault}），所以没有检查 STARTTLS。`;
    case 'tls-timeout':
    case 'tls-closed':
      return `${at}${d.reason === 'tls-timeout' ? '在 TLS 握手时停止响应' : '在 TLS 握手时断开了连接'}，所以没有检查 TLS。`;
    default:
      return `无法探测 ${at}（${d.reason}）。`;
  }
}

const PROVIDER: Record<string, string> = { gmail: 'Gmail', yahoo: 'Yahoo', microsoft: 'Outlook.com' };

type Requirement = { provider: string; applies: string; level: string; codes: { reply: string; enhanced: string }[]; consequence: string | null };

/** `Gmail 对批量发件方回复 421 4.7.30 / 550 5.7.30；Yahoo 要求批量发件方做到（…）`。 */
function consequences(requirements: unknown): string {
  return (requirements as Requirement[])
    .map((r) => {
      const who = PROVIDER[r.provider] ?? r.provider;
      const scope = r.applies === 'bulk' ? '批量发件方' : '所有发件方';
      if (r.codes.length > 0) return `${who} 对${scope}回复 ${r.codes.map((c) => `${c.reply} ${c.enhanced}`).join(' / ')}`;
      if (r.level === 'recommended') return `${who} 建议这样做（没有拒收代码）`;
      if (r.consequence === 'no-mitigation') return `${who} 要求${scope}做到（没有拒收代码，但出了问题不提供投递支持）`;
      if (r.consequence === 'deferral') return `${who} 要求${scope}做到（没有公布代码；它会用 421 4.7.0 [TSS04] 延迟这类邮件）`;
      return `${who} 要求${scope}做到（没有公布代码）`;
    })
    .join('；');
}

const RULE: Record<string, string> = {
  authenticated: '有 SPF 或 DKIM',
  spf: '有 SPF 且能通过',
  dkim: '有 DKIM（密钥至少 1024 位）',
  dmarc: '有 DMARC（p=none 就够）',
  alignment: 'From 域名与 SPF 或 DKIM 对齐',
  fcrdns: '每个发信 IP 都有正向确认的反向解析（FCrDNS）',
  tls: 'TLS',
  'one-click-unsubscribe': '营销邮件支持一键退订（RFC 8058）',
};

/** 让记录用不了的 SPF、DMARC 错误，几个字（SPF 和 DMARC 部分有详细说明）。 */
const FATAL: Record<string, string> = {
  'spf.missing': '没有 SPF 记录',
  'spf.multiple': '有多条 SPF 记录（permerror）',
  'spf.syntax': 'SPF 记录有语法错误（permerror）',
  'spf.too-many-lookups': 'SPF 记录需要超过 10 次 DNS 查询（permerror）',
  'spf.void-lookups': 'SPF 记录里有超过 2 个不存在的域名（permerror）',
  'spf.loop': 'SPF 记录引用了自己（permerror）',
  'spf.include-missing': 'SPF 记录引用了一个没有 SPF 的域名（permerror）',
  'dmarc.missing': '没有 DMARC 记录',
  'dmarc.multiple': '有多条 DMARC 记录',
  'dmarc.syntax': 'DMARC 记录无效',
};

/** 一条规则为什么通过、不通过或无法检查，几个字。 */
function ruleReason(d: Data): string {
  const detail = (d.detail ?? {}) as Data;
  const ips = (detail.ips as ({ ip: string; result?: string } | string)[] | undefined) ?? [];
  const ipText = ips.map((i) => (typeof i === 'string' ? i : i.result ? `${i.ip}（${i.result}）` : i.ip)).join('、');
  switch (d.reason) {
    case 'record':
      return d.rule === 'dmarc' ? `策略 ${detail.policy ?? '?'}` : '记录有效（用 --ip 给出发信 IP，才能判断你的 IP）';
    case 'ip-pass':
      return `${then(ipText)}通过`;
    case 'ip-not-pass':
      return `${then(ipText)}不通过`;
    case 'key':
      return `选择器 ${list(detail.selectors, '、')} 有密钥`;
    case 'unusable-key':
      return `选择器 ${list(detail.selectors, '、')} 没有能用的密钥（已吊销、格式错误或不到 1024 位）`;
    case 'selector-missing':
      return `选择器 ${list(detail.selectors, '、')} 没有密钥`;
    case 'not-found':
      return '探测的选择器上都没有密钥：无法确认（用 --selector 指定选择器）';
    case 'lookup-failed':
      return '有查询失败了';
    case 'spf':
    case 'dkim':
    case 'spf-and-dkim':
      return `域名自己的 ${d.reason === 'spf-and-dkim' ? 'SPF 和 DKIM' : String(d.reason).toUpperCase()}${d.rule === 'alignment' ? '（DNS 只能说明可以对齐；要看邮件的 Authentication-Results 才知道实际是否对齐）' : ''}`;
    case 'neither':
      return '域名自己的 SPF 和 DKIM 都用不了';
    case 'no-ip':
      return '用 --ip 给出发信 IP';
    case 'private-ip':
      return '--ip 给的是内网地址';
    case 'no-fcrdns':
      return `${then(ipText)}没有正向确认的 PTR`;
    case 'fcrdns':
      return `${then(ipText)}已正向确认`;
    case 'starttls':
      return `MX 支持 STARTTLS（${list(detail.hosts, '、')}；据此推测你的服务器支持 TLS）`;
    case 'no-starttls':
      return `没有一个 MX 支持 STARTTLS（${list(detail.hosts, '、')}）`;
    case 'mta-sts':
      return `有 ${detail.mode} 模式的 MTA-STS 策略（据此推测你的服务器支持 TLS）`;
    case 'no-evidence':
      return 'DNS 里看不出来：用 --smtp 探测 MX，或者发布 MTA-STS';
    case 'probe-failed':
      return 'STARTTLS 探测连不上 MX';
    case 'message':
      return '取决于每封邮件本身：用 `mailcheck message` 检查一封';
    default:
      if (String(d.reason).startsWith('spf-fails-dkim-')) return 'SPF 不通过，DKIM 又无法确认（用 --selector 指定选择器）';
      return FATAL[String(d.reason)] ?? String(d.reason);
  }
}

const ADVICE_FOR_RULE: Record<string, (d: Data) => string> = {
  authenticated: (d) => `给 ${d.domain} 发布 SPF 记录，再到邮箱服务商后台开启 DKIM 签名。`,
  spf: () => '修好 SPF 记录（见 SPF 部分），把所有用这个域名发信的服务器都列进去。',
  dkim: () => '到邮箱服务商后台开启 DKIM 签名（用 2048 位密钥），并发布它的公钥（见 DKIM 部分）。',
  dmarc: (d) => `在 _dmarc.${d.domain} 发布 DMARC 记录（先用 p=none，加一个 rua 报告地址；见 DMARC 部分）。`,
  alignment: () => '发信时用你自己域名的 Return-Path（SPF），或者用 d= 你的域名签名（DKIM）。',
  fcrdns: () => '请发信 IP 的管理方（你的主机商或邮箱服务商）设置 PTR 记录，PTR 名字要能解析回这个 IP。',
  tls: () => '在你的邮件服务器上开启 STARTTLS（用有效证书），收信和发信都要开。',
};

/** 一条没满足的批量发信规则：要求什么、为什么没满足、各服务商怎么拒收。 */
function bulkRule(rule: string): FindingText {
  return {
    title: `没有满足批量发信规则：${RULE[rule]}`,
    message: (d) => `${RULE[rule]}（${d.domain}）：${ruleReason(d)}。${consequences(d.requirements)}。`,
    fix: (d) => (ADVICE_FOR_RULE[rule] as (d: Data) => string)(d),
  };
}

export const findings: Same<typeof en.findings> = {
  // MTA-STS 和 TLS 报告（tls 检查）。
  'tls.mta-sts-invalid': {
    title: 'MTA-STS 记录或策略无效',
    message: (d, t) => {
      if (d.part === 'content-type') return `${d.url} 上的 MTA-STS 策略返回的 Content-Type 是 ${d.contentType ?? '空的'}，不是 text/plain（RFC 8461 §3.2），有些发件方会因此不用它。`;
      if (d.part === 'record') {
        return d.usable
          ? `${d.name} 的 MTA-STS 记录能用，但有问题：${problemsText(t, d.problems)}。`
          : `发件方会忽略 ${d.name} 的 MTA-STS 记录：${problemsText(t, d.problems)}。`;
      }
      const where = d.source === 'file' ? String(d.file) : String(d.url);
      return d.usable ? `MTA-STS 策略（${where}）能用，但有问题：${problemsText(t, d.problems)}。` : `发件方用不了 MTA-STS 策略（${where}）：${problemsText(t, d.problems)}。`;
    },
    fix: (d) => d.part === 'content-type'
      ? '提供策略文件时加上响应头“Content-Type: text/plain”。'
      : d.part === 'record'
        ? `在 _mta-sts.${d.domain} 只发布一条记录“v=STSv1; id=<1 到 32 位字母和数字>”。`
        : '策略文件只写这几行：“version: STSv1”、“mode: enforce”（或 testing）、每个 MX 主机一行“mx: <主机名或 *.域名>”、“max_age: <秒数，最多 31557600>”。',
  },
  'tls.mta-sts-fetch-failed': {
    title: '取不到 MTA-STS 策略',
    message: fetchFailed,
    fix: fetchFailedFix,
  },
  'tls.mta-sts-mx-mismatch': {
    title: '有 MX 主机不匹配 MTA-STS 策略',
    message: (d) => {
      const near = d.nearMiss as { reason: string; pattern: string; labels?: string[] } | null;
      const why = near?.reason === 'wildcard-depth'
        ? `（“${near.pattern}”只代替一段名字，而 ${d.host} 在那个位置有 ${(near.labels ?? []).length} 段：${list(near.labels, '、')}）`
        : near?.reason === 'wildcard-apex' ? `（“${near.pattern}”的“*”位置要有一段名字）` : '';
      const trap = d.trap === 'microsoft-365' ? '这是 Microsoft 365 的常见陷阱：它新的 MX 主机在 mx.microsoft 下面两段。' : '';
      const effect = d.mode === 'enforce'
        ? '强制执行 MTA-STS 的发件方（包括 Gmail）会拒绝投递给它：发往这个域名的邮件会失败。'
        : '测试模式（testing）下发件方照样投递，只是报告失败；改成强制模式（enforce）后就会拦下邮件。';
      return `MX ${d.host} 不匹配 MTA-STS 策略里的任何“mx:”行（${list(d.patterns, '、') || '没有'}）${why}。${effect}${trap}`;
    },
    fix: mismatchFix,
  },
  'tls.mta-sts-testing': {
    title: 'MTA-STS 策略处于测试模式（testing）',
    message: (d) => `MTA-STS 策略处于测试模式：发件方会报告 TLS 失败（通过 TLS-RPT），但照样不加密投递，所以它还没有保护邮件（max_age ${d.maxAge} 秒）。`,
    fix: (d) => `先看 TLS 报告，确认没有失败，再把策略改成“mode: enforce”，并修改 _mta-sts.${d.domain} 里的 id。`,
  },
  'tls.tls-rpt-invalid': {
    title: 'TLS 报告（TLS-RPT）记录无效',
    message: (d, t) => d.usable
      ? `${d.name} 的 TLS-RPT 记录能用，但有问题：${problemsText(t, d.problems)}。`
      : `发件方会忽略 ${d.name} 的 TLS-RPT 记录：${problemsText(t, d.problems)}。`,
    fix: '只发布一条记录，报告地址用 mailto: 或 https:（RFC 8460）：',
  },

  // DNSSEC。
  'dnssec.unsigned': {
    title: '域名没有 DNSSEC 签名',
    message: (d) => `${d.domain} 没有 DNSSEC 签名（验证型 DNS 服务器${d.resolver ? ` ${d.resolver} ` : ''}没有给出 AD）：它的记录可能被伪造，也不能用 DANE。大多数邮件域名都没有签名；这只是提示，不是错误。`,
    fix: '如果你的 DNS 服务商支持，就开启 DNSSEC，再到域名注册商那里发布 DS 记录。',
  },
  'dnssec.bogus': {
    title: 'DNSSEC 签名链坏了（bogus）',
    message: (d) => `${d.domain} 的 DNSSEC 坏了：验证型 DNS 服务器${d.resolver ? ` ${d.resolver} ` : ''}对 ${d.name} ${d.type} 回答 SERVFAIL，关掉验证（CD）后却有回答。所有做验证的 DNS 服务器（Gmail、Microsoft 和大多数运营商的）都会拒绝这个域名的记录，所以收发邮件都会失败。`,
    fix: '先到 DNS 服务商那里修好签名，或者到域名注册商那里删掉 DS 记录（没签名的域名能正常用，签名坏了的不能）。可以用 dnsviz.net 这类 DNSSEC 调试工具检查。',
  },

  // DANE。
  'dane.not-published': {
    title: '签名区域里的 MX 主机没有 DANE（TLSA）记录',
    message: (d) => `${list(d.hosts, '、')} 在有 DNSSEC 签名的区域里，但没有发布 TLSA 记录：支持 DANE（RFC 7672）的发件方无法验证你的 MX。对一般发件方来说这是可选的。`,
    fix: '在 _25._tcp.<MX 主机> 发布“3 1 1 <服务器证书公钥的 SHA-256>”，当前密钥和下一把密钥各一条。',
  },
  'dane.invalid': {
    title: 'DANE（TLSA）记录无法验证 MX',
    message: (d, t) => {
      if (d.kind === 'no-match') {
        return `${d.name} 的 TLSA 记录都和 ${d.host} 出示的证书不匹配：强制 DANE 的发件方（开启 DANE 的 Postfix、Exchange Online）不会投递给它。`;
      }
      const records = d.records as { record: string; problems: Problem[] }[];
      const words = records.slice(0, 3).map((r) => `“${r.record.slice(0, 40)}${r.record.length > 40 ? '…' : ''}”：${problemsText(t, r.problems, 2, '，')}`).join('；');
      return `${d.name} 有 ${records.length} 条 TLSA 记录 SMTP 发件方用不了${Number(d.usable) === 0 ? '（一条能用的都没有：DANE 发件方会退回到不验证证书的 TLS）' : ''}：${words}。`;
    },
    fix: (d) => d.kind === 'no-match'
      ? '发布服务器现在所用密钥的 TLSA 记录（见下），和下一把密钥的记录放在一起，再删掉过时的那条：'
      : '用途用 3（DANE-EE）或 2（DANE-TA），选择器 1，匹配类型 1：“3 1 1 <公钥的 SHA-256>”。',
  },
  'dane.unsigned': {
    title: 'TLSA 记录已发布，但没有通过 DNSSEC 验证',
    message: (d) => `${d.name} 发布了 TLSA 记录，但验证型 DNS 服务器${d.resolver ? ` ${d.resolver} ` : ''}没有验证它们（没有 AD）：DANE 发件方会忽略没有 DNSSEC 签名的 TLSA 记录。`,
    fix: (d) => `给 ${d.host} 所在的区域开启 DNSSEC 签名（并发布 DS 记录），或者删掉这些 TLSA 记录。`,
  },
  'dane.rollover': {
    title: 'TLSA 记录会让换密钥时投递中断',
    message: (d, t) => `${d.name} 的 TLSA：${(d.advice as { code: string }[]).map((a) => t('advice', a.code, a as Data)).join('')}`,
    fix: '发布两条关联：当前密钥和下一把密钥（“3 1 1” + “3 1 1”），或者“3 1 1” + 签发 CA 的“2 1 1”。',
  },

  // STARTTLS 探测。
  'smtp.no-starttls': {
    title: '有 MX 主机没有可用的 STARTTLS',
    message: (d) => `${d.host}（${d.address}）${SMTP_PLAIN[String(d.reason)] ?? '不提供 TLS'}${d.code ? `（${d.code}）` : ''}：发给它的邮件以明文传输，而 Gmail 要求发件方使用 TLS。`,
    fix: '在邮件服务器上开启 STARTTLS，证书要写有它的 MX 主机名。',
  },
  'smtp.tls-old': {
    title: '有 MX 主机只支持旧版 TLS（1.2 以前）',
    message: (d) => `${d.host} 协商出的是${d.protocol ? ` ${d.protocol}` : '未知的协议'}：TLS 1.0 和 1.1 已被废弃（RFC 8996），很多发件方已经不再使用。`,
    fix: '在邮件服务器上启用 TLS 1.2 和 1.3。',
  },
  'smtp.cert-invalid': {
    title: 'MX 主机的证书无效',
    message: (d) => `${d.host} 的证书对它无效：${(d.faults as string[]).map((f) => FAULTS[f] ?? f).join('、')}${d.verifyError ? `（${d.verifyError}）` : ''}。会检查证书的发件方（MTA-STS、DANE）不会投递；其他发件方只加密、不验证。证书：${certText(d.certificate as Cert)}。`,
    fix: (d) => `装一张公共证书颁发机构签发、写有 ${d.host} 的证书（要写 DNS 里的 MX 主机名，不只是邮箱域名），带上完整的证书链，并在到期前续期。`,
  },
  'smtp.banner-mismatch': {
    title: 'MX 主机的问候语写的是另一个主机名',
    message: (d) => `${d.host} 的问候语（banner）自称 ${d.bannerHost}。无关紧要：收件方不会凭问候语判断服务器。`,
  },
  'smtp.unchecked': {
    title: '没能检查 STARTTLS（从这里连不上 25 端口）',
    message: smtpUnchecked,
    fix: (d) => (d.reason === 'port-blocked' || d.reason === 'connect-timeout' ? '换一台允许向外连接 25 端口的服务器来探测（大多数 VPS 和邮件主机都可以）。' : '稍后再试，或者换一个网络。'),
  },

  // 批量发信规则。
  'profile.authenticated': bulkRule('authenticated'),
  'profile.spf': bulkRule('spf'),
  'profile.dkim': bulkRule('dkim'),
  'profile.dmarc': bulkRule('dmarc'),
  'profile.alignment': bulkRule('alignment'),
  'profile.fcrdns': bulkRule('fcrdns'),
  'profile.tls': bulkRule('tls'),
};

const STATUS_MARK: Record<string, string> = { pass: '✔ 通过', fail: '✖ 不通过', unknown: '? 无法检查', message: '→ 按邮件检查' };

export const found: Same<typeof en.found> = {
  'tls.policy-offline': (d) => `没有获取 MTA-STS 策略：这是离线运行（--zone）；要检查策略，用 --mta-sts-policy FILE 给出策略文件（${d.url}）`,
  'tls.policy-file': (d) => `MTA-STS 策略读自 ${d.file}（--mta-sts-policy），没有在线获取`,
  'tls.policy-fetched': (d) => `MTA-STS 策略已获取：${d.url}${d.address ? `（${d.address}）` : ''}，${d.protocol ?? 'TLS'}，证书：${certText(d.certificate as Cert)}`,
  'tls.policy-fetch': (d) => `MTA-STS 策略 ${d.url}：${d.kind === 'unreachable' ? '取不到' : d.kind === 'redirect' ? `HTTP ${d.status} 重定向（不跟随）` : d.kind === 'status' ? `HTTP ${d.status}` : d.kind === 'certificate' ? '证书不被接受' : d.kind === 'too-large' ? '太大' : '没有地址'}`,
  'tls.policy': (d) => `策略：模式 ${d.mode}，max_age ${d.maxAge} 秒，mx ${list(d.mx, '、') || '无'}`,
  'tls.policy-mx': (d) => `MX ${d.host}：${d.matched ? `匹配“mx: ${d.pattern}”` : '不匹配任何“mx:”行'}`,
  'dnssec.secure': (d) => `${d.domain}：已签名，并由 ${d.resolver ?? 'DNS 服务器'} 验证（AD）`,
  'dnssec.insecure': (d) => `${d.domain}：没有签名（验证型 DNS 服务器${d.resolver ? ` ${d.resolver} ` : ''}没有给出 AD）`,
  'dnssec.bogus': (d) => `${d.domain}：签名坏了（bogus）：${d.resolver ?? 'DNS 服务器'} 回答 SERVFAIL，关掉验证后有回答`,
  'dnssec.zone': (d) => `${d.domain}：离线运行，不知道 DNSSEC 状态（区域文件里没有验证信息）`,
  'dnssec.not-validating': (d) => `${d.domain}：不知道 DNSSEC 状态：DNS 服务器${d.resolver ? ` ${d.resolver} ` : ''}不做验证（连根区都没有 AD）；请换一个做验证的，例如 --resolver 1.1.1.1`,
  'dane.no-mx': '没能查到 MX',
  'dane.no-hosts': '没有 MX 主机可查',
  'dane.none': (d) => `${d.host}：没有 TLSA 记录（不知道它的区域是否签名：DANE 要先有 DNSSEC）`,
  'dane.provider': (d) => `${d.host}：没有 TLSA（由 ${d.provider} 运营：DANE 由服务商决定）`,
  'dane.tlsa': (d) => `${d.name}. TLSA ${d.record}${d.usable ? '' : '（SMTP 发件方用不了）'}`,
  'dane.unverified': (d) => `${d.name}：不知道 TLSA 记录是否通过了 DNSSEC 验证（${d.zone ? '离线运行' : 'DNS 服务器不做验证'}）`,
  'dane.match': (d) => `${d.host}：证书与一条 TLSA 记录匹配（用途 ${d.usage}）${d.anchorMaybeLocal ? '；信任锚可能来自本机的证书库，而不是服务器' : ''}`,
  'smtp.off': '没有探测（用 --smtp 在 25 端口探测每个 MX）',
  'smtp.no-address': (d) => `${d.host}：没有地址可探测`,
  'smtp.unchecked': (d) => `${d.host}（${d.address}，端口 ${d.port}）：没能探测（${SMTP_UNCHECKED[String(d.reason)] ?? String(d.reason)}）`,
  'smtp.plain': (d) => `${d.host}（${d.address}）：${SMTP_PLAIN[String(d.reason)] ?? '没有 TLS'}`,
  'smtp.tls': (d) => `${d.host}（${d.address}）：STARTTLS，${d.protocol ?? '?'} ${d.cipher}，证书：${certText(d.certificate as Cert)}${(d.faults as string[]).length ? `——${(d.faults as string[]).map((f) => FAULTS[f] ?? f).join('、')}` : ''}`,
  'bulk.profile': (d) => `按 ${(d.providers as string[]).map((p) => PROVIDER[p] ?? p).join('、')} 的规则${d.explicit ? '（--profile）' : ''}；“批量”指每天给该服务商发超过 5000 封邮件`,
  'bulk.rule': (d) => {
    const status = STATUS_MARK[String(d.status)] ?? String(d.status);
    const effect = d.status === 'fail' ? ` → ${consequences(d.requirements)}` : '';
    return `${status}  ${RULE[String(d.rule)] ?? d.rule}：${ruleReason(d)}${effect}`;
  },
};

/** DANE 检查的换密钥建议（transport/dane.ts 的代码）。 */
export const advice: Same<typeof en.advice> = {
  'dane.rollover-single-ee': (d) => `只有一条 DANE-EE 关联（${d.record}）：换密钥前要先发布下一把密钥的“3 1 1”，否则 DANE 发件方的邮件会投递失败。`,
  'dane.rollover-single-ta': (d) => `只有一条 DANE-TA 关联（${d.record}）：CA 一换签发证书，投递就会中断；加上下一张签发证书的关联，或者加一条服务器密钥的“3 1 1”。`,
  'dane.ee-certificate-hash': (d) => `${list(d.records, '、')} 固定的是整张证书，每次续期都会变（即使密钥没变）；建议改用“3 1 1”。`,
};

/** MTA-STS、TLS-RPT 和 TLSA 的解析问题（src/parse/{mta-sts,tls-rpt,tlsa}.ts），按代码。 */
export const syntax: Same<typeof en.syntax> = {
  'mta-sts.record-missing': '没有以“v=STSv1”开头的 TXT 字符串',
  'mta-sts.record-multiple': (d) => `有 ${d.count} 条“v=STSv1”记录（发件方会当作没有）`,
  'mta-sts.record-lookalike': (d) => `“${String(d.value).slice(0, 60)}”看起来是想写这条记录，但发件方会丢弃它（开头必须正好是“v=STSv1”，后面跟“;”）`,
  'mta-sts.record-syntax': (d) => `“${d.field}”不是“名字=值”的格式`,
  'mta-sts.record-extension-invalid': (d) => `${d.name} 的值里有语法不允许的字符`,
  'mta-sts.record-key-case': (d) => `“${d.key}=”必须写成“${d.expected}=”（区分大小写）`,
  'mta-sts.id-missing': '没有 id=',
  'mta-sts.id-invalid': (d) => `id“${d.value}”必须是 1 到 32 位字母和数字${d.reason === 'characters' ? '（不能有“-”、“.”或空格）' : ''}`,
  'mta-sts.id-duplicate': (d) => `id 写了 ${(d.values as string[]).length} 次`,
  'mta-sts.policy-too-large': (d) => `策略有 ${d.bytes} 字节，超过了 ${d.limit} 字节的上限`,
  'mta-sts.policy-not-utf8': '策略不是 UTF-8 文本',
  'mta-sts.policy-line-syntax': (d) => `第 ${d.line} 行“${String(d.text).slice(0, 60)}”不是“key: value”的格式${d.reason === 'bare-cr' ? '（有一个单独的回车符）' : ''}`,
  'mta-sts.policy-key-case': (d) => `第 ${d.line} 行：“${d.key}:”必须写成“${d.expected}:”（区分大小写）`,
  'mta-sts.policy-duplicate-key': (d) => `第 ${d.line} 行：${d.key} 又写了一次（“${d.value}”；生效的是第一个“${d.first}”）`,
  'mta-sts.policy-version-missing': '没有“version: STSv1”这一行',
  'mta-sts.policy-version-invalid': (d) => `version“${d.value}”不是 STSv1`,
  'mta-sts.policy-mode-missing': '没有“mode:”这一行',
  'mta-sts.policy-mode-invalid': (d) => `mode“${d.value}”不是 enforce、testing 或 none${d.caseOnly ? '（要写成小写）' : ''}`,
  'mta-sts.policy-max-age-missing': '没有“max_age:”这一行',
  'mta-sts.policy-max-age-invalid': (d) => `max_age“${d.value}”不是秒数`,
  'mta-sts.policy-max-age-range': (d) => `max_age ${d.value} 超过了最大值 ${d.max}（大约一年）`,
  'mta-sts.policy-mx-missing': (d) => `没有有效的“mx:”行，${d.mode} 模式下必须有`,
  'mta-sts.policy-mx-invalid': (d) => `第 ${d.line} 行：mx“${d.value}”不是主机名，也不是“*.”加域名${d.reason === 'ip-address' ? '（不能写 IP 地址）' : d.reason === 'trailing-dot' ? '（末尾不能有点）' : d.reason === 'wildcard' ? '（“*”只能单独作为第一段）' : ''}`,
  'mta-sts.policy-problems-truncated': (d) => `另外还有 ${d.omitted} 处问题`,
  'tls-rpt.record-missing': '没有以“v=TLSRPTv1”开头的 TXT 字符串',
  'tls-rpt.record-multiple': (d) => `有 ${d.count} 条“v=TLSRPTv1”记录（发件方会当作没有）`,
  'tls-rpt.record-lookalike': (d) => `“${String(d.value).slice(0, 60)}”看起来是想写这条记录，但发件方会丢弃它（开头必须正好是“v=TLSRPTv1”，后面跟“;”）`,
  'tls-rpt.record-syntax': (d) => `“${d.field}”不是“名字=值”的格式`,
  'tls-rpt.record-extension-invalid': (d) => `${d.name} 的值里有语法不允许的字符`,
  'tls-rpt.record-key-case': (d) => `“${d.key}=”必须写成“${d.expected}=”（区分大小写）`,
  'tls-rpt.rua-missing': '没有 rua=（报告发到哪里）',
  'tls-rpt.rua-duplicate': (d) => `rua 写了 ${d.count} 次（生效的是第一个）`,
  'tls-rpt.rua-uri-invalid': (d) => `“${d.uri}”${d.reason === 'http' ? '用不了（不允许 http:，要用 https:）' : d.reason === 'scheme' ? '不是 mailto: 或 https: 地址' : `不是有效的 ${d.reason}: 地址`}`,
  'tls-rpt.rua-none-valid': '没有有效的报告地址',
  'tlsa.syntax': (d) => `“${String(d.value).slice(0, 40)}”不是“用途 选择器 匹配类型 十六进制数据”的格式`,
  'tlsa.usage-pkix': (d) => `用途 ${d.usage}（PKIX）SMTP 发件方不用（RFC 7672 §3.1.3）`,
  'tlsa.usage-unknown': (d) => `未知的用途 ${d.usage}`,
  'tlsa.selector-unknown': (d) => `未知的选择器 ${d.selector}`,
  'tlsa.matching-unknown': (d) => `未知的匹配类型 ${d.matchingType}`,
  'tlsa.hash-length': (d) => `哈希是 ${d.actual} 字节，应该是 ${d.expected} 字节`,
  'tlsa.full-data-invalid': (d) => `数据不是${d.selector === 0 ? ' DER 证书' : ' DER 公钥'}`,
};

/** `mailcheck domain` 传输选项的 CLI 错误。 */
export const errors: Same<typeof en.errors> = {
  profile: (d) => `--profile 只能是 ${list(d.profiles, '、')}，不能是“${d.value}”`,
  'smtp-helo': (d) => `--helo 要写主机名，或者像 [192.0.2.1] 这样的地址，不能是“${d.value}”`,
  'mta-sts-policy-read': (d) => `读不了 --mta-sts-policy ${d.file}：${fsReason(d.reason)}`,
};
