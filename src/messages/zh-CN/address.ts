import type { Data } from '../../core/finding.js';
import type { FindingText, Lookup, Text } from '../types.js';
import type * as en from '../en/address.js';

// `mailcheck address` 和 `mailcheck list` 的中文（简体）：判定的原因、地址为什么不合格式、汇总和进度、
// 读名单时的错误。同样的 id，同样的数据（见 ../en/address.ts）。

type Same<T> = { [K in keyof T]: T[K] extends FindingText ? FindingText : Text };

const list = (value: unknown) => (Array.isArray(value) ? value.join('、') : String(value ?? ''));
const at = (d: Data) => (typeof d.index === 'number' ? `（第 ${d.index + 1} 个字符）` : '');
const partName = (d: Data) => (d.part === 'domain' ? '域名部分' : '@ 前面的部分');
const n = (v: unknown) => Number(v).toLocaleString('zh-CN');

export const syntax: Same<typeof en.syntax> = {
  'address.empty': '这一格是空的',
  'address.input-too-long': (d) => `超过 ${d.max} 个字符`,
  'address.no-at': '没有 @',
  'address.multiple-at': (d) => `有不止一个 @${at(d)}；最后一个 @ 之前的 @ 必须放在引号里`,
  'address.multiple': (d) => `一格里有好几个地址，用“${d.char}”隔开${at(d)}：请每行只放一个地址`,
  'address.whitespace': (d) => `${partName(d)}里有空格${at(d)}`,
  'address.control-char': (d) => `有一个看不见的控制字符 ${d.codePoint}${at(d)}`,
  'address.fullwidth-char': (d) => `有一个全角的“${d.char}”（${d.codePoint}）${at(d)}，中文或日文输入法常会打出这种字符`,
  'address.comment': (d) => `括号里的注释放错了位置${at(d)}`,
  'address.obsolete': (d) => (d.form === 'route' ? '过时的源路由写法（<@relay:user@domain>）' : `@ 前面用了过时的写法（带引号和不带引号的词用点连在一起）${at(d)}`),
  'address.angle-unterminated': (d) => `有“<”却没有配对的“>”${at(d)}`,
  'address.angle-trailing': (d) => `“>”后面还有别的文字${at(d)}`,
  'address.local-empty': '@ 前面什么都没有',
  'address.local-too-long': (d) => `@ 前面的部分有 ${d.length} 字节（最多 ${d.max}）`,
  'address.local-char-invalid': (d) => `@ 前面不能有“${d.char}”，除非整段加上引号${at(d)}`,
  'address.leading-dot': (d) => `${partName(d)}以点开头`,
  'address.trailing-dot': (d) => `${partName(d)}以点结尾`,
  'address.double-dot': (d) => `${partName(d)}里有两个连在一起的点${at(d)}`,
  'address.quoted-unterminated': (d) => `引号（"）没有闭合${at(d)}`,
  'address.quoted-char-invalid': (d) => `引号里不能有“${d.char}”${at(d)}`,
  'address.domain-empty': '@ 后面什么都没有',
  'address.domain-too-long': (d) => `域名有 ${d.length} 字节（最多 ${d.max}）`,
  'address.domain-label-invalid': (d) => (d.char !== undefined ? `域名里不能有“${d.char}”（“${d.label}”）` : `“${d.label}”不能作为域名的一部分`),
  'address.domain-label-too-long': (d) => `域名中的“${d.label}”有 ${d.length} 个字符（最多 ${d.max}）`,
  'address.domain-no-dot': '域名里没有点（应该像 example.com 这样）',
  'address.domain-idn-invalid': (d) => `“${d.label}”不是有效的国际化域名`,
  'address.domain-trailing-dot': '域名以点结尾',
  'address.ip-unbracketed': '用 IP 地址当域名时必须放在方括号里',
  'address.ip-literal-invalid': (d) => (d.form === 'general-literal' ? '不是 IPv4 或 IPv6 的地址字面量' : '不是有效的地址字面量（[192.0.2.1] 或 [IPv6:2001:db8::1]）'),
  'address.too-long': (d) => `整个地址有 ${d.length} 字节（最多 ${d.max}）`,
  'address.ip-literal': (d) => `域名是一个 IP 地址（${d.ip}）：互联网上几乎没有邮件服务器接收这样写的地址`,
  'input.ndjson-invalid': '这一行不是有效的 JSON',
  'input.ndjson-not-object': '这一行是 JSON，但既不是对象也不是字符串',
  'input.field-missing': (d) => `这一行只有 ${d.fields} 列，没有第 ${d.column} 列`,
};

