// Helpers of the Simplified Chinese catalogue (not an area): DNS outcomes in plain words, and the few
// English sentences that still arrive inside data (DNS error details from src/dns/, LookupResult.error)
// until that layer's `reason` codes are rendered everywhere. A sentence
// not in the table below is shown as it came (test/messages-zh.test.ts feeds every one of them through).

/** A DNS outcome (dns/types.ts `Outcome`) as it reads after 查询: 查询超时, 查询出错（SERVFAIL）… */
export function outcomeWords(outcome: unknown): string {
  switch (outcome) {
    case 'timeout': return '超时';
    case 'servfail': return '出错（SERVFAIL）';
    case 'refused': return '被拒绝（REFUSED）';
    case 'error': return '出错';
    case 'nxdomain': return '名字不存在（NXDOMAIN）';
    case 'nodata': return '没有这类记录';
    case 'answer': return '有回答';
    default: return String(outcome);
  }
}

/** A file-system error code (ENOENT…) in words; other reasons as they came. */
export function fsReason(reason: unknown): string {
  switch (reason) {
    case 'ENOENT': return '文件不存在';
    case 'EISDIR': return '是一个文件夹';
    case 'EACCES':
    case 'EPERM': return '没有权限';
    default: return String(reason);
  }
}

type Rule = readonly [RegExp, (m: RegExpExecArray) => string];

// Anchored patterns with at most one unbounded group each (linear); inputs are short parser or resolver strings.
const RULES: readonly Rule[] = [
  // src/dns/ (LookupResult.error)
  [/^the zone files do not describe this domain$/, () => '区域文件里没有这个域名'],
  [/^the server answered (\S+)$/, (m) => `服务器回答 ${m[1]}`],
  [/^no answer from (\S+)$/, (m) => `${m[1]} 没有回答`],
  [/^stopped at the deadline$/, () => '到时限被中止'],
  [/^CNAME chain too long( or looping)?$/, () => 'CNAME 链太长或形成循环'],
];

/** Chinese for an English sentence a lower layer put in data (see the top of this file); other text as it came. */
export function detail(text: unknown): string {
  const s = String(text ?? '');
  for (const [pattern, words] of RULES) {
    const m = pattern.exec(s);
    if (m) return words(m);
  }
  return s;
}

/** Several of them, joined the Chinese way. */
export function details(value: unknown, separator = '；'): string {
  return Array.isArray(value) ? value.map(detail).join(separator) : detail(value);
}
