import type { Data } from '../../core/finding.js';
import { list, syntaxText, type Text } from '../types.js';
import type { errors as enErrors } from '../en/errors.js';
import { fsReason } from './common.js';

// 简体中文：命令行自己的错误和提示，每条一行，写在 stderr 的 “mailcheck: ” 之后。

/** 为什么这段文字不是域名（net/domain-name.ts 的代码）。 */
function domainError(d: Data): string {
  switch (d.code) {
    case 'empty': return '域名是空的';
    case 'ip': return `“${d.text}”是 IP 地址，不是域名（请用 mailcheck ip ${d.detail}）`;
    case 'email': return `“${d.text}”是邮箱地址；请只写它的域名（${d.detail}）`;
    case 'not-domain': return `“${d.text}”不是域名`;
    case 'single-label': return `“${d.text}”不是完整的域名（应该像 example.com 这样）`;
    case 'too-long': return `“${d.text}”超过了 253 个字符`;
    case 'label': return `“${d.text}”不是有效的域名（“${d.detail}”这一段不对）`;
    default: return `“${d.text}”不是有效的域名`;
  }
}

/** 文件读写失败的原因（errno 代码），只写成文字，不显示原始代码。 */
function ioReason(code: unknown): string {
  switch (code) {
    case 'ENOENT': return '没有这个文件或文件夹';
    case 'EISDIR': return '这是一个文件夹，不是文件';
    case 'ENOTDIR': return '路径里有一段不是文件夹';
    case 'EACCES':
    case 'EPERM': return '没有权限';
    case 'ENAMETOOLONG': return '名字太长';
    case 'ELOOP': return '符号链接太多';
    case 'EROFS': return '文件系统是只读的';
    case 'ENOSPC': return '磁盘没有空间了';
    case 'EMFILE':
    case 'ENFILE': return '打开的文件太多';
    default: return '系统报告了错误';
  }
}

/** commander 有建议时：（是不是想写 --ip？） */
const suggestion = (d: Data) => (d.suggestion ? `（是不是想写 ${d.suggestion}？）` : '');

/** 命令行传进来的参数名（data 里的 `what`）。 */
const WHAT: Record<string, string> = { domain: '域名' };

/** 配置里的值哪里不对（按 schema 规则，cli/config.ts）。 */
function configProblem(d: Data): string {
  const e = d.expected;
  switch (d.problem) {
    case 'type': return `类型要是 ${list(e, ' 或 ')}`;
    case 'enum': return `只能是 ${list(e, '、')} 之一`;
    case 'unknown-key': return `没有这个配置项（可用的有：${list(e, '、')}）`;
    case 'required': return '必须填写';
    case 'minimum': return `不能小于 ${e}`;
    case 'maximum': return `不能大于 ${e}`;
    case 'min-length': return '不能为空';
    case 'max-length': return `超过了 ${e} 个字符`;
    case 'pattern': return '格式不对';
    case 'max-items': return `超过了 ${e} 项`;
    default: return '无效';
  }
}

/** 配置里的值含义不对（cli/commands/domain.ts）。 */
function configValue(d: Data): string {
  switch (d.problem) {
    case 'domain': return `“${d.value}”不是域名`;
    case 'ip': return `“${d.value}”不是 IPv4 或 IPv6 地址`;
    case 'selector': return `“${d.value}”不是有效的 DKIM 选择器`;
    case 'check': return `没有“${d.value}”这项检查（可用的有：${list(d.checks, '、')}）`;
    case 'finding': return `没有 id 为“${d.value}”的检查结果（见 README 里的列表）`;
    case 'not-a-zone': return `“${d.value}”不是 DNS 区域名`;
    case 'skip-not-queried': return `${d.value} 不在要查询的名单里`;
    case 'no-lists': return '没有剩下可以查询的名单';
    case 'resolver': return `“${d.value}”不是 HOST[:PORT] 或 [IPv6]:PORT`;
    default: return '无效';
  }
}

