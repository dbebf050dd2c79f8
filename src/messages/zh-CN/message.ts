import type { Data } from '../../core/finding.js';
import { list, type FindingText, type Lookup, type Text } from '../types.js';
import type { checks as enChecks, errors as enErrors, findings as enFindings, found as enFound, labels as enLabels } from '../en/message.js';

// 简体中文：`mailcheck message` 的文字。每条读取的数据字段与英文（en/message.ts）相同，占位符来自
// src/checks/message/ 各检查的 data。这个区域写在 zh-CN 目录合入之前：合入时在 zh-CN/index.ts 的
// mergeAreas(...) 里加上 `message` 即可（import * as message from './message.js'）。

type Same<T> = { [K in keyof T]: T[K] extends FindingText ? FindingText : Text };

export const checks: { [K in keyof typeof enChecks]: string } = {
  auth: '身份验证（DKIM、SPF、DMARC、反向解析、TLS）',
  header: '格式（信头和 MIME）',
  content: '内容（过滤器看到的）',
  links: '链接域名是否在黑名单上',
  bulk: '批量发信规则（Gmail、Yahoo、Microsoft）',
};

const kb = (bytes: unknown) => (Number(bytes) < 1024 ? `${Number(bytes)} 字节` : `${Math.round(Number(bytes) / 1024)} KB`);
const mb = (bytes: unknown) => `${(Number(bytes) / 1024 / 1024).toFixed(1)} MB`;
const join = (value: unknown) => list(value, '、');

function dkimReason(d: Data, t: Lookup): string {
  return t('labels', `dkim-code.${String(d.code)}`, (d.reason ?? {}) as Data);
}

function spfFix(d: Data): string {
  const why = d.ip ? `用 \`mailcheck spf ${d.domain} --ip ${d.ip}\` 可以看到原因。` : '';
  return `把你实际用来发信的服务器或发信服务加进 ${d.domain} 的 SPF 记录（对应的 include: 或 ip4:），或者改用记录里已经列出的服务器发信。${why}`;
}

function spfWho(d: Data): string {
  return d.ip ? `${d.ip} 以 ${d.domain} 的名义发信` : String(d.domain);
}

const bulkNote = (d: Data) => (d.bulk ? '；批量发信者必须通过' : '');

