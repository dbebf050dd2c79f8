import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { startDnsServer } from './helpers/dns-server.js';
import { runBinary, runCli } from './helpers/run-cli.js';
import { ADDRESS_RECORDS } from './helpers/address.js';

// The built binary: a GBK contact list exported by Chinese Excel, piped in; CSV out, then the text report in Chinese.

test('mailcheck list - (the binary): GBK CSV from stdin → UTF-8 CSV with a BOM, every column kept, exit 1, summary on stderr', async () => {
  const server = await startDnsServer({ records: ADDRESS_RECORDS });
  try {
    const input = iconv.encode('姓名,邮箱,电话\n张三,zhang@qq.com,+86 138 0000 0001\n李四,li@gmial.com,\n王五,info@good.test,\n', 'gbk');
    const r = await runBinary(['--resolver', server.resolverArg, '--format', 'csv', 'list', '-'], { stdin: input });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\r\n');
    assert.equal(lines[0], '\ufeff姓名,邮箱,电话,verdict,reasons,suggestion,normalized,provider,detail');
    assert.match(lines[1]!, /^张三,zhang@qq\.com,\+86 138 0000 0001,ok,address\.free-provider,,zhang@qq\.com,QQ Mail,/);
    assert.match(lines[2]!, /^李四,li@gmial\.com,,invalid,address\.typo address\.domain-missing address\.disposable,li@gmail\.com,/);
    assert.match(lines[3]!, /^王五,info@good\.test,,risky,address\.role,/);
    assert.match(r.stderr, /^3 addresses: 1 ok, 1 risky, 1 invalid, 0 unknown\n/);
    // The same list for a Chinese-speaking user (LANG=zh_CN.UTF-8): the text report in Chinese (in-process).
    const zh = await runCli(['--resolver', server.resolverArg, 'list', '-'], { stdin: input, env: { LANG: 'zh_CN.UTF-8' } });
    assert.equal(zh.code, 1, zh.stderr);
    assert.match(zh.stdout, /✖ 无效 +#2 {2}li@gmial\.com {2}→ li@gmail\.com\n {4}address\.typo {2}gmial\.com 不存在；是不是 li@gmail\.com？/);
    assert.match(zh.stdout, /\n共 3 个地址：可用 1，有风险 1，无效 1，未知 0\n {2}按原因：/);
  } finally {
    await server.close();
  }
});