export const errors: { [K in keyof typeof enErrors]: Text } = {
  domain: domainError,
  'internal-error': (d) => `内部错误：${d.message}`,
  // 全局选项
  'whole-number': (d) => `${d.flag} 要写整数，不能是“${d.value}”`,
  'number-range': (d) => `${d.flag} 必须在 ${d.min} 到 ${d.max} 之间，不能是 ${d.value}`,
  'sources-combined': (d) => `${list(d.sources, ' 和 ')} 不能同时用：只选一个查询来源`,
  'doh-http': (d) => `--doh ${d.value} 会用明文发送查询：请用 https://；http:// 只能用于本机的测试服务器（127.0.0.1、::1、localhost）`,
  'doh-credentials': '--doh 的网址里不能带用户名或密码',
  'doh-url': (d) => `--doh 要写 https:// 开头的网址，不能是“${d.value}”`,
  'resolver-address': (d) => `--resolver 要写 IP 地址，可以带端口（192.0.2.53、192.0.2.53:5353、[2001:db8::53]:53），不能是“${d.value}”`,
  'resolver-ambiguous': (d) => `--resolver ${d.value} 有歧义：端口 ${d.port} 请写 [${d.host}]:${d.port}；如果是这个地址的 53 端口，请写 [${d.value}]`,
  'zone-unreadable': (d) => `读不了区域文件 ${d.file}：${ioReason(d.reason)}`,
  'zone-not-file': (d) => `区域文件 ${d.file} 不是普通文件（是文件夹、设备或管道）`,
  'zone-empty': (d) => `区域文件 ${d.file} 里没有任何记录`,
  // commander 自己的错误，每条一行
  'usage.unknown-option': (d) => `没有 ${d.option} 这个选项${suggestion(d)}；请看 mailcheck --help`,
  'usage.unknown-command': (d) => `没有“${d.command}”这个命令${suggestion(d)}；命令有 ${(d.commands as string[]).join('、')}`,
  'usage.invalid-choice': (d) => `${d.argument} 只能是 ${(d.choices as string[]).join('、')}，不能是“${d.value}”`,
  'usage.option-missing-argument': (d) => `${d.option} 后面要写一个值；请看 mailcheck --help`,
  'usage.missing-argument': (d) => `缺少 ${d.argument}；请看 mailcheck ${d.command} --help`,
  'usage.excess-arguments': (d) => `mailcheck ${d.command} 的参数太多了；请看 mailcheck ${d.command} --help`,
  'usage.other': (d) => `${d.message}；请看 mailcheck --help`,
  'no-nameservers': (d) => `${d.file} 里没有 DNS 服务器：用 --resolver 指定一个，或者改用 --doh 或 --zone`,
  'zone-file': (d, t) => syntaxText(t, d),
  zone: (d, t) => `${d.file}:${d.line}: ${syntaxText(t, d)}`,
  'format-unknown': (d) => `--format 只能是 ${list(d.formats, '、')}，不能是“${d.value}”`,
  'format-unsupported': (d) => `mailcheck ${d.command} 不支持 --format ${d.format}（请用 ${list(d.formats, '、')}）`,
  'lang-unknown': (d) => `--lang 只能是 ${list(d.langs, '、')}，不能是“${d.value}”`,
  'json-format': (d) => `--json 不能和 --format ${d.format} 一起用`,
  'fail-on': (d) => `--fail-on 只能是 error、warning、info 或 none，不能是“${d.value}”`,
  'min-score': (d) => `--min-score 要写 0 到 100 的整数，不能是“${d.value}”`,
  // domain
  'file-read': (d) => `读不了 --file ${d.file}：${ioReason(d.reason)}`,
  'file-not-regular': (d) => `--file ${d.file} 不是普通文件（是设备或管道）；请给一个文件，或者用 - 表示标准输入`,
  'file-too-large': (d) => `--file ${d.file} 超过了 ${d.limit} 字节`,
  'file-binary': (d) => `${d.file}:${d.line}: 不是文本（二进制数据）；请每行写一个${d.entries === 'addresses' ? ' IP 地址' : '域名'}`,
  'file-utf16': (d) => `${d.file}: 是 UTF-16 编码的文本；请另存为 UTF-8`,
  'file-encoding': (d) => `${d.file}:${d.line}: 不是 UTF-8 文本；请把文件另存为 UTF-8`,
  'file-line': (d, t) => `${d.file}:${d.line}: ${t('errors', 'domain', d.error as Data)}`,
  'file-empty': (d) => `--file ${d.file} 里没有域名（只有空行和注释）`,
  'no-domains': '请至少给一个域名（或者用 --file FILE）',
  selector: (d) => `--selector ${d.value} 不是有效的 DKIM 选择器`,
  'ip-option': (d) => `--ip ${d.value} 不是 IPv4 或 IPv6 地址`,
  concurrency: (d) => `--concurrency 要写 1 到 256 的整数，不能是“${d.value}”`,
  'check-unknown': (d) => `${d.flag} 后面要写检查项名称（${list(d.checks, '、')}），不能是“${d.value}”`,
  'no-checks': '--only 和 --skip 选完后没有剩下要做的检查',
  shard: (d) => `--shard 要写 K/N，即 N 份里的第 K 份（1 ≤ K ≤ N ≤ 10000），不能是“${d.value}”`,
  'resume-format': '--resume 读取并接着写 NDJSON 输出：请和 --format ndjson 一起用',
  'resume-read': (d) => `读不了 --resume ${d.file}：${ioReason(d.reason)}`,
  'unordered-format': '--unordered 只用于流式输出：请和 --format ndjson 或 csv 一起用',
  'output-open': (d) => `写不了 --output ${d.file}：${ioReason(d.reason)}`,
  'step-summary-write': (d) => `警告：写不了作业摘要（GITHUB_STEP_SUMMARY）${d.file}：${ioReason(d.reason)}`,
  'config-json': (d) => `${d.file}${d.line ? `:${d.line}:${d.column}` : ''}：不是有效的 JSON`,
  'config-invalid': (d) => `${d.file}：${d.key}：${configProblem(d)}`,
  'config-value': (d) => `${d.file}：${d.key}：${configValue(d)}`,
  'config-read': (d) => `读不了配置文件 ${d.file}：${ioReason(d.reason)}`,
  'config-too-large': (d) => `配置文件 ${d.file} 超过了 ${d.limit} 字节`,
  'baseline-read': (d) => `读不了 --baseline ${d.file}：${ioReason(d.reason)}（先用 --update-baseline 生成）`,
  'baseline-invalid': (d) => `--baseline ${d.file} 不是 mailcheck 的基线文件（先用 --update-baseline 生成）`,
  'baseline-write': (d) => `写不了 --baseline ${d.file}：${ioReason(d.reason)}`,
  'baseline-needs-file': '--update-baseline 要配合 --baseline FILE（或者配置里的 "baseline"）',
  'notice-baseline-written': (d) => `注意：已把 ${d.count} 个已知问题写进 ${d.file}`,
  'notice-baseline-hidden': (d) => `注意：隐藏了 ${d.count} 个已知问题（在基线 ${d.file} 里）`,
  // spf
  'spf-domain-is-ip': (d) => `${WHAT[d.what as string] ?? d.what}“${d.text}”是 IP 地址：请写域名（IP 地址用 --ip 传）`,
  'spf-domain': (d, t) => `${WHAT[d.what as string] ?? d.what}：${t('errors', 'domain', d.error as Data)}`,
  expect: (d) => `--expect 只能是 ${list(d.results, '、')} 之一（多个用英文逗号隔开），不能是“${d.value}”`,
  'spf-ip-required': '必须给 --ip：要检查的发信 IP 地址',
  'spf-ip': (d) => `--ip 要写 IPv4 或 IPv6 地址，不能是“${d.value}”`,
  'helo-empty': '--helo 后面要写一个名字',
  helo: (d) => `--helo 要写客户端发送的名字（不能有控制字符，最多 255 个字符），不能是“${d.value}”`,
  'ip-zone-index': (d) => `${d.flag ? `${d.flag} ` : ''}${d.value}：接口编号（%${d.zone}）不是地址的一部分；请只写地址`,
  sender: (d) => `--sender 要写 local@${d.domain} 这样的地址，不能是“${d.value}”`,
  // ip
  'max-listings': (d) => `--max-listings 要写整数，不能是“${d.value}”`,
  'no-addresses': '请至少给一个 IP 地址（或者用 --selftest）',
  'selftest-addresses': '--selftest 后面不用写地址',
  'not-an-ip': (d) => `不是 IPv4 或 IPv6 地址：“${d.value}”`,
  'ip-file-line': (d) => `${d.file}:${d.line}: 不是 IPv4 或 IPv6 地址：“${d.value}”`,
  'ip-file-empty': (d) => `${d.file} 里没有地址（只有空行和注释）`,
  'not-a-zone': (d) => `不是 DNS 区域名：“${d.zone}”`,
  'skip-not-queried': (d) => `--skip-lists：${d.zone} 不在要查询的名单里`,
  'no-lists': '没有剩下可以查询的名单',
  'only-lists-empty': '--only-lists 至少要写一个名单区域（多个用英文逗号隔开）',
  'zones-cover-no-list': (d) => `区域文件里没有这 ${d.count} 个名单的任何数据：先把名单的记录加进去，或者联网查询`,
  'notice-lists-not-covered': (d) => `注意：${d.total} 个名单里有 ${d.uncovered} 个没有检查：区域文件里没有它们的数据`,
  'warning-public-resolver': (d) => `警告：DNS 服务器 ${(d.servers as { server: string; name: string }[]).map((s) => `${s.server}（${s.name}）`).join('、')}是公共 DNS：Spamhaus、URIBL 等名单会拒绝或悄悄忽略来自公共 DNS 的查询，所以通过它查到“不在黑名单上”说明不了什么；请改用你自己的递归 DNS 服务器（--resolver），或者 Spamhaus DQS 密钥`,
  // lookup
  'record-type': (d) => `未知的记录类型“${d.value}”：请用 ${list(d.types, '、')} 之一`,
  // bounce
  'json-ndjson': '--json 和 --ndjson 不能一起用',
  'review-without-suppress': '--review 是 --suppress 写待查看名单的位置：请同时给出 --suppress FILE',
  'suppress-write': (d) => `写不了 ${d.file}：${ioReason(d.reason)}`,
  'no-messages': (d) => `${list(d.inputs, '、')} 里没有邮件：都是空的`,
  'input-error': (d, t) => `${d.file}${d.message ? `（第 ${d.message} 封）` : ''}：${t('errors', `input.${d.code}`, d)}`,

  'input.binary': '不是邮件（二进制数据）',
  'input.not-found': '没有这个文件或文件夹',
  'input.permission': '没有权限',
  'input.folder': '是一个文件夹',
  'input.not-a-file': '不是普通文件（管道、设备或套接字），没有读取',
  'input.too-large': (d) => `超过 ${Math.round(Number(d.limit) / 1048576)} MiB，已跳过（退信不会这么大）`,
  'input.other': (d) => fsReason(d.reason),
  'input.broken': (d) => `读不了：${d.reason}`,
  'input-empty': (d) => `${d.file}：是空的，没有邮件`,
};