export const findings: Same<typeof enFindings> = {
  'auth.dkim-none': {
    title: '邮件没有 DKIM 签名',
    message: (d) => `这封邮件没有 DKIM 签名${d.fromDomain ? `（发件域名 ${d.fromDomain}）` : ''}${d.unauthenticated ? '，SPF 也没有通过：收件方会把它当成未经验证的邮件' : ''}${d.bulk ? '；批量发信者的每封邮件都必须签名' : ''}。`,
    fix: '在你的邮箱服务商或发信服务里开启 DKIM 签名（它会给你一个选择器和一条要加到 DNS 的密钥记录），然后给自己重新发一封，再检查一次。',
  },
  'auth.dkim-fail': {
    title: 'DKIM 签名验证不通过',
    message: (d, t) => `${d.domain || '（未知域名）'}${d.selector ? `（选择器 ${d.selector}）` : ''} 的 DKIM 签名验证不通过（${d.result}）：${dkimReason(d, t)}。${Number(d.others) > 0 ? '另有一个签名通过，所以收件方会忽略这一个。' : ''}`,
    fix: (d) => {
      switch (d.code) {
        case 'dkim.body-hash-mismatch': return '签名之后正文被改动过（网关或邮件列表加了页脚、免责声明，或者重新折行）：在最后一次改动之后再签名，或者去掉那个改动。';
        case 'dkim.signature-mismatch': return '签名之后被签的信头被改过，或者 DNS 里的公钥不是签名用的那把：核对 DNS 里的密钥和签名密钥是否一致，并确认途中没有程序改写 Subject、From 等被签的信头。';
        case 'dkim.key-not-found': return `在 ${d.selector}._domainkey.${d.domain} 发布公钥（服务商会给出这条记录），或者改用已经发布了密钥的选择器签名。`;
        case 'dkim.expired': return '签名在邮件到达之前就过期了（x=）：把有效期设长一些，或者不设。';
        case 'dkim.from-not-signed': return '把 From 信头加进签名：在签名的信头列表（h=）里加上 from。';
        case 'dkim.sha1': return '改用 rsa-sha256（或 ed25519-sha256）签名：收件方已不再接受 rsa-sha1。';
        case 'dkim.body-length-exceeded': return 'l= 声称的正文长度比实际的长：签名时不要用 l=。';
        default: return '检查服务商或发信服务的 DKIM 设置；`mailcheck domain` 可以检查已发布的密钥。';
      }
    },
  },
  'auth.dkim-weak-key': {
    title: 'DKIM 密钥太短',
    message: (d) => `${d.domain}（选择器 ${d.selector}）的 DKIM 密钥只有 ${d.bits} 位${Number(d.bits) < 1024 ? '，低于 1024 位的下限：收件方会把这个签名当作无效' : '；建议用 2048 位'}。`,
    fix: '在服务商那里生成一把 2048 位的密钥，用新的选择器发布，再把签名切换过去。',
  },
  'auth.spf-fail': {
    title: '发信服务器的 SPF 不通过',
    message: (d, t) => {
      if (d.result === 'permerror') {
        const p = d.problem as { id: string; data: Data } | null;
        return `${d.domain} 的 SPF 记录有错误（permerror${p ? `：${t('spf', `problem.${p.id}`, p.data)}` : ''}），收件方会当作不通过。`;
      }
      return `${spfWho(d)}，SPF 不通过${d.matched ? `（匹配到 ${d.matched}）` : ''}：这个域名的 SPF 记录不允许这台服务器发信${bulkNote(d)}。`;
    },
    fix: (d) => spfFix(d),
  },
  'auth.spf-softfail': {
    title: 'SPF 没有通过（softfail 或 neutral）',
    message: (d) => `${spfWho(d)}，SPF 结果是 ${d.result}${d.matched ? `（匹配到 ${d.matched}）` : ''}：记录里没有列出这台服务器${bulkNote(d)}。`,
    fix: (d) => spfFix(d),
  },
  'auth.spf-none': {
    title: '发信域名没有 SPF 记录',
    message: (d) => `${d.domain}（${d.source === 'return-path' ? 'Return-Path' : 'From'} 的域名）没有发布 SPF 记录${d.ip ? `，所以 ${d.ip} 不可能通过 SPF` : ''}${bulkNote(d)}。`,
    fix: (d) => `给 ${d.domain} 发布一条 SPF 记录，列出替它发信的服务器（例如 "v=spf1 include:<服务商的 SPF 域名> -all"）；\`mailcheck domain ${d.domain}\` 会给出建议。`,
  },
  'auth.dmarc-fail': {
    title: 'DMARC 不通过：SPF 和 DKIM 都没有以发件域名通过',
    message: (d) => {
      const spf = d.spf === 'pass' ? `SPF 以 ${d.spfDomain} 通过，但这个域名与 From 不对齐` : `SPF 没有通过（${d.spf ?? '未检查'}）`;
      const domains = d.dkimDomains as string[];
      const dkim = domains.length > 0 ? `DKIM 只以 ${join(domains)} 通过，与 From 不对齐` : `没有 ${d.domain} 的 DKIM 签名通过`;
      const effect = d.policy === 'reject' ? '执行这个策略的收件方会拒收' : d.policy === 'quarantine' ? '执行这个策略的收件方会放进垃圾邮件' : '暂时不会被处罚，但这样的邮件不太受信任';
      return `${d.domain} 的 DMARC 不通过：${spf}，而且${dkim}。它的策略是 p=${d.policy ?? 'none'}，所以${effect}。`;
    },
    fix: (d) => `用发件域名做 DKIM 签名（d=${d.domain}），或者用 ${d.domain} 下、SPF 允许的信封发件人（Return-Path）发信。`,
  },
  'auth.dmarc-missing': {
    title: '发件域名没有 DMARC 记录',
    message: (d) => `${d.domain} 没有 DMARC 记录（查过 ${join(d.searched)}）${d.bulk ? '：批量发信者必须发布' : ''}。`,
    fix: '发布一条 DMARC 记录；先用 p=none 加一个你会看的报告邮箱，之后再改成 p=quarantine：',
  },
  'auth.tls-missing': {
    title: '邮件是不加密（没有 TLS）送达的',
    message: (d) => `邮件从 ${d.ip} 送到 ${d.by ?? '收件方'} 时没有用 TLS（${d.protocol}）；Gmail 要求所有发信者使用 TLS${d.bulk ? '，没有 TLS 的批量邮件会被拒收' : ''}。`,
    fix: '在发信服务器上开启 TLS（STARTTLS），或者改用支持 TLS 的服务商发信。',
  },

  'header.from-invalid': {
    title: 'From 信头缺失或无效',
    message: (d) => {
      switch (d.kind) {
        case 'missing': return '邮件没有 From 信头；Gmail 会拒收。';
        case 'multiple-headers': return `邮件有 ${d.count} 个 From 信头；只能有一个。`;
        case 'multiple-addresses': return `From 信头里有 ${d.count} 个地址（“${d.value}”）；Gmail 拒收有多个发件人的邮件。`;
        case 'group': return `From 信头是一个组，而不是一个邮箱（“${d.value}”）。`;
        case 'domain-invalid': return `发件地址“${d.value}”的域名无效（${d.error}）。`;
        default: return `From 信头“${d.value}”不是有效的地址${d.error ? `（${d.error}）` : ''}。`;
      }
    },
    fix: '只用一个 From 信头，里面是一个你自己域名下的有效地址（检查邮件程序或脚本的发件人设置）。',
  },
  'header.message-id-invalid': {
    title: 'Message-ID 缺失或格式不对',
    message: (d) => (d.kind === 'missing' ? '邮件没有 Message-ID 信头；Gmail 拒收没有有效 Message-ID 的邮件。' : `Message-ID“${d.value}”不是 <唯一编号@域名> 的格式（要带尖括号）。`),
    fix: '让邮件程序或服务器自动生成 Message-ID：每封邮件一个，格式是 <随机串@你的域名>，带尖括号。',
  },
  'header.date-invalid': {
    title: 'Date 信头缺失、无法识别或时间不对',
    message: (d) => {
      switch (d.kind) {
        case 'missing': return '邮件没有 Date 信头。';
        case 'unparsable': return `Date 信头“${d.value}”不是 RFC 5322 日期格式（例如“Tue, 15 Mar 2026 09:30:00 +0800”）。`;
        case 'future': return `Date 信头（“${d.value}”）比${d.reference === 'now' ? '现在' : '邮件实际发出的时间'}晚了 ${d.hours} 小时。`;
        default: return `Date 信头（“${d.value}”）比邮件实际发出的时间早了 ${d.days} 天。`;
      }
    },
    fix: '把发信电脑的时钟和时区调准，让邮件程序自己写 Date。',
  },
  'header.duplicate': {
    title: '只能出现一次的信头出现了多次',
    message: (d) => `${d.header} 信头出现了 ${d.count} 次；RFC 5322 只允许一次，Gmail 会拒收重复的信头。`,
    fix: '删掉多出来的那个：通常是某个脚本或插件在邮件程序之外又加了一个。',
  },
  'header.mime-invalid': {
    title: '邮件格式有误（MIME、编码或换行）',
    message: (d, t) => `邮件格式有误${d.part ? `（第 ${d.part} 部分）` : ''}：${t('labels', `mime.${String(d.kind)}`, d)}。`,
    fix: (d, t) => t('labels', `mime-fix.${String(d.kind)}`, d),
  },
  'header.line-too-long': {
    title: '有一行超过 998 个字节',
    message: (d) => `${d.where === 'header' ? '信头' : '正文'}第 ${d.line} 行有 ${d.length} 个字节，${d.where === 'header' ? '信头' : '正文'}里共有 ${d.count} 行超过 ${d.limit}；RFC 5322 规定一行最多 998 个字节。`,
    fix: (d) => (d.where === 'header' ? '把过长的信头折行（邮件程序会自动折行；自己写信头的脚本必须折行）。' : '正文用 quoted-printable 或 base64 编码发送（任何邮件程序都会这样做），或者把长行断开：中转服务器会拒收或截断超过 998 字节的行，DKIM 签名也会因此失效。'),
  },
  'header.size': {
    title: '信头超过了 Gmail 的大小限制',
    message: (d) => {
      switch (d.kind) {
        case 'total': return `信头一共 ${kb(d.bytes)}；Gmail 拒收超过 ${kb(d.limit)} 的信头。`;
        case 'fields': return `邮件有 ${d.count} 个信头字段；Gmail 拒收超过 ${d.limit} 个的邮件。`;
        case 'field': return `${d.header} 信头有 ${kb(d.bytes)}；Gmail 拒收超过 ${kb(d.limit)} 的单个信头。`;
        case 'name': return `有一个信头名长 ${d.bytes} 字节；Gmail 拒收超过 ${d.limit} 字节的信头名。`;
        case 'subject': return `主题有 ${d.bytes} 个字符；Gmail 拒收超过 ${d.limit} 个字符的主题。`;
        default: return `Message-ID 有 ${d.bytes} 个字符；Gmail 拒收超过 ${d.limit} 个字符的 Message-ID。`;
      }
    },
    fix: '缩短或删掉过大的信头（通常是自定义信头，或者把整段正文写进了主题）。',
  },
  'header.undisclosed-recipients': {
    title: '没有写明收件人（群发密送）',
    message: (d) => (d.kind === 'no-to' ? '邮件没有 To 也没有 Cc：所有收件人都是密送收到的，这正是群发邮件的做法。' : `To 信头是“${d.group}:;”，没有写任何人：邮件是用密送发给所有人的，这正是群发邮件的做法。`),
    fix: '给每位买家单独发一封、把他的地址写在 To 里（邮件合并），不要一封信把所有人都放进密送。',
  },
  'header.reply-to-freemail': {
    title: '回复地址是另一家的免费邮箱',
    message: (d) => `回复会发到 ${d.replyTo}（${d.provider}），一个免费邮箱，而邮件是从 ${d.from ?? '另一个域名'}${d.fromFree ? `（${d.fromFree}）` : ''} 发出的：过滤器会把这看成诈骗邮件的特征。`,
    fix: '回复地址（Reply-To）用你自己域名下的邮箱，或者干脆不设（回复就会发到 From 地址）。',
  },
  'header.fake-reply': {
    title: '主题假装是回复或转发',
    message: (d) => `主题以“${d.prefix}”开头，但这封邮件并没有回复任何邮件（没有 In-Reply-To 或 References 信头）；Gmail 的发信指南把这种主题视为欺骗。`,
    fix: '第一次联系时不要加 Re:/Fwd:，主题直接写这封信要给对方什么。',
  },

  'content.subject-caps': {
    title: '主题全是大写字母',
    message: (d) => `主题里 ${d.ratio}% 是大写字母（“${d.subject}”）。`,
    fix: '主题按正常的大小写来写。',
  },
  'content.subject-exclaim': {
    title: '主题里感叹号或问号太多',
    message: (d) => `主题用了 ${d.marks} 个感叹号${Number(d.marks) < 3 ? '，连用或和问号混用' : ''}（“${d.subject}”）。`,
    fix: '最多用一个感叹号，不用更好。',
  },
  'content.spam-phrase': {
    title: '过滤器会扣分的说法',
    message: (d, t) => `${d.where === 'subject' ? '主题' : '正文'}里有“${d.match}”：${t('labels', `phrase.${String(d.phrase)}`)}（短语 ${d.phrase}，权重 ${d.weight}）。`,
    fix: '换成你自己的话来说；一句这样的话很少决定结果，但多句会累加。',
  },
  'content.shortener': {
    title: '链接经过了短网址',
    message: (d) => `${Number(d.count) === 1 ? '有一个链接' : `有 ${d.count} 个链接`}经过短网址 ${d.host}（${d.url}）：短网址把真正的去向藏起来，垃圾邮件正是为此使用它。`,
    fix: '直接链接到你自己域名上的页面。',
  },
  'content.link-mismatch': {
    title: '链接显示的是一个域名，实际去的是另一个',
    message: (d) => `有一个链接显示为“${d.text}”（${d.shown}），实际却指向 ${d.target}；过滤器会把这当成钓鱼。`,
    fix: '让链接文字和实际去向一致，或者用普通文字而不是网址做链接文字。',
  },
  'content.link-ip': {
    title: '链接直接指向 IP 地址',
    message: (d) => `有一个链接指向 IP 地址 ${d.host}（${d.url}），而不是域名。`,
    fix: '链接到域名。',
  },
  'content.link-insecure': {
    title: '链接或图片用的是 http://',
    message: (d) => `有 ${d.count} 个链接或图片用的是 http:// 而不是 https://（${join(d.examples)}）。`,
    fix: '链接和图片地址都用 https://。',
  },
  'content.image-heavy': {
    title: '邮件几乎全是图片',
    message: (d) => {
      if (d.kind === 'attached-images') return `邮件是 ${d.images} 张附件图片，几乎没有文字（${d.textChars} 个字符）：只有图片的邮件是垃圾邮件的特征。`;
      if (d.kind === 'image-only') return `HTML 里是 ${d.images} 张图片，几乎没有文字（${d.textChars} 个字符）：只有图片的邮件是垃圾邮件的特征，而且很多邮件客户端默认不显示图片。`;
      return `HTML 里有 ${d.images} 张图片，文字很少（${d.textChars} 个字符）。`;
    },
    fix: '把要说的内容写成文字，图片只作配图（几百个词的文字，而不是一张写着字的图片）。',
  },
  'content.html-only': {
    title: '邮件没有纯文本版本',
    message: '这封邮件只有 HTML，没有纯文本版本。',
    fix: '让邮件程序同时发两个版本（multipart/alternative，里面带 text/plain）。',
  },
  'content.missing-text-part': {
    title: 'multipart/alternative 里没有 text/plain',
    message: (d) => `${d.part ? `第 ${d.part} 部分` : '这封邮件'}是 multipart/alternative，却没有纯文本版本（${join(d.types)}）。`,
    fix: '让邮件程序在 HTML 之外再发一个纯文本版本。',
  },
  'content.parts-differ': {
    title: '纯文本和 HTML 两个版本内容不同',
    message: (d) => `纯文本版本和 HTML 版本说的不是一回事（只有 ${d.similarity}% 的词相同）。`,
    fix: '让纯文本版本和 HTML 版本是同一封信。',
  },
  'content.hidden-text': {
    title: '有读者看不到的隐藏文字',
    message: (d, t) => `有 ${d.chars} 个字符的文字对读者隐藏（${(d.kinds as string[]).map((k) => t('labels', `hidden.${k}`)).join('、')}）：“${d.sample}”。`,
    fix: '删掉隐藏文字；Gmail 的发信指南禁止隐藏内容。',
  },
  'content.clipped': {
    title: 'Gmail 会截断这封邮件',
    message: (d) => `HTML 有 ${kb(d.bytes)}；超过 ${kb(d.limit)} 的邮件 Gmail 会截断，剩下的部分藏在“[Message clipped]”后面。`,
    fix: '把 HTML 压到 100 KB 以下：不要粘贴文字处理软件的排版代码，样式只写一次，图片用链接而不是嵌入。',
  },
  'content.attachment-large': {
    title: '邮件太大',
    message: (d) => (Number(d.limit) >= 25 * 1024 * 1024
      ? `邮件发出时有 ${mb(d.bytes)}（附件经 base64 编码会变大约三分之一）；Gmail 和 Yahoo 拒收超过 25 MB 的邮件${d.largest ? `。最大的附件：${d.largest}，${mb(d.largestBytes)}` : ''}。`
      : `邮件发出时有 ${mb(d.bytes)}；很多公司的邮件服务器拒收超过 10 MB 的邮件${d.largest ? `。最大的附件：${d.largest}，${mb(d.largestBytes)}` : ''}。`),
    fix: '大文件用下载链接发送（网盘或你的网站），不要作为附件。',
  },
  'content.attachment-blocked': {
    title: '附件是 Gmail 禁止的文件类型',
    message: (d) => `${d.inside ? `${d.inside} 里的 ${d.file}` : d.file} 是 .${d.extension} 文件，Gmail 拒收这类文件（放在压缩包里也一样）。`,
    fix: '不要把程序或脚本作为附件发送；放在你的网站或网盘上，发下载链接。',
  },
  'content.charset-legacy': {
    title: '用了旧的中文字符集',
    message: (d) => `${(d.where as string[]).map((w) => (w === 'header' ? '信头' : '正文')).join('和')}用了 ${join(d.charsets)}，这是旧的中文字符集：国外的收件人可能看到乱码，有些过滤器也会扣分。`,
    fix: '把邮件程序的发信编码设成 UTF-8。',
  },
  'content.hotlinked-images': {
    title: '产品图片直接引用了电商平台的图片',
    message: (d) => `有 ${d.count} 张图片是从 ${d.market} 的图片服务器（${d.host}）加载的，和抄来的平台商品页一样。`,
    fix: '把产品图片作为附件，或者放在你自己的网站上。',
  },

  'rbl.link-listed': {
    title: '链接域名在黑名单上',
    message: (d, t) => {
      const codes = (d.codes as string[]).map((code, i) => `${code} ${((d.meanings as string[][])[i] ?? []).map((m) => t('dnsbl', m)).join('；')}`.trim()).join('；');
      return `${d.via === 'from' ? '发件域名' : '链接域名'} ${d.domain} 被 ${d.list}（${d.zone}）列入：${codes}。${d.reason ? `给出的原因：${d.reason}。` : ''}会查链接黑名单的收件方会把邮件放进垃圾邮件。`;
    },
    fix: (d) => `删掉指向 ${d.domain} 的链接；如果是你自己的域名，先查清被列入的原因（网站被黑、垃圾邮件里用了它的链接），再${d.delist ? `到 ${d.delist} ` : '向名单运营方'}申请移除。`,
  },

  'bulk.unsubscribe-missing': {
    title: '批量邮件没有 List-Unsubscribe',
    message: (d) => (d.webmail
      ? `这封邮件是从 ${d.webmail} 发出的，它无法添加 List-Unsubscribe 信头，而正文里也没有告诉对方怎样退订。`
      : '这封邮件看起来是批量邮件，却没有 List-Unsubscribe 信头；Gmail 和 Yahoo 要求批量发信者提供一键退订。'),
    fix: (d) => (d.webmail
      ? '在正文里加一句简单的话，例如“如果您不想再收到我们的邮件，请回复‘unsubscribe’”，并认真处理每一个这样的回复。'
      : '加上 "List-Unsubscribe: <https://…>, <mailto:…>" 和 "List-Unsubscribe-Post: List-Unsubscribe=One-Click"（发信服务都有这个设置），正文里再放一个看得见的退订链接。'),
  },
  'bulk.unsubscribe-not-one-click': {
    title: 'List-Unsubscribe 不是一键退订（RFC 8058）',
    message: (d) => {
      const why: string[] = [];
      if (!d.https) why.push(d.mailto ? '只有 mailto: 地址，没有 https:// 地址' : '没有 https:// 地址');
      if (d.post === null) why.push('缺少 List-Unsubscribe-Post');
      else if (d.post !== 'List-Unsubscribe=One-Click') why.push(`List-Unsubscribe-Post 是“${d.post}”，不是正好“List-Unsubscribe=One-Click”`);
      return `List-Unsubscribe 不是一键退订：${why.join('；')}。`;
    },
    fix: '在 List-Unsubscribe 里给一个收到 POST 就退订的 https:// 地址，并加上一字不差的 "List-Unsubscribe-Post: List-Unsubscribe=One-Click"。',
  },
  'bulk.unsubscribe-unsigned': {
    title: '退订信头没有被签名',
    message: (d) => `没有一个有效的 DKIM 签名同时覆盖 List-Unsubscribe 和 List-Unsubscribe-Post（RFC 8058 §3.1）${Number(d.signatures) === 0 ? '；根本没有通过的签名' : ''}。`,
    fix: '在 DKIM 签名的信头列表（h=）里加上 list-unsubscribe 和 list-unsubscribe-post。',
  },
};

