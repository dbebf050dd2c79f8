import type { Data } from '../../core/finding.js';
import { list, syntaxText, type Lookup, type Text } from '../types.js';
import type { spf as enSpf } from '../en/spf.js';
import { outcomeWords } from './common.js';

// 简体中文：SPF 检查器的文字（`mailcheck spf`，以及 `domain --ip` 的 SPF）：结果含义、检查过程
// （`trace.<event>`）和让检查中止的问题（`problem.<id>`）。

const expIgnored: Record<string, (d: Data, t: Lookup) => string> = {
  'invalid-domain': (d) => `“${d.target}”不是有效的域名`,
  lookup: (d) => `TXT ${d.target}：查询${outcomeWords(d.outcome)}`,
  count: (d) => `TXT ${d.target}：有 ${d.count} 条记录（必须正好一条）`,
  macro: (d, t) => `TXT ${d.target}：${syntaxText(t, d.error)}`,
  expand: () => '无法展开',
};

export const spf: { [K in keyof typeof enSpf]: Text } = {
  'meaning.pass': '这个 IP 有权用这个域名发信',
  'meaning.fail': '这个域名声明：这个 IP 不能发它的邮件',
  'meaning.softfail': '这个域名声明：这个 IP 很可能没有授权（~）',
  'meaning.neutral': '这个域名对这个 IP 不表态',
  'meaning.none': '这个域名没有发布 SPF 记录',
  'meaning.temperror': '无法检查：DNS 查询失败，请稍后重试',
  'meaning.permerror': 'SPF 策略写错了，收件方无法判断',

  'problem.macro': (d, t) => `“${d.text}”里的宏无效：${syntaxText(t, d.error)}`,
  'problem.lookups': (d) => `需要查询 DNS 的写法（include、a、mx、ptr、exists、redirect）超过 ${d.max} 个`,
  'problem.void': (d) => `空查询（名字不存在或没有记录）超过 ${d.max} 次`,
  'problem.dns': (d) => `${d.type} ${d.name} 查询${outcomeWords(d.outcome)}`,
  'problem.include-error': (d) => `include:${d.target} 的结果是 ${d.result}`,
  'problem.include-none': (d) => `include:${d.target} 没有 SPF 记录`,
  'problem.mx-too-many': (d) => `mx:${d.target} 的 MX 记录超过 ${d.max} 条`,
  'problem.multiple': (d) => `${d.domain} 有 ${d.count} 条 SPF 记录（只能有一条）`,
  'problem.syntax': (d, t) => `${d.domain} 的 SPF 记录有语法错误：“${d.term}”：${syntaxText(t, d.error)}`,
  'problem.redirect-none': (d) => `redirect=${d.target} 没有 SPF 记录`,
  'problem.time': (d) => `检查时间超过了 ${d.ms} 毫秒`,

  'trace.limit-lookups': (d) => `permerror：需要查询 DNS 的写法超过 ${d.max} 个`,
  'trace.limit-void': (d) => `permerror：空查询超过 ${d.max} 次`,
  'trace.lookup-failed': (d) => `temperror：${d.type} ${d.name}：查询${outcomeWords(d.outcome)}`,
  'trace.include': (d) => `展开 include ${d.target}`,
  'trace.include-result': (d) => `${d.target} 的结果是 ${d.result}`,
  'trace.include-none': (d) => `permerror：${d.target} 没有 SPF 记录`,
  'trace.addresses': (d) => `${d.type} ${d.target}：${(d.addresses as string[]).length > 0 ? list(d.addresses) : outcomeWords(d.outcome)}`,
  'trace.mx-too-many': (d) => `permerror：${d.count} 条 MX 记录（上限 ${d.max}）`,
  'trace.mx': (d) => `MX ${d.target}：${(d.hosts as string[]).length > 0 ? list(d.hosts) : outcomeWords(d.outcome)}`,
  'trace.ptr': (d) => `验证通过的名字：${(d.names as string[]).length > 0 ? list(d.names) : '无'}`,
  'trace.txt-failed': (d) => `temperror：TXT 查询${outcomeWords(d.outcome)}`,
  'trace.no-record': (d) => `没有 SPF 记录（${d.outcome === 'answer' ? '没有以 v=spf1 开头的 TXT 记录' : outcomeWords(d.outcome)}）`,
  'trace.multiple': (d) => `permerror：${d.count} 条 SPF 记录`,
  'trace.record': (d) => `记录：${d.record}`,
  'trace.syntax': (d, t) => `permerror：${syntaxText(t, d.error)}`,
  'trace.invalid-domain': '没有 SPF 记录（不是有效的域名）',
  'trace.match': (d) => `匹配 → ${d.result}`,
  'trace.no-match': '不匹配',
  'trace.redirect': (d) => `redirect 到 ${d.target}`,
  'trace.redirect-none': 'permerror：redirect 的目标没有 SPF 记录',
  'trace.neutral-default': '没有机制匹配 → neutral',
  'trace.exp-ignored': (d, t) => `忽略说明文字：${expIgnored[d.why as string]?.(d, t) ?? d.why}`,
  'trace.explanation': (d) => `说明：${d.text}`,
  'trace.not-fqdn': '不是完整的域名 → none',
  'trace.result': (d) => `结果：${d.result}`,
  'trace.result-problem': (d, t) => {
    const p = d.problem as { id: string; data: Data };
    return `结果：${d.result}（${p.id === 'time' ? `检查时间超过了 ${p.data.ms} 毫秒` : t('spf', `problem.${p.id}`, p.data)}）`;
  },
};
