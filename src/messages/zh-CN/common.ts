// Helpers of the Simplified Chinese catalogue (not an area): DNS outcomes in plain words, and the few
// English sentences that still arrive inside data (DMARC/DKIM tag-list errors from src/parse/, DNS error
// details from src/dns/) until those layers give codes the way the SPF and zone parsers do. A sentence
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
  // src/parse/taglist.ts
  [/^empty tag between two ";"$/, () => '两个“;”之间是空的'],
  [/^"(.*)" is not a tag=value pair$/s, (m) => `“${m[1]}”不是 标签=值 的写法`],
  [/^"(.*)" is not a valid tag name$/s, (m) => `“${m[1]}”不是有效的标签名`],
  [/^tag "(.*)" appears more than once$/s, (m) => `标签“${m[1]}”出现了不止一次`],
  // src/parse/dmarc.ts
  [/^"v=DMARC1" must be the first tag$/, () => '“v=DMARC1”必须是第一个标签'],
  [/^the record does not start with "v=DMARC1"$/, () => '记录不是以“v=DMARC1”开头'],
  [/^(.*): the policy must be none, quarantine or reject$/s, (m) => `${m[1]}：策略只能是 none、quarantine 或 reject`],
  [/^(.*): alignment must be r \(relaxed\) or s \(strict\)$/s, (m) => `${m[1]}：对齐方式只能是 r（宽松）或 s（严格）`],
  [/^(.*): pct must be a whole number from 0 to 100$/s, (m) => `${m[1]}：pct 必须是 0 到 100 的整数`],
  [/^(.*): fo is a colon-separated list of 0, 1, d and s$/s, (m) => `${m[1]}：fo 只能是 0、1、d、s，用冒号隔开`],
  [/^(.*): the only report format is afrf$/s, (m) => `${m[1]}：报告格式只能是 afrf`],
  [/^(.*): ri is a number of seconds$/s, (m) => `${m[1]}：ri 是秒数`],
  [/^the required "p" tag \(policy\) is missing$/, () => '缺少必需的“p”标签（策略）'],
  // src/parse/dkim.ts
  [/^(.*): the version must be DKIM1$/s, (m) => `${m[1]}：版本必须是 DKIM1`],
  [/^"v=DKIM1" must be the first tag$/, () => '“v=DKIM1”必须是第一个标签'],
  [/^(.*): the key is not for email \(s= must include \* or email\)$/s, (m) => `${m[1]}：这把密钥不是给邮件用的（s= 里必须有 * 或 email）`],
  [/^(.*): sha256 is not allowed, and verifiers no longer accept sha1 alone \(RFC 8301\)$/s, (m) => `${m[1]}：没有允许 sha256，而验证方已不再接受只用 sha1（RFC 8301）`],
  [/^the required "p" tag \(public key\) is missing$/, () => '缺少必需的“p”标签（公钥）'],
  [/^p= is not valid base64$/, () => 'p= 不是有效的 base64'],
  [/^an ed25519 key must be the 32 raw key bytes \(RFC 8463\), not (\d+) bytes$/, (m) => `ed25519 密钥必须是 32 字节的原始密钥（RFC 8463），这里是 ${m[1]} 字节`],
  [/^p= is not a valid ed25519 public key$/, () => 'p= 不是有效的 ed25519 公钥'],
  [/^unknown key type k=(.*) \(verifiers know rsa and ed25519\)$/s, (m) => `未知的密钥类型 k=${m[1]}（验证方只认 rsa 和 ed25519）`],
  [/^p= holds a (.*) key, but k=rsa$/s, (m) => `p= 里是 ${m[1]} 密钥，但 k=rsa`],
  [/^p= is a PKCS#1 RSAPublicKey; DKIM needs the SubjectPublicKeyInfo form \(openssl rsa -pubout\), which most verifiers require$/, () => 'p= 是 PKCS#1 RSAPublicKey 格式；DKIM 要用 SubjectPublicKeyInfo 格式（openssl rsa -pubout），大多数验证方只认这种'],
  [/^p= is not a valid RSA public key$/, () => 'p= 不是有效的 RSA 公钥'],
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