export const found: { [K in keyof typeof enFound]: Text } = {
  'message.draft': (d) => `这是草稿或没有经过收信的副本（没有 Received 行，也没有 DKIM 签名）：身份验证要看收到的副本。给自己在另一家服务商的邮箱（例如 Gmail）发一封，存成 .eml 再检查，或者加上 --ip。${d.fromDomain ? `\`mailcheck domain ${d.fromDomain}\` 可以检查这个域名的记录。` : ''}`,
  'message.sent-from': (d) => `从 ${d.ip}${d.rdns ? `（${d.rdns}）` : ''}发出${d.helo ? `，HELO ${d.helo}` : ''}${d.by ? `，送到 ${d.by}` : ''}${d.source === 'option' ? '（--ip）' : ''}${d.tls === true ? '，TLS' : d.tls === false ? '，没有 TLS' : ''}`,
  'message.submission-only': (d) => `这份副本只记录了你自己上传到 ${d.by ?? '你的服务商'}（来自 ${d.ip}）这一步：无法据此判断 SPF。把副本发到另一家服务商的邮箱，或者加上 --ip。`,
  'message.no-ip': '没有带公网地址的 Received 行：没有检查 SPF 和反向解析（可以加上 --ip）',
  'message.dkim': (d) => `DKIM d=${d.domain || '?'} s=${d.selector || '?'} ${d.algorithm}${d.keyBits ? ` ${d.keyBits} 位 ${d.keyType}` : ''}：${d.result}${d.result === 'pass' ? (d.aligned ? '（与 From 对齐）' : '（与 From 不对齐）') : ''}${Number(d.unsignedBodyBytes) > 0 ? `；l= 让正文有 ${d.unsignedBodyBytes} 个字节没有被签名` : ''}`,
  'message.spf': (d) => `SPF ${d.ip} 对 ${d.domain}（${d.source === 'return-path' ? 'Return-Path' : 'From'}）：${d.result}${d.matched ? `（${d.matched}）` : ''}${d.result === 'pass' ? (d.aligned ? '，与 From 对齐' : '，与 From 不对齐') : ''}`,
  'message.spf-record': (d) => `${d.domain} 的 SPF 记录：${d.present ? '已发布（没有发信 IP 可以判断）' : '没有'}`,
  'message.dmarc': (d) => `DMARC ${d.recordDomain}${d.inherited ? '（组织域名）' : ''} p=${d.policy ?? 'none'}：${d.pass === true ? '通过' : d.pass === false ? '不通过' : '无法判断'}`,
  'message.rdns': (d) => `${d.ip} 的反向解析：${d.status === 'ok' ? `${join(d.ptr)}${d.confirmed === true ? '（正向确认）' : d.confirmed === false ? '（解析不回这个地址）' : ''}` : d.status === 'missing' ? '没有 PTR' : `无法检查（${d.status}）`}`,
  'message.auth-results': (d) => `${d.server || '某个收件方'}的结论：${list(d.results, ' ') || '（无）'}（仅供参考，不作为我们的判断）`,
  'message.arc': (d) => `ARC：${d.sets} 组，链 ${d.chain ?? '未知'}${(d.sealers as string[]).length ? `，封印方 ${join(d.sealers)}` : ''}（仅显示，未验证）`,
  'message.from': (d) => `发件人：${d.name ? `${d.name} ` : ''}<${d.address}>`,
  'message.subject': (d) => `主题：${d.subject}`,
  'message.size': (d) => `${kb(d.bytes)}，${d.fields} 个信头字段（${kb(d.headerBytes)}），${d.parts} 个 MIME 部分，换行方式 ${d.newline}`,
  'message.links': (d) => `${d.links} 个链接，${d.images} 张图片，${d.domains} 个域名`,
  'message.attachments': (d) => `${d.count} 个附件（${mb(d.bytes)}）：${join(d.names)}`,
  'message.link-domain': (d) => `${d.domain}${d.via === 'from' ? '（发件域名）' : ''}：${(d.listed as string[]).length ? `被列入 ${join(d.listed)}` : '未被列入'}（查了 ${d.total} 个名单中的 ${d.checked} 个）`,
  'message.link-domains-omitted': (d) => `另有 ${d.count} 个链接域名没有检查（只查前 50 个）`,
  'message.bulk-not-applied': (d) => `看起来不是批量邮件（没有 List-Unsubscribe、List-Id、Precedence: bulk 或发信服务的信头）：加上 --bulk 可以按这些规则判断${d.webmail ? `；发自 ${d.webmail}` : ''}`,
  'message.bulk-signals': (d) => `按批量邮件判断：${d.forced ? '--bulk' : ''}${d.forced && (d.signals as string[]).length ? '，' : ''}${join(d.signals)}${d.esp ? `（经 ${d.esp} 发出）` : ''}${d.webmail ? `（发自 ${d.webmail}）` : ''}`,
  'message.bulk-rule': (d, t) => {
    const codes = d.codes as Record<string, string>;
    const named = Object.entries(codes).map(([p, c]) => `${t('labels', `provider.${p}`)} ${c}`).join('，');
    return `${d.status === 'pass' ? '✔' : d.status === 'fail' ? '✖' : '?'} ${t('labels', `bulk-rule.${String(d.rule)}`)}${named ? `（不满足时：${named}）` : ''}`;
  },
  'message.opt-out-sentence': (d) => `发自 ${d.webmail}，无法添加 List-Unsubscribe：正文里已经告诉对方怎样退订，这正是这类邮件能做到的`,
};

const dkimCodes: Record<string, Text> = {
  'dkim.pass': '验证通过',
  'dkim.body-hash-mismatch': '签名之后正文被改动过（正文哈希不符）',
  'dkim.signature-mismatch': '被签的信头改过，或者 DNS 里的公钥不是签名用的那把',
  'dkim.body-length-exceeded': 'l= 声称的正文比实际的长',
  'dkim.expired': '邮件到达时签名已经过期（x=）',
  'dkim.future-timestamp': '签名的时间在未来（t=）',
  'dkim.sha1': '用的是 rsa-sha1，收件方已不再接受',
  'dkim.key-too-small': '密钥不到 1024 位',
  'dkim.header-limit': '信头太大，无法判断',
  'dkim.syntax': '签名字段格式有误',
  'dkim.version-unsupported': '未知的 DKIM 版本（v=）',
  'dkim.algorithm-unsupported': '未知的算法（a=）',
  'dkim.canonicalization-unsupported': '未知的规范化方式（c=）',
  'dkim.query-unsupported': '未知的密钥查询方式（q=）',
  'dkim.identity-mismatch': 'i= 不在 d= 之下',
  'dkim.from-not-signed': '签名没有覆盖 From 信头（h=）',
  'dkim.key-not-found': '这个选择器下没有发布公钥',
  'dkim.key-syntax': '发布的密钥记录格式有误',
  'dkim.key-revoked': '发布的密钥已被撤销（p= 为空）',
  'dkim.key-type-mismatch': '发布的密钥类型和签名不一致',
  'dkim.key-hash-not-allowed': '密钥记录不允许这种哈希（h=）',
  'dkim.key-service': '密钥记录不是给邮件用的（s=）',
  'dkim.key-strict-subdomain': '密钥禁止给子域名签名（t=s）',
  'dkim.key-lookup-failed': '无法查询密钥',
};

const mime: Record<string, Text> = {
  'header-8bit': (d) => `${join(d.fields)} 里有原始的 8 位字节${d.utf8 ? '（是 UTF-8，需要每一跳都支持 SMTPUTF8）' : '，而且不是 UTF-8（旧字符集被直接写进了信头）'}`,
  'encoded-word-misplaced': (d) => `在不允许的位置用了 RFC 2047 编码字（${join(d.fields)}）`,
  'mime-version-missing': '用了 MIME 信头却没有 MIME-Version: 1.0',
  'bare-lf': (d) => `在 CRLF 换行中有 ${d.count} 行只用 LF 结尾`,
  'bare-cr': (d) => `有 ${d.count} 个单独的 CR（后面没有 LF）`,
  nul: (d) => `有 ${d.count} 个 NUL 字节`,
  'header-syntax': (d) => `有 ${d.count} 行信头既不是字段也不是续行（第 ${join(d.lines)} 行）`,
  'too-many-parts': 'MIME 部分或嵌套层数超出了我们读取的上限',
  'boundary-missing': 'multipart 部分没有 boundary 参数',
  'boundary-not-found': (d) => `正文里从来没有出现分界线“${d.boundary}”`,
  'boundary-unclosed': (d) => `缺少结束分界线“--${d.boundary}--”`,
  'content-type-invalid': (d) => `无法识别 Content-Type“${d.value}”`,
  'cte-unknown': (d) => `未知的 Content-Transfer-Encoding“${d.cte}”`,
  'cte-8bit-undeclared': (d) => `声明为 ${d.cte === 'none' ? '7bit（没有写 Content-Transfer-Encoding）' : d.cte} 的部分里有 ${d.bytes} 个 8 位字节`,
  'cte-on-multipart': (d) => `multipart 部分用了 Content-Transfer-Encoding ${d.cte}`,
  'base64-invalid': (d) => `base64 部分里有 ${d.bytes} 个不是 base64 的字节`,
  'charset-missing': '有非 ASCII 文字却没有声明字符集',
  'charset-unknown': (d) => `未知的字符集“${d.charset}”`,
  'part-header-8bit': (d) => `这一部分的信头里有原始的 8 位字节（${d.fields}）`,
  'no-header-separator': '这一部分的信头和正文之间没有空行',
};

const mimeFix: Record<string, Text> = {
  'header-8bit': '信头里的非 ASCII 文字要用 UTF-8 的 RFC 2047 编码字（邮件程序会自动做；脚本必须自己做），或者经过全程支持 SMTPUTF8 的服务器发送。',
  'encoded-word-misplaced': '地址、Message-ID 和 Date 只能用纯 ASCII；只有显示名和主题可以用编码字。',
  'mime-version-missing': '加上 "MIME-Version: 1.0"（邮件程序会加；脚本必须自己加）。',
  'bare-lf': '每一行都用 CRLF 结尾；防范 SMTP 走私的服务器会拒收单独的 LF。',
  'bare-cr': '每一行都用 CRLF 结尾，删掉零散的 CR 字符。',
  nul: '删掉 NUL 字节，或者把这些数据作为 base64 附件发送。',
  'header-syntax': '修正这些信头行：每行都是“名字: 值”，续行以空格或制表符开头。',
  'too-many-parts': '减少邮件的部分。',
  'boundary-missing': '给每个 multipart 部分一个 boundary 参数，并在正文里使用它。',
  'boundary-not-found': '让正文使用 Content-Type 里声明的分界线（邮件多半是被手工或有问题的脚本改过）。',
  'boundary-unclosed': '在 multipart 正文最后加上结束分界线（--boundary--）。',
  'content-type-invalid': 'Content-Type 写成 类型/子类型 加参数（例如 text/plain; charset=UTF-8）。',
  'cte-unknown': '只用 7bit、8bit、quoted-printable 或 base64。',
  'cte-8bit-undeclared': '非 ASCII 文字用 quoted-printable 或 base64 发送，或者声明为 8bit。',
  'cte-on-multipart': 'multipart 部分只能用 7bit、8bit 或 binary：对里面的各个部分编码。',
  'base64-invalid': '重新编码这一部分：它不是有效的 base64（常见于把普通文字当成 base64 粘进去）。',
  'charset-missing': '给每个文本部分声明字符集，例如 "Content-Type: text/plain; charset=UTF-8"。',
  'charset-unknown': '用 UTF-8。',
  'part-header-8bit': '对非 ASCII 的文件名和信头文字编码（RFC 2231 / RFC 2047）。',
  'no-header-separator': '在这一部分的信头和正文之间空一行。',
};

const phrases: Record<string, string> = {
  'en.cn-b2b-intro': '中国 B2B 群发开发信的标准自我介绍',
  'en.china-manufacture': '中国 B2B 群发邮件里的固定说法',
  'en.dear-sir-madam': '没有称呼对方名字的问候',
  'en.dear-friend': '陌生人称读者为朋友',
  'en.hope-finds-well': '开发信的模板开头',
  'en.factory-price': '价格宣传',
  'en.free-sample': '免费样品的宣传',
  'en.guaranteed-100': '绝对化的保证',
  'en.guaranteed-bang': '带感叹号的保证',
  'en.million-dollars': '谈论上百万美元',
  'en.to-be-removed': '用退订说明代替真正的退订方式',
  'en.received-this-because': '声称读者要求接收广告',
  'en.urgent-business': '紧急、保密的合作提议',
  'en.urgent-subject': '只写“紧急”的主题',
  'en.money-back': '退款承诺',
  'en.free-quote': '免费即时报价',
  'en.bad-credit': '信用修复广告',
  'en.refinance': '房贷广告',
  'en.weight-loss': '减肥广告',
  'en.financial-freedom': '致富广告',
  'en.one-time-offer': '催促购买',
  'en.join-millions': '群发广告的说法',
  'en.unclaimed-money': '诈骗诱饵',
  'en.act-now': '大写的催促',
  'en.stock-alert': '荐股',
  'en.replica-watch': '仿冒商品',
  'en.male-enhancement': '药品垃圾邮件',
  'en.html-mailer': '垃圾邮件工具给纯 HTML 邮件加的句子',
  'en.secret-transaction': '预付款诈骗的用语',
  'en.of-the-late': '遗产诈骗的用语',
  'en.lottery': '彩票诈骗',
  'en.surprise-letter': '预付款诈骗的开头',
  'en.limited-time': '催促购买',
  'en.you-have-won': '中奖诱饵',
  'en.risk-free': '广告式的承诺',
  'en.click-here': '说不清去向的链接文字',
  'zh.invoice': '代开发票类垃圾邮件',
  'zh.add-wechat': '把读者引到微信',
  'zh.free-gift': '免费领取类垃圾邮件',
  'zh.click-claim': '点击领取的号召',
  'zh.prize': '中奖诈骗',
  'zh.loan': '贷款广告',
  'zh.part-time': '兼职、刷单骗局',
  'zh.gambling': '赌博广告',
  'zh.make-money': '致富广告',
  'zh.fake-documents': '办假证类广告',
  'zh.lowest-price': '广告式的最高级说法',
  'zh.limited-sale': '催促购买',
  'zh.account-frozen': '“邮箱将被冻结”类钓鱼',
  'zh.verify-now': '要求验证账号的钓鱼',
  'zh.td-unsubscribe': '群发营销短信式的退订',
};

const hidden: Record<string, string> = {
  'display-none': 'display:none',
  'visibility-hidden': 'visibility:hidden',
  opacity: '透明度为零',
  'tiny-font': '小到看不清的字号',
  'low-contrast': '文字颜色和背景一样',
  'zero-size': '高度为零的框',
  'hidden-attribute': 'hidden 属性',
};

function prefixed(prefix: string, entries: Record<string, Text>): Record<string, Text> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [`${prefix}${k}`, v]));
}

export const labels: { [K in keyof typeof enLabels]: Text } = {
  'message.fix-first': '先改这几项：',
  'message.nothing-to-fix': '✔ 没有需要修改的',
  'message.judged-for': (d) => `按 ${d.provider} 的规则预测影响${d.domain ? `（--to ${d.domain}）` : '（默认；用 --to 域名 换成其他服务商）'}`,
  'message.title': (d) => `${d.subject}${Number(d.message) > 1 || d.mbox ? `（第 ${d.message} 封）` : ''}`,
  'message.effect': '影响：',
  'effect.reject': (d) => `${d.provider ? `${d.provider} 会拒收` : '会被拒收'}${d.code ? `：${d.code}` : ''}`,
  'effect.spam': '很可能进垃圾邮件',
  'effect.clipped': (d) => `${d.provider ?? 'Gmail'} 会截断（“[Message clipped]”）`,
  'effect.no-mitigation': (d) => `${d.provider ?? '服务商'} 不提供投递帮助（批量发信规则）`,
  'effect.risk': '有风险：有些收件方会拒收或放进垃圾邮件',
  'effect.none': '没问题',
  'provider.gmail': 'Gmail',
  'provider.microsoft': 'Outlook.com',
  'provider.yahoo': 'Yahoo',
  'provider.china': '国内邮箱（QQ、网易等）',
  'provider.other': '其他服务商',
  'bulk-rule.spf-and-dkim': 'SPF 和 DKIM 都通过',
  'bulk-rule.dmarc-published': '发件域名发布了 DMARC',
  'bulk-rule.dmarc-aligned': 'From 与 SPF 或 DKIM 对齐（DMARC 通过）',
  'bulk-rule.fcrdns': '发信 IP 有正向确认的反向解析',
  'bulk-rule.tls': '通过 TLS 发送',
  'bulk-rule.one-click-unsubscribe': '一键退订（RFC 8058），并由 DKIM 签名',
  ...(prefixed('dkim-code.', dkimCodes) as object),
  ...(prefixed('mime.', mime) as object),
  ...(prefixed('mime-fix.', mimeFix) as object),
  ...(prefixed('phrase.', phrases) as object),
  ...(prefixed('hidden.', hidden) as object),
} as { [K in keyof typeof enLabels]: Text };

export const errors: { [K in keyof typeof enErrors]: Text } = {
  'not-a-message': (d) => `${d.file}${Number(d.message) > 1 ? `（第 ${d.message} 封）` : ''}：不是邮件（开头没有信头字段）`,
  'message-empty': (d) => `${d.file}：是空的，没有邮件`,
  'no-message-files': '请给出邮件文件（.eml 或 mbox），或者用 - 从标准输入读一封',
  'to-domain': (d) => `--to 后面要跟收件人的域名（例如 gmail.com），而不是“${d.value}”`,
};