function typoStatus(d: Data): string {
  switch (d.status) {
    case 'nxdomain': return `${d.domain} 不存在`;
    case 'null-mx': return `${d.domain} 不收邮件`;
    case 'no-mail': return `${d.domain} 没有邮件服务器`;
    case 'mx-unresolvable': return `${d.domain} 的邮件服务器解析不到地址`;
    default: return `${d.domain} 没能检查`;
  }
}

export const findings: Same<typeof en.findings> = {
  'address.syntax': {
    title: '不是有效的邮箱地址',
    message: (d: Data, t: Lookup) => (d.code === 'address.ip-literal' ? `${d.address}：${t('syntax', 'address.ip-literal', d)}。` : `“${d.input}”不是有效的地址：${t('syntax', String(d.code), d)}。`),
    fix: (d: Data) => (d.suggestion ? `是不是 ${d.suggestion}？` : d.code === 'address.ip-literal' ? '请对方给一个用域名的地址。' : '改正这个地址，或者删掉这一行。'),
  },
  'address.typo': {
    title: '域名打错了；改正后的域名能收邮件',
    message: (d: Data) => `${typoStatus(d)}；是不是 ${d.suggestion}？（${d.suggested} 能收邮件）`,
    fix: (d: Data) => `把地址改成 ${d.suggestion}，或者向对方确认。`,
  },
  'address.domain-missing': {
    title: '域名不存在',
    message: (d: Data) => `域名 ${d.domain} 不存在（NXDOMAIN）：发过去会退信。`,
    fix: '先向对方核对拼写；如果没写错，可能是对方公司的域名已经过期，请删掉这个地址。',
  },
  'address.no-mail': {
    title: '这个域名不收邮件',
    message: (d: Data) => (d.kind === 'null-mx' ? `${d.domain} 声明自己不收任何邮件（空 MX，RFC 7505）。` : `${d.domain} 没有 MX 记录，也没有地址（A/AAAA）：收不了邮件。`),
    fix: '删掉这个地址，或者请对方给一个能用的地址。',
  },
  'address.mx-unresolvable': {
    title: '这个域名的邮件服务器没有地址',
    message: (d: Data) => `${d.domain} 的邮件服务器（${list(d.hosts)}）解析不到 IP 地址：邮件投递不过去。`,
    fix: '删掉这个地址，或者过几天再试：对方的邮件设置坏了。',
  },
  'address.disposable': {
    title: '一次性（临时）邮箱的域名',
    message: (d: Data) => `${d.domain} 是一次性邮箱的域名（${d.source} 列出的是 ${d.listed}）：这类邮箱几小时或几天后就失效。`,
    fix: '不要给它发营销邮件；请对方给一个长期使用的地址。',
  },
  'address.role': {
    title: '这是职能邮箱，不是某个人的邮箱',
    message: (d: Data) => `${d.local}@ 是职能邮箱（${d.role}）：由一个团队共用或者由过滤器处理，开发信发过去很少有人回，还常被标成垃圾邮件。`,
    fix: '做开发时请找到具体负责人的邮箱；职能邮箱只在对方主动要求时才发。',
  },
  'address.free-provider': {
    title: '免费邮箱',
    message: (d: Data) => `${d.name} 的免费邮箱：是个人账号，不是公司域名。`,
  },
  'address.suppressed': {
    title: '在屏蔽名单上',
    message: (d: Data) => `${d.address} 在屏蔽名单 ${d.file} 上${d.reason ? `（${d.reason}）` : ''}：以前退过信或者退订过。`,
    fix: '不要再给它发邮件。',
  },
  'address.duplicate': {
    title: '和前面某一行是同一个邮箱',
    message: (d: Data) => `和第 ${d.firstRow} 行是同一个邮箱。`,
    fix: '删掉后面这一行。',
  },
};

export const checks: { [K in keyof typeof en.checks]: string } = {
  'address-syntax': '地址格式',
  'address-suppressed': '屏蔽名单',
  'address-typo': '域名拼写错误',
  'address-mail': '这个域名能收邮件吗？',
  'address-disposable': '一次性邮箱',
  'address-role': '职能邮箱',
  'address-duplicate': '重复',
  'address-free-provider': '免费邮箱',
};

export const found: Same<typeof en.found> = {
  'address.forms': (d) => `发送时：${d.ascii}  阅读时：${d.unicode}`,
};

export const labels: Same<typeof en.labels> = {
  'address.verdict.ok': '可用',
  'address.verdict.risky': '有风险',
  'address.verdict.invalid': '无效',
  'address.verdict.unknown': '未知',
  'address.summary': (d) => `共 ${n(d.rows)} 个地址：可用 ${n(d.ok)}，有风险 ${n(d.risky)}，无效 ${n(d.invalid)}，未知 ${n(d.unknown)}`,
  'address.by-reason': '按原因：',
  'address.by-provider': '按邮箱服务商：',
  'address.other-provider': '（其他或自建服务器）',
  'address.suggestion': (d) => `→ ${d.suggestion}`,
  'address.split-written': (d) => `已分到 ${d.dir}：ok.csv ${n(d.ok)} 个，risky.csv ${n(d.risky)} 个，invalid.csv ${n(d.invalid)} 个，unknown.csv ${n(d.unknown)} 个`,
  'address.progress': (d) => `已处理 ${n(d.rows)} 行，每秒 ${n(d.rate)} 行${d.eta ? `，预计还要 ${d.eta}` : ''}`,
};

function inputError(d: Data): string {
  switch (d.code) {
    case 'input.binary':
      return d.signature === 'zip' ? '这是电子表格或 zip 文件，不是文本：请先另存为 CSV（UTF-8）' : d.signature === 'ole2' ? '这是旧版 Excel（.xls）文件，不是文本：请先另存为 CSV（UTF-8）' : d.signature === 'pdf' ? '这是 PDF，不是名单' : `是二进制数据，不是文本（第 ${d.offset} 字节）`;
    case 'input.encoding-unknown': return `不认识的 --encoding“${d.encoding}”（可以试试 utf-8、gb18030、gbk、big5、utf-16le、latin1）`;
    case 'input.record-too-long': return `第 ${d.line} 行：一行超过 ${d.max} 个字符（是不是有个引号没有闭合？）`;
    case 'input.too-many-fields': return `第 ${d.line} 行：一行超过 ${d.max} 列`;
    case 'input.csv-invalid': return `第 ${d.line} 行：CSV 读不了（${d.reason}）`;
    case 'input.column-not-found': return `没有“${d.column}”这一列；现有的列是：${list(d.columns)}`;
    case 'input.no-address-column': return `没有哪一列是邮箱地址（列：${list(d.columns)}）；请用 --column 指定`;
    default: return String(d.code);
  }
}

const reason = (r: unknown) => (r === 'no such file' ? '文件不存在' : r === 'is a folder' ? '是一个文件夹' : r === 'permission denied' ? '没有权限' : String(r));

export const errors: Same<typeof en.errors> = {
  'list-read': (d) => `读不了 ${d.file}：${reason(d.reason)}`,
  'list-input': (d) => `${d.file}：${inputError(d)}`,
  'suppress-read': (d) => `读不了 --suppress ${d.file}：${reason(d.reason)}`,
  'suppress-input': (d) => `--suppress ${d.file}：${inputError(d)}`,
  'split-out': (d) => `写不了 --split-out ${d.dir}：${reason(d.reason)}`,
};
